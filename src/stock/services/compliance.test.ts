import { describe, expect, it } from 'vitest';
import { loadObligationConfig } from './compliance.service.ts';

describe('config/stock-obligation.json', () => {
  it('holds the Dutch norms: company 6 weeks, wholesaler 4 plus 2 for critical medicines', () => {
    const config = loadObligationConfig();
    expect(config.norms).toEqual({
      mah: { weeks: 6, criticalListExtraWeeks: 0 },
      wholesaler: { weeks: 4, criticalListExtraWeeks: 2 },
    });
    expect(config.demandWindowDays).toBe(56);
    expect(config.maxStockAgeDays).toBe(7);
  });
});
