import { sql, type Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** First key of the PostgreSQL advisory lock that serialises an account's allocations (the account id is the second). */
const allocationLockKey = 0x6167_656e; // "agen"

/**
 * PostgreSQL only: writes of a call that took a transaction of several
 * statements, as one function call each, so each is one round trip
 * (docs/benchmark.md "Round trips on PostgreSQL"). Called outside a
 * transaction, a function call is one: all of it commits, or none; inside the
 * caller's transaction it is part of it.
 *
 * flowhooks_allocate_agent replaces four (begin, lock, update, commit). It takes the account's
 * transaction-scoped advisory lock, then allocates in a statement of its own:
 * a PL/pgSQL statement takes a fresh snapshot, so it sees the allocation that
 * held the lock before it (one statement that locked and updated would not).
 * A pause committed while the update waited on the agent's row leaves it
 * without an agent; the next attempt sees the pause and picks another.
 *
 * flowhooks_change_agent_pause replaces five (begin, read, update, insert the
 * pause event, commit): the update applies only to the state it was computed
 * from, and a concurrent change makes it read again (SQLite, one writer,
 * computes the new state in its update instead: src/storage/agents.ts).
 *
 * flowhooks_apply_preferences replaces four (begin, upsert and delete, count,
 * commit): it counts what the contact would then hold and, within the limit
 * it is given, applies the changes and answers that count; over it, it
 * writes nothing and answers null (src/storage/preferences.ts).
 *
 * SQLite runs in the process and needs none of them.
 */
export function writeFunctions(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      await sql`
        create function flowhooks_allocate_agent(account integer, now bigint)
        returns table (agent_cli text, agent_name text)
        language plpgsql volatile as $$
        declare
          attempt integer := 0;
        begin
          perform pg_advisory_xact_lock(${sql.lit(allocationLockKey)}, account);
          loop
            attempt := attempt + 1;
            return query
              update agents
              set last_allocated_at = greatest(now, (select coalesce(max(latest.last_allocated_at), 0) + 1 from agents latest where latest.account_id = account))
              where agents.id = (
                  select candidate.id from agents candidate
                  where candidate.account_id = account and candidate.paused = 0
                  order by candidate.last_allocated_at, candidate.id
                  limit 1)
                and agents.paused = 0
              returning agents.cli, agents.name;
            if found or attempt = 3 then
              return;
            end if;
          end loop;
        end
        $$`.execute(db);
      await sql`
        create function flowhooks_change_agent_pause(p_account integer, p_cli text, p_wanted integer, p_source text, p_now bigint)
        returns table (id integer, cli text, name text, paused integer, paused_since bigint, last_allocated_at bigint, created_at bigint, updated_at bigint, changed boolean)
        language plpgsql volatile as $$
        #variable_conflict use_column
        declare
          agent agents%rowtype;
          target integer;
        begin
          for attempt in 1..10 loop
            select * into agent from agents existing where existing.account_id = p_account and existing.cli = p_cli;
            if not found then
              return;
            end if;
            target := coalesce(p_wanted, 1 - agent.paused);
            if target = agent.paused then
              return query select agent.id, agent.cli, agent.name, agent.paused, agent.paused_since, agent.last_allocated_at, agent.created_at, agent.updated_at, false;
              return;
            end if;
            return query
              update agents changing
              set paused = target, paused_since = case when target = 1 then p_now end, updated_at = p_now
              where changing.id = agent.id and changing.paused = agent.paused
              returning changing.id, changing.cli, changing.name, changing.paused, changing.paused_since, changing.last_allocated_at, changing.created_at, changing.updated_at, true;
            if found then
              insert into agent_pause_events (agent_id, account_id, paused, at, source) values (agent.id, p_account, target, p_now, p_source);
              return;
            end if;
          end loop;
          raise exception 'agent pause state kept changing under concurrent calls';
        end
        $$`.execute(db);
      await sql`
        create function flowhooks_apply_preferences(p_account integer, p_contact text, p_names text[], p_values text[], p_now bigint, p_max integer)
        returns integer
        language plpgsql volatile as $$
        declare
          total integer;
        begin
          -- What the contact will hold: its other preferences and the names set now.
          select count(*) into total from user_preferences stored
            where stored.account_id = p_account and stored.contact_id = p_contact and stored.name <> all(p_names);
          total := total + (select count(*) from unnest(p_values) as change(value) where change.value is not null);
          if total > p_max then
            return null;
          end if;
          insert into user_preferences (account_id, contact_id, name, value, updated_at)
            select p_account, p_contact, change.name, change.value, p_now
            from unnest(p_names, p_values) as change(name, value)
            where change.value is not null
            on conflict (account_id, contact_id, name) do update set value = excluded.value, updated_at = excluded.updated_at;
          delete from user_preferences stored
            where stored.account_id = p_account and stored.contact_id = p_contact
              and stored.name in (select change.name from unnest(p_names, p_values) as change(name, value) where change.value is null);
          return total;
        end
        $$`.execute(db);
    },
    async down(db: AnyDb) {
      if (dialect !== 'postgres') return;
      await sql`drop function if exists flowhooks_apply_preferences(integer, text, text[], text[], bigint, integer)`.execute(db);
      await sql`drop function if exists flowhooks_allocate_agent(integer, bigint)`.execute(db);
      await sql`drop function if exists flowhooks_change_agent_pause(integer, text, integer, text, bigint)`.execute(db);
    },
  };
}
