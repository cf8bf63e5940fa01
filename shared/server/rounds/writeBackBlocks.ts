import { DEFAULT_CLASS_TIME_ZONE } from '../../contract/classes';
import type { NoteNode } from '../../contract/notes';
import { answerNote, askedLine } from './writeBackLines';
import type {
  MuddyAnalytics,
  PiAnalytics,
  PollAnalytics,
  VoteSummary,
  WordcloudAnalytics,
  WriteBackSummary,
} from '../../contract/rounds';

/** The heading endorsed Q&A is filed under; created at the end of the note the first time. */
export const QA_HEADING = 'Questions and answers';

const text = (t: string, marks?: string[]): NoteNode =>
  marks ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) } : { type: 'text', text: t };
const para = (...content: NoteNode[]): NoteNode => ({ type: 'paragraph', content });
const heading = (level: number, t: string): NoteNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(t)],
});
const item = (...content: NoteNode[]): NoteNode => ({ type: 'listItem', content: [para(...content)] });
const cell = (t: string, header = false): NoteNode => ({
  type: header ? 'tableHeader' : 'tableCell',
  content: [para(text(t))],
});
const row = (cells: NoteNode[]): NoteNode => ({ type: 'tableRow', content: cells });

const pct = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);
const letter = (i: number) => String.fromCharCode(65 + i);
/** A round's title as quoted in a provenance line: its question, topic or prompt, shortened. */
const title = (t: string) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
};

/** "Stockholm time" for `Europe/Stockholm`, "UTC" for UTC: how people name a zone. */
function zoneLabel(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  return `${(timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ')} time`;
}

/** A moment as people in the class read it: "Monday 7 December 2026 at 23:12 (Stockholm time)". */
export function localTime(ms: number, timeZone: string): string {
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
    new Date(ms),
  );
  return `${when.replace(/,/g, '')} (${zoneLabel(timeZone)})`;
}

/**
 * Where a summary came from, so a reader of the notes can trace it back to its round: the round's kind and
 * title, and when it ended in the class's own time zone (a round id and a UTC stamp said nothing to people).
 */
function provenance(what: string, roundTitle: string, at: number, timeZone: string): NoteNode {
  return para(
    text(`Written by Stoa from the ${what} “${title(roundTitle)}”, ${localTime(at, timeZone)}.`, ['italic']),
  );
}

function share(counts: number, summary: VoteSummary): string {
  return summary.answered === 0 ? '0' : `${counts} (${pct(counts / summary.answered)})`;
}

function piBlocks(a: PiAnalytics, at: number, tz: string): NoteNode[] {
  const after = a.after;
  const header = row([
    cell('Option', true),
    cell('First vote', true),
    ...(after ? [cell('Re-vote', true)] : []),
  ]);
  const rows = a.options.map((option, i) =>
    row([
      cell(`${letter(i)}. ${option}${a.correctOption === i ? ' (correct)' : ''}`),
      cell(share(a.before.counts[i] ?? 0, a.before)),
      ...(after ? [cell(share(after.counts[i] ?? 0, after))] : []),
    ]),
  );
  const facts: string[] = [
    `Answered: ${a.before.answered}${after ? ` first, ${after.answered} in the re-vote` : ''}.`,
  ];
  if (a.correctOption !== null) {
    facts.push(
      `Correct: ${pct(a.before.shareCorrect)}${after ? ` before, ${pct(after.shareCorrect)} after` : ''}.`,
    );
  }
  if (a.normalizedChange !== null) facts.push(`Normalized change: ${a.normalizedChange.toFixed(2)}.`);
  if (a.switches) {
    facts.push(`Wrong to right: ${a.switches.wrongToRight}; right to wrong: ${a.switches.rightToWrong}.`);
  }
  return [
    heading(2, `Peer Instruction: ${a.question}`),
    { type: 'table', content: [header, ...rows] },
    para(text(facts.join(' '))),
    provenance('Peer Instruction round', a.question, at, tz),
  ];
}

