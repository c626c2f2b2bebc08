/** The logging surface the messaging code needs; a pino logger satisfies it. */
export interface MessagingLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** Wraps a console-like sink; for scripts that run without pino. */
export function consoleLogger(prefix: string): MessagingLogger {
  const write = (level: string) => (object: object, message?: string) =>
    process.stderr.write(`${JSON.stringify({ level, service: prefix, msg: message, ...object })}\n`);
  return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error') };
}
