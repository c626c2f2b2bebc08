import { isIP } from 'node:net';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isEd25519Pem } from './development-keys';

const HOST_PORT = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:\d{1,5}$/;

/** True for `host:port` with a port in 1..65535 (what kafkajs expects in `brokers`). */
export function isHostPort(value: string): boolean {
  if (!HOST_PORT.test(value)) return false;
  const port = Number(value.slice(value.lastIndexOf(':') + 1));
  return port >= 1 && port <= 65535;
}

/** True for a `postgres://` or `postgresql://` URL that names a host and a database. */
export function isPostgresUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const databaseName = url.pathname.replace(/^\//, '');
  return ['postgres:', 'postgresql:'].includes(url.protocol) && url.hostname !== '' && databaseName !== '';
}

/** Splits a comma-separated environment value into trimmed, non-empty items. */
export function splitList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The property must be a non-empty list of `host:port` entries. */
export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isHostPortList',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a comma-separated list of host:port', ...options },
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && isHostPort(item)),
      },
    });
}

/** The property must be a PostgreSQL connection URL naming a host and a database. */
export function IsPostgresUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPostgresUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a postgres:// URL with a host and a database name', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPostgresUrl(value) },
    });
}

/** True for a loopback host name or address (127.0.0.0/8, ::1, localhost). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * True for a key-set URL that cannot be tampered with on the way: https, or http to this machine
 * (a local identity provider or test server).
 */
function isTrustworthyKeySetUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** True for an address or host name a server can bind to, e.g. 127.0.0.1, 0.0.0.0, ::, localhost. */
function isBindHost(value: string): boolean {
  return isIP(value) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value);
}

/** The property must be an https URL, or http to a loopback host. */
export function IsTrustworthyKeySetUrl(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTrustworthyKeySetUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an https:// URL (http:// only for localhost or 127.0.0.1)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isTrustworthyKeySetUrl(value) },
    });
}

/** The property must be an IP address or a host name to listen on. */
export function IsBindHost(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBindHost',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be an IP address or host name to listen on, e.g. 127.0.0.1 or 0.0.0.0', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isBindHost(value) },
    });
}

/** The property must be an Ed25519 key in PEM: SPKI for `public`, PKCS#8 for `private`. */
export function IsEd25519Pem(kind: 'public' | 'private', options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEd25519Pem',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: kind === 'public' ? 'must be an Ed25519 public key in PEM (SPKI, "-----BEGIN PUBLIC KEY-----")' : 'must be an Ed25519 private key in PEM (PKCS#8, "-----BEGIN PRIVATE KEY-----")',
        ...options,
      },
      validator: { validate: (value: unknown) => isEd25519Pem(value, kind) },
    });
}
