/** Writes the generated documents: docs/errors.md and docs/openapi.json. */
import { writeFileSync } from 'node:fs';
import { renderErrorCatalogue } from '../src/platform/generated-docs.ts';
import { buildOpenApiDocument } from '../src/server.ts';

writeFileSync('docs/errors.md', renderErrorCatalogue());
writeFileSync('docs/openapi.json', JSON.stringify(await buildOpenApiDocument(), null, 2) + '\n');
process.stdout.write('wrote docs/errors.md and docs/openapi.json\n');
