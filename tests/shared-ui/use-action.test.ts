/**
 * @jest-environment jsdom
 *
 * The forms' action kit (src/shared/use-action.ts): how a refusal is shown (the server's
 * Chinese message, its field messages, a CONFLICT's fields, a stale refusal handed back), and
 * the hook itself rendered with React: busy while a call runs, a second tap ignored, a field's
 * message dropped when it is edited, and a reply after the form is gone changing nothing; and
 * the button shape (useButtonAction): a confirmation first, the pressed key, the failure handed
 * to the screen's own way of showing it.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { AppError } from '~types/errors';
import {
  describeFailure,
  isStale,
  useAction,
  useButtonAction,
  withoutField,
  type Action,
  type ActionOptions,
  type ButtonAction,
} from '../../src/shared/use-action';

jest.mock('../../src/services/transport', () => ({ invokeFunction: jest.fn() }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('describeFailure', () => {
  test('a refusal with field messages shows its message and the fields', () => {
    const e = new AppError('VALIDATION', 'input.invalid', '填写的内容有误', { title: '请填写标题' });
    expect(describeFailure(e)).toEqual({ kind: 'shown', message: '填写的内容有误', fields: { title: '请填写标题' } });
  });

  test('a field path from the server is shown under its form field', () => {
    const e = new AppError('VALIDATION', 'input.invalid', '填写的内容有误', { 'photos.0': '图片格式不支持' });
    expect(describeFailure(e)).toEqual({
      kind: 'shown',
      message: '填写的内容有误',
      fields: { photos: '图片格式不支持' },
    });
  });

  test('a CONFLICT without fields marks the fields conflictFields names', () => {
    const e = new AppError('CONFLICT', 'org.duplicate-work-unit', '已有同名单位');
    const failure = describeFailure(e, { conflictFields: () => ({ name: '已有同名单位，请换一个名称' }) });
    expect(failure).toEqual({ kind: 'shown', message: '已有同名单位', fields: { name: '已有同名单位，请换一个名称' } });
  });

  test('a stale refusal is handed back only when the form takes it', () => {
    const e = new AppError('PRECONDITION_FAILED', 'wish.not-open', '心愿已被认领');
    expect(describeFailure(e, { onStale: () => undefined })).toEqual({ kind: 'stale', error: e });
    expect(describeFailure(e)).toEqual({ kind: 'shown', message: '心愿已被认领', fields: null });
  });

  test('anything that is not an AppError shows the generic Chinese message', () => {
    expect(describeFailure(new Error('boom'))).toEqual({
      kind: 'shown',
      message: '系统繁忙，请稍后再试',
      fields: null,
    });
  });

  test('isStale is true for CONFLICT, PRECONDITION_FAILED and NOT_FOUND only', () => {
    expect(isStale(new AppError('CONFLICT', 'x'))).toBe(true);
    expect(isStale(new AppError('PRECONDITION_FAILED', 'x'))).toBe(true);
    expect(isStale(new AppError('NOT_FOUND', 'x'))).toBe(true);
    expect(isStale(new AppError('VALIDATION', 'x'))).toBe(false);
    expect(isStale(new Error('x'))).toBe(false);
  });

  test('withoutField drops one key and keeps the object when the key is absent', () => {
    const errors = { a: '1', b: '2' };
    expect(withoutField(errors, 'a')).toEqual({ b: '2' });
    expect(withoutField(errors, 'c')).toBe(errors);
  });
});

/** Renders a component that exposes the hook's latest value. */
function mount(options: ActionOptions = {}) {
  const seen: { current: Action | null } = { current: null };
  function Probe() {
    seen.current = useAction(options);
    return null;
  }
  const container = document.createElement('div');
  const root: Root = createRoot(container);
  act(() => root.render(createElement(Probe)));
  return { seen, unmount: () => act(() => root.unmount()) };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  test('is busy while the call runs and ignores a second tap', async () => {
    const onDone = jest.fn();
    const { seen, unmount } = mount({ onDone });
    const call = deferred();
    const work = jest.fn(() => call.promise);
    let first!: Promise<boolean>;
    let second!: Promise<boolean>;
    act(() => {
      first = seen.current!.run(work);
    });
    expect(seen.current!.busy).toBe(true);
    act(() => {
      second = seen.current!.run(work);
    });
    expect(await second).toBe(false);
    expect(work).toHaveBeenCalledTimes(1);
    await act(async () => {
      call.resolve();
      await first;
    });
    expect(await first).toBe(true);
    expect(seen.current!.busy).toBe(false);
    expect(onDone).toHaveBeenCalledTimes(1);
    unmount();
  });

  test('shows the refusal above the buttons and under its field, and clear drops that field', async () => {
    const { seen, unmount } = mount();
    await act(async () => {
      await seen.current!.run(() =>
        Promise.reject(
          new AppError('VALIDATION', 'input.invalid', '填写的内容有误', { title: '标题太长', place: '请填写地点' }),
        ),
      );
    });
    expect(seen.current!.error).toBe('填写的内容有误');
    expect(seen.current!.fields).toEqual({ title: '标题太长', place: '请填写地点' });
    act(() => seen.current!.clear('title'));
    expect(seen.current!.fields).toEqual({ place: '请填写地点' });
    unmount();
  });

  test('check shows local problems and says whether there were none', () => {
    const { seen, unmount } = mount();
    let ok = true;
    act(() => {
      ok = seen.current!.check({ reason: '请填写原因' });
    });
    expect(ok).toBe(false);
    expect(seen.current!.fields).toEqual({ reason: '请填写原因' });
    act(() => {
      ok = seen.current!.check({});
    });
    expect(ok).toBe(true);
    expect(seen.current!.fields).toEqual({});
    unmount();
  });

  test('a stale refusal goes to onStale and shows no message', async () => {
    const onStale = jest.fn();
    const { seen, unmount } = mount({ onStale });
    const e = new AppError('CONFLICT', 'wish.already-claimed', '已被他人认领');
    await act(async () => {
      await seen.current!.run(() => Promise.reject(e));
    });
    expect(onStale).toHaveBeenCalledWith(e);
    expect(seen.current!.error).toBeNull();
    unmount();
  });

  test('a reply that arrives after the form is gone is not handed on', async () => {
    const onStale = jest.fn();
    const { seen, unmount } = mount({ onStale });
    const call = deferred();
    let result!: Promise<boolean>;
    act(() => {
      result = seen.current!.run(() => call.promise);
    });
    unmount();
    call.reject(new AppError('CONFLICT', 'wish.already-claimed', '已被他人认领'));
    expect(await result).toBe(false);
    expect(onStale).not.toHaveBeenCalled();
  });
});

