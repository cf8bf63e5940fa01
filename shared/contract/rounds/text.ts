import { STOPWORDS } from './stopwords';

/** Lower case, diacritics folded ("tråd" -> "trad"), anything but letters and digits turned into spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words of a text after `normalize`, stopwords dropped; single letters stay ("big O", "n log n"). */
export function contentWords(text: string): string[] {
  const norm = normalize(text);
  if (norm === '') return [];
  return norm.split(' ').filter((w) => !STOPWORDS.has(w));
}

/**
 * Inflectional endings of English and Swedish, longest first. One list for both languages: a lecture mixes
 * them, and because both sides of a comparison are stemmed the same way an occasional over-stemmed word
 * ("garden" -> "gard") costs nothing.
 */
const SUFFIXES = [
  'ingarna',
  'heterna',
  'ational',
  'iveness',
  'fulness',
  'heten',
  'arnas',
  'ernas',
  'ornas',
  'ations',
  'ities',
  'ments',
  'ingen',
  'ingar',
  'ively',
  'ation',
  'ness',
  'ment',
  'ings',
  'arna',
  'erna',
  'orna',
  'ande',
  'ende',
  'ning',
  'ions',
  'ives',
  'ity',
  'ing',
  'ion',
  'ive',
  'ers',
  'het',
  'are',
  'ade',
  'ies',
  'ied',
  'ly',
  'ed',
  'es',
  'er',
  'ar',
  'or',
  'en',
  'et',
  'na',
  's',
  'e',
];

/** Minimum stem length, so short words ("bus", "ram") are not reduced to nothing. */
const MIN_STEM = 3;

/** A light stemmer: strips the longest known ending that leaves at least three letters, once. */
export function stem(input: string): string {
  if (/\d/.test(input)) return input;
  // British and American spellings meet: "normalise(d)" and "normalize(d)" share one stem.
  const word = input.replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1');
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const rest = word.slice(0, -suffix.length);
    if (rest.length < MIN_STEM) continue;
    // "process", "class": a double s is part of the word, not a plural.
    if (suffix === 's' && rest.endsWith('s')) continue;
    if (suffix === 'ies' || suffix === 'ied') return `${rest}y`;
    return rest.endsWith('e') && rest.length > MIN_STEM ? rest.slice(0, -1) : rest;
  }
  return word;
}

/** Stems of the content words of a text, in order. */
export function stems(text: string): string[] {
  return contentWords(text).map(stem);
}

/** Character trigrams of each content word padded with spaces, with counts. */
export function charTrigrams(words: readonly string[]): Map<string, number> {
  const grams = new Map<string, number>();
  for (const w of words) {
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  }
  return grams;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** |A ∩ B| / |A|: how much of A is found in B (for a short question against a long passage). */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / a.size;
}

/** Cosine similarity of two count vectors. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
