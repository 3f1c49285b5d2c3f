/**
 * Compile-time check of the stock and policy pages' hand-written API types against the OpenAPI
 * document (web/src/api/schema.d.ts, generated from docs/openapi.json): every field a page reads
 * must exist in the API's schema with a type the API can deliver. Nothing here runs.
 */
import type { paths } from '../../api/schema.d.ts';
import type { PolicyAnalysis } from '../policy/policy-api.ts';
import type {
  ComplianceRow,
  CoverRow,
  HolderCompliance,
  HolderComplianceRow,
  NonComplianceReport,
  PackStock,
} from './stock-api.ts';

type Json<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;
type Item<T> = T extends { items?: (infer I)[] } ? I : never;

/** The document types enums as their literal unions and marks few fields required. */
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends readonly (infer E)[]
      ? readonly Loose<E>[]
      : T extends object
        ? { readonly [K in keyof T]: Loose<T[K]> }
        : T;
type Present<T> = T extends readonly (infer E)[]
  ? Present<E>[]
  : T extends object
    ? { [K in keyof T]-?: Present<NonNullable<T[K]>> | Extract<T[K], null> }
    : T;

/** Mine reads only fields the API has, with types the API can deliver. */
type Fits<Mine, Api> = [Exclude<keyof Mine, keyof Api>] extends [never]
  ? [Present<Api>] extends [Loose<Mine>]
    ? true
    : { readonly incompatible: Mine; readonly api: Api }
  : { readonly unknownFields: Exclude<keyof Mine, keyof Api> };
type Check<T extends true> = T;

type NonCompliance = Json<'/v1/stock-obligation/non-compliance'>;
type Holder = Json<'/v1/holders/{id}/compliance'>;

/* eslint-disable @typescript-eslint/no-unused-vars -- the aliases are the checks */
type CoverRowFits = Check<Fits<CoverRow, Item<Json<'/v1/cover'>>>>;
type PackStockFits = Check<Fits<PackStock, Json<'/v1/packs/{id}/stock'>>>;
type ComplianceRowFits = Check<Fits<ComplianceRow, Item<NonCompliance>>>;
type NonComplianceFits = Check<
  Fits<Omit<NonComplianceReport, 'items'>, Omit<NonCompliance, 'items'>>
>;
type HolderComplianceFits = Check<Fits<Omit<HolderCompliance, 'items'>, Omit<Holder, 'items'>>>;
type HolderComplianceRowFits = Check<Fits<HolderComplianceRow, Item<Holder>>>;
type PolicyFits = Check<Fits<PolicyAnalysis, Json<'/v1/stock-obligation/policy-analysis'>>>;
/* eslint-enable @typescript-eslint/no-unused-vars */
