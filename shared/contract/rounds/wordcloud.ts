import { REMOVED_TEXT } from '../removedText';
import { CLOUD_STOPWORDS } from './stopwords';
import { normalize, stem } from './text';

/** A group of word-cloud entries that mean the same word. */
export interface WordGroup {
  /** What the entries have in common after folding (see `wordKey`). */
  key: string;
  /** The form students wrote most often (the earliest of equally common ones), shown in the cloud. */
  label: string;
  count: number;
}

/** An entry as the grouping sees it. */
export interface WordItem {
  text: string;
  createdAt: number;
}

/**
 * Swedish first-declension nouns end in -a and take -or in the plural ("flicka", "flickor"); the shared
 * stemmer strips "-or" but not the "-a", so a final "a" goes after stemming, for both sides alike.
 */
function cloudStem(word: string): string {
  const s = stem(word);
  return s.length > 3 && s.endsWith('a') && !/\d/.test(s) ? s.slice(0, -1) : s;
}

/**
 * The key entries are grouped under: lower case, accents folded, punctuation gone, English and Swedish
 * stop words dropped, and each word reduced to a light stem, so "Algorithms", "algorithm" and "ALGORITHM!"
 * meet, as do "bil", "bilar" and "bilarna". Empty when nothing in the entry carries meaning.
 */
export function wordKey(text: string): string {
  const norm = normalize(text);
  if (norm === '') return '';
  return norm
    .split(' ')
    .filter((w) => !CLOUD_STOPWORDS.has(w))
    .map(cloudStem)
    .join(' ');
}

/** How an entry is shown: trimmed, inner whitespace collapsed. */
export function displayForm(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Groups entries into the words of a cloud, most frequent first (then earliest). Entries without a key
 * and entries whose text an erasure removed belong to no word.
 */
export function groupWords(items: readonly WordItem[]): WordGroup[] {
  const groups = new Map<string, { first: number; forms: Map<string, { n: number; first: number }> }>();
  const sorted = items.slice().sort((a, b) => a.createdAt - b.createdAt);
  sorted.forEach((item, order) => {
    if (item.text === REMOVED_TEXT) return;
    const key = wordKey(item.text);
    if (key === '') return;
    let g = groups.get(key);
    if (!g) {
      g = { first: order, forms: new Map() };
      groups.set(key, g);
    }
    const form = displayForm(item.text);
    const f = g.forms.get(form);
    if (f) f.n += 1;
    else g.forms.set(form, { n: 1, first: order });
  });
  return [...groups]
    .map(([key, g]) => {
      let label = '';
      let best = { n: 0, first: Infinity };
      let count = 0;
      for (const [form, f] of g.forms) {
        count += f.n;
        if (f.n > best.n || (f.n === best.n && f.first < best.first)) {
          best = f;
          label = form;
        }
      }
      return { key, label, count, first: g.first };
    })
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ key, label, count }) => ({ key, label, count }));
}