function muddyBlocks(a: MuddyAnalytics, at: number, tz: string): NoteNode[] {
  const ranked = a.clusters.map((c) =>
    item(
      text(c.representative),
      text(
        ` (${c.count} ${c.count === 1 ? 'student' : 'students'}${c.headingId ? `, section ${c.headingId}` : ''})`,
        ['italic'],
      ),
    ),
  );
  return [
    heading(2, `Muddiest points: ${a.prompt}`),
    ...(ranked.length > 0 ? [{ type: 'orderedList', attrs: { start: 1 }, content: ranked }] : []),
    para(text(`${a.submissions} ${a.submissions === 1 ? 'submission' : 'submissions'}, most named first.`)),
    provenance('muddiest-point round', a.prompt, at, tz),
  ];
}

function pollBlocks(a: PollAnalytics, at: number, tz: string): NoteNode[] {
  const r = a.results;
  const header = row([cell(a.scale === null ? 'Answer' : 'Value', true), cell('Answers', true)]);
  const rows = a.options.map((option, i) =>
    row([
      cell(option),
      cell(share(r.counts[i] ?? 0, { counts: r.counts, answered: r.answered, shareCorrect: null })),
    ]),
  );
  const facts = [`${r.answered} ${r.answered === 1 ? 'answer' : 'answers'}.`];
  if (r.mean !== null) facts.push(`Mean ${r.mean.toFixed(1)} on a scale of 1 to ${a.scale}.`);
  return [
    heading(2, `Poll: ${a.question}`),
    { type: 'table', content: [header, ...rows] },
    para(text(facts.join(' '))),
    provenance('poll', a.question, at, tz),
  ];
}

/** Words listed in the notes: the cloud's top words; the rest are only counted. */
const CLOUD_WORDS_IN_NOTES = 30;

function wordcloudBlocks(a: WordcloudAnalytics, at: number, tz: string): NoteNode[] {
  const top = a.words.slice(0, CLOUD_WORDS_IN_NOTES);
  const rest = a.words.length - top.length;
  const list = top.map((w) => item(text(w.label), text(` (${w.count})`, ['italic'])));
  return [
    heading(2, `Word cloud: ${a.prompt}`),
    ...(list.length > 0 ? [{ type: 'orderedList', attrs: { start: 1 }, content: list }] : []),
    para(
      text(
        `${a.entries} ${a.entries === 1 ? 'word' : 'words'} from ${a.participation.active} ${
          a.participation.active === 1 ? 'student' : 'students'
        }, most named first${rest > 0 ? `; ${rest} less frequent words not listed` : ''}.`,
      ),
    ),
    provenance('word cloud', a.prompt, at, tz),
  ];
}

function qaBlocks(
  s: Extract<WriteBackSummary, { kind: 'question_round' }>,
  withHeading: boolean,
  tz: string,
): NoteNode[] {
  const blocks: NoteNode[] = withHeading ? [heading(2, QA_HEADING)] : [];
  for (const e of s.entries) {
    blocks.push(heading(3, e.question), para(text(askedLine(e.askedBy, s.topic, e.sectionId))));
    const answers = e.answers.map((a) =>
      item(text(a.text), text(answerNote(a.byFacilitator, a.author), ['italic'])),
    );
    if (answers.length > 0) blocks.push({ type: 'bulletList', content: answers });
  }
  blocks.push(provenance('question round', s.topic, s.at, tz));
  return blocks;
}

/**
 * The note blocks for a round's summary: Peer Instruction (question, vote distributions before and after,
 * normalized change), endorsed Q&A under the "Questions and answers" heading, muddiest points ranked.
 * `qaHeadingExists` says whether the note has that heading already (Q&A is then filed under it);
 * `timeZone` is the class's, for the local time in each summary's provenance line.
 */
export function writeBackBlocks(
  summary: WriteBackSummary,
  qaHeadingExists: boolean,
  timeZone: string = DEFAULT_CLASS_TIME_ZONE,
): { blocks: NoteNode[]; afterHeading?: string } {
  switch (summary.kind) {
    case 'peer_instruction':
      return { blocks: piBlocks(summary.analytics, summary.at, timeZone) };
    case 'muddiest_point':
      return { blocks: muddyBlocks(summary.analytics, summary.at, timeZone) };
    case 'poll':
      return { blocks: pollBlocks(summary.analytics, summary.at, timeZone) };
    case 'wordcloud':
      return { blocks: wordcloudBlocks(summary.analytics, summary.at, timeZone) };
    case 'question_round':
      return qaHeadingExists
        ? { blocks: qaBlocks(summary, false, timeZone), afterHeading: QA_HEADING }
        : { blocks: qaBlocks(summary, true, timeZone) };
  }
}
