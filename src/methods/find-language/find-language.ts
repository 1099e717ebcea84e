import { accountParam } from '../shared-params.js';
import { numberBlockMiss } from '../../overview/misses.js';
import { ParameterError } from '../../kernel/errors.js';
import { defineMethod, success } from '../contract.js';
import { findPreference } from '../../storage/preferences.js';
import { answerFindLanguage, readFindLanguageInput, type InputField } from './answer.js';
import { chooseLanguage, supportedLanguages } from './rules.js';
import { cliParam, cliSourceParam, findLanguageParams, languageSupportedParam } from './params.js';

const operatorOutput = '$flow.key.cliOperator';
const circleOutput = '$flow.key.cliCircle';
const languageOutput = '$flow.key.cliBasedLanguage';
const confidenceOutput = '$flow.key.cliCircleConfidence';
const languageSourceOutput = '$flow.key.cliLanguageSource';
const operatorSourceOutput = '$flow.key.cliOperatorSource';

const parameterOf: Record<InputField, string> = { cli: cliParam, cliSource: cliSourceParam, languageSupported: languageSupportedParam };

export const findLanguage = defineMethod({
  name: 'findLanguage',
  summary:
    "Picks the caller's language: their stored preference (the account's languagePreferenceKey) when the IVR supports it, else a guess from the number: its mobile series or STD code gives the operator and telecom circle, the circle (or state) its languages, and the first of those the IVR supports is returned.",
  params: findLanguageParams,
  accountParam,
  outputs: [
    { name: operatorOutput, description: 'Operator that was allotted the series, upper case (`VODAFONE`; `VI` with the account setting operatorNames=current); `UNKNOWN`. A ported number may be with another operator now.', example: 'VODAFONE' },
    { name: circleOutput, description: 'Telecom circle, upper case (`MAHARASHTRA`, `UP EAST`); `UNKNOWN`.', example: 'MUMBAI' },
    { name: languageOutput, description: 'An entry of languageSupported, as written there.', example: 'MARATHI' },
    { name: confidenceOutput, description: 'How sure the circle is: `high`, `medium`, `low` (sources disagree, or a circle filled in from the 4-digit series) or `none`.', example: 'high' },
    { name: languageSourceOutput, description: 'Which rule answered: `preference` (the caller\'s stored choice), `circle` (mobile), `state` (landline), `default` (the account\'s defaultLanguage) or `first` (the first entry of languageSupported).', example: 'circle' },
    { name: operatorSourceOutput, description: 'Where cliOperator came from: `allotment` (the shipped allocation data), `import` (an operator\'s import) or `none` (operator unknown).', example: 'allotment' },
  ],
  failureOutputs: [
    { name: operatorOutput, value: 'UNKNOWN' },
    { name: circleOutput, value: 'UNKNOWN' },
    { name: confidenceOutput, value: 'none' },
  ],
  // An unusable number still leaves the flow a language to speak (docs/methods/find-language.md): the account's
  // default as the flow spelt it in languageSupported, else that list's first entry; the default itself when the
  // list is unusable too (then `read` gives nothing for it).
  failureDefaults: (account, read) => {
    const supported = supportedLanguages(read(languageSupportedParam) ?? '');
    return [{ name: languageOutput, value: supported.length ? chooseLanguage(null, supported, account.defaultLanguage).language : account.defaultLanguage }];
  },
  async handle({ params }, { account, numbering, db, noteMiss }) {
    if (!numbering) throw new Error('findLanguage needs the numbering plan in the method context');
    const input = readFindLanguageInput({ cli: params[cliParam], cliSource: params[cliSourceParam], languageSupported: params[languageSupportedParam] }, account.country);
    if (!input.ok) {
      throw new ParameterError(input.issues.map((issue) => ({ parameter: parameterOf[issue.field], code: 'INVALID_PARAMETER', message: `${parameterOf[issue.field]} ${issue.message}` })));
    }
    const answer = await answerFindLanguage(input.value, { plan: numbering, account, readPreference: (accountId, contactId, name) => findPreference(db, accountId, contactId, name) });
    const language = answer.language!;
    // The block is kept, never the number (docs/console.md "Misses").
    const block = answer.facts.circle || !input.value.national ? undefined : numberBlockMiss(input.value.national);
    if (block) noteMiss?.(block);
    return {
      ...success([
        { name: operatorOutput, value: answer.operator },
        { name: circleOutput, value: answer.facts.circle?.name ?? 'UNKNOWN' },
        { name: languageOutput, value: language.language },
        { name: confidenceOutput, value: answer.facts.confidence },
        { name: languageSourceOutput, value: language.source },
        { name: operatorSourceOutput, value: answer.operatorSource },
      ]),
      answerSource: language.source,
    };
  },
});
