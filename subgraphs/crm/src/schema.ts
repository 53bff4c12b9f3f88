import type { GraphQLSchema } from 'graphql';
import { Scope } from '@nusa/platform';
import { authCheckerFor, buildFederatedSchema } from '@nusa/subgraph';
import { ApiKeyResolver } from './api-key/api-key.resolver.js';
import { AuditEntryResolver, AuditLogResolver, ClientActivityResolver, PracticeHistoryResolver } from './audit/audit.resolver.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { resolveClientReference } from './client/client.reference.js';
import { ClientEventResolver } from './client/client-event.resolver.js';
import { ClientResolver } from './client/client.resolver.js';
import { resolveInteractionReference } from './interaction/interaction.reference.js';
import { InteractionResolver } from './interaction/interaction.resolver.js';
import { resolvePracticeReference } from './practice/practice.reference.js';
import { PracticeDeadlineEventResolver } from './practice/practice-deadline.resolver.js';
import { PracticeDocumentResolver, PracticeResolver } from './practice/practice.resolver.js';
import { ServiceResolver } from './service-catalog/service.resolver.js';
import { resolveTeamMemberReference } from './team-member/team-member.reference.js';
import { TeamMemberResolver } from './team-member/team-member.resolver.js';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhook/webhook.resolver.js';

/** The CRM subgraph's executable schema. */
export function buildCrmSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        AuthResolver,
        ClientResolver,
        ClientActivityResolver,
        ClientEventResolver,
        PracticeResolver,
        PracticeDocumentResolver,
        PracticeHistoryResolver,
        PracticeDeadlineEventResolver,
        InteractionResolver,
        TeamMemberResolver,
        ServiceResolver,
        ApiKeyResolver,
        AuditEntryResolver,
        AuditLogResolver,
        WebhookEndpointResolver,
        WebhookDeliveryResolver,
      ],
      // API keys: queries need crm:read, mutations crm:write; key management (ADMIN only) stays closed to keys.
      authChecker: authCheckerFor({ read: Scope.CrmRead, write: Scope.CrmWrite }),
      validate: { forbidUnknownValues: false },
    },
    {
      Client: { __resolveReference: resolveClientReference },
      Practice: { __resolveReference: resolvePracticeReference },
      Interaction: { __resolveReference: resolveInteractionReference },
      TeamMember: { __resolveReference: resolveTeamMemberReference },
    },
  );
}
