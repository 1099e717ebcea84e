#!/usr/bin/env node
// Builds numbering-data/mobile-series.csv from the source tables in
// numbering-data/sources/ by the merge rules of numbering-data/SOURCES.md
// ("How the shipped mobile table is built"). Deterministic: the same sources
// give the same bytes (a test rebuilds it and compares with the shipped file).
//
//   node scripts/build-numbering.mjs          write numbering-data/mobile-series.csv
//   node scripts/build-numbering.mjs --check  exit 1 when the shipped file differs from a fresh build
//
// Nothing here is fetched: every input is a file in the repository.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dataFolder = join(root, 'numbering-data');
export const sourcesFolder = join(dataFolder, 'sources');

/** The columns of mobile-series.csv, in order (the import route accepts the same). */
export const columns = [
  'series', 'operator', 'circle', 'circle_code', 'operator_legacy', 'operator_original', 'operator_status', 'operator_source',
  'libphonenumber_operator', 'operator_agrees', 'circle_alt', 'confidence', 'sources', 'note',
];

/** The source files the build reads, by role. */
export const sourceFiles = {
  /** The 2021 merge of TCF, RM, libphonenumber and TelecomTalk (the table shipped before this build existed). */
  base: 'shipped-2021-mobile-series.csv',
  /** hstsethi/in-mob-prefix at a7ef215/9e672a1 (Sep 2024, CC0-1.0), converted to the columns above. */
  wiki2024: 'wiki2024-inmobprefix.csv',
  /** vikas-kundu/PhoneDict at 6795cab (June 2020, MIT), converted to the columns above. */
  wiki2020: 'wiki2020-phonedict.csv',
};

/**
 * Operators whose networks have closed: Reliance Communications (not Jio),
 * Aircel, MTS (Sistema), Videocon, Loop, Etisalat, S Tel and Tata
 * Teleservices' Docomo/Indicom brands. A series they were first allotted may
 * since have been allotted again, to another operator in another circle.
 */
const closedNetwork = /\b(reliance(?! ?jio)|rcom|aircel|dishnet|mts|sistema|videocon|loop|etisalat|s ?tel|tata|docomo|indicom)\b/i;

/** The Tamil Nadu circle's legacy Chennai label counts as the same circle (docs: circle-languages.csv). */
const sameCircle = (a, b) => a === b || (['CH', 'TN'].includes(a) && ['CH', 'TN'].includes(b));

/** Flows branch on `JIO`; the converted Wikipedia tables say `RELIANCE JIO`. */
const legacyName = (name) => (name === 'RELIANCE JIO' ? 'JIO' : name);

export function readTable(file) {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
}

export function readSources(folder = sourcesFolder) {
  return Object.fromEntries(Object.entries(sourceFiles).map(([role, file]) => [role, readTable(join(folder, file))]));
}

function firstHolderClosed(row) {
  return row.operator_status === 'defunct' || closedNetwork.test(row.operator_original) || closedNetwork.test(row.operator_legacy);
}

const joinSources = (...parts) => [...new Set(parts.filter(Boolean).flatMap((part) => part.split('+')))].join('+');
const joinNotes = (...parts) => parts.filter(Boolean).join('; ');

/**
 * The merge. Takes the three tables as arrays of records keyed by column
 * name; returns the shipped rows (sorted by series) and how many rows each
 * rule touched.
 */
