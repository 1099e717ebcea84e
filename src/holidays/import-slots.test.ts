import { describe, expect, it } from 'vitest';
import { importSlots, ImportsBusy } from './import-slots.js';

/** Work that ends when the test says so, recording when it started. */
function controlledWork(started: string[], name: string) {
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  return { work: async () => (started.push(name), await ended, name), finish };
}

describe('importSlots', () => {
  it('runs at most the slots at once, starts the waiting in turn as slots free, and refuses beyond the line', async () => {
    const slots = importSlots(2, 1);
    const started: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => controlledWork(started, name));
    const answers = [a, b, c].map(({ work }) => slots.run(work));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    await expect(slots.run(async () => 'd')).rejects.toBeInstanceOf(ImportsBusy);
    a!.finish();
    await expect(answers[0]).resolves.toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    b!.finish();
    c!.finish();
    await expect(Promise.all(answers)).resolves.toEqual(['a', 'b', 'c']);
    // Every slot is free again: two run at once without waiting.
    const later = [controlledWork(started, 'e'), controlledWork(started, 'f')];
    const laterAnswers = later.map(({ work }) => slots.run(work));
    await Promise.resolve();
    expect(started.slice(3)).toEqual(['e', 'f']);
    for (const { finish } of later) finish();
    await Promise.all(laterAnswers);
  });

  it('frees the slot of an import that fails', async () => {
    const slots = importSlots(1, 0);
    await expect(slots.run(async () => { throw new Error('unreadable'); })).rejects.toThrow('unreadable');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});
