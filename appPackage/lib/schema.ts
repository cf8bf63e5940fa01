import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import type { LocalizationFile, Manifest } from './manifestTypes';
import { pointerToPath, type Problem } from './problems';

/** The manifest schema Stoa targets: the newest that @microsoft/app-manifest 1.1.2 ships offline. */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA = MANIFEST_SCHEMA.replace(
  'MicrosoftTeams.schema.json',
  'MicrosoftTeams.Localization.schema.json',
);

/** Turns one line of the library's output (`/bots/0/botId must match pattern ... Details: {...}`) into a Problem. */
function toProblem(line: string, prefix: string, hint: (path: string) => string): Problem {
  const m = /^(\S*) (.*?)\. Details: (.*)$/s.exec(line.trim()) ?? /^(\S*) (.*)$/s.exec(line.trim());
  const pointer = m?.[1]?.startsWith('/') ? m[1] : '';
  const message = (pointer ? m?.[2] : line.trim()) ?? line;
  let detail = '';
  let path = pointerToPath(pointer);
  try {
    const params = JSON.parse(m?.[3] ?? '{}') as Record<string, unknown>;
    if (typeof params.missingProperty === 'string') {
      // Name the missing field itself rather than its parent: "developer is required", not "(manifest) ...".
      path = path === '(manifest)' ? params.missingProperty : `${path}.${params.missingProperty}`;
      return { field: `${prefix}${path}`, message: 'is required by the schema but missing', fix: hint(path) };
    }
    if (typeof params.additionalProperty === 'string') detail = ` ("${params.additionalProperty}")`;
    if (Array.isArray(params.allowedValues)) detail = ` (one of ${params.allowedValues.join(', ')})`;
  } catch {
    // the details are a courtesy; the message alone still names the field
  }
  return { field: `${prefix}${path}`, message: `${message}${detail}`, fix: hint(path) };
}

/**
 * Validates against the schema bundled in @microsoft/app-manifest. The `$schema` URL is checked first:
 * any other URL would make the library download a schema, and the build must work with no network.
 */
export async function validateManifestSchema(
  manifest: Manifest,
  hint: (path: string) => string,
): Promise<Problem[]> {
  if (manifest.$schema !== MANIFEST_SCHEMA || manifest.manifestVersion !== MANIFEST_VERSION) {
    return [
      {
        field: '$schema',
        message: `must be ${MANIFEST_SCHEMA} with manifestVersion "${MANIFEST_VERSION}" (found ${manifest.$schema ?? 'none'}, "${manifest.manifestVersion ?? ''}")`,
        fix: 'set both in appPackage/manifest.json; other versions are not validated offline',
      },
    ];
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
  return errors.map((e) => toProblem(e, '', hint));
}

/**
 * The bundled v1.30 localization schema has two patternProperties keys with a lone `]`
 * (`activityTypes\\[\\b(...)\\b]`), which ajv rejects in unicode mode, so the library cannot compile it.
 * Escaping that bracket keeps the pattern's meaning; a key still invalid after that is dropped (it only
 * concerns activity feed strings, which Stoa does not declare).
 */
function repairPatterns<T>(schema: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k !== 'patternProperties' || !v || typeof v !== 'object') {
        out[k] = walk(v);
        continue;
      }
      const patterns: Record<string, unknown> = {};
      for (const [pattern, sub] of Object.entries(v)) {
        const fixed = pattern.replace(/\\b\]/g, '\\b\\]');
        try {
          new RegExp(fixed, 'u');
          patterns[fixed] = walk(sub);
        } catch {
          // unusable even after repair: leave it out (see above)
        }
      }
      out[k] = patterns;
    }
    return out;
  };
  return walk(schema) as T;
}

/** Validates a localization file against the bundled localization schema of the same version. */
export async function validateLocalizationSchema(
  file: string,
  content: LocalizationFile,
): Promise<Problem[]> {
  if (content.$schema !== LOCALIZATION_SCHEMA) {
    return [
      { field: `${file}: $schema`, message: `must be ${LOCALIZATION_SCHEMA}`, fix: 'set it to that URL' },
    ];
  }
  const schema = repairPatterns(await AppManifestUtils.fetchSchema(LOCALIZATION_SCHEMA));
  const errors = await AppManifestUtils.validateAgainstSchema(content as unknown as AppManifest, schema);
  return errors.map((e) => toProblem(e, `${file}: `, () => `correct the text in appPackage/locales/${file}`));
}
