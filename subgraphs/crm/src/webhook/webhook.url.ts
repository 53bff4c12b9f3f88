import { badUserInput } from '@nusa/platform';
import { privateHostReason } from './webhook.address.js';

const MAX_URL_LENGTH = 2048;

/**
 * `url` when it is an absolute http(s) URL without credentials and (unless `allowPrivateAddresses`)
 * not on this host or a private address, else `BAD_USER_INPUT` naming `field`. A name is resolved
 * again at every delivery.
 */
export function webhookUrl(url: string, field: string, allowPrivateAddresses: boolean): string {
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badUserInput(field, `"${text.slice(0, 100)}" is not a URL; give an absolute http:// or https:// URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badUserInput(field, `must be an http:// or https:// URL, not ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) throw badUserInput(field, 'must not carry a user name or password; verify the signature instead');
  if (text.length > MAX_URL_LENGTH) throw badUserInput(field, `must be at most ${MAX_URL_LENGTH} characters`);
  const inward = allowPrivateAddresses ? null : privateHostReason(text);
  if (inward) throw badUserInput(field, `must be a public address: ${inward}`);
  return parsed.toString();
}
