import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

/** A configuration class: public fields named like the environment variables they read. */
export type ConfigClass<T extends object> = new () => T;

/** One bad environment variable and what is wrong with it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown when the environment does not satisfy a configuration class; names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

const SENSITIVE_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE|KEY/i;
const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** Reads, converts and validates a configuration class from the environment; throws ConfigError listing every problem. */
export function loadConfig<T extends object>(configClass: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const variables = readDeclaredVariables(configClass, env);
  const config = Object.assign(
    plainToInstance(configClass, variables, { enableImplicitConversion: true }),
    booleansReadAsWords(configClass, variables),
  );
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map((error) => toProblem(error, env)));
  return config;
}

/**
 * Only variables the class validates are read: copying the whole environment would carry PATH,
 * unrelated secrets and the like into an object that gets logged and injected everywhere.
 * Empty values count as unset, so `FOO= npm start` falls back to the default as a shell user expects.
 */
function readDeclaredVariables<T extends object>(configClass: ConfigClass<T>, env: NodeJS.ProcessEnv) {
  const variables: Record<string, string> = {};
  for (const name of declaredVariableNames(configClass)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    variables[name] = raw.trim();
  }
  return variables;
}

function declaredVariableNames(configClass: ConfigClass<object>): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  return new Set(metadata.map((entry) => entry.propertyName));
}

/**
 * Implicit conversion turns any non-empty string, "false" included, into `true`, so boolean
 * variables are read as words here; an unknown word stays a string and fails validation.
 */
function booleansReadAsWords(configClass: ConfigClass<object>, variables: Record<string, string>) {
  const booleans: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(variables)) {
    if (Reflect.getMetadata('design:type', configClass.prototype, name) !== Boolean) continue;
    const word = raw.toLowerCase();
    booleans[name] = TRUE_WORDS.includes(word) ? true : FALSE_WORDS.includes(word) ? false : raw;
  }
  return booleans;
}

function toProblem(error: ValidationError, env: NodeJS.ProcessEnv): ConfigProblem {
  const variable = error.property;
  const messages = new Set(Object.values(error.constraints ?? {}).map((message) => withoutLeadingName(message, variable)));
  return { variable, problem: `${[...messages].join(', ')} ${describeRawValue(variable, env[variable])}` };
}

/** class-validator's built-in messages start with the property name, ours do not; the error adds it once. */
function withoutLeadingName(message: string, variable: string): string {
  return message.startsWith(`${variable} `) ? message.slice(variable.length + 1) : message;
}

function describeRawValue(variable: string, raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return '(not set)';
  if (SENSITIVE_NAME.test(variable)) return `(got a value of ${raw.length} characters)`;
  return `(got "${maskUrlPassword(raw)}")`;
}

function maskUrlPassword(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}
