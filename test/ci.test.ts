import { describe, expect, it } from 'vitest';
import { isCI } from '../harness/ci.js';

describe('CI detection', () => {
  it.each(['true', '1', 'yes', 'TRUE', 'on'])('takes CI=%s as CI, so missing services fail the run', (value) => {
    expect(isCI({ CI: value })).toBe(true);
  });

  it.each([undefined, '', '0', 'false', 'no', 'off'])('takes CI=%s as a developer machine, where missing services are skipped', (value) => {
    expect(isCI({ CI: value })).toBe(false);
  });
});
