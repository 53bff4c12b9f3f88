import { probe, probeOptional, readinessReport } from './readiness';

describe('readiness', () => {
  it('is ready when everything is up, degraded (still 200) when only optional dependencies are down, not ready otherwise', async () => {
    const up = await probe(() => Promise.resolve());
    const down = await probe(() => Promise.reject(new Error('refused')));
    const optionalDown = await probeOptional(() => Promise.reject(new Error('refused')));
    expect(down).toMatchObject({ state: 'down', error: 'refused' });
    expect(optionalDown).toMatchObject({ state: 'down', optional: true });

    expect(readinessReport({ postgres: up })).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(readinessReport({ postgres: up, redis: optionalDown })).toMatchObject({ status: 200, body: { status: 'degraded' } });
    expect(readinessReport({ postgres: down, redis: optionalDown })).toMatchObject({ status: 503, body: { status: 'not_ready' } });
    expect(readinessReport({})).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('reports a dependency that does not answer in time as down with its deadline', async () => {
    const state = await probe(() => new Promise(() => undefined), 50);
    expect(state).toMatchObject({ state: 'down', error: 'no answer within 50 ms' });
    expect(state.latencyMs).toBeGreaterThanOrEqual(45);
  });
});
