import type { WebhookMethod } from '../protocol/method.js';
import { linkcreation } from './chatbot-link/linkcreation.js';
import { fetchUserPreferences } from './preferences/fetch-user-preferences.js';
import { updateUserPreferences } from './preferences/update-user-preferences.js';

/** Every webhook method, explicitly listed. */
export const allMethods: readonly WebhookMethod[] = [updateUserPreferences, fetchUserPreferences, linkcreation];

/** Methods by lower-case name: names match case-insensitively (SPEC §1.1). */
export function methodRegistry(methods: readonly WebhookMethod[] = allMethods): ReadonlyMap<string, WebhookMethod> {
  return new Map(methods.map((method) => [method.name.toLowerCase(), method]));
}
