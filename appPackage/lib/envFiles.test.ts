import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../build';
import { loadEnvironment, parseDotenv } from './envFiles';
import { fillPlaceholders } from './placeholders';
import type { Problem } from './problems';

describe('env files', () => {
  it('reads KEY=value lines with comments and quotes, and reports lines it cannot read', () => {
    const problems: Problem[] = [];
    const vars = parseDotenv(
      '# comment\nA=1\nB = two words # note\nC="quoted # kept"\nexport D=\'single\'\nE=\nnot a line\n',
      'env/.env.x',
      problems,
    );
    expect(vars).toEqual({ A: '1', B: 'two words', C: 'quoted # kept', D: 'single', E: '' });
    expect(problems).toEqual([
      {
        field: 'env/.env.x:7',
        message: 'cannot read "not a line"',
        fix: 'write one KEY=value per line; start comments with #',
      },
    ]);
  });

  it('layers the env file, its .user secrets and the shell, ignoring shell variables the file does not declare', () => {
    const root = mkdtempSync(join(tmpdir(), 'stoa-env-'));
    try {
      writeFileSync(join(root, '.env.dev'), 'TAB_DOMAIN=a.example.edu\nBOT_ID=\n');
      writeFileSync(join(root, '.env.dev.user'), 'SECRET_BOT_PASSWORD=s1\n');
      const env = loadEnvironment(
        'dev',
        { rootDir: root, envDir: root },
        { BOT_ID: 'from-shell', OTHER_PROJECT_ID: 'leak', TAB_DOMAIN: '' },
        [],
      )!;
      expect(env.values).toEqual({
        TAB_DOMAIN: 'a.example.edu',
        BOT_ID: 'from-shell',
        SECRET_BOT_PASSWORD: 's1',
      });
      expect(env.sourceOf).toEqual({
        TAB_DOMAIN: '.env.dev',
        BOT_ID: 'shell',
        SECRET_BOT_PASSWORD: '.env.dev.user',
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('placeholders', () => {
  it('fills strings (never keys), records which variables built each field and reports the missing', () => {
    const r = fillPlaceholders(
      { a: 'api://${{TAB_DOMAIN}}/${{ID}}', list: ['${{NOPE}}'], '${{TAB_DOMAIN}}': 1, n: 2 },
      { TAB_DOMAIN: 'x.edu', ID: 'say "hi"' },
    );
    expect(r.value).toEqual({ a: 'api://x.edu/say "hi"', list: [''], '${{TAB_DOMAIN}}': 1, n: 2 });
    expect(r.origins.get('a')).toEqual(['TAB_DOMAIN', 'ID']);
    expect(r.missing).toEqual([{ path: 'list[0]', name: 'NOPE' }]);
  });
});

describe('CLI arguments', () => {
  it('accepts --env NAME and --env=NAME, defaults to local, rejects anything else', () => {
    expect(parseArgs(['--env', 'prod'])).toEqual({ env: 'prod' });
    expect(parseArgs(['--env=dev'])).toEqual({ env: 'dev' });
    expect(parseArgs([])).toEqual({ env: 'local' });
    expect(parseArgs(['--env'])).toEqual({ error: 'unknown argument "--env"' });
    expect(parseArgs(['prod'])).toEqual({ error: 'unknown argument "prod"' });
  });
});
