import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogDestination } from './log-destination.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'flowhooks-log-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const lineOf = (index: number, text = 'x') => `${JSON.stringify({ level: 30, n: index, msg: text })}\n`;
const readLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log destination', () => {
  it('writes every line whole and in order, lines longer than its buffer and multi-byte text included', () => {
    const file = join(folder, 'out.log');
    const fd = openSync(file, 'w');
    const destination = createLogDestination({ fd, bufferBytes: 256 });
    const long = 'ग्राहक '.repeat(100); // about 2 KiB of UTF-8, eight times the buffer
    for (let index = 0; index < 500; index++) destination.write(lineOf(index, index % 50 === 7 ? long : `कॉल ${index}`));
    destination.flushSync();
    closeSync(fd);
    const lines = readLines(file);
    expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 500 }, (_, index) => index));
    expect(lines[7]!.msg).toBe(long);
    expect(lines[8]!.msg).toBe('कॉल 8');
    expect(destination.dropped).toBe(0);
  });

  it('holds lines until its buffer is full or it is flushed, then writes them at once', () => {
    const file = join(folder, 'out.log');
    const fd = openSync(file, 'w');
    const destination = createLogDestination({ fd, bufferBytes: 4096 });
    for (let index = 0; index < 10; index++) destination.write(lineOf(index));
    expect(statSync(file).size).toBe(0);
    let flushed = false;
    destination.flush(() => (flushed = true));
    expect(flushed).toBe(true);
    expect(readLines(file).map((line) => line.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A line that does not fit writes what was gathered before it.
    const sizeBefore = statSync(file).size;
    while (statSync(file).size === sizeBefore) destination.write(lineOf(99));
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    closeSync(fd);
  });

  it('is what pino writes through: a logger flush puts its lines out', () => {
    const file = join(folder, 'out.log');
    const fd = openSync(file, 'w');
    const logger = pino({ level: 'info' }, createLogDestination({ fd }));
    logger.child({ reqId: 'r-1' }).info({ http: { status: 200 } }, 'request completed');
    expect(statSync(file).size).toBe(0);
    logger.flush();
    expect(readLines(file)).toMatchObject([{ level: 30, reqId: 'r-1', http: { status: 200 }, msg: 'request completed' }]);
    closeSync(fd);
  });

  it('keeps what a full pipe does not take, drops and counts lines beyond its backlog, and reports them once the reader is back', async () => {
    const file = join(folder, 'out.log');
    const out = openSync(file, 'w');
    // A real reader on a real (non-blocking) pipe, stopped so that the pipe fills.
    const reader = spawn('cat', [], { stdio: ['pipe', out, 'ignore'] });
    const pipeFd = (reader.stdin as Writable & { _handle: { fd: number } })._handle.fd;
    reader.kill('SIGSTOP');
    const destination = createLogDestination({ fd: pipeFd, bufferBytes: 4096, backlogBytes: 64 * 1024 });
    const sent = 4000; // about 280 KiB: far more than the pipe (64 KiB) and the backlog take together
    for (let index = 0; index < sent; index++) destination.write(lineOf(index, 'a line the stopped reader cannot take yet'));
    destination.flush();
    expect(destination.dropped).toBeGreaterThan(0);
    const dropped = destination.dropped;

    reader.kill('SIGCONT');
    destination.flushSync(5000);
    reader.stdin!.end();
    await once(reader, 'exit');
    closeSync(out);

    const lines = readLines(file);
    const kept = lines.filter((line) => typeof line.n === 'number').map((line) => line.n as number);
    // The lines that were kept arrive whole and in order, and each dropped line is counted.
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(new Set(kept).size).toBe(kept.length);
    expect(kept.length + dropped).toBe(sent);
    expect(lines.at(-1)).toMatchObject({ level: 40, msg: 'log lines dropped: the output did not take them', dropped });
  });

  it('neither throws nor stops the caller when its output is gone; the lost lines are counted', async () => {
    const reader = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    const pipeFd = (reader.stdin as Writable & { _handle: { fd: number } })._handle.fd;
    reader.kill('SIGKILL');
    await once(reader, 'exit');
    const destination = createLogDestination({ fd: pipeFd, bufferBytes: 1024 });
    for (let index = 0; index < 100; index++) expect(destination.write(lineOf(index))).toBe(true);
    expect(() => destination.flushSync(0)).not.toThrow();
    expect(destination.dropped).toBe(100);
    reader.stdin!.destroy();
  });
});
