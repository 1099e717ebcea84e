import { v7 } from 'uuid';

/**
 * A new id for a row of a table that grows fast (outbound requests and jobs,
 * status deliveries, short links): a version 7 UUID, whose first 48 bits are
 * the time in milliseconds. Ids made one after another sort together, so an
 * insert lands beside the last one in the primary-key index (and in the
 * indexes that lead with a request id) instead of on a random page: fewer
 * pages written a commit, fewer read into the cache (docs/benchmark.md,
 * "time-ordered ids"). Its 74 random bits keep ids unguessable; none is a
 * secret (every API and callback that takes one is authenticated).
 */
export const newRowId = (): string => v7();
