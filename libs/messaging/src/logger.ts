/** The logging surface the messaging code needs; a pino logger satisfies it. */
export interface MessagingLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}