export function buildMobileSeries({ base, wiki2024, wiki2020 }) {
  const counts = { kept: 0, reallotted: 0, disagreementFlagged: 0, filledFromCandidate: 0, filledConflicting: 0, added: 0, fiveDigitFromSeries: 0 };
  const newer = new Map(wiki2024.map((row) => [row.series, row]));
  const older = new Map(wiki2020.map((row) => [row.series, row]));
  const rows = new Map();

  for (const original of base) {
    const row = { ...original };
    const recent = newer.get(row.series);
    // Rule 2: a series first held by a closed network, allotted again by 2024 to an active operator.
    // libphonenumber still naming the closed network is its data being old, not a contradiction; naming another active operator is.
    const contradicted = recent?.operator_agrees === 'N' && !closedNetwork.test(recent.libphonenumber_operator);
    if (row.series.length === 4 && recent?.circle_code && recent.operator_status === 'active' && !contradicted && firstHolderClosed(row)
      && (recent.operator !== row.operator || !sameCircle(recent.circle_code, row.circle_code))) {
      const before = `${row.operator_original || row.operator_legacy || 'unknown'}${row.circle_code ? ` in ${row.circle_code}` : ''}`;
      rows.set(row.series, {
        ...recent,
        operator_legacy: legacyName(recent.operator_legacy),
        circle_alt: row.circle_code && !sameCircle(row.circle_code, recent.circle_code) ? row.circle_code : '',
        confidence: 'medium',
        sources: joinSources('imp2024', recent.operator_agrees === 'Y' ? 'lpn' : ''),
        note: joinNotes(`allotted again: first held by ${before} (${row.sources}); the 2024 table names ${recent.operator_original}`),
      });
      counts.reallotted++;
      continue;
    }
    if (row.circle_code) {
      // Rule 3: keep the circle; a medium row the 2024 table contradicts is flagged, high and low rows stay as they are.
      if (row.confidence === 'medium' && recent?.circle_code && !sameCircle(recent.circle_code, row.circle_code)) {
        row.confidence = 'low';
        row.circle_alt ||= recent.circle_code;
        row.note = joinNotes(row.note, `the 2024 table says ${recent.circle_code}`);
        counts.disagreementFlagged++;
      } else {
        counts.kept++;
      }
      rows.set(row.series, row);
      continue;
    }
    // Rule 4: an empty circle is filled only from a table that names the same operator.
    const agreeing = [recent, older.get(row.series)].filter((candidate) => candidate?.circle_code && row.operator && candidate.operator === row.operator);
    if (agreeing.length) {
      const [first, second] = agreeing;
      const conflict = second && !sameCircle(second.circle_code, first.circle_code);
      Object.assign(row, {
        circle: first.circle,
        circle_code: first.circle_code,
        circle_alt: conflict ? second.circle_code : row.circle_alt === first.circle_code ? '' : row.circle_alt,
        confidence: conflict ? 'low' : 'medium',
        sources: joinSources(row.sources, ...agreeing.map((candidate) => candidate.sources)),
        note: joinNotes(row.note, `circle from ${agreeing.map((candidate) => candidate.sources).join(' and ')} (same operator)`),
      });
      counts[conflict ? 'filledConflicting' : 'filledFromCandidate']++;
    } else {
      counts.kept++;
    }
    rows.set(row.series, row);
  }

  // Rule 5: series the 2021 table lacks, naming an operator libphonenumber does not contradict (the same one, or none for the series).
  for (const table of [wiki2024, wiki2020]) {
    for (const candidate of table) {
      if (rows.has(candidate.series) || !candidate.circle_code || !candidate.operator || !['Y', ''].includes(candidate.operator_agrees)) continue;
      rows.set(candidate.series, {
        ...candidate,
        operator_legacy: legacyName(candidate.operator_legacy),
        confidence: 'medium',
        sources: joinSources(candidate.sources, candidate.operator_agrees === 'Y' ? 'lpn' : ''),
        note: joinNotes(candidate.note, `series absent from the 2021 sources; ${candidate.operator_agrees === 'Y' ? 'libphonenumber names the same operator' : 'libphonenumber has no entry for it'}`),
      });
      counts.added++;
    }
  }

  // Rule 6: a 5-digit block without a circle names its 4-digit series' circle as the candidate (`circle_alt`);
  // findLanguage answers a candidate at low confidence (docs/methods/find-language.md). The circle itself stays empty: it is a guess.
  for (const row of rows.values()) {
    if (row.series.length !== 5 || row.circle_code) continue;
    const series = rows.get(row.series.slice(0, 4));
    const candidate = series?.circle_code ?? '';
    if (row.circle_alt !== candidate) counts.fiveDigitFromSeries++;
    row.circle_alt = candidate;
  }

  const sorted = [...rows.values()].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));
  return { rows: sorted.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? '']))), counts };
}

/** RFC 4180, quoting only fields that need it, LF line ends (as the shipped file has always been written). */
export function toCsv(rows) {
  const field = (value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((column) => field(String(row[column] ?? ''))).join(','))].join('\n') + '\n';
}

function main() {
  const target = join(dataFolder, 'mobile-series.csv');
  const { rows, counts } = buildMobileSeries(readSources());
  const text = toCsv(rows);
  if (process.argv.includes('--check')) {
    const same = readFileSync(target, 'utf8') === text;
    console.log(same ? 'numbering-data/mobile-series.csv is up to date.' : 'numbering-data/mobile-series.csv differs from a fresh build: run node scripts/build-numbering.mjs');
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(target, text);
  console.log(`Wrote ${rows.length} series to numbering-data/mobile-series.csv`, counts);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
