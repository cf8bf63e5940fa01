import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_LANGUAGE, translator, type Language, type Translate } from './index';

interface I18n {
  language: Language;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: DEFAULT_LANGUAGE, t: translator(DEFAULT_LANGUAGE) });

/** Provides the strings of one language to everything below it. */
export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => ({ language, t: translator(language) }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its `t(key, vars)`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
