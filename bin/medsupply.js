#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npx medsupply` works right after
// `npm ci` with no build step (see docs/decisions/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
