import type { WebhookMethod } from '../protocol/method.js';
import { fetchUserPreferences } from './preferences/fetch-user-preferences.js';
import { updateUserPreferences } from './preferences/update-user-preferences.js';
import { validateDateAndTime } from './validate-date/validate-date-and-time.js';

/** Every webhook method, explicitly listed. */
export const allMethods: readonly WebhookMethod[] = [updateUserPreferences, fetchUserPreferences, validateDateAndTime];

/** Methods by lower-case name: names match case-insensitively (SPEC §1.1). */
export function methodRegistry(methods: readonly WebhookMethod[] = allMethods): ReadonlyMap<string, WebhookMethod> {
  return new Map(methods.map((method) => [method.name.toLowerCase(), method]));
}
