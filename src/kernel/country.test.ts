import { describe, expect, it } from 'vitest';
import { isEuEea, toCountryCode } from './country.ts';

describe('toCountryCode', () => {
  it.each([
    // BfArM writes German names
    ['Deutschland', 'DE'],
    ['Dänemark', 'DK'],
    ['Vereinigtes Königreich', 'GB'],
    ['Vereinigtes Königreich (Nordirland)', 'GB'],
    ['Korea, Republik', 'KR'],
    ['Südkorea', 'KR'],
    ['Tschechische Republik', 'CZ'],
    ['Vereinigte Staaten', 'US'],
    ['Türkei', 'TR'],
    ['Österreich', 'AT'],
    // EPAR and HPRA write English ones, in several spellings
    ['The Netherlands', 'NL'],
    ['Netherlands', 'NL'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['UK', 'GB'],
    ['Republic of Korea', 'KR'],
    ['Czech Republic', 'CZ'],
    ['SPAIN', 'ES'],
    ['United Kingdom.', 'GB'],
    [' Italy. ', 'IT'],
    ['Malta ', 'MT'],
    // CEP holders end with the ISO code itself
    ['IN', 'IN'],
    ['CN', 'CN'],
  ])('maps "%s" to %s', (spelling, code) => {
    expect(toCountryCode(spelling)).toBe(code);
  });

  it('does not guess for text that is no country', () => {
    expect(toCountryCode('Narnia')).toBeUndefined();
    expect(toCountryCode('')).toBeUndefined();
    expect(toCountryCode('Seoul')).toBeUndefined();
    expect(toCountryCode('XX')).toBeUndefined();
  });
});

describe('isEuEea', () => {
  it('counts EU members and Iceland, Liechtenstein and Norway, not Switzerland or the UK', () => {
    expect(['DE', 'MT', 'IS', 'LI', 'NO'].every(isEuEea)).toBe(true);
    expect(['CH', 'GB', 'US', 'IN', 'CN'].some(isEuEea)).toBe(false);
  });
});
