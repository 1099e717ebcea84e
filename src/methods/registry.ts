import type { WebhookMethod } from './contract.js';
import { findLanguage } from './find-language/find-language.js';
import { allocateAgent } from './allocate-agent/allocate-agent.js';
import { updatePauseStatusForCLI } from './update-pause-status-for-cli/update-pause-status-for-cli.js';
import { createOutbound } from './create-outbound/create-outbound.js';
import { optOut } from './opt-out/opt-out.js';
import { linkcreation } from './linkcreation/linkcreation.js';
import { translateText } from './translate-text/translate-text.js';
import { fetchUserPreferences } from './fetch-user-preferences/fetch-user-preferences.js';
import { updateUserPreferences } from './update-user-preferences/update-user-preferences.js';
import { pullReport } from './pullreport/pullreport.js';
import { validateDateAndTime } from './validate-date-and-time/validate-date-and-time.js';

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
