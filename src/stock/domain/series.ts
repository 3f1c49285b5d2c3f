/**
 * The columnar MarketSeries and its scans live in the kernel (src/kernel/market-series.ts), so
 * early warning's pure domain reads the market with the same code; the stock capability keeps
 * offering them here.
 */
export * from '../../kernel/market-series.ts';
