import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SSO_SCOPE } from '../shared/contract/auth';
import { BOT_COMMANDS } from '../shared/contract/botCommands';
import { BOT_NOTIFY_PATH } from '../shared/contract/botNotify';
import { TAB_ROUTES } from '../shared/contract/tabRoutes';
import { parseBotEnv } from '../bot/env';
import { parseServiceEnv } from '../shared/server/env';
import { listEnvironments, loadEnvironment, parseDotenv } from './lib/envFiles';
import { APP_DIR, ENV_DIR, provisioned, ROOT_DIR, SECRETS } from './lib/fixtures';
import { extractStrings } from './lib/localization';
import type { Manifest } from './lib/manifestTypes';
import { composePackage, resolveVariables, type ComposedPackage } from './lib/packageBuilder';
import { fillPlaceholders, fillString, placeholderNames } from './lib/placeholders';
import { MANIFEST_SCHEMA, validateManifestSchema } from './lib/schema';
import { checkZipLayout, readZip } from './lib/zip';

const ENVS = listEnvironments(ENV_DIR);
/** dev and prod are built as if provisioned; local as on a fresh clone. */
const shellFor = (env: string) => (env === 'local' ? {} : provisioned(env));
const composed = new Map<string, Promise<ComposedPackage>>();
/** Composes each environment's package once: schema compilation is the slow part. */
const compose = (env: string) => {
  if (!composed.has(env)) composed.set(env, composePackage({ env, shell: shellFor(env) }));
  return composed.get(env)!;
};

/** The runtime configuration the Agents Toolkit's deploy step writes for the service and bot of `env`. */
function runtimeEnv(env: string): Record<string, string> {
  const file = env === 'local' ? 'm365agents.local.yml' : 'm365agents.yml';
  const project = parseYaml(readFileSync(join(ROOT_DIR, file), 'utf8')) as {
    deploy: Array<{ uses: string; with?: { envs?: Record<string, string | number> } }>;
  };
  const step = project.deploy.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile');
  const environment = loadEnvironment(env, { rootDir: ROOT_DIR, envDir: ENV_DIR }, shellFor(env), [])!;
  // Deploy runs after provision, which has written the tenant id (even on an otherwise fresh local clone).
  const tenant = { TEAMS_APP_TENANT_ID: provisioned(env).TEAMS_APP_TENANT_ID!, ...environment.values };
  const vars = { ...resolveVariables(environment), ...tenant, ...SECRETS };
  return Object.fromEntries(
    Object.entries(step?.with?.envs ?? {}).map(([k, v]) => [k, fillString(String(v), vars)]),
  );
}

