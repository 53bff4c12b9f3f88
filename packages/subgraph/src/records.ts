import { ReferenceKind, type Collection, type Dictionary, type EntityName, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { dateOf } from './timestamp.js';

/** A to-one relation as a record carries it: the id of what it points at. */
export interface RecordReference {
  id: string;
}

/**
 * An entity's row as a plain object: every column property by its name and JavaScript type, each
 * to-one relation as `{ id }` (what field resolvers read of a `Ref`). No managed entity, identity
 * map or change tracking: for read paths that only turn rows into GraphQL answers.
 */
export type EntityRecord<T> = {
  [K in keyof T as T[K] extends Collection<object> ? never : K]: T[K] extends { id: string } | null | undefined
    ? T[K] extends null
      ? RecordReference | null
      : RecordReference
    : T[K];
};

interface Column {
  name: string;
  field: string;
  reference: boolean;
  convert?: (value: unknown) => unknown;
  /** The inverse of `convert`, for a custom type: the value as its column holds it. */
  store?: (value: unknown) => unknown;
}

/**
 * How one entity's rows are read as records, worked out once per entity from its MikroORM metadata:
 * the columns to select and how each value becomes what a loaded entity would hold.
 */
export class RecordReader<T extends object> {
  readonly table: string;
  readonly select: string;
  private readonly columns: Column[];
  /** {@link selectAs} by alias and prefix: worked out once, not for every request's loaders. */
  private readonly aliased = new Map<string, string>();
  /** The columns as {@link recordAs} reads them, by prefix: their fields named with it, worked out once. */
  private readonly prefixed = new Map<string, { id: string; columns: Column[] }>();

  constructor(em: EntityManager, entity: EntityName<T>) {
    const meta = em.getMetadata().get<T>(entity);
    const platform = em.getPlatform();
    this.table = meta.tableName;
    this.columns = Object.values<EntityProperty<T>>(meta.props)
      .filter((prop) => {
        if (prop.persist === false || prop.lazy || prop.formula || prop.fieldNames.length !== 1) return false;
        return (
          prop.kind === ReferenceKind.SCALAR ||
          prop.kind === ReferenceKind.MANY_TO_ONE ||
          (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)
        );
      })
      .map((prop) => {
        const type = prop.customType;
        // As MikroORM's hydration does: a custom type converts its value; a Date property (its driver
        // reads timestamps as text) becomes a Date, read as `new Date` reads it.
        const convert = type
          ? (value: unknown): unknown => type.convertToJSValue(value, platform) as unknown
          : prop.runtimeType === 'Date'
            ? (value: unknown) => (value instanceof Date ? value : dateOf(value as string))
            : undefined;
        const store = type ? (value: unknown): unknown => type.convertToDatabaseValue(value, platform) : undefined;
        return { name: prop.name, field: prop.fieldNames[0] as string, reference: prop.kind !== ReferenceKind.SCALAR, convert, store };
      });
    this.select = this.columns.map((column) => `"${this.table}"."${column.field}"`).join(', ');
  }

  /** A row read with {@link select} as a record. */
  record(row: Dictionary): EntityRecord<T> {
    return this.recordOf(row, this.columns);
  }

  private recordOf(row: Dictionary, columns: readonly Column[]): EntityRecord<T> {
    const record: Dictionary = {};
    for (const { name, field, reference, convert } of columns) {
      const value: unknown = row[field];
      if (value === null || value === undefined) record[name] = null;
      else if (reference) record[name] = { id: value as string };
      else record[name] = convert ? convert(value) : value;
    }
    return record as EntityRecord<T>;
  }

  /** The columns from the table aliased `alias`, each named `prefix` + its column: to read this entity beside another in one statement. */
  selectAs(alias: string, prefix: string): string {
    const key = `${alias}\n${prefix}`;
    let select = this.aliased.get(key);
    if (select === undefined) {
      select = this.columns.map((column) => `"${alias}"."${column.field}" as "${prefix}${column.field}"`).join(', ');
      this.aliased.set(key, select);
    }
    return select;
  }

  /** The record of the columns {@link selectAs} read with `prefix`, or undefined where a left join found none (no id). */
  recordAs(row: Dictionary, prefix: string): EntityRecord<T> | undefined {
    let read = this.prefixed.get(prefix);
    if (!read) {
      read = { id: `${prefix}id`, columns: this.columns.map((column) => ({ ...column, field: `${prefix}${column.field}` })) };
      this.prefixed.set(prefix, read);
    }
    const id: unknown = row[read.id];
    return id === null || id === undefined ? undefined : this.recordOf(row, read.columns);
  }

  /**
   * An entity as the row {@link record} reads back into its record (columns by their names, a
   * relation as the id it points at): what an entity looked like when written, kept as JSON.
   */
  row(entity: T): Dictionary {
    const row: Dictionary = {};
    for (const { name, field, reference, store } of this.columns) {
      const value: unknown = (entity as Dictionary)[name];
      if (value === null || value === undefined) row[field] = null;
      else if (reference) row[field] = (value as RecordReference).id;
      else row[field] = store ? store(value) : value;
    }
    return row;
  }

  /** The records of `sql` (which selects {@link select} from {@link table}) with `params` (`?` placeholders). */
  async read(em: EntityManager, sql: string, params: unknown[]): Promise<EntityRecord<T>[]> {
    return (await rowsOf(em, sql, params)).map((row) => this.record(row));
  }

  /** The reader of `entity`, worked out once per ORM (its metadata) and reused by every request's loaders. */
  static of<T extends object>(em: EntityManager, entity: EntityName<T>): RecordReader<T> {
    const metadata = em.getMetadata();
    let readers = READERS.get(metadata);
    if (!readers) {
      readers = new Map();
      READERS.set(metadata, readers);
    }
    let reader = readers.get(entity) as RecordReader<T> | undefined;
    if (!reader) {
      reader = new RecordReader(em, entity);
      readers.set(entity, reader);
    }
    return reader;
  }
}

const READERS = new WeakMap<object, Map<unknown, RecordReader<object>>>();

/** What rowsOf uses of a pooled node-postgres connection. */
interface PooledConnection {
  query: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: Dictionary[] }>;
}

