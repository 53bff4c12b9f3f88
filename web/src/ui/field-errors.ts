import { CombinedGraphQLErrors } from '@apollo/client';

/** A `BAD_USER_INPUT` the API pinned on one field: the field (without `input.`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The field error in a mutation's failure, if the API named a field: the CRM's `BAD_USER_INPUT`
 * carries `extensions.field` (for example `input.email`) and a message starting with it.
 */
export function fieldErrorOf(error: unknown): FieldError | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const entry of error.errors) {
    const field = entry.extensions?.field;
    if (entry.extensions?.code !== 'BAD_USER_INPUT' || typeof field !== 'string') continue;
    const message = entry.message.startsWith(`${field}: `) ? entry.message.slice(field.length + 2) : entry.message;
    return { field: field.replace(/^input\./, ''), message };
  }
  return null;
}
