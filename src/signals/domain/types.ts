/** The vocabulary of foreign shortage registers: reports as imported, shortages as analysed. */
import type { AtcCode, AtcLevel } from '../../kernel/atc.ts';

/** The foreign registers medsupply reads: BfArM (Germany) and the FDA (United States). */
export const SHORTAGE_SOURCES = ['bfarm', 'fda'] as const;
export type ShortageSource = (typeof SHORTAGE_SOURCES)[number];

export function isShortageSource(value: string): value is ShortageSource {
  return (SHORTAGE_SOURCES as readonly string[]).includes(value);
}

/**
 * What a report is: initial = BfArM Erstmeldung, update = Änderungsmeldung, closing =
 * Löschmeldung (the shortage is over; FDA: status Resolved).
 */
export const REPORT_KINDS = ['initial', 'update', 'closing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A shortage is closed once its latest report is a closing one. */
export const SHORTAGE_STATUSES = ['active', 'closed'] as const;
export type ShortageStatus = (typeof SHORTAGE_STATUSES)[number];

/** A calendar date as YYYY-MM-DD (no time, no zone). */
export type IsoDate = string;

/** An ATC code a report names, at the level the register wrote it. */
export interface AtcLink {
  readonly code: AtcCode;
  readonly level: AtcLevel;
  /** atc = the register's own code; name = matched by substance name (FDA). */
  readonly via: 'atc' | 'name';
}

/** One pack a report names: BfArM a PZN with its ENR(s), FDA a package NDC. */
export interface PackInput {
  readonly line: number;
  /** Eight digits, leading zeros kept; null for BfArM's placeholder 00000000. */
  readonly pzn: string | null;
  /** BfArM Eingangsnummer(n), as strings: one product can have several. */
  readonly enr: readonly string[];
  readonly ndc: string | null;
}

/** Company contact data: confidential, stored apart, never public. */
export interface ContactInput {
  readonly phone: string | null;
  readonly email: string | null;
  readonly contactInfo: string | null;
}

/** One report (a notification, or an FDA record as of its update date), as an importer reads it. */
export interface ShortageReportInput {
  readonly source: ShortageSource;
  /** BfArM Bearbeitungsnummer; FDA presentation key with update date. */
  readonly reportNumber: string;
  /** The chain the report belongs to: BfArM the initial notification's number. */
  readonly shortageKey: string;
  readonly kind: ReportKind;
  /** The register's own word for the kind ("Änderungsmeldung", "Current"). */
  readonly kindLabel: string;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly reportedOn: IsoDate;
  readonly firstReportedOn: IsoDate | null;
  readonly productName: string | null;
  readonly company: string | null;
  readonly reasonCategory: string | null;
  readonly reason: string | null;
  readonly reasonNote: string | null;
  readonly alternatives: string | null;
  readonly hospitalRelevant: boolean | null;
  readonly classification: string | null;
  readonly dosageForm: string | null;
  readonly substances: readonly string[];
  readonly atc: readonly AtcLink[];
  /** The ATC cell as written, for provenance (TERM_ID placeholders included). */
  readonly atcText: string | null;
  readonly details: Readonly<Record<string, string | readonly string[] | null>>;
  readonly contact: ContactInput | null;
  readonly packs: readonly PackInput[];
  /** The line the report starts on (its first row). */
  readonly line: number;
}

/** A bad row or record: reported as file:line: reason, and left out. */
export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/**
 * A shortage as the analytics and the "short abroad" signal see it: the chain's current report
 * (the latest by report date). Contact data is not part of it.
 */
export interface ForeignShortage {
  readonly id: number;
  readonly source: ShortageSource;
  readonly shortageKey: string;
  readonly reportNumber: string;
  readonly kind: ReportKind;
  readonly status: ShortageStatus;
  readonly startDate: IsoDate | null;
  /** Closed: when the shortage ended. Active: when it is expected to end. */
  readonly endDate: IsoDate | null;
  readonly reportedOn: IsoDate;
  readonly firstReportedOn: IsoDate | null;
  /** The date of the closing report; null while active. */
  readonly closedOn: IsoDate | null;
  readonly productName: string | null;
  readonly company: string | null;
  readonly companyKey: string | null;
  readonly reasonCategory: string | null;
  readonly reason: string | null;
  readonly hospitalRelevant: boolean | null;
  readonly classification: string | null;
  readonly dosageForm: string | null;
  readonly substances: readonly string[];
  /** ATC codes of any level, as linked (level 4 stays level 4). */
  readonly atcCodes: readonly string[];
}

/** One report of a shortage's chain, oldest first. */
export interface ShortageChainReport {
  readonly reportNumber: string;
  readonly kind: ReportKind;
  readonly kindLabel: string;
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  readonly reportedOn: IsoDate;
  /** The report that describes the shortage now. */
  readonly current: boolean;
  readonly file: string;
  readonly line: number;
}

/** A shortage with its current report's public details, packs, ATC links and chain. */
export interface ForeignShortageDetail extends ForeignShortage {
  readonly kindLabel: string;
  readonly reasonNote: string | null;
  readonly alternatives: string | null;
  readonly atcText: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly atc: readonly {
    readonly code: string;
    readonly level: number;
    readonly via: 'atc' | 'name';
    /** The level-5 codes the link stands for: itself, or those under a level-4 group. */
    readonly substances: readonly string[];
  }[];
  readonly packs: readonly {
    readonly pzn: string | null;
    readonly enr: readonly string[];
    readonly ndc: string | null;
    readonly line: number;
  }[];
  readonly reports: readonly ShortageChainReport[];
  readonly provenance: {
    readonly file: string;
    readonly line: number;
    readonly sha256: string;
    readonly importedAt: string;
  };
}

/** One imported file of a shortage register. */
export interface ShortageImportSummary {
  readonly source: ShortageSource;
  readonly file: string;
  readonly sha256: string;
  readonly importedAt: string;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly reports: number;
}
