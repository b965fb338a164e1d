import type { FastifyError, FastifyInstance } from 'fastify';
import type { Locale, ValidationIssue } from '@telesales/schemas';
import { requestLocale } from './locale.js';
import { text } from './messages.js';

/** An error a client is meant to read: a status, a stable code, a sentence and, for input, where it is. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly errors?: ValidationIssue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function errorBody(statusCode: number, code: string, message: string, errors?: ValidationIssue[], extra?: object) {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', code, message, ...(errors ? { errors } : {}), ...extra };
}

/**
 * Fastify's own validation errors, in the same shape as ours: a JSON pointer per problem. Their sentences are
 * Ajv's (English): they answer requests the apps never send, as the apps check their input first.
 */
function validationIssues(error: FastifyError, locale: Locale): ValidationIssue[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    let path = `/${context}${v.instancePath}`;
    if (v.keyword === 'required') path += `/${String(params.missingProperty)}`;
    if (v.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
    return { path, code: v.keyword, message: v.message ?? text('is_invalid', locale) };
  });
}

/**
 * One error handler for the whole API. Unexpected errors answer a bare 500: their text may hold data the
 * caller must not see (a masked number in a driver message), so it goes to the log only.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send(errorBody(error.statusCode, error.code, error.message, error.errors, error.extra));
    }
    const locale = requestLocale(request);
    if (error.validation) {
      const errors = validationIssues(error, locale);
      const first = errors[0];
      return reply.status(400).send(errorBody(400, 'bad_request', first ? `${first.path} ${first.message}` : text('invalid_request', locale), errors));
    }
    const status = error.statusCode ?? 500;
    // @fastify/rate-limit throws what auth's errorResponseBuilder built: keep its sentence (it says how long to wait).
    if (status === 429) return reply.status(429).send(errorBody(429, 'rate_limited', error.message || text('rate_limited', locale)));
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(status, error.code?.toLowerCase() ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorBody(500, 'internal', text('internal', locale)));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(404, 'not_found', text('no_route', requestLocale(request), { method: request.method, url: request.url.split('?')[0]! })));
  });
}
