/**
 * The stock-out projection lives in the kernel (src/kernel/stock-projection.ts), so early
 * warning's pure domain projects with the same code; the stock capability keeps offering it here.
 */
export * from '../../kernel/stock-projection.ts';
