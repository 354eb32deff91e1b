/** A yes/no question in the page (not window.confirm): one at a time, answered through a promise. */
import { reactive } from 'vue';

export const question = reactive({ open: false, title: '', text: '', confirmLabel: 'Yes', danger: false });
let answer: ((yes: boolean) => void) | undefined;

export function ask(title: string, text: string, confirmLabel = 'Yes', danger = false): Promise<boolean> {
  answer?.(false);
  Object.assign(question, { open: true, title, text, confirmLabel, danger });
  return new Promise((resolve) => {
    answer = resolve;
  });
}

export function reply(yes: boolean): void {
  question.open = false;
  const resolve = answer;
  answer = undefined;
  resolve?.(yes);
}
