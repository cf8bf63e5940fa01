import { benchClass, collabWsUrl } from './lib/noteSetup';
import { freePort, startNode, stop } from './lib/proc';
import { startBenchService } from './lib/service';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
const svc = await startBenchService();
const barePort = await freePort();
const bare = await startNode('bench/baselines/bareHocuspocus.ts', { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/`);
const cls = await benchClass(svc.url, 0);
const sid = await cls.newSession('x');
async function once(url: string, name: string, token: string) {
  const t0 = performance.now(); const marks: string[] = [];
  const mark = (s: string) => marks.push(`${s}@${(performance.now() - t0).toFixed(1)}`);
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, onOpen: () => mark('open'), onConnect: () => mark('connect') });
  await new Promise<void>((resolve) => {
    const p = new HocuspocusProvider({ websocketProvider: socket, name, document: new Y.Doc(), token,
      onAuthenticated: () => mark('auth'), onSynced: () => { mark('synced'); resolve(); } });
    p.attach();
    setTimeout(resolve, 5000);
  });
  console.log(url.includes('collab') ? 'stoa' : 'bare', marks.join(' '));
  socket.destroy();
}
for (let i = 0; i < 4; i++) { await once(collabWsUrl(svc.url), sid, cls.ownerToken); await once(`ws://127.0.0.1:${barePort}`, 'x', ''); }
await stop(bare); await stop(svc.child);
