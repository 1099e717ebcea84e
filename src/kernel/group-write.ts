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

/**
 * groupWrite once per `owner` (a database): the items of calls that name the same owner are written
 * together, by `write(owner, items)`; another owner's items never join them.
 */
export function groupWriteFor<Owner extends object, Item, Result>(
  write: (owner: Owner, items: Item[]) => Promise<Result[]>,
): (owner: Owner, item: Item) => Promise<Result> {
  const writers = new WeakMap<Owner, (item: Item) => Promise<Result>>();
  return (owner, item) => {
    let writer = writers.get(owner);
    if (!writer) {
      writer = groupWrite((items: Item[]) => write(owner, items));
      writers.set(owner, writer);
    }
    return writer(item);
  };
}
