/** A random id (for idempotency keys); crypto.randomUUID exists only on secure origins, so hex from getRandomValues. */
export function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
