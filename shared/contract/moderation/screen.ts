// The package's CommonJS entry, not its JSON files: JSON imports need import attributes that not every
// bundler in our chain keeps, while a CommonJS default import works under Node, tsx, esbuild and Vite.
import naughtyWords from 'naughty-words';

const { en: enWords, sv: svWords } = naughtyWords;

/**
 * Ordinary words of a lecture that the package's lists contain: biology and statistics terms, Swedish
 * everyday words ("sex" is six, "sås" sauce, "stake" candle, "sätta på" switch on, "hård" hard). A match
 * only sends a post to the approval queue, so the lists err towards catching; these would catch honest
 * questions all day. A class that wants them filtered adds them to its own words.
 */
const LECTURE_WORDS = new Set([
  'anal',
  'anus',
  'butt',
  'fan',
  'hard',
  'olla',
  'penis',
  'pippa',
  'satan',
  'sas',
  'scat',
  'semen',
  'sex',
  'stake',
  'suck',
  'sucks',
  'satta pa',
  'tusan',
  'vulva',
  'xx',
]);

/** Digits and signs written for letters ("sh1t", "@ss"). */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/**
 * Text as the filter compares it: lower case, accents folded ("jävlar" -> "javlar"), look-alike digits
 * and signs read as letters inside words, runs of three or more equal letters cut to one ("fuuuck"), everything else a
 * single space, and letters spelled out one by one ("f u c k") joined again.
 */
export function normalizeForScreening(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/\s+/)
    // Only a word with letters in it is read as spelled with digits ("sh1t"); a number stays a number
    // ("case 455" is not "case ass").
    .map((w) => (/\p{L}/u.test(w) ? w.replace(/[0134579@$!]/g, (c) => LEET[c] ?? c) : w))
    .join(' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  const out: string[] = [];
  let letters = '';
  for (const token of folded.split(' ')) {
    if (token.length === 1) {
      letters += token;
      continue;
    }
    if (letters) out.push(letters);
    letters = '';
    out.push(token);
  }
  if (letters) out.push(letters);
  return out.join(' ');
}

/** A list of words and phrases, normalised, as token sequences keyed by their first token. */
type WordIndex = Map<string, string[][]>;

function indexWords(words: Iterable<string>, skip: ReadonlySet<string> = new Set()): WordIndex {
  const index: WordIndex = new Map();
  for (const raw of words) {
    const norm = normalizeForScreening(raw);
    if (norm === '' || skip.has(norm)) continue;
    const tokens = norm.split(' ');
    const first = tokens[0] as string;
    const list = index.get(first) ?? [];
    list.push(tokens);
    index.set(first, list);
  }
  return index;
}

/** The package's English and Swedish lists, indexed once. */
const BUILT_IN = indexWords([...enWords, ...svWords], LECTURE_WORDS);

function matches(tokens: readonly string[], index: WordIndex): string[] {
  const found: string[] = [];
  tokens.forEach((token, i) => {
    for (const phrase of index.get(token) ?? [])
      if (phrase.every((p, k) => tokens[i + k] === p)) found.push(phrase.join(' '));
  });
  return found;
}

/** Most words a class may add to its own filter, and their longest length. */
export const CLASS_WORDS_MAX = 200;
export const CLASS_WORD_LENGTH_MAX = 60;

/** What the filter found in a post. */
export interface ScreenResult {
  /** True when nothing matched: the post may be published (unless the class queues every post). */
  clean: boolean;
  /** The normalised words or phrases that matched, for the facilitator's queue (never shown to peers). */
  matched: string[];
}

/**
 * Screens a post against the English and Swedish lists of the `naughty-words` package and the class's own
 * words. Whole words and phrases only, after `normalizeForScreening`, so "class" never matches "ass".
 * Pure and browser-safe: the service, the tab (to warn before sending) and every kind of post (questions,
 * answers, muddiest points, word-cloud entries) go through this one function.
 */
export function screenPost(text: string, classWords: readonly string[] = []): ScreenResult {
  const norm = normalizeForScreening(text);
  if (norm === '') return { clean: true, matched: [] };
  const tokens = norm.split(' ');
  const own = classWords.length > 0 ? indexWords(classWords) : null;
  const matched = [...new Set([...matches(tokens, BUILT_IN), ...(own ? matches(tokens, own) : [])])];
  return { clean: matched.length === 0, matched };
}
