/**
 * The events drawn before the market runs: production problems per product, failures of real
 * sites, demand shocks per substance, and the events the caller planned. Competitor cascades are
 * not drawn: they follow from shortages while the market runs (market.ts).
 */
import {
  createRandom,
  deriveSeed,
  logNormal,
  pickWeighted,
  poisson,
  uniform,
  uniformInt,
  type Random,
} from '../../kernel/random.ts';
import type { MarketCatalogue, SimulationParameters } from './types.ts';

/** An event while the market is being built; refs become public ids at the end. */
export type DraftEvent =
  | {
      readonly ref: number;
      readonly kind: 'production_problem';
      readonly startDay: number;
      readonly endDay: number;
      readonly productIndex: number;
      readonly outputLost: number;
    }
  | {
      readonly ref: number;
      readonly kind: 'site_failure';
      readonly startDay: number;
      readonly endDay: number;
      readonly siteId: number;
      readonly country: string;
    }
  | {
      readonly ref: number;
      readonly kind: 'demand_shock';
      readonly startDay: number;
      readonly endDay: number;
      readonly substanceIndex: number;
      readonly multiplier: number;
    }
  | {
      readonly ref: number;
      readonly kind: 'competitor_cascade';
      readonly startDay: number;
      endDay: number;
      readonly substanceIndex: number;
      readonly sourcePackIndex: number;
      readonly causeRef: number | null;
      readonly receivers: Set<number>;
      unitsMoved: number;
    };

export type CascadeDraft = Extract<DraftEvent, { kind: 'competitor_cascade' }>;

/** A whole number of events for a rate over the period: the expected count, rounded at random. */
function countFor(random: Random, expected: number): number {
  const whole = Math.floor(expected);
  return whole + (random() < expected - whole ? 1 : 0);
}

export interface DrawnEvents {
  readonly drafts: DraftEvent[];
  /** Events by product index (production problems and failures of its sites). */
  readonly supplyByProduct: ReadonlyMap<number, readonly DraftEvent[]>;
  /** Demand shocks by substance index. */
  readonly shocksBySubstance: ReadonlyMap<number, readonly DraftEvent[]>;
}

