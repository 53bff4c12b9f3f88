import type { MikroORM } from '@mikro-orm/postgresql';

/** Counts the SQL statements an ORM sends, to prove a resolver batches (N parents, constant queries). */
export interface QueryCounter {
  count: () => number;
  reset: () => void;
}

export function countQueries(orm: MikroORM): QueryCounter {
  let queries = 0;
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      queries += 1;
    });
  return {
    count: () => queries,
    reset: () => {
      queries = 0;
    },
  };
}
