/**
 * Numbers that name no caller: what a carrier sends in place of a withheld caller's number. Every caller sent as
 * one would share one customer record, so the preference methods refuse them as ids and findLanguage as callers
 * (docs/methods/preferences.md, docs/methods/find-language.md); sharedContactIdReason in contact-id.ts applies
 * this table. A new stand-in is a new row, in E.164.
 */
export interface WithheldStandIn {
  /** The number as the carrier sends it, E.164. */
  number: string;
  /** The word its digits spell on a phone keypad (ITU E.161: ABC = 2 … WXYZ = 9). */
  spells: string;
  /** Where the carrier documents it. */
  source: string;
}

/**
 * Twilio's keypad spellings of a withheld caller ID. Twilio documents them in "Why am I getting calls from these
 * strange numbers?" (https://help.twilio.com/articles/223179988) and in its changelog of 2022-11-16, "Upcoming
 * changes to withheld caller ID behavior for <Dial> calls" ("Today Programmable Voice translates the alpha
 * string into digits"): older accounts and <Dial> legs still receive them.
 */
const twilio = 'Twilio, help.twilio.com/articles/223179988';

export const withheldStandIns: readonly WithheldStandIn[] = [
  { number: '+266696687', spells: 'ANONYMOUS', source: twilio },
  { number: '+7378742833', spells: 'RESTRICTED', source: twilio },
  { number: '+2562533', spells: 'BLOCKED', source: twilio },
  { number: '+8656696', spells: 'UNKNOWN', source: twilio },
  { number: '+86282452253', spells: 'UNAVAILABLE', source: twilio },
];
