import { ROUND_CSV_COLUMNS } from '../../../contract/dashboard';
import { cloudWords, muddyAnalytics, piAnalytics, pollResults } from '../../../contract/rounds';
import type { RoundState } from '../../../contract/rounds';

type Row = Record<(typeof ROUND_CSV_COLUMNS)[number], string | number | null>;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) gets a leading apostrophe: question texts come from students.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** The class's setting: then nobody, facilitators included, is named. */
  fullyAnonymous: boolean;
}

function author(name: string, anonymous: boolean, opts: CsvOptions): string | null {
  if (opts.fullyAnonymous) return null;
  return anonymous ? `${name} (anonymous to classmates)` : name;
}

function rowsOf(state: RoundState, opts: CsvOptions): Row[] {
  const base = { round_id: state.id, kind: state.kind, started_at: new Date(state.createdAt).toISOString() };
  switch (state.kind) {
    case 'peer_instruction': {
      const a = piAnalytics(state);
      return a.options.map((option, i) => ({
        ...base,
        round: a.question,
        item_type: 'option',
        item: option,
        before: a.before.counts[i] ?? 0,
        after: a.after ? (a.after.counts[i] ?? 0) : null,
        correct: a.correctOption === null ? null : a.correctOption === i ? 'yes' : 'no',
        author: null,
      }));
    }
    case 'question_round':
      return state.questions
        .filter((q) => q.duplicateOf === null)
        .map((q) => ({
          ...base,
          round: state.topic,
          item_type: 'question',
          item: q.text,
          // votes on the question, then answers it received
          before: q.votes.reduce((sum, v) => sum + v.value, 0),
          after: state.answers.filter((ans) => ans.questionId === q.id).length,
          correct: null,
          author: author(q.authorName, q.anonymous, opts),
        }));
    case 'muddiest_point':
      return muddyAnalytics(state).clusters.map((c) => ({
        ...base,
        round: state.prompt,
        item_type: 'muddy_point',
        item: c.representative,
        before: c.count,
        after: null,
        correct: null,
        author: null,
      }));
    case 'poll': {
      const counts = pollResults(state).counts;
      return state.options.map((option, i) => ({
        ...base,
        round: state.question,
        item_type: state.scale === null ? 'poll_option' : 'poll_scale_value',
        item: option,
        before: counts[i] ?? 0,
        after: null,
        correct: null,
        author: null,
      }));
    }
    case 'wordcloud':
      return cloudWords(state).map((w) => ({
        ...base,
        round: state.prompt,
        item_type: 'word',
        item: w.label,
        before: w.count,
        after: null,
        correct: null,
        author: null,
      }));
  }
}

/**
 * The round results of a session as CSV: for Peer Instruction one line per option with its votes before
 * and after discussion; for a question round one line per question with its vote score and answer count;
 * for a muddiest-point round one line per cluster; for a poll one line per option with its answers; for a
 * word cloud one line per word (visible entries only) with its count. Lines end in CRLF, as RFC 4180 asks.
 */
export function roundResultsCsv(states: readonly RoundState[], opts: CsvOptions): string {
  const lines = [ROUND_CSV_COLUMNS.join(',')];
  for (const state of states) {
    for (const row of rowsOf(state, opts))
      lines.push(ROUND_CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
