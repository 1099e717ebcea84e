import type { WebhookMethod } from './contract.js';
import { findLanguage } from './find-language/find-language.js';
import { allocateAgent } from './agents/allocate-agent.js';
import { updatePauseStatusForCLI } from './agents/update-pause-status.js';
import { createOutbound } from './outbound/create-outbound.js';
import { optOut } from './opt-out/opt-out.js';
import { linkcreation } from './chatbot-link/linkcreation.js';
import { translateText } from './translate/translate-text.js';
import { fetchUserPreferences } from './preferences/fetch-user-preferences.js';
import { updateUserPreferences } from './preferences/update-user-preferences.js';
import { pullReport } from './reports/pull-report.js';
import { validateDateAndTime } from './validate-date/validate-date-and-time.js';

/** Every webhook method, explicitly listed. */
export const allMethods: readonly WebhookMethod[] = [
  updateUserPreferences,
  fetchUserPreferences,
  validateDateAndTime,
  pullReport,
  findLanguage,
  updatePauseStatusForCLI,
  allocateAgent,
  createOutbound,
  optOut,
  linkcreation,
  translateText,
];

/** Methods by lower-case name: names match case-insensitively (docs/protocol.md). */
export function methodRegistry(methods: readonly WebhookMethod[] = allMethods): ReadonlyMap<string, WebhookMethod> {
  return new Map(methods.map((method) => [method.name.toLowerCase(), method]));
}
