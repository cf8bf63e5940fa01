/**
 * The parts of a Teams manifest the build reads or writes. The JSON schema is the full authority; these
 * types only keep the checks honest about what they touch.
 */
export interface BotCommand {
  title: string;
  description?: string;
}

export interface CommandList {
  scopes: string[];
  commands: BotCommand[];
}

export interface Manifest {
  $schema?: string;
  manifestVersion?: string;
  id?: string;
  localizationInfo?: {
    defaultLanguageTag?: string;
    defaultLanguageFile?: string;
    additionalLanguages?: Array<{ languageTag: string; file: string }>;
  };
  developer?: { name?: string; websiteUrl?: string; privacyUrl?: string; termsOfUseUrl?: string };
  name?: { short?: string; full?: string };
  description?: { short?: string; full?: string };
  icons?: { color?: string; outline?: string };
  bots?: Array<{ botId?: string; scopes?: string[]; commandLists?: CommandList[] }>;
  configurableTabs?: Array<{ configurationUrl?: string; scopes?: string[]; context?: string[] }>;
  staticTabs?: Array<{
    entityId?: string;
    name?: string;
    contentUrl?: string;
    websiteUrl?: string;
    scopes?: string[];
  }>;
  validDomains?: string[];
  webApplicationInfo?: { id?: string; resource?: string };
  [key: string]: unknown;
}

/** A Teams localization file: flat keys like `name.short` or `bots[0].commandLists[1].commands[2].description`. */
export type LocalizationFile = Record<string, string>;
