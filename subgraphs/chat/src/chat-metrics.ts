import { Counter, Gauge, Histogram } from 'prom-client';
import { createServiceMetrics, type ServiceMetrics } from '@nusa/platform';
import type { GenerationOutcome } from './generation/generator.js';

/** The chat service's series on top of every service's: generations, tokens, the model's usage, open streams. */
export function createChatMetrics(openStreams: () => number): { metrics: ServiceMetrics; finished: (outcome: GenerationOutcome) => void } {
  const metrics = createServiceMetrics('chat');
  const registers = [metrics.registry];
  const generations = new Counter({
    name: 'chat_generations_total',
    help: 'Answers by how they ended and who wrote them',
    labelNames: ['status', 'responder'] as const,
    registers,
  });
  const tokens = new Counter({ name: 'chat_tokens_streamed_total', help: 'Token events appended to answer streams', registers });
  const llmTokens = new Counter({
    name: 'chat_llm_tokens_total',
    help: "The model's usage by direction (input, output)",
    labelNames: ['direction'] as const,
    registers,
  });
  const seconds = new Histogram({
    name: 'chat_generation_duration_seconds',
    help: 'Time from start to the final message, by responder',
    labelNames: ['responder'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80],
    registers,
  });
  new Gauge({
    name: 'chat_open_streams',
    help: 'Token-log readers open on this instance (one per upstream subscription)',
    registers,
    collect() {
      this.set(openStreams());
    },
  });
  return {
    metrics,
    finished: (outcome) => {
      const responder = outcome.offline ? 'offline' : 'claude';
      generations.inc({ status: outcome.status, responder });
      tokens.inc(outcome.tokens);
      if (outcome.inputTokens) llmTokens.inc({ direction: 'input' }, outcome.inputTokens);
      if (outcome.outputTokens) llmTokens.inc({ direction: 'output' }, outcome.outputTokens);
      seconds.observe({ responder }, outcome.latencyMs / 1000);
    },
  };
}
