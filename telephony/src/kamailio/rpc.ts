import { createHmac } from 'node:crypto';

/**
 * The bearer token of Kamailio's JSON-RPC control channel. Derived from the shared SIP secret, so the runtime and
 * the generated configuration agree without a second secret, and other local processes cannot drive Kamailio.
 */
export function kamailioRpcToken(secret: string): string {
  return createHmac('sha256', secret).update('kamailio-jsonrpc').digest('hex');
}

/** A JSON-RPC error Kamailio answered (e.g. 404 "AOR not found" from ul.rm). */
export class KamailioRpcError extends Error {
  constructor(readonly method: string, readonly code: number, message: string) {
    super(`Kamailio ${method}: ${code} ${message}`);
  }
}

/** For removals: Kamailio answers 404 when there was nothing to remove. */
function notFoundIsDone(error: unknown): void {
  if (!(error instanceof KamailioRpcError && error.code === 404)) throw error;
}

/** Kamailio's JSON-RPC over HTTP (`jsonrpcs` behind `xhttp`, path /RPC). Network failures reject as they are. */
export class KamailioRpc {
  private nextId = 1;

  constructor(readonly url: string, private readonly token: string, private readonly timeoutMs = 2000) {}

  async call<T = unknown>(method: string, ...params: (string | number)[]): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: this.nextId++ }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new KamailioRpcError(method, response.status, response.statusText);
    const body = await response.json() as { result?: T; error?: { code: number; message: string } };
    if (body.error) throw new KamailioRpcError(method, body.error.code, body.error.message);
    return body.result as T;
  }

  /** Refuses the user's requests and calls to them (the `blocked` htable of kamailio.cfg). */
  async block(user: string): Promise<void> {
    await this.call('htable.seti', 'blocked', user, 1);
  }

  /** Takes the user off the `blocked` htable; one who was not on it is no error. */
  async unblock(user: string): Promise<void> {
    await this.call('htable.delete', 'blocked', user).catch(notFoundIsDone);
  }

  /** The users in the `blocked` htable. */
  async blocked(): Promise<string[]> {
    // htable.dump answers one object per non-empty slot: { entry, size, slot: [{ name, value }] }.
    const slots = await this.call<{ slot?: { name: string }[] }[] | null>('htable.dump', 'blocked');
    return (slots ?? []).flatMap((s) => (s.slot ?? []).map((item) => item.name));
  }

  /** Drops every registration of an address of record (`user@domain`); none is no error. */
  async dropRegistrations(aor: string): Promise<void> {
    await this.call('ul.rm', 'location', aor).catch(notFoundIsDone);
  }
}
