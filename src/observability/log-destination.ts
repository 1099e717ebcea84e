import { writeSync } from 'node:fs';

export interface LogDestinationOptions {
  /** Default 1: standard output. */
  fd?: number;
  /** Lines are gathered in buffers of this size, each written with one system call. Default 64 KiB. */
  bufferBytes?: number;
  /** Most bytes kept while the output takes nothing (a full non-blocking pipe); lines beyond are dropped and counted. Default 4 MiB. */
  backlogBytes?: number;
}

export interface LogDestination {
  /** pino's stream interface: one formatted line, newline included. */
  write(line: string): boolean;
  /** Writes what is gathered (pino's `logger.flush`, and app.ts every second). */
  flush(done?: (error?: Error) => void): void;
  /** At close: writes what is gathered, waiting up to `waitMs` for an output that takes nothing. */
  flushSync(waitMs?: number): void;
  /** Lines dropped since the start because the output did not keep up. */
  readonly dropped: number;
}

const defaultBufferBytes = 64 * 1024;
const defaultBacklogBytes = 4 * 1024 * 1024;

/**
 * Where the service's log lines go (docs/operations.md "Logs"): pino formats
 * each line, and this gathers the lines' UTF-8 in a buffer that is written
 * with one system call when the next line would not fit and on every flush —
 * so at most a second late, and never lost by a normal shutdown. Each line is
 * copied once, into the buffer; pino's own destination (sonic-boom) joined
 * lines into strings and wrote every 4 KiB through libuv's thread pool, which
 * cost a twelfth of a call that does no I/O (docs/benchmark.md, eighth section).
 *
 * The write is synchronous, as pino's default destination is: an output that
 * blocks (a file, a blocking pipe whose reader is behind) holds the process
 * until it takes the bytes. An output that takes nothing without blocking (a
 * full non-blocking pipe, EAGAIN) keeps the rest for the next flush; up to
 * `backlogBytes` wait, and lines beyond that are dropped and counted, and the
 * count is written as a warning line of its own once the output takes bytes
 * again. An output that is gone (EPIPE, EBADF) drops what was waiting the same way.
 */
export function createLogDestination(options: LogDestinationOptions = {}): LogDestination {
  const fd = options.fd ?? 1;
  const bufferBytes = options.bufferBytes ?? defaultBufferBytes;
  const backlogBytes = options.backlogBytes ?? defaultBacklogBytes;

  let buffer = Buffer.allocUnsafe(bufferBytes);
  let used = 0;
  /** Filled buffers (and over-long lines) not yet taken by the output, oldest first. */
  const waiting: Buffer[] = [];
  let waitingBytes = 0;
  let dropped = 0;
  /** Dropped lines not yet reported in a line of their own. */
  let unreported = 0;

  /** Hands the output what waits; false when it took nothing more (EAGAIN). */
  const drain = (): boolean => {
    while (waiting.length > 0) {
      const chunk = waiting[0]!;
      let taken: number;
      try {
        taken = writeSync(fd, chunk, 0, chunk.length);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return false;
        // The output is gone or refuses bytes: what waits cannot be written; it is counted, not thrown at a caller.
        const lost = waiting.reduce((lines, part) => lines + countLines(part), 0);
        dropped += lost;
        unreported += lost;
        waiting.length = 0;
        waitingBytes = 0;
        return true;
      }
      waitingBytes -= taken;
      if (taken < chunk.length) waiting[0] = chunk.subarray(taken);
      else waiting.shift();
    }
    if (unreported > 0) {
      const count = unreported;
      unreported = 0;
      const line = `${JSON.stringify({ level: 40, time: Date.now(), pid: process.pid, msg: 'log lines dropped: the output did not take them', dropped: count })}\n`;
      waiting.push(Buffer.from(line));
      waitingBytes += Buffer.byteLength(line);
      return drain();
    }
    return true;
  };

  /** Moves the gathered lines to the waiting list and hands them to the output. */
  const writeGathered = (): void => {
    if (used === 0) {
      drain();
      return;
    }
    waiting.push(buffer.subarray(0, used));
    waitingBytes += used;
    used = 0;
    drain();
    // Written, the buffer takes the next lines; still waiting (it is the newest chunk), they go to a new one.
    if (waiting.length > 0) buffer = Buffer.allocUnsafe(bufferBytes);
  };

  return {
    write(line) {
      const length = Buffer.byteLength(line);
      if (used + length > bufferBytes) writeGathered();
      if (waitingBytes + used + length > backlogBytes) {
        dropped += 1;
        unreported += 1;
        return true;
      }
      if (length > bufferBytes) {
        waiting.push(Buffer.from(line));
        waitingBytes += length;
        drain();
        return true;
      }
      used += buffer.write(line, used);
      return true;
    },
    flush(done) {
      writeGathered();
      done?.();
    },
    flushSync(waitMs = 1000) {
      writeGathered();
      const until = Date.now() + waitMs;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (waiting.length > 0 && Date.now() < until) {
        Atomics.wait(pause, 0, 0, 10);
        drain();
      }
    },
    get dropped() {
      return dropped;
    },
  };
}

/** Lines in a chunk of log output (each ends with a newline). */
function countLines(chunk: Buffer): number {
  let lines = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  return lines;
}
