import { GraphQLError } from 'graphql';
import { connectionOf, createdAtCursor, decodeCreatedAtCursor, decodeCursor, encodeCursor, pageSize } from './pagination';

function codeOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error instanceof GraphQLError ? { code: error.extensions.code, field: error.extensions.field } : error;
  }
  return 'no error';
}

describe('cursors and page sizes', () => {
  it('decodes the cursor it encoded', () => {
    expect(decodeCursor('Client', encodeCursor('Client', ['2026-01-01T00:00:00.000Z', 'abc']), 2)).toEqual([
      '2026-01-01T00:00:00.000Z',
      'abc',
    ]);
  });

  it('refuses a cursor of another list, naming the argument', () => {
    const cursor = encodeCursor('Message', ['1', '2']);
    expect(codeOf(() => decodeCursor('Client', cursor, 2))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a cursor that is not base64 JSON', () => {
    expect(codeOf(() => decodeCursor('Client', '%%%not-a-cursor', 2))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('accepts 1 to 100 and refuses 0, 101 and negatives', () => {
    expect(pageSize(undefined, 20)).toBe(20);
    expect(pageSize(100, 20)).toBe(100);
    for (const size of [0, 101, -5]) expect(codeOf(() => pageSize(size, 20))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('keyset connections', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: new Date(Date.UTC(2026, 0, n)) }));

  it('serves the page from the rows read with one more than its size, that extra row telling a next page exists', () => {
    const page = connectionOf(rows, 2, (row) => createdAtCursor('Thing', row), { after: null, totalCount: 7 });
    expect(page.edges.map((edge) => edge.node.id)).toEqual([rows[0]?.id, rows[1]?.id]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[1]?.cursor,
    });
    expect(page.totalCount).toBe(7);
    const last = connectionOf(rows.slice(2), 2, (row) => createdAtCursor('Thing', row), { after: page.pageInfo.endCursor, totalCount: 7 });
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(connectionOf([], 2, (row: (typeof rows)[number]) => row.id, { after: null, totalCount: 0 }).pageInfo).toMatchObject({
      startCursor: null,
      endCursor: null,
    });
  });

  it('round-trips a (createdAt, id) cursor, and refuses one of another list or with a broken key', () => {
    const row = rows[0] as (typeof rows)[number];
    expect(decodeCreatedAtCursor('Thing', createdAtCursor('Thing', row))).toEqual({ createdAt: row.createdAt.toISOString(), id: row.id });
    expect(() => decodeCreatedAtCursor('Other', createdAtCursor('Thing', row))).toThrow(GraphQLError);
    expect(() => decodeCreatedAtCursor('Thing', encodeCursor('Thing', ['yesterday', row.id]))).toThrow('is not a cursor of this list');
    expect(() => decodeCreatedAtCursor('Thing', encodeCursor('Thing', [row.createdAt.toISOString(), 'not-a-uuid']))).toThrow(GraphQLError);
  });
});
