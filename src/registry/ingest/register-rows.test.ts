import { describe, expect, it } from 'vitest';
import { bfarmRegisterFormat } from './bfarm-register/bfarm-register.ingest.ts';
import { cepFormat, splitHolder } from './cep/cep.ingest.ts';
import { eparFormat } from './epar/epar.ingest.ts';
import { hpraFormat, namesFromAtcText } from './hpra/hpra.ingest.ts';
import { cityFromAddress, implausibleManufacturerName, siteKeyFromName } from './site-fields.ts';

const bfarmRow = {
  search_atc: 'V03AB15',
  atc_code: 'N02AX01',
  atc_text: 'Tilidin',
  eingangsnummer: '2181476',
  arzneimittel: 'Valoron N',
  role: 'Wirkstoffherstellung',
  name: 'AstraZeneca Dunkerque Production Rechtsform: S.C.S.',
  pu_nummer: '8026677',
  plz_ort: '59640 DUNKERQUE',
  land: 'Frankreich',
};

describe('BfArM register rows', () => {
  it('links the site to the product’s own ATC code, not the searched one', () => {
    const outcome = bfarmRegisterFormat.mapRow(bfarmRow, 7);
    expect(outcome.kind).toBe('links');
    if (outcome.kind !== 'links') return;
    expect(outcome.links[0]).toMatchObject({
      line: 7,
      atc: 'N02AX01',
      step: 1,
      site: { key: '8026677', country: 'FR', city: 'DUNKERQUE' },
      productRef: '2181476',
    });
  });

  it('makes Hersteller/Endfreigabe step 2 and skips the marketing-authorisation holder', () => {
    const release = bfarmRegisterFormat.mapRow({ ...bfarmRow, role: 'Hersteller/Endfreigabe' }, 2);
    expect(release.kind === 'links' && release.links[0]?.step).toBe(2);
    expect(bfarmRegisterFormat.mapRow({ ...bfarmRow, role: 'Zulassungsinhaber' }, 2).kind).toBe(
      'skipped',
    );
  });

  it('rejects an unknown country and an invalid ATC code in one reason', () => {
    const outcome = bfarmRegisterFormat.mapRow(
      { ...bfarmRow, land: 'Atlantis', atc_code: 'N02AX' },
      9,
    );
    expect(outcome).toEqual({
      kind: 'rejected',
      reason:
        'invalid ATC code "N02AX" in column atc_code; unknown country "Atlantis" in column land',
    });
  });
});

const hpraRow = {
  product_id: '1',
  product_name: 'Amoxicillin 500 mg capsules',
  licence_number: 'PA0001/001/001',
  licence_holder: 'Holder Ltd',
  atc_code: 'J01CA Penicillins with extended spectrum, J01CA04 amoxicillin',
  matched_critical_atc: 'J01CA04',
  mfr_company: 'Sandoz GmbH | Lek S.A. ',
  mfr_address: 'Biochemiestrasse 10\n6250 Kundl | ul. Domaniewska 50 C\n02-672 Warszawa',
  mfr_country: 'Austria |  Poland\n',
};

describe('HPRA rows', () => {
  it('pairs the manufacturer and country lists element by element', () => {
    const outcome = hpraFormat.mapRow(hpraRow, 3);
    expect(outcome.kind).toBe('links');
    if (outcome.kind !== 'links') return;
    expect(outcome.links.map((link) => [link.site.name, link.site.country, link.step])).toEqual([
      ['Sandoz GmbH', 'AT', null],
      ['Lek S.A.', 'PL', null],
    ]);
    expect(outcome.names).toContainEqual({ atc: 'J01CA04', lang: 'en', name: 'amoxicillin' });
  });

  it('reports a row whose lists differ in length instead of guessing', () => {
    const outcome = hpraFormat.mapRow({ ...hpraRow, mfr_country: 'Austria' }, 4);
    expect(outcome).toEqual({
      kind: 'rejected',
      reason: 'mfr_company lists 2 manufacturers but mfr_country lists 1 countries',
    });
  });

  it('links a row with two matched codes to both', () => {
    const outcome = hpraFormat.mapRow({ ...hpraRow, matched_critical_atc: 'L01BA01, L04AX03' }, 5);
    expect(outcome.kind === 'links' && outcome.links.map((l) => l.atc)).toEqual([
      'L01BA01',
      'L04AX03',
      'L01BA01',
      'L04AX03',
    ]);
  });

  it('reads names of both levels from the ATC text', () => {
    expect(namesFromAtcText('A07AA09 vancomycin, J01XA01 vancomycin')).toEqual([
      { atc: 'A07AA09', lang: 'en', name: 'vancomycin' },
      { atc: 'J01XA01', lang: 'en', name: 'vancomycin' },
    ]);
  });
});

