/** What a simulated market amounts to, in a few figures, and a digest that identifies it. */
import { addDays } from './calendar.ts';
import { EVENT_KINDS, type SimulatedEventKind, type SimulatedMarket } from './types.ts';

export interface MarketSummary {
  readonly seed: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly days: number;
  readonly packs: number;
  readonly products: number;
  readonly substances: number;
  readonly companies: number;
  readonly wholesalers: number;
  /** Holder slots of the series: each pack's MAH plus the wholesalers. */
  readonly holders: number;
  readonly stockCells: number;
  readonly eventsByKind: Readonly<Record<SimulatedEventKind, number>>;
  readonly shortages: number;
  /** Shortages by the kind of event that caused them; `none`: ordinary demand variability. */
  readonly shortagesByCause: Readonly<Record<SimulatedEventKind | 'none', number>>;
  readonly packsHit: number;
  readonly criticalPacks: number;
  readonly criticalPacksHit: number;
  /** Share of the packs of critical-list substances that had at least one shortage. */
  readonly criticalShareHit: number;
  readonly medianShortageDays: number | null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summariseMarket(market: SimulatedMarket): MarketSummary {
  const { catalogue, series, events, shortages, parameters } = market;
  const eventsByKind = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as Record<
    SimulatedEventKind,
    number
  >;
  for (const event of events) eventsByKind[event.kind]++;
  const kindById = new Map(events.map((event) => [event.id, event.kind]));
  const shortagesByCause = Object.fromEntries(
    [...EVENT_KINDS, 'none'].map((kind) => [kind, 0]),
  ) as Record<SimulatedEventKind | 'none', number>;
  for (const shortage of shortages) {
    const kind = shortage.causeEventId === null ? undefined : kindById.get(shortage.causeEventId);
    shortagesByCause[kind ?? 'none']++;
  }
  const packsHit = new Set(shortages.map((s) => s.packId));
  const criticalPacks = catalogue.packs.filter((p) => p.critical);
  const criticalPacksHit = criticalPacks.filter((p) => packsHit.has(p.id)).length;
  return {
    seed: parameters.seed,
    startDate: series.startDate,
    endDate: addDays(series.startDate, series.days - 1),
    days: series.days,
    packs: catalogue.packs.length,
    products: catalogue.products.length,
    substances: catalogue.substances.length,
    companies: catalogue.companies.length,
    wholesalers: catalogue.wholesalers.length,
    holders: series.holderIds.length,
    stockCells: series.stock.length,
    eventsByKind,
    shortages: shortages.length,
    shortagesByCause,
    packsHit: packsHit.size,
    criticalPacks: criticalPacks.length,
    criticalPacksHit,
    criticalShareHit: criticalPacks.length === 0 ? 0 : criticalPacksHit / criticalPacks.length,
    medianShortageDays: median(shortages.map((s) => s.endDay - s.startDay + 1)),
  };
}

/** FNV-1a over 32-bit words, continued from `hash`. */
function hashWords(hash: number, words: Uint32Array): number {
  let h = hash;
  for (let index = 0; index < words.length; index++) {
    h ^= words[index] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashText(hash: number, text: string): number {
  let h = hash;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A digest of everything the market holds (series bit for bit, catalogue, events, shortages):
 * two markets with the same digest are the same market. Not cryptographic.
 */
export function marketDigest(market: SimulatedMarket): string {
  const { series } = market;
  const parts: string[] = [];
  for (const [index, array] of [
    series.packIds,
    series.holderIds,
    series.stock,
    series.demand,
    series.incoming,
  ].entries()) {
    const words = new Uint32Array(array.buffer, array.byteOffset, array.length);
    parts.push(
      hashWords(0x811c9dc5 ^ index, words)
        .toString(16)
        .padStart(8, '0'),
    );
  }
  const text = JSON.stringify([
    series.startDate,
    series.days,
    market.catalogue,
    market.events,
    market.shortages,
  ]);
  parts.push(hashText(0x811c9dc5, text).toString(16).padStart(8, '0'));
  return parts.join('');
}
