/**
 * The simulated catalogue: companies, wholesalers, products and packs on top of the real
 * substances and their real active-substance sites. Each substance has 1 to 6 competing
 * marketing-authorisation holders; their products share the usual strengths of the substance
 * (generic competition), each product takes its active substance from one to three of the
 * substance's real sites, and each pack gets a mean national demand.
 */
import { companyName, MAX_COMPANIES, wholesalerName, wholesalerShares } from './names.ts';
import {
  formsForAtc,
  seasonalAmplitudeForAtc,
  strengthOf,
  type FormSpec,
} from './presentations.ts';
import {
  createRandom,
  deriveSeed,
  gammaShape,
  logNormal,
  pickWeighted,
  shuffled,
  uniform,
  uniformInt,
  type Random,
} from '../../kernel/random.ts';
import type {
  MarketCatalogue,
  MarketReference,
  SimulatedCompany,
  SimulatedPack,
  SimulatedProduct,
  SimulatedSubstance,
  SimulatedWholesaler,
  StockObligation,
} from './types.ts';

/** Below this mean (packs a day) demand comes in occasional lumps. */
export const INTERMITTENT_BELOW = 0.5;

/** Probabilities of 1..6 competing marketing-authorisation holders per substance. */
const COMPETITOR_WEIGHTS = [0.2, 0.25, 0.2, 0.15, 0.1, 0.1];
/** Probabilities of 1..3 active-substance sites per product (most have one or two). */
const API_SITE_WEIGHTS = [0.45, 0.35, 0.2];
const ASIAN_API = new Set(['CN', 'IN']);

export interface CatalogueOptions {
  readonly seed: number;
  readonly packs: number;
  readonly wholesalers: number;
  readonly obligation: StockObligation;
}

/** Splits `total` into whole parts proportional to weights, each at least `minimum`. */
export function apportion(total: number, weights: readonly number[], minimum: number): number[] {
  const n = weights.length;
  const free = total - minimum * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * Math.max(0, free) : 0));
  const parts = exact.map((x) => minimum + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, index) => ({ index, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let k = 0; left > 0 && n > 0; k = (k + 1) % n, left--) {
    const index = order[k]?.index ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}

/** The strengths and forms a substance is sold in, most common first. */
function presentationsFor(random: Random, atc: string): { form: FormSpec; amount: number }[] {
  const forms = formsForAtc(atc);
  const result: { form: FormSpec; amount: number }[] = [];
  const perForm = forms.map((form) => {
    const base = uniformInt(random, 0, Math.max(0, form.amounts.length - 3));
    // Around the base strength: base, the next, the one before, and further out.
    const order: number[] = [];
    for (let step = 0; order.length < form.amounts.length; step++) {
      const up = base + step;
      const down = base - step;
      if (step === 0) order.push(base);
      else {
        if (up < form.amounts.length) order.push(up);
        if (down >= 0) order.push(down);
      }
    }
    return order.map((index) => ({ form, amount: form.amounts[index] ?? 1 }));
  });
  // Interleave: the main form's usual strengths first, then the other forms'.
  const depth = Math.max(...perForm.map((list) => list.length));
  for (let level = 0; level < depth; level++) {
    for (const [formIndex, list] of perForm.entries()) {
      const take = formIndex === 0 ? 2 : 1;
      for (let k = 0; k < take; k++) {
        const item = list[level * take + k];
        if (item !== undefined) result.push(item);
      }
    }
  }
  // The main form's second half may not have been reached by the interleave above.
  for (const list of perForm)
    for (const item of list) if (!result.includes(item)) result.push(item);
  return result;
}

function pickDistinct(random: Random, weights: readonly number[], count: number): number[] {
  const remaining = [...weights];
  const picked: number[] = [];
  for (let k = 0; k < count && k < weights.length; k++) {
    const index = pickWeighted(random, remaining);
    picked.push(index);
    remaining[index] = 0;
  }
  return picked;
}

function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? w / total : 1 / weights.length));
}

