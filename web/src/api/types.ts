/**
 * The /v1 API's shapes as the web app uses them. Written from the API contract of issue 3; once
 * docs/openapi.json exists, `npm run generate:api-types` writes schema.d.ts and these types are
 * checked against it (see api/contract-check.ts).
 */

export const SOURCES = ['all', 'epar', 'bfarm', 'hpra', 'cep'] as const;
export type Source = (typeof SOURCES)[number];
export type RegisterSource = Exclude<Source, 'all'>;

export function isSource(value: string): value is Source {
  return (SOURCES as readonly string[]).includes(value);
}

export type Lang = 'nl' | 'en';

/** Substance names per language; any may be missing (the registers have English and German). */
export interface Names {
  readonly en?: string;
  readonly de?: string;
  readonly nl?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export type ManufacturingStep = 1 | 2 | null;

export interface VulnerabilityRow {
  readonly atc: string;
  readonly name: string | null;
  readonly names?: Names;
  readonly critical?: boolean;
  readonly source: Source;
  readonly sites: number;
  readonly countries: number;
  readonly hhi: number;
  readonly effectiveCountries: number;
  readonly shareChina: number;
  readonly shareIndia: number;
  readonly shareEuEea: number;
  readonly singleCountry: boolean;
  readonly singleSite: boolean;
  readonly stepUsed: ManufacturingStep;
}

export interface HhiBands {
  readonly low: number;
  readonly moderate: number;
  readonly high: number;
}

export interface ChapterHhi {
  readonly chapter: string;
  readonly name: { readonly en: string; readonly nl: string };
  readonly codes: number;
  readonly bands: HhiBands;
  readonly medianHhi: number | null;
}

export interface CountrySites {
  readonly country: string;
  readonly sites: number;
  readonly codes: number;
}

export interface Overview {
  readonly criticalListVersion: string;
  readonly criticalCodes: number;
  readonly analysedCodes: number;
  readonly singleCountry: number;
  readonly singleSite: number;
  /** The critical codes no register links to a site (the API lists them). */
  readonly codesWithoutSites: readonly string[];
  readonly hhiByChapter: readonly ChapterHhi[];
  readonly mostConcentrated: readonly VulnerabilityRow[];
  readonly sitesByCountry: readonly CountrySites[];
}

export interface SubstanceSummary {
  readonly atc: string;
  readonly name: string | null;
  readonly names: Names;
  readonly critical: boolean;
}

export interface AtcLineage {
  readonly code: string;
  readonly level: number;
  readonly name?: string | null;
  readonly names?: Names;
}

export interface SitesByCountryAndStep {
  readonly source: Source;
  readonly country: string;
  readonly step1: number;
  readonly step2: number;
  readonly unknownStep: number;
}

export interface Substance extends SubstanceSummary {
  readonly criticalListVersion: string | null;
  readonly lineage: readonly AtcLineage[];
  readonly vulnerability: readonly VulnerabilityRow[];
  readonly sitesByCountry: readonly SitesByCountryAndStep[];
}

export interface SupplyChainSite {
  readonly id: number;
  readonly name: string;
  readonly city: string | null;
  readonly country: string;
  readonly source: Source;
  readonly steps: readonly ManufacturingStep[];
  readonly counted: boolean;
  /** False when only withdrawn, expired or suspended certificates link the site. */
  readonly current?: boolean;
}

export interface SupplyChain {
  readonly atc: string;
  readonly source: Source;
  readonly stepUsed: ManufacturingStep;
  readonly sites: readonly SupplyChainSite[];
  readonly countries: readonly { readonly country: string; readonly sites: number }[];
}

export interface SiteSummary {
  readonly id: number;
  readonly name: string;
  readonly city: string | null;
  readonly country: string;
  readonly source: Source;
  readonly codes: number;
}

export interface SiteSupply {
  readonly atc: string;
  readonly name: string | null;
  readonly names?: Names;
  readonly step: ManufacturingStep;
  readonly critical: boolean;
  readonly products?: number;
  readonly current?: boolean;
}

export interface Site {
  readonly id: number;
  readonly name: string;
  readonly city: string | null;
  readonly address: string | null;
  readonly country: string;
  readonly source: Source;
  readonly organisation?: string | null;
  readonly supplies: readonly SiteSupply[];
}

export interface ConcentrationFigures {
  readonly sites: number;
  readonly countries: number;
  readonly hhi: number | null;
}

export interface ImpactItem {
  readonly atc: string;
  readonly name: string | null;
  readonly names?: Names;
  readonly critical: boolean;
  readonly before: ConcentrationFigures;
  readonly after: ConcentrationFigures;
  readonly hhiChange: number | null;
  readonly leftWithoutSite: boolean;
}

export interface Impact {
  readonly target: {
    readonly kind: 'site' | 'country';
    readonly id: string;
    readonly name: string;
    readonly country?: string;
  };
  readonly source: Source;
  readonly codesSupplied: number;
  readonly codesLeftWithoutSite: number;
  readonly items: readonly ImpactItem[];
}

export interface CountryDetail {
  readonly country: string;
  readonly sites: readonly {
    readonly id: number;
    readonly name: string;
    readonly city: string | null;
    readonly source: Source;
    readonly codes: number;
  }[];
  readonly codes: number;
}

export interface Coverage {
  readonly source: Source;
  readonly codes: number;
  readonly manufacturers: number;
  readonly countries: number;
  readonly sites?: number;
}

export interface Health {
  readonly status: 'ok';
  readonly version: string;
}

/** One entry of a problem+json `errors` list (RFC 9457 extension used by medsupply). */
export interface ProblemFieldError {
  readonly pointer?: string;
  readonly code?: string;
  readonly detail?: string;
}

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly ProblemFieldError[];
}
