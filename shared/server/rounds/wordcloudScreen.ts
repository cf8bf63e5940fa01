import { createRequire } from 'node:module';
import { screenPost } from '../../contract/moderation/screen';
import { normalize } from '../../contract/rounds/text';

/*
 * The one seam every new word-cloud entry passes through before it reaches the cloud. It asks the shared
 * word filter (`screenPost`: English and Swedish lists of `naughty-words`, spelled-out and leetspeak forms,
 * the class's own words) and, because cloud entries are single words that students often inflect, also
 * matches plural and definite forms of the listed words here ("fittor", "assholes").
 */

const require = createRequire(import.meta.url);
const LISTS = ['en', 'sv'].map((lang) => require(`naughty-words/${lang}.json`) as unknown);

/** Each listed term as folded words ("dra åt helvete" -> ["dra", "at", "helvete"]). */
const TERMS: string[][] = LISTS.flatMap((list): unknown[] => (Array.isArray(list) ? (list as unknown[]) : []))
  .filter((t): t is string => typeof t === 'string')
  .map((t) => normalize(t).split(' ').filter(Boolean))
  .filter((t) => t.length > 0);

/** Plural and definite endings of English and Swedish, so "fittor" or "assholes" match their listed form. */
const ENDINGS = /(?:arna|erna|orna|ar|er|or|en|es|s|na|e|a)$/;
const base = (w: string) => (w.length > 4 ? w.replace(ENDINGS, '') : w);

function containsTerm(words: readonly string[], term: readonly string[]): boolean {
  for (let i = 0; i + term.length <= words.length; i++) {
    let all = true;
    for (let j = 0; j < term.length; j++) {
      const w = words[i + j] as string;
      const t = term[j] as string;
      if (w !== t && base(w) !== t && base(w) !== base(t)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** What the word filter says about a new entry: `held` entries wait for a facilitator's approval. */
export interface Screening {
  held: boolean;
}

/** Screens a word-cloud entry: held back when it contains a listed word (whole words, any case or accent). */
export function screenWordcloudEntry(text: string, classWords: readonly string[] = []): Screening {
  if (!screenPost(text, classWords).clean) return { held: true };
  const words = normalize(text).split(' ').filter(Boolean);
  if (words.length === 0) return { held: false };
  // Written as one word ("f u c k" aside), a term of several words also counts: "dra åt helvete" -> "draathelvete".
  const joined = words.join('');
  const held = TERMS.some(
    (term) => containsTerm(words, term) || (term.length > 1 && joined === term.join('')),
  );
  return { held };
}
