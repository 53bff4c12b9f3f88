import type { IncomingMessage } from 'node:http';
import { buildSchema, parse, print } from 'graphql';
import { streamTransportOf } from './http-request';
import { lastEventIdOf, resumeAfter, seqOf } from './resume';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Event { seq: Int! delta: String! }
  type Subscription { messageStream(messageId: ID!, afterSeq: Int): Event! ticks: Int! }
`);

const operation = (source: string, variables: Record<string, unknown> = {}) => ({ document: parse(source), source, variables });
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('resuming a stream after the last event a client saw', () => {
  it('sets the variable the afterSeq argument names, leaving the operation as sent', () => {
    const sent = operation('subscription($id: ID!, $after: Int) { messageStream(messageId: $id, afterSeq: $after) { seq } }', { id: 'm1' });
    const resumed = resumeAfter(sent, schema, 7);
    expect(resumed.variables).toEqual({ id: 'm1', after: 7 });
    expect(resumed.source).toBe(sent.source);
  });

  it('writes afterSeq into the operation where it is missing or a literal', () => {
    for (const source of [
      'subscription { messageStream(messageId: "m1") { seq } }',
      'subscription { messageStream(messageId: "m1", afterSeq: 2) { seq } }',
    ]) {
      const resumed = resumeAfter(operation(source), schema, 7);
      expect(resumed.source).toBe(print(parse('subscription { messageStream(messageId: "m1", afterSeq: 7) { seq } }')));
    }
  });

  it('leaves a root field without afterSeq as it is', () => {
    const sent = operation('subscription { ticks }');
    expect(resumeAfter(sent, schema, 3)).toBe(sent);
  });

  it('reads Last-Event-ID as a whole number only, and the seq of an event as its id', () => {
    expect(lastEventIdOf(request({ 'last-event-id': ' 12 ' }))).toBe(12);
    expect(lastEventIdOf(request({ 'last-event-id': '-1' }))).toBeUndefined();
    expect(lastEventIdOf(request({ 'last-event-id': 'abc' }))).toBeUndefined();
    expect(seqOf({ data: { messageStream: { seq: 4, delta: 'a' } } })).toBe(4);
    expect(seqOf({ data: { messageStream: { delta: 'a' } } })).toBeUndefined();
    expect(seqOf({ errors: [{ message: 'no' }] })).toBeUndefined();
  });
});

describe('choosing the streaming transport from Accept', () => {
  it.each([
    ['text/event-stream', 'sse'],
    ['multipart/mixed;subscriptionSpec="1.0", application/json', 'multipart'],
    ['multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json', 'multipart'],
    ['multipart/mixed;deferSpec=20220824, application/json', undefined],
    ['application/json', undefined],
  ])('reads %s as %s', (accept, transport) => {
    expect(streamTransportOf(request({ accept }))).toBe(transport);
  });
});
