import { Directive, Field, ObjectType } from 'type-graphql';
import { badUserInput } from '@nusa/platform';
import { isUuid } from './ids.js';

/** The largest page any connection serves. */
export const MAX_PAGE_SIZE = 100;

/** Relay page information, identical in every subgraph that pages. */
@ObjectType({ description: 'Where a page sits in its connection.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Validates a requested page size: 1 to {@link MAX_PAGE_SIZE}, else `BAD_USER_INPUT` naming `field`. */
export function pageSize(requested: number | null | undefined, fallback: number, field = 'first'): number {
  const size = requested ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/**
 * An opaque cursor: the connection's `kind` and the sort key, base64url-encoded. The kind makes a
 * cursor taken from another connection fail loudly instead of silently paging the wrong list.
 */
export function encodeCursor(kind: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} for `kind`, or throws `BAD_USER_INPUT` naming `field`. */
export function decodeCursor(kind: string, cursor: string, arity: number, field = 'after'): string[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === arity + 1 &&
      decoded[0] === kind &&
      decoded.every((part) => typeof part === 'string')
    ) {
      return decoded.slice(1);
    }
  } catch {
    // fall through to the error below: a cursor that does not decode is as foreign as one of another kind
  }
  throw badUserInput(field, `is not a cursor of this list (${kind}); pass an endCursor or startCursor this list returned`);
}

/** A page of a Relay connection as resolvers return it: the edges, the page's place, the whole list's size. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A count the list has at hand, or the promise of one counted only when a query selects it. */
  totalCount: number | Promise<number>;
}

/**
 * The page of a forward keyset-paginated connection, from the rows read with one row more than
 * `size` (`limit(size + 1)`): that extra row says whether there is a next page. `totalCount` is a
 * number, or the function that counts: then it runs once, when a query reads the field (a page
 * that does not ask for its total costs no count query).
 */
export function connectionOf<T>(
  rows: readonly T[],
  size: number,
  cursorOf: (row: T) => string,
  options: { after: string | null | undefined; totalCount: number | (() => Promise<number>) },
): Connection<T> {
  // A cursor is worked out when read: a page whose query asks for no cursor encodes none.
  const edges = rows.slice(0, size).map((node) => ({
    node,
    get cursor() {
      return cursorOf(node);
    },
  }));
  const { totalCount } = options;
  let counted: Promise<number> | undefined;
  return {
    edges,
    get totalCount() {
      if (typeof totalCount === 'number') return totalCount;
      counted ??= totalCount();
      return counted;
    },
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(options.after),
      // Encoded only when read, as the edges' are: most nested pages ask for no cursor at all.
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** The cursor of a row in a newest-first list ordered by (createdAt, id). */
export function createdAtCursor(kind: string, row: { createdAt: Date; id: string }): string {
  return encodeCursor(kind, [row.createdAt.toISOString(), row.id]);
}

/** The (createdAt, id) a {@link createdAtCursor} holds, or `BAD_USER_INPUT` naming `field`. */
export function decodeCreatedAtCursor(kind: string, cursor: string, field = 'after'): { createdAt: string; id: string } {
  const [createdAt = '', id = ''] = decodeCursor(kind, cursor, 2, field);
  if (Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) throw badUserInput(field, 'is not a cursor of this list');
  return { createdAt, id };
}
