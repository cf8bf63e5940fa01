import type { Translate } from '../i18n';

/** Formats dashboard figures for one language; missing values (null) show as a dash. */
export function dashboardFormat(language: string, t: Translate) {
  const none = t('dashboard.none');
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    share: (v: number | null) =>
      v === null ? none : t('dashboard.percent', { value: whole.format(v * 100) }),
    number: (v: number | null) => (v === null ? none : decimal.format(v)),
    duration: (ms: number | null) => {
      if (ms === null) return none;
      const seconds = ms / 1000;
      return seconds < 120
        ? t('dashboard.seconds', { value: whole.format(seconds) })
        : t('dashboard.minutes', { value: decimal.format(seconds / 60) });
    },
    date: (iso: string) => date.format(new Date(iso)),
  };
}
export type DashboardFormat = ReturnType<typeof dashboardFormat>;
