/**
 * A mobile number series of India's numbering plan as `mobile-series.csv`
 * ships it (docs/methods/find-language.md) and as an import stores it: the shape the
 * numbering adapter and its table share.
 */

/** One row of `mobile-series.csv` (and of an import), field by field. */
export interface SeriesRow {
  /** The first 4 or 5 digits of the 10-digit national number. */
  series: string;
  /** Current brand (`VI`, `AIRTEL`, …); empty when unknown. */
  operator: string;
  circle: string;
  circleCode: string;
  /** Brand at allocation time (`VODAFONE`, `IDEA`, …). */
  operatorLegacy: string;
  operatorOriginal: string;
  operatorStatus: string;
  operatorSource: string;
  libphonenumberOperator: string;
  operatorAgrees: string;
  circleAlt: string;
  /** `high`, `medium`, `low` or `operator-only`. */
  confidence: string;
  sources: string;
  note: string;
}

/** CSV column of each SeriesRow field, in the order of `mobile-series.csv`. */
export const seriesColumns = {
  series: 'series',
  operator: 'operator',
  circle: 'circle',
  circleCode: 'circle_code',
  operatorLegacy: 'operator_legacy',
  operatorOriginal: 'operator_original',
  operatorStatus: 'operator_status',
  operatorSource: 'operator_source',
  libphonenumberOperator: 'libphonenumber_operator',
  operatorAgrees: 'operator_agrees',
  circleAlt: 'circle_alt',
  confidence: 'confidence',
  sources: 'sources',
  note: 'note',
} as const satisfies Record<keyof SeriesRow, string>;
