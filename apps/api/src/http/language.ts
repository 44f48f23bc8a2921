import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { explainPeriod, type ExplanationLanguage, type PracticeMinutes } from '@indaga/domain';

/**
 * Spanish when `Accept-Language` prefers Spanish to English (`es`, `es-CL`,
 * `es;q=1, en;q=0.5`), English otherwise, including when absent: the stored
 * sentences are English and scripts rarely send the header, while a Chilean
 * reader's browser sends `es-CL` first.
 */
export function preferredLanguage(header: string | undefined): ExplanationLanguage {
  if (!header) return 'en';
  let best: { language: ExplanationLanguage; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'es' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? 'en';
}

/** The caller's language for explanations; the answer says which it used (Content-Language, Vary). */
export const Language = createParamDecorator((_: unknown, ctx: ExecutionContext): ExplanationLanguage => {
  const language = preferredLanguage(ctx.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']);
  const reply = ctx.switchToHttp().getResponse<FastifyReply>();
  reply.header('Content-Language', language);
  reply.header('Vary', 'Accept-Language');
  return language;
});

type ExplainedPeriod = { minutes: PracticeMinutes; multiSchoolJointActions: number; explanation: string };

/** A trajectory with each period's explanation in `language` (unchanged for English, the stored language). */
export function inLanguage<T extends { periods: ExplainedPeriod[] }>(trajectory: T, language: ExplanationLanguage): T {
  if (language === 'en') return trajectory;
  return { ...trajectory, periods: trajectory.periods.map((p) => ({ ...p, explanation: explainPeriod(p, language) })) };
}
