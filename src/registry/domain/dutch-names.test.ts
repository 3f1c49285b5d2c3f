import { describe, expect, it } from 'vitest';
import { deriveDutchName } from './dutch-names.ts';

describe('deriveDutchName', () => {
  it.each([
    ['amoxicillin', 'amoxicilline'],
    ['vancomycin', 'vancomycine'],
    ['heparin', 'heparine'],
    ['prednisolone', 'prednisolon'],
    ['fluconazole', 'fluconazol'],
    ['morphine', 'morfine'],
    ['lidocaine', 'lidocaïne'],
    ['paracetamol', 'paracetamol'],
    ['furosemide', 'furosemide'],
    ['salbutamol', 'salbutamol'],
    ['phytomenadione', 'fytomenadion'],
    ['ceftriaxone', 'ceftriaxon'],
  ])('spells %s as %s', (english, dutch) => {
    expect(deriveDutchName(english)).toBe(dutch);
  });

  it('keeps several words and their separators', () => {
    expect(deriveDutchName('Amoxicillin and enzyme inhibitor')).toBe(
      'amoxicilline and enzyme inhibitor',
    );
  });
});
