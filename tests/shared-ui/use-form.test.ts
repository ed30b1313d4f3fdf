/**
 * @jest-environment jsdom
 *
 * The form values hook (src/shared/use-form.ts), rendered with React: editing a value drops
 * that field's message and no other, and `text(name)` binds a text field to its value, its
 * input and its message.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useForm, type Form } from '../../src/shared/use-form';

jest.mock('../../src/services/transport', () => ({ invokeFunction: jest.fn() }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Values {
  note: string;
  rating: number;
}

function mount() {
  const seen: { current: Form<Values> | null } = { current: null };
  function Probe() {
    seen.current = useForm<Values>({ note: '', rating: 0 });
    return null;
  }
  const root: Root = createRoot(document.createElement('div'));
  act(() => root.render(createElement(Probe)));
  return { form: () => seen.current!, unmount: () => act(() => root.unmount()) };
}

describe('useForm', () => {
  test('setting a value drops that field’s message and keeps the others', () => {
    const { form, unmount } = mount();
    act(() => void form().check({ note: '请写下完成情况', rating: '请点星星打分' }));
    act(() => form().set('rating', 4));
    expect(form().values.rating).toBe(4);
    expect(form().err('rating')).toBeUndefined();
    expect(form().err('note')).toBe('请写下完成情况');
    unmount();
  });

  test('text(name) gives a text field its value, its message and an input that edits it', () => {
    const { form, unmount } = mount();
    act(() => void form().check({ note: '请写下完成情况' }));
    expect(form().text('note')).toMatchObject({ value: '', error: '请写下完成情况' });
    act(() => form().text('note').onInput('已上门送去助行器'));
    expect(form().text('note')).toMatchObject({ value: '已上门送去助行器', error: undefined });
    unmount();
  });
});
