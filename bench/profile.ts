import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a server's CPU time went (`npm run bench -- --profile`, docs/benchmark.md):
 * the server runs with Node's own sampling profiler (`--cpu-prof`), and its
 * profile is summed by who spent the time — a package, one of our modules,
 * Node itself, the garbage collector — as a share of the busy time and as
 * microseconds per call.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  who: string;
  share: number;
  microsPerCall: number;
}

/**
 * A folder for one server's profile and the node options that write it there: a
 * temporary one, or a new one in BENCH_PROFILE_DIR, kept for DevTools.
 */
export function profiledProcess(name: string): { nodeArgs: string[]; read(): CpuProfile; remove(): void } {
  const keep = process.env.BENCH_PROFILE_DIR;
  if (keep) mkdirSync(keep, { recursive: true });
  const folder = mkdtempSync(keep ? join(keep, `${name.replace(/[^A-Za-z0-9]+/g, '-')}-`) : join(tmpdir(), 'flowhooks-profile-'));
  return {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${folder}`],
    read() {
      const file = readdirSync(folder).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error('the profiled server wrote no profile (it must exit on SIGTERM, not be killed)');
      return JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
    },
    remove: () => (keep ? undefined : rmSync(folder, { recursive: true, force: true })),
  };
}

/** Who a frame's time is counted to: a package, a module of ours, a part of Node, or the VM. */
export function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(program)') return 'V8 and native code (program)';
    if (functionName === '(idle)') return '(idle)';
    return `native: ${functionName || 'anonymous'}`;
  }
  // better-sqlite3 runs a statement synchronously inside the query builder's driver call,
  // so SQLite's own work shows as that frame's self time.
  if (functionName === 'executeQuery' && url.includes('kysely/dist/esm/dialect/sqlite/sqlite-driver')) return 'SQLite (statements run by better-sqlite3)';
  // The same for the service's own SQLite driver (src/storage/sqlite-group-commit.ts): its frames' self time
  // is the statements, begins and commits it runs synchronously.
  if (url.includes('/dist/src/storage/sqlite-group-commit.js')) return 'SQLite (statements run by better-sqlite3)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const ours = /\/dist\/(src\/.+)\.js$/.exec(url);
  if (ours) return `${ours[1]}.ts`;
  if (url.startsWith('node:')) return `Node ${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  return url;
}

/**
 * Busy (non-idle) time of a profile from `fromMicros` on (the load, not the start-up and
 * seeding before it) and its self time by owner: a share of the busy time and microseconds per call.
 */
export function summariseProfile(profile: CpuProfile, calls: number, fromMicros = 0, top = 12): { busyMicros: number; rows: ProfileRow[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  let busy = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    elapsed += profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node || elapsed < fromMicros) return;
    const who = ownerOf(node.callFrame);
    if (who === '(idle)') return;
    const delta = profile.timeDeltas[index] ?? 0;
    busy += delta;
    micros.set(who, (micros.get(who) ?? 0) + delta);
  });
  const rows = [...micros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([who, spent]) => ({ who, share: busy ? spent / busy : 0, microsPerCall: calls ? spent / calls : 0 }));
  return { busyMicros: busy, rows };
}

/**
 * A markdown table of a scenario's profile, from `fromMicros` after the process started. `counted`,
 * the server's CPU time in seconds over the same load as the kernel counts it, adds what a call
 * spent in the kernel: the sampler records a thread put off the CPU inside a system call as still
 * in it, so its native rows (the socket's `writev`) are wall time, not CPU (docs/benchmark.md).
 */
export function profileTable(scenario: string, calls: number, profile: CpuProfile, fromMicros: number, counted?: { user: number; system: number }): string[] {
  const { busyMicros, rows } = summariseProfile(profile, calls, fromMicros);
  const perCall = (seconds: number) => ((seconds * 1e6) / Math.max(calls, 1)).toFixed(0);
  const kernel = counted && Number.isFinite(counted.system) ? `; counted by the kernel, ${perCall(counted.user + counted.system)} µs a call, ${perCall(counted.system)} of them in the kernel (system calls)` : '';
  return [
    `**${scenario}**: ${calls} calls, ${(busyMicros / Math.max(calls, 1)).toFixed(0)} µs of server CPU a call by the profile's samples${kernel}`,
    '',
    '| spent in | share | µs a call |',
    '|---|---:|---:|',
    ...rows.map((row) => `| ${row.who} | ${(row.share * 100).toFixed(1)} % | ${row.microsPerCall.toFixed(1)} |`),
    '',
  ];
}
