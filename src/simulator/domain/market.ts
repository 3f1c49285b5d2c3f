/**
 * The national market, day by day: demand reaches the wholesalers (each serves its customers'
 * share; when one runs dry its customers try the others, and the MAH delivers directly as a last
 * resort); wholesalers reorder from the MAH when their stock falls under the obligation; the MAH
 * orders production batches that arrive after the product's lead time, unless a production
 * problem or a failure of the site its active substance comes from holds them back; a shortage
 * moves part of its unserved demand to the competitors of the same substance (a cascade).
 *
 * Substances do not interact (a cascade stays within its substance), so the market runs one
 * substance at a time, each on its own random streams: a change in one substance leaves every
 * other one exactly as it was, and the stock array is written row by row (cache-friendly).
 *
 * Every quantity is a whole number of packs, so the Float32 series hold them exactly (below 2^24)
 * and "national stock is 0" is an exact test.
 */
import { addDays, buildCalendar, isIsoDate, type Calendar } from './calendar.ts';
import { buildCatalogue } from './catalogue.ts';
import { drawPackDemand, type Shock } from './demand.ts';
import { drawEvents, type CascadeDraft, type DraftEvent, type DrawnEvents } from './events.ts';
import { createRandom, deriveSeed, standardNormal, uniformInt } from '../../kernel/random.ts';
import { cumulativeWholesalerShares, splitOffset } from './wholesale.ts';
import {
  EVENT_KINDS,
  MAH_HOLDER_ID,
  SIMULATOR_VERSION,
  type MarketCatalogue,
  type SimulatedEvent,
  type SimulatedMarket,
  type SimulatedShortage,
  type SimulationConfig,
  type SimulationParameters,
  type SimulationRates,
  type StockObligation,
} from './types.ts';

/**
 * The Dutch stock obligation: company 6 weeks, wholesaler 4 weeks of average demand, 2 more at
 * wholesalers for medicines on the critical list (as config/stock-obligation.json has it).
 */
export const DEFAULT_OBLIGATION: StockObligation = {
  mahWeeks: 6,
  mahCriticalExtraWeeks: 0,
  wholesalerWeeks: 4,
  wholesalerCriticalExtraWeeks: 2,
};

export const DEFAULT_RATES: SimulationRates = {
  productionProblemsPerProductYear: 0.25,
  siteFailuresPerYear: 4,
  demandShocksPerSubstanceYear: 0.05,
  cascadeShare: 0.8,
};

/** The demo market: ~1,500 packs, the MAH and ten wholesalers, 400 days. */
export const DEMO_SIZE = { packs: 1_500, holders: 11, days: 400 } as const;
/** National size (issue 5): ~15,000 packs, the MAH and eleven wholesalers, two years. */
export const NATIONAL_SIZE = { packs: 15_000, holders: 12, days: 730 } as const;
export const DEFAULT_START_DATE = '2024-01-01';

/**
 * Holders measure average demand as the stock obligation does: over the trailing 8 weeks (the
 * window src/stock's compliance uses), a wholesaler over what its own customers asked of it.
 */
const DEMAND_WINDOW_DAYS = 56;
/** Days after a disruption ends before held-back batches arrive. */
const RECOVERY_DAYS = 7;
/** Days after an event ends within which it still counts as the cause of a shortage. */
const CAUSE_GRACE_DAYS = 14;
/**
 * Floors of the MAH's policy in packs: for a rare pack a few weeks of average demand are less than
 * one order, so the MAH keeps a few packs whatever the average says.
 */
const MINIMUM_REORDER_POINT = 5;
const MINIMUM_ORDER_UP_TO = 8;
/** Most the MAH orders at once, in batch cycles of base demand (spare capacity is limited). */
const CAPACITY_CYCLES = 3;

function checkWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return value;
}

