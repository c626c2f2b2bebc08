import { createHash } from 'node:crypto';

/** The bare address of a From address such as `Team <mentoring@example.edu>`. */
export function mailAddressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain of a From address such as `Team <mentoring@example.edu>`. */
export function mailDomainOf(from: string): string {
  const address = mailAddressOf(from);
  return address.slice(address.lastIndexOf('@') + 1).trim();
}

/**
 * The Message-ID of a delivery, derived from its idempotency key: every attempt of one delivery
 * carries the same id, so a re-send after an ambiguous failure (the server accepted, the process
 * died before recording it) is recognisable as the same message by servers and mail clients.
 */
export function messageIdFor(deliveryKey: string, domain: string): string {
  return `<${createHash('sha256').update(deliveryKey).digest('hex').slice(0, 40)}@${domain}>`;
}
