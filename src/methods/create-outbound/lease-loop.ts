import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

/** One unit of claimed work (one leased row), started by the loop; `run` handles (and logs) its own failures. */
export interface LeasedTask {
  /** The leased row's id. */
  id: string;
  run(): Promise<void>;
}

export interface LeaseLoopOptions {
  /** Most tasks in flight at once. */
  concurrency: number;
  /** How long an idle loop waits before it claims again, in ms. */
  pollMs: number;
  /** Claims at most `capacity` leased rows and answers a task for each. */
  claim(capacity: number): Promise<LeasedTask[]>;
  /** Told when a claim failed; the loop claims again after `pollMs`. */
  onClaimError(error: unknown): void;
  /**
   * Told which rows a claim took again while their tasks ran here: their lease ran out mid-task
   * (a slow answer, a stalled process). They are not started a second time, since that task ends
   * them (or ended them while the claim was on its way); the claim counted an attempt, which this
   * gives back.
   */
  onClaimedAgain?(ids: string[]): Promise<void>;
}

/**
 * The claim loop the dispatcher and the callback sender share (docs/methods/create-outbound.md):
 * claim what capacity allows, start each task, claim again at once after a full claim, else
 * wait `pollMs` — or less: `wake()` (rows just made due on this node) ends the wait at once, and a
 * wake during a claim makes the loop claim again instead of waiting; while fewer than half the slots
 * are free, wait until half of them are (a slot's end, not a poll, starts the next claim, and claims
 * stay batches); a row is handled by one task at a time, even when a claim takes it again; on stop,
 * wait for the tasks in flight, then abandon the stragglers.
 */
export function leaseLoop(options: LeaseLoopOptions) {
  /** The tasks in flight, by the id of their row. */
  const inFlight = new Map<string, Promise<void>>();
  const stopController = sharedAbortController();
  let loop: Promise<void> | undefined;
  // While fewer than half the slots are free the loop waits for half of them (claims stay batches), not for a poll.
  const enoughFree = Math.max(1, Math.floor(options.concurrency / 2));
  let slotsWaiter: (() => void) | undefined;
  const freeSlots = () => options.concurrency - inFlight.size;
  const slotsFreed = () =>
    new Promise<void>((resolve) => {
      slotsWaiter = resolve;
    });
  // Set by wake(), cleared when a claim starts: a wake a running claim may have missed is claimed for.
  let woken = false;
  let pollWaiter: (() => void) | undefined;
  /** Waits pollMs, or until wake() or stop(). */
  const idle = () =>
    new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        pollWaiter = undefined;
        resolve();
      };
      const timer = setTimeout(end, options.pollMs);
      pollWaiter = end;
    });

  async function claimAndStart(): Promise<Array<Promise<void>>> {
    const capacity = options.concurrency - inFlight.size;
    if (capacity <= 0 || stopController.signal.aborted) return [];
    woken = false;
    // A row whose task ran while the claim was made was taken again mid-task (its lease ran out): that
    // task ends it, or already has, after the claim and unaware of it.
    const runningAtClaim = new Set(inFlight.keys());
    const tasks = await options.claim(capacity);
    const again: string[] = [];
    const started: Array<Promise<void>> = [];
    for (const task of tasks) {
      if (runningAtClaim.has(task.id) || inFlight.has(task.id)) again.push(task.id);
      else started.push(startTask(task));
    }
    // The others are on their way whatever becomes of this.
    if (again.length > 0) await options.onClaimedAgain?.(again).catch(options.onClaimError);
    return started;
  }

  function startTask(task: LeasedTask): Promise<void> {
    const running: Promise<void> = task.run().finally(() => {
      inFlight.delete(task.id);
      if (slotsWaiter && freeSlots() >= enoughFree) {
        slotsWaiter();
        slotsWaiter = undefined;
      }
    });
    inFlight.set(task.id, running);
    return running;
  }

  return {
    /** Aborted by stop(): a task waiting on a timer gives its row back. */
    signal: stopController.signal,
    /** One claim, its tasks awaited; answers how many were started. */
    async tick(): Promise<number> {
      const started = await claimAndStart();
      await Promise.all(started);
      return started.length;
    },
    start(): void {
      if (loop) return;
      loop = (async () => {
        while (!stopController.signal.aborted) {
          const capacity = freeSlots();
          // Fewer than half the slots free: a claim now would be a small one (each claim costs its
          // statements whatever it takes), so wait until half are free.
          if (capacity < enoughFree) {
            await slotsFreed();
            continue;
          }
          let started = 0;
          try {
            started = (await claimAndStart()).length;
          } catch (error) {
            options.onClaimError(error);
          }
          // A full claim means more may be due: claim again at once (or once enough slots are free).
          if (started < capacity && !woken && !stopController.signal.aborted) await idle();
        }
      })();
    },
    /** Rows are due now (written on this node): claim without waiting for the poll. */
    wake(): void {
      woken = true;
      pollWaiter?.();
    },
    /**
     * Stops claiming and waits up to `graceMs` for the tasks in flight; past it calls
     * `abandon` with how many are left and gives them `afterAbandonMs` more.
     */
    async stop(graceMs: number, abandon: (left: number) => void, afterAbandonMs: number): Promise<void> {
      stopController.abort();
      slotsWaiter?.();
      pollWaiter?.();
      await loop;
      const settled = () => Promise.allSettled([...inFlight.values()]);
      await Promise.race([settled(), delay(graceMs, undefined, { ref: false })]);
      if (inFlight.size) {
        abandon(inFlight.size);
        await Promise.race([settled(), delay(afterAbandonMs, undefined, { ref: false })]);
      }
    },
  };
}

/**
 * An AbortController whose signal every delivery in flight listens to (a
 * throttle's sleep, a POST): up to the loop's concurrency at once, so Node's
 * warning past ten listeners would be noise. Each listener is removed when
 * its delivery ends.
 */
export function sharedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
