// Ephemeral SIP credentials: the format Kamailio's auth_ephemeral module checks (username `<expiry>:<user>`,
// password base64(HMAC-SHA1(secret, username))), pinned against a vector computed with openssl.
import { describe, expect, it } from 'vitest';
import { kamailioRpcToken, renderKamailioConfig, sipCredentials, verifySipCredentials } from '@telesales/telephony';

const NOW = new Date('2023-11-14T22:13:20Z'); // 1700000000

describe('sipCredentials', () => {
  it('builds `<expiry>:<userId>` and its HMAC-SHA1 password', () => {
    // printf '1700003600:agent1' | openssl dgst -sha1 -hmac kamailio_rules -binary | base64
    expect(sipCredentials('kamailio_rules', 'agent1', 3600, NOW)).toEqual({
      username: '1700003600:agent1', password: 'sqi6baVjXagRwvqKf/e1jGq1i98=', expiresAt: new Date('2023-11-14T23:13:20Z'),
    });
  });

  it('rounds the expiry down to whole seconds', () => {
    expect(sipCredentials('s', 'u', 10.9, new Date(1_700_000_000_999)).username).toBe('1700000010:u');
  });

  it('gives different passwords for different secrets, users and expiries', () => {
    const base = sipCredentials('s1', 'agent1', 60, NOW).password;
    expect(sipCredentials('s2', 'agent1', 60, NOW).password).not.toBe(base);
    expect(sipCredentials('s1', 'agent2', 60, NOW).password).not.toBe(base);
    expect(sipCredentials('s1', 'agent1', 61, NOW).password).not.toBe(base);
  });

  it('refuses user ids a SIP username cannot carry, an empty secret and a lifetime that is not positive', () => {
    expect(() => sipCredentials('s', 'a:b', 60, NOW)).toThrow(/cannot be a SIP user id/);
    expect(() => sipCredentials('s', 'a b', 60, NOW)).toThrow(/cannot be a SIP user id/);
    expect(() => sipCredentials('s', 'a@b', 60, NOW)).toThrow(/cannot be a SIP user id/);
    expect(() => sipCredentials('', 'a', 60, NOW)).toThrow(/secret/);
    expect(() => sipCredentials('s', 'a', 0, NOW)).toThrow(/positive/);
  });
});

describe('verifySipCredentials', () => {
  const c = sipCredentials('secret', 'e6120985-3928-413f-9a6f-a7d23c3fc1d6', 60, NOW);

  it('accepts fresh credentials and refuses a wrong password, a wrong secret or an expired username', () => {
    expect(verifySipCredentials('secret', c.username, c.password, NOW)).toBe(true);
    expect(verifySipCredentials('secret', c.username, `${c.password.slice(0, -2)}A=`, NOW)).toBe(false);
    expect(verifySipCredentials('other', c.username, c.password, NOW)).toBe(false);
    expect(verifySipCredentials('secret', c.username, c.password, new Date(NOW.getTime() + 60_000))).toBe(false);
    expect(verifySipCredentials('secret', 'agent1', c.password, NOW)).toBe(false);
  });
});

describe('renderKamailioConfig', () => {
  it('puts sockets, the domain and the secret in the header and keeps the package routing', () => {
    const cfg = renderKamailioConfig({ secret: 'abc/+=', wsPort: 18080, sipPort: 15060, domain: 'sip.example.test', trunkSources: ['127.0.0.2'] }, '/mods');
    expect(cfg.split('\n').slice(0, 12)).toEqual(expect.arrayContaining([
      '#!KAMAILIO', 'listen=udp:127.0.0.1:15060', 'listen=tcp:127.0.0.1:15060', 'listen=tcp:127.0.0.1:18080',
      'alias="sip.example.test"', 'mpath="/mods/"', '#!substdef "!SIP_SECRET!abc/+=!g"', '#!define FROM_TRUNK ($si == "127.0.0.2")',
    ]));
    expect(cfg).toContain('modparam("auth_ephemeral", "secret", "SIP_SECRET")');
    expect(cfg.match(/^#!KAMAILIO/gm)).toHaveLength(1);
  });

  it('sets no alias for an IP domain (in-dialog requests to other UAs on it would loop back)', () => {
    expect(renderKamailioConfig({ secret: 's' }, null)).not.toMatch(/^alias=/m);
  });

  it('opens the JSON-RPC control channel on loopback only, behind a token derived from the secret', () => {
    const local = renderKamailioConfig({ secret: 's' }, null);
    expect(local).toContain(`#!substdef "!RPC_TOKEN!${kamailioRpcToken('s')}!g"`);
    expect(kamailioRpcToken('s')).not.toEqual(kamailioRpcToken('t'));
    expect(local.match(/^listen=tcp:127\.0\.0\.1:8080$/gm)).toHaveLength(1);
    // Sockets on another address: one more on loopback for the runtime.
    const remote = renderKamailioConfig({ secret: 's', host: '10.0.0.5' }, null);
    expect(remote.match(/^listen=tcp:.*:8080$/gm)).toEqual(['listen=tcp:10.0.0.5:8080', 'listen=tcp:127.0.0.1:8080']);
    expect(local).toMatch(/\$hu =~ "\^\/RPC" && \(\$si == "127\.0\.0\.1"/);
  });

  it('refuses values that would break the configuration', () => {
    expect(() => renderKamailioConfig({ secret: 'a"b' }, null)).toThrow(/secret/);
    expect(() => renderKamailioConfig({ secret: 'a!b' }, null)).toThrow(/secret/);
    expect(() => renderKamailioConfig({ secret: 's', wsPort: 5060 }, null)).toThrow(/differ/);
    expect(() => renderKamailioConfig({ secret: 's', trunkSources: ['carrier.example'] }, null)).toThrow(/IP address/);
  });
});
