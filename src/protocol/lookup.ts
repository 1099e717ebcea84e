import type { WireKey } from '../kernel/wire.js';
import { lastSegment } from './envelope.js';

/**
 * Finds parameters in the keys of one call (docs/protocol.md): by the documented full
 * name first, then by the same last segment under any scope; both
 * case-insensitive; when a name repeats, the last one wins.
 */
export class KeyLookup {
  private readonly byFullName = new Map<string, string | null>();
  private readonly bySegment = new Map<string, string | null>();

  constructor(readonly keys: readonly WireKey[]) {
    for (const key of keys) {
      this.byFullName.set(key.name.toLowerCase(), key.value);
      this.bySegment.set(lastSegment(key.name).toLowerCase(), key.value);
    }
  }

  /** The raw value (null when the flow sent null), or undefined when absent. */
  get(fullName: string): string | null | undefined {
    const exact = this.byFullName.get(fullName.toLowerCase());
    if (exact !== undefined) return exact;
    return this.bySegment.get(lastSegment(fullName).toLowerCase());
  }

  /** The value trimmed; empty, null and absent all read as undefined, as does a value of invisible characters alone. */
  text(fullName: string): string | undefined {
    const value = this.get(fullName);
    if (value === null || value === undefined) return undefined;
    const trimmed = value.trim();
    // A pasted zero-width space is as blank as a space (trim() keeps U+200B and the other format characters).
    return trimmed === '' || (trimmed.charCodeAt(0) > 0x7f && invisibleOnly.test(trimmed)) ? undefined : trimmed;
  }
}
const invisibleOnly = /^[\s\p{Cf}]+$/u;
