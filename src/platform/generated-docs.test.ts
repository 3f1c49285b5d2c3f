import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../server.ts';
import { renderErrorCatalogue } from './generated-docs.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('generated documents (run `npm run docs:generate` when these fail)', () => {
  it('docs/errors.md lists the error catalogue as it is', () => {
    expect(read('docs/errors.md')).toBe(renderErrorCatalogue());
  });

  it('docs/openapi.json is the document the API serves', async () => {
    const document = JSON.parse(read('docs/openapi.json')) as unknown;
    expect(document).toEqual(await buildOpenApiDocument());
  });
});
