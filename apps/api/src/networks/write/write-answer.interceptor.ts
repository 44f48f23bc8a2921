import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { Access, type AccessRule } from '../../auth/access.decorator';
import type { WriteAnswer, WriteAnswerBody } from './network-writer';

/** The edge of every write: the answer's status, its version as ETag, and Idempotent-Replayed on a replay. */
@Injectable()
export class WriteAnswerInterceptor implements NestInterceptor<WriteAnswer, WriteAnswerBody> {
  intercept(context: ExecutionContext, next: CallHandler<WriteAnswer>): Observable<WriteAnswerBody> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((answer) => {
        reply.status(answer.status);
        reply.header('ETag', `"${answer.body.version}"`);
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return answer.body;
      }),
    );
  }
}

/** A write route: who may call it, and its answer sent by WriteAnswerInterceptor. */
export const NetworkWrite = (rule: AccessRule) =>
  applyDecorators(Access(rule), UseInterceptors(WriteAnswerInterceptor));
