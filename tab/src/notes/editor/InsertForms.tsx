import { Button, Checkbox, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  field: { flex: '1 1 12rem', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Links may only point to the web or to an email address: no `javascript:` or `data:` URLs in notes. */
export function safeHref(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Closes a form and puts the caret back in the text, where the person was. */
function cancel(editor: Editor, onDone: () => void): void {
  editor.commands.focus();
  onDone();
}

interface FormProps {
  editor: Editor;
  onDone: () => void;
}

/** Sets, changes or removes the link on the selection. */
export function LinkForm({ editor, onDone }: FormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const current = editor.getAttributes('link').href as string | undefined;
  const [href, setHref] = useState(current ?? '');
  const [invalid, setInvalid] = useState(false);

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    const url = safeHref(href);
    if (!url) return setInvalid(true);
    editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    onDone();
  };

  return (
    <form
      className={styles.form}
      onSubmit={handleSubmit}
      aria-label={t('notes.tool.link')}
      data-print="hide"
      noValidate
    >
      <Field
        className={styles.field}
        label={t('notes.link.label')}
        validationMessage={invalid ? t('notes.link.invalid') : undefined}
      >
        <Input value={href} onChange={(_, d) => setHref(d.value)} autoFocus type="url" inputMode="url" />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          {t('notes.link.apply')}
        </Button>
        {current && (
          <Button
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onDone();
            }}
          >
            {t('notes.link.remove')}
          </Button>
        )}
        <Button onClick={() => cancel(editor, onDone)}>{t('notes.form.cancel')}</Button>
      </div>
    </form>
  );
}

/** Inserts a formula, or edits the selected one. */
export function MathForm({ editor, onDone }: FormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { selection } = editor.state;
  const selected =
    selection instanceof NodeSelection && ['inlineMath', 'blockMath'].includes(selection.node.type.name)
      ? selection.node
      : null;
  const [latex, setLatex] = useState(selected ? String(selected.attrs.latex ?? '') : '');
  const [display, setDisplay] = useState(selected?.type.name === 'blockMath');

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!latex.trim()) return;
    if (selected) editor.chain().focus().updateAttributes(selected.type.name, { latex: latex.trim() }).run();
    else editor.chain().focus().insertMath(latex, display).run();
    onDone();
  };

  return (
    <form className={styles.form} onSubmit={handleSubmit} aria-label={t('notes.tool.math')} data-print="hide">
      <Field className={styles.field} label={t('notes.math.label')}>
        <Input value={latex} onChange={(_, d) => setLatex(d.value)} autoFocus placeholder="E = mc^2" />
      </Field>
      {!selected && (
        <Checkbox
          checked={display}
          onChange={(_, d) => setDisplay(d.checked === true)}
          label={t('notes.math.display')}
        />
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={!latex.trim()}>
          {t(selected ? 'notes.math.update' : 'notes.math.insert')}
        </Button>
        <Button onClick={() => cancel(editor, onDone)}>{t('notes.form.cancel')}</Button>
      </div>
    </form>
  );
}
