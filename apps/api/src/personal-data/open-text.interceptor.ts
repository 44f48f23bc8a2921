import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { TextOpener } from '@indaga/platform';
import { from, mergeMap, Observable } from 'rxjs';

/**
 * SPEC 6.1: every JSON answer goes through the one TextOpener on its way out,
 * so /events, /v1/events, /state (with version, asOf, on), /cycles/:id,
 * GET /v1/networks/:id and whatever reader comes next show plain text, or
 * null with `redacted: true` where the key was destroyed. Answers without
 * sealed text (most of them) pass untouched after one scan. Streamed exports
 * open their pages themselves (apps/api/src/exports).
 */
@Injectable()
export class OpenTextInterceptor implements NestInterceptor {
  constructor(private readonly opener: TextOpener) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(mergeMap((answer) => from(this.opener.open(answer))));
  }
}
