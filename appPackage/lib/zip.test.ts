import { describe, expect, it } from 'vitest';
import { checkZipLayout, readZip, writeZip } from './zip';

const enc = (s: string) => new TextEncoder().encode(s);
const manifest = enc(
  JSON.stringify({
    icons: { color: 'color.png', outline: 'outline.png' },
    localizationInfo: {
      defaultLanguageFile: 'en.json',
      additionalLanguages: [{ languageTag: 'sv-se', file: 'sv.json' }],
    },
  }),
);
const complete = () =>
  new Map<string, Uint8Array>([
    ['manifest.json', manifest],
    ['color.png', enc('c')],
    ['outline.png', enc('o')],
    ['en.json', enc('{}')],
    ['sv.json', enc('{}')],
  ]);

describe('zip layout', () => {
  it('a zip with exactly the manifest, icons and localization files at its root passes', () => {
    const zip = writeZip(complete());
    expect(checkZipLayout(zip)).toEqual([]);
    expect([...readZip(zip).keys()]).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'outline.png',
      'sv.json',
    ]);
  });

  it('the same files give byte-identical zips', () => {
    expect(Buffer.compare(writeZip(complete()), writeZip(complete()))).toBe(0);
  });

  it('extra, nested and missing files are each reported', () => {
    const files = complete();
    files.delete('sv.json');
    files.set('notes.txt', enc('x'));
    files.set('appPackage/color.png', enc('c'));
    const fields = checkZipLayout(writeZip(files)).map((p) => `${p.field}: ${p.message}`);
    expect(fields).toEqual([
      'package: appPackage/color.png: is in a folder; Teams reads only the zip root',
      'package: notes.txt: is not referenced by the manifest',
      'package: sv.json: is referenced by the manifest but missing',
    ]);
  });

  it('a zip whose manifest sits in a folder is rejected', () => {
    const zip = writeZip(new Map([['appPackage/manifest.json', manifest]]));
    expect(checkZipLayout(zip)[0]?.message).toBe('has no manifest.json at its root');
  });
});
