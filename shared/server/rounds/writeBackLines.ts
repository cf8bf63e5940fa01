import { REMOVED_TEXT } from '../../contract/removedText';

/**
 * The lines of a round summary that name people or quote a notes section, written and recognised in one
 * place: the write-back writes them, and an erasure finds them again in the notes (live, snapshots, saved
 * versions) to replace the erased person's name and quotes of their texts. Each line is one text run of
 * its own in the note (its formatting differs from its neighbours'), so a run is matched whole and text
 * people typed elsewhere is never taken for one of Stoa's lines.
 */

/** What an erased person's name becomes in a line Stoa wrote. */
export const ERASED_WRITER = 'a student';

/** `Asked by <name> in the question round "<topic>"; see also "<section>" in these notes.` */
export function askedLine(askedBy: string | null, topic: string, section: string | null): string {
  const asked = askedBy ? `Asked by ${askedBy}` : 'Asked anonymously';
  const where = section ? `; see also "${section}" in these notes` : '';
  return `${asked} in the question round "${topic}"${where}.`;
}

/** ` (peer answer, <name>, endorsed)` after an endorsed answer's text; no name when it was anonymous. */
export function answerNote(byFacilitator: boolean, author: string | null): string {
  return ` (${byFacilitator ? 'facilitator' : 'peer answer'}${author ? `, ${author}` : ''}, endorsed)`;
}

/** The line kinds Stoa writes that may name a person or quote a section heading (a cluster's section too). */
const STOA_LINES = [
  /^Asked (?:by [^]+|anonymously) in the question round "[^]*"(?:; see also "[^]*" in these notes)?\.$/,
  /^ \((?:facilitator|peer answer)(?:, [^]+)?, endorsed\)$/,
  /^ \(\d+ students?(?:, section [^]+)?\)$/,
];

/** Whether a run of note text is one of the lines above, as Stoa wrote it. */
export function isStoaLine(run: string): boolean {
  return STOA_LINES.some((re) => re.test(run));
}

/** Texts shorter than this are only replaced where they are a whole run: a short phrase is too common. */
export const QUOTE_MIN_CHARS = 12;

/**
 * A quote of one of `texts` inside `s` replaced by the removal marker: whole texts anywhere, and a section
 * name that was cut short (headings are kept to 200 characters) where it is the start of one of them.
 */
export function removeQuotes(s: string, texts: ReadonlySet<string>): string {
  let out = s;
  for (const t of texts) {
    if (t.length >= QUOTE_MIN_CHARS && out.includes(t)) out = out.split(t).join(REMOVED_TEXT);
  }
  return out;
}

/** Whether `s` is a quote of one of `texts` cut short at its end (a section id kept to 200 characters). */
export function isCutQuote(s: string, texts: ReadonlySet<string>): boolean {
  if (s.length < QUOTE_MIN_CHARS) return false;
  for (const t of texts) if (t.length > s.length && t.startsWith(s)) return true;
  return false;
}

/**
 * One of Stoa's lines with an erased person taken out: their names (`names`) become "a student" (a
 * facilitator's answer loses the name), quotes of their texts become the removal marker. Returns the line
 * unchanged when it is not one of Stoa's, or names and quotes nobody erased.
 */
export function scrubStoaLine(run: string, names: readonly string[], texts: ReadonlySet<string>): string {
  if (!isStoaLine(run)) return run;
  let out = run;
  for (const name of names) {
    if (name.length === 0) continue;
    if (out.startsWith(`Asked by ${name} in the question round "`)) {
      out = `Asked by ${ERASED_WRITER}${out.slice(`Asked by ${name}`.length)}`;
    }
    for (const byFacilitator of [false, true]) {
      if (out === answerNote(byFacilitator, name)) {
        out = answerNote(byFacilitator, byFacilitator ? null : ERASED_WRITER);
      }
    }
  }
  out = removeQuotes(out, texts);
  // A section named by a cut-short heading: the cut text is not a whole quote, so look at the name itself.
  for (const re of [/(see also ")([^]*)(" in these notes\.)$/, /(, section )([^]*)(\))$/]) {
    out = out.replace(re, (all, pre: string, section: string, post: string) =>
      isCutQuote(section, texts) ? `${pre}${REMOVED_TEXT}${post}` : all,
    );
  }
  return out;
}
