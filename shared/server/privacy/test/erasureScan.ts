import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../../contract/collab';
import { applyEncoded } from '../../notes/noteStore';
import { noteClient, waitFor } from '../../notes/test/collabClient';
import type { TestService, TestUser } from '../../test/testService';
import { ANNOTATIONS_KEY } from '../noteAuthors';

/**
 * A generic check that an erased person is gone: given their id, names and the texts erasure must remove,
 * it reads everything a remaining user can read and everything in the database's files, and reports every
 * place any of them still appears.
 *
 * Sources (one entry each in `SCAN_SOURCES`):
 * - `api`: every GET operation of the service's OpenAPI document, for every viewer (a remaining
 *   facilitator, a remaining student, an administrator), with every id the world knows filled in
 *   (exports included: notes.md, the CSV of round results, the dashboards, personal exports);
 * - `streams`: the replay of every session's event stream, per viewer;
 * - `liveNotes`: every session's note as a collaboration client receives it (text, annotations, presence);
 * - `storedNotes`: every stored snapshot and saved version decoded in full, and the update log;
 * - `rows`: every row of every table, read back through SQL;
 * - `files`: SQLite: the database file and its WAL, byte for byte; PostgreSQL: every page of every table,
 *   TOAST table and index of the schema through `pageinspect` (dead row versions included) when the
 *   extension is available. Values PostgreSQL stored compressed are only seen by `rows`.
 *
 * Adding a data kind (moderation, polls, word clouds, ...): its tables are already read by `rows` and
 * `files`, and its GET operations by `api` as soon as they are in the contract. If an operation has a path
 * parameter this file does not know, `api` throws: add how to list its values to `PARAM_VALUES` (and the
 * ids to `ScanWorld.ids`). A data kind that reaches users another way (a new stream, a new collaboration
 * document, a file export) gets a `ScanSource` of its own in `SCAN_SOURCES`. Then build the kind's data in
 * the realistic class (`realisticClass.ts`) with the erased person's texts in `needles.texts`.
 */

/** What must not remain: the person's id, every name they had, and their texts that erasure removes. */
export interface Needles {
  id: string;
  names: string[];
  /** Round texts and comment texts; not body text they typed into the notes (class content, documented). */
  texts: string[];
}

/** Someone who reads what the service serves. */
export interface ScanViewer {
  label: string;
  user: TestUser;
  token: string;
}

/** Everything the scan needs to know about the world it reads. */
export interface ScanWorld {
  t: TestService;
  viewers: ScanViewer[];
  /** Ids to fill path parameters with, per parameter kind. */
  ids: {
    classIds: string[];
    sessionIds: string[];
    roundIds: string[];
    userIds: string[];
    annotationIds: string[];
    versions: { sessionId: string; versionId: string }[];
  };
  /** The SQLite file (absent for PostgreSQL). */
  sqlitePath?: string;
}

/** One thing read: where it came from (a place counts once) and its content. */
export interface ScanItem {
  place: string;
  content: string | Uint8Array;
}

/** A kind of place to read. */
export interface ScanSource {
  name: string;
  read(w: ScanWorld): Promise<ScanItem[]>;
}

export interface ScanHit {
  source: string;
  place: string;
  needle: string;
  excerpt: string;
}

export interface ScanReport {
  /** Items checked (responses, events, documents, rows, pages, files). */
  items: number;
  /** Distinct places those came from (an operation as a viewer, a stream, a table, a file). */
  places: number;
  bytes: number;
  perSource: Record<string, { items: number; places: number }>;
  hits: ScanHit[];
}

type ParamValues = (w: ScanWorld, bound: Record<string, string>) => string[];

/** How to fill each path parameter of a GET operation. */
export const PARAM_VALUES: Record<string, ParamValues> = {
  classId: (w) => w.ids.classIds,
  sessionId: (w) => w.ids.sessionIds,
  roundId: (w) => w.ids.roundIds,
  userId: (w) => w.ids.userIds,
  annotationId: (w) => w.ids.annotationIds,
  versionId: (w, b) => w.ids.versions.filter((v) => v.sessionId === b.sessionId).map((v) => v.versionId),
};

/** GET operations read by another source, with the reason. */
const READ_ELSEWHERE: Record<string, string> = {
  streamSessionEvents: 'an endless stream: the `streams` source reads its replay',
};

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
}

