import type { FastifyServerOptions } from 'fastify';

/**
 * Log lines must never carry a phone, an ID number or a password, at any level: logs are read by more people,
 * kept longer and copied further than the database. Three nets, because no one of them catches all:
 * - URLs: every query value is blanked unless its parameter is known to carry no personal data (a new route's
 *   `q`, `filter` or `number` is then redacted without anyone remembering to), and digit runs in the path.
 * - Errors: only their type, code, message and stack, with digit runs blanked (a driver's message quotes the
 *   value it refused; its other properties, like a duplicate key's `keyValue`, are dropped).
 * - Everything else logged: strings lose digit runs, and keys that name secrets lose their values.
 */
const SAFE_PARAMS = new Set(['page', 'pageSize', 'sort', 'deleted', 'version', 'kind', 'from', 'view', 'status', 'entity', 'format', 'lang']);
/** Five or more digits, perhaps written with spaces or dashes (138 1234 5678): a phone, an ID number, an account. */
const DIGIT_RUN = /\+?\d(?:[\s-]?\d){4,}/g;
const SECRET_KEY = /pass(word)?|secret|token|cookie|authorization|body|payload/i;
const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text.replace(DIGIT_RUN, REDACTED);
}

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const path = redactText(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const query = url.slice(at + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return SAFE_PARAMS.has(name) && eq >= 0 ? `${name}=${redactText(pair.slice(eq + 1))}` : `${redactText(name)}=${REDACTED}`;
  });
  return `${path}?${query.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

function serializeRequest(req: LoggedRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? redactText(err) : REDACTED;
  const code = (err as { code?: unknown }).code;
  return {
    type: err.constructor.name, message: redactText(err.message), stack: redactText(err.stack ?? ''),
    ...(code !== undefined ? { code } : {}), ...(err.cause ? { cause: serializeError(err.cause) } : {}),
  };
}

/** Keys the serializers above own (they see the raw objects after this walk). */
const SERIALIZED = new Set(['req', 'res', 'err', 'error']);

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (value instanceof Error) return serializeError(value);
  if (depth > 5) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1)]));
}

function redactLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, SERIALIZED.has(k) ? v : SECRET_KEY.test(k) ? REDACTED : redactValue(v, 1)]));
}

type LoggerOption = FastifyServerOptions['logger'];
type LoggerOptions = Exclude<LoggerOption, boolean | undefined>;

/** The app's logger settings with the redaction above added (main.ts's LOG_LEVEL, a test's stream, ...). */
export function redactingLogger(logger: LoggerOption): LoggerOption {
  if (!logger) return false;
  const base: LoggerOptions = logger === true ? {} : logger;
  const own = base.formatters?.log;
  return {
    ...base,
    serializers: { ...base.serializers, req: serializeRequest as never, err: serializeError as never, error: serializeError },
    formatters: { ...base.formatters, log: (obj) => redactLogObject(own ? own(obj) : obj) },
    hooks: {
      ...base.hooks,
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}
