// Attack: agent2 gets hold of agent1's click-to-call token (sip:<token>@domain) and dials it from their own
// phone. The token is agent1's: for anyone else it is unknown, and it is not used up, so agent1 still dials it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@telesales/embedded-mongo';
import { CallTokens } from '@telesales/runtime/calls/tokens';

let mongo: EmbeddedMongo;
let client: MongoClient;
let tokens: CallTokens;

beforeAll(async () => {
  mongo = await startEmbeddedMongo();
  client = await MongoClient.connect(mongo.uri);
  tokens = new CallTokens(client.db('others_call_token'), () => Date.now());
  await tokens.init();
});
afterAll(async () => {
  await client?.close();
  await mongo?.stop();
});

describe("another agent's click-to-call token", () => {
  it('dialled by agent2: unknown, and still good for agent1, once', async () => {
    const { token } = await tokens.issue('call-1', 'agent1', '13944440001');
    expect(await tokens.redeem(token, 'agent2')).toBeNull();
    expect(await tokens.redeem(token, 'agent1')).toEqual({ callId: 'call-1', userId: 'agent1', number: '13944440001' });
    expect(await tokens.redeem(token, 'agent1')).toBeNull();
  });
});
