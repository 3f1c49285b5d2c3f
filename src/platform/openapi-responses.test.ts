/**
 * Every operation in docs/openapi.json documents what it answers on success. Clients generated
 * from the document (and the web app's contract check) know nothing about an answer without a
 * schema, and Fastify only serialises through the schemas it is given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface MediaType {
  readonly schema?: object;
}
interface Response {
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Operation {
  readonly responses?: Readonly<Record<string, Response>>;
}
interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** "GET /v1/x: why" for each operation whose success answer has no schema. */
function operationsWithoutSuccessSchema(document: OpenApiDocument): string[] {
  const gaps: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!HTTP_METHODS.has(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^2(\d\d|XX)$/.test(status),
      );
      if (successes.length === 0) {
        gaps.push(`${name}: declares no success response`);
        continue;
      }
      for (const [status, response] of successes) {
        // No Content has nothing to describe.
        if (status === '204') continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) gaps.push(`${name}: ${status} has no content`);
        for (const [type, { schema }] of media) {
          if (schema === undefined || Object.keys(schema).length === 0)
            gaps.push(`${name}: ${status} ${type} has no schema`);
        }
      }
    }
  }
  return gaps;
}

describe('OpenAPI success responses', () => {
  it('documents a success schema for every operation (run `npm run docs:generate` first)', () => {
    const document = JSON.parse(
      readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as OpenApiDocument;
    expect(operationsWithoutSuccessSchema(document)).toEqual([]);
  });

  it('names the operations that answer without a schema, and accepts No Content', () => {
    const json = (schema: object) => ({ content: { 'application/json': { schema } } });
    const document: OpenApiDocument = {
      paths: {
        '/v1/things': {
          get: { responses: { '200': json({ type: 'object' }) } },
          post: { responses: { '201': { description: 'Created' }, '400': json({}) } },
          parameters: {},
        },
        '/v1/things/{id}': {
          get: { responses: { '400': json({ type: 'object' }) } },
          put: { responses: { '200': json({}) } },
          delete: { responses: { '204': {} } },
        },
        '/v1/feed': {
          get: {
            responses: {
              '200': { content: { 'application/atom+xml': { schema: { type: 'string' } } } },
            },
          },
        },
      },
    };
    expect(operationsWithoutSuccessSchema(document)).toEqual([
      'POST /v1/things: 201 has no content',
      'GET /v1/things/{id}: declares no success response',
      'PUT /v1/things/{id}: 200 application/json has no schema',
    ]);
  });
});
