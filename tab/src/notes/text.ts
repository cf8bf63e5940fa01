import type { Language, MessageKey, Translate } from '../i18n';

type Countable = 'notes.status.pending' | 'notes.flag.count' | 'notes.flag.countMine';

/** A counted phrase ("1 flag", "3 flags") in the language's plural form (`.one` / `.other` keys). */
export function tCount(t: Translate, language: Language, base: Countable, count: number): string {
  const form = new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
  const key: MessageKey = `${base}.${form}`;
  return t(key, { count });
}

/** A passage's text for a list: one line, cut at a word near `max` characters. */
export function snippet(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
