/**
 * BfArM's Lieferengpass export (the current list and the full history share the format):
 * semicolon CSV with German column names, one row per PZN, the rows of one notification sharing
 * its Bearbeitungsnummer; an update names the initial notification in "Referenzierte
 * Erstmeldung". `N/A` and empty cells are empty; dates are dd.mm.yyyy. See
 * data/reference/PROVENANCE.md and https://www.bfarm.de/lieferengpaesse.
 */
import { atcLevel, type AtcCode } from '../../../kernel/atc.ts';
import { collapseWhitespace, splitList } from '../../../kernel/text.ts';
import { cleanShortageCompanyName } from '../../domain/company-names.ts';
import { parseGermanDate } from '../../domain/dates.ts';
import type {
  AtcLink,
  IsoDate,
  PackInput,
  ReportKind,
  ShortageReportInput,
} from '../../domain/types.ts';

/** The export's columns, spelled as BfArM writes them (the product-name header has a typo). */
export const BFARM_COLUMNS = {
  pzn: 'PZN',
  enr: 'ENR',
  reportNumber: 'Bearbeitungsnummer',
  initialReport: 'Referenzierte Erstmeldung',
  kind: 'Meldungsart',
  start: 'Beginn',
  end: 'Ende',
  reportedOn: 'Datum der letzten Meldung',
  reasonCategory: 'Art des Grundes',
  productName: 'Arzneimittlbezeichnung',
  atc: 'Atc Code',
  substances: 'Wirkstoffe',
  hospitalRelevant: 'Krankenhausrelevant',
  company: 'Zulassungsinhaber',
  phone: 'Telefon',
  email: 'E-Mail',
  reason: 'Grund',
  reasonNote: 'Anm. zum Grund',
  alternatives: 'Alternativpräparat',
  firstReportedOn: 'Datum der Erstmeldung',
  infoToProfessionals: 'Info an Fachkreise',
  dosageForm: 'Darreichungsform',
  classification: 'klassifikation',
} as const;

export const BFARM_DELIMITER = ';';

/** Every column but the contact ones, which the analyses never need. */
export const BFARM_REQUIRED_COLUMNS: readonly string[] = Object.values(BFARM_COLUMNS).filter(
  (column) => column !== BFARM_COLUMNS.phone && column !== BFARM_COLUMNS.email,
);

/** The columns of a row that describe the notification rather than the pack (PZN, ENR). */
const REPORT_COLUMNS: readonly string[] = Object.values(BFARM_COLUMNS).filter(
  (column) => column !== BFARM_COLUMNS.pzn && column !== BFARM_COLUMNS.enr,
);

const KIND_BY_LABEL: Record<string, ReportKind> = {
  Erstmeldung: 'initial',
  Änderungsmeldung: 'update',
  Löschmeldung: 'closing',
};

/** BfArM's placeholder for a product without a PZN. */
const PLACEHOLDER_PZN = '00000000';

/** A cell trimmed, tabs and runs of spaces collapsed; `N/A` and empty become null. */
export function cellValue(raw: string | undefined): string | null {
  const text = collapseWhitespace(raw ?? '');
  return text === '' || text === 'N/A' ? null : text;
}

/**
 * The ATC cell: one or more codes separated by commas, at any level (B05BA is a level-4 group,
 * kept as such), or `TERM_ID_NA_<n>` where BfArM assigned none. Returns the links, or the
 * parts that are neither.
 */
export function parseAtcCell(raw: string | null): { links: AtcLink[]; invalid: string[] } {
  const links: AtcLink[] = [];
  const invalid: string[] = [];
  for (const part of splitList(raw ?? '', ',')) {
    if (/^TERM_ID_NA_\d+$/.test(part)) continue;
    const code = part.toUpperCase();
    const level = atcLevel(code);
    if (level === undefined) invalid.push(part);
    else if (!links.some((link) => link.code === code)) {
      links.push({ code: code as AtcCode, level, via: 'atc' });
    }
  }
  return { links, invalid };
}

