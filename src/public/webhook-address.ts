/**
 * Which webhook addresses the server may call: http(s) only, and no loopback, private, link-local
 * or otherwise internal addresses, so a subscription cannot make the server probe its own network.
 */
import { isIP } from 'node:net';

export function isInternalAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (version === 6) {
    const lower = ip.toLowerCase();
    if (lower.startsWith('::ffff:')) return isInternalAddress(lower.slice(7));
    return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return true;
}

/** The problem with a webhook URL's form, or undefined when it is acceptable. */
export function webhookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'must be an http or https URL';
  if (parsed.username !== '' || parsed.password !== '') return 'must not contain credentials';
  return undefined;
}
