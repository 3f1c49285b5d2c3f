import { describe, expect, it } from 'vitest';
import { atcAncestor, atcLevel, atcLineage, findAtcLevel5Codes, parseAtcCode } from './atc.ts';

describe('ATC codes', () => {
  it('knows the level of each of the five code shapes', () => {
    expect(['A', 'A10', 'A10B', 'A10BA', 'A10BA02'].map(atcLevel)).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects codes with a letter that is no anatomical group or a wrong shape', () => {
    expect(atcLevel('E01AA01')).toBeUndefined();
    expect(atcLevel('A1BA02')).toBeUndefined();
    expect(parseAtcCode('J01CA4', 5)).toBeUndefined();
    expect(parseAtcCode('TERM_ID_NA_2090003726')).toBeUndefined();
  });

  it('accepts lower case and spaces around a code', () => {
    expect(parseAtcCode(' j01ca04 ', 5)).toBe('J01CA04');
  });

  it('only accepts the asked level', () => {
    expect(parseAtcCode('B03XA', 5)).toBeUndefined();
    expect(parseAtcCode('B03XA', 4)).toBe('B03XA');
  });

  it('rolls a level-5 code up to its chapter', () => {
    const code = parseAtcCode('J01CA04', 5);
    if (code === undefined) throw new Error('valid code rejected');
    expect(atcLineage(code)).toEqual(['J', 'J01', 'J01C', 'J01CA', 'J01CA04']);
    expect(atcAncestor(code, 1)).toBe('J');
  });

  it('finds level-5 codes in HPRA text', () => {
    expect(
      findAtcLevel5Codes(
        'J01CR Combinations of penicillins, J01CR02 amoxicillin and enzyme inhibitor',
      ),
    ).toEqual(['J01CR02']);
    expect(findAtcLevel5Codes('A07AA09 vancomycin, J01XA01 vancomycin')).toEqual([
      'A07AA09',
      'J01XA01',
    ]);
  });
});
