import type { ClientStatus, FactKind, PracticeStatus, PracticeType, SearchMode } from '../gql/graphql';

// Records over the generated unions: a value added to the schema fails the typecheck until it has a label.
export const clientStatusLabels: Record<ClientStatus, string> = { LEAD: 'Lead', ACTIVE: 'Active', INACTIVE: 'Inactive' };

export const practiceTypeLabels: Record<PracticeType, string> = {
  KITAS: 'KITAS',
  KITAP: 'KITAP',
  VISA: 'Visa',
  PT_PMA: 'PT PMA',
  TAX: 'Tax',
  PROPERTY: 'Property',
  LEGAL: 'Legal',
};

export const practiceStatusLabels: Record<PracticeStatus, string> = {
  INQUIRY: 'Inquiry',
  DOCUMENTS_PENDING: 'Documents pending',
  SUBMITTED: 'Submitted',
  IN_PROGRESS: 'In progress',
  APPROVED: 'Approved',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
};

export const factKindLabels: Record<FactKind, string> = {
  NATIONALITY: 'Nationality',
  VISA: 'Visa',
  COMPANY: 'Company',
  BUDGET: 'Budget',
  FAMILY: 'Family',
  DATE: 'Date',
  PREFERENCE: 'Preference',
  OTHER: 'Other',
};

export const searchModeLabels: Record<SearchMode, string> = { HYBRID: 'Hybrid', VECTOR: 'Vector', KEYWORD: 'Keyword' };

/** The keys of a label record, typed. */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}

/** Whether `value` is one of the record's keys (for values read from the URL). */
export function isKeyOf<K extends string>(labels: Record<K, string>, value: string | null): value is K {
  return value !== null && Object.hasOwn(labels, value);
}
