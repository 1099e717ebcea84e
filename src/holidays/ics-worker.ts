import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError, type HolidayEntry } from './dates.js';
import type { EventBeingRead, IcsWorkerMessage } from './ics.js';

/**
 * Wall-clock time one iCalendar import may take in its worker, in ms, counted from when
 * the worker has loaded its modules. Above the reading budget (icsLimits.maxWorkMs,
 * 2000 ms) and the parsing around it, so a calendar that budget refuses is still refused
 * in its words; only a rule on which ical.js loops for good, where no step is counted,
 * meets this limit.
 */
export const icsWallLimitMs = 3000;
/**
 * Time the worker may take to start and load ical.js, luxon and the reading module, in ms
 * (about 50 ms). No calendar text is read before, so only an overloaded host meets it:
 * a 500, not a refusal of the calendar.
 */
const loadLimitMs = 15_000;

/**
 * The worker's whole program (CommonJS, evaluated, as country.ts does): it loads the reading
 * module from the path the service resolved, reads the text, answers and is ended.
 * From dist/ that module is ics.js. From the TypeScript sources (vitest) it is ics.ts, which
 * Node 20 cannot load: this thread compiles it and the modules it imports (compiledSources)
 * and the program first registers `sourceHooks`, which hand the worker those compiled texts.
 */
const readerProgram = `
const { parentPort, workerData: { reader, sources, sourceHooks, text, options } } = require('node:worker_threads');
(async () => {
  if (sources) require('node:module').register(sourceHooks, { data: { sources } });
  const { answerInWorker } = await import(reader);
  await answerInWorker(parentPort, text, options);
})();`;

/** Module hooks (ESM, as a data: URL) loading the compiled sources, `./x.js` imports among them as `./x.ts`. */
const sourceHooks = `data:text/javascript,${encodeURIComponent(`
let sources;
export function initialize(data) { sources = data.sources; }
export async function resolve(specifier, context, next) {
  if (context.parentURL in sources && specifier.startsWith('.')) {
    const url = new URL(specifier.replace(/\\.js$/, '.ts'), context.parentURL).href;
    if (url in sources) return { url, shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  return url in sources ? { format: 'module', source: sources[url], shortCircuit: true } : next(url, context);
}`)}`;

let compiled: Promise<Record<string, string>> | undefined;
/**
 * Under vitest: `entry` and the project modules it imports, compiled to JavaScript by the
 * typescript package (a dev dependency, there wherever the sources run), once per process.
 */
function compiledSources(entry: URL): Promise<Record<string, string>> {
  compiled ??= (async () => {
    const { default: ts } = await import('typescript');
    const sources: Record<string, string> = {};
    const pending = [entry];
    for (let url = pending.pop(); url; url = pending.pop()) {
      if (url.href in sources) continue;
      const text = await readFile(url, 'utf8');
      const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
      sources[url.href] = ts.transpileModule(text, { fileName: fileURLToPath(url), compilerOptions }).outputText;
      for (const { fileName } of ts.preProcessFile(text).importedFiles) if (fileName.startsWith('.')) pending.push(new URL(fileName.replace(/\.js$/, '.ts'), url));
    }
    return sources;
  })();
  return compiled;
}

/** The reading module next to this one: ics.js in dist/; ics.ts under vitest, with its compiled sources. */
async function readerModule(): Promise<{ reader: string; sources: Record<string, string> | undefined }> {
  if (!import.meta.url.endsWith('.ts')) return { reader: new URL('./ics.js', import.meta.url).href, sources: undefined };
  const reader = new URL('./ics.ts', import.meta.url);
  return { reader: reader.href, sources: await compiledSources(reader) };
}

/**
 * holidaysFromIcs (ics.ts) in a worker thread of its own for each import, ended after it:
 * ical.js can loop for good on some valid rules (`FREQ=DAILY;BYMONTHDAY=-1;BYHOUR=5` on a
 * timed start, `FREQ=WEEKLY;BYWEEKNO=3;BYDAY=MO`) while it sets them up, out of reach of
 * the reading budget, and that must not hold this process's event loop. A worker still
 * reading after icsWallLimitMs is terminated, and the import refused (an ImportError)
 * naming the event it was reading, or the calendar when it was not reading one
 * (`onEvent` hears each event as the worker begins it).
 * The parser never loads in this thread, so the server does not keep it.
 */
export function holidaysFromIcsInWorker(
  text: string,
  options: { accountZone: string; years: [number, number] },
  onEvent?: (event: EventBeingRead | undefined) => void,
): Promise<HolidayEntry[]> {
  return readerModule().then((module) => inWorker(module, text, options, onEvent));
}

function inWorker(
  module: { reader: string; sources: Record<string, string> | undefined },
  text: string,
  options: { accountZone: string; years: [number, number] },
  onEvent: ((event: EventBeingRead | undefined) => void) | undefined,
): Promise<HolidayEntry[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(readerProgram, { eval: true, workerData: { ...module, sourceHooks, text, options } });
    let reading: EventBeingRead | undefined;
    let outcome: { entries: HolidayEntry[] } | { error: Error } | undefined;
    const finish = (ending: { entries: HolidayEntry[] } | { error: Error }) => {
      outcome ??= ending;
      clearTimeout(timer);
      void worker.terminate();
    };
    const outOfTime = () => {
      const message = reading
        ? `event ${JSON.stringify(reading.name.slice(0, 80))}: its recurrence rule cannot be expanded within ${icsWallLimitMs} ms`
        : `the calendar cannot be read within ${icsWallLimitMs} ms`;
      finish({ error: new ImportError('ics', message, reading?.line) });
    };
    let timer = setTimeout(() => finish({ error: new Error(`the iCalendar worker did not load within ${loadLimitMs} ms`) }), loadLimitMs);
    worker.on('message', (message: IcsWorkerMessage) => {
      if (outcome) return;
      if ('loaded' in message) {
        clearTimeout(timer);
        timer = setTimeout(outOfTime, icsWallLimitMs);
      } else if ('reading' in message) {
        reading = message.reading ?? undefined;
        onEvent?.(reading);
      } else if ('entries' in message) finish({ entries: message.entries });
      else if ('refusal' in message) finish({ error: new ImportError(message.refusal.field, message.refusal.message, message.refusal.line) });
      else finish({ error: new Error(message.failure) });
    });
    worker.once('error', (error) => finish({ error }));
    // Answered once the worker has ended, so nothing of the parser outlives the import.
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (outcome && 'entries' in outcome) resolve(outcome.entries);
      else reject(outcome ? outcome.error : new Error(`the iCalendar worker ended (code ${code}) without an answer`));
    });
  });
}