/** The market's organisations, products and packs on the real substances; deterministic by seed. */
export function buildCatalogue(
  reference: MarketReference,
  options: CatalogueOptions,
): MarketCatalogue {
  const random = createRandom(deriveSeed(options.seed, 'catalogue'));
  const available = [...reference.substances].sort((a, b) => a.atc.localeCompare(b.atc));
  if (available.length === 0) throw new Error('the reference data has no substance with a site');
  const target = Math.max(1, Math.floor(options.packs));

  // Enough substances for about six packs each, at most all of them.
  const substanceCount = Math.min(available.length, Math.max(1, Math.ceil(target / 6)));
  const chosen = shuffled(random, available)
    .slice(0, substanceCount)
    .sort((a, b) => a.atc.localeCompare(b.atc));
  const packCounts = apportion(
    target,
    chosen.map(() => logNormal(random, 1, 0.7)),
    1,
  );

  const companyCount = Math.min(MAX_COMPANIES, Math.max(6, Math.round(1.6 * Math.sqrt(target))));
  const companyWeights = Array.from({ length: companyCount }, (_, k) => 1 / Math.pow(k + 1, 0.7));
  const allCompanies: SimulatedCompany[] = Array.from({ length: companyCount }, (_, index) => {
    const laggard = random() < 0.2;
    const weeks = options.obligation.mahWeeks;
    return {
      id: index + 1,
      kind: 'mah',
      name: companyName(index),
      externalCode: `SIM-MAH-${String(index + 1).padStart(3, '0')}`,
      targetWeeks: laggard
        ? Math.round(uniform(random, Math.min(2, weeks), Math.max(2, weeks - 1)) * 10) / 10
        : Math.round(uniform(random, weeks + 0.5, weeks + 1.5) * 10) / 10,
    };
  });
  const usedCompanies = new Set<number>();

  const substances: SimulatedSubstance[] = [];
  const products: SimulatedProduct[] = [];
  const packs: SimulatedPack[] = [];
  for (const [substanceIndex, substance] of chosen.entries()) {
    const packCount = packCounts[substanceIndex] ?? 1;
    const presentations = presentationsFor(random, substance.atc);
    const mainRoute = presentations[0]?.form.route ?? 'oral';
    // A substance sold in more packs is a bigger market: demand grows with the pack count.
    const substanceDemand =
      packCount *
      (mainRoute === 'parenteral' ? logNormal(random, 3, 1) : logNormal(random, 10, 1.1));
    substances.push({
      atc: substance.atc,
      name: substance.name,
      critical: substance.critical,
      seasonalAmplitude: seasonalAmplitudeForAtc(substance.atc),
      sites: substance.sites,
    });

    const competitors = Math.min(packCount, 1 + pickWeighted(random, COMPETITOR_WEIGHTS));
    const mahIndexes = pickDistinct(random, companyWeights, competitors);
    const mahShares = normalise(mahIndexes.map(() => gammaShape(random, 0.8) + 0.02));
    const mahPackCounts = apportion(
      packCount,
      mahShares.map((share) => share + 0.3),
      1,
    );
    for (const [k, companyIndex] of mahIndexes.entries()) {
      const company = allCompanies[companyIndex];
      if (company === undefined) continue;
      usedCompanies.add(company.id);
      // The company's products: the substance's usual presentations in order, 1-3 pack sizes each.
      const plan: { form: FormSpec; amount: number; sizes: number }[] = [];
      let remaining = mahPackCounts[k] ?? 1;
      for (let p = 0; remaining > 0; p++) {
        const presentation = presentations[p % presentations.length];
        if (presentation === undefined) break;
        const sizes = Math.min(remaining, presentation.form.packs.length, uniformInt(random, 1, 3));
        plan.push({ ...presentation, sizes });
        remaining -= sizes;
      }
      const productShares = normalise(
        plan.map((_, index) => gammaShape(random, 1.5) / (index + 1)),
      );
      for (const [index, item] of plan.entries()) {
        const productId = products.length + 1;
        const strength = strengthOf(item.form, item.amount);
        const siteCount = Math.min(
          substance.sites.length,
          1 + pickWeighted(random, API_SITE_WEIGHTS),
        );
        const apiSites = pickDistinct(
          random,
          substance.sites.map(() => 1),
          siteCount,
        ).map((siteIndex) => substance.sites[siteIndex] ?? { siteId: 0, country: 'XX' });
        const asian = apiSites.some((site) => ASIAN_API.has(site.country));
        const stem = company.name.split(' ')[0] ?? company.name;
        products.push({
          id: productId,
          registrationNumber: `RVG ${String(900_000 + productId)}`,
          name: `${substance.name} ${stem} ${strength.text}, ${item.form.nl}`,
          mahId: company.id,
          atc: substance.atc,
          doseForm: item.form.code,
          route: item.form.route,
          strength: strength.text,
          strengthKey: strength.key,
          hospitalOnly: item.form.hospitalOnly,
          apiSiteIds: apiSites.map((site) => site.siteId).sort((a, b) => a - b),
          leadTimeDays: uniformInt(random, 35, 90) + (asian ? 20 : 0),
          batchCycleDays: uniformInt(random, 21, 63),
        });
        const sizeShares = normalise(
          Array.from({ length: item.sizes }, (_, s) => gammaShape(random, 2) / (s + 1)),
        );
        for (let s = 0; s < item.sizes; s++) {
          const [size, unit] = item.form.packs[s] ?? [1, 'piece'];
          const id = packs.length + 1;
          const mean =
            substanceDemand *
            (mahShares[k] ?? 0) *
            (productShares[index] ?? 0) *
            (sizeShares[s] ?? 0);
          const rounded = Math.round(mean * 10_000) / 10_000;
          packs.push({
            id,
            index: id - 1,
            productId,
            mahId: company.id,
            atc: substance.atc,
            critical: substance.critical,
            gtin: gtinOf(id),
            nationalCode: `9${String(id).padStart(7, '0')}`,
            description: `${size} ${unit}`,
            packSize: size,
            packUnit: unit,
            meanDailyDemand: Math.max(0.01, rounded),
            intermittent: rounded < INTERMITTENT_BELOW,
          });
        }
      }
    }
  }

  const shares = wholesalerShares(options.wholesalers);
  const wholesalers: SimulatedWholesaler[] = shares.map((share, index) => ({
    id: companyCount + index + 1,
    kind: 'wholesaler',
    name: wholesalerName(index),
    externalCode: `SIM-WHS-${String(index + 1).padStart(2, '0')}`,
    holderIndex: index + 1,
    marketShare: share,
    targetWeeks: options.obligation.wholesalerWeeks,
  }));
  return {
    companies: allCompanies.filter((company) => usedCompanies.has(company.id)),
    wholesalers,
    substances,
    products,
    packs,
  };
}

/** GS1 check digit: weights 3 and 1 from the right (https://www.gs1.org/services/how-calculate-check-digit-manually). */
function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    sum += Number(digits.charAt(digits.length - 1 - index)) * (index % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** An invented GTIN-13 under prefix 8790, stored as 14 digits. */
export function gtinOf(packId: number): string {
  const body = `8790${String(packId).padStart(8, '0')}`;
  return `0${body}${gs1CheckDigit(body)}`;
}
