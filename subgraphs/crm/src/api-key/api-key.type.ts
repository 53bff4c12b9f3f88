import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '@nusa/platform';
import { ApiScope } from './api-scope.js';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

registerEnumType(ApiKeyStatus, { name: 'ApiKeyStatus', description: 'Whether the gateway accepts the key.' });

@ObjectType({ description: 'A partner API key. Its secret is never shown again after createApiKey.' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the key (nk_1a2b3c4d), to tell keys apart.' })
  prefix!: string;

  @Field(() => [ApiScope])
  scopes!: ApiScope[];

  @Field(() => Role, { description: 'PARTNER: what the key may do is what its scopes name.' })
  role!: Role;

  @Field(() => Date, { nullable: true, description: 'Null: the key does not expire.' })
  expiresAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "Subscriptions the key may hold open at once; null: the gateway's default." })
  maxSubscriptions!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last accepted, to the minute; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new API key. `key` is shown only here: send it as `Authorization: Bearer <key>`.' })
export class CreateApiKeyPayload {
  @Field(() => String)
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
