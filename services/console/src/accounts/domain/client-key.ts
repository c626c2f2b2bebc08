import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key sign-in limits count a client under. An IPv4 address counts alone; an IPv6 client
 * counts by its /64, because one host or home is usually given a whole /64 and could otherwise
 * rotate through addresses to escape every per-client limit.
 */
export function clientKeyOf(address: string | undefined): string {
  const bare = (address ?? '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(bare)) return bare;
  if (isIPv6(bare)) return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
  // Not expected from a socket; such clients still share one limit instead of escaping it.
  return 'unknown';
}

/** The eight hextets of an IPv6 address, `::` expanded and leading zeros dropped. */
function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part stands for two hextets.
  const last = right.length ? right : left;
  const dotted = last.length && last[last.length - 1].includes('.') ? last.pop() : undefined;
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((hextet) => parseInt(hextet, 16).toString(16));
}
