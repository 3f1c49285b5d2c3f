/**
 * The generated documents checked into the repository: docs/errors.md (from the error catalogue)
 * and docs/openapi.json (from the route schemas). `npm run docs:generate` writes them; a test
 * fails when a checked-in copy is stale.
 */
import { ERROR_CATALOGUE, problemType, type ErrorCode } from '../kernel/errors.ts';

export function renderErrorCatalogue(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from src/kernel/errors.ts by `npm run docs:generate`; do not edit. -->',
    '',
    'Every problem medsupply reports carries one of these stable codes: in the `code` member of an',
    'application/problem+json response (with the `type` URI below), and in CLI messages. Import',
    'problems name the file and line (`file.csv:12: reason`); API problems list every offending',
    'field in `errors[]` as `{ pointer, code, detail }`.',
    '',
    '| code | HTTP status | title | type |',
    '|---|---:|---|---|',
  ];
  for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
    const { title, status } = ERROR_CATALOGUE[code];
    lines.push(`| \`${code}\` | ${status} | ${title} | ${problemType(code)} |`);
  }
  return lines.join('\n') + '\n';
}
