import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StoreUnavailableError } from '@indaga/event-store';
import { newDataKey, sealText, TextOpener, wrapKey } from '@indaga/platform';
import { AllExceptionsFilter } from '../http/all-exceptions.filter';
import { WriteAnswer } from '../networks/write/network-writer';
import { sendWriteAnswer } from '../networks/write/write-answer';
import { openTextHook } from './open-text.hook';

/** The bits of a Fastify reply the hooks touch. */
function fakeReply() {
  const sent = { status: 200, headers: {} as Record<string, string> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}
const request = { id: 'corr-1' } as unknown as FastifyRequest;
const master = randomBytes(32);

describe('the answer hooks (preSerialization)', () => {
  it('open sealed text on the way out, and leave other answers as they are', async () => {
    const key = newDataKey();
    const wrapped = new Map([['k1', wrapKey(master, 'k1', key)]]);
    const hook = openTextHook(new TextOpener(master, async () => wrapped), new AllExceptionsFilter());
    const { reply, sent } = fakeReply();
    const answer = { events: [{ data: { findings: sealText(key, 'k1', 'Ana mejoró', 0) } }] };
    expect(await hook.call(undefined as never, request, reply, answer)).toEqual({
      events: [{ data: { findings: 'Ana mejoró' } }],
    });
    const plain = { a: 1 };
    expect(await hook.call(undefined as never, request, reply, plain)).toBe(plain);
    expect(sent.status).toBe(200);
  });

  it('answer what the exception filter would when opening fails: 503 with Retry-After, or 500 without details', async () => {
    const key = newDataKey();
    const sealed = { findings: sealText(key, 'k1', 'Ana', 0) };
    const down = openTextHook(
      new TextOpener(master, async () => {
        throw new StoreUnavailableError('connection refused');
      }),
      new AllExceptionsFilter(),
    );
    const first = fakeReply();
    expect(await down.call(undefined as never, request, first.reply, sealed)).toMatchObject({
      statusCode: 503,
      code: 'STORE.UNAVAILABLE',
      correlationId: 'corr-1',
    });
    expect(first.sent).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });

    const otherKey = new Map([['k1', wrapKey(master, 'k1', newDataKey())]]); // not the key it was sealed with
    const wrong = openTextHook(new TextOpener(master, async () => otherKey), new AllExceptionsFilter());
    const second = fakeReply();
    const body = (await wrong.call(undefined as never, request, second.reply, sealed)) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 500, code: 'INTERNAL', correlationId: 'corr-1' });
    expect(JSON.stringify(body)).not.toContain('Ana');
    expect(second.sent.status).toBe(500);
  });

  it('send a write answer with its status, ETag and Idempotent-Replayed, and pass anything else through', async () => {
    const body = { networkId: 'red', version: 7, events: [{ type: 'SessionHeld', version: 7 }] };
    const created = fakeReply();
    expect(
      await sendWriteAnswer.call(undefined as never, request, created.reply, new WriteAnswer(201, body, false)),
    ).toBe(body);
    expect(created.sent).toEqual({ status: 201, headers: { ETag: '"7"' } });
    const replayed = fakeReply();
    await sendWriteAnswer.call(undefined as never, request, replayed.reply, new WriteAnswer(200, body, true));
    expect(replayed.sent).toEqual({ status: 200, headers: { ETag: '"7"', 'Idempotent-Replayed': 'true' } });
    const error = { statusCode: 409, code: 'VERSION.CONFLICT' };
    const other = fakeReply();
    expect(await sendWriteAnswer.call(undefined as never, request, other.reply, error)).toBe(error);
    expect(other.sent).toEqual({ status: 200, headers: {} });
  });
});
