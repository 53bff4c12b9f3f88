import { badUserInput } from '@nusa/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Returns `id` when it is a UUID (every entity id is), else `BAD_USER_INPUT` naming `field`. */
export function parseId(id: string, field = 'id'): string {
  if (!isUuid(id)) throw badUserInput(field, `"${id.slice(0, 64)}" is not a valid id`);
  return id.toLowerCase();
}
