import type { ServiceContext } from '@nusa/platform';
import type { Generator } from './generation/generator.js';
import type { MemoryApi } from './message/memory-api.js';
import type { ReviewedAnswers } from './reviewed-answer/reviewed-answers.js';
import type { TokenLog } from './stream/token-log.js';

/** What the chat service shares between requests. */
export interface ChatServices {
  generator: Generator;
  memory: MemoryApi;
  /** The knowledge service's reviewed answers. */
  reviewedAnswers: ReviewedAnswers;
  log: TokenLog;
  offline: boolean;
}

export interface ChatContext extends ServiceContext, ChatServices {}

/**
 * Per request or subscription, over HTTP and over graphql-ws alike: who calls and the request id,
 * with the services. Chat keeps no entities of its own (messages are memory's), so it has no ORM
 * fork and no loaders.
 */
export function createContext(base: ServiceContext, services: ChatServices): ChatContext {
  return { ...base, ...services };
}
