/** The webhook playground: pick a method, fill a form made from its parameters, send, see the answer, copy as curl. */
import { api, messageOf, savedToken } from '../api.js';
import { h, replace } from '../dom.js';
import { copyButton, field, input, notice, section, select } from '../ui.js';

interface Parameter {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  example?: unknown;
}

interface MethodVariant {
  title: string;
  description?: string;
  'x-parameters': Parameter[];
  'x-outputs'?: Array<{ name: string; description?: string }>;
}

type Variant = MethodVariant | { $ref: string };

interface OpenApi {
  paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: { oneOf?: Variant[] } }> } } }>;
  components?: { schemas?: Record<string, MethodVariant> };
}

/** The webhook methods described by /openapi.json: one `oneOf` variant each, inline or as a `#/components/schemas/…` reference. */
export function methodsOf(document: OpenApi): MethodVariant[] {
  const variants = document.paths?.['/webhook']?.post?.requestBody?.content?.['application/json']?.schema?.oneOf ?? [];
  const resolved = variants.map((variant) => ('$ref' in variant ? document.components?.schemas?.[variant.$ref.replace('#/components/schemas/', '')] : variant));
  return resolved.filter((variant): variant is MethodVariant => typeof variant?.title === 'string' && Array.isArray(variant['x-parameters']));
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A curl command for the call; the token is left as a variable so a copied command never carries it. */
export function curlCommand(url: string, body: unknown): string {
  return [`curl -sS -X POST ${shellQuote(url)}`, `-H 'Content-Type: application/json'`, `-H "Authorization: Bearer $FLOWHOOKS_TOKEN"`, `--data ${shellQuote(JSON.stringify(body))}`].join(' \\\n  ');
}

export function playgroundPage(main: HTMLElement): void {
  const message = notice();
  const methodSelect = h('select', { name: 'method' });
  const description = h('p', { class: 'hint' });
  const parameterArea = h('div', { class: 'grid' });
  const stageSelect = select('stage', ['prod', 'test']);
  const testNow = input('testNow', { placeholder: '2026-12-06T19:00:00+05:30' });
  const testNowField = field('Test "now" ($flow.syskey.testNow, optional)', testNow, 'ISO 8601 date-time with offset; test stage only');
  const answer = h('div', { 'aria-live': 'polite' });
  const curl = h('div');
  let methods: MethodVariant[] = [];

  const showStage = () => testNowField.classList.toggle('hidden', stageSelect.value !== 'test');
  stageSelect.addEventListener('change', showStage);
  showStage();

  function current(): MethodVariant | undefined {
    return methods.find((method) => method.title === methodSelect.value);
  }

  function drawParameters(): void {
    const method = current();
    if (!method) return;
    const outputs = (method['x-outputs'] ?? []).map((output) => output.name);
    description.textContent = [method.description, outputs.length ? `Outputs: ${outputs.join(', ')}.` : ''].filter(Boolean).join(' ');
    replace(
      parameterArea,
      method['x-parameters'].map((parameter) =>
        field(
          `${parameter.name}${parameter.required ? ' (required)' : ''}`,
          input(parameter.name, {
            'data-parameter': parameter.name,
            required: parameter.required,
            placeholder: parameter.example === undefined ? '' : String(parameter.example),
            inputmode: parameter.type === 'integer' || parameter.type === 'number' ? 'numeric' : null,
          }),
          [parameter.type, parameter.description].filter(Boolean).join(' — '),
        ),
      ),
    );
    replace(answer);
    replace(curl);
  }
  methodSelect.addEventListener('change', drawParameters);

  function request(): { url: string; body: { method: string; keys: Array<{ name: string; value: string }> } } {
    const method = current();
    if (!method) throw new Error('Choose a method.');
    const keys: Array<{ name: string; value: string }> = [];
    const missing: string[] = [];
    for (const control of parameterArea.querySelectorAll<HTMLInputElement>('input[data-parameter]')) {
      const name = control.dataset.parameter ?? '';
      if (control.value !== '') keys.push({ name, value: control.value });
      else if (control.required) missing.push(name);
    }
    if (missing.length) throw new Error(`Fill in the required parameters: ${missing.join(', ')}.`);
    if (stageSelect.value === 'test' && testNow.value.trim()) keys.push({ name: '$flow.syskey.testNow', value: testNow.value.trim() });
    const path = stageSelect.value === 'test' ? '/webhook/test' : '/webhook';
    return { url: new URL(path, location.origin).toString(), body: { method: method.title, keys } };
  }

  const formElement = h(
    'form',
    { 'aria-label': 'Webhook call', novalidate: true },
    field('Method', methodSelect),
    description,
    parameterArea,
    h('div', { class: 'inline' }, field('Stage', stageSelect), testNowField),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Send'), h('button', { type: 'button', class: 'show-curl' }, 'Copy as curl')),
    message.element,
  );

  formElement.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.clear();
    let call: ReturnType<typeof request>;
    try {
      call = request();
    } catch (error) {
      return message.error(error);
    }
    const submit = formElement.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    try {
      const response = await fetch(call.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${savedToken() ?? ''}` },
        body: JSON.stringify(call.body),
      });
      const text = await response.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON: shown as it came
      }
      replace(answer, section('Response', h('p', { class: 'status-line' }, `HTTP ${response.status} ${response.statusText}`), h('pre', { class: 'json', tabindex: '0' }, pretty)));
    } catch (error) {
      message.error(new Error(`The call did not reach the server: ${messageOf(error)}`));
    } finally {
      if (submit) submit.disabled = false;
    }
  });

  formElement.querySelector('button.show-curl')?.addEventListener('click', async () => {
    message.clear();
    try {
      const call = request();
      const command = curlCommand(call.url, call.body);
      replace(curl, h('p', {}, 'Set FLOWHOOKS_TOKEN to a token, then run:'), h('pre', { class: 'curl', tabindex: '0' }, command), copyButton('Copy command', () => command));
      await navigator.clipboard.writeText(command).then(
        () => message.ok('The curl command is copied.'),
        () => message.ok('The curl command is shown below; the browser did not allow copying it.'),
      );
    } catch (error) {
      message.error(error);
    }
  });

  main.append(section('Call a method', formElement), answer, curl);
  api<OpenApi>('GET', '/openapi.json')
    .then((document) => {
      methods = methodsOf(document);
      if (methods.length === 0) return message.error(new Error('/openapi.json lists no webhook methods.'));
      replace(methodSelect, methods.map((method) => h('option', { value: method.title }, method.title)));
      // `?method=…&<parameter>=…` (the Misses page's links) chooses the method and fills its parameters.
      const wanted = new URLSearchParams(location.search);
      const named = methods.find((method) => method.title === wanted.get('method'));
      if (named) methodSelect.value = named.title;
      drawParameters();
      for (const control of parameterArea.querySelectorAll<HTMLInputElement>('input[data-parameter]')) {
        const value = wanted.get(control.dataset.parameter ?? '');
        if (value !== null) control.value = value;
      }
    })
    .catch((error) => message.error(error));
}
