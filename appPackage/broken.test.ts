import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { containing, ENV_DIR, problemsOf, provisioned, ROOT_DIR, scratchAppDir } from './lib/fixtures';
import { composePackage } from './lib/packageBuilder';

/** Each test breaks one thing in a scratch copy of appPackage and expects a problem naming it. */
let scratch: ReturnType<typeof scratchAppDir> | undefined;
afterEach(() => scratch?.cleanup());

function build(env = 'local', shell: Record<string, string> = {}) {
  return composePackage({ env, appDir: scratch!.dir, rootDir: ROOT_DIR, envDir: ENV_DIR, shell });
}

function solidPng(size: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set(rgba, i * 4);
  return PNG.sync.write(png);
}

describe('a broken package fails with the field and the fix', () => {
  it('a required field missing from the manifest', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => delete m.developer);
    const problems = await problemsOf(build());
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'developer', message: 'is required by the schema but missing' }),
    );
  });

  it('an id that is not a GUID names the env variable it came from', async () => {
    scratch = scratchAppDir();
    const problems = await problemsOf(build('local', { BOT_ID: 'my-bot' }));
    const guid = problems.find((p) => p.field === 'bots[0].botId' && p.message.includes('not a GUID'));
    expect(guid?.fix).toContain('BOT_ID (from shell)');
  });

  it('the nil GUID outside local: not provisioned', async () => {
    scratch = scratchAppDir();
    const problems = await problemsOf(
      build('dev', { ...provisioned('dev'), TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'id', message: containing('nil GUID') }),
    );
  });

  it('an unprovisioned dev env lists every missing variable and where to set it', async () => {
    scratch = scratchAppDir();
    const problems = await problemsOf(build('dev'));
    const missing = new Set(problems.map((p) => /\$\{\{(\w+)\}\}/.exec(p.message)?.[1]));
    expect([...missing].sort()).toEqual([
      'AAD_APP_CLIENT_ID',
      'BOT_ID',
      'TAB_DOMAIN',
      'TAB_ENDPOINT',
      'TEAMS_APP_ID',
    ]);
    expect(problems.every((p) => p.fix.startsWith('set ') && p.fix.includes('env/.env.dev'))).toBe(true);
  });

  it('an oversized colour icon', async () => {
    scratch = scratchAppDir();
    writeFileSync(join(scratch.dir, 'color.png'), solidPng(256, [15, 110, 114, 255]));
    const problems = await problemsOf(build());
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'icons.color (color.png)',
        message: containing('is 256x256; Teams needs the full-colour icon at exactly 192x192'),
      }),
    );
  });

  it('an outline icon with colour or without transparency', async () => {
    scratch = scratchAppDir();
    writeFileSync(join(scratch.dir, 'outline.png'), solidPng(32, [200, 40, 40, 255]));
    const problems = await problemsOf(build());
    const messages = problems.filter((p) => p.field === 'icons.outline (outline.png)').map((p) => p.message);
    expect(messages).toEqual([containing('not white'), 'has no transparent background']);
  });

  it('an icon that is not a PNG', async () => {
    scratch = scratchAppDir();
    writeFileSync(join(scratch.dir, 'color.png'), 'GIF89a');
    const problems = await problemsOf(build());
    expect(problems[0]).toMatchObject({
      field: 'icons.color (color.png)',
      message: containing('not a readable PNG'),
    });
  });

  it('a URL off the valid domains, and one over plain HTTP', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      const tabs = m.staticTabs as Array<Record<string, string>>;
      tabs[0]!.websiteUrl = 'https://elsewhere.example.com/tab/me';
      (m.developer as Record<string, string>).websiteUrl = 'http://${{TAB_DOMAIN}}/';
    });
    const problems = await problemsOf(build());
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'staticTabs[0].websiteUrl',
        message: containing('elsewhere.example.com, which is not in validDomains [localhost:3000]'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'developer.websiteUrl',
        message: containing('is not HTTPS'),
      }),
    );
  });

  it('a tab URL that is not a route the tab serves', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      (m.configurableTabs as Array<Record<string, string>>)[0]!.configurationUrl =
        '${{TAB_ENDPOINT}}/configure';
    });
    const problems = await problemsOf(build());
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'configurableTabs[0].configurationUrl',
        message: 'points at "/configure", but the tab serves this view at "/tab/config"',
      }),
    ]);
  });

  it('an SSO resource that is not the service audience', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      (m.webApplicationInfo as Record<string, string>).resource = 'api://${{AAD_APP_CLIENT_ID}}';
    });
    const problems = await problemsOf(build());
    expect(problems.map((p) => p.field)).toEqual(['webApplicationInfo.resource']);
    expect(problems[0]!.fix).toContain('AAD_APP_ID_URI');
  });

  it('a secret placed in the manifest', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      (m.developer as Record<string, string>).name = '${{SECRET_BOT_PASSWORD}}';
    });
    const problems = await problemsOf(build());
    expect(problems[0]).toMatchObject({
      field: '${{SECRET_BOT_PASSWORD}}',
      message: containing('is a secret'),
    });
  });

  it('a command list typed by hand is replaced, and a scope without a list is caught', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      const bot = (m.bots as Array<{ commandLists: Array<{ scopes: string[]; commands: unknown[] }> }>)[0]!;
      bot.commandLists[0]!.commands = [{ title: 'quiz', description: 'not a command the bot handles' }];
      bot.commandLists.pop();
    });
    const problems = await problemsOf(build());
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'bots[0].commandLists',
        message: 'no command list for the bot\'s scope "groupChat"',
      }),
    ]);
  });

  it('a Swedish translation missing a command, or translating one that is gone', async () => {
    scratch = scratchAppDir();
    const path = join(scratch.dir, 'locales', 'sv.json');
    const sv = JSON.parse(readFileSync(path, 'utf8')) as { commands: Record<string, string> };
    delete sv.commands.pi;
    sv.commands.quiz = 'Gammalt kommando';
    writeFileSync(path, JSON.stringify(sv));
    const problems = await problemsOf(build());
    expect(problems.map((p) => p.field)).toEqual(['sv.json: commands.pi', 'sv.json: commands.quiz']);
    expect(problems[0]!.fix).toBe('add it to appPackage/locales/sv.json');
  });

  it('a $schema that would need the network', async () => {
    scratch = scratchAppDir();
    scratch.editManifest((m) => {
      m.$schema = 'https://example.com/teams.schema.json';
    });
    const problems = await problemsOf(build());
    expect(problems[0]).toMatchObject({
      field: '$schema',
      fix: containing('not validated offline'),
    });
  });

  it('an environment that does not exist', async () => {
    scratch = scratchAppDir();
    const problems = await problemsOf(build('staging'));
    expect(problems).toEqual([
      {
        field: 'env/.env.staging',
        message: 'there is no environment "staging"',
        fix: 'pick one of --env dev, --env local, --env prod, or create env/.env.staging',
      },
    ]);
  });
});
