import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Caller } from '@nusa/platform';
import { sharingInflightQueries } from './inflight-queries';

const admin: Caller = { kind: 'member', id: 'm1', role: 'ADMIN', name: 'Admin', email: 'admin@localhost' };
const agent: Caller = { kind: 'member', id: 'm2', role: 'AGENT', name: 'Agent', email: 'agent@localhost' };

function requestOf(caller: Caller, operation: 'query' | 'mutation' = 'query', variables: Record<string, unknown> = {}) {
  return {
    operation: { operation },
    queryHash: 'hash-of-the-text',
    request: { operationName: 'Clients', variables },
    context: { caller, identity: 'signed', requestId: 'r', warnings: [] as string[] },
  } as unknown as GatewayGraphQLRequestContext;
}

/** An executor whose executions stay in flight until `finish` is called, counting them. */
function heldExecutor() {
  const finishers: ((result: GatewayExecutionResult) => void)[] = [];
  let executions = 0;
  const executor = (requestContext: GatewayGraphQLRequestContext) => {
    executions += 1;
    (requestContext.context as { warnings: string[] }).warnings.push('search degraded');
    return new Promise<GatewayExecutionResult>((resolve) => finishers.push(resolve));
  };
  return { executor, executions: () => executions, finish: () => finishers.splice(0).forEach((finish) => finish({ data: { ok: true } })) };
}

describe('sharing in-flight queries', () => {
  it('executes identical queries of one caller in flight at once only once, and gives each the result and warnings', async () => {
    const held = heldExecutor();
    const execute = sharingInflightQueries(held.executor);
    const requests = [requestOf(admin), requestOf(admin), requestOf(admin)];
    const results = requests.map((request) => execute(request));
    held.finish();
    expect(await Promise.all(results)).toEqual([{ data: { ok: true } }, { data: { ok: true } }, { data: { ok: true } }]);
    expect(held.executions()).toBe(1);
    expect(requests.map((request) => (request.context as { warnings: string[] }).warnings)).toEqual([
      ['search degraded'],
      ['search degraded'],
      ['search degraded'],
    ]);
  });

  it('never shares between callers, variables or with mutations', async () => {
    const held = heldExecutor();
    const execute = sharingInflightQueries(held.executor);
    const results = [
      execute(requestOf(admin)),
      execute(requestOf(agent)),
      execute(requestOf(admin, 'query', { first: 5 })),
      execute(requestOf(admin, 'mutation')),
      execute(requestOf(admin, 'mutation')),
    ];
    held.finish();
    await Promise.all(results);
    expect(held.executions()).toBe(5);
  });

  it('executes again once the shared execution has finished', async () => {
    const held = heldExecutor();
    const execute = sharingInflightQueries(held.executor);
    const first = execute(requestOf(admin));
    held.finish();
    await first;
    const second = execute(requestOf(admin));
    held.finish();
    await second;
    expect(held.executions()).toBe(2);
  });
});
