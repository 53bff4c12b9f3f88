import { registerEnumType } from 'type-graphql';

export enum FactKind {
  NATIONALITY = 'NATIONALITY',
  VISA = 'VISA',
  COMPANY = 'COMPANY',
  BUDGET = 'BUDGET',
  FAMILY = 'FAMILY',
  DATE = 'DATE',
  PREFERENCE = 'PREFERENCE',
  OTHER = 'OTHER',
}

export enum FactSource {
  /** Extracted from a message, which is kept as its source. */
  MESSAGE = 'MESSAGE',
  /** Told to the assistant with rememberFact by a team member. */
  MANUAL = 'MANUAL',
}

registerEnumType(FactKind, { name: 'FactKind', description: 'What a remembered fact is about.' });
registerEnumType(FactSource, { name: 'FactSource' });
