/**
 * Analyses on the real German shortage register: the stock-obligation policy curve (what share of
 * shortages a stock of N weeks absorbs) and competitor cascades (follow-on reports within 90 days,
 * and how well a competitor's report predicts the next, on a time split).
 */
import type pg from 'pg';
import { isAtcCode } from '../kernel/atc.ts';
import { loadShortageSnapshot, shortageDurations } from '../signals/index.ts';
import {
  evaluateCompetitorSignal,
  followOnRate,
  type SubstanceReport,
} from './domain/competitor-follow-on.ts';
import { absorptionCurve, checkIronStock } from './domain/stock-policy.ts';

export async function stockPolicyAnalysis(pool: pg.Pool) {
  const durations = await shortageDurations(pool, { source: 'bfarm', status: 'closed' });
  return {
    source: 'BfArM Lieferengpass-Meldungen, closed shortages (start to end)',
    shortages: durations.length,
    curve: absorptionCurve(durations, 2, 26),
    ironStock: checkIronStock(durations, 0.85),
  };
}

/** One report per shortage, substance (level 5) and company, dated by its first report. */
export async function germanSubstanceReports(pool: pg.Pool): Promise<SubstanceReport[]> {
  const snapshot = await loadShortageSnapshot(pool);
  const reports: SubstanceReport[] = [];
  for (const shortage of snapshot.shortages) {
    if (shortage.source !== 'bfarm' || shortage.companyKey === null) continue;
    const reportedOn = shortage.firstReportedOn ?? shortage.startDate;
    if (reportedOn === null) continue;
    for (const atc of shortage.atcCodes) {
      if (isAtcCode(atc, 5)) reports.push({ atc, company: shortage.companyKey, reportedOn });
    }
  }
  return reports;
}

export async function competitorCascadeAnalysis(pool: pg.Pool, splitDate = '2024-01-01') {
  const reports = await germanSubstanceReports(pool);
  return {
    source: 'BfArM Lieferengpass-Meldungen (history and latest export), level-5 ATC codes',
    reports: reports.length,
    followOn: followOnRate(reports, 90),
    signal: evaluateCompetitorSignal(reports, splitDate, 90),
  };
}