/** Renders a component that exposes useButtonAction's latest value. */
function mountButton() {
  const seen: { current: ButtonAction<'close' | 'export'> | null } = { current: null };
  function Probe() {
    seen.current = useButtonAction<'close' | 'export'>();
    return null;
  }
  const root: Root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Probe)));
  return { seen, unmount: () => act(() => root.unmount()) };
}

describe('useButtonAction', () => {
  test('shows which button runs, is busy until it ends and ignores a press meanwhile', async () => {
    const { seen, unmount } = mountButton();
    const call = deferred();
    const other = jest.fn(() => Promise.resolve());
    let first!: Promise<boolean>;
    await act(async () => {
      first = seen.current!.press(() => call.promise, { key: 'export' });
      await Promise.resolve();
    });
    expect(seen.current!.busy).toBe(true);
    expect(seen.current!.pressing).toBe('export');
    let second!: Promise<boolean>;
    act(() => {
      second = seen.current!.press(other, { key: 'close' });
    });
    expect(await second).toBe(false);
    expect(other).not.toHaveBeenCalled();
    await act(async () => {
      call.resolve();
      await first;
    });
    expect(await first).toBe(true);
    expect(seen.current!.busy).toBe(false);
    expect(seen.current!.pressing).toBeNull();
    unmount();
  });

  test('runs nothing when the confirmation is declined, and the work once it is given', async () => {
    const { seen, unmount } = mountButton();
    const work = jest.fn(() => Promise.resolve());
    let ok = true;
    await act(async () => {
      ok = await seen.current!.press(work, { confirm: () => Promise.resolve(false) });
    });
    expect(ok).toBe(false);
    expect(work).not.toHaveBeenCalled();
    await act(async () => {
      ok = await seen.current!.press(work, { confirm: () => Promise.resolve(true) });
    });
    expect(ok).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
    unmount();
  });

  test('hands a failure to onError and stays busy until it has been shown', async () => {
    const { seen, unmount } = mountButton();
    const e = new AppError('PRECONDITION_FAILED', 'points.quarter-open', '本季度尚未结束');
    const shown = deferred();
    const onError = jest.fn(() => shown.promise);
    let result!: Promise<boolean>;
    await act(async () => {
      result = seen.current!.press(() => Promise.reject(e), { key: 'close', onError });
      await Promise.resolve();
    });
    expect(onError).toHaveBeenCalledWith(e);
    expect(seen.current!.busy).toBe(true);
    await act(async () => {
      shown.resolve();
      await result;
    });
    expect(await result).toBe(false);
    expect(seen.current!.busy).toBe(false);
    unmount();
  });

  test('without onError the failure is passed on to the caller', async () => {
    const { seen, unmount } = mountButton();
    const e = new Error('boom');
    await act(async () => {
      await expect(seen.current!.press(() => Promise.reject(e))).rejects.toBe(e);
    });
    expect(seen.current!.busy).toBe(false);
    unmount();
  });
});
