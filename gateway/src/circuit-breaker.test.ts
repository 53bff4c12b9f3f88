import { Breakers, CircuitBreaker } from './circuit-breaker';

describe('the circuit breaker of a subgraph', () => {
  it('stays closed through fewer failures than the threshold, and a success forgets them', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    breaker.failed();
    breaker.failed();
    expect(breaker.state).toBe('closed');
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.allow()).toBe(true);
  });

  it('opens after the threshold and fails fast for the cooldown, then lets exactly one trial through', () => {
    let now = 1_000;
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 5_000, now: () => now });
    breaker.failed();
    breaker.failed();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now += 4_999;
    expect(breaker.allow()).toBe(false);
    now += 1;
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
  });

  it('closes when the trial succeeds and opens again for a whole cooldown when it fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1_000, now: () => now });
    breaker.failed();
    now = 1_000;
    expect(breaker.allow()).toBe(true);
    breaker.failed();
    expect(breaker.state).toBe('open');
    now = 1_999;
    expect(breaker.allow()).toBe(false);
    now = 2_000;
    expect(breaker.allow()).toBe(true);
    breaker.succeeded();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow()).toBe(true);
  });

  it('keeps one breaker per subgraph, shared by every data source calling it', () => {
    const breakers = new Breakers({ failureThreshold: 1 });
    breakers.of('crm').failed();
    expect(breakers.of('crm').state).toBe('open');
    expect(breakers.of('memory').state).toBe('closed');
  });
});
