import { describe, expect, it } from 'vitest';
import { newRowId } from './row-ids.js';

describe('row ids', () => {
  it('are distinct version 7 UUIDs that sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('begin with the time they were made, in milliseconds', () => {
    const before = Date.now();
    const id = newRowId();
    const after = Date.now();
    const made = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(after);
  });
});
