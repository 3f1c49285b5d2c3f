/** The registers the importer knows, and where each lies in a folder laid out like data/reference. */
import type { RegisterCode, RegisterFormat, SupplySource } from '../domain/types.ts';
import { bfarmRegisterFormat } from './bfarm-register/bfarm-register.ingest.ts';
import { cepFormat } from './cep/cep.ingest.ts';
import { eparFormat } from './epar/epar.ingest.ts';
import { hpraFormat } from './hpra/hpra.ingest.ts';

export const SUPPLY_FORMATS: Record<SupplySource, RegisterFormat> = {
  epar: eparFormat,
  bfarm: bfarmRegisterFormat,
  hpra: hpraFormat,
  cep: cepFormat,
};

/** The CLI's names for the registers (bfarm-register, as opposed to BfArM's shortage export). */
export const REGISTER_BY_CLI_NAME: Record<string, RegisterCode> = {
  ulcm: 'ulcm',
  epar: 'epar',
  'bfarm-register': 'bfarm',
  hpra: 'hpra',
  cep: 'cep',
};

/** Where each register's file lies in a folder laid out like ../shared/data/real. */
export const FOLDER_LAYOUT: Record<RegisterCode, string> = {
  ulcm: 'ema-ulcm/critical.csv',
  epar: 'registers/EMA_data_critical.csv',
  bfarm: 'registers/bfarm_api_origin_critical_rest_LONG.csv',
  hpra: 'registers/ireland_critical_atc_review.csv',
  cep: 'registers/EXPORT_WEB_CEP_with_ATC_drugbank.csv',
};
