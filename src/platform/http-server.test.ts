import { describe, expect, it } from 'vitest';
import { declareProblemResponses } from './http-server.ts';

describe('declareProblemResponses', () => {
  it('declares error answers as problem+json and leaves successes and other types alone', () => {
    const schema = { type: 'object' };
    const document = {
      paths: {
        '/v1/things': {
          get: {
            responses: {
              200: { content: { 'application/json': { schema } } },
              400: { content: { 'application/json': { schema } } },
              503: { content: { 'application/json': { schema }, 'text/csv': { schema } } },
              default: { content: { 'application/json': { schema } } },
            },
          },
          post: { responses: { 204: { description: 'done' } } },
        },
      },
    };
    const result = declareProblemResponses(structuredClone(document));
    const get = result.paths['/v1/things'].get.responses;
    expect(Object.keys(get[200].content)).toEqual(['application/json']);
    expect(Object.keys(get[400].content)).toEqual(['application/problem+json']);
    expect(Object.keys(get[503].content)).toEqual(['application/problem+json', 'text/csv']);
    expect(Object.keys(get.default.content)).toEqual(['application/problem+json']);
    expect(get[400].content).toEqual({ 'application/problem+json': { schema } });
    expect(result.paths['/v1/things'].post).toEqual(document.paths['/v1/things'].post);
  });

  it('accepts a document without paths', () => {
    expect(declareProblemResponses({ openapi: '3.0.3' })).toEqual({ openapi: '3.0.3' });
  });
});
