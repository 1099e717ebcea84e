import { Type } from '@sinclair/typebox';

/** Parameters of validateDateAndTime (docs/methods/validate-date-and-time.md), keyed by their documented full names. */
export const validateDateParams = Type.Object({
  '$flow.key.inputDate': Type.String({
    maxLength: 100,
    description: 'The date (and maybe time) the caller said or typed: ISO 8601 (offset optional), numeric day first (`08-12-2019`, `15122026`, `2027/01/15`), English in a sentence (`book it for 12th jan`, `next tuesday at 4 pm`, `first monday of february`, `twenty first`), Hindi/Hinglish (`kal subah`, `agle hafte somvar`, `3 din baad`, `10 tarikh`, `परसों`), Marathi, Gujarati, Bengali, Punjabi, Tamil, Telugu, Kannada, Malayalam and Odia day words (`udya`, `நாளை`, `రేపు`), typos (`tomorow`) and holiday names (`diwali` from the account calendar, `republic day`). See docs/methods/validate-date-and-time.md.',
    examples: ['2019-12-08T05:00:00+05:30'],
  }),
  '$flow.key.validMAxDays': Type.Optional(
    Type.Integer({ minimum: 1, maximum: 365, description: 'How many business days after today are still valid. Default: the account setting (30).', examples: ['5'] }),
  ),
  // As long as pullreport's flowid: the same flow's id must pass both; the invocation log keeps its first 64 characters.
  '$flow.key.flowId': Type.Optional(Type.String({ maxLength: 128, description: 'The calling flow, for the record (the invocation log keeps its first 64 characters).', examples: ['58'] })),
  '$flow.key.workingDaysOff': Type.Optional(
    Type.String({ maxLength: 100, description: 'Weekday names, any case, 3 letters accepted, separated by commas; `none` for no day off. Required for Appointment; Callback defaults to the account setting.', examples: ['Monday,Friday,Sunday'] }),
  ),
  '$flow.key.accountID': Type.Optional(Type.String({ description: "The account; must be the token's own account when given.", examples: ['2'] })),
  '$flow.key.incrementDays': Type.Optional(
    Type.Integer({ minimum: -366, maximum: 366, description: 'Calendar days added to the input date before it is checked. Default 0.', examples: ['0'] }),
  ),
  '$flow.key.appointmentStartTime': Type.Optional(
    Type.String({ maxLength: 40, description: 'Window start for Appointment: `HH:mm` or an ISO date-time whose time of day is used.', examples: ['09:00'] }),
  ),
  '$flow.key.appointmentEndTime': Type.Optional(
    Type.String({ maxLength: 40, description: 'Window end for Appointment: `HH:mm` or an ISO date-time whose time of day is used.', examples: ['18:00'] }),
  ),
  '$flow.key.type': Type.Optional(Type.String({ maxLength: 20, description: '`Appointment` or `Callback`, any case. Default `Callback`.', examples: ['Appointment'] })),
});

export const names = {
  inputDate: '$flow.key.inputDate',
  validMaxDays: '$flow.key.validMAxDays',
  workingDaysOff: '$flow.key.workingDaysOff',
  incrementDays: '$flow.key.incrementDays',
  appointmentStartTime: '$flow.key.appointmentStartTime',
  appointmentEndTime: '$flow.key.appointmentEndTime',
  type: '$flow.key.type',
  accountID: '$flow.key.accountID',
} as const;

export const outputNames = {
  outputDate: '$flow.key.outputDate',
  smsDate: '$flow.key.smsDate',
  smsOutputTime: '$flow.key.SmsOutputTime',
  outputTime: '$flow.key.outputTime',
  outputDay: '$flow.key.outputDay',
  timeIsValid: '$flow.key.timeIsValid',
  dateIsValid: '$flow.key.dateIsValid',
  inputDateUnderstood: '$flow.key.inputDateUnderstood',
} as const;
