import type { Logger } from 'pino';
import type { NoteNode } from '../../contract/notes';
import {
  ROUND_LIMITS,
  findDuplicates,
  type NotesPassage,
  type WriteBackSummary,
} from '../../contract/rounds';
import { DEFAULT_CLASS_TIME_ZONE } from '../../contract/classes';
import type { AppContext } from '../context';
import { QA_HEADING, writeBackBlocks } from './writeBackBlocks';

/** What rounds need from the notes: read a session's note as Markdown, append blocks as a server edit. */
export interface NoteWriter {
  /** The note as Markdown; null when the notes module is not running. */
  markdown(sessionId: string): Promise<string | null>;
  append(sessionId: string, blocks: NoteNode[], opts?: { afterHeading?: string }): Promise<void>;
}

/** The notes module of the running service (`app.notes`, set once collaboration is attached). */
export function appNoteWriter(app: AppContext): NoteWriter {
  return {
    markdown: async (sessionId) => (app.notes ? app.notes.markdown(sessionId) : null),
    append: async (sessionId, blocks, opts) => {
      if (!app.notes) throw new Error('the notes module is not running');
      await app.notes.appendToNote(
        sessionId,
        blocks,
        opts?.afterHeading ? { afterHeading: opts.afterHeading } : {},
      );
    },
  };
}

const unescape = (s: string) => s.replace(/\\([\\`*_[\]<>~|$#+=.!-])/g, '$1').trim();

/**
 * The note as passages for duplicate detection: each heading, and each paragraph with the heading of its
 * section as id (so a question the notes answer points at the section to read).
 */
export function notesPassages(markdown: string): NotesPassage[] {
  const out: NotesPassage[] = [];
  let section = '(top)';
  let block: string[] = [];
  const push = (t: string, heading: boolean) => {
    const clean = unescape(t).slice(0, ROUND_LIMITS.notesPassageTextMax);
    if (clean && out.length < ROUND_LIMITS.notesPassagesMax) out.push({ id: section, text: clean, heading });
  };
  const end = () => {
    if (block.length > 0) push(block.join(' '), false);
    block = [];
  };
  for (const line of markdown.split('\n')) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      end();
      section = unescape(h[2] ?? '').slice(0, 200) || '(untitled)';
      push(h[2] ?? '', true);
    } else if (line.trim() === '' || line.startsWith('```')) end();
    else block.push(line.replace(/^\s*(?:[-*>]|\d+[.)]|\|)\s*/, ''));
  }
  end();
  return out;
}

/**
 * The notes context an `ask` is reduced with: only the passage that covers the question, if any. Storing
 * that one passage with the event keeps a replay identical while the note itself goes on changing.
 */
export async function askContext(
  writer: NoteWriter,
  sessionId: string,
  question: string,
): Promise<NotesPassage[]> {
  const markdown = await writer.markdown(sessionId).catch(() => null);
  if (!markdown) return [];
  const passages = notesPassages(markdown);
  const match = findDuplicates(question, [], passages).answeredInNotes;
  if (!match) return [];
  // The first passage with the winning score is the one findDuplicates picked (ties go to the earlier).
  const best = passages.find((p) => findDuplicates(question, [], [p]).answeredInNotes?.score === match.score);
  return best ? [best] : [];
}

/** Where a summary goes: the session's note, in a class whose time zone it is written in. */
export interface WriteBackTarget {
  sessionId: string;
  tenantId: string;
  classId: string;
}

/**
 * Appends round summaries to session notes one at a time per session (so two summaries never race to
 * create the Q&A heading), retrying a few times, and logging what could not be written.
 */
export class WriteBacks {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly writer: NoteWriter,
    private readonly log: Logger,
    private readonly attempts = 3,
    /** The class's time zone, for the local time in each summary's provenance line. */
    private readonly timeZoneOf: (where: WriteBackTarget) => Promise<string> = async () =>
      DEFAULT_CLASS_TIME_ZONE,
  ) {}

  write(where: WriteBackTarget | string, summary: WriteBackSummary): void {
    const target = typeof where === 'string' ? { sessionId: where, tenantId: '', classId: '' } : where;
    const { sessionId } = target;
    const prev = this.chains.get(sessionId) ?? Promise.resolve();
    const next = prev.then(() => this.attempt(target, summary));
    this.chains.set(sessionId, next);
    void next.then(() => {
      if (this.chains.get(sessionId) === next) this.chains.delete(sessionId);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  private async attempt(target: WriteBackTarget, summary: WriteBackSummary): Promise<void> {
    const { sessionId } = target;
    const timeZone = await this.timeZoneOf(target).catch(() => DEFAULT_CLASS_TIME_ZONE);
    for (let i = 0; i < this.attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200 * 4 ** (i - 1)));
      try {
        const markdown = (await this.writer.markdown(sessionId)) ?? '';
        const hasQa = new RegExp(`^#{1,6} ${QA_HEADING}\\s*$`, 'mi').test(markdown);
        const { blocks, afterHeading } = writeBackBlocks(summary, hasQa, timeZone);
        await this.writer.append(sessionId, blocks, afterHeading ? { afterHeading } : {});
        return;
      } catch (err) {
        if (i === this.attempts - 1) {
          this.log.error(
            { err, sessionId, roundId: summary.roundId },
            'rounds: summary not written to the notes',
          );
        }
      }
    }
  }
}
