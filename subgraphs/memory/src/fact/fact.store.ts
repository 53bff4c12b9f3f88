import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor } from '@nusa/subgraph';
import { auditFact, factFields } from '../audit/memory-audit.service.js';
import { MemoryAuditAction } from '../audit/memory-audit.entity.js';
import { MessageEntity } from '../message/message.entity.js';
import { FactKind, FactSource } from './fact.enums.js';
import { MemoryFactEntity } from './fact.entity.js';
import type { FactCandidate } from './fact.extract.js';

/** Where a fact came from: a message, or a team member's word (rememberFact). */
export type FactOrigin = { sourceMessageId: string } | { createdById: string | null };

function normalise(content: string): string {
  return content
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Records a fact about a client, deduplicated: restating the current fact of a slot (or the same
 * words) refreshes it; a different value for a slot supersedes the current one, which keeps its
 * history (`validTo`, `supersededById`). Serialised per client with an advisory lock. Each change
 * is audited as `actor`'s, in the same transaction.
 */
export async function recordFact(
  em: EntityManager,
  clientId: string,
  candidate: FactCandidate,
  origin: FactOrigin,
  actor: AuditActor,
): Promise<MemoryFactEntity> {
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`memory_fact:${clientId}`]);
    const current = await tx.find(MemoryFactEntity, { clientId, validTo: null, ...(candidate.slot ? { slot: candidate.slot } : {}) });
    const same = current.find((fact) => normalise(fact.content) === normalise(candidate.content));
    const sourceMessage = 'sourceMessageId' in origin ? tx.getReference(MessageEntity, origin.sourceMessageId, { wrapped: true }) : null;
    if (same) {
      const before = factFields(same);
      same.content = candidate.content;
      if (sourceMessage) {
        same.sourceMessage = sourceMessage;
        same.source = FactSource.MESSAGE;
      }
      same.updatedAt = new Date();
      auditFact(tx, actor, MemoryAuditAction.FACT_RESTATED, same, before);
      return same;
    }
    const now = new Date();
    const fact = tx.create(MemoryFactEntity, {
      clientId,
      kind: candidate.kind,
      slot: candidate.slot,
      content: candidate.content,
      source: sourceMessage ? FactSource.MESSAGE : FactSource.MANUAL,
      sourceMessage,
      createdById: 'createdById' in origin ? origin.createdById : null,
      validFrom: now,
    });
    auditFact(tx, actor, MemoryAuditAction.FACT_REMEMBERED, fact, null);
    if (candidate.slot) {
      for (const previous of current) {
        const before = factFields(previous);
        previous.validTo = now;
        previous.supersededById = fact.id;
        auditFact(tx, actor, MemoryAuditAction.FACT_SUPERSEDED, previous, before);
      }
    }
    return fact;
  });
}

/** Guesses the kind of a fact told in free words, for rememberFact without a kind. */
export function kindOf(content: string): FactKind {
  const text = content.toLowerCase();
  if (/\b(kitas|kitap|visa|voa|permit|overstay)\b/.test(text)) return FactKind.VISA;
  if (/\b(pt pma|company|business|kbli|nib|oss)\b/.test(text)) return FactKind.COMPANY;
  if (/\b(budget|idr|rp|usd|\$)\b/.test(text)) return FactKind.BUDGET;
  if (/\b(wife|husband|partner|child|children|kids|married|family)\b/.test(text)) return FactKind.FAMILY;
  if (/\b(nationality|citizen|passport)\b/.test(text)) return FactKind.NATIONALITY;
  if (/\b(prefers?|likes?|wants?)\b/.test(text)) return FactKind.PREFERENCE;
  return FactKind.OTHER;
}
