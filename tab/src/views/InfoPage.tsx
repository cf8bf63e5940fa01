import { Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { MessageKey } from '../i18n';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink } from '../router/router';

const PAGES = {
  privacy: { title: 'privacy.title', paragraphs: ['privacy.p1', 'privacy.p2', 'privacy.p3'] },
  terms: { title: 'terms.title', paragraphs: ['terms.p1', 'terms.p2', 'terms.p3'] },
} satisfies Record<string, { title: MessageKey; paragraphs: MessageKey[] }>;

const useStyles = makeStyles({
  page: {
    boxSizing: 'border-box',
    maxWidth: '40rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** The privacy notice or the terms of use; public pages the manifest links to, no sign-in needed. */
export default function InfoPage({ page }: { page: keyof typeof PAGES }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { title, paragraphs } = PAGES[page];
  return (
    <main className={styles.page} id="main">
      <Title2 as="h1">{t(title)}</Title2>
      {paragraphs.map((key) => (
        <Text as="p" key={key} block>
          {t(key)}
        </Text>
      ))}
      <nav>
        <RouterLink to={page === 'privacy' ? TAB_ROUTES.terms : TAB_ROUTES.privacy}>
          {t(page === 'privacy' ? 'terms.title' : 'privacy.title')}
        </RouterLink>
      </nav>
    </main>
  );
}
