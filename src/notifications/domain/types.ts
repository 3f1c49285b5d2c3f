/**
 * Notifications (meldingen): a company's report of an expected or actual shortage, a quality
 * defect or a discontinuation of one or more of its packs. The first report and every update are
 * versions of one notification, like Germany's Erstmeldung / Änderungsmeldung.
 */

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

/** What can happen on a notification's timeline (the notification_event.kind check). */
export const NOTIFICATION_EVENT_KINDS = [
  'update',
  'status_change',
  'comment',
  'information_request',
  'advice',
] as const;
export type NotificationEventKind = (typeof NOTIFICATION_EVENT_KINDS)[number];

/** What a company reports, in one version. Dates are ISO calendar dates (YYYY-MM-DD). */
export interface NotificationReport {
  /** The company's own reference for the notification, if it keeps one. */
  readonly companyReference: string | null;
  readonly kind: NotificationKind;
  readonly packIds: readonly number[];
  readonly expectedStart: string;
  readonly expectedEnd: string | null;
  readonly causeCategory: CauseCategory;
  readonly causeText: string;
  /** Stock in the country, in weeks of normal demand. */
  readonly stockWeeks: number;
  /** The company's share of the national market for this product, 0-100 %. */
  readonly marketSharePercent: number;
  readonly partialSupply: boolean;
  readonly ownAlternatives: boolean;
  readonly otherAlternatives: boolean;
  readonly patientImpact: PatientImpact;
  readonly patientImpactText: string;
  readonly mitigationText: string;
}