describe('Teams package per environment', () => {
  it('has the three Agents Toolkit environments', () => {
    expect(ENVS).toEqual(['dev', 'local', 'prod']);
  });

  it.each(ENVS)('%s: the manifest validates offline against the bundled schema', async (env) => {
    const { manifest, files } = await compose(env);
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA);
    expect(await validateManifestSchema(manifest, () => '')).toEqual([]);
    expect([...files.keys()].sort()).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'outline.png',
      'sv.json',
    ]);
  });

  it.each(ENVS)('%s: every bot scope lists exactly BOT_COMMANDS', async (env) => {
    const { manifest } = await compose(env);
    const bot = manifest.bots![0]!;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    for (const scope of bot.scopes!) {
      const list = bot.commandLists!.find((l) => l.scopes.includes(scope))!;
      expect(list.commands).toEqual(
        BOT_COMMANDS.map((c) => ({ title: c.command, description: c.description })),
      );
    }
  });

  it.each(ENVS)('%s: tab URLs are TAB_ROUTES paths on TAB_ENDPOINT', async (env) => {
    const { manifest, environment } = await compose(env);
    const endpoint = resolveVariables(environment).TAB_ENDPOINT;
    const tab = manifest.configurableTabs![0]!;
    expect(tab.configurationUrl).toBe(`${endpoint}${TAB_ROUTES.config}`);
    expect(tab.scopes).toEqual(['team', 'groupChat']);
    expect(tab.context).toEqual(
      expect.arrayContaining([
        'channelTab',
        'privateChatTab',
        'meetingChatTab',
        'meetingSidePanel',
        'meetingStage',
      ]),
    );
    const personal = manifest.staticTabs!.find((t) => t.contentUrl)!;
    expect(personal.contentUrl).toBe(`${endpoint}${TAB_ROUTES.personal}`);
    expect(manifest.developer!.privacyUrl).toBe(`${endpoint}${TAB_ROUTES.privacy}`);
    expect(manifest.developer!.termsOfUseUrl).toBe(`${endpoint}${TAB_ROUTES.terms}`);
    expect(manifest.validDomains).toEqual([new URL(endpoint!).host]);
  });

  it.each(ENVS)(
    '%s: webApplicationInfo.resource is the audience the service is configured with',
    async (env) => {
      const { manifest } = await compose(env);
      const service = parseServiceEnv(runtimeEnv(env));
      const audiences = [service.AAD_APP_CLIENT_ID, service.AAD_APP_ID_URI];
      expect(manifest.webApplicationInfo!.id).toBe(service.AAD_APP_CLIENT_ID);
      expect(manifest.webApplicationInfo!.resource).toBe(service.AAD_APP_ID_URI);
      expect(audiences).toContain(manifest.webApplicationInfo!.resource);
      expect(service.AUTH_MODE).toBe('entra');
    },
  );

  it.each(ENVS)('%s: the bot accepts the same runtime configuration and shares its secret', (env) => {
    const runtime = runtimeEnv(env);
    const bot = parseBotEnv(runtime);
    const service = parseServiceEnv(runtime);
    const environment = loadEnvironment(env, { rootDir: ROOT_DIR, envDir: ENV_DIR }, shellFor(env), [])!;
    expect(bot.MicrosoftAppType).toBe('SingleTenant');
    expect(bot.MicrosoftAppId).toBe(resolveVariables(environment).BOT_ID);
    expect(bot.BOT_SERVICE_SECRET).toBe(service.BOT_SERVICE_SECRET);
    // The service must reach the bot's notify route, or round cards in Teams miss timers and tab actions.
    expect(new URL(service.BOT_NOTIFY_URL!).pathname).toBe(BOT_NOTIFY_PATH);
  });

  it.each(ENVS)(
    '%s: aad.manifest.json exposes that resource with access_as_user, pre-authorized for Teams',
    async (env) => {
      const { manifest, environment } = await compose(env);
      const vars = resolveVariables(environment);
      const aad = fillPlaceholders(
        JSON.parse(readFileSync(join(ROOT_DIR, 'aad.manifest.json'), 'utf8')),
        vars,
      ).value as {
        identifierUris: string[];
        accessTokenAcceptedVersion: number;
        oauth2Permissions: Array<{ id: string; value: string }>;
        preAuthorizedApplications: Array<{ appId: string; permissionIds: string[] }>;
        appRoles: Array<{ id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }>;
      };
      expect(aad.identifierUris).toEqual([manifest.webApplicationInfo!.resource]);
      expect(aad.accessTokenAcceptedVersion).toBe(2);
      const scope = aad.oauth2Permissions.find((p) => p.value === SSO_SCOPE)!;
      for (const teamsClient of [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      ]) {
        const pre = aad.preAuthorizedApplications.find((a) => a.appId === teamsClient);
        expect(pre?.permissionIds).toEqual([scope.id]);
      }
      // The tenant-administrator role the service looks for in the token's `roles` claim, assignable to users.
      const role = aad.appRoles.find((r) => r.value === parseServiceEnv({}).TENANT_ADMIN_ROLE);
      expect(role).toMatchObject({ allowedMemberTypes: ['User'], isEnabled: true });
      expect(role!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );

  it.each(ENVS)(
    '%s: the localization files cover every string, English mirroring the manifest',
    async (env) => {
      const { manifest, files } = await compose(env);
      const read = (f: string) =>
        JSON.parse(new TextDecoder().decode(files.get(f))) as Record<string, string>;
      const { $schema: _en, ...en } = read('en.json');
      const { $schema: _sv, ...sv } = read('sv.json');
      expect(en).toEqual(extractStrings(manifest));
      expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
      expect(sv['bots[0].commandLists[0].commands[0].description']).toMatch(/Stoa/);
      expect(sv['name.short']).toBe(manifest.name!.short);
    },
  );
});

describe('Agents Toolkit project files', () => {
  it('every variable the project files use is declared in each env file, secrets excepted', () => {
    const used = new Set(
      ['m365agents.yml', 'm365agents.local.yml', 'aad.manifest.json', 'appPackage/manifest.json']
        .flatMap((f) => placeholderNames(readFileSync(join(ROOT_DIR, f), 'utf8')))
        .filter((n) => !n.startsWith('SECRET_') && n !== 'TEAMSFX_ENV'),
    );
    for (const env of ENVS) {
      const declared = parseDotenv(readFileSync(join(ENV_DIR, `.env.${env}`), 'utf8'), env, []);
      expect(Object.keys(declared).sort()).toEqual(expect.arrayContaining([...used].sort()));
      expect(declared.TEAMSFX_ENV).toBe(env);
      expect(Object.keys(declared).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    }
  });

  it('provision builds and uploads the zip that `npm run package` writes', () => {
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const text = readFileSync(join(ROOT_DIR, file), 'utf8');
      expect(text).toContain('args: run package -- --env ${{TEAMSFX_ENV}}');
      expect(text).toContain('appPackagePath: ./appPackage/build/stoa-${{TEAMSFX_ENV}}.zip');
    }
  });
});

describe('npm run package -- --env local', () => {
  it('writes a valid zip on a fresh clone, offline', async () => {
    const declared = Object.keys(parseDotenv(readFileSync(join(ENV_DIR, '.env.local'), 'utf8'), 'local', []));
    // A clean environment, as on a fresh clone: nothing of this project's variables in the shell.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !declared.includes(k) && !k.startsWith('SECRET_')),
    );
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', 'package', '--', '--env', 'local'], {
      cwd: ROOT_DIR,
      env,
      timeout: 60_000,
    });
    expect(stdout).toContain('Wrote appPackage/build/stoa-local.zip');
    expect(stderr).toContain('not provisioned yet');
    const zip = readFileSync(join(APP_DIR, 'build', 'stoa-local.zip'));
    expect(checkZipLayout(zip)).toEqual([]);
    const entries = readZip(zip);
    expect([...entries.keys()].sort()).toEqual([
      'color.png',
      'en.json',
      'manifest.json',
      'outline.png',
      'sv.json',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as Manifest;
    expect(await validateManifestSchema(manifest, () => '')).toEqual([]);
    expect(manifest.name?.short).toBe('Stoa-local');
  });
});