/** Draws every non-cascade event of the market; deterministic by seed. */
export function drawEvents(
  parameters: SimulationParameters,
  catalogue: MarketCatalogue,
): DrawnEvents {
  const { days, rates, seed } = parameters;
  const years = days / 365;
  const drafts: DraftEvent[] = [];
  const productIndexById = new Map(catalogue.products.map((p, index) => [p.id, index]));
  const substanceIndexByAtc = new Map(catalogue.substances.map((s, index) => [s.atc, index]));
  const lastDay = days - 1;

  // Production problems: each product on its own stream, so products do not disturb each other.
  for (const [productIndex, product] of catalogue.products.entries()) {
    const random = createRandom(deriveSeed(seed, 'problems', product.id));
    const count = poisson(random, rates.productionProblemsPerProductYear * years);
    for (let k = 0; k < count; k++) {
      const startDay = uniformInt(random, 0, lastDay);
      const length = Math.min(365, Math.max(7, Math.round(logNormal(random, 60, 0.8))));
      const outputLost = random() < 0.7 ? 1 : Math.round(uniform(random, 0.3, 0.8) * 100) / 100;
      drafts.push({
        ref: drafts.length,
        kind: 'production_problem',
        startDay,
        endDay: Math.min(lastDay, startDay + length - 1),
        productIndex,
        outputLost,
      });
    }
  }

  // Site failures: a real site, more likely one many products depend on; never the same twice.
  const productsBySite = new Map<number, number>();
  for (const product of catalogue.products) {
    for (const siteId of product.apiSiteIds) {
      productsBySite.set(siteId, (productsBySite.get(siteId) ?? 0) + 1);
    }
  }
  const countryBySite = new Map<number, string>();
  for (const substance of catalogue.substances) {
    for (const site of substance.sites) countryBySite.set(site.siteId, site.country);
  }
  const siteIds = [...productsBySite.keys()].sort((a, b) => a - b);
  const siteWeights = siteIds.map((id) => productsBySite.get(id) ?? 0);
  const siteRandom = createRandom(deriveSeed(seed, 'site-failures'));
  const failures = Math.min(
    siteIds.length,
    countFor(siteRandom, rates.siteFailuresPerYear * years),
  );
  for (let k = 0; k < failures; k++) {
    const pick = pickWeighted(siteRandom, siteWeights);
    siteWeights[pick] = 0;
    const siteId = siteIds[pick] ?? 0;
    const startDay = uniformInt(siteRandom, Math.min(14, lastDay), Math.max(14, days - 42));
    const length = uniformInt(siteRandom, 28, 180);
    drafts.push({
      ref: drafts.length,
      kind: 'site_failure',
      startDay: Math.min(startDay, lastDay),
      endDay: Math.min(lastDay, startDay + length - 1),
      siteId,
      country: countryBySite.get(siteId) ?? 'XX',
    });
  }

  // Demand shocks: a substance's demand jumps (an outbreak, a scare, a guideline change).
  for (const [substanceIndex, substance] of catalogue.substances.entries()) {
    const random = createRandom(deriveSeed(seed, 'shocks', substance.atc));
    const count = poisson(random, rates.demandShocksPerSubstanceYear * years);
    for (let k = 0; k < count; k++) {
      const startDay = uniformInt(random, 0, lastDay);
      const length = uniformInt(random, 14, 70);
      drafts.push({
        ref: drafts.length,
        kind: 'demand_shock',
        startDay,
        endDay: Math.min(lastDay, startDay + length - 1),
        substanceIndex,
        multiplier: Math.round(uniform(random, 1.5, 3.5) * 100) / 100,
      });
    }
  }

  for (const planned of parameters.plannedEvents) {
    const startDay = Math.max(0, Math.min(lastDay, planned.startDay));
    const endDay = Math.min(lastDay, startDay + Math.max(1, planned.days) - 1);
    switch (planned.kind) {
      case 'site_failure':
        drafts.push({
          ref: drafts.length,
          kind: 'site_failure',
          startDay,
          endDay,
          siteId: planned.siteId,
          country: countryBySite.get(planned.siteId) ?? 'XX',
        });
        break;
      case 'production_problem': {
        const productIndex = productIndexById.get(planned.productId);
        if (productIndex === undefined) throw new RangeError(`no product ${planned.productId}`);
        drafts.push({
          ref: drafts.length,
          kind: 'production_problem',
          startDay,
          endDay,
          productIndex,
          outputLost: Math.min(1, Math.max(0.01, planned.outputLost)),
        });
        break;
      }
      case 'demand_shock': {
        const substanceIndex = substanceIndexByAtc.get(planned.atc);
        if (substanceIndex === undefined) {
          throw new RangeError(`substance ${planned.atc} is not in the market`);
        }
        drafts.push({
          ref: drafts.length,
          kind: 'demand_shock',
          startDay,
          endDay,
          substanceIndex,
          multiplier: planned.multiplier,
        });
        break;
      }
      default: {
        const unexpected: never = planned;
        throw new Error(`unknown planned event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  const supplyByProduct = new Map<number, DraftEvent[]>();
  const shocksBySubstance = new Map<number, DraftEvent[]>();
  const addTo = (map: Map<number, DraftEvent[]>, key: number, event: DraftEvent) => {
    const list = map.get(key) ?? [];
    list.push(event);
    map.set(key, list);
  };
  const productsUsingSite = new Map<number, number[]>();
  for (const [productIndex, product] of catalogue.products.entries()) {
    for (const siteId of product.apiSiteIds) {
      const list = productsUsingSite.get(siteId) ?? [];
      list.push(productIndex);
      productsUsingSite.set(siteId, list);
    }
  }
  for (const event of drafts) {
    if (event.kind === 'production_problem') addTo(supplyByProduct, event.productIndex, event);
    else if (event.kind === 'site_failure') {
      for (const productIndex of productsUsingSite.get(event.siteId) ?? []) {
        addTo(supplyByProduct, productIndex, event);
      }
    } else if (event.kind === 'demand_shock') addTo(shocksBySubstance, event.substanceIndex, event);
  }
  return { drafts, supplyByProduct, shocksBySubstance };
}
