import type { WireKey } from '../../kernel/wire.js';
import type { ParameterIssue } from '../../kernel/errors.js';
import type { PreferenceChange } from '../../storage/preferences.js';
import { preferencePrefix } from '../shared-params.js';

/** Preference limits of docs/methods/preferences.md */
export const preferenceLimits = {
  namePattern: /^[A-Za-z0-9_]{1,64}$/,
  maxValueBytes: 4096,
  maxPerContact: 200,
} as const;

/**
 * The preference changes a call asks for: every `$user.key.NAME` (prefix in
 * any case), the last of a repeated name winning, null meaning delete, an
 * empty or blank value absent.
 * Returns the issues instead when a name or value breaks the limits.
 */
export function preferenceChanges(keys: readonly WireKey[]): { changes: PreferenceChange[]; issues: ParameterIssue[] } {
  const byName = new Map<string, string | null>();
  const issues: ParameterIssue[] = [];
  for (const key of keys) {
    if (!key.name.toLowerCase().startsWith(preferencePrefix)) continue;
    const name = key.name.slice(preferencePrefix.length);
    if (!preferenceLimits.namePattern.test(name)) {
      issues.push({ parameter: key.name, code: 'INVALID_PARAMETER', message: `${key.name}: preference names are 1–64 letters, digits or underscores` });
      continue;
    }
    // An empty or blank value is an unset flow variable, absent as everywhere (docs/protocol.md): it must not
    // overwrite what the caller chose. Only null deletes.
    if (key.value !== null && key.value.trim() === '') continue;
    if (key.value !== null && Buffer.byteLength(key.value, 'utf8') > preferenceLimits.maxValueBytes) {
      issues.push({ parameter: key.name, code: 'INVALID_PARAMETER', message: `${key.name} is longer than ${preferenceLimits.maxValueBytes} bytes` });
      continue;
    }
    byName.set(name, key.value);
  }
  const changes = [...byName].map(([name, value]) => ({ name, value }));
  if (changes.length === 0 && issues.length === 0) {
    issues.push({ parameter: `${preferencePrefix}NAME`, code: 'MISSING_PARAMETER', message: `at least one ${preferencePrefix}NAME value is required` });
  }
  return { changes, issues };
}
