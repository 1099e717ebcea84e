/** Refusal of an import when every slot is taken and the waiting line is full. */
export class ImportsBusy extends Error {
  constructor() {
    super('too many holiday imports at once on this node');
  }
}

export interface ImportSlots {
  /** Runs `work` in a free slot, after those waiting before it; throws ImportsBusy when the line is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * At most `running` imports read their source at once, `waiting` more wait
 * their turn, and any beyond are refused. Each import reads in a worker
 * thread of its own (ics-worker.ts, country.ts), 11–40 MiB each while it
 * runs, so imports sent at once must not each start one (README, memory bounds).
 */
export function importSlots(running: number, waiting: number): ImportSlots {
  let active = 0;
  const line: Array<() => void> = [];
  // A finished import hands its slot to the first in line, so `active` counts slots, not callers.
  const release = () => {
    const next = line.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(work) {
      if (active < running) active++;
      else if (line.length >= waiting) throw new ImportsBusy();
      else await new Promise<void>((turn) => line.push(turn));
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