/** What rowsOf uses of knex's client: its pool, and the `query` event every statement announces. */
interface KnexClient {
  acquireConnection: () => Promise<PooledConnection>;
  releaseConnection: (connection: PooledConnection) => Promise<unknown>;
  emit: (event: 'query', query: { sql: string; bindings: unknown[]; method: 'raw' }) => boolean;
}

/** A read's statement as PostgreSQL prepares it: `?` placeholders numbered, and a name per text. */
interface Statement {
  name: string;
  text: string;
}

const STATEMENTS = new Map<string, Statement>();
/** Statement texts are templates (filters combine a few clauses), so a few hundred at most; past that, a name is not kept. */
const MAX_STATEMENTS = 1000;

function statementOf(sql: string): Statement {
  let statement = STATEMENTS.get(sql);
  if (!statement) {
    let index = 0;
    statement = { name: `nusa_read_${STATEMENTS.size + 1}`, text: sql.replace(/\?/g, () => `$${++index}`) };
    if (STATEMENTS.size < MAX_STATEMENTS) STATEMENTS.set(sql, statement);
    else statement = { name: '', text: statement.text };
  }
  return statement;
}

/**
 * The rows of a read-only query (`?` placeholders, no `?` in its literals), as a named prepared
 * statement on a pooled connection: PostgreSQL parses and plans each statement text once per
 * connection instead of on every request, and the read goes past knex's and MikroORM's query
 * building, which a read that builds no entity does not need. Like every read here, it runs outside
 * any transaction of `em`. It still announces itself as knex's `query` event, as other statements do.
 */
