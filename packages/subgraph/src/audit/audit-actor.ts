import { registerEnumType } from 'type-graphql';
import type { AuthenticatedCaller } from '@nusa/platform';

/** Who made a change: a signed-in team member, a partner's API key, or another platform service. */
export enum AuditActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SERVICE = 'SERVICE',
}

registerEnumType(AuditActorKind, {
  name: 'AuditActorKind',
  description: 'Who made a change: MEMBER a signed-in team member, API_KEY a partner integration, SERVICE another platform service.',
});

/** Who an audit entry names: the kind, the member's or key's id (null for a service), the name at the time. */
export interface AuditActor {
  actorKind: AuditActorKind;
  actorId: string | null;
  actorName: string;
}

/** The actor of a write made by `caller`. */
export function auditActor(caller: AuthenticatedCaller): AuditActor {
  if (caller.kind === 'member') return { actorKind: AuditActorKind.MEMBER, actorId: caller.id, actorName: caller.name };
  if (caller.kind === 'apiKey') return { actorKind: AuditActorKind.API_KEY, actorId: caller.id, actorName: caller.name };
  return { actorKind: AuditActorKind.SERVICE, actorId: null, actorName: caller.name };
}

/** The actor of a write no caller asked for (an import, a seed, learning from a conversation), named `name`. */
export function serviceActor(name: string): AuditActor {
  return { actorKind: AuditActorKind.SERVICE, actorId: null, actorName: name };
}
