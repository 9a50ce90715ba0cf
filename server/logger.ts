/**
 * What PAT Kit logs through: pino (the standalone server's default), `console`, or any logger
 * with these methods, called as pino's are: a message, or details and then a message.
 */
export interface Logger {
  info: LogFunction;
  warn: LogFunction;
  error: LogFunction;
  /** When given and false for 'info', the per-request line is not even prepared. */
  isLevelEnabled?(level: 'info'): boolean;
}

export interface LogFunction {
  (message: string): void;
  (details: Record<string, unknown>, message: string): void;
}
