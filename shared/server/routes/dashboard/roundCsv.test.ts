import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_CSV_COLUMNS } from '../../../contract/dashboard';
import { PI_ROUND, buildRoundWorld, send, startRound, type RoundWorld } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';
import { csvCell } from './roundCsv';

const backends = await storageBackends();
const ADMIN = { tenantId: 'tenant-a', userId: 'csv-audit-admin', name: 'Tenant Admin' };

/** Splits CSV text into rows of cells (quoted cells may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!))
    .map((cells) => cells.slice(0, ROUND_CSV_COLUMNS.length))
    .map((cells) => cells.map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c)));
}

describe('CSV cells', () => {
  it('quotes separators and defuses spreadsheet formulas from student text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});

describe.each(backends)('round results CSV on %s', (backend) => {
  let t: TestService;
  let w: RoundWorld;

  async function runRounds(world: RoundWorld) {
    const pi = await startRound(world, PI_ROUND);
    await send(world.students[0]!, pi.roundId, { type: 'answer', option: 0, confidence: 'low' });
    await send(world.students[1]!, pi.roundId, { type: 'answer', option: 1, confidence: 'high' });
    const qr = await startRound(world, { kind: 'question_round', topic: 'Orbits' });
    await send(world.students[0]!, qr.roundId, { type: 'ask', text: 'Why, "exactly", ellipses?' });
    await send(world.students[1]!, qr.roundId, {
      type: 'ask',
      text: 'Is the Moon falling all the time?',
      anonymous: true,
    });
  }

  beforeAll(async () => {
    t = await startTestService({ backend, env: { TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}` } });
    w = await buildRoundWorld(t, 2);
    await runRounds(w);
  });
  afterAll(() => t.close());

  const params = () => ({ params: { sessionId: w.session.id } });

  it('GET /sessions/:sessionId/rounds.csv 200 lists options with votes and questions with their authors', async () => {
    const token = (await t.anonymous().call('createDevToken', { body: w.facilitator.user })).token;
    const res = await fetch(`${t.url}/api/v1/sessions/${w.session.id}/rounds.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([...ROUND_CSV_COLUMNS]);
    const options = rows.filter((r) => r[4] === 'option');
    expect(options.map((r) => [r[5], r[6], r[8]])).toEqual([
      ['Magnetism', '1', 'no'],
      ['Gravity', '1', 'yes'],
      ['Friction', '0', 'no'],
      ['Inertia alone', '0', 'no'],
    ]);
    const questions = rows.filter((r) => r[4] === 'question');
    expect(questions.map((r) => [r[5], r[9]])).toEqual([
      ['Why, "exactly", ellipses?', w.students[0]!.user.name],
      ['Is the Moon falling all the time?', `${w.students[1]!.user.name} (anonymous to classmates)`],
    ]);
  });

  it('GET /sessions/:sessionId/rounds.csv 200 names nobody when the class is fully anonymous', async () => {
    const world = await buildRoundWorld(t, 2);
    await world.owner.client.call('updateClass', {
      params: { classId: world.cls.id },
      body: { settings: { fullyAnonymous: true } },
    });
    await runRounds(world);
    const csv = await world.owner.client.call('exportRoundResults', {
      params: { sessionId: world.session.id },
    });
    const rows = parseCsv(csv);
    expect(rows.filter((r) => r[4] === 'question')).toHaveLength(2);
    for (const s of world.students) expect(csv).not.toContain(s.user.name);
  });

  it('GET /sessions/:sessionId/rounds.csv 200 records who downloaded which class’s results in the audit trail', async () => {
    const admin = await t.as(ADMIN);
    const csvAudits = async () =>
      (await admin.call('listAuditEntries', { query: { limit: 100 } })).items.filter(
        (e) => e.action === 'csv_exported' && e.subject === w.session.id,
      );
    const before = (await csvAudits()).length;
    // a dashboard view and a refused download are not exports
    await w.facilitator.client.call('getSessionDashboard', params());
    await w.facilitator.client.call('getClassDashboard', { params: { classId: w.cls.id } });
    await expectApiError(w.student.client.call('exportRoundResults', params()), 403, 'insufficient_role');
    expect(await csvAudits()).toHaveLength(before);
    const all = await admin.call('listAuditEntries', { query: { limit: 100 } });
    expect(all.items.some((e) => e.action === 'dashboard_exported')).toBe(false);

    await w.facilitator.client.call('exportRoundResults', params());
    const after = await csvAudits();
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({
      actorId: w.facilitator.user.userId,
      classId: w.cls.id,
      subject: w.session.id,
      details: { sessionId: w.session.id, rounds: 2, namesAuthors: true },
    });
  });

  it('GET /sessions/:sessionId/rounds.csv 400 validation_failed on a session id over 64 characters', async () => {
    const call = w.owner.client.call('exportRoundResults', { params: { sessionId: wrong('s'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /sessions/:sessionId/rounds.csv 403 insufficient_role for a student', async () => {
    await expectApiError(w.student.client.call('exportRoundResults', params()), 403, 'insufficient_role');
  });

  it('GET /sessions/:sessionId/rounds.csv 404 not_found for a non-member', async () => {
    await expectApiError(w.outsider.client.call('exportRoundResults', params()), 404, 'not_found');
  });

  it('GET /sessions/:sessionId/rounds.csv 404 not_found for another tenant with the same user id', async () => {
    await expectApiError(w.otherTenant.client.call('exportRoundResults', params()), 404, 'not_found');
  });

  it('GET /sessions/:sessionId/rounds.csv 401 unauthenticated without a token', async () => {
    await expectApiError(t.anonymous().call('exportRoundResults', params()), 401, 'unauthenticated');
  });

  it('GET /sessions/:sessionId/rounds.csv 401 invalid_token with a garbage token', async () => {
    await expectApiError(garbageClient(t).call('exportRoundResults', params()), 401, 'invalid_token');
  });
});