/** One row, read: the pack it names and the notification it belongs to. */
export interface BfarmShortageRow {
  readonly line: number;
  readonly pack: PackInput;
  readonly report: ShortageReportInput;
  /** The row's notification-level cells, to check that the rows of one notification agree. */
  readonly reportCells: Readonly<Record<string, string | null>>;
}

export type BfarmRowOutcome =
  | { readonly kind: 'row'; readonly row: BfarmShortageRow }
  | { readonly kind: 'rejected'; readonly reason: string };

function requiredDate(
  cells: Readonly<Record<string, string | null>>,
  column: string,
  problems: string[],
): IsoDate | null {
  const text = cells[column] ?? null;
  if (text === null) {
    problems.push(`no date in column ${column}`);
    return null;
  }
  const date = parseGermanDate(text);
  if (date === undefined) problems.push(`invalid date "${text}" in column ${column}`);
  return date ?? null;
}

function optionalDate(
  cells: Readonly<Record<string, string | null>>,
  column: string,
  problems: string[],
): IsoDate | null {
  const text = cells[column] ?? null;
  if (text === null) return null;
  const date = parseGermanDate(text);
  if (date === undefined) problems.push(`invalid date "${text}" in column ${column}`);
  return date ?? null;
}

function parseYesNo(text: string | null, column: string, problems: string[]): boolean | null {
  if (text === null) return null;
  const answer = text.toLowerCase();
  if (answer === 'ja') return true;
  if (answer === 'nein') return false;
  problems.push(`"${text}" in column ${column} is neither ja nor nein`);
  return null;
}

/** Maps one row of the export, or says why it is rejected (every problem at once). */
export function mapBfarmShortageRow(
  fields: Readonly<Record<string, string>>,
  line: number,
): BfarmRowOutcome {
  const C = BFARM_COLUMNS;
  const cells: Record<string, string | null> = {};
  for (const column of Object.values(C)) cells[column] = cellValue(fields[column]);
  const problems: string[] = [];

  const reportNumber = cells[C.reportNumber] ?? null;
  if (reportNumber === null) problems.push(`no ${C.reportNumber}`);
  const pznText = cells[C.pzn] ?? null;
  if (pznText === null) problems.push(`no ${C.pzn}`);
  else if (!/^\d{8}$/.test(pznText)) problems.push(`${C.pzn} "${pznText}" is not 8 digits`);
  const kindLabel = cells[C.kind] ?? null;
  const kind = kindLabel === null ? undefined : KIND_BY_LABEL[kindLabel];
  if (kind === undefined) {
    problems.push(
      `${C.kind} "${kindLabel ?? ''}" is none of ${Object.keys(KIND_BY_LABEL).join(', ')}`,
    );
  }
  const startDate = requiredDate(cells, C.start, problems);
  const endDate = optionalDate(cells, C.end, problems);
  const reportedOn = requiredDate(cells, C.reportedOn, problems);
  const firstReportedOn = optionalDate(cells, C.firstReportedOn, problems);
  if (startDate !== null && endDate !== null && endDate < startDate) {
    problems.push(`${C.end} ${cells[C.end] ?? ''} lies before ${C.start} ${cells[C.start] ?? ''}`);
  }
  const atc = parseAtcCell(cells[C.atc] ?? null);
  for (const part of atc.invalid) problems.push(`invalid ATC code "${part}" in column ${C.atc}`);
  const hospitalRelevant = parseYesNo(
    cells[C.hospitalRelevant] ?? null,
    C.hospitalRelevant,
    problems,
  );

  if (
    problems.length > 0 ||
    reportNumber === null ||
    pznText === null ||
    kind === undefined ||
    kindLabel === null ||
    startDate === null ||
    reportedOn === null
  ) {
    return { kind: 'rejected', reason: problems.join('; ') };
  }

  const companyText = cells[C.company] ?? null;
  const company = companyText === null ? null : cleanShortageCompanyName(companyText);
  const phone = cells[C.phone] ?? null;
  const email = cells[C.email] ?? null;
  const pack: PackInput = {
    line,
    pzn: pznText === PLACEHOLDER_PZN ? null : pznText,
    enr: splitList(cells[C.enr] ?? '', ','),
    ndc: null,
  };
  const reportCells: Record<string, string | null> = {};
  for (const column of REPORT_COLUMNS) reportCells[column] = cells[column] ?? null;
  return {
    kind: 'row',
    row: {
      line,
      pack,
      reportCells,
      report: {
        source: 'bfarm',
        reportNumber,
        shortageKey: cells[C.initialReport] ?? reportNumber,
        kind,
        kindLabel,
        startDate,
        endDate,
        reportedOn,
        firstReportedOn,
        productName: cells[C.productName] ?? null,
        company: company === '' ? null : company,
        reasonCategory: cells[C.reasonCategory] ?? null,
        reason: cells[C.reason] ?? null,
        reasonNote: cells[C.reasonNote] ?? null,
        alternatives: cells[C.alternatives] ?? null,
        hospitalRelevant,
        classification: cells[C.classification] ?? null,
        dosageForm: cells[C.dosageForm] ?? null,
        substances: splitList(cells[C.substances] ?? '', /;/),
        atc: atc.links,
        atcText: cells[C.atc] ?? null,
        details: { infoToProfessionals: cells[C.infoToProfessionals] ?? null },
        contact: phone === null && email === null ? null : { phone, email, contactInfo: null },
        packs: [pack],
        line,
      },
    },
  };
}

