import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

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
