/** DB-API drivers (sqlite3, psycopg2/3, pymysql, MySQLdb, aiosqlite, pg8000, asyncpg), SQLAlchemy, pandas; NoSQL (pymongo, motor). */
import type * as A from '../../python/ast.js';
import { join, type Taint } from '../model.js';
import { imports } from './predicates.js';
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

/** pymongo/motor filters: a `$where` clause is JavaScript; a whole filter taken from the request can hold operators. */
function mongoFilter(t: CallTaints) {
  const first = t.call.args[0] ?? t.call.keywords.find((k) => k.arg === 'filter')?.value;
  const taint = t.call.args[0] ? t.args[0] ?? null : (t.keywords.get('filter') ?? null);
  if (!first || !taint) return null;
  if (first.type === 'Dict') {
    // A literal filter: only a computed $where / $function / $accumulator value is code.
    return first.keys.some((k, i) => k && k.type === 'Constant' && typeof k.value === 'string' && /^\$(?:where|function|accumulator)$/.test(k.value) && first.values[i].type !== 'Constant') ? taint : null;
  }
  return taint;
}

export const NOSQL: LibraryModel = {
  id: 'pymongo',
  sinks: [
    {
      kind: 'nosql',
      label: 'a MongoDB filter',
      methods: ['find', 'find_one', 'find_one_and_delete', 'find_one_and_replace', 'find_one_and_update', 'delete_one', 'delete_many', 'update_one', 'update_many', 'count_documents', 'distinct', 'aggregate', 'replace_one'],
      pick: mongoFilter,
      when: imports('pymongo', 'motor', 'mongoengine', 'flask_pymongo'),
    },
  ],
};