/** Every binding of a path's parameters to known values. */
function bindings(path: string, w: ScanWorld): Record<string, string>[] {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  let out: Record<string, string>[] = [{}];
  for (const name of names) {
    const values = PARAM_VALUES[name];
    if (!values) throw new Error(`erasure scan: no values for path parameter {${name}} of ${path}`);
    out = out.flatMap((b) => values(w, b).map((v) => ({ ...b, [name]: v })));
  }
  return out;
}

const api: ScanSource = {
  name: 'api',
  async read(w) {
    const doc = (await (await fetch(`${w.t.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const items: ScanItem[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = methods.get;
      if (!op) continue;
      const id = op.operationId ?? path;
      if (READ_ELSEWHERE[id]) continue;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query') continue;
        if (p.name === 'limit') query.set('limit', '100');
        else if (p.required) throw new Error(`erasure scan: no value for query parameter ${p.name} of ${id}`);
      }
      const qs = query.size > 0 ? `?${query.toString()}` : '';
      for (const b of bindings(path, w)) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(b[name]!));
        for (const v of w.viewers) {
          const res = await fetch(`${w.t.url}${url}${qs}`, {
            headers: { authorization: `Bearer ${v.token}` },
          });
          items.push({ place: `GET ${path} as ${v.label}`, content: `${res.status} ${await res.text()}` });
        }
      }
    }
    return items;
  },
};

/** The replay of a session's event stream from its start, up to the `ready` marker that ends the replay. */
async function replay(url: string, sessionId: string, token: string): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const res = await fetch(`${url}/api/v1/sessions/${sessionId}/events`, {
      headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' },
      signal: abort.signal,
    });
    if (!res.body) return `${res.status}`;
    if (res.status !== 200) return `${res.status} ${await res.text()}`;
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of res.body) {
      text += decoder.decode(chunk, { stream: true });
      if (text.includes('event: ready')) break;
    }
    return text;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

const streams: ScanSource = {
  name: 'streams',
  async read(w) {
    const items: ScanItem[] = [];
    for (const sessionId of w.ids.sessionIds) {
      for (const v of w.viewers) {
        const text = await replay(w.t.url, sessionId, v.token);
        for (const frame of text.split('\n\n')) {
          items.push({ place: `event stream of a session as ${v.label}`, content: frame });
        }
      }
    }
    return items;
  },
};

/** Everything a note's document holds, decoded: the text, the annotations, and the raw state. */
function decodedNote(doc: Y.Doc): ScanItem['content'][] {
  return [
    JSON.stringify(doc.getXmlFragment(NOTE_FRAGMENT).toJSON()),
    JSON.stringify(doc.getMap(ANNOTATIONS_KEY).toJSON()),
    Y.encodeStateAsUpdate(doc),
  ];
}

const liveNotes: ScanSource = {
  name: 'liveNotes',
  async read(w) {
    const items: ScanItem[] = [];
    for (const sessionId of w.ids.sessionIds) {
      for (const v of w.viewers.filter((x) => x.label !== 'administrator')) {
        const client = noteClient(w.t.url, sessionId, v.token);
        try {
          await waitFor(() => client.provider.isSynced, 'the note to sync');
          // Presence arrives right after the sync; give it a moment.
          await new Promise((r) => setTimeout(r, 300));
          const presence = [...client.provider.awareness!.getStates().values()];
          for (const content of [...decodedNote(client.doc), JSON.stringify(presence)]) {
            items.push({ place: `live note as ${v.label}`, content });
          }
        } finally {
          client.destroy();
        }
      }
    }
    return items;
  },
};

const storedNotes: ScanSource = {
  name: 'storedNotes',
  async read(w) {
    const db = w.t.service.context.storage.database.db;
    const items: ScanItem[] = [];
    const docs = [
      ...(await db.selectFrom('note_snapshots').select(['data', 'encoding']).execute()).map((r) => ({
        place: 'note_snapshots decoded',
        update: r,
      })),
      ...(await db.selectFrom('note_versions').select('data').execute()).map((r) => ({
        place: 'note_versions decoded',
        update: { data: r.data, encoding: 1 },
      })),
    ];
    for (const { place, update } of docs) {
      const doc = new Y.Doc();
      applyEncoded(doc, update);
      for (const content of decodedNote(doc)) items.push({ place, content });
    }
    for (const row of await db.selectFrom('note_updates').select('data').execute()) {
      items.push({ place: 'note_updates', content: row.data });
    }
    return items;
  },
};

const rows: ScanSource = {
  name: 'rows',
  async read(w) {
    const { db, dialect } = w.t.service.context.storage.database;
    const tables =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows
        : (
            await sql<{
              name: string;
            }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)
          ).rows;
    const items: ScanItem[] = [];
    for (const { name } of tables) {
      const { rows: all } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      for (const row of all) {
        for (const value of Object.values(row)) {
          items.push({
            place: `table ${name}`,
            content: value instanceof Uint8Array ? value : String(value),
          });
        }
      }
    }
    return items;
  },
};

/** Pages of every relation of the schema (tables, their TOAST tables, indexes), raw, via pageinspect. */
async function postgresPages(w: ScanWorld): Promise<ScanItem[]> {
  const { db } = w.t.service.context.storage.database;
  await sql`create extension if not exists pageinspect`.execute(db).catch(() => undefined);
  const ext = (
    await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension
      where extname = 'pageinspect'`.execute(db)
  ).rows[0];
  if (!ext) return [];
  const { rows: rels } = await sql<{ rel: string; blocks: number }>`
    select format('%I.%I', n.nspname, c.relname) as rel,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as blocks
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'i', 't')
      and (n.nspname = current_schema()
        or c.oid in (select reltoastrelid from pg_class t
                     where t.relnamespace = current_schema()::regnamespace)
        or c.oid in (select indexrelid from pg_index where indrelid in
                     (select reltoastrelid from pg_class t
                      where t.relnamespace = current_schema()::regnamespace)))`.execute(db);
  const fn = sql.raw(`"${ext.schema}".get_raw_page`);
  const items: ScanItem[] = [];
  for (const { rel, blocks } of rels) {
    for (let b = 0; b < blocks; b++) {
      const { rows } = await sql<{ page: Uint8Array }>`select ${fn}(${rel}, ${b}) as page`.execute(db);
      items.push({ place: `pages of ${rel.replace(/pg_toast_\d+/, 'pg_toast_*')}`, content: rows[0]!.page });
    }
  }
  return items;
}

const files: ScanSource = {
  name: 'files',
  async read(w) {
    if (!w.sqlitePath) return postgresPages(w);
    const items: ScanItem[] = [];
    for (const suffix of ['', '-wal', '-journal']) {
      const path = `${w.sqlitePath}${suffix}`;
      if (existsSync(path)) items.push({ place: `file stoa.db${suffix}`, content: readFileSync(path) });
    }
    return items;
  },
};

/** Every source, in the order they are read. */
export const SCAN_SOURCES: ScanSource[] = [api, streams, liveNotes, storedNotes, rows, files];

/** The forms a needle takes in what is read: as written, and escaped inside JSON or CSV. */
function forms(needle: string): Buffer[] {
  const json = JSON.stringify(needle).slice(1, -1);
  const csv = needle.replace(/"/g, '""');
  return [...new Set([needle, json, csv])].map((f) => Buffer.from(f, 'utf8'));
}

/** Reads every source and reports each place where a needle still appears. */
export async function scanFor(
  needles: Needles,
  w: ScanWorld,
  sources: ScanSource[] = SCAN_SOURCES,
): Promise<ScanReport> {
  const all = [needles.id, ...needles.names, ...needles.texts].filter((n) => n.length >= 3);
  const patterns = all.map((n) => ({ needle: n, bytes: forms(n) }));
  const report: ScanReport = { items: 0, places: 0, bytes: 0, perSource: {}, hits: [] };
  const places = new Set<string>();
  for (const source of sources) {
    const items = await source.read(w);
    const own = new Set(items.map((i) => i.place));
    report.perSource[source.name] = { items: items.length, places: own.size };
    for (const item of items) {
      places.add(`${source.name}: ${item.place}`);
      const buf =
        typeof item.content === 'string' ? Buffer.from(item.content, 'utf8') : Buffer.from(item.content);
      report.items += 1;
      report.bytes += buf.length;
      for (const { needle, bytes } of patterns) {
        const at = bytes.map((b) => buf.indexOf(b)).find((i) => i >= 0);
        if (at === undefined) continue;
        const excerpt = buf
          .subarray(Math.max(0, at - 60), at + needle.length + 60)
          .toString('utf8')
          .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '.');
        report.hits.push({ source: source.name, place: item.place, needle, excerpt });
      }
    }
  }
  report.places = places.size;
  return report;
}
