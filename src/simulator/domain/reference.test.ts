import { describe, expect, it } from 'vitest';
import type { SupplyObservation } from '../../kernel/supply.ts';
import { marketReferenceFromRegistry } from './reference.ts';

function observation(
  atc: string,
  siteId: number,
  identityKey: string,
  step: 1 | 2 | null,
  isCurrent = true,
): SupplyObservation {
  const country = identityKey.split('|')[1] ?? 'XX';
  return {
    atc,
    source: 'bfarm',
    siteId,
    siteKey: String(siteId),
    identityKey,
    country,
    step,
    isCurrent,
  };
}

const input = (observations: SupplyObservation[]) => ({
  dataVersion: 'v1',
  observations,
  critical: { codes: new Set(['J01CA04']) },
  names: new Map([['J01CA04', { en: 'amoxicillin', nl: 'amoxicilline' }]]),
});

describe('marketReferenceFromRegistry', () => {
  it('takes the active-substance sites, one per plant, whatever the input order', () => {
    const observations = [
      observation('J01CA04', 12, 'aurobindo|IN', 1),
      observation('J01CA04', 30, 'aurobindo|IN', 1), // the same plant in another register
      observation('J01CA04', 14, 'sandoz|AT', 1),
      observation('J01CA04', 15, 'packager|NL', 2), // finished product only: not an API site
      observation('J01CA04', 16, 'old plant|CN', 1, false), // withdrawn certificate
    ];
    const reference = marketReferenceFromRegistry(input(observations));
    expect(reference.version).toBe('v1');
    expect(reference.substances).toEqual([
      {
        atc: 'J01CA04',
        name: 'Amoxicilline',
        critical: true,
        sites: [
          { siteId: 12, country: 'IN' },
          { siteId: 14, country: 'AT' },
        ],
      },
    ]);
    expect(marketReferenceFromRegistry(input([...observations].reverse()))).toEqual(reference);
  });

  it('falls back to finished-product sites when no register names an API site', () => {
    const reference = marketReferenceFromRegistry(
      input([observation('L01XA01', 40, 'teva|NL', 2), observation('L01XA01', 41, 'x|DE', null)]),
    );
    expect(reference.substances[0]?.sites.map((s) => s.siteId)).toEqual([40, 41]);
    expect(reference.substances[0]?.name).toBe('L01XA01');
    expect(reference.substances[0]?.critical).toBe(false);
  });
});
