import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { offsetText } from './zone-clock.js';

// Every time-zone transition in the tz database falls on a whole quarter hour
// of UTC, so a zone's offset is constant within each UTC quarter hour.
const quarterHourMs = 15 * 60 * 1000;

/**
 * An IANA zone whose offsets are remembered by UTC quarter hour. luxon asks
 * Intl for the offset of every instant it builds (several times for a
 * wall-clock time), which costs more than the rest of a date validation.
 */
class OffsetCachingZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return this.inner.type;
  }

  override get name(): string {
    return this.inner.name;
  }

  override get isUniversal(): boolean {
    return this.inner.isUniversal;
  }

  override get isValid(): boolean {
    return this.inner.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.inner.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    // As luxon formats offsets (narrow +5, short +05:00, techie +0500), from the cached offset.
    const offset = this.offset(ts);
    const short = offsetText(offset);
    if (format === 'techie') return short.replace(':', '');
    if (format === 'narrow') {
      const minutes = Math.abs(offset) % 60;
      return `${short[0]}${Math.trunc(Math.abs(offset) / 60)}${minutes > 0 ? `:${minutes}` : ''}`;
    }
    return short;
  }

  override offset(ts: number): number {
    const bucket = Math.floor(ts / quarterHourMs);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = this.inner.offset(ts);
      // Bounded: a zone is asked about a few days around "now", rarely more.
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  override equals(other: Zone): boolean {
    return other.type === this.type && other.name === this.name;
  }
}

const zones = new Map<string, Zone>();

/** The IANA zone `name` (assumed valid) with its offsets cached; one instance per name. */
export function cachedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new OffsetCachingZone(IANAZone.create(name));
    zones.set(name, zone);
  }
  return zone;
}

/**
 * Asks each known zone of `names` (the accounts' zones) for its offset at `now`, so that a fresh
 * process has loaded ICU's time-zone data before a call needs it: the first zone a process asks
 * Intl about costs about 20 ms, the next ones well under 1 (docs/benchmark.md, sixteenth section).
 * A name the tz database does not know is skipped.
 */
export function warmZones(names: readonly string[], now: number): void {
  for (const name of new Set(names)) {
    if (IANAZone.isValidZone(name)) cachedZone(name).offset(now);
  }
}
