// Every answer carries the headers a security review expects: the pages cannot be framed by another site
// (X-Frame-Options and CSP frame-ancestors), no answer is content-sniffed, referrers stay on this site, and
// the console's and builder's pages get a Content-Security-Policy that runs only their own scripts: the
// console's inline SvelteKit bootstrap is allowed by its hash, read from the page itself.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';

const BOOTSTRAP = '\n\t\t\t\t__sveltekit_x = { base: "/console" };\n\t\t\t';
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

let fx: RuntimeFixture;
let dir: string;

beforeAll(async () => {
  // Stand-ins for the built apps: the console's page starts with an inline script, as SvelteKit's does.
  dir = mkdtempSync(join(tmpdir(), 'headers-'));
  for (const app of ['builder', 'console']) mkdirSync(join(dir, app, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'builder', 'index.html'), '<!doctype html><script type="module" src="/builder/assets/app.js"></script>');
  writeFileSync(join(dir, 'builder', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'console', 'index.html'), `<!doctype html><body><div><script>${BOOTSTRAP}</script></div></body>`);
  fx = await startRuntime({ template: false, static: { builderDir: join(dir, 'builder'), consoleDir: join(dir, 'console') } });
});
afterAll(async () => {
  await fx?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => fx.app.inject({ method: 'GET', url });
const directives = (csp: unknown) => new Map(String(csp).split(/;\s*/).map((d) => {
  const [name, ...sources] = d.trim().split(/\s+/);
  return [name!, sources] as const;
}));

describe('on every answer', () => {
  it.each(['/console/', '/console/e/customer/123', '/builder/', '/builder/assets/app.js', '/api/health', '/api/nope', '/api/openapi.json', '/api/docs/static/index.html'])(
    '%s: no framing, no sniffing, same-origin referrers, a CSP', async (url) => {
      const res = await get(url);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    },
  );

  it.each(['/api/health', '/api/openapi.json', '/builder/assets/app.js'])('%s: no eval', async (url) => {
    expect(directives((await get(url)).headers['content-security-policy']).get('script-src')).toEqual(["'self'"]);
  });

  it('a refused request (401) has them too', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/records/customer', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('the apps’ Content-Security-Policy', () => {
  it('lets the console run its inline bootstrap, by hash, on every client route', async () => {
    for (const url of ['/console/', '/console/e/customer/123']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      // 'unsafe-eval' for Ajv, which compiles record schemas in the browser (see security-headers.ts).
      expect(directives(res.headers['content-security-policy']).get('script-src')).toEqual(["'self'", "'unsafe-eval'", sha256(BOOTSTRAP)]);
    }
  });

  it('lets the builder run its own files only', async () => {
    expect(directives((await get('/builder/')).headers['content-security-policy']).get('script-src')).toEqual(["'self'", "'unsafe-eval'"]);
  });

  it('lets the console connect to the SIP server’s WebSocket', async () => {
    const csp = directives((await get('/console/')).headers['content-security-policy']);
    expect(csp.get('connect-src')).toEqual(["'self'", new URL(fx.app.sip.config.sipWsUrl).origin]);
  });
});
