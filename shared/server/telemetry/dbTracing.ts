import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { recordSpan, tracingEnabled } from './tracing';

interface TableLike {
  table?: { identifier?: { name?: string } };
}

/** `select notes`, `insert note_updates`: the statement kind and its first table, without the SQL text. */
function describe(node: RootOperationNode): { op: string; table: string | undefined } {
  const n = node as unknown as {
    kind: string;
    from?: { froms?: TableLike[] };
    into?: TableLike;
    table?: TableLike;
  };
  const op = n.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
  const table =
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.into?.table?.identifier?.name ??
    n.table?.table?.identifier?.name;
  return { op, table };
}

/**
 * A span per database statement, as a child of the request or job that ran it. Installed only when tracing
 * is on; it reads the query tree, never the SQL text or its parameters (they may hold what students wrote).
 */
export class DbTracingPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<object, { at: number; op: string; table: string | undefined }>();

  constructor(private readonly system: 'sqlite' | 'postgresql') {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (tracingEnabled()) this.started.set(args.queryId, { at: Date.now(), ...describe(args.node) });
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      this.started.delete(args.queryId);
      recordSpan(
        s.table ? `db ${s.op} ${s.table}` : `db ${s.op}`,
        {
          'db.system.name': this.system,
          'db.operation.name': s.op,
          ...(s.table ? { 'db.collection.name': s.table } : {}),
        },
        s.at,
        Date.now(),
      );
    }
    return Promise.resolve(args.result);
  }
}
