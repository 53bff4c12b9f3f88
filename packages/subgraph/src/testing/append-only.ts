/**
 * What a test of an append-only audit table tries against `table` (see `appendOnlySql`): each
 * statement with the operation the database must refuse, and the message it refuses it with.
 */
export function appendOnlyAttempts(table: string): [operation: string, statement: string, refusal: string][] {
  return [
    ['UPDATE', `update "${table}" set actor_name = 'someone else'`, `${table} is append-only: UPDATE is refused`],
    ['DELETE', `delete from "${table}"`, `${table} is append-only: DELETE is refused`],
    ['TRUNCATE', `truncate "${table}"`, `${table} is append-only: TRUNCATE is refused`],
  ];
}
