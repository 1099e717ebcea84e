import { describe, expect, it } from 'vitest';
import { createNumberingPlan } from './numbering.js';
import { loadShippedNumbering, seriesRowFrom } from './shipped-data.js';

const plan = createNumberingPlan(loadShippedNumbering());
const mobile = (national: string) => plan.lookup(national, 'MOBILE');
const landline = (national: string) => plan.lookup(national, 'LANDLINE');

describe('the shipped numbering plan', () => {
  it('loads every file of numbering-data/', () => {
    const data = loadShippedNumbering();
    expect(data.series).toHaveLength(4756);
    expect(data.circles).toHaveLength(23);
    expect(data.states).toHaveLength(59);
    expect(data.landlines).toHaveLength(8945);
  });

  // One well-known series in every circle, with the circle's primary language.
  it.each([
    ['9849', 'AIRTEL', 'ANDHRA PRADESH', 'TELUGU'],
    ['9435', 'BSNL', 'ASSAM', 'ASSAMESE'],
    ['9801', 'AIRTEL', 'BIHAR', 'HINDI'],
    ['9840', 'AIRTEL', 'CHENNAI', 'TAMIL'],
    ['9810', 'AIRTEL', 'DELHI', 'HINDI'],
    ['9825', 'VODAFONE', 'GUJARAT', 'GUJARATI'],
    ['9896', 'AIRTEL', 'HARYANA', 'HINDI'],
    ['9418', 'BSNL', 'HIMACHAL PRADESH', 'HINDI'],
    ['9419', 'BSNL', 'JAMMU & KASHMIR', 'URDU'],
    ['9845', 'AIRTEL', 'KARNATAKA', 'KANNADA'],
    ['9895', 'AIRTEL', 'KERALA', 'MALAYALAM'],
    ['9830', 'VODAFONE', 'KOLKATA', 'BENGALI'],
    ['9826', 'IDEA', 'MADHYA PRADESH', 'HINDI'],
    ['9822', 'IDEA', 'MAHARASHTRA', 'MARATHI'],
    ['9820', 'VODAFONE', 'MUMBAI', 'MARATHI'],
    ['9436', 'BSNL', 'NORTH EAST', 'ENGLISH'],
    ['9437', 'BSNL', 'ODISHA', 'ORIYA'],
    ['9815', 'AIRTEL', 'PUNJAB', 'PUNJABI'],
    ['9829', 'AIRTEL', 'RAJASTHAN', 'HINDI'],
    ['9894', 'AIRTEL', 'TAMIL NADU', 'TAMIL'],
    ['9415', 'BSNL', 'UP EAST', 'HINDI'],
    ['9412', 'BSNL', 'UP WEST', 'HINDI'],
    ['9800', 'AIRTEL', 'WEST BENGAL', 'BENGALI'],
  ])('places series %s with %s in %s (%s)', (series, operator, circle, language) => {
    const facts = mobile(`${series}012345`);
    expect(facts).toMatchObject({ prefix: series, legacyOperator: operator, source: 'shipped', confidence: 'high' });
    expect(facts.circle?.name).toBe(circle);
    expect(facts.languages?.primary).toBe(language);
  });

  it('gives current brands beside allocation-time ones', () => {
    expect(mobile('9820012345')).toMatchObject({ operator: 'VI', legacyOperator: 'VODAFONE', operatorStatus: 'merged' });
  });

  it('prefers the 5-digit series over its 4-digit series', () => {
    expect(mobile('8270412345')).toMatchObject({ prefix: '8270', legacyOperator: 'TELENOR', circle: { code: 'OR' } });
    expect(mobile('8270512345')).toMatchObject({ prefix: '82705', legacyOperator: 'VODAFONE', circle: { code: 'TN' }, confidence: 'medium' });
    expect(mobile('7339712345')).toMatchObject({ prefix: '73397', circle: { code: 'RJ' } });
    expect(mobile('7339012345')).toMatchObject({ prefix: '7339', operator: 'AIRTEL', circle: null, confidence: 'none' });
  });

  it('answers a 5-digit block without a circle with its candidate circle at low confidence', () => {
    expect(mobile('7048012345')).toMatchObject({ prefix: '70480', legacyOperator: 'TATA DOCOMO', circle: { code: 'DL' }, confidence: 'low', circleAlternative: null });
  });

  it('reports the other candidate circle where the sources disagree', () => {
    expect(mobile('9831012345')).toMatchObject({ circle: { code: 'KO' }, circleAlternative: { code: 'MH' }, confidence: 'low' });
  });

  it('knows nothing of a series no source has', () => {
    expect(mobile('6100012345')).toMatchObject({ prefix: null, source: 'none', operator: null, circle: null, languages: null, confidence: 'none' });
  });

  it("places landlines by the longest STD prefix and takes the state's languages", () => {
    expect(landline('4023001234')).toMatchObject({ prefix: '40', place: 'Hyderabad Local', circle: { code: 'AP' }, languages: { primary: 'TELUGU' }, confidence: 'high' });
    expect(landline('2226001234')).toMatchObject({ prefix: '222', place: 'Mumbai', circle: { code: 'MU' }, languages: { primary: 'MARATHI' } });
    expect(landline('8322412345')).toMatchObject({ place: 'Goa', circle: { code: 'MH' }, languages: { primary: 'KONKANI', secondary: 'MARATHI' } });
    expect(landline('1242301234')).toMatchObject({ place: 'Gurgaon', state: 'Haryana', circle: { code: 'DL' } });
  });

  it('has no circle for an Uttar Pradesh landline but still knows its language', () => {
    expect(landline('1342123456')).toMatchObject({ place: 'Bijnor', state: 'Uttar Pradesh', circle: null, languages: { primary: 'HINDI' }, confidence: 'none' });
  });

  it('lets imported series override shipped ones of the same prefix only', () => {
    const own = createNumberingPlan(loadShippedNumbering());
    own.replaceImported([seriesRowFrom({ series: '9820', operator: 'JIO', operator_legacy: 'JIO', circle_code: 'GJ', circle: 'GUJARAT', confidence: 'high' })]);
    expect(own.lookup('9820012345', 'MOBILE')).toMatchObject({ source: 'imported', operator: 'JIO', circle: { code: 'GJ' }, confidence: 'high' });
    expect(own.lookup('8270512345', 'MOBILE').source).toBe('shipped');
    expect(plan.lookup('9820012345', 'MOBILE').source).toBe('shipped');
    own.replaceImported([]);
    expect(own.lookup('9820012345', 'MOBILE').source).toBe('shipped');
  });
});