/** The parameters with every default filled in; throws RangeError on impossible values. */
export function resolveParameters(config: SimulationConfig): SimulationParameters {
  const startDate = config.startDate ?? DEFAULT_START_DATE;
  if (!isIsoDate(startDate)) throw new RangeError(`startDate must be YYYY-MM-DD, not ${startDate}`);
  const rates = { ...DEFAULT_RATES, ...config.rates };
  for (const [name, value] of Object.entries(rates)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be 0 or more`);
  }
  if (rates.cascadeShare > 1) throw new RangeError('cascadeShare must be at most 1');
  const obligation = { ...DEFAULT_OBLIGATION, ...config.obligation };
  for (const [name, value] of Object.entries(obligation)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be 0 or more`);
  }
  return {
    simulatorVersion: SIMULATOR_VERSION,
    seed: checkWhole('seed', config.seed, 0, 0xffffffff),
    packs: checkWhole('packs', config.packs ?? DEMO_SIZE.packs, 1, 1_000_000),
    holders: checkWhole('holders', config.holders ?? DEMO_SIZE.holders, 2, 64),
    days: checkWhole('days', config.days ?? DEMO_SIZE.days, 1, 3_660),
    startDate,
    referenceVersion: config.reference.version,
    obligation,
    rates,
    plannedEvents: config.plannedEvents ?? [],
  };
}

interface ShortageDraft {
  readonly packIndex: number;
  readonly startDay: number;
  readonly endDay: number;
  readonly ongoing: boolean;
  readonly unmetUnits: number;
  readonly causeRef: number | null;
}

interface RunContext {
  readonly parameters: SimulationParameters;
  readonly catalogue: MarketCatalogue;
  readonly calendar: Calendar;
  readonly drawn: DrawnEvents;
  readonly stock: Float32Array;
  readonly demand: Float32Array;
  readonly incoming: Float32Array;
  /** Cumulative wholesaler shares by holder index (index 0 = 0). */
  readonly cumulativeShare: Float64Array;
  readonly shares: Float64Array;
  readonly productIndexById: ReadonlyMap<number, number>;
  readonly targetWeeksByCompany: ReadonlyMap<number, number>;
  readonly wholesalerWeeks: Float64Array;
  readonly shortages: ShortageDraft[];
  readonly cascades: CascadeDraft[];
  readonly orders: { pack: number[]; ordered: number[]; planned: number[]; quantity: number[] };
  nextRef: number;
}

/**
 * Simulates a national market: deterministic by `seed` (the same config gives the same market,
 * bit for bit). Stock follows the Dutch stock obligation (company 6, wholesaler 4 weeks of
 * average demand by default: DESIGN.md glossary "stock obligation", issue 5).
 */
export function simulateMarket(config: SimulationConfig): SimulatedMarket {
  const parameters = resolveParameters(config);
  const { days, holders, startDate } = parameters;
  const catalogue = buildCatalogue(config.reference, {
    seed: parameters.seed,
    packs: parameters.packs,
    wholesalers: holders - 1,
    obligation: parameters.obligation,
  });
  const packs = catalogue.packs.length;
  const calendar = buildCalendar(startDate, days);
  const drawn = drawEvents(parameters, catalogue);
  const shares = new Float64Array(holders);
  const wholesalerWeeks = new Float64Array(holders);
  for (const wholesaler of catalogue.wholesalers) {
    shares[wholesaler.holderIndex] = wholesaler.marketShare;
    wholesalerWeeks[wholesaler.holderIndex] = wholesaler.targetWeeks;
  }
  const cumulativeShare = cumulativeWholesalerShares(catalogue, holders);

  const context: RunContext = {
    parameters,
    catalogue,
    calendar,
    drawn,
    stock: new Float32Array(holders * packs * days),
    demand: new Float32Array(packs * days),
    incoming: new Float32Array(packs * days),
    cumulativeShare,
    shares,
    productIndexById: new Map(catalogue.products.map((p, index) => [p.id, index])),
    targetWeeksByCompany: new Map(catalogue.companies.map((c) => [c.id, c.targetWeeks])),
    wholesalerWeeks,
    shortages: [],
    cascades: [],
    orders: { pack: [], ordered: [], planned: [], quantity: [] },
    nextRef: drawn.drafts.length,
  };

  let first = 0;
  for (let substanceIndex = 0; substanceIndex < catalogue.substances.length; substanceIndex++) {
    const atc = catalogue.substances[substanceIndex]?.atc;
    let last = first;
    while (last < packs && catalogue.packs[last]?.atc === atc) last++;
    if (last > first) simulateSubstance(context, substanceIndex, first, last);
    first = last;
  }

  const series = {
    startDate,
    days,
    packIds: Int32Array.from(catalogue.packs, (pack) => pack.id),
    holderIds: Int32Array.from([MAH_HOLDER_ID, ...catalogue.wholesalers.map((w) => w.id)]),
    stock: context.stock,
    demand: context.demand,
    incoming: context.incoming,
  };
  const { events, idByRef } = finaliseEvents(context);
  const shortages: SimulatedShortage[] = [...context.shortages]
    .sort((a, b) => a.startDay - b.startDay || a.packIndex - b.packIndex)
    .map((draft, index) => {
      const pack = catalogue.packs[draft.packIndex];
      return {
        id: index + 1,
        packId: pack?.id ?? 0,
        packIndex: draft.packIndex,
        atc: pack?.atc ?? '',
        critical: pack?.critical ?? false,
        startDay: draft.startDay,
        endDay: draft.endDay,
        startDate: addDays(startDate, draft.startDay),
        endDate: addDays(startDate, draft.endDay),
        ongoing: draft.ongoing,
        unmetUnits: draft.unmetUnits,
        causeEventId: draft.causeRef === null ? null : (idByRef.get(draft.causeRef) ?? null),
      };
    });
  const productionOrders = {
    packIndex: Int32Array.from(context.orders.pack),
    orderDay: Int32Array.from(context.orders.ordered),
    plannedDay: Int32Array.from(context.orders.planned),
    quantity: Float64Array.from(context.orders.quantity),
  };
  return { parameters, catalogue, series, events, shortages, productionOrders };
}

