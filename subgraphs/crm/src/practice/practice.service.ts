import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, clientError, ErrorCode, notFound } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import type { AuditFields } from '../audit/audit-entry.entity.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import { ClientEntity } from '../client/client.entity.js';
import type { CrmContext } from '../context.js';
import { ServiceEntity } from '../service-catalog/service.entity.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { PracticeDocumentEntity } from './practice-document.entity.js';
import { PracticeEntity } from './practice.entity.js';
import { DocumentState, PracticeStatus, PracticeType } from './practice.enums.js';
import type { OpenPracticeInput, UpdatePracticeInput } from './practice.input.js';
import { recordPracticeStatusChanged } from '../webhook/webhook.outbox.js';
import { assertTransition } from './practice.workflow.js';

const DEFAULT_TITLES: Record<PracticeType, string> = {
  [PracticeType.KITAS]: 'KITAS application',
  [PracticeType.KITAP]: 'KITAP application',
  [PracticeType.VISA]: 'Visa application',
  [PracticeType.PT_PMA]: 'PT PMA company setup',
  [PracticeType.TAX]: 'Tax filing',
  [PracticeType.PROPERTY]: 'Property due diligence',
  [PracticeType.LEGAL]: 'Legal matter',
};

/** The practice fields an audit entry compares, by their API names. */
const AUDITED = ['type', 'status', 'title', 'serviceCode', 'assignee', 'dueDate', 'expiryDate', 'notes'] as const;

/** Records a change to `practice`'s own fields, given them as they were. */
function audit(tx: EntityManager, context: CrmContext, action: AuditAction, practice: PracticeEntity, before: AuditFields): void {
  recordAudit(tx, context, {
    action,
    entityType: AuditEntityType.PRACTICE,
    entityId: practice.id,
    clientId: practice.client.id,
    practiceId: practice.id,
    before,
    after: auditFields(practice, AUDITED),
  });
}

async function activeMember(context: CrmContext, id: string, field: string): Promise<string> {
  const member = await context.loaders.memberById.load(parseId(id, field));
  if (!member?.active) throw badUserInput(field, `no active team member has the id ${id}`);
  return member.id;
}

async function catalogService(em: EntityManager, code: string, type: PracticeType): Promise<ServiceEntity> {
  const service = await em.findOne(ServiceEntity, { code, active: true });
  if (!service) throw badUserInput('input.serviceCode', `no service in the catalog has the code ${code}`);
  if (service.type !== type) throw badUserInput('input.serviceCode', `${code} is a ${service.type} service, not ${type}`);
  return service;
}

