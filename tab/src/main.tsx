import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { matchRoute } from './router/router';
import { preloadView } from './SignedInRoutes';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The page's own chunk downloads beside the shell's, not after Teams detection and sign-in.
const url = new URL(window.location.href);
preloadView({ route: matchRoute(url.pathname), path: url.pathname, query: url.searchParams });
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
