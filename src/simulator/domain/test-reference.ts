/**
 * A small reference for the simulator's tests, in the shape the registry gives: eighteen real
 * substances (antibiotics, respiratory, oncology, chronic medicines) with invented site ids in
 * the countries such substances come from. Site 101 makes two antibiotics, as API plants do.
 */
import type { MarketReference } from './types.ts';

const site = (siteId: number, country: string) => ({ siteId, country });

export const TEST_REFERENCE: MarketReference = {
  version: 'test-reference-1',
  substances: [
    {
      atc: 'A10BA02',
      name: 'Metformine',
      critical: false,
      sites: [site(126, 'IN'), site(127, 'CN')],
    },
    {
      atc: 'B01AB05',
      name: 'Enoxaparine',
      critical: true,
      sites: [site(121, 'CN'), site(122, 'FR')],
    },
    {
      atc: 'C07AB02',
      name: 'Metoprolol',
      critical: false,
      sites: [site(123, 'IN'), site(124, 'DE')],
    },
    { atc: 'C09AA05', name: 'Ramipril', critical: false, sites: [site(125, 'IN')] },
    { atc: 'H02AB06', name: 'Prednisolon', critical: true, sites: [site(128, 'IT')] },
    {
      atc: 'J01CA04',
      name: 'Amoxicilline',
      critical: true,
      sites: [site(101, 'IN'), site(102, 'CN'), site(103, 'IT')],
    },
    {
      atc: 'J01CR02',
      name: 'Amoxicilline/clavulaanzuur',
      critical: true,
      sites: [site(101, 'IN'), site(104, 'ES')],
    },
    { atc: 'J01DD04', name: 'Ceftriaxon', critical: true, sites: [site(106, 'CN')] },
    {
      atc: 'J01FA09',
      name: 'Claritromycine',
      critical: true,
      sites: [site(107, 'IN'), site(108, 'HR')],
    },
    { atc: 'J01MA02', name: 'Ciprofloxacine', critical: true, sites: [site(109, 'DE')] },
    {
      atc: 'L01BC02',
      name: 'Fluorouracil',
      critical: true,
      sites: [site(113, 'DE'), site(114, 'CN')],
    },
    { atc: 'L01XA01', name: 'Cisplatine', critical: true, sites: [site(115, 'IT')] },
    { atc: 'N02AA01', name: 'Morfine', critical: true, sites: [site(116, 'GB'), site(117, 'FR')] },
    {
      atc: 'N02BE01',
      name: 'Paracetamol',
      critical: false,
      sites: [site(118, 'CN'), site(119, 'FR'), site(120, 'IN')],
    },
    {
      atc: 'N03AX14',
      name: 'Levetiracetam',
      critical: true,
      sites: [site(129, 'IN'), site(130, 'CN')],
    },
    {
      atc: 'R03AC02',
      name: 'Salbutamol',
      critical: true,
      sites: [site(110, 'FR'), site(111, 'GB')],
    },
    { atc: 'R06AE07', name: 'Cetirizine', critical: false, sites: [site(112, 'IN')] },
    { atc: 'S01ED01', name: 'Timolol', critical: false, sites: [site(131, 'FR')] },
  ],
};
