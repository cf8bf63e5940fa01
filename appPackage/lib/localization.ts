import type { LocalizationFile, Manifest } from './manifestTypes';
import type { Problem } from './problems';

/** What a translator writes in `appPackage/locales/<file>`: manifest strings, and command descriptions by command name. */
export interface LocaleSource {
  strings: Record<string, string>;
  commands: Record<string, string>;
}

const COMMAND_KEY = /^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.description$/;

/**
 * The localizable strings of a manifest as a Teams localization file. Command titles are left out on
 * purpose: Teams sends the title as the message, and the bot dispatches on the English command name.
 */
export function extractStrings(manifest: Manifest): LocalizationFile {
  const out: LocalizationFile = {};
  const put = (key: string, v: string | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  put('name.short', manifest.name?.short);
  put('name.full', manifest.name?.full);
  put('description.short', manifest.description?.short);
  put('description.full', manifest.description?.full);
  manifest.staticTabs?.forEach((t, i) => put(`staticTabs[${i}].name`, t.name));
  manifest.bots?.forEach((b, i) =>
    b.commandLists?.forEach((l, j) =>
      l.commands.forEach((c, k) =>
        put(`bots[${i}].commandLists[${j}].commands[${k}].description`, c.description),
      ),
    ),
  );
  return out;
}

/** The `$schema` a localization file names, next to the manifest schema of the same version. */
export function localizationSchemaUrl(manifest: Manifest): string {
  return (manifest.$schema ?? '').replace(
    'MicrosoftTeams.schema.json',
    'MicrosoftTeams.Localization.schema.json',
  );
}

/** The default-language file: the manifest's own strings, so the two cannot disagree. */
export function defaultLanguageFile(manifest: Manifest): LocalizationFile {
  return { $schema: localizationSchemaUrl(manifest), ...extractStrings(manifest) };
}

/** Reads a locale source, reporting a wrong shape as a problem instead of failing later. */
export function parseLocaleSource(text: string, file: string, problems: Problem[]): LocaleSource | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    problems.push({
      field: file,
      message: `is not valid JSON (${(err as Error).message})`,
      fix: 'fix the JSON syntax',
    });
    return undefined;
  }
  const isMap = (v: unknown): v is Record<string, string> =>
    !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');
  const d = data as Partial<LocaleSource>;
  if (!isMap(d.strings) || !isMap(d.commands)) {
    problems.push({
      field: file,
      message: 'must be { "strings": { key: text }, "commands": { command: description } }',
      fix: 'follow the shape of appPackage/locales/sv.json',
    });
    return undefined;
  }
  return { strings: d.strings, commands: d.commands };
}

/**
 * Builds a translated localization file with exactly the keys of the default one: a string missing from
 * the translation, or one the manifest no longer has, is a problem rather than a silent fallback.
 */
export function translatedFile(manifest: Manifest, source: LocaleSource, file: string, problems: Problem[]) {
  const english = extractStrings(manifest);
  const out: LocalizationFile = { $schema: localizationSchemaUrl(manifest) };
  const commandTitle = (key: string) => {
    const m = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]/.exec(key)!;
    return manifest.bots?.[+m[1]!]?.commandLists?.[+m[2]!]?.commands[+m[3]!]?.title ?? '';
  };
  const usedCommands = new Set<string>();
  for (const key of Object.keys(english)) {
    const isCommand = COMMAND_KEY.test(key);
    const name = isCommand ? commandTitle(key) : key;
    const text = isCommand ? source.commands[name] : source.strings[key];
    if (isCommand) usedCommands.add(name);
    const field = `${file}: ${isCommand ? `commands.${name}` : `strings["${key}"]`}`;
    if (text === undefined || text.trim() === '') {
      // A command appears once per scope; report its missing translation once.
      if (problems.some((p) => p.field === field)) continue;
      problems.push({
        field,
        message: `has no translation of "${english[key]}"`,
        fix: `add it to appPackage/locales/${file}`,
      });
    } else out[key] = text;
  }
  const stale = [
    ...Object.keys(source.strings)
      .filter((k) => !(k in english))
      .map((k) => `strings["${k}"]`),
    ...Object.keys(source.commands)
      .filter((c) => !usedCommands.has(c))
      .map((c) => `commands.${c}`),
  ];
  for (const s of stale) {
    problems.push({
      field: `${file}: ${s}`,
      message: 'translates something the manifest (or BOT_COMMANDS) no longer has',
      fix: `remove it from appPackage/locales/${file}`,
    });
  }
  return out;
}
