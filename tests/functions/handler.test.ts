/**
 * The handler wrapper on its own: unknown errors never leak their message, and a verb's
 * AppError reaches the client intact.
 */
import { z } from 'zod';
import { AppError } from '../../types/errors';
import { createHandler, defineRoutes } from '../../cloudfunctions/_shared/handler';

const specs = {
  boom: { summary: 'throws', input: z.object({}).strict(), result: z.object({}), refusals: {} },
  refuse: {
    summary: 'refuses',
    input: z.object({}).strict(),
    result: z.object({}),
    refusals: { 'wish.already-claimed': 'CONFLICT' } as const,
  },
  undeclared: { summary: 'refuses undeclared', input: z.object({}).strict(), result: z.object({}), refusals: {} },
  miscoded: {
    summary: 'refuses with another code',
    input: z.object({}).strict(),
    result: z.object({}),
    refusals: { 'wish.already-claimed': 'CONFLICT' } as const,
  },
  echo: {
    summary: 'echoes',
    input: z.object({ n: z.number().int().min(1, '数量至少为 1') }).strict(),
    result: z.object({ n: z.number() }),
    refusals: {},
  },
};

const main = createHandler(
  'test',
  defineRoutes(specs, {
    boom: async () => {
      throw new Error('secret table name leaked');
    },
    refuse: async () => {
      throw new AppError('CONFLICT', 'wish.already-claimed', '该心愿已被认领');
    },
    undeclared: async () => {
      throw new AppError('FORBIDDEN', 'wish.not-declared', '不该出现的拒绝');
    },
    miscoded: async () => {
      throw new AppError('FORBIDDEN', 'wish.already-claimed', '该心愿已被认领');
    },
    echo: async ({ input }) => ({ n: input.n }),
  }),
);

beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

test('an unexpected error is answered as INTERNAL without its message', async () => {
  const reply = await main({ action: 'boom', data: {} });
  expect(reply).toEqual({
    ok: false,
    error: { code: 'INTERNAL', reason: 'internal.unexpected', message: '系统繁忙，请稍后再试' },
  });
  expect(JSON.stringify(reply)).not.toContain('secret');
});

test("a verb's AppError reaches the caller with its code, reason and Chinese message", async () => {
  expect(await main({ action: 'refuse', data: {} })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', reason: 'wish.already-claimed', message: '该心愿已被认领' },
  });
});

test("input is validated before the verb runs, using the schema's own Chinese message per field", async () => {
  expect(await main({ action: 'echo', data: { n: 0 } })).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      reason: 'input.invalid',
      message: '填写的内容有误：数量至少为 1',
      fields: { n: '数量至少为 1' },
    },
  });
  expect(await main({ action: 'echo', data: { n: 2 } })).toEqual({ ok: true, data: { n: 2 } });
});

test('a missing action is NOT_FOUND', async () => {
  expect(await main({ data: {} })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'action.unknown' } });
});

describe('a refusal the action does not declare', () => {
  const strict = process.env.HONGSE_STRICT_REASONS;
  afterEach(() => {
    process.env.HONGSE_STRICT_REASONS = strict;
  });

  test('is logged with area.action and reason, and in strict mode answered as INTERNAL so a test fails', async () => {
    process.env.HONGSE_STRICT_REASONS = '1';
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    log.mockClear();
    const reply = await main({ action: 'undeclared', data: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', reason: 'internal.undeclared-refusal' } });
    expect(String(log.mock.calls[0]?.[0])).toContain('test.undeclared');
    expect(String(log.mock.calls[0]?.[0])).toContain('wish.not-declared');
  });

  test('declared with another code is as much a bug as an undeclared one', async () => {
    process.env.HONGSE_STRICT_REASONS = '1';
    expect(await main({ action: 'miscoded', data: {} })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', reason: 'internal.undeclared-refusal' },
    });
  });

  test('in production reaches the user unchanged (and is logged)', async () => {
    process.env.HONGSE_STRICT_REASONS = '0';
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    log.mockClear();
    expect(await main({ action: 'undeclared', data: {} })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'wish.not-declared', message: '不该出现的拒绝' },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });
});
