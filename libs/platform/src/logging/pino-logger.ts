import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * Structured JSON logs (pino). Request logs carry the correlation id as
 * `reqId`; headers are never logged, and the redaction below is a second
 * guard should a caller log a request or token object by mistake.
 */
export function createPinoLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'indaga' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        '*.token',
        'secret',
        '*.secretHash',
        // SPEC 6.1: request bodies carry free text; nothing logs them, and if something did they are censored.
        'body',
        'req.body',
        'request.body',
      ],
      censor: '[redacted]',
    },
  });
}

/** Nest's logger interface on top of pino, so framework and app logs share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace',
    message: unknown,
    context?: string,
    stack?: string,
  ) {
    if (message instanceof Error) {
      // An Error's message and stack are not enumerable: spread like a plain object, the log kept no words.
      this.logger[level]({ context, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { err, ...rest } = message as Record<string, unknown>;
      this.logger[level]({ context, ...rest, ...(err instanceof Error ? { err } : {}) });
    } else {
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    this.write('error', message, context ?? stackOrContext, context ? stackOrContext : undefined);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
}
