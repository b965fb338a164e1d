// /api/health (with the database's state), the generated OpenAPI 3.1 document and the docs page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '@telesales/schemas';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
});
afterAll(async () => rt?.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The parts of the OpenAPI 3.1 schema every consumer relies on (the official schema is not vendored). */
const openApi31 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string', minLength: 1 }, version: { type: 'string', minLength: 1 } } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: [...METHODS, 'parameters', 'summary', 'description', 'servers', '$ref'] },
        additionalProperties: {
          type: 'object',
          required: ['responses'],
          properties: {
            summary: { type: 'string' },
            tags: { type: 'array', items: { type: 'string' } },
            parameters: {
              type: 'array',
              items: { type: 'object', required: ['name', 'in'], properties: { name: { type: 'string' }, in: { enum: ['query', 'header', 'path', 'cookie'] } } },
            },
            requestBody: { type: 'object', required: ['content'], properties: { content: { type: 'object', minProperties: 1 } } },
            responses: {
              type: 'object',
              minProperties: 1,
              propertyNames: { pattern: '^([1-5]\\d\\d|[1-5]XX|default)$' },
              additionalProperties: { type: 'object', required: ['description'], properties: { description: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: { type: 'object' },
  },
} as const;

describe('GET /api/health', () => {
  it('answers 200 with the database state and the telephony mode, without signing in', async () => {
    const res = await rt.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    // TELEPHONY=sip adds whether the SIP server has the runtime registered (tests/telephony/sip-reconnect.test.ts).
    expect(res.body).toEqual({ status: 'ok', db: { state: 'up', embedded: true, latencyMs: expect.any(Number) }, telephony: { mode: 'simulated' } });
    expect(res.body.db.latencyMs).toBeGreaterThanOrEqual(0);
    expect(res.body.db.latencyMs).toBeLessThan(5000);
  });

  it('answers 503, in bounded time, when the database is gone', async () => {
    const mongo = await startEmbeddedMongo();
    const down = await startRuntime({ mongo, template: false });
    try {
      expect((await down.anonymous().get('/api/health')).status).toBe(200);
      await mongo.stop();
      const started = Date.now();
      const res = await down.anonymous().get('/api/health');
      // bounded: the driver alone may keep waiting for a server that is gone
      expect(Date.now() - started).toBeLessThan(8000);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', db: { state: 'down', embedded: true, latencyMs: null }, telephony: { mode: 'simulated' } });
    } finally {
      await down.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  let doc: any;
  beforeAll(async () => {
    // Like every API route but sign-in and health, the description needs a session (the builder's and console's cookie).
    expect((await rt.anonymous().get('/api/openapi.json')).status).toBe(401);
    const res = await admin.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    doc = JSON.parse(res.text);
  });

  it('is an OpenAPI 3.1 document', () => {
    const validate = createAjv().compile(openApi31);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Telesales platform API');
    expect(doc.components.securitySchemes).toEqual({ session: { type: 'apiKey', in: 'cookie', name: 'sid' } });
  });

  it('every path template parameter is declared as a required path parameter', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of METHODS.filter((m) => item[m])) {
        const declared = (item[method].parameters ?? []).filter((p: any) => p.in === 'path');
        for (const name of names) {
          const p = declared.find((d: any) => d.name === name);
          if (!p || p.required !== true) problems.push(`${method.toUpperCase()} ${path}: {${name}}`);
        }
        for (const d of declared) if (!names.includes(d.name)) problems.push(`${method.toUpperCase()} ${path}: extra ${d.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every schema in it is a valid JSON Schema 2020-12', () => {
    const ajv = createAjv();
    ajv.opts.strict = false;
    const schemas: [string, unknown][] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        for (const p of op.parameters ?? []) if (p.schema) schemas.push([`${method} ${path} ${p.name}`, p.schema]);
        for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {})) schemas.push([`${method} ${path} body ${type}`, media.schema]);
        for (const [code, res] of Object.entries<any>(op.responses)) {
          for (const media of Object.values<any>(res.content ?? {})) schemas.push([`${method} ${path} ${code}`, media.schema]);
        }
      }
    }
    expect(schemas.length).toBeGreaterThan(40);
    const broken = schemas.filter(([, s]) => !ajv.validateSchema(s as object)).map(([where]) => where);
    expect(broken).toEqual([]);
  });

  it('lists the records and definitions routes with their methods', () => {
    const ops = (path: string) => Object.keys(doc.paths[path] ?? {}).filter((k) => METHODS.includes(k)).sort();
    expect(ops('/api/records/{entity}')).toEqual(['get', 'post']);
    expect(ops('/api/records/{entity}/query')).toEqual(['post']);
    expect(ops('/api/records/{entity}/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(ops('/api/records/{entity}/{id}/restore')).toEqual(['post']);
    expect(ops('/api/records/{entity}/{id}/log')).toEqual(['get']);
    expect(ops('/api/definitions')).toEqual(['get', 'post']);
    expect(ops('/api/definitions/validate')).toEqual(['post']);
    expect(ops('/api/definitions/{kind}/{key}')).toEqual(['get']);
    expect(ops('/api/definitions/{kind}/{key}/draft')).toEqual(['delete', 'put']);
    expect(ops('/api/definitions/{kind}/{key}/publish')).toEqual(['post']);
    expect(ops('/api/definitions/{kind}/{key}/rollback')).toEqual(['post']);
    expect(ops('/api/definitions/{kind}/{key}/versions')).toEqual(['get']);
    expect(ops('/api/definitions/{kind}/{key}/versions/{version}')).toEqual(['get']);
    expect(ops('/api/definitions/{kind}/{key}/diff')).toEqual(['get']);
    expect(ops('/api/auth/login')).toEqual(['post']);
    expect(ops('/api/users')).toEqual(['get', 'post']);
    expect(ops('/api/health')).toEqual(['get']);
    // the document and the docs page do not describe themselves
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs') || p === '/api/openapi.json')).toEqual([]);
  });

  it('describes request bodies and errors from the route schemas', () => {
    const publish = doc.paths['/api/definitions/{kind}/{key}/publish'].post;
    expect(publish.requestBody.content['application/json'].schema).toMatchObject({ required: ['message'], properties: { message: { type: 'string' } } });
    expect(Object.keys(publish.responses).sort()).toEqual(['200', '400', '403', '404', '409']);
    expect(publish.responses['409'].content['application/json'].schema).toMatchObject({ required: ['statusCode', 'code', 'message'] });
    expect(doc.paths['/api/definitions'].get.parameters).toContainEqual(expect.objectContaining({ in: 'query', name: 'kind', required: true }));
  });
});

describe('the docs page and unknown routes', () => {
  it('GET /api/docs answers HTML that loads Swagger UI, to a signed-in person', async () => {
    expect((await rt.anonymous().get('/api/docs')).status).toBe(401);
    const res = await admin.get('/api/docs');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html/i);
    expect(res.text).toContain('swagger-ui');
    const bundle = await admin.get('/api/docs/static/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
  });

  it('an unknown API route: 404 in the uniform error shape', async () => {
    const res = await rt.anonymous().get('/api/nope?x=1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: 'No route GET /api/nope' });
  });
});
