import type { ServiceContext } from '@nusa/platform';
import type { Generator } from './generation/generator.js';
import type { MemoryApi } from './services/memory-api.js';
import type { TokenLog } from './stream/token-log.js';

/** What the chat service shares between requests. */
export interface ChatServices {
  generator: Generator;
  memory: MemoryApi;
  log: TokenLog;
  offline: boolean;
}

export interface ChatContext extends ServiceContext, ChatServices {}
