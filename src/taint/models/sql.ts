/** DB-API drivers (sqlite3, psycopg2/3, pymysql, MySQLdb, aiosqlite, pg8000, asyncpg), SQLAlchemy, pandas; NoSQL (pymongo, motor). */
import type * as A from '../../python/ast.js';
import { pushChildrenReversed } from '../../python/visit.js';
import { join, type Taint } from '../model.js';
import { imports } from './predicates.js';
import type { SemanticModel } from '../../python/semantic.js';
import type { CallTaints, LibraryModel } from './types.js';

/**
 * DB-API: `cursor.execute(sql, params)`, whatever the driver. Only the SQL text is a sink:
 * the parameters are sent apart from it (a parameterised query).
 */
export const DBAPI: LibraryModel = {
  id: 'dbapi',
  sinks: [
    { kind: 'sql', methods: ['execute', 'executemany', 'executescript', 'exec_driver_sql', 'mogrify'], keywords: ['sql', 'query', 'statement', 'operation'] },
    // asyncpg connections and pools.
    { kind: 'sql', methods: ['fetch', 'fetchrow', 'fetchval', 'copy_from_query', 'cursor', 'prepare'], keywords: ['query'], when: imports('asyncpg') },
    // pg8000's native interface.
    { kind: 'sql', methods: ['run'], keywords: ['sql'], when: imports('pg8000') },
    // psycopg's sql.SQL() is raw SQL text (Identifier/Literal are the safe parts).
    { kind: 'sql', names: ['psycopg2.sql.SQL', 'psycopg.sql.SQL'], keywords: ['string'] },
    { kind: 'sql', names: ['pandas.read_sql', 'pandas.read_sql_query'], keywords: ['sql'] },
  ],
  sanitizers: [
    {
      names: ['pymysql.converters.escape_string', 'pymysql.escape_string', 'MySQLdb.escape_string', 'psycopg2.extensions.quote_ident', 'psycopg.sql.Identifier', 'psycopg2.sql.Identifier', 'psycopg2.sql.Literal', 'psycopg.sql.Literal', 'sqlite3.complete_statement'],
      clears: ['sql'],
    },
  ],
};

/** The positional arguments: SQLAlchemy 1.x turns a plain string there into SQL text. */
function stringArgs(t: CallTaints): Taint | null {
  let out: Taint | null = null;
  t.call.args.forEach((a: A.Expr, i: number) => {
    if (a.type !== 'Starred') out = join(out, t.args[i] ?? null);
  });
  return out;
}

export const SQLALCHEMY: LibraryModel = {
  id: 'sqlalchemy',
  sinks: [
    {
      kind: 'sql',
      names: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'sqlmodel.text', 'sqlalchemy.literal_column', 'sqlalchemy.sql.expression.literal_column', 'sqlalchemy.sql.literal_column'],
      keywords: ['text'],
    },
    { kind: 'sql', methods: ['order_by', 'group_by', 'having', 'distinct', 'filter', 'where', 'from_statement', 'prefix_with', 'suffix_with'], pick: stringArgs, when: imports('sqlalchemy', 'sqlmodel', 'flask_sqlalchemy') },
  ],
};

/** The filter a pymongo/motor method is given (its first argument, or `filter=`), with its taint. */
function mongoFilterArg(t: CallTaints): { first: A.Expr; taint: Taint } | null {
  const first = filterOf(t.call);
  const taint = t.call.args[0] ? (t.args[0] ?? null) : (t.keywords.get('filter') ?? null);
  return first && taint ? { first, taint } : null;
}

/**
 * Query operators: any controlled part of the filter (a whole filter from a JSON body, or
 * a value of one that may be a dict, `{"user": body["user"]}`). The sink's taint bit
 * (`K.NOSQL`) is carried only by structured request data, so a string from a query
 * parameter compared for equality is no flow.
 */
function mongoFilter(t: CallTaints): Taint | null {
  return mongoFilterArg(t)?.taint ?? null;
}

/** The filter expression of a pymongo/motor call: its first argument, or `filter=`. */
function filterOf(call: A.Call): A.Expr | undefined {
  return call.args[0] ?? call.keywords.find((k) => k.arg === 'filter')?.value;
}

/** `$where`, `$function`, `$accumulator`: a computed value is JavaScript the server runs. */
function mongoCode(t: CallTaints, sem: SemanticModel): Taint | null {
  const got = mongoFilterArg(t);
  return got && filterDicts(got.first, sem, 0).some((d) => runsCode(d, sem)) ? got.taint : null;
}

/** Does a filter literal hold a computed `$where`, `$function` or `$accumulator` value? */
function runsCode(d: A.Dict, sem: SemanticModel): boolean {
  return d.keys.some((k, i) => !!k && k.type === 'Constant' && typeof k.value === 'string' && /^\$(?:where|function|accumulator)$/.test(k.value) && sem.constValue(d.values[i]) === undefined);
}

/**
 * The dict literals a filter expression can be: itself, what a name bound once holds, what
 * a function of the module returns (`find(price_filter(a, b))`). Empty when not known.
 */
function filterDicts(e: A.Expr, sem: SemanticModel, depth: number): A.Dict[] {
  if (depth > 3) return [];
  if (e.type === 'Dict') return [e];
  if (e.type === 'Name') {
    const b = sem.lookup(e.id, e);
    return b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== e ? filterDicts(b.value, sem, depth + 1) : [];
  }
  if (e.type === 'Call' && e.func.type === 'Name') {
    const b = sem.lookup(e.func.id, e);
    if (!b || b.kind !== 'def' || (b.node.type !== 'FunctionDef' && b.node.type !== 'AsyncFunctionDef')) return [];
    const out: A.Dict[] = [];
    const stack: A.AnyNode[] = [...b.node.body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef' || n.type === 'ClassDef' || n.type === 'Lambda') continue;
      if (n.type === 'Return' && n.value) out.push(...filterDicts(n.value, sem, depth + 1));
      else pushChildrenReversed(n, stack);
    }
    return out;
  }
  return [];
}

const MONGO_IMPORTS = imports('pymongo', 'motor', 'mongoengine', 'flask_pymongo');

export const NOSQL: LibraryModel = {
  id: 'pymongo',
  sinks: [
    {
      kind: 'nosql-code',
      label: 'a MongoDB $where clause (JavaScript)',
      methods: ['find', 'find_one', 'find_one_and_delete', 'find_one_and_replace', 'find_one_and_update', 'delete_one', 'delete_many', 'update_one', 'update_many', 'count_documents', 'distinct', 'replace_one'],
      pick: mongoCode,
      // A `$where` key in the filter is MongoDB's whatever the module imports (a collection passed in from elsewhere).
      when: (call, sem) => MONGO_IMPORTS(call, sem) || filterDicts(filterOf(call) ?? call, sem, 0).some((d) => runsCode(d, sem)),
    },
    {
      kind: 'nosql',
      label: 'a MongoDB filter',
      methods: ['find', 'find_one', 'find_one_and_delete', 'find_one_and_replace', 'find_one_and_update', 'delete_one', 'delete_many', 'update_one', 'update_many', 'count_documents', 'distinct', 'aggregate', 'replace_one'],
      pick: mongoFilter,
      when: MONGO_IMPORTS,
    },
  ],
};
