import { registerEnumType } from 'type-graphql';

export enum PracticeType {
  KITAS = 'KITAS',
  KITAP = 'KITAP',
  VISA = 'VISA',
  PT_PMA = 'PT_PMA',
  TAX = 'TAX',
  PROPERTY = 'PROPERTY',
  LEGAL = 'LEGAL',
}

export enum PracticeStatus {
  INQUIRY = 'INQUIRY',
  DOCUMENTS_PENDING = 'DOCUMENTS_PENDING',
  SUBMITTED = 'SUBMITTED',
  IN_PROGRESS = 'IN_PROGRESS',
  APPROVED = 'APPROVED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(PracticeType, {
  name: 'PracticeType',
  description: 'The kind of case: stay permits (KITAS, KITAP), visas, company setup (PT_PMA), tax, property, other legal work.',
});

registerEnumType(PracticeStatus, {
  name: 'PracticeStatus',
  description:
    'INQUIRY → DOCUMENTS_PENDING → SUBMITTED → IN_PROGRESS → APPROVED → COMPLETED; REJECTED can go back to DOCUMENTS_PENDING; any open state can be CANCELLED.',
});

export enum DocumentState {
  RECEIVED = 'RECEIVED',
  MISSING = 'MISSING',
  NOT_NEEDED = 'NOT_NEEDED',
}

registerEnumType(DocumentState, {
  name: 'DocumentState',
  description: 'Where a required document stands: RECEIVED, MISSING (blocks SUBMITTED), NOT_NEEDED for this client.',
});