export async function rowsOf(em: EntityManager, sql: string, params: unknown[]): Promise<Dictionary[]> {
  const client = em.getConnection().getKnex().client as KnexClient;
  const { name, text } = statementOf(sql);
  client.emit('query', { sql, bindings: params, method: 'raw' });
  const connection = await client.acquireConnection();
  try {
    // An empty name is node-postgres' unnamed statement: parsed for this one execution.
    return (await connection.query({ name, text, values: params })).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * A DataLoader that also answers at once for what it has read: {@link now} is the value when an
 * earlier batch (or a prime) read it, and the promise of `load` otherwise. A field resolver that
 * returns a value instead of a promise spares graphql-js the promise, its async hooks and the
 * settling of the object around it, for each of a list's rows: a page's practices read beforehand,
 * their assignees read in the same statement.
 */
export class RecordsLoader<K, V> extends DataLoader<K, V> {
  private readonly read: Map<K, V>;

  constructor(batch: (keys: readonly K[]) => Promise<V[]>) {
    const read = new Map<K, V>();
    super(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, index) => read.set(key, values[index] as V));
      return values;
    });
    this.read = read;
  }

  /** As DataLoader's: a key read or primed already keeps its value. */
  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!this.read.has(key) && !(value instanceof Error) && !isPromiseLike(value)) this.read.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.read.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.read.clear();
    return super.clearAll();
  }

  /** The value of `key` at once when it was read already, else the promise of it (batched with the rest). */
  now(key: K): V | Promise<V> {
    return this.read.has(key) ? (this.read.get(key) as V) : this.load(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A loader's answer for a key with undefined (nothing found) as null, kept synchronous when it is. */
export function orNull<V>(value: V | undefined | Promise<V | undefined>): V | null | Promise<V | null> {
  return value instanceof Promise ? value.then((found) => found ?? null) : (value ?? null);
}

/**
 * A to-one relation of a grouped loader's rows read in the same statement (a left join) and primed
 * into the relation's own loader, so resolving it costs no second query: practices with their assignees.
 */
export interface JoinedRelation<R extends { id: string }> {
  /** The column of the grouped rows that holds the related row's id. */
  column: string;
  entity: EntityName<R>;
  /** The relation's loader by id, which the joined rows prime. */
  loader: DataLoader<string, EntityRecord<R> | undefined>;
}

/** A loader of `entity` records by primary key `id`: N keys in one request cost one query, and no entity is built. */
export function recordLoader<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
): RecordsLoader<string, EntityRecord<T> | undefined> {
  const reader = RecordReader.of<T>(em, entity);
  return new RecordsLoader(async (ids) => {
    const rows = await reader.read(em, `select ${reader.select} from "${reader.table}" where "id" = any(?)`, [[...ids]]);
    const byId = new Map(rows.map((row) => [(row as { id: string }).id, row]));
    return ids.map((id) => byId.get(id));
  });
}

/** The joined relation's columns in a grouped loader's rows are named with this prefix. */
const JOINED = '__joined_';
/** The grouped records' own columns, when they are read in a parent's statement, are named with this prefix. */
const ALONG = '__along_';

/** What a parent's statement adds to read a grouped loader's records beside its rows ({@link GroupedRecordsLoader.along}). */
export interface AlongParts {
  /** Columns for the parent's select list. */
  select: string;
  /** Left joins from the parent's alias. */
  joins: string;
  /** The records' order within a parent, to follow the parent's own order. */
  orderBy: string;
}

/**
 * A loader of the records of a one-to-many relation by the parent's id (see
 * {@link groupedRecordLoader}). A parent list read in a statement of its own can read them beside
 * its rows instead ({@link along}), and {@link primeAlong} then answers every one of its parents at
 * once: the statement, the order and the joined relation stay this loader's.
 */
export class GroupedRecordsLoader<T extends object> extends RecordsLoader<string, EntityRecord<T>[]> {
  constructor(
    batch: (keys: readonly string[]) => Promise<EntityRecord<T>[][]>,
    private readonly parts: (parent: string) => AlongParts,
    private readonly records: (row: Dictionary, prefix: string) => EntityRecord<T> | undefined,
  ) {
    super(batch);
  }

  /** The columns, joins and order that read this loader's records beside the rows of the parent table aliased `parent`. */
  along(parent: string): AlongParts {
    return this.parts(parent);
  }

  /** Primes every parent of `rows` (read with {@link along}, its id in `parentKey`) with its records, none included. */
  primeAlong(rows: readonly Dictionary[], parentKey: string): void {
    const groups = new Map<string, EntityRecord<T>[]>();
    for (const row of rows) {
      const key = row[parentKey] as string;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      const record = this.records(row, ALONG);
      if (record) list.push(record);
    }
    for (const [key, list] of groups) this.prime(key, list);
  }
}

/**
 * A loader of the `entity` records whose column `foreignKey` holds each key (a one-to-many
 * relation), ordered by `orderBy` (SQL, on the entity's table): N parents cost one query.
 */
export function groupedRecordLoader<T extends object, R extends { id: string } = never>(
  em: EntityManager,
  entity: EntityName<T>,
  foreignKey: string,
  orderBy: string,
  joined?: JoinedRelation<R>,
): GroupedRecordsLoader<T> {
  const reader = RecordReader.of<T>(em, entity);
  const table = reader.table;
  const related = joined ? RecordReader.of<R>(em, joined.entity) : undefined;
  const joinRelated = related ? ` left join "${related.table}" "__joined" on "__joined"."id" = "${table}"."${joined?.column}"` : '';
  const selectRelated = related ? `, ${related.selectAs('__joined', JOINED)}` : '';
  const sql = `select ${reader.select}, "${table}"."${foreignKey}" as "__key"${selectRelated} from "${table}"${joinRelated}
      where "${table}"."${foreignKey}" = any(?) order by ${orderBy}`;
  /** A row's record (its columns named with `prefix`, when read along a parent), the joined relation primed. */
  const recordOf = (row: Dictionary, prefix: string): EntityRecord<T> | undefined => {
    const relation = related?.recordAs(row, JOINED);
    if (relation) joined?.loader.prime((relation as { id: string }).id, relation);
    return prefix ? reader.recordAs(row, prefix) : reader.record(row);
  };
  return new GroupedRecordsLoader<T>(
    async (keys) => {
      const rows = await rowsOf(em, sql, [[...keys]]);
      const groups = new Map<string, EntityRecord<T>[]>(keys.map((key) => [key, []]));
      for (const row of rows) groups.get(row.__key as string)?.push(recordOf(row, '') as EntityRecord<T>);
      return keys.map((key) => groups.get(key) ?? []);
    },
    (parent) => ({
      // The records' table keeps its own name in the join, so `orderBy` reads as in the loader's own statement.
      select: `${reader.selectAs(table, ALONG)}${selectRelated}`,
      joins: ` left join "${table}" on "${table}"."${foreignKey}" = "${parent}"."id"${joinRelated}`,
      orderBy,
    }),
    recordOf,
  );
}
