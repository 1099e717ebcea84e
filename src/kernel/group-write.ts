/**
 * Writes that arrive together, written together (group commit): an item
 * waits until the event loop has run the I/O callbacks of its turn
 * (`setImmediate`), so the ends of every answer that arrived in that turn
 * join one write; items arriving while a write is on its way join the next.
 * One write at a time. `write` answers one result per item, in order; each
 * caller's promise settles only once the write that holds its item has
 * ended. When a batch of several fails, each of its items is written alone,
 * so one bad item fails only its own caller.
 */
export function groupWrite<Item, Result>(write: (items: Item[]) => Promise<Result[]>): (item: Item) => Promise<Result> {
  type Waiting = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let running = false;

  async function settle(batch: Waiting[]): Promise<void> {
    try {
      const results = await write(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => waiting.resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const waiting of batch) await settle([waiting]);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await settle(batch);
    }
    running = false;
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running) return;
      running = true;
      setImmediate(() => void drain());
    });
}

/** What one kind of grouped write has done for one owner: the calls it took and the writes (statements) that carried them. */
export interface GroupWriteCounts {
  calls: number;
  /** Every write sent, a failed batch's one-by-one writes included. */
  writes: number;
}

const countsByOwner = new WeakMap<object, Map<string, GroupWriteCounts>>();

/**
 * groupWrite once per `owner` (a database): the items of calls that name the same owner are written
 * together, by `write(owner, items)`; another owner's items never join them. `kind` names the write
 * in groupWriteCounts.
 */
export function groupWriteFor<Owner extends object, Item, Result>(
  kind: string,
  write: (owner: Owner, items: Item[]) => Promise<Result[]>,
): (owner: Owner, item: Item) => Promise<Result> {
  const writers = new WeakMap<Owner, (item: Item) => Promise<Result>>();
  return (owner, item) => {
    let writer = writers.get(owner);
    if (!writer) {
      const counts: GroupWriteCounts = { calls: 0, writes: 0 };
      let kinds = countsByOwner.get(owner);
      if (!kinds) countsByOwner.set(owner, (kinds = new Map()));
      kinds.set(kind, counts);
      const grouped = groupWrite((items: Item[]) => {
        counts.writes++;
        return write(owner, items);
      });
      writer = (each) => {
        counts.calls++;
        return grouped(each);
      };
      writers.set(owner, writer);
    }
    return writer(item);
  };
}

/** The counts of every kind of grouped write `owner` has had, by kind (`/metrics`); empty before its first. */
export function groupWriteCounts(owner: object): ReadonlyMap<string, Readonly<GroupWriteCounts>> {
  return countsByOwner.get(owner) ?? new Map();
}
