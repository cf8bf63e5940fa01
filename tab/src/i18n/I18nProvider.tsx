import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  DEFAULT_LANGUAGE,
  isLanguageLoaded,
  loadLanguage,
  translator,
  type Language,
  type Translate,
} from './index';

interface I18n {
  language: Language;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: DEFAULT_LANGUAGE, t: translator(DEFAULT_LANGUAGE) });

/**
 * Provides the strings of one language to everything below it. A language that is not loaded yet is
 * fetched first; meanwhile the page speaks English (the fallback) rather than showing nothing.
 */
export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const [ready, setReady] = useState<Language>(() =>
    isLanguageLoaded(language) ? language : DEFAULT_LANGUAGE,
  );
  useEffect(() => {
    let live = true;
    loadLanguage(language).then(
      () => live && setReady(language),
      (err: unknown) => console.warn(`Stoa: the ${language} strings did not load; using English.`, err),
    );
    return () => {
      live = false;
    };
  }, [language]);
  const current = isLanguageLoaded(language) ? language : ready;
  const value = useMemo(() => ({ language: current, t: translator(current) }), [current]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its `t(key, vars)`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
