import { describe, expect, test } from 'vitest';
import { createFormatters } from '../../i18n/format.ts';
import { messages } from '../../i18n/messages.ts';
import type { WatchReason } from './early-warning-api.ts';
import { describeWatchReason, watchFactorName } from './watch-reasons.ts';

const nl = createFormatters('nl', messages.nl);
const en = createFormatters('en', messages.en);

function reason(
  factor: string,
  details: Record<string, unknown>,
  text = 'server text',
): WatchReason {
  return { factor, value: 0.5, points: 5, text, details };
}

describe('the watchlist reasons in words', () => {
  test('low cover says the weeks left, with a decimal comma in Dutch', () => {
    const low = reason('lowCover', { coverWeeks: 1.5 });
    expect(describeWatchReason(low, nl)).toBe('Landelijke voorraad dekt nog 1,5 weken');
    expect(describeWatchReason(low, en)).toBe('National stock covers 1.5 weeks');
    const oneWeek = reason('lowCover', { coverWeeks: 1 });
    expect(describeWatchReason(oneWeek, nl)).toBe('Landelijke voorraad dekt nog 1 week');
    expect(describeWatchReason(oneWeek, en)).toBe('National stock covers 1 week');
    const whole = reason('lowCover', { coverWeeks: 3 });
    expect(describeWatchReason(whole, nl)).toBe('Landelijke voorraad dekt nog 3 weken');
    const none = reason('lowCover', { coverWeeks: 0 });
    expect(describeWatchReason(none, nl)).toBe('Geen landelijke voorraad meer');
    expect(describeWatchReason(none, en)).toBe('No national stock left');
    const unknown = reason('lowCover', { coverWeeks: null });
    expect(describeWatchReason(unknown, nl)).toBe(
      'Landelijke voorraad is laag; de dekking is onbekend',
    );
    expect(describeWatchReason(unknown, en)).toBe('National stock is low; cover is unknown');
  });

  test('falling cover names both weeks and the days between', () => {
    const falling = reason('fallingCover', { fromWeeks: 6.2, toWeeks: 2.5, days: 28 });
    expect(describeWatchReason(falling, nl)).toBe(
      'Dekking daalde van 6,2 naar 2,5 weken in 28 dagen',
    );
    expect(describeWatchReason(falling, en)).toBe('Cover fell from 6.2 to 2.5 weeks in 28 days');
    const noFigure = reason('fallingCover', { fromWeeks: null, toWeeks: 2, days: 28 });
    expect(describeWatchReason(noFigure, nl)).toBe('Dekking daalde in de laatste 28 dagen');
    expect(describeWatchReason(noFigure, en)).toBe('Cover fell over the last 28 days');
  });

  test('a demand spike is a whole percentage of the usual demand', () => {
    const spike = reason('demandSpike', { percentOfUsual: 181.4, windowDays: 7 });
    expect(describeWatchReason(spike, nl)).toBe('Vraag van de laatste 7 dagen is 181% van normaal');
    expect(describeWatchReason(spike, en)).toBe('Demand of the last 7 days is 181% of usual');
  });

  test('a notification names the risk class the notification centre gave it', () => {
    expect(describeWatchReason(reason('notification', { riskClass: 'high' }), nl)).toBe(
      'Openstaande melding, risico ingeschat als hoog',
    );
    expect(describeWatchReason(reason('notification', { riskClass: 'medium' }), nl)).toBe(
      'Openstaande melding, risico ingeschat als middel',
    );
    expect(describeWatchReason(reason('notification', { riskClass: 'low' }), en)).toBe(
      'Open notification, risk rated low',
    );
    expect(describeWatchReason(reason('notification', { riskClass: null }), nl)).toBe(
      'Openstaande melding, nog niet beoordeeld',
    );
    expect(describeWatchReason(reason('notification', { riskClass: null }), en)).toBe(
      'Open notification, not yet assessed',
    );
  });

  test('short abroad names the countries in the reader’s language', () => {
    const abroad = reason('shortAbroad', { countries: ['DE', 'IE'] });
    expect(describeWatchReason(abroad, nl)).toBe('Werkzame stof is tekort in Duitsland en Ierland');
    expect(describeWatchReason(abroad, en)).toBe(
      'Active substance is short in Germany and Ireland',
    );
    const germany = reason('shortAbroad', { countries: ['DE'] });
    expect(describeWatchReason(germany, nl)).toBe('Werkzame stof is tekort in Duitsland');
    const unnamed = reason('shortAbroad', { countries: [] });
    expect(describeWatchReason(unnamed, nl)).toBe('Werkzame stof is tekort in het buitenland');
    expect(describeWatchReason(unnamed, en)).toBe('Active substance is short abroad');
  });

  test('a competitor’s shortage counts the other companies, one or more', () => {
    expect(describeWatchReason(reason('competitorShortage', { companies: 1 }), nl)).toBe(
      '1 ander bedrijf heeft een tekort aan dezelfde stof: de vraag verschuift hierheen',
    );
    expect(describeWatchReason(reason('competitorShortage', { companies: 3 }), nl)).toBe(
      '3 andere bedrijven hebben een tekort aan dezelfde stof: de vraag verschuift hierheen',
    );
    expect(describeWatchReason(reason('competitorShortage', { companies: 1 }), en)).toBe(
      '1 other company is short of the same substance: demand moves here',
    );
    expect(describeWatchReason(reason('competitorShortage', { companies: 2 }), en)).toBe(
      '2 other companies are short of the same substance: demand moves here',
    );
  });

  test('concentration gives the HHI with the thousands mark of the language', () => {
    const concentrated = reason('concentration', { hhi: 6200 });
    expect(describeWatchReason(concentrated, nl)).toBe(
      'Productie van de werkzame stof is geconcentreerd (HHI 6.200)',
    );
    expect(describeWatchReason(concentrated, en)).toBe(
      'Manufacturing of the active substance is concentrated (HHI 6,200)',
    );
    expect(describeWatchReason(reason('concentration', { hhi: null }), nl)).toBe(
      'Concentratie van de productie is onbekend',
    );
  });

  test('a stopped site says whether it was the only one, all, or some of them', () => {
    const only = reason('siteFailure', { stoppedSites: 1, sites: 1, stoppedSiteIds: [7] });
    expect(describeWatchReason(only, nl)).toBe(
      'De enige productielocatie van de werkzame stof ligt stil',
    );
    expect(describeWatchReason(only, en)).toBe(
      'The only manufacturing site of the active substance has stopped',
    );
    const all = reason('siteFailure', { stoppedSites: 2, sites: 2, stoppedSiteIds: [7, 8] });
    expect(describeWatchReason(all, nl)).toBe(
      'Alle 2 productielocaties van de werkzame stof liggen stil',
    );
    const one = reason('siteFailure', { stoppedSites: 1, sites: 3, stoppedSiteIds: [7] });
    expect(describeWatchReason(one, nl)).toBe(
      '1 van 3 productielocaties van de werkzame stof ligt stil',
    );
    expect(describeWatchReason(one, en)).toBe(
      '1 of 3 manufacturing sites of the active substance has stopped',
    );
    const some = reason('siteFailure', { stoppedSites: 2, sites: 5, stoppedSiteIds: [7, 8] });
    expect(describeWatchReason(some, nl)).toBe(
      '2 van 5 productielocaties van de werkzame stof liggen stil',
    );
    expect(describeWatchReason(some, en)).toBe(
      '2 of 5 manufacturing sites of the active substance have stopped',
    );
  });

  test('a factor the app does not know yet keeps the server’s English and its key', () => {
    const novel = reason('weatherAlert', { days: 3 }, 'storm closes the port for 3 days');
    expect(describeWatchReason(novel, nl)).toBe('storm closes the port for 3 days');
    expect(watchFactorName('weatherAlert', nl)).toBe('weatherAlert');
    expect(watchFactorName('lowCover', nl)).toBe('Lage voorraad');
    expect(watchFactorName('lowCover', en)).toBe('Low stock');
  });
});
