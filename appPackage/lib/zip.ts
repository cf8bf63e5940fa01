import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Manifest } from './manifestTypes';
import type { Problem } from './problems';

/** A fixed timestamp, so the same inputs always give a byte-identical zip. */
const MTIME = new Date('2020-01-01T00:00:00Z');

/** Zips files at the root of the archive, in a stable order. */
export function writeZip(files: Map<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of [...files.keys()].sort()) entries[name] = [files.get(name)!, { mtime: MTIME, level: 9 }];
  return zipSync(entries);
}

/** Reads every entry of a zip. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

/** The files a package must hold: the manifest, its icons and its localization files. */
export function expectedEntries(manifest: Manifest): string[] {
  const info = manifest.localizationInfo;
  return [
    'manifest.json',
    manifest.icons?.color,
    manifest.icons?.outline,
    info?.defaultLanguageFile,
    ...(info?.additionalLanguages ?? []).map((l) => l.file),
  ]
    .filter((f): f is string => !!f)
    .sort();
}

/** Checks that a zip holds exactly the expected files, all at its root (Teams rejects nested layouts). */
export function checkZipLayout(bytes: Uint8Array): Problem[] {
  let entries: Map<string, Uint8Array>;
  try {
    entries = readZip(bytes);
  } catch (err) {
    return [
      { field: 'package', message: `is not a readable zip (${(err as Error).message})`, fix: 'rebuild it' },
    ];
  }
  const manifestBytes = entries.get('manifest.json');
  if (!manifestBytes) {
    return [
      {
        field: 'package',
        message: 'has no manifest.json at its root',
        fix: 'zip the files, not their folder',
      },
    ];
  }
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Manifest;
  const want = expectedEntries(manifest);
  const have = [...entries.keys()].sort();
  const problems: Problem[] = [];
  for (const name of have.filter((n) => !want.includes(n))) {
    problems.push({
      field: `package: ${name}`,
      message: name.includes('/')
        ? 'is in a folder; Teams reads only the zip root'
        : 'is not referenced by the manifest',
      fix: 'package only manifest.json, its icons and its localization files, at the root',
    });
  }
  for (const name of want.filter((n) => !have.includes(n))) {
    problems.push({
      field: `package: ${name}`,
      message: 'is referenced by the manifest but missing',
      fix: 'add it',
    });
  }
  return problems;
}
