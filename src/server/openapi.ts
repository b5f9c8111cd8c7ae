/** The OpenAPI 3.1 document of the API, written from its route table (each route carries its documentation). */
import type { Router } from './http.ts';

/** The OpenAPI 3.1 document of a route table. */
export function openApi(r: Router) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const route of r.routes) {
    const p = route.pattern.replace(/:(\w+)/g, '{$1}');
    const params = [
      ...route.keys.map((k) => ({ name: k, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(route.doc.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        required: false,
        description,
        schema: { type: 'string' },
      })),
    ];
    const responses: Record<string, unknown> = { '200': { description: 'OK', content: { 'application/json': {} } } };
    for (const [code, description] of Object.entries(route.doc.responses ?? {})) {
      responses[code] =
        code === '200'
          ? { description, content: { 'application/json': {} } }
          : { description, content: { 'application/json': { schema: errorRef } } };
    }
    responses['4XX'] ??= { description: 'client error', content: { 'application/json': { schema: errorRef } } };
    (paths[p] ??= {})[route.method.toLowerCase()] = {
      summary: route.doc.summary,
      parameters: params.length ? params : undefined,
      requestBody: route.doc.body
        ? {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(
                    Object.entries(route.doc.body).map(([k, d]) => [k, { description: d }]),
                  ),
                },
              },
            },
          }
        : undefined,
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version: '0.1.0',
      description:
        'News intelligence: articles, entities, quotes, claims, events. Errors are {error: {status, message}}. ' +
        'When the server runs with --token, every /api call needs `Authorization: Bearer <token>`.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: { status: { type: 'integer' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
    paths,
  };
}