/** The share of a product's output lost on a day, and until when the loss lasts. */
function supplyLoss(
  events: readonly DraftEvent[] | undefined,
  apiSiteIds: readonly number[],
  day: number,
): { lost: number; until: number } {
  if (events === undefined) return { lost: 0, until: -1 };
  let keep = 1;
  let until = -1;
  let failedSites = 0;
  for (const event of events) {
    if (event.startDay > day || day > event.endDay) continue;
    if (event.kind === 'production_problem') keep *= 1 - event.outputLost;
    else if (event.kind === 'site_failure') failedSites++;
    else continue;
    if (event.endDay > until) until = event.endDay;
  }
  if (failedSites > 0) keep *= 1 - Math.min(1, failedSites / Math.max(1, apiSiteIds.length));
  return { lost: 1 - keep, until };
}

function simulateSubstance(
  context: RunContext,
  substanceIndex: number,
  first: number,
  last: number,
): void {
  const { parameters, catalogue, calendar, drawn, stock, demand, incoming } = context;
  const { days, holders, seed } = parameters;
  const packs = catalogue.packs.length;
  const n = last - first;
  const substance = catalogue.substances[substanceIndex];
  if (substance === undefined) return;
  const random = createRandom(deriveSeed(seed, 'market', substance.atc));
  const shocks: Shock[] = (drawn.shocksBySubstance.get(substanceIndex) ?? []).flatMap((event) =>
    event.kind === 'demand_shock'
      ? [{ startDay: event.startDay, endDay: event.endDay, multiplier: event.multiplier }]
      : [],
  );
  const extraCriticalWeeks = substance.critical
    ? parameters.obligation.wholesalerCriticalExtraWeeks
    : 0;
  const mahExtraWeeks = substance.critical ? parameters.obligation.mahCriticalExtraWeeks : 0;

  // Static data per pack of the substance.
  const base = new Float64Array(n);
  const leadTime = new Int32Array(n);
  const cycle = new Int32Array(n);
  const mahWeeks = new Float64Array(n);
  const reviewOffset = new Int32Array(n);
  const capacity = new Float64Array(n);
  const productIndexOf = new Int32Array(n);
  const routeOf: string[] = [];
  const mahOf = new Int32Array(n);
  const packIdOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const pack = catalogue.packs[first + i];
    if (pack === undefined) continue;
    const productIndex = context.productIndexById.get(pack.productId) ?? 0;
    const product = catalogue.products[productIndex];
    productIndexOf[i] = productIndex;
    base[i] = pack.meanDailyDemand;
    leadTime[i] = product?.leadTimeDays ?? 60;
    cycle[i] = product?.batchCycleDays ?? 42;
    mahWeeks[i] =
      (context.targetWeeksByCompany.get(pack.mahId) ?? parameters.obligation.mahWeeks) +
      mahExtraWeeks;
    routeOf.push(product?.route ?? 'oral');
    mahOf[i] = pack.mahId;
    packIdOf[i] = pack.id;
    capacity[i] = Math.max(
      4,
      Math.ceil(CAPACITY_CYCLES * (product?.batchCycleDays ?? 42) * pack.meanDailyDemand * 1.5) +
        MINIMUM_ORDER_UP_TO,
    );
    reviewOffset[i] = uniformInt(random, 0, 6);
    drawPackDemand(
      demand,
      (first + i) * days,
      {
        meanDailyDemand: pack.meanDailyDemand,
        intermittent: pack.intermittent,
        hospital: product?.hospitalOnly ?? false,
        seasonalAmplitude: substance.seasonalAmplitude,
        trendPerYear: Math.max(-0.15, Math.min(0.15, 0.05 * standardNormal(random))),
      },
      calendar,
      shocks,
      createRandom(deriveSeed(seed, 'demand', pack.id)),
    );
  }
  // Competitors: packs of other MAHs of the same substance and route.
  const competitors: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let j = 0; j < n; j++) {
      if (mahOf[j] !== mahOf[i] && routeOf[j] === routeOf[i]) list.push(j);
    }
    competitors.push(Int32Array.from(list));
  }

  // State: stock per pack and holder (holder 0 = the MAH), demand estimate, production pipeline.
  const H = holders;
  const held = new Float64Array(n * H);
  // Trailing-window demand: national per pack, and per pack and wholesaler with a ring of days.
  const W = DEMAND_WINDOW_DAYS;
  const prior = new Float64Array(n);
  const nationalSum = new Float64Array(n);
  const partSum = new Float64Array(n * H);
  const partRing = new Float64Array(n * H * W);
  const onOrder = new Float64Array(n);
  const arrivals = new Float64Array(n * days);
  const shiftIn = new Float64Array(n);
  const carry = new Float64Array(n);
  const unmetOwn = new Float64Array(n);
  const national = new Float64Array(n);
  const orders = new Float64Array(H);
  const parts = new Float64Array(H);
  const runStart = new Int32Array(n).fill(-1);
  const runDemand = new Float64Array(n);
  const runUnmet = new Float64Array(n);
  const runCause = new Int32Array(n).fill(-1);
  const cascadeOf: (CascadeDraft | undefined)[] = new Array<CascadeDraft | undefined>(n);
  const substanceCascades: CascadeDraft[] = [];

  const logOrder = (packIndex: number, ordered: number, planned: number, quantity: number) => {
    context.orders.pack.push(packIndex);
    context.orders.ordered.push(ordered);
    context.orders.planned.push(planned);
    context.orders.quantity.push(quantity);
  };

  // Start in a steady state: stock somewhere in its cycle, batches already on their way.
  const season0 = 1 + substance.seasonalAmplitude * (calendar.winter[0] ?? 0);
  for (let i = 0; i < n; i++) {
    const e0 = (base[i] ?? 0) * season0;
    prior[i] = e0;
    const L = leadTime[i] ?? 60;
    const C = cycle[i] ?? 42;
    const phase = random() * C;
    held[i * H] = Math.round(((mahWeeks[i] ?? 6) * 7 + C - phase) * e0);
    for (let h = 1; h < H; h++) {
      const weeks = (context.wholesalerWeeks[h] ?? 4) + extraCriticalWeeks;
      held[i * H + h] = Math.round((weeks * 7 + 1 + random() * 7) * (context.shares[h] ?? 0) * e0);
    }
    const batch = Math.max(1, Math.round(C * e0));
    for (let at = Math.max(1, Math.round(C - phase)); at < L + 7; at += C) {
      onOrder[i] = (onOrder[i] ?? 0) + batch;
      logOrder(first + i, at - L, at, batch);
      if (at < days) {
        arrivals[i * days + at] = (arrivals[i * days + at] ?? 0) + batch;
        incoming[(first + i) * days + at] = (incoming[(first + i) * days + at] ?? 0) + batch;
      }
    }
  }

  /**
   * The cause of a shortage that starts on `day`: an event hitting the pack that began before and
   * had not been over for more than CAUSE_GRACE_DAYS. Supply events (production problem, site
   * failure) come first, then a cascade into the pack, then a demand shock; among equals, the
   * latest to start. -1: none (ordinary demand variability).
   */
  const causeAt = (i: number, day: number): number => {
    const candidates: { event: DraftEvent; rank: number }[] = [];
    for (const event of drawn.supplyByProduct.get(productIndexOf[i] ?? 0) ?? []) {
      candidates.push({ event, rank: 0 });
    }
    for (const event of substanceCascades) {
      if (event.receivers.has(first + i)) candidates.push({ event, rank: 1 });
    }
    for (const event of drawn.shocksBySubstance.get(substanceIndex) ?? []) {
      candidates.push({ event, rank: 2 });
    }
    let best = -1;
    let bestRank = 9;
    let bestStart = -1;
    for (const { event, rank } of candidates) {
      if (event.startDay > day || day > event.endDay + CAUSE_GRACE_DAYS) continue;
      const better =
        rank < bestRank ||
        (rank === bestRank &&
          (event.startDay > bestStart || (event.startDay === bestStart && event.ref > best)));
      if (better) {
        best = event.ref;
        bestRank = rank;
        bestStart = event.startDay;
      }
    }
    return best;
  };

  const closeRun = (i: number, endDay: number, ongoing: boolean) => {
    if ((runDemand[i] ?? 0) > 0) {
      const cause = runCause[i] ?? -1;
      context.shortages.push({
        packIndex: first + i,
        startDay: runStart[i] ?? 0,
        endDay,
        ongoing,
        unmetUnits: runUnmet[i] ?? 0,
        causeRef: cause < 0 ? null : cause,
      });
    }
    runStart[i] = -1;
    cascadeOf[i] = undefined;
  };

  const cascadeShare = parameters.rates.cascadeShare;
  for (let day = 0; day < days; day++) {
    for (let i = 0; i < n; i++) {
      const p = first + i;
      const row = i * H;
      // Production batches arrive, less what a production problem or a failed site holds back.
      const due = arrivals[i * days + day] ?? 0;
      if (due > 0) {
        const productIndex = productIndexOf[i] ?? 0;
        const loss = supplyLoss(
          drawn.supplyByProduct.get(productIndex),
          catalogue.products[productIndex]?.apiSiteIds ?? [],
          day,
        );
        let received = due;
        if (loss.lost > 0) {
          received = Math.floor(due * (1 - loss.lost) + 1e-9);
          const later = loss.until + 1 + RECOVERY_DAYS;
          if (later < days)
            arrivals[i * days + later] = (arrivals[i * days + later] ?? 0) + due - received;
        }
        held[row] = (held[row] ?? 0) + received;
        onOrder[i] = (onOrder[i] ?? 0) - received;
      }

      // Demand: the pack's own, plus what moved to it from short competitors yesterday.
      const own = demand[p * days + day] ?? 0;
      const moved = shiftIn[i] ?? 0;
      const asked = own + moved;
      if (moved > 0) demand[p * days + day] = asked;
      shiftIn[i] = 0;

      // Each wholesaler's customers ask it for their part (wholesale.ts); it keeps 8 weeks of them.
      const offset = splitOffset(seed, packIdOf[i] ?? 0, day);
      let previous = 0;
      for (let h = 1; h < H; h++) {
        const upTo = asked > 0 ? Math.floor(asked * (context.cumulativeShare[h] ?? 1) + offset) : 0;
        const part = upTo - previous;
        previous = upTo;
        parts[h] = part;
        const slot = (row + h) * W + (day % W);
        partSum[row + h] = (partSum[row + h] ?? 0) + part - (partRing[slot] ?? 0);
        partRing[slot] = part;
      }

      // Serve: each wholesaler its customers' part; then whoever has stock; then the MAH directly.
      let left = asked;
      if (left > 0) {
        for (let h = 1; h < H; h++) {
          const want = parts[h] ?? 0;
          const have = held[row + h] ?? 0;
          const give = want < have ? want : have;
          held[row + h] = have - give;
          left -= give;
        }
        for (let h = 1; h < H && left > 0; h++) {
          const have = held[row + h] ?? 0;
          const give = left < have ? left : have;
          held[row + h] = have - give;
          left -= give;
        }
        if (left > 0) {
          const have = held[row] ?? 0;
          const give = left < have ? left : have;
          held[row] = have - give;
          left -= give;
        }
      }
      nationalSum[i] =
        (nationalSum[i] ?? 0) + asked - (day >= W ? (demand[p * days + day - W] ?? 0) : 0);
      // Before day 56 the window reaches back before the series: those days count at the prior.
      const missing = day + 1 < W ? W - day - 1 : 0;
      const estimateNow = ((nationalSum[i] ?? 0) + (prior[i] ?? 0) * missing) / W;

      // Wholesalers reorder from the MAH when near their obligation (+ 3 days); up to 10 days more.
      let ordered = 0;
      for (let h = 1; h < H; h++) {
        const weeks = (context.wholesalerWeeks[h] ?? 4) + extraCriticalWeeks;
        const perDay =
          ((partSum[row + h] ?? 0) + (prior[i] ?? 0) * (context.shares[h] ?? 0) * missing) / W;
        const have = held[row + h] ?? 0;
        let want = 0;
        if (have < (weeks * 7 + 3) * perDay) want = Math.ceil((weeks * 7 + 10) * perDay - have);
        orders[h] = want;
        ordered += want;
      }
      if (ordered > 0) {
        const available = held[row] ?? 0;
        let shipped = 0;
        for (let h = 1; h < H; h++) {
          const want = orders[h] ?? 0;
          const give = available >= ordered ? want : Math.floor((want * available) / ordered);
          held[row + h] = (held[row + h] ?? 0) + give;
          orders[h] = want - give;
          shipped += give;
        }
        // Short of stock: rounding left a few units; they go to the largest wholesalers first.
        for (let h = 1; h < H && shipped < available; h++) {
          if ((orders[h] ?? 0) <= 0) continue;
          held[row + h] = (held[row + h] ?? 0) + 1;
          shipped++;
        }
        held[row] = available - shipped;
      }

      // The MAH reviews production weekly: order up to obligation + lead time + one batch cycle.
      if ((day + (reviewOffset[i] ?? 0)) % 7 === 0) {
        const L = leadTime[i] ?? 60;
        const position = (held[row] ?? 0) + (onOrder[i] ?? 0);
        const reorderPoint = Math.max(
          MINIMUM_REORDER_POINT,
          ((mahWeeks[i] ?? 6) * 7 + L + 3) * estimateNow,
        );
        if (position < reorderPoint) {
          const orderUpTo = Math.max(
            MINIMUM_ORDER_UP_TO,
            reorderPoint + (cycle[i] ?? 42) * estimateNow,
          );
          const quantity = Math.max(1, Math.min(capacity[i] ?? 4, Math.ceil(orderUpTo - position)));
          const spread = Math.floor(L / 10);
          const at = day + L + uniformInt(random, -spread, spread);
          onOrder[i] = (onOrder[i] ?? 0) + quantity;
          logOrder(p, day, at, quantity);
          if (at < days) {
            arrivals[i * days + at] = (arrivals[i * days + at] ?? 0) + quantity;
            incoming[p * days + at] = (incoming[p * days + at] ?? 0) + quantity;
          }
        }
      }

      // End of the day: record each holder's stock and follow the national position.
      let total = 0;
      for (let h = 0; h < H; h++) {
        const value = held[row + h] ?? 0;
        stock[(h * packs + p) * days + day] = value;
        total += value;
      }
      national[i] = total;
      if (total === 0) {
        if ((runStart[i] ?? -1) < 0) {
          runStart[i] = day;
          runDemand[i] = 0;
          runUnmet[i] = 0;
          runCause[i] = causeAt(i, day);
        }
        runDemand[i] = (runDemand[i] ?? 0) + asked;
        runUnmet[i] = (runUnmet[i] ?? 0) + left;
      } else if ((runStart[i] ?? -1) >= 0) {
        closeRun(i, day - 1, false);
      }
      unmetOwn[i] = left < own ? left : own;
    }

    // Cascades: part of what a short pack could not deliver is asked of its competitors tomorrow.
    if (cascadeShare > 0 && day + 1 < days) {
      for (let i = 0; i < n; i++) {
        const unmet = unmetOwn[i] ?? 0;
        if (unmet <= 0) continue;
        const list = competitors[i];
        if (list === undefined) continue;
        let weight = 0;
        for (const j of list) if ((national[j] ?? 0) > 0) weight += base[j] ?? 0;
        if (weight <= 0) continue;
        const amount = unmet * cascadeShare;
        let cascade = cascadeOf[i];
        if (cascade === undefined) {
          const cause = runCause[i] ?? -1;
          cascade = {
            ref: context.nextRef++,
            kind: 'competitor_cascade',
            startDay: day + 1,
            endDay: day + 1,
            substanceIndex,
            sourcePackIndex: first + i,
            causeRef: cause < 0 ? null : cause,
            receivers: new Set<number>(),
            unitsMoved: 0,
          };
          cascadeOf[i] = cascade;
          substanceCascades.push(cascade);
          context.cascades.push(cascade);
        }
        cascade.endDay = day + 1;
        cascade.unitsMoved += amount;
        for (const j of list) {
          if ((national[j] ?? 0) <= 0) continue;
          const share = (amount * (base[j] ?? 0)) / weight;
          const pending = (carry[j] ?? 0) + share;
          const whole = Math.floor(pending + 1e-9);
          carry[j] = pending - whole;
          shiftIn[j] = (shiftIn[j] ?? 0) + whole;
          cascade.receivers.add(first + j);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) if ((runStart[i] ?? -1) >= 0) closeRun(i, days - 1, true);
}

function finaliseEvents(context: RunContext): {
  events: SimulatedEvent[];
  idByRef: Map<number, number>;
} {
  const { catalogue, parameters } = context;
  const packsByProduct = new Map<number, number[]>();
  const packsBySubstance = new Map<string, number[]>();
  for (const pack of catalogue.packs) {
    const ofProduct = packsByProduct.get(pack.productId) ?? [];
    ofProduct.push(pack.id);
    packsByProduct.set(pack.productId, ofProduct);
    const ofSubstance = packsBySubstance.get(pack.atc) ?? [];
    ofSubstance.push(pack.id);
    packsBySubstance.set(pack.atc, ofSubstance);
  }
  const drafts: DraftEvent[] = [...context.drawn.drafts, ...context.cascades];
  const kindOrder = (kind: DraftEvent['kind']) => EVENT_KINDS.indexOf(kind);
  drafts.sort(
    (a, b) => a.startDay - b.startDay || kindOrder(a.kind) - kindOrder(b.kind) || a.ref - b.ref,
  );
  const idByRef = new Map<number, number>();
  drafts.forEach((draft, index) => idByRef.set(draft.ref, index + 1));
  const dates = (draft: DraftEvent) => ({
    id: idByRef.get(draft.ref) ?? 0,
    startDay: draft.startDay,
    endDay: draft.endDay,
    startDate: addDays(parameters.startDate, draft.startDay),
    endDate: addDays(parameters.startDate, draft.endDay),
  });
  const events = drafts.map((draft): SimulatedEvent => {
    switch (draft.kind) {
      case 'production_problem': {
        const product = catalogue.products[draft.productIndex];
        return {
          ...dates(draft),
          kind: 'production_problem',
          packIds: packsByProduct.get(product?.id ?? 0) ?? [],
          atc: product?.atc ?? '',
          productId: product?.id ?? 0,
          outputLost: draft.outputLost,
        };
      }
      case 'site_failure': {
        const dependent = catalogue.products.filter((p) => p.apiSiteIds.includes(draft.siteId));
        const packIdsOf = (products: readonly { id: number }[]) =>
          products.flatMap((p) => packsByProduct.get(p.id) ?? []);
        return {
          ...dates(draft),
          kind: 'site_failure',
          packIds: packIdsOf(dependent),
          siteId: draft.siteId,
          country: draft.country,
          atcCodes: [...new Set(dependent.map((p) => p.atc))].sort(),
          soleSourcePackIds: packIdsOf(dependent.filter((p) => p.apiSiteIds.length === 1)),
        };
      }
      case 'demand_shock': {
        const atc = catalogue.substances[draft.substanceIndex]?.atc ?? '';
        return {
          ...dates(draft),
          kind: 'demand_shock',
          packIds: packsBySubstance.get(atc) ?? [],
          atc,
          multiplier: draft.multiplier,
        };
      }
      case 'competitor_cascade': {
        const source = catalogue.packs[draft.sourcePackIndex];
        return {
          ...dates(draft),
          kind: 'competitor_cascade',
          packIds: [...draft.receivers]
            .sort((a, b) => a - b)
            .map((index) => catalogue.packs[index]?.id ?? 0),
          atc: source?.atc ?? '',
          sourcePackId: source?.id ?? 0,
          causeEventId: draft.causeRef === null ? null : (idByRef.get(draft.causeRef) ?? null),
          unitsMoved: Math.round(draft.unitsMoved),
        };
      }
      default: {
        const unexpected: never = draft;
        throw new Error(`unknown event ${JSON.stringify(unexpected)}`);
      }
    }
  });
  return { events, idByRef };
}
