/**
 * India's numbering plan in memory: mobile series (shipped, overlaid by
 * imported series), landline STD prefixes, circles and their languages, and
 * state languages. Built once at start; a lookup does no I/O.
 */

import type { SeriesRow } from '../../phone/numbering-series.js';

export type NumberKind = 'MOBILE' | 'LANDLINE';
export type Confidence = 'high' | 'medium' | 'low' | 'none';

export interface Circle {
  code: string;
  /** Upper case, e.g. `MAHARASHTRA`. */
  name: string;
  primaryLanguage: string;
  secondaryLanguage: string;
}

export interface StateLanguages {
  name: string;
  primaryLanguage: string;
  secondaryLanguage: string;
}

export interface LandlinePrefix {
  prefix: string;
  place: string;
  state: string;
  /** Empty when the state spans circles (Uttar Pradesh). */
  circleCode: string;
}

/** The static data a plan is built on (the shipped files, or a test's own). */
export interface NumberingData {
  series: readonly SeriesRow[];
  circles: readonly Circle[];
  states: readonly StateLanguages[];
  landlines: readonly LandlinePrefix[];
}

/** Everything known about one number. */
export interface NumberFacts {
  kind: NumberKind;
  /** The matched series or STD prefix; null when nothing matched. */
  prefix: string | null;
  /** Where the match came from. */
  source: 'shipped' | 'imported' | 'none';
  /** Current brand, or null. */
  operator: string | null;
  /** Brand at allocation time, or null. */
  legacyOperator: string | null;
  operatorStatus: string | null;
  circle: Circle | null;
  /** Another candidate circle the data names (sources disagree). */
  circleAlternative: Circle | null;
  /** Landlines: the state (old groupings, as libphonenumber files it) and place. */
  state: string | null;
  place: string | null;
  /** Primary and secondary language: the state's for a landline, else the circle's; null when neither is known. */
  languages: { primary: string; secondary: string } | null;
  confidence: Confidence;
  /** Provenance of a series (`tcf+rm+lpn`, …), or null. */
  sources: string | null;
  note: string | null;
}

/** The one interface methods and routes use. */
export interface NumberingPlan {
  /** Facts about a 10-digit national number of the given kind. */
  lookup(national: string, kind: NumberKind): NumberFacts;
  circleByCode(code: string): Circle | undefined;
  circleByName(name: string): Circle | undefined;
  /** Replaces the imported layer (imported series override shipped ones of the same prefix). */
  replaceImported(rows: readonly SeriesRow[]): void;
  /** How many series are imported. */
  importedCount(): number;
}

/** Facts about a number nothing is known of (an unknown series, a foreign number). */
export function unknownFacts(kind: NumberKind): NumberFacts {
  return {
    kind, prefix: null, source: 'none', operator: null, legacyOperator: null, operatorStatus: null, circle: null,
    circleAlternative: null, state: null, place: null, languages: null, confidence: 'none', sources: null, note: null,
  };
}

const seriesLengths = [5, 4] as const;
const landlineLengths = [5, 4, 3, 2] as const;

/** Builds a plan over the data; the data's maps are built here once. */
export function createNumberingPlan(data: NumberingData): NumberingPlan {
  const shipped = new Map(data.series.map((row) => [row.series, row]));
  const landlines = new Map(data.landlines.map((row) => [row.prefix, row]));
  const circles = new Map(data.circles.map((circle) => [circle.code, circle]));
  const circlesByName = new Map(data.circles.map((circle) => [circle.name, circle]));
  const states = new Map(data.states.map((state) => [state.name.toLowerCase(), state]));
  let imported = new Map<string, SeriesRow>();

  const circleOf = (code: string) => (code ? (circles.get(code) ?? null) : null);
  const languagesOf = (holder: { primaryLanguage: string; secondaryLanguage: string } | null | undefined) =>
    holder ? { primary: holder.primaryLanguage, secondary: holder.secondaryLanguage } : null;


  function mobile(national: string): NumberFacts {
    for (const length of seriesLengths) {
      const prefix = national.slice(0, length);
      const importedRow = imported.get(prefix);
      const row = importedRow ?? shipped.get(prefix);
      if (!row) continue;
      const own = circleOf(row.circleCode);
      const alternative = circleOf(row.circleAlt);
      // A row without a circle may name a candidate (for a 5-digit block, its
      // 4-digit series' circle): a guess, so it is answered with low confidence.
      const circle = own ?? alternative;
      const confidence: Confidence = own
        ? row.confidence === 'high' || row.confidence === 'low' ? row.confidence : 'medium'
        : circle ? 'low' : 'none';
      return {
        kind: 'MOBILE',
        prefix,
        source: importedRow ? 'imported' : 'shipped',
        operator: row.operator || null,
        legacyOperator: row.operatorLegacy || row.operator || null,
        operatorStatus: row.operatorStatus || null,
        circle,
        circleAlternative: own ? alternative : null,
        state: null,
        place: null,
        languages: languagesOf(circle),
        confidence,
        sources: row.sources || null,
        note: row.note || null,
      };
    }
    return unknownFacts('MOBILE');
  }

  function landline(national: string): NumberFacts {
    for (const length of landlineLengths) {
      const row = landlines.get(national.slice(0, length));
      if (!row) continue;
      const circle = circleOf(row.circleCode);
      return {
        ...unknownFacts('LANDLINE'),
        prefix: row.prefix,
        source: 'shipped',
        circle,
        state: row.state,
        place: row.place,
        // The state's languages are finer than the circle's (Goa in Maharashtra, a Sikkim town in West Bengal).
        languages: languagesOf(states.get(row.state.toLowerCase()) ?? circle),
        // Fixed lines are not ported across areas: the STD code places the line.
        confidence: circle ? 'high' : 'none',
        sources: 'lpn',
      };
    }
    return unknownFacts('LANDLINE');
  }

  return {
    lookup: (national, kind) => (kind === 'MOBILE' ? mobile(national) : landline(national)),
    circleByCode: (code) => circles.get(code.toUpperCase()),
    circleByName: (name) => circlesByName.get(name.toUpperCase()),
    replaceImported(rows) {
      imported = new Map(rows.map((row) => [row.series, row]));
    },
    importedCount: () => imported.size,
  };
}
