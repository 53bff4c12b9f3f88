import type { Caller } from '@nusa/platform';
import type { CitationRecord, MemoryFactView } from '../message/memory-api.js';
import type { KnowledgeHit } from './platform.js';

/** One earlier turn of the conversation, as the model sees it. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** What an answer is grounded in: the question, the conversation so far, the client's facts, knowledge passages. */
export interface Grounding {
  question: string;
  history: HistoryTurn[];
  clientId: string | null;
  facts: MemoryFactView[];
  sources: Sources;
}

/** A tool call and its result, stored as a TOOL message of the conversation. */
export interface ToolRecord {
  toolUseId: string;
  name: string;
  input: unknown;
  result: unknown;
  isError: boolean;
}

/** One generation as a responder sees it. */
export interface ResponderRun {
  grounding: Grounding;
  /** The person the answer is for; tools act with their permissions. */
  caller: Caller;
  /** Sends the next piece of the answer to the stream. */
  emit: (delta: string) => void;
  /** Keeps a tool call and its result. */
  recordTool: (record: ToolRecord) => Promise<void>;
  signal: AbortSignal;
}

/** What a finished answer reports about itself. */
export interface ResponseSummary {
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  offline: boolean;
}

/** Writes an answer: Claude, or the offline extractive responder. */
export interface Responder {
  readonly offline: boolean;
  respond(run: ResponderRun): Promise<ResponseSummary>;
}

/**
 * The knowledge passages an answer may cite, numbered [1], [2] ... in the order they were first
 * seen (the grounding search, then any the model found with its search tool).
 */
export class Sources {
  private readonly hits: KnowledgeHit[] = [];

  /** Adds hits not already listed and returns every hit with its number. */
  add(hits: KnowledgeHit[]): { number: number; hit: KnowledgeHit }[] {
    return hits.map((hit) => {
      const key = citationKey(hit.citation);
      let index = this.hits.findIndex((known) => citationKey(known.citation) === key);
      if (index === -1) index = this.hits.push(hit) - 1;
      return { number: index + 1, hit: this.hits[index] as KnowledgeHit };
    });
  }

  list(): { number: number; hit: KnowledgeHit }[] {
    return this.hits.map((hit, index) => ({ number: index + 1, hit }));
  }

  /** The citations of the sources an answer refers to with [n] markers, in order of number. */
  cited(answer: string): CitationRecord[] {
    const numbers = new Set([...answer.matchAll(/\[(\d{1,3})\]/g)].map((match) => Number(match[1])));
    return this.list()
      .filter(({ number }) => numbers.has(number))
      .map(({ hit }) => ({ ...hit.citation, headingPath: hit.citation.headingPath ?? [] }));
  }
}

function citationKey(citation: CitationRecord): string {
  return `${citation.documentId}#${citation.chunkIndex}`;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