describe('CEP rows', () => {
  const cepRow = {
    Substance: 'Amoxicillin trihydrate',
    'Certificate (CEP) Holder': 'Aurobindo  Pharma Limited Hyderabad IN',
    'Certificate (CEP) Number': 'R1-CEP 1999-123 - Rev 05',
    'Status CEP': 'Valid',
    atc_code: 'J01CA04',
  };

  it('takes the holder country from the trailing ISO-2 code and counts it as step 1', () => {
    const outcome = cepFormat.mapRow(cepRow, 10);
    expect(outcome.kind === 'links' && outcome.links[0]).toMatchObject({
      atc: 'J01CA04',
      step: 1,
      isCurrent: true,
      site: { name: 'Aurobindo Pharma Limited Hyderabad', country: 'IN' },
    });
  });

  it('splits a cell with several ATC codes and marks a withdrawn certificate not current', () => {
    const outcome = cepFormat.mapRow(
      { ...cepRow, atc_code: 'J01CA04, J01CR02', 'Status CEP': 'Withdrawn by Holder' },
      11,
    );
    expect(outcome.kind === 'links' && outcome.links.map((l) => [l.atc, l.isCurrent])).toEqual([
      ['J01CA04', false],
      ['J01CR02', false],
    ]);
  });

  it('skips a certificate without ATC code and rejects a holder without country code', () => {
    expect(cepFormat.mapRow({ ...cepRow, atc_code: 'NA' }, 12).kind).toBe('skipped');
    expect(splitHolder('DIFC CO. LTD. Ansan-City')).toBeUndefined();
    expect(cepFormat.mapRow({ ...cepRow, 'Certificate (CEP) Holder': 'Acme Seoul' }, 13).kind).toBe(
      'rejected',
    );
  });
});

describe('EPAR rows', () => {
  const eparRow = {
    medicine_name: 'Zutectra',
    active_substance: 'human hepatitis B immunoglobulin',
    atc_code: 'J06BB04',
    manufacturer_name: 'Biotest AG\n',
    address: 'Landsteinerstr. 5\nD-63303 Dreieich\nGermany',
    country: 'Germany',
    manufacturer_step: '1',
  };

  it('reads the step, the town from the address and trims the name', () => {
    const outcome = eparFormat.mapRow(eparRow, 2);
    expect(outcome.kind === 'links' && outcome.links[0]).toMatchObject({
      step: 1,
      site: { name: 'Biotest AG', city: 'Dreieich', country: 'DE' },
    });
  });

  it('keeps a row whose step is NA with an unknown step', () => {
    const outcome = eparFormat.mapRow({ ...eparRow, manufacturer_step: 'NA' }, 2);
    expect(outcome.kind === 'links' && outcome.links[0]?.step).toBeNull();
  });

  it('rejects extraction garbage as manufacturer names', () => {
    for (const name of [
      'B. CONDITIONS',
      'Germany.',
      'responsible for the release of the concerned batch.',
    ]) {
      expect(eparFormat.mapRow({ ...eparRow, manufacturer_name: name }, 3).kind).toBe('rejected');
    }
  });
});

describe('site fields', () => {
  it('counts spellings with another legal form or punctuation as one site', () => {
    expect(siteKeyFromName('Valneva Scotland Ltd.')).toBe(
      siteKeyFromName('Valneva Scotland Limited'),
    );
    expect(siteKeyFromName('Skyepharma Production S.A.S')).toBe(
      siteKeyFromName('Skyepharma  Production S.A.S.'),
    );
  });

  it('keeps companies whose name starts with an initial', () => {
    expect(implausibleManufacturerName('B. Braun Melsungen AG')).toBeUndefined();
  });

  it('finds the town after the postcode', () => {
    expect(cityFromAddress('Zone Industrielle\n37530 Pocé-sur-Cisse')).toBe('Pocé-sur-Cisse');
  });
});
