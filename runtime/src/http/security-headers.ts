import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

declare module 'fastify' {
  interface FastifyReply {
    /** This response is a page of the console or the builder, whose inline scripts (by hash) may run; see APP_SCRIPTS. */
    appPage(inlineScriptHashes: string[]): void;
  }
}

/**
 * Scripts an app page may run besides its own files. 'unsafe-eval': Ajv, which validates records and
 * definitions in the console and the builder as on the server, compiles each schema with new Function (record
 * schemas are built from entity definitions at run time, so they cannot be compiled ahead). No
 * 'unsafe-inline': injected markup still cannot run a script or an event handler.
 */
const APP_SCRIPTS = ["'unsafe-eval'"];

/**
 * What the pages may load: their own files only, from no other site, and nobody may frame them. Styles may
 * be inline (Svelte transitions and React Flow position elements with style attributes); scripts may not,
 * except an app's own bootstrap by hash. connect-src adds the SIP server's WebSocket (the console's softphone).
 */
function policy(connect: string[], scripts: string[]): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scripts],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...connect],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** The CSP sources ('sha256-...') of a page's inline scripts, e.g. SvelteKit's bootstrap in index.html. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  }
  return [...hashes];
}

const originOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
};

/**
 * Security headers on every answer (pages, API, errors), by helmet: no framing (X-Frame-Options DENY and
 * frame-ancestors 'none'), nosniff, a same-origin Referrer-Policy, and the Content-Security-Policy above.
 * No upgrade-insecure-requests and no HSTS preload: the product is also run over plain HTTP on a LAN.
 */
export const securityHeaders = fp(async (app) => {
  let connect: string[] = [];
  let base = policy(connect, []);
  // The SIP plugin is registered after this one; its WebSocket URL is known once the app is ready.
  app.addHook('onReady', async () => {
    if (app.hasDecorator('sip')) connect = [originOf(app.sip.config.sipWsUrl)];
    base = policy(connect, []);
  });
  await app.register(helmet, {
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: { maxAge: 15552000, includeSubDomains: false },
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', base);
  });
  app.decorateReply('appPage', function (this: import('fastify').FastifyReply, inlineScriptHashes: string[]) {
    this.header('content-security-policy', policy(connect, [...APP_SCRIPTS, ...inlineScriptHashes]));
  });
}, { name: 'security-headers' });
