import { Button, Checkbox, Field, Text, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { ANNOTATION_LIMITS, type Annotation } from '../annotations/model';
import { authorLabel, type Viewer } from '../annotations/visibility';
import { snippet } from '../text';
import { usePanelStyles } from './styles';

interface ComposeProps {
  /** Students may post anonymously to classmates; facilitators always post under their name. */
  offerAnonymous: boolean;
  label: string;
  submitLabel: string;
  onSubmit: (text: string, anonymous: boolean) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** A comment box: the text, "anonymous to classmates" for students, post and cancel. */
export function CommentForm({
  offerAnonymous,
  label,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus,
}: ComposeProps) {
  const styles = usePanelStyles();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    onSubmit(text, offerAnonymous && anonymous);
    setText('');
  };
  return (
    <form className={styles.form} onSubmit={handleSubmit} aria-label={label}>
      <Field label={label}>
        <Textarea
          value={text}
          onChange={(_, d) => setText(d.value)}
          maxLength={ANNOTATION_LIMITS.commentMax}
          resize="vertical"
          autoFocus={autoFocus}
        />
      </Field>
      {offerAnonymous && (
        <Checkbox
          checked={anonymous}
          onChange={(_, d) => setAnonymous(d.checked === true)}
          label={t('notes.thread.anonymous')}
        />
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={!text.trim()}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="small" onClick={onCancel}>
            {t('notes.form.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

interface ThreadProps {
  thread: Annotation;
  /** The passage's text now, or null when it was deleted (the stored quote is shown instead). */
  liveText: string | null;
  viewer: Viewer;
  canWrite: boolean;
  onJump: (() => void) | null;
  onReply: (text: string, anonymous: boolean) => void;
  onResolve: (resolved: boolean) => void;
}

/** One comment thread: the passage, the comments, a reply box, resolve or reopen. */
export function ThreadCard({ thread, liveText, viewer, canWrite, onJump, onReply, onResolve }: ThreadProps) {
  const styles = usePanelStyles();
  const { t, language } = useI18n();
  const [replying, setReplying] = useState(false);
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
  const mayResolve = canWrite && (viewer.facilitator || thread.authorId === viewer.userId);
  return (
    <li className={styles.item} data-testid="thread">
      <blockquote className={styles.quote}>
        {t('notes.panel.quote', { quote: snippet(liveText ?? thread.quote) })}
      </blockquote>
      {liveText === null && <Text className={styles.meta}>{t('notes.panel.removed')}</Text>}
      <ul className={styles.list}>
        {thread.comments.map((c) => (
          <li key={c.id}>
            <Text size={200} weight="semibold">
              {authorLabel(c, viewer, t)}
            </Text>{' '}
            <Text className={styles.meta}>{time.format(new Date(c.at))}</Text>
            <p className={styles.text}>{c.text}</p>
          </li>
        ))}
      </ul>
      {thread.resolved && thread.resolvedBy && (
        <Text className={styles.meta}>{t('notes.thread.resolvedBy', { name: thread.resolvedBy })}</Text>
      )}
      <div className={styles.actions}>
        {onJump && (
          <Button size="small" onClick={onJump}>
            {t('notes.panel.jump')}
          </Button>
        )}
        {canWrite && !thread.resolved && !replying && (
          <Button size="small" onClick={() => setReplying(true)}>
            {t('notes.thread.reply')}
          </Button>
        )}
        {mayResolve && (
          <Button size="small" onClick={() => onResolve(!thread.resolved)}>
            {t(thread.resolved ? 'notes.thread.reopen' : 'notes.thread.resolve')}
          </Button>
        )}
      </div>
      {replying && (
        <CommentForm
          offerAnonymous={!viewer.facilitator}
          label={t('notes.thread.replyLabel')}
          submitLabel={t('notes.thread.reply')}
          autoFocus
          onSubmit={(text, anonymous) => {
            onReply(text, anonymous);
            setReplying(false);
          }}
          onCancel={() => setReplying(false)}
        />
      )}
    </li>
  );
}
