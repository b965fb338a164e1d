/**
 * Request log lines name the URL, and a list URL carries what a person searched for (`q=13812345678`,
 * a filter with a number): the same masked data the responses hide. These routes log the URL with those
 * parameters blanked.
 */
const SECRET_PARAMS = /([?&](?:q|filter)=)[^&]*/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export const redactedLogSerializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