/** The practice `id` with its row locked until the transaction ends, so concurrent changes to it queue. */
async function lockedPractice(tx: EntityManager, id: string): Promise<PracticeEntity> {
  const practice = await tx.findOne(PracticeEntity, { id: parseId(id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!practice) throw notFound('Practice', id);
  return practice;
}

/** Opens a practice in INQUIRY; from a catalog service, its required documents become the checklist, all MISSING. */
export async function openPractice(context: CrmContext, input: OpenPracticeInput): Promise<PracticeEntity> {
  const client = await context.loaders.clientById.load(parseId(input.clientId, 'input.clientId'));
  if (!client) throw notFound('Client', input.clientId);
  const assigneeId = input.assigneeId ? await activeMember(context, input.assigneeId, 'input.assigneeId') : null;
  const service = input.serviceCode ? await catalogService(context.em, input.serviceCode, input.type) : null;
  return context.em.transactional((tx) => {
    const practice = tx.create(PracticeEntity, {
      client: tx.getReference(ClientEntity, client.id, { wrapped: true }),
      type: input.type,
      serviceCode: service?.code ?? null,
      title: input.title?.trim() ?? service?.name ?? DEFAULT_TITLES[input.type],
      assignee: assigneeId ? tx.getReference(TeamMemberEntity, assigneeId, { wrapped: true }) : null,
      dueDate: input.dueDate ?? null,
      expiryDate: input.expiryDate ?? null,
      notes: input.notes ?? null,
    });
    const documents = service?.requiredDocuments ?? [];
    documents.forEach((name, position) => tx.create(PracticeDocumentEntity, { practice, name, position }));
    recordAudit(tx, context, {
      action: AuditAction.PRACTICE_OPENED,
      entityType: AuditEntityType.PRACTICE,
      entityId: practice.id,
      clientId: client.id,
      practiceId: practice.id,
      before: null,
      after: { ...auditFields(practice, AUDITED), ...(documents.length > 0 ? { documents } : {}) },
    });
    return Promise.resolve(practice);
  });
}

/** Changes the given fields of a practice; null clears an optional one. */
export function updatePractice(context: CrmContext, id: string, input: UpdatePracticeInput): Promise<PracticeEntity> {
  if (input.title === null) throw badUserInput('input.title', 'cannot be null');
  return context.em.transactional(async (tx) => {
    const practice = await lockedPractice(tx, id);
    const before = auditFields(practice, AUDITED);
    if (input.title != null) practice.title = input.title.trim();
    if (input.dueDate !== undefined) practice.dueDate = input.dueDate;
    if (input.expiryDate !== undefined) practice.expiryDate = input.expiryDate;
    if (input.notes !== undefined) practice.notes = input.notes;
    audit(tx, context, AuditAction.PRACTICE_UPDATED, practice, before);
    return practice;
  });
}

/** Documents on the checklist still MISSING, in checklist order. */
async function missingDocuments(tx: EntityManager, practiceId: string): Promise<string[]> {
  const rows = await tx.find(
    PracticeDocumentEntity,
    { practice: practiceId, state: DocumentState.MISSING },
    { orderBy: { position: 'asc' } },
  );
  return rows.map((row) => row.name);
}

/**
 * Moves a practice along its workflow. The row lock makes racing transitions queue, and makes a
 * document ticked at the same moment count (or not) before SUBMITTED is checked.
 */
export function moveThrough(context: CrmContext, id: string, status: PracticeStatus): Promise<PracticeEntity> {
  return context.em.transactional(async (tx) => {
    const practice = await lockedPractice(tx, id);
    assertTransition(practice.status, status);
    if (status === PracticeStatus.SUBMITTED) {
      const missing = await missingDocuments(tx, practice.id);
      if (missing.length > 0) {
        throw clientError(
          ErrorCode.BadUserInput,
          `status: a practice cannot be SUBMITTED while required documents are missing: ${missing.join(', ')} (mark each RECEIVED or NOT_NEEDED first)`,
          { field: 'status', missingDocuments: missing },
        );
      }
    }
    const before = auditFields(practice, AUDITED);
    const previousStatus = practice.status;
    practice.status = status;
    practice.statusChangedAt = new Date();
    audit(tx, context, AuditAction.PRACTICE_STATUS_CHANGED, practice, before);
    recordPracticeStatusChanged(tx, practice, previousStatus);
    return practice;
  });
}

/** Gives a practice to an active team member, or to nobody. */
export async function assignPractice(context: CrmContext, id: string, assigneeId: string | null): Promise<PracticeEntity> {
  const memberId = assigneeId ? await activeMember(context, assigneeId, 'assigneeId') : null;
  return context.em.transactional(async (tx) => {
    const practice = await lockedPractice(tx, id);
    const before = auditFields(practice, AUDITED);
    practice.assignee = memberId ? tx.getReference(TeamMemberEntity, memberId, { wrapped: true }) : null;
    audit(tx, context, AuditAction.PRACTICE_ASSIGNED, practice, before);
    return practice;
  });
}

/** Sets one line of a practice's checklist, naming who did it (null for an API key) and when. */
export function setPracticeDocument(
  context: CrmContext,
  practiceId: string,
  document: string,
  state: DocumentState,
): Promise<PracticeEntity> {
  return context.em.transactional(async (tx) => {
    const practice = await lockedPractice(tx, practiceId);
    const lines = await tx.find(PracticeDocumentEntity, { practice: practice.id }, { orderBy: { position: 'asc' } });
    const line = lines.find((candidate) => candidate.name === document.trim());
    if (!line) {
      const names = lines.map((candidate) => candidate.name);
      throw clientError(
        ErrorCode.BadUserInput,
        names.length > 0
          ? `document: "${document}" is not on this practice's checklist (${names.join(', ')})`
          : 'document: this practice has no document checklist (open it from a catalog service to get one)',
        { field: 'document', documents: names },
      );
    }
    if (line.state === state) return practice;
    const field = `documents.${line.name}`;
    const before = { [field]: line.state };
    const { caller } = context;
    line.state = state;
    line.updatedAt = new Date();
    line.updatedBy = caller.kind === 'member' ? tx.getReference(TeamMemberEntity, caller.id, { wrapped: true }) : null;
    recordAudit(tx, context, {
      action: AuditAction.PRACTICE_DOCUMENT_SET,
      entityType: AuditEntityType.PRACTICE,
      entityId: practice.id,
      clientId: practice.client.id,
      practiceId: practice.id,
      before,
      after: { [field]: state },
    });
    return practice;
  });
}
