import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/I18nProvider';
import { useTableStyles } from './tables';

/** The header of a dashboard table: one column heading per message key, in order. */
export function HeaderRow({ columns }: { columns: readonly MessageKey[] }) {
  const { t } = useI18n();
  const tables = useTableStyles();
  return (
    <thead>
      <tr>
        {columns.map((key) => (
          <th key={key} scope="col" className={tables.th}>
            {t(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
