import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintBotToken } from '../../../client/botToken';
import { StoaClient } from '../../../client/client';
import { DEV_BOT_SECRET } from '../../../contract/auth';
import { PI_ROUND, buildRoundWorld, startRound } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { expectApiError, garbageClient, wrong } from '../../test/factories';
import { startTestService, type TestService, type TestUser } from '../../test/testService';

const backends = await storageBackends();

const card = { conversationId: '19:abc@thread.v2', activityId: '1700000000000' };
const reference = {
  activityId: 'act-1',
  bot: { id: '28:stoa', name: 'Stoa' },
  conversation: { id: '19:abc@thread.v2', isGroup: true },
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
};

/** A client with a bot act-as token minted from the shared secret, as the Teams bot calls. */
async function asBot(t: TestService, user: TestUser) {
  const token = await mintBotToken(DEV_BOT_SECRET, user);
  return new StoaClient({ baseUrl: t.url, getToken: () => token });
}

describe.each(backends)('bot references on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  async function world() {
    const w = await buildRoundWorld(t);
    const r = await startRound(w, PI_ROUND);
    return { w, r, bot: await asBot(t, w.facilitator.user) };
  }

  it('PUT /rounds/:roundId/card 200 the bot records the card and any bot instance reads it back', async () => {
    const { w, r, bot } = await world();
    expect(await bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card })).toEqual(card);
    const studentBot = await asBot(t, w.student.user);
    expect(await studentBot.call('getRoundCard', { params: { roundId: r.roundId } })).toEqual(card);
  });

  it('PUT /rounds/:roundId/card 400 validation_failed on an empty activity id', async () => {
    const { r, bot } = await world();
    const call = bot.call('setRoundCard', {
      params: { roundId: r.roundId },
      body: { ...card, activityId: '' },
    });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('PUT /rounds/:roundId/card 403 forbidden for a user token, even a facilitator', async () => {
    const { w, r } = await world();
    const call = w.facilitator.client.call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    await expectApiError(call, 403, 'forbidden');
  });

  it('PUT /rounds/:roundId/card 404 not_found for a non-member', async () => {
    const { w, r } = await world();
    const bot = await asBot(t, w.outsider.user);
    await expectApiError(
      bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card }),
      404,
      'not_found',
    );
  });

  it('PUT /rounds/:roundId/card 404 not_found for the bot acting in another tenant', async () => {
    const { w, r } = await world();
    const bot = await asBot(t, w.otherTenant.user);
    await expectApiError(
      bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card }),
      404,
      'not_found',
    );
  });

  it('PUT /rounds/:roundId/card 401 unauthenticated without a token', async () => {
    const { r } = await world();
    const call = t.anonymous().call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('PUT /rounds/:roundId/card 401 invalid_token with a garbage token', async () => {
    const { r } = await world();
    const call = garbageClient(t).call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('GET /rounds/:roundId/card 200 returns the recorded card', async () => {
    const { r, bot } = await world();
    await bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    const moved = { ...card, activityId: '1700000000999' };
    await bot.call('setRoundCard', { params: { roundId: r.roundId }, body: moved });
    expect(await bot.call('getRoundCard', { params: { roundId: r.roundId } })).toEqual(moved);
  });

  it('GET /rounds/:roundId/card 404 not_found before a card is recorded, and for a non-member', async () => {
    const { w, r, bot } = await world();
    await expectApiError(bot.call('getRoundCard', { params: { roundId: r.roundId } }), 404, 'not_found');
    const outsider = await asBot(t, w.outsider.user);
    await expectApiError(outsider.call('getRoundCard', { params: { roundId: r.roundId } }), 404, 'not_found');
  });

  it('GET /rounds/:roundId/card 400 validation_failed on a round id over 64 characters', async () => {
    const { bot } = await world();
    const call = bot.call('getRoundCard', { params: { roundId: wrong('r'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /rounds/:roundId/card 403 forbidden for a user token', async () => {
    const { w, r, bot } = await world();
    await bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    await expectApiError(
      w.owner.client.call('getRoundCard', { params: { roundId: r.roundId } }),
      403,
      'forbidden',
    );
  });

  it('GET /rounds/:roundId/card 404 not_found for another tenant', async () => {
    const { w, r, bot } = await world();
    await bot.call('setRoundCard', { params: { roundId: r.roundId }, body: card });
    const other = await asBot(t, w.otherTenant.user);
    await expectApiError(other.call('getRoundCard', { params: { roundId: r.roundId } }), 404, 'not_found');
  });

  it('GET /rounds/:roundId/card 401 unauthenticated without a token', async () => {
    const { r } = await world();
    await expectApiError(
      t.anonymous().call('getRoundCard', { params: { roundId: r.roundId } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /rounds/:roundId/card 401 invalid_token with a garbage token', async () => {
    const { r } = await world();
    await expectApiError(
      garbageClient(t).call('getRoundCard', { params: { roundId: r.roundId } }),
      401,
      'invalid_token',
    );
  });

  it('PUT /classes/:classId/conversation-reference 200 stores and replaces the reference', async () => {
    const { w, bot } = await world();
    const params = { classId: w.cls.id };
    expect(await bot.call('putConversationReference', { params, body: { reference } })).toEqual({
      reference,
    });
    const next = { ...reference, activityId: 'act-2' };
    await bot.call('putConversationReference', { params, body: { reference: next } });
    expect(await bot.call('getConversationReference', { params })).toEqual({ reference: next });
  });

  it('PUT /classes/:classId/conversation-reference 400 validation_failed without a reference', async () => {
    const { w, bot } = await world();
    const call = bot.call('putConversationReference', { params: { classId: w.cls.id }, body: wrong({}) });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('PUT /classes/:classId/conversation-reference 403 forbidden for a user token', async () => {
    const { w } = await world();
    const call = w.owner.client.call('putConversationReference', {
      params: { classId: w.cls.id },
      body: { reference },
    });
    await expectApiError(call, 403, 'forbidden');
  });

  it('PUT /classes/:classId/conversation-reference 404 not_found for a non-member', async () => {
    const { w } = await world();
    const bot = await asBot(t, w.outsider.user);
    const call = bot.call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    await expectApiError(call, 404, 'not_found');
  });

  it('PUT /classes/:classId/conversation-reference 404 not_found for another tenant', async () => {
    const { w } = await world();
    const bot = await asBot(t, w.otherTenant.user);
    const call = bot.call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    await expectApiError(call, 404, 'not_found');
  });

  it('PUT /classes/:classId/conversation-reference 401 unauthenticated without a token', async () => {
    const { w } = await world();
    const call = t
      .anonymous()
      .call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('PUT /classes/:classId/conversation-reference 401 invalid_token with a garbage token', async () => {
    const { w } = await world();
    const call = garbageClient(t).call('putConversationReference', {
      params: { classId: w.cls.id },
      body: { reference },
    });
    await expectApiError(call, 401, 'invalid_token');
  });

  it('GET /classes/:classId/conversation-reference 200 returns what the bot stored', async () => {
    const { w, bot } = await world();
    await bot.call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    const studentBot = await asBot(t, w.student.user);
    expect(await studentBot.call('getConversationReference', { params: { classId: w.cls.id } })).toEqual({
      reference,
    });
  });

  it('GET /classes/:classId/conversation-reference 404 not_found when none is stored, and for a non-member', async () => {
    const { w, bot } = await world();
    await expectApiError(
      bot.call('getConversationReference', { params: { classId: w.cls.id } }),
      404,
      'not_found',
    );
    const outsider = await asBot(t, w.outsider.user);
    await expectApiError(
      outsider.call('getConversationReference', { params: { classId: w.cls.id } }),
      404,
      'not_found',
    );
  });

  it('GET /classes/:classId/conversation-reference 400 validation_failed on a class id over 64 characters', async () => {
    const { bot } = await world();
    const call = bot.call('getConversationReference', { params: { classId: wrong('c'.repeat(65)) } });
    await expectApiError(call, 400, 'validation_failed');
  });

  it('GET /classes/:classId/conversation-reference 403 forbidden for a user token', async () => {
    const { w, bot } = await world();
    await bot.call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    const call = w.student.client.call('getConversationReference', { params: { classId: w.cls.id } });
    await expectApiError(call, 403, 'forbidden');
  });

  it('GET /classes/:classId/conversation-reference 404 not_found for another tenant', async () => {
    const { w, bot } = await world();
    await bot.call('putConversationReference', { params: { classId: w.cls.id }, body: { reference } });
    const other = await asBot(t, w.otherTenant.user);
    await expectApiError(
      other.call('getConversationReference', { params: { classId: w.cls.id } }),
      404,
      'not_found',
    );
  });

  it('GET /classes/:classId/conversation-reference 401 unauthenticated without a token', async () => {
    const { w } = await world();
    const call = t.anonymous().call('getConversationReference', { params: { classId: w.cls.id } });
    await expectApiError(call, 401, 'unauthenticated');
  });

  it('GET /classes/:classId/conversation-reference 401 invalid_token with a garbage token', async () => {
    const { w } = await world();
    const call = garbageClient(t).call('getConversationReference', { params: { classId: w.cls.id } });
    await expectApiError(call, 401, 'invalid_token');
  });
});
