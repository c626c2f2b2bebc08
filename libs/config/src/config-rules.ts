import { registerDecorator, ValidationOptions } from 'class-validator';

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
