import { registerEnumType } from 'type-graphql';

export enum ClientStatus {
  LEAD = 'LEAD',
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}

registerEnumType(ClientStatus, {
  name: 'ClientStatus',
  description: 'LEAD: asked but not engaged; ACTIVE: has or had paid work; INACTIVE: no longer served.',
});
