import { ParameterError, type ParameterIssue } from '../../protocol/errors.js';
import { defineMethod, success } from '../../protocol/method.js';
import { cliParam, cliSourceParam, findLanguageParams, languageSupportedParam } from './params.js';
import { chooseLanguage, callerFacts, operatorName, parseCli, parseCliSource, supportedLanguages } from './rules.js';

const operatorOutput = '$flow.key.cliOperator';
const circleOutput = '$flow.key.cliCircle';
const languageOutput = '$flow.key.cliBasedLanguage';
const confidenceOutput = '$flow.key.cliCircleConfidence';

export const findLanguage = defineMethod({
  name: 'findLanguage',
  summary: "Guesses the caller's language from the number: its mobile series or STD code gives the operator and telecom circle, the circle (or state) its languages, and the first of those the IVR supports is returned.",
  params: findLanguageParams,
  outputs: [
    { name: operatorOutput, description: 'Operator that was allotted the series, upper case (`VODAFONE`; `VI` with the account setting operatorNames=current); `UNKNOWN`.', example: 'VODAFONE' },
    { name: circleOutput, description: 'Telecom circle, upper case (`MAHARASHTRA`, `UP EAST`); `UNKNOWN`.', example: 'MUMBAI' },
    { name: languageOutput, description: 'An entry of languageSupported, as written there.', example: 'MARATHI' },
    { name: confidenceOutput, description: 'How sure the circle is: `high`, `medium`, `low` or `none`.', example: 'high' },
  ],
  failureOutputs: [
    { name: operatorOutput, value: 'UNKNOWN' },
    { name: circleOutput, value: 'UNKNOWN' },
    { name: confidenceOutput, value: 'none' },
  ],
  // An unusable number still leaves the flow a language to speak: the account's default (docs/methods/find-language.md).
  failureDefaults: (account) => [{ name: languageOutput, value: account.defaultLanguage }],
  async handle({ params }, { account, numbering }) {
    if (!numbering) throw new Error('findLanguage needs the numbering plan in the method context');
    const issues: ParameterIssue[] = [];
    const supported = supportedLanguages(params[languageSupportedParam]);
    if (supported.length === 0) {
      issues.push({ parameter: languageSupportedParam, code: 'INVALID_PARAMETER', message: `${languageSupportedParam} must name at least one language` });
    }
    const cli = parseCli(params[cliParam]);
    if (!cli.ok) issues.push({ parameter: cliParam, code: 'INVALID_PARAMETER', message: `${cliParam} ${cli.reason}` });
    const source = params[cliSourceParam];
    const declaredKind = source === undefined ? undefined : parseCliSource(source);
    if (source !== undefined && !declaredKind) {
      issues.push({ parameter: cliSourceParam, code: 'INVALID_PARAMETER', message: `${cliSourceParam} must be MOBILE or LANDLINE` });
    }
    if (issues.length || !cli.ok) throw new ParameterError(issues);

    const facts = callerFacts(numbering, cli.national, declaredKind);
    const { language } = chooseLanguage(facts.languages, supported, account.defaultLanguage);
    return success([
      { name: operatorOutput, value: operatorName(facts, account.operatorNames) },
      { name: circleOutput, value: facts.circle?.name ?? 'UNKNOWN' },
      { name: languageOutput, value: language },
      { name: confidenceOutput, value: facts.confidence },
    ]);
  },
});
