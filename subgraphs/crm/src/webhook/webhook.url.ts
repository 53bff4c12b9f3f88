import { badUserInput } from '@nusa/platform';

const MAX_URL_LENGTH = 2048;

/** `url` when it is an absolute http(s) URL without credentials, else `BAD_USER_INPUT` naming `field`. */
export function webhookUrl(url: string, field: string): string {
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
  return parsed.toString();
}
