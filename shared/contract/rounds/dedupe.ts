import { charTrigrams, containment, contentWords, cosine, jaccard, stem } from './text';

/** A piece of text to compare against: another question, or a heading or block of the notes. */
export interface Passage {
  id: string;
  text: string;
  /** For notes: a heading rather than body text. */
  heading?: boolean;
}

/** The comparable features of a text, computed once per text. */
export interface Fingerprint {
  /** Content words (folded, stopwords dropped), in order. */
  words: string[];
  /** Their stems, in order. */
  stemList: string[];
  stems: Set<string>;
  trigrams: Map<string, number>;
}

/** Similarity at or above which two questions count as near-duplicates (tuned in dedupe.test.ts). */
export const DUPLICATE_THRESHOLD = 0.55;
/** Share of a question's content stems a notes passage must contain to count as answering it. */
export const NOTES_THRESHOLD = 0.75;
/** A notes match also needs this many shared stems, so a one-word question does not match everything. */
const NOTES_MIN_SHARED = 2;
/** Factor applied when each text names something the other does not (Java vs Python, TCP vs threads). */
const DISTINCT_SUBJECT_FACTOR = 0.7;

/** Features of a text for duplicate detection. */
export function fingerprint(text: string): Fingerprint {
  const words = contentWords(text);
  const stemList = words.map(stem);
  return { words, stemList, stems: new Set(stemList), trigrams: charTrigrams(words) };
}

/** Stems with adjacent words joined where the other text writes them as one ("hash map" / "hashmap"). */
function joinCompounds(fp: Fingerprint, other: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < fp.words.length; i++) {
    const next = fp.words[i + 1];
    const joined = next === undefined ? undefined : stem(`${fp.words[i] as string}${next}`);
    if (joined !== undefined && other.has(joined)) {
      out.push(joined);
      i++;
    } else out.push(fp.stemList[i] as string);
  }
  return out;
}

function shinglesOf(list: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < list.length; i++) {
    const a = list[i] as string;
    const b = list[i + 1] as string;
    out.add(a < b ? `${a} ${b}` : `${b} ${a}`);
  }
  return out;
}

/** Stems are related when equal or when one extends the other ("derivat" / "derivativ"). */
function related(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

function hasUnmatched(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (![...b].some((y) => related(x, y))) return true;
  return false;
}

/**
 * Similarity of two short texts in [0, 1]: mostly the overlap of content stems (what the question is
 * about), some of adjacent stem pairs (word shingles: how it is put together), and cosine of character
 * trigrams, which catches typos and endings the light stemmer misses. When each text names something the
 * other lacks, they are probably about different things and the score is damped; a text that only adds
 * to the other ("what is a pointer" / "what is a pointer in C") is not.
 */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  if (a.stems.size === 0 || b.stems.size === 0) return 0;
  const listA = joinCompounds(a, b.stems);
  const listB = joinCompounds(b, a.stems);
  const setA = new Set(listA);
  const setB = new Set(listB);
  const words = jaccard(setA, setB);
  const shA = shinglesOf(listA);
  const shB = shinglesOf(listB);
  const pairs = shA.size > 0 && shB.size > 0 ? jaccard(shA, shB) : words;
  const score = 0.55 * words + 0.15 * pairs + 0.3 * cosine(a.trigrams, b.trigrams);
  return hasUnmatched(setA, setB) && hasUnmatched(setB, setA) ? score * DISTINCT_SUBJECT_FACTOR : score;
}

/** How well a notes passage covers a question: the share of the question's stems found in it, or 0. */
export function notesCoverage(question: Fingerprint, passage: Fingerprint): number {
  const cover = containment(question.stems, passage.stems);
  const shared = Math.round(cover * question.stems.size);
  return shared >= Math.min(NOTES_MIN_SHARED, question.stems.size) && question.stems.size > 1 ? cover : 0;
}

export interface DedupeResult {
  /** The most similar earlier question at or above the threshold. */
  duplicateOf?: { id: string; score: number };
  /** The notes passage that best covers the question, if one covers enough of it. */
  answeredInNotes?: { id: string; score: number };
}

export interface DedupeOptions {
  duplicateThreshold?: number;
  notesThreshold?: number;
}

/**
 * Looks for a near-duplicate of `text` among `questions` and for a passage of the notes that already covers
 * it. Pure and local: no service, no model. Ties go to the earlier entry of each list.
 */
export function findDuplicates(
  text: string,
  questions: readonly Passage[],
  notes: readonly Passage[] = [],
  options: DedupeOptions = {},
): DedupeResult {
  const me = fingerprint(text);
  const result: DedupeResult = {};
  const dupAt = options.duplicateThreshold ?? DUPLICATE_THRESHOLD;
  for (const q of questions) {
    const score = similarity(me, fingerprint(q.text));
    if (score >= dupAt && score > (result.duplicateOf?.score ?? -1)) result.duplicateOf = { id: q.id, score };
  }
  const notesAt = options.notesThreshold ?? NOTES_THRESHOLD;
  for (const p of notes) {
    const score = notesCoverage(me, fingerprint(p.text));
    if (score >= notesAt && score > (result.answeredInNotes?.score ?? -1))
      result.answeredInNotes = { id: p.id, score };
  }
  return result;
}
