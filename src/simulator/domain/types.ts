/**
 * The simulated market: what goes in (the real reference data and the parameters) and what comes
 * out (catalogue, series, events and the ground truth of shortages). Days are indexes into the
 * series (day 0 = `startDate`); every day range is inclusive.
 */
import type { MarketSeries } from '../../stock/index.ts';

export type { MarketSeries } from '../../stock/index.ts';

/** Bumped whenever the model changes, so a stored market is recognised as another one. */
export const SIMULATOR_VERSION = 1;

/** Holder index 0 of the series is each pack's own marketing-authorisation holder. */
export const MAH_HOLDER_INDEX = 0;
/**
 * `series.holderIds[0]`: not one organisation but "the pack's MAH" (see `SimulatedPack.mahId`);
 * organisation ids start at 1, so 0 is never a real one.
 */
export const MAH_HOLDER_ID = 0;

// ---------------------------------------------------------------------------------------------
// Input

/** A real manufacturing site of a substance (one plant; the same plant in two registers is one). */
export interface ReferenceSite {
  readonly siteId: number;
  readonly country: string;
}

/** A real substance (ATC level 5) with its active-substance sites. */
export interface ReferenceSubstance {
  readonly atc: string;
  readonly name: string;
  readonly critical: boolean;
  readonly sites: readonly ReferenceSite[];
}

/** The real reference data the market is built from, read by a service, never by the domain. */
export interface MarketReference {
  /** The registry's data version: another version gives another market. */
  readonly version: string;
  readonly substances: readonly ReferenceSubstance[];
}

/** Weeks of average demand each holder type must hold (the Dutch stock obligation). */
export interface StockObligation {
  readonly mahWeeks: number;
  /** Extra weeks MAHs hold for medicines on the critical list. */
  readonly mahCriticalExtraWeeks: number;
  readonly wholesalerWeeks: number;
  /** Extra weeks wholesalers hold for medicines on the critical list. */
  readonly wholesalerCriticalExtraWeeks: number;
}

/** How often things go wrong, per year. */
export interface SimulationRates {
  readonly productionProblemsPerProductYear: number;
  readonly siteFailuresPerYear: number;
  readonly demandShocksPerSubstanceYear: number;
  /** Share of a short pack's unserved demand that moves to competitors of the same substance. */
  readonly cascadeShare: number;
}

/** An event the caller wants in the market on top of (or instead of) the random ones. */
export type PlannedEvent =
  | {
      readonly kind: 'site_failure';
      readonly siteId: number;
      readonly startDay: number;
      readonly days: number;
    }
  | {
      readonly kind: 'production_problem';
      readonly productId: number;
      readonly startDay: number;
      readonly days: number;
      /** Share of the output lost, 0 < x <= 1. */
      readonly outputLost: number;
    }
  | {
      readonly kind: 'demand_shock';
      readonly atc: string;
      readonly startDay: number;
      readonly days: number;
      readonly multiplier: number;
    };

export interface SimulationConfig {
  readonly seed: number;
  readonly reference: MarketReference;
  /** Packs in the market (exactly). Default 1,500. */
  readonly packs?: number;
  /** Holders: the MAH slot plus the wholesalers. Default 11 (ten wholesalers). */
  readonly holders?: number;
  /** Days simulated. Default 400. */
  readonly days?: number;
  /** ISO date of day 0. Default 2024-01-01. */
  readonly startDate?: string;
  readonly obligation?: Partial<StockObligation>;
  readonly rates?: Partial<SimulationRates>;
  readonly plannedEvents?: readonly PlannedEvent[];
}

/** The parameters a market was made with: with the reference version they determine it fully. */
export interface SimulationParameters {
  readonly simulatorVersion: number;
  readonly seed: number;
  readonly packs: number;
  readonly holders: number;
  readonly days: number;
  readonly startDate: string;
  readonly referenceVersion: string;
  readonly obligation: StockObligation;
  readonly rates: SimulationRates;
  readonly plannedEvents: readonly PlannedEvent[];
}

// ---------------------------------------------------------------------------------------------
// Catalogue

export interface SimulatedCompany {
  readonly id: number;
  readonly kind: 'mah';
  readonly name: string;
  /** Marks the organisation as simulated in the database (organisation.external_code). */
  readonly externalCode: string;
  /** Weeks of average demand the company aims to hold: the obligation, or less for a laggard. */
  readonly targetWeeks: number;
}

export interface SimulatedWholesaler {
  readonly id: number;
  readonly kind: 'wholesaler';
  readonly name: string;
  readonly externalCode: string;
  /** Index in `series.holderIds`. */
  readonly holderIndex: number;
  /** Share of the national demand its customers order from it. */
  readonly marketShare: number;
  readonly targetWeeks: number;
}

export interface SimulatedSubstance {
  readonly atc: string;
  readonly name: string;
  readonly critical: boolean;
  /** Relative winter peak of demand (0 = none; 0.4 = 40% above the mean in mid-January). */
  readonly seasonalAmplitude: number;
  readonly sites: readonly ReferenceSite[];
}

