/** The console's overview and misses (docs/console.md): what `GET /api/overview` and `GET /api/misses` take and answer. */
import { Type, type Static } from '@sinclair/typebox';

const accountId = Type.Integer({ minimum: 1, maximum: 999_999_999, description: 'One account; without it the admin sees all accounts. An account token sees only its own.' });
const hours = Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'The last this many clock hours, the current one included (1–720). Default 24.', examples: [24] });

export const overviewQuery = Type.Object({ accountId: Type.Optional(accountId), hours: Type.Optional(hours) }, { additionalProperties: false });

export const missesQuery = Type.Object(
  {
    accountId: Type.Optional(accountId),
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only misses of this webhook method (any case): `validateDateAndTime` or `findLanguage` record them.', examples: ['validateDateAndTime'] })),
    hours: Type.Optional(hours),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Groups answered, most frequent first (1–500). Default 100.' })),
  },
  { additionalProperties: false },
);

const count = Type.Integer({ minimum: 0 });
const outcomes = Type.Object(
  { SUCCESS: count, FAILURE: count, '4xx': count, '5xx': count },
  { description: 'Calls by how they ended: `SUCCESS`/`FAILURE` answers (HTTP 200), or refused with a 4xx or 5xx status.' },
);
const codes = Type.Array(Type.Object({ code: Type.String(), calls: count }), { description: 'Most frequent first.' });
const nullableNumber = Type.Union([Type.Number(), Type.Null()]);
const time = (description: string) => Type.String({ format: 'date-time', description });
const period = {
  from: time('Start of the first hour of the period.'),
  to: time('When the answer was computed.'),
  hours: Type.Integer(),
  accountId: Type.Union([Type.Integer(), Type.Null()], { description: 'Null: all accounts.' }),
};

export const overviewResponse = Type.Object({
  ...period,
  calls: count,
  outcomes,
  errorCodes: codes,
  methods: Type.Array(
    Type.Object({
      method: Type.Union([Type.String(), Type.Null()], { description: 'Null for calls that named no known method.' }),
      calls: count,
      outcomes,
      errorCodes: codes,
      durationMs: Type.Object(
        { mean: nullableNumber, p50: nullableNumber, p95: nullableNumber, p99: nullableNumber },
        { description: 'Percentiles estimated from per-hour duration buckets (exact to a bucket, see docs/console.md).' },
      ),
    }),
    { description: 'Busiest first.' },
  ),
  callsPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), ...outcomes.properties }), { description: 'Every hour of the period, oldest first.' }),
  outbound: Type.Object({
    jobs: Type.Object(
      { scheduled: count, dispatching: count, paused: count, delivered: count, answered: count, unreached: count, failed: count, cancelled: count, refused: count, simulated: count },
      { description: 'Outbound jobs made in the period, by their status now (every status, so they add up to the jobs made).' },
    ),
    deliveriesPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), delivered: count })),
  }),
  visitsPerHour: Type.Array(Type.Object({ hour: time('Start of the hour.'), humans: count, bots: count }), { description: 'Short-URL visits.' }),
});

export const missesResponse = Type.Object({
  ...period,
  misses: Type.Array(
    Type.Object({
      method: Type.String(),
      kind: Type.Union([Type.Literal('date'), Type.Literal('block')], { description: '`date`: a date text validateDateAndTime refused; `block`: the 5-digit block of a number findLanguage knew no circle for.' }),
      text: Type.String({ description: 'The text (at most 100 characters; runs of 10+ digits masked) or the block.' }),
      count,
      lastSeen: time('The latest call with it.'),
    }),
    { description: 'Most frequent first.' },
  ),
});

export type Overview = Static<typeof overviewResponse>;
export type Misses = Static<typeof missesResponse>;
