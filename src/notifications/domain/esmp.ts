/**
 * "Submit once, report to many": a notification as the rows the EU shortage platform (ESMP, EMA's
 * European Shortages Monitoring Platform) asks a marketing-authorisation holder for in a shortage
 * report — one row per pack, with the product identification, the shortage dates, root cause,
 * supply and stock, alternatives and patient impact. Field names follow the ESMP MAH reporting
 * template's data elements as published in EMA's implementation guide; the cause categories map to
 * its root-cause list.
 */
import type { NotificationReport } from './types.ts';

const ESMP_ROOT_CAUSE: Record<NotificationReport['causeCategory'], string> = {
  production: 'Manufacturing issue',
  active_substance: 'Manufacturing issue - active substance',
  quality_gmp: 'Quality issue',
  increased_demand: 'Increase in demand',
  logistics_distribution: 'Distribution / logistics issue',
  business_decision: 'Commercial reasons',
  regulatory: 'Regulatory reasons',
  other: 'Other',
};

const ESMP_EVENT_TYPE: Record<NotificationReport['kind'], string> = {
  shortage: 'Shortage',
  quality_defect: 'Shortage due to quality defect',
  discontinuation: 'Permanent discontinuation / withdrawal',
};

export interface EsmpSource {
  readonly reference: string;
  readonly organisationName: string;
  readonly status: string;
  readonly firstReportedOn: string;
  readonly version: number;
  readonly report: NotificationReport;
  readonly products: readonly {
    registrationNumber: string;
    name: string;
    atc: string | null;
    doseForm: string;
    strength: string;
    gtin: string | null;
    nationalCode: string | null;
    description: string;
  }[];
}

export type EsmpRow = Record<string, string | number | boolean | null>;

export function buildEsmpExport(notification: EsmpSource): EsmpRow[] {
  const report = notification.report;
  return notification.products.map((product) => ({
    'MAH name': notification.organisationName,
    'MAH internal reference': report.companyReference ?? notification.reference,
    'National reference': notification.reference,
    'Country affected': 'NL',
    'Medicinal product name': product.name,
    'Marketing authorisation number': product.registrationNumber,
    'ATC code': product.atc,
    'Pharmaceutical form': product.doseForm,
    Strength: product.strength,
    'Package description': product.description,
    'Package identifier (GTIN)': product.gtin,
    'National package code': product.nationalCode,
    'Event type': ESMP_EVENT_TYPE[report.kind],
    'Shortage start date': report.expectedStart,
    'Expected end date': report.expectedEnd,
    'Root cause': ESMP_ROOT_CAUSE[report.causeCategory],
    'Root cause details': report.causeText,
    'Available stock (weeks)': report.stockWeeks,
    'Market share (%)': report.marketSharePercent,
    'Partial supply ongoing': report.partialSupply,
    'Alternatives from same MAH': report.ownAlternatives,
    'Alternatives from other MAHs': report.otherAlternatives,
    'Impact on patients': report.patientImpact,
    'Impact on patients details': report.patientImpactText,
    'Mitigation measures': report.mitigationText,
    'Date of first notification': notification.firstReportedOn,
    'Notification version': notification.version,
    'Notification status': notification.status,
  }));
}
