/** Components shared by the pages: messages, fields, tables, the account picker, copy and download. */
import type { Account } from '../../api/account-schemas.js';
import { api, messageOf } from './api.js';
import { h, replace, uniqueId, type Child, type Props } from './dom.js';

export interface Notice {
  element: HTMLElement;
  error(error: unknown): void;
  ok(text: string): void;
  clear(): void;
}

/** A message line read out by screen readers when it changes; errors in words, in red. */
export function notice(): Notice {
  const element = h('p', { class: 'notice', 'aria-live': 'polite', role: 'status' });
  const set = (text: string, kind: string) => {
    element.className = `notice ${kind}`;
    element.textContent = text;
  };
  return {
    element,
    error: (error) => set(messageOf(error), 'error'),
    ok: (text) => set(text, 'ok'),
    clear: () => set('', ''),
  };
}

/** Draws what `build` resolves with into `target`; an error is shown in words in `message` instead. */
export async function fill(target: Element, message: Notice, build: () => Promise<Child>): Promise<void> {
  // Only the latest fill of a target may show: an answer that arrives after a newer request
  // (another account picked meanwhile) would otherwise overwrite the newer one.
  const turn = (fillTurns.get(target) ?? 0) + 1;
  fillTurns.set(target, turn);
  try {
    const content = await build();
    if (fillTurns.get(target) === turn) replace(target, content);
  } catch (error) {
    if (fillTurns.get(target) === turn) message.error(error);
  }
}

/** How many fills each target has begun, so a late answer to an older one is dropped. */
const fillTurns = new WeakMap<Element, number>();

/** A labelled form control; the label points at the control by id. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uniqueId('field');
  const hintElement = hint ? h('small', { id: `${control.id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}

export function input(name: string, props: Props = {}): HTMLInputElement {
  return h('input', { name, type: 'text', ...props });
}

export function select(name: string, options: Array<string | { value: string; label: string }>, props: Props = {}): HTMLSelectElement {
  return h(
    'select',
    { name, ...props },
    options.map((option) => (typeof option === 'string' ? h('option', { value: option }, option) : h('option', { value: option.value }, option.label))),
  );
}

export function button(text: string, onclick: (event: Event) => void, props: Props = {}): HTMLButtonElement {
  return h('button', { type: 'button', onclick, ...props }, text);
}

/** The non-empty text values of a form, by control name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  return values;
}

/**
 * A form whose submit runs `action`; the submit button is disabled meanwhile
 * and any error is shown in words in the form's message line.
 */
export function form(props: Props & { label: string }, children: Child[], action: (values: Record<string, string>, form: HTMLFormElement) => Promise<string | void>): HTMLFormElement {
  const message = notice();
  const { label, ...rest } = props;
  const element = h('form', { 'aria-label': label, novalidate: true, ...rest }, children, message.element);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = element.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    message.clear();
    try {
      const done = await action(formValues(element), element);
      if (done) message.ok(done);
    } catch (error) {
      message.error(error);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
  return element;
}

/** A table with a caption; an empty list says so in words. */
export function table(caption: string, headers: string[], rows: Child[][], empty = 'Nothing yet.'): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, `${caption}: ${empty}`);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))),
    ),
  );
}

/** A section of a page with a heading. */
export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uniqueId('section');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
}

/** An account as the API answers it; the pages read it from here. */
export type { Account };

const accountKey = 'flowhooks.console.account';

/** The account chosen last on any page, so moving between pages keeps it. */
export function chosenAccount(): number | undefined {
  const saved = Number(sessionStorage.getItem(accountKey));
  return Number.isInteger(saved) && saved > 0 ? saved : undefined;
}

/**
 * An account selector that loads the accounts and calls `onChange` with the
 * chosen id (at once with the remembered or first account).
 */
export function accountPicker(onChange: (accountId: number, account: Account) => void): HTMLElement {
  const control = h('select', { name: 'account' });
  const message = notice();
  const wrap = h('div', { class: 'account-picker' }, field('Account', control), message.element);
  let accounts: Account[] = [];
  const choose = () => {
    const id = Number(control.value);
    const account = accounts.find((candidate) => candidate.id === id);
    if (!account) return;
    sessionStorage.setItem(accountKey, String(id));
    onChange(id, account);
  };
  control.addEventListener('change', choose);
  api<Account[]>('GET', '/api/accounts')
    .then((list) => {
      accounts = list;
      if (list.length === 0) return message.ok('There are no accounts yet: create one on the Accounts page.');
      replace(control, list.map((account) => h('option', { value: String(account.id) }, `${account.id} — ${account.name}`)));
      const saved = chosenAccount();
      if (saved && list.some((account) => account.id === saved)) control.value = String(saved);
      choose();
    })
    .catch((error) => message.error(error));
  return wrap;
}

/** Copies text to the clipboard and says whether it worked. */
export function copyButton(label: string, text: () => string): HTMLElement {
  const message = notice();
  const copy = button(label, async () => {
    try {
      await navigator.clipboard.writeText(text());
      message.ok('Copied.');
    } catch {
      message.error(new Error('The browser did not allow copying: select the text and copy it yourself.'));
    }
  });
  return h('span', { class: 'copy' }, copy, message.element);
}

/** Saves bytes as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An ISO time as the browser's local date and time. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
