import type { FormattedExecutionResult } from 'graphql';
import type { ServerResponse } from 'node:http';
import { encodedAnswer, PassedThroughData, stringifyResult, writeAnswersEncodedOnce } from './result-json';

const apolloDefault = (result: FormattedExecutionResult) => `${JSON.stringify(result)}\n`;

describe('the result JSON', () => {
  it.each<[string, FormattedExecutionResult]>([
    ['data only', { data: { clients: [{ id: '1', name: 'Ana "A" \u2028' }] } }],
    ['errors only', { errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] }],
    ['errors, null data and extensions', { errors: [{ message: 'x', path: ['a'] }], data: null, extensions: { warnings: ['w'] } }],
    ['data and extensions', { data: { a: 1 }, extensions: { warnings: [] } }],
    ['nothing', {}],
  ])('is what Apollo Server writes by default for %s', (_name, result) => {
    expect(stringifyResult(result)).toBe(apolloDefault(result));
  });

  it('serialises a data object once for every result that carries it', () => {
    const data = { clients: [{ id: '1' }] };
    const spy = jest.spyOn(JSON, 'stringify');
    stringifyResult({ data });
    stringifyResult({ data, extensions: { warnings: ['w'] } });
    expect(spy.mock.calls.filter(([value]) => value === data)).toHaveLength(1);
    spy.mockRestore();
  });

  it('writes a large answer as the bytes kept for it, and anything else as given', () => {
    const answer = stringifyResult({ data: { text: 'é'.repeat(5000) } });
    expect(encodedAnswer(answer)?.equals(Buffer.from(answer))).toBe(true);
    const written: unknown[] = [];
    const res = { end: (chunk: unknown) => written.push(chunk) } as unknown as ServerResponse;
    writeAnswersEncodedOnce(res);
    res.end(answer);
    res.end('{"data":{}}');
    expect(written[0]).toBeInstanceOf(Buffer);
    expect((written[0] as Buffer).toString('utf8')).toBe(answer);
    expect(written[1]).toBe('{"data":{}}');
  });

  it("writes a subgraph's passed-through answer as its own bytes, and as the same JSON wherever more is added to it", () => {
    const data = { clients: [{ id: '1', name: 'Ana "A" \u2028 é'.repeat(400) }] };
    const bytes = Buffer.from(apolloDefault({ data }));
    const passed = new PassedThroughData(bytes) as unknown as Record<string, unknown>;
    const answer = stringifyResult({ data: passed });
    expect(answer).toBe(apolloDefault({ data }));
    expect(encodedAnswer(answer)).toBe(bytes);
    expect(stringifyResult({ data: passed, extensions: { warnings: ['w'] } })).toBe(
      apolloDefault({ data, extensions: { warnings: ['w'] } }),
    );
    expect(JSON.parse(JSON.stringify({ payload: { data: passed } }))).toEqual({ payload: { data } });
    // A subgraph that ends its answer without a newline: the newline is added, the bytes are not kept.
    const short = new PassedThroughData(Buffer.from(JSON.stringify({ data: { a: 1 } }))) as unknown as Record<string, unknown>;
    expect(stringifyResult({ data: short })).toBe('{"data":{"a":1}}\n');
  });
});