export interface SimulatedProduct {
  readonly id: number;
  /** Invented RVG numbers (RVG 9xxxxx, beyond the real range). */
  readonly registrationNumber: string;
  readonly name: string;
  readonly mahId: number;
  readonly atc: string;
  /** Dose form code of src/products (EDQM-like vocabulary). */
  readonly doseForm: string;
  readonly route: string;
  /** As written ("500 mg") and as a comparable key ("500mg"). */
  readonly strength: string;
  readonly strengthKey: string;
  readonly hospitalOnly: boolean;
  /** Real site ids its active substance comes from (one of them or several). */
  readonly apiSiteIds: readonly number[];
  /** Days from a production order to the goods at the MAH. */
  readonly leadTimeDays: number;
  /** Days of demand one production batch covers. */
  readonly batchCycleDays: number;
}

export interface SimulatedPack {
  readonly id: number;
  /** Index in the series. */
  readonly index: number;
  readonly productId: number;
  readonly mahId: number;
  readonly atc: string;
  readonly critical: boolean;
  /** 14 digits, GS1 prefix 8790 (invented), valid check digit. */
  readonly gtin: string;
  /** Invented Z-index number, 9xxxxxxx. */
  readonly nationalCode: string;
  readonly description: string;
  readonly packSize: number;
  readonly packUnit: string;
  /** Mean national demand in packs per day before season, trend and events. */
  readonly meanDailyDemand: number;
  /** Rare product: demand comes in occasional lumps, most days none. */
  readonly intermittent: boolean;
}

export interface MarketCatalogue {
  readonly companies: readonly SimulatedCompany[];
  readonly wholesalers: readonly SimulatedWholesaler[];
  readonly substances: readonly SimulatedSubstance[];
  readonly products: readonly SimulatedProduct[];
  /** In series order: `packs[i].index === i`, grouped by substance. */
  readonly packs: readonly SimulatedPack[];
}

// ---------------------------------------------------------------------------------------------
// Output

interface EventBase {
  readonly id: number;
  readonly startDay: number;
  readonly endDay: number;
  readonly startDate: string;
  readonly endDate: string;
  /** Pack ids the event hits. */
  readonly packIds: readonly number[];
}

export type SimulatedEvent =
  | (EventBase & {
      readonly kind: 'production_problem';
      readonly atc: string;
      readonly productId: number;
      readonly outputLost: number;
    })
  | (EventBase & {
      readonly kind: 'site_failure';
      readonly siteId: number;
      readonly country: string;
      readonly atcCodes: readonly string[];
      /** Packs whose active substance comes from this site only: their supply stops. */
      readonly soleSourcePackIds: readonly number[];
    })
  | (EventBase & {
      readonly kind: 'demand_shock';
      readonly atc: string;
      readonly multiplier: number;
    })
  | (EventBase & {
      readonly kind: 'competitor_cascade';
      readonly atc: string;
      /** The pack whose shortage moved its demand to `packIds`. */
      readonly sourcePackId: number;
      /** What caused that shortage (null: ordinary demand variability). */
      readonly causeEventId: number | null;
      readonly unitsMoved: number;
    });

export type SimulatedEventKind = SimulatedEvent['kind'];

export const EVENT_KINDS: readonly SimulatedEventKind[] = [
  'production_problem',
  'site_failure',
  'demand_shock',
  'competitor_cascade',
];

/**
 * One shortage of the ground truth: a maximal run of days on which the pack's national stock
 * (all holders) was 0 at the end of the day, with demand on at least one of them.
 */
export interface SimulatedShortage {
  readonly id: number;
  readonly packId: number;
  readonly packIndex: number;
  readonly atc: string;
  readonly critical: boolean;
  readonly startDay: number;
  readonly endDay: number;
  readonly startDate: string;
  readonly endDate: string;
  /** Still short on the last simulated day. */
  readonly ongoing: boolean;
  /** Units asked for and not delivered. */
  readonly unmetUnits: number;
  /** The event that caused it; null when nothing but ordinary demand variability did. */
  readonly causeEventId: number | null;
}

/**
 * The MAHs' production orders, one entry per order (columnar): when it was placed, when it was
 * expected (what `series.incoming` shows) and how much. Orders already on their way on day 0 have
 * a negative order day. A disrupted order arrives later than planned, or in part.
 */
export interface ProductionOrders {
  readonly packIndex: Int32Array;
  readonly orderDay: Int32Array;
  readonly plannedDay: Int32Array;
  readonly quantity: Float64Array;
}

export interface SimulatedMarket {
  readonly parameters: SimulationParameters;
  readonly catalogue: MarketCatalogue;
  readonly series: MarketSeries;
  readonly events: readonly SimulatedEvent[];
  readonly shortages: readonly SimulatedShortage[];
  readonly productionOrders: ProductionOrders;
}
