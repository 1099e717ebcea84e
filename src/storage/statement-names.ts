/**
 * The SQL texts of prepared queries (src/storage/prepared.ts) and the
 * statement name each gets on PostgreSQL (src/storage/db.ts): a named
 * statement is parsed and planned once per connection, where an unnamed one
 * is parsed and planned every time. Bounded by the number of prepared
 * queries the code defines. A module of its own so that neither of the two
 * imports the other.
 */
export const statementNames = new Map<string, string>();
