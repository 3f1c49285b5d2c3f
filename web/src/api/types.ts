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
  readonly criticalListVersion: string | null;
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
  /** The stable error code (MS_…), as in docs/errors.md. */
  readonly code?: string;
  readonly errors?: readonly ProblemFieldError[];
}

/* Identity and sessions ------------------------------------------------------------------------ */

export const ROLES = ['mah', 'wholesaler', 'analyst', 'coordinator', 'policy', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The notification centre, the coordination centre, the ministry and the operator. */
export const AUTHORITY_ROLES: readonly Role[] = ['analyst', 'coordinator', 'policy', 'admin'];

export interface SessionUser {
  readonly id: number;
  readonly organisationId: number | null;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface SessionOrganisation {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
}

/** A logged-in web session: who, for which organisation, and the CSRF token for its writes. */
export interface Session {
  readonly user: SessionUser;
  readonly organisation: SessionOrganisation | null;
  readonly csrfToken: string;
}

/* Notifications (meldingen) --------------------------------------------------------------------- */

export const NOTIFICATION_KINDS = ['shortage', 'quality_defect', 'discontinuation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CAUSE_CATEGORIES = [
  'production',
  'active_substance',
  'quality_gmp',
  'increased_demand',
  'logistics_distribution',
  'business_decision',
  'regulatory',
  'other',
] as const;
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number];

export const PATIENT_IMPACTS = ['low', 'medium', 'high'] as const;
export type PatientImpact = (typeof PATIENT_IMPACTS)[number];

export const NOTIFICATION_STATUSES = [
  'submitted',
  'triaged',
  'confirmed_shortage',
  'no_shortage',
  'withdrawn',
  'resolved',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const RISK_CLASSES = ['high', 'medium', 'low'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** What a company reports in one version (the body of POST /v1/notifications). */
export interface NotificationReport {
  readonly companyReference: string | null;
  readonly kind: NotificationKind;
  readonly packIds: readonly number[];
  readonly expectedStart: string;
  readonly expectedEnd: string | null;
  readonly causeCategory: CauseCategory;
  readonly causeText: string;
  readonly stockWeeks: number;
  readonly marketSharePercent: number;
  readonly partialSupply: boolean;
  readonly ownAlternatives: boolean;
  readonly otherAlternatives: boolean;
  readonly patientImpact: PatientImpact;
  readonly patientImpactText: string;
  readonly mitigationText: string;
}

export type ReportField = keyof NotificationReport;

export interface NotificationPack {
  readonly productId: number;
  readonly registrationNumber: string;
  readonly name: string;
  readonly atc: string | null;
  readonly doseForm: string;
  readonly strength: string;
  readonly packId: number;
  readonly gtin: string | null;
  readonly nationalCode: string | null;
  readonly description: string;
}

/** One triage factor: how strongly it signals risk (value 0–1), its weight and the facts. */
export interface RiskFactor {
  readonly key: string;
  readonly value: number;
  readonly weight: number;
  readonly points: number;
  readonly facts: Readonly<Record<string, number | boolean | string | null>>;
  /** The server's English sentence; the app writes its own from `facts`. */
  readonly explanation: string;
}

export interface Lateness {
  readonly deadline: string;
  readonly daysLate: number;
  readonly late: boolean;
  readonly excepted: boolean;
}

export interface NotificationSummary {
  readonly id: number;
  readonly reference: string;
  readonly organisationId: number;
  readonly organisationName: string;
  readonly status: NotificationStatus;
  readonly version: number;
  readonly firstReportedOn: string;
  readonly unforeseeable: boolean;
  readonly publicAdvice: string;
  readonly report: NotificationReport;
  readonly products: readonly NotificationPack[];
  readonly risk: {
    readonly score: number | null;
    readonly riskClass: RiskClass | null;
    readonly factors: readonly RiskFactor[] | null;
  };
  readonly lateness: Lateness;
  readonly updatedAt: string;
}

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface NotificationVersion {
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly report: NotificationReport;
  readonly changes: readonly FieldChange[];
}

export type NotificationEventKind =
  'update' | 'status_change' | 'comment' | 'information_request' | 'advice';

export interface NotificationEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly actorRole: string;
  readonly kind: NotificationEventKind;
  readonly fromStatus: NotificationStatus | null;
  readonly toStatus: NotificationStatus | null;
  readonly body: string;
}

export interface NotificationDetail extends NotificationSummary {
  readonly versions: readonly NotificationVersion[];
  readonly events: readonly NotificationEvent[];
}

export interface BulkStatusResult {
  readonly id: number;
  readonly ok: boolean;
  readonly status?: NotificationStatus;
  readonly problem?: string;
}

export interface EsmpExport {
  readonly reference: string;
  readonly rows: readonly Readonly<Record<string, string | number | boolean | null>>[];
}

export interface LateByCompany {
  readonly organisationId: number;
  readonly organisationName: string;
  readonly notifications: number;
  readonly late: number;
  readonly shareLate: number;
  readonly medianDaysLate: number | null;
  readonly maxDaysLate: number;
}

export interface LateNotification {
  readonly id: number;
  readonly reference: string;
  readonly organisationId: number;
  readonly organisationName: string;
  readonly firstReportedOn: string;
  readonly expectedStart: string;
  readonly deadline: string;
  readonly daysLate: number;
  readonly late: boolean;
  readonly excepted: boolean;
}

export interface LateReport {
  readonly from: string;
  readonly to: string;
  readonly minimumNoticeMonths: number;
  readonly byCompany: readonly LateByCompany[];
  readonly notifications: readonly LateNotification[];
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: {
    readonly kind?: 'user' | 'token' | 'system';
    readonly id?: string | null;
    readonly name?: string;
    readonly organisationId?: number | null;
    readonly role?: Role | null;
  };
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/* Products ---------------------------------------------------------------------------------------- */

export interface ProductPack {
  readonly id: number;
  readonly gtin: string | null;
  readonly nationalCode: string | null;
  readonly description: string;
  readonly packSize: number;
  readonly packUnit: string;
  readonly marketed: boolean;
}

export interface Product {
  readonly id: number;
  readonly registrationNumber: string;
  readonly name: string;
  readonly mahOrganisationId: number;
  readonly mahName: string;
  readonly atc: string | null;
  readonly substances: readonly string[];
  readonly strength: string;
  readonly doseForm: string;
  readonly doseFormName: { readonly en: string; readonly nl: string };
  readonly route: string;
  readonly hospitalOnly: boolean;
  readonly packs: readonly ProductPack[];
}

export type AlternativeMatch =
  'same-substance-strength-form' | 'same-substance-form' | 'same-atc4-form';

export interface Alternative {
  readonly productId: number;
  readonly name: string;
  readonly registrationNumber: string;
  readonly mahName: string;
  readonly atc: string | null;
  readonly strength: string;
  readonly doseForm: string;
  readonly match: AlternativeMatch;
  readonly reportedShort: boolean;
}

/* Public shortage list ---------------------------------------------------------------------------- */

export type PublicPhase = 'current' | 'expected';

export interface PublicShortage {
  readonly reference: string;
  readonly phase: PublicPhase;
  readonly kind: NotificationKind;
  readonly expectedStart: string;
  readonly expectedEnd: string | null;
  readonly causeCategory: CauseCategory;
  readonly advice: string;
  readonly organisationName: string;
  readonly atc: readonly string[];
  readonly substance: { readonly en: string | null; readonly nl: string | null };
  readonly products: readonly {
    readonly productId: number;
    readonly registrationNumber: string;
    readonly name: string;
    readonly strength: string;
    readonly doseForm: string;
    readonly packs: readonly {
      readonly gtin: string | null;
      readonly nationalCode: string | null;
      readonly description: string;
    }[];
    readonly alternatives: readonly Alternative[];
  }[];
  readonly updatedAt: string;
}

/* Foreign registers ----------------------------------------------------------------------------- */

export interface ForeignShortage {
  readonly id: number;
  readonly source: 'bfarm' | 'fda';
  readonly shortageKey: string;
  readonly status: 'active' | 'closed';
  readonly productName?: string | null;
  readonly company?: string | null;
  readonly atcCodes: readonly string[];
  readonly startDate?: string | null;
  readonly endDate?: string | null;
  readonly reportedOn?: string;
  readonly reasonCategory?: string | null;
  readonly reason?: string | null;
  readonly match?: 'exact' | 'group' | null;
}

export interface ForeignShortagesOfSubstance {
  readonly atc?: string;
  readonly activeOn?: string | null;
  readonly items?: readonly ForeignShortage[];
}
