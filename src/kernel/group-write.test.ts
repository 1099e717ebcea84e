import { describe, expect, it } from 'vitest';
import { groupWrite, groupWriteCounts, groupWriteFor } from './group-write.js';

/** A write that records its batches and can be held open until `release()`. */
function recordingWrite(failOn?: string) {
  const batches: string[][] = [];
  let gate: Promise<void> | undefined;
  return {
    batches,
    /** Holds the writes that start from now on; answers what lets them go. */
    hold(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    /** Writes from now on go through at once. */
    open() {
      gate = undefined;
    },
    write: async (items: string[]) => {
      batches.push([...items]);
      await gate;
      if (failOn !== undefined && items.includes(failOn)) throw new Error(`refused ${failOn}`);
      return items.map((item) => item.toUpperCase());
    },
  };
}

describe('groupWrite', () => {
  it('writes the items of one turn together and answers each caller its own result', async () => {
    const recorder = recordingWrite();
    const add = groupWrite(recorder.write);
    expect(await Promise.all([add('a'), add('b'), add('c')])).toEqual(['A', 'B', 'C']);
    expect(recorder.batches).toEqual([['a', 'b', 'c']]);
  });

  it('lets items that arrive while a write is on its way join the next one, and answers no caller before its own write ends', async () => {
    const recorder = recordingWrite();
    const add = groupWrite(recorder.write);
    const releaseFirst = recorder.hold();
    const first = add('a');
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorder.batches).toEqual([['a']]);
    const later = [add('b'), add('c')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(firstDone).toBe(false);
    const releaseSecond = recorder.hold();
    releaseFirst();
    expect(await first).toBe('A');
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorder.batches).toEqual([['a'], ['b', 'c']]);
    recorder.open();
    releaseSecond();
    expect(await Promise.all(later)).toEqual(['B', 'C']);
    // Idle again: the next item starts a write of its own.
    expect(await add('d')).toBe('D');
    expect(recorder.batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('writes each item of a failed batch alone, so only the bad one fails', async () => {
    const recorder = recordingWrite('bad');
    const add = groupWrite(recorder.write);
    const answers = await Promise.allSettled([add('a'), add('bad'), add('c')]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('refused bad') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(recorder.batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('keeps the items of different owners (databases) in writes of their own', async () => {
    const writes: Array<[string, string[]]> = [];
    const add = groupWriteFor('letters', async (owner: { name: string }, items: string[]) => {
      writes.push([owner.name, [...items]]);
      return items.map((item) => `${owner.name}:${item}`);
    });
    const first = { name: 'first' };
    const second = { name: 'second' };
    expect(await Promise.all([add(first, 'a'), add(second, 'b'), add(first, 'c')])).toEqual(['first:a', 'second:b', 'first:c']);
    expect(writes).toEqual([['first', ['a', 'c']], ['second', ['b']]]);
    expect(groupWriteCounts(first).get('letters')).toEqual({ calls: 2, writes: 1 });
    expect(groupWriteCounts(second).get('letters')).toEqual({ calls: 1, writes: 1 });
  });
});
