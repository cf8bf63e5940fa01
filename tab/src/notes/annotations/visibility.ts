import type { Translate } from '../../i18n';
import type { Annotation, AnnotationComment } from './model';

/** Who is looking: their id, and whether they facilitate the class (and so may see who wrote what). */
export interface Viewer {
  userId: string;
  facilitator: boolean;
  /** The facilitator turned on "Show private details": off by default, as lecturers share their screen. */
  privateDetails?: boolean;
}

type Authored = Pick<AnnotationComment, 'authorId' | 'authorName' | 'anonymous'>;

/**
 * The author line of a comment for this viewer: anonymous posts show no name to classmates, and
 * facilitators see the name with a note that classmates do not. Nothing is shown that was not stored.
 */
export function authorLabel(item: Authored, viewer: Viewer, t: Translate): string {
  if (item.authorId !== null && item.authorId === viewer.userId) return t('notes.author.you');
  if (!item.authorName) return t(item.anonymous ? 'notes.author.anonymous' : 'notes.author.unknown');
  if (!item.anonymous) return item.authorName;
  return viewer.facilitator && viewer.privateDetails
    ? t('notes.author.anonymousNamed', { name: item.authorName })
    : t('notes.author.anonymous');
}

/**
 * Names of the people who flagged a passage, for facilitators who asked for private details: students see
 * counts, never names. Empty when nobody's name was stored (fully anonymous class).
 */
export function flaggers(flags: readonly Annotation[], viewer: Viewer): string[] {
  if (!viewer.facilitator || !viewer.privateDetails) return [];
  const names = new Set<string>();
  for (const f of flags) if (f.authorName) names.add(f.authorName);
  return [...names].sort((a, b) => a.localeCompare(b));
}
