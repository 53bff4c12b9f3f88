import { registerEnumType } from 'type-graphql';

export enum InteractionChannel {
  WHATSAPP = 'WHATSAPP',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  MEETING = 'MEETING',
  NOTE = 'NOTE',
}

registerEnumType(InteractionChannel, { name: 'InteractionChannel', description: 'How the contact happened; NOTE is an internal note.' });
