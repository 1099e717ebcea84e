import type { Static } from '@sinclair/typebox';
import { FixedOffsetZone, type Zone } from 'luxon';
import { dateMiss } from '../../overview/misses.js';
import { cachedZone } from '../../time/cached-zone.js';
import { oncePerObject } from '../../kernel/once-per-object.js';
import { ParameterError, type ParameterIssue } from '../../kernel/errors.js';
import { defineMethod, success } from '../contract.js';
import type { Account } from '../../storage/accounts.js';
import type { HolidayCalendar } from '../../holidays/cache.js';
import { listHolidays } from '../../storage/holidays.js';
import { parseClock, parseInputDate, parseWeekdays, parseWindowTime, type ParsedDate } from './parse-input.js';
import { names, outputNames, validateDateParams } from './params.js';
import { formatAnswer, holidayDays, isoDateOf, validateDate, type Day, type TimeWindow } from './rules.js';

type Params = Static<typeof validateDateParams>;

/** `YYYY-MM-DD`, and `THH:mm` when the input named a time: the input as read, before incrementDays or any rule. */
function understoodText(parsed: ParsedDate): string {
  if (parsed.time === undefined) return isoDateOf(parsed.day);
  const hours = Math.floor(parsed.time / 3600);
  const minutes = Math.floor((parsed.time % 3600) / 60);
  return `${isoDateOf(parsed.day)}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

interface CallSettings {
  window: TimeWindow;
  daysOff: ReadonlySet<number>;
}

/**
 * An account's own days off and callback hours, read once an account object: the account cache keeps
 * the same object for every call until it changes (src/accounts/cache.ts), so a call that names
 * neither costs no parsing.
 */
const accountCallSettings = oncePerObject((account: Account) => ({
  daysOff: parseWeekdays(account.workingDaysOff.join(',') || 'none'),
  window: { start: parseClock(account.callbackHours.start)!, end: parseClock(account.callbackHours.end)! },
}));

/** Reads type, days off and window; every problem at once, each naming its parameter. */
function callSettings(params: Params, account: Account): CallSettings {
  const issues: ParameterIssue[] = [];
  const type = (params[names.type] ?? 'callback').toLowerCase();
  if (type !== 'appointment' && type !== 'callback') {
    issues.push({ parameter: names.type, code: 'INVALID_PARAMETER', message: `${names.type} must be Appointment or Callback` });
  }
  const daysOffText = params[names.workingDaysOff];
  const ofAccount = accountCallSettings(account);
  let daysOff = daysOffText === undefined ? ofAccount.daysOff : parseWeekdays(daysOffText);
  if (daysOffText === undefined && type === 'appointment') {
    issues.push({ parameter: names.workingDaysOff, code: 'MISSING_PARAMETER', message: `${names.workingDaysOff} is required for an Appointment` });
  } else if (!daysOff) {
    issues.push({ parameter: names.workingDaysOff, code: 'INVALID_PARAMETER', message: `${names.workingDaysOff} must be weekday names such as Monday,Fri,Sunday (or none)` });
  } else if (daysOff.size === 7) {
    issues.push({ parameter: names.workingDaysOff, code: 'INVALID_PARAMETER', message: `${names.workingDaysOff} leaves no working day` });
  }
  let window = ofAccount.window;
  if (type === 'appointment') {
    const ends = [names.appointmentStartTime, names.appointmentEndTime].map((name) => {
      const text = params[name];
      if (text === undefined) {
        issues.push({ parameter: name, code: 'MISSING_PARAMETER', message: `${name} is required for an Appointment` });
        return undefined;
      }
      const time = parseWindowTime(text);
      if (time === undefined) issues.push({ parameter: name, code: 'INVALID_PARAMETER', message: `${name} must be HH:mm or an ISO 8601 date-time` });
      return time;
    });
    const [start, end] = ends;
    if (start !== undefined && end !== undefined) {
      if (end <= start) issues.push({ parameter: names.appointmentEndTime, code: 'INVALID_PARAMETER', message: `${names.appointmentEndTime} must be after ${names.appointmentStartTime}` });
      window = { start, end };
    }
  }
  if (issues.length) throw new ParameterError(issues);
  daysOff ??= new Set();
  return { window, daysOff };
}

/** Each cached calendar's holidays as days, made once a calendar (the holiday cache keeps one a few seconds), not on every call. */
const daysOfCalendar = oncePerObject((calendar: HolidayCalendar): ReadonlySet<Day> => holidayDays(calendar.holidays.map((holiday) => holiday.date)));

export const validateDateAndTime = defineMethod({
  name: 'validateDateAndTime',
  summary: 'Checks a date/time a caller chose (future, business day, not a holiday, inside the allowed window) and answers the nearest valid one when it is not.',
  params: validateDateParams,
  accountParam: names.accountID,
  outputs: [
    { name: outputNames.outputDate, description: 'The valid date answered, ISO 8601 with the offset; its time is the input time when valid, else the window start.', example: '2019-12-09T09:00:00+05:30' },
    { name: outputNames.smsDate, description: 'The same day as D-M-YYYY, no zero padding.', example: '9-12-2019' },
    { name: outputNames.smsOutputTime, description: 'The window, for an SMS.', example: '09:00 AM to 06:00 PM' },
    { name: outputNames.outputTime, description: 'The window.', example: '09:00 AM to 06:00 PM' },
    { name: outputNames.outputDay, description: 'English weekday name of the day answered.', example: 'Monday' },
    { name: outputNames.timeIsValid, description: '`true` when the input has no time, or its time is inside the window (and not past, for today).', example: 'true' },
    { name: outputNames.dateIsValid, description: '`true` when the (incremented) input date is a valid day.', example: 'false' },
    {
      name: outputNames.inputDateUnderstood,
      description: 'The date read from inputDate before any rule moved it, `YYYY-MM-DD`, with `THH:mm` when a time was said; empty when nothing was understood. For a confirmation ("did you mean Friday 11 December?").',
      example: '2019-12-13T17:00',
    },
  ],
  failureOutputs: [
    { name: outputNames.timeIsValid, value: 'false' },
    { name: outputNames.dateIsValid, value: 'false' },
    { name: outputNames.inputDateUnderstood, value: '' },
  ],
  async handle({ params }, { account, db, now, noteMiss, holidays: calendars }) {
    const holidaysFrom = (from: string) => (calendars ? calendars.from(account.id, from) : listHolidays(db, account.id, { from }));
    const settings = callSettings(params, account);
    const accountZone = cachedZone(account.timezone);
    const input = params[names.inputDate];
    let parsed = parseInputDate(input, now, accountZone, { window: settings.window });
    if (!parsed && /\p{L}/u.test(input)) {
      // Only a refused text can be naming one of the account's holidays ("diwali"): their names are read then, not on every call.
      const yesterday = isoDateOf(Math.floor(now.getTime() / 86_400_000) - 1);
      parsed = parseInputDate(input, now, accountZone, { window: settings.window, holidays: await holidaysFrom(yesterday) });
    }
    if (!parsed) {
      const miss = dateMiss(params[names.inputDate]);
      if (miss !== undefined) noteMiss?.(miss);
      throw ParameterError.single(names.inputDate, 'UNPARSEABLE_DATE', `${names.inputDate} is not a date this service understands (e.g. 2026-12-02T09:00+05:30, 08-12-2019, tomorrow at 5 pm)`);
    }
    const zone: Zone = parsed.offsetMinutes === undefined ? accountZone : FixedOffsetZone.instance(parsed.offsetMinutes);
    const incrementDays = params[names.incrementDays] ?? 0;
    // Only holidays from the earliest day that matters can change the answer: no day before `from` is
    // looked at, so the cached calendar's days (from a week ago on) answer whenever they reach back that far.
    const from = isoDateOf(Math.min(parsed.day + incrementDays, Math.floor(now.getTime() / 86_400_000)) - 1);
    const calendar = calendars && (await calendars.calendar(account.id));
    const holidays = calendar && from >= calendar.since ? daysOfCalendar(calendar) : holidayDays((await listHolidays(db, account.id, { from })).map((holiday) => holiday.date));
    const validation = validateDate({
      now,
      zone,
      calendar: { daysOff: settings.daysOff, holidays },
      window: settings.window,
      validMaxDays: params[names.validMaxDays] ?? account.validMaxDays,
      incrementDays,
      requested: parsed,
    });
    const answer = formatAnswer(validation, settings.window, zone);
    return success([
      { name: outputNames.outputDate, value: answer.outputDate },
      { name: outputNames.smsDate, value: answer.smsDate },
      { name: outputNames.smsOutputTime, value: answer.outputTime },
      { name: outputNames.outputTime, value: answer.outputTime },
      { name: outputNames.outputDay, value: answer.outputDay },
      { name: outputNames.timeIsValid, value: String(validation.timeIsValid) },
      { name: outputNames.dateIsValid, value: String(validation.dateIsValid) },
      { name: outputNames.inputDateUnderstood, value: understoodText(parsed) },
    ]);
  },
});