export interface GroupedReports {
  readonly reports: ShortageReportInput[];
  readonly rejected: { line: number; reason: string }[];
}

/**
 * Joins the rows of each Bearbeitungsnummer into one report with all its packs. A row that
 * disagrees with the notification's first row on a notification-level column, or repeats one of
 * its PZNs, is rejected naming the column and the first row's line: which of the two is right
 * cannot be told.
 */
export function groupBfarmRows(rows: readonly BfarmShortageRow[]): GroupedReports {
  const byNumber = new Map<
    string,
    { first: BfarmShortageRow; packs: PackInput[]; pzns: Map<string, number> }
  >();
  const rejected: { line: number; reason: string }[] = [];
  for (const row of rows) {
    const number = row.report.reportNumber;
    const group = byNumber.get(number);
    if (group === undefined) {
      const pzns = new Map<string, number>();
      if (row.pack.pzn !== null) pzns.set(row.pack.pzn, row.line);
      byNumber.set(number, { first: row, packs: [row.pack], pzns });
      continue;
    }
    const differing = REPORT_COLUMNS.filter(
      (column) => (row.reportCells[column] ?? null) !== (group.first.reportCells[column] ?? null),
    );
    if (differing.length > 0) {
      rejected.push({
        line: row.line,
        reason: `${BFARM_COLUMNS.reportNumber} ${number} has other values here than on line ${group.first.line} in ${differing.map((column) => `"${column}"`).join(', ')}`,
      });
      continue;
    }
    const earlier = row.pack.pzn === null ? undefined : group.pzns.get(row.pack.pzn);
    if (earlier !== undefined) {
      rejected.push({
        line: row.line,
        reason: `${BFARM_COLUMNS.pzn} ${row.pack.pzn ?? ''} appears twice in ${BFARM_COLUMNS.reportNumber} ${number} (first on line ${earlier})`,
      });
      continue;
    }
    if (row.pack.pzn !== null) group.pzns.set(row.pack.pzn, row.line);
    group.packs.push(row.pack);
  }
  const reports = [...byNumber.values()].map(({ first, packs }) => ({
    ...first.report,
    packs,
  }));
  return { reports, rejected };
}
