import { describe, expect, it, vi } from 'vitest';
import { leaseLoop, type LeasedTask } from './lease-loop.js';

// The claim loop under the dispatcher and the callback sender (docs/methods/create-outbound.md).

let rows = 0;
/** A task of a row of its own that ends at once. */
const quickTask = (): LeasedTask => ({ id: `row-${++rows}`, run: async () => {} });

/** A task of a row of its own that runs until `finish()` is called. */
function heldTask() {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task: LeasedTask = { id: `row-${++rows}`, run: () => done };
  return { task, finish: () => finish() };
}

/** A started loop that hands out `batches` one claim at a time (then nothing), recording the capacity each claim was asked for. */
function startedLoop(concurrency: number, batches: LeasedTask[][]) {
  const asked: number[] = [];
  const loop = leaseLoop({
    concurrency,
    pollMs: 600_000,
    claim: async (capacity) => {
      asked.push(capacity);
      return batches.shift() ?? [];
    },
    onClaimError: () => undefined,
  });
  loop.start();
  return { loop, asked };
}

describe('leaseLoop', () => {
  it('claims only what its free capacity allows, and a tick waits for the tasks it started', async () => {
    const asked: number[] = [];
    const held = [heldTask(), heldTask()];
    let batch: LeasedTask[] = held.map((entry) => entry.task);
    const loop = leaseLoop({
      concurrency: 3,
      pollMs: 60_000,
      claim: async (capacity) => {
        asked.push(capacity);
        const tasks = batch;
        batch = [];
        return tasks;
      },
      onClaimError: () => undefined,
    });
    const first = loop.tick();
    await vi.waitFor(() => expect(asked).toEqual([3]));
    // Two tasks in flight: the next claim may take one more.
    expect(await loop.tick()).toBe(0);
    expect(asked).toEqual([3, 1]);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    held[0]!.finish();
    await Promise.resolve();
    expect(firstDone).toBe(false);
    held[1]!.finish();
    expect(await first).toBe(2);
  });

  it('claims again at once after a full claim and waits pollMs after a partial one; a failed claim is reported and retried', async () => {
    const claims: number[] = [];
    const errors: unknown[] = [];
    const batches: Array<LeasedTask[] | Error> = [
      [quickTask(), quickTask()],
      [quickTask(), quickTask()],
      [quickTask()],
      new Error('database away'),
      [],
    ];
    const loop = leaseLoop({
      concurrency: 2,
      pollMs: 40,
      claim: async () => {
        claims.push(performance.now());
        const next = batches.shift() ?? [];
        if (next instanceof Error) throw next;
        return next;
      },
      onClaimError: (error) => errors.push(error),
    });
    loop.start();
    loop.start();
    await vi.waitFor(() => expect(claims.length).toBeGreaterThanOrEqual(5), { timeout: 5_000 });
    await loop.stop(1_000, () => undefined, 0);
    const gaps = claims.slice(1, 5).map((at, index) => at - claims[index]!);
    // Full, full: at once (well under the poll time). Partial, failed: a poll time each.
    expect(gaps[0]).toBeLessThan(30);
    expect(gaps[1]).toBeLessThan(30);
    expect(gaps[2]).toBeGreaterThanOrEqual(35);
    expect(gaps[3]).toBeGreaterThanOrEqual(35);
    expect(errors).toEqual([new Error('database away')]);
  });

  it('waits while every slot is busy instead of claiming nothing in a loop', async () => {
    const asked: number[] = [];
    const held = heldTask();
    const loop = leaseLoop({
      concurrency: 1,
      pollMs: 40,
      claim: async (capacity) => {
        asked.push(capacity);
        return asked.length === 1 ? [held.task] : [];
      },
      onClaimError: () => undefined,
    });
    loop.start();
    // With its one slot busy the loop waits for it, and never claims for 0. The task ends on a timer: a loop
    // that spun while busy would starve the timer, and the test would hang.
    await vi.waitFor(() => expect(asked).toEqual([1]));
    setTimeout(() => held.finish(), 20);
    await vi.waitFor(() => expect(asked.length).toBeGreaterThanOrEqual(2));
    await loop.stop(1_000, () => undefined, 0);
    expect(asked.every((capacity) => capacity === 1)).toBe(true);
    // After an empty claim it waits pollMs: a handful of claims at most, not one per turn of the loop.
    expect(asked.length).toBeLessThan(10);
  });

  it('while every slot is busy, claims again as soon as half of them are free, without waiting for the poll', async () => {
    const held = [heldTask(), heldTask(), heldTask(), heldTask()];
    const { loop, asked } = startedLoop(4, [held.map((entry) => entry.task)]);
    await vi.waitFor(() => expect(asked).toEqual([4]));
    // One slot free is not yet half: no claim for a single job.
    held[0]!.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([4]);
    held[1]!.finish();
    await vi.waitFor(() => expect(asked).toEqual([4, 2]), { timeout: 1_000 });
    // On stop the loop leaves its wait even with every slot busy.
    let busyClaims = 0;
    const busy = leaseLoop({ concurrency: 1, pollMs: 600_000, claim: async () => (busyClaims++, [heldTask().task]), onClaimError: () => undefined });
    busy.start();
    await vi.waitFor(() => expect(busyClaims).toBe(1));
    await new Promise((resolve) => setImmediate(resolve));
    await busy.stop(10, () => undefined, 0);
    held[2]!.finish();
    held[3]!.finish();
    await loop.stop(1_000, () => undefined, 0);
  });

  it('after a full claim with fewer than half the slots free, waits for half instead of claiming a small batch', async () => {
    const held = [heldTask(), heldTask(), heldTask()];
    // Four slots; one task of the full claim ends at once, so one slot is free right after the claim.
    const { loop, asked } = startedLoop(4, [[...held.map((entry) => entry.task), quickTask()], [quickTask(), quickTask()], []]);
    await vi.waitFor(() => expect(asked).toEqual([4]));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([4]);
    held[0]!.finish();
    await vi.waitFor(() => expect(asked.slice(0, 2)).toEqual([4, 2]), { timeout: 1_000 });
    held[1]!.finish();
    held[2]!.finish();
    await loop.stop(1_000, () => undefined, 0);
  });

  it('claims at once when woken instead of waiting for its poll, and claims again after a claim that was running when woken', async () => {
    let claims = 0;
    let holdNextClaim = false;
    let endHeldClaim = () => {};
    const loop = leaseLoop({
      concurrency: 4,
      pollMs: 600_000,
      claim: async () => {
        claims++;
        if (holdNextClaim) {
          holdNextClaim = false;
          await new Promise<void>((resolve) => (endHeldClaim = resolve));
        }
        return [];
      },
      onClaimError: () => undefined,
    });
    loop.start();
    // The first claim finds nothing: the loop now waits ten minutes unless woken.
    await vi.waitFor(() => expect(claims).toBe(1));
    loop.wake();
    await vi.waitFor(() => expect(claims).toBe(2));
    holdNextClaim = true;
    loop.wake();
    await vi.waitFor(() => expect(claims).toBe(3));
    // Woken while that claim runs (it may have read before the rows were written): one more claim follows it.
    loop.wake();
    endHeldClaim();
    await vi.waitFor(() => expect(claims).toBe(4));
    // Then it waits for its poll again.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(claims).toBe(4);
    await loop.stop(1_000, () => undefined, 0);
    loop.wake();
    expect(claims).toBe(4);
  });

  it('on stop claims no more, lets tasks in flight finish within the grace time, and abandons the rest after it', async () => {
    const finishing = heldTask();
    const stuck = heldTask();
    let claims = 0;
    const loop = leaseLoop({
      concurrency: 2,
      pollMs: 60_000,
      claim: async () => (++claims === 1 ? [finishing.task, stuck.task] : []),
      onClaimError: () => undefined,
    });
    loop.start();
    await vi.waitFor(() => expect(claims).toBe(1));
    const abandoned: number[] = [];
    const stopped = loop.stop(50, (left) => abandoned.push(left), 20);
    expect(loop.signal.aborted).toBe(true);
    finishing.finish();
    await stopped;
    expect(abandoned).toEqual([1]);
    expect(await loop.tick()).toBe(0);
    expect(claims).toBe(1);

    const quick = heldTask();
    const calm = leaseLoop({ concurrency: 1, pollMs: 60_000, claim: async () => [quick.task], onClaimError: () => undefined });
    calm.start();
    const calmAbandoned: number[] = [];
    setTimeout(() => quick.finish(), 10);
    await calm.stop(5_000, (left) => calmAbandoned.push(left), 0);
    expect(calmAbandoned).toEqual([]);
  });

  it('on stop cuts short the wait between two claims', async () => {
    let claims = 0;
    const loop = leaseLoop({
      concurrency: 1,
      pollMs: 600_000,
      claim: async () => {
        claims++;
        return [];
      },
      onClaimError: () => undefined,
    });
    loop.start();
    await vi.waitFor(() => expect(claims).toBe(1));
    // Let the loop reach its ten-minute wait; stop() must not sit it out.
    await new Promise((resolve) => setImmediate(resolve));
    await loop.stop(1_000, () => undefined, 0);
    expect(claims).toBe(1);
  });

  it('counts a claim that fills the free slots as full while other tasks are still running', async () => {
    const held = heldTask();
    const { loop, asked } = startedLoop(2, [[held.task, quickTask()], [quickTask()], []]);
    // Two slots, then the one left free while the held task runs: both full, so the third claim comes at once.
    await vi.waitFor(() => expect(asked).toEqual([2, 1, 1]), { timeout: 2_000 });
    held.finish();
    await loop.stop(1_000, () => undefined, 0);
  });

  it('does not start a row again while its task still runs (its lease ran out mid-task), and says which rows it skipped', async () => {
    const slow = heldTask();
    const other = quickTask();
    const claimedAgain: string[][] = [];
    let runs = 0;
    const counted = (task: LeasedTask): LeasedTask => ({ id: task.id, run: () => (runs++, task.run()) });
    const batches = [[counted(slow.task)], [counted(slow.task), counted(other)]];
    const loop = leaseLoop({
      concurrency: 4,
      pollMs: 600_000,
      claim: async () => batches.shift() ?? [],
      onClaimError: () => undefined,
      onClaimedAgain: async (ids) => void claimedAgain.push(ids),
    });
    const first = loop.tick();
    // The slow row claimed again with another one: only the other one starts.
    expect(await loop.tick()).toBe(1);
    expect(claimedAgain).toEqual([[slow.task.id]]);
    expect(runs).toBe(2);
    slow.finish();
    expect(await first).toBe(1);
    // Once its task has ended, the row may be started again.
    batches.push([counted(slow.task)]);
    expect(await loop.tick()).toBe(1);
    expect(runs).toBe(3);
    expect(claimedAgain).toHaveLength(1);
  });

  it('does not start a row whose task ended while the claim that took it again was on its way', async () => {
    const slow = heldTask();
    let runs = 0;
    let answerClaim = () => {};
    const claimOnItsWay = new Promise<void>((resolve) => (answerClaim = resolve));
    const claimedAgain: string[][] = [];
    let claims = 0;
    const loop = leaseLoop({
      concurrency: 4,
      pollMs: 600_000,
      claim: async () => {
        if (++claims === 1) return [{ id: slow.task.id, run: () => (runs++, slow.task.run()) }];
        await claimOnItsWay;
        return [{ id: slow.task.id, run: async () => void runs++ }];
      },
      onClaimError: () => undefined,
      onClaimedAgain: async (ids) => void claimedAgain.push(ids),
    });
    const first = loop.tick();
    await vi.waitFor(() => expect(runs).toBe(1));
    const second = loop.tick();
    // The task ends (and writes its row's end) after the second claim took the row, before the claim answers.
    slow.finish();
    expect(await first).toBe(1);
    answerClaim();
    expect(await second).toBe(0);
    expect(runs).toBe(1);
    expect(claimedAgain).toEqual([[slow.task.id]]);
  });

  it('starts the other rows of a claim even when giving back the attempts of the rows taken again fails, and reports the failure', async () => {
    const slow = heldTask();
    const other = quickTask();
    const errors: unknown[] = [];
    let runs = 0;
    const batches = [[slow.task], [slow.task, { id: other.id, run: async () => void runs++ }]];
    const loop = leaseLoop({
      concurrency: 4,
      pollMs: 600_000,
      claim: async () => batches.shift() ?? [],
      onClaimError: (error) => errors.push(error),
      onClaimedAgain: async () => {
        throw new Error('database away');
      },
    });
    const first = loop.tick();
    expect(await loop.tick()).toBe(1);
    expect(runs).toBe(1);
    expect(errors).toEqual([new Error('database away')]);
    slow.finish();
    await first;
  });
});
