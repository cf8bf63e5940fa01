import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StoaClient } from '../../shared/client/client';
import { TEST_PG_URL, dropPgSchema } from '../../shared/server/test/backends';
import { buildServiceEntry, startServiceProcess, type ServiceProcess } from '../notes/serviceProcess';

/** A fresh PostgreSQL schema and the DATABASE_URL that points a service process at it. */
export async function pgSchemaUrl(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema, drop: () => dropPgSchema(schema) };
}

export interface ProvedService {
  proc: ServiceProcess;
  url: string;
  /** Signs a dev user in on this service. */
  token(user: { tenantId: string; userId: string; name: string }): Promise<string>;
  client(token: string): StoaClient;
  /** Whether the process is still running. */
  alive(): boolean;
  close(): Promise<void>;
}

/**
 * The service as its own process (so a crash shows as an exit, and its log can be read), on SQLite in a
 * temp folder or on a fresh PostgreSQL schema, with the rate limit out of the way of a generated flood.
 */
export async function startProvedService(
  backend: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
): Promise<ProvedService> {
  const entry = await buildServiceEntry();
  const dir = mkdtempSync(join(tmpdir(), 'stoa-proving-'));
  const db = backend === 'postgres' ? await pgSchemaUrl() : null;
  const proc = await startServiceProcess(entry.entry, {
    DEV_KEY_PATH: join(dir, 'dev-key.json'),
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...(db ? { DATABASE_URL: db.url } : { SQLITE_PATH: join(dir, 'stoa.db') }),
    ...env,
  });
  const anon = new StoaClient({ baseUrl: proc.url });
  return {
    proc,
    url: proc.url,
    token: async (user) => (await anon.call('createDevToken', { body: user })).token,
    client: (token) => new StoaClient({ baseUrl: proc.url, getToken: () => token }),
    alive: () => proc.child.exitCode === null && proc.child.signalCode === null,
    async close() {
      await proc.kill('SIGTERM');
      entry.remove();
      rmSync(dir, { recursive: true, force: true });
      await db?.drop().catch(() => undefined);
    },
  };
}

/** A class with an owner and a student, a live session with a started round and a saved note version. */
export interface ProvingData {
  ownerToken: string;
  studentToken: string;
  /** Valid path parameter values by name. */
  params: Record<string, string>;
}

/** Builds the data every path parameter of the document can point at. */
export async function provingData(s: ProvedService, tenantId = 'tenant-p'): Promise<ProvingData> {
  const tag = randomBytes(3).toString('hex');
  const ownerToken = await s.token({ tenantId, userId: `owner-${tag}`, name: 'Proving Owner' });
  const studentId = `student-${tag}`;
  const studentToken = await s.token({ tenantId, userId: studentId, name: 'Proving Student' });
  const owner = s.client(ownerToken);
  const cls = await owner.call('createClass', { body: { name: 'Proving ground' } });
  await s
    .client(studentToken)
    .call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
  const session = await owner.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
  const round = await owner.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'peer_instruction', question: 'Which?', options: ['A', 'B'] } },
  });
  const version = await owner.call('createNoteVersion', {
    params: { sessionId: session.id },
    body: { name: 'v1' },
  });
  // An always-on question, for the backstage operations' `:questionId`.
  const question = await owner.call('askBackstage', {
    params: { sessionId: session.id },
    body: { text: 'Proving question?', anonymous: false },
  });
  return {
    ownerToken,
    studentToken,
    params: {
      questionId: question.question.id,
      classId: cls.id,
      sessionId: session.id,
      roundId: round.roundId,
      versionId: version.id,
      userId: studentId,
    },
  };
}
