import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../contract/api';
import type { Operation } from '../../contract/operation';
import { COVERAGE, requiredCases, testTitles, titlePrefix } from './coverage';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const entries = Object.entries(operations) as Array<[OperationId, Operation]>;

function titlesOf(files: string[]): string[] {
  return files.flatMap((f) => {
    const path = `${serverDir}${f}`;
    return existsSync(path) ? testTitles(readFileSync(path, 'utf8')) : [];
  });
}

describe('API test coverage', () => {
  it('has an entry for every operation of the contract, and none for operations that are gone', () => {
    expect(entries.map(([id]) => id).filter((id) => !COVERAGE[id])).toEqual([]);
    expect(Object.keys(COVERAGE).filter((id) => !(id in operations))).toEqual([]);
  });

  it('finds a success case for every operation in the files its entry names', () => {
    const missing: string[] = [];
    for (const [id, op] of entries) {
      const files = COVERAGE[id]?.files ?? [];
      const success = requiredCases(op)[0]!;
      if (!titlesOf(files).some((title) => success.matches(title))) {
        missing.push(
          `${id}: no "${titlePrefix(op)} ${op.status} ..." test in ${files.join(', ') || '(no files)'}`,
        );
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds every required case of the fully covered operations', () => {
    const missing: string[] = [];
    const pending: string[] = [];
    for (const [id, op] of entries) {
      const entry = COVERAGE[id];
      if (!entry) continue;
      const titles = titlesOf(entry.files);
      const absent = requiredCases(op).filter((c) => !titles.some((title) => c.matches(title)));
      const lines = absent.map((c) => `${id}: ${titlePrefix(op)} ${c.label}`);
      (entry.matrix === 'full' ? missing : pending).push(...lines);
    }
    if (pending.length > 0) {
      console.warn(
        `[coverage] cases still missing for operations marked pending:\n  ${pending.join('\n  ')}`,
      );
    }
    expect(missing).toEqual([]);
  });

  it('recognises titles the way suites write them', () => {
    const source = `it('GET /classes/:classId 404 not_found for a non-member', x);\n  it(\n    "POST /x 201 ok",`;
    expect(testTitles(source)).toEqual([
      'GET /classes/:classId 404 not_found for a non-member',
      'POST /x 201 ok',
    ]);
    const getClass = requiredCases(operations.getClass);
    const nonMember = getClass.find((c) => c.label === '404 not_found')!;
    expect(nonMember.matches('GET /classes/:id 404 not_found for a non-member')).toBe(true);
    expect(nonMember.matches('GET /classes/:id/members 404 not_found for a non-member')).toBe(false);
    expect(getClass.map((c) => c.label)).toEqual([
      '200 ',
      '400 validation_failed',
      '401 unauthenticated',
      '401 invalid_token',
      'a case for another tenant',
      '404 not_found',
    ]);
  });
});
