import { createPrivateKey, createPublicKey } from 'node:crypto';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The HS256 key of machine tokens (`ops`, `service`, `registrar-feed`) in development mode. It is
 * public by design: outside development mode a service refuses to start with it.
 */
export const DEV_JWT_SECRET = 'mentoring-platform-local-development-key-do-not-use-in-production';

/** The HMAC key of student links in development mode; public, refused outside it. */
export const DEV_LINK_SECRET = 'mentoring-platform-local-link-signing-key-do-not-use-in-production';

/** The HMAC key of the reply addresses in case-thread emails in development mode; public, refused outside it. */
export const DEV_REPLY_SECRET = 'mentoring-platform-local-reply-address-key-do-not-use-in-production';

/** The console's Ed25519 signing key (PKCS#8) in development mode; public, refused outside it. */
export const DEV_CONSOLE_SIGNING_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIGZfcapCO84UJCt4qv8cpFI4i+1SydsoTXObjzwfYRMG
-----END PRIVATE KEY-----`;

/** The public half of DEV_CONSOLE_SIGNING_KEY (SPKI), which services trust in development mode only. */
export const DEV_CONSOLE_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAYxpKwmH6L3V5JfPvDc5IuLyqCMrw90B8IEo/4gxBEBg=
-----END PUBLIC KEY-----`;

/** The variable that makes development explicit; only then are the published keys above accepted. */
export const DEV_MODE_VARIABLE = 'MENTORING_DEV_MODE';

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const PUBLISHED_KEYS = [DEV_JWT_SECRET, DEV_LINK_SECRET, DEV_REPLY_SECRET, DEV_CONSOLE_SIGNING_KEY, DEV_CONSOLE_PUBLIC_KEY].map(normalised);

/** True when MENTORING_DEV_MODE is set to a true word (true, 1, yes, on), as services read it. */
export function isDevelopmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return TRUE_WORDS.includes((env[DEV_MODE_VARIABLE] ?? '').trim().toLowerCase());
}

/** True for any key this repository publishes (whitespace and PEM line breaks ignored). */
export function isPublicDevelopmentKey(value: unknown): boolean {
  return typeof value === 'string' && PUBLISHED_KEYS.includes(normalised(value));
}

/**
 * PEM text from an environment variable: a one-line value with literal `\n` (how .env files and
 * many secret stores carry multi-line values) becomes the real multi-line PEM.
 */
export function pemFromEnvironment(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\\n/g, '\n').trim() : value;
}

/** True when the value is a PEM Ed25519 key of that kind (SPKI public, PKCS#8 private). */
export function isEd25519Pem(value: unknown, kind: 'public' | 'private'): boolean {
  if (typeof value !== 'string') return false;
  try {
    const key = kind === 'public' ? createPublicKey({ key: value, format: 'pem' }) : createPrivateKey({ key: value, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

export interface OwnKeyOptions {
  /** Another variable that, when set, replaces this key (a JWKS URL): the key is then not used and not checked. */
  unlessSet?: string;
}

/**
 * A secret or key that may be one of the published development keys (its default) only when
 * MENTORING_DEV_MODE is true. Outside development mode the service refuses to start, naming the
 * variable, whether it was left unset or set to the public key.
 */
export function OwnKeyOutsideDevelopment(options: OwnKeyOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'ownKeyOutsideDevelopment',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `must be a key of your own: the public development key is accepted only when ${DEV_MODE_VARIABLE}=true`,
        ...validationOptions,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const config = args.object as Record<string, unknown>;
          if (config[DEV_MODE_VARIABLE] === true) return true;
          if (options.unlessSet && config[options.unlessSet] !== undefined) return true;
          return !isPublicDevelopmentKey(value);
        },
      },
    });
}

/**
 * A setting that exists for development only (e.g. a shifted clock): outside MENTORING_DEV_MODE=true
 * the process refuses to start when it is set, naming the variable.
 */
export function OnlyInDevelopment(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyInDevelopment',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `is a development setting: it is accepted only when ${DEV_MODE_VARIABLE}=true`, ...validationOptions },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value === undefined || (args.object as Record<string, unknown>)[DEV_MODE_VARIABLE] === true,
      },
    });
}

function normalised(key: string): string {
  return key.replace(/\\n/g, '').replace(/\s+/g, '');
}
