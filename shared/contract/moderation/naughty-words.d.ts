/** `naughty-words` ships no types: its entry is an object of word lists by language code. */
declare module 'naughty-words' {
  const lists: Record<string, string[]> & { en: string[]; sv: string[] };
  export default lists;
}
