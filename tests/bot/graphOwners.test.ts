import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type TestUser } from '../../shared/server/test/testService';
import { botAdded, channelScene, message, teamsMember, type Scene } from './activities';
import { cardsOf } from './connector';
import { startBotHarness, type BotHarness } from './harness';

/** A local endpoint speaking Microsoft Graph's wire format for `/teams/{id}/members` and a token endpoint. */
async function startGraph(owners: () => Map<string, TestUser[]>) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const url = new URL(req.url ?? '/', 'http://graph');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token)
      return send(200, { token_type: 'Bearer', expires_in: 3599, access_token: `graph-token-${token[1]}` });
    const members = /^\/v1\.0\/teams\/([^/]+)\/members$/.exec(url.pathname);
    if (req.method === 'GET' && members) {
      if (!req.headers.authorization?.startsWith('Bearer graph-token-'))
        return send(401, { error: { code: 'InvalidAuthenticationToken' } });
      const list = owners().get(decodeURIComponent(members[1]!)) ?? [];
      return send(200, {
        '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#teams('${members[1]}')/members`,
        '@odata.count': list.length,
        value: list.map((u, i) => ({
          '@odata.type': '#microsoft.graph.aadUserConversationMember',
          id: `MCMjMjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRmN2Y4NzYx${i}`,
          roles: i === 0 ? ['owner'] : [],
          displayName: u.name,
          visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
          userId: u.userId,
          email: `${u.userId}@example.edu`,
          tenantId: u.tenantId,
        })),
      });
    }
    send(404, { error: { code: 'NotFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const teams = new Map<string, TestUser[]>();
let graph: Awaited<ReturnType<typeof startGraph>>;
let withGraph: BotHarness;
let without: BotHarness;

beforeAll(async () => {
  graph = await startGraph(() => teams);
  withGraph = await startBotHarness({
    env: {
      GRAPH_ENABLED: 'true',
      GRAPH_BASE_URL: `${graph.url}/v1.0`,
      GRAPH_TOKEN_URL: `${graph.url}/{tenantId}/oauth2/v2.0/token`,
      GRAPH_CLIENT_ID: 'graph-app',
      GRAPH_CLIENT_SECRET: 'graph-secret',
    },
  });
  without = await startBotHarness();
});
afterAll(async () => {
  await withGraph.close();
  await without.close();
  await graph.close();
});

/** A team (installed by `installer` in General) with a Lab channel; Graph lists `owner` first, as owner. */
async function team(h: BotHarness, installer: TestUser, owner: TestUser, member: TestUser) {
  const groupId = `group-${owner.userId}`;
  const general = channelScene(h.connector.url, installer.tenantId, { team: 'Optics', channel: 'General' });
  const teamData = { ...(general.channelData.team as { id: string }), aadGroupId: groupId };
  general.channelData.team = teamData;
  const lab: Scene = channelScene(h.connector.url, installer.tenantId, { team: 'Optics', channel: 'Lab' });
  lab.channelData.team = teamData;
  h.connector.setMembers([teamData.id], [installer, owner, member].map(teamsMember));
  teams.set(groupId, [owner, installer, member]);
  expect((await h.post(botAdded(general, installer))).status).toBe(200);
  return lab;
}

async function startsRound(h: BotHarness, scene: Scene, user: TestUser) {
  const from = h.connector.calls.length;
  await h.post(message(scene, user, 'muddy', { mention: true }));
  const posted = h.connector.calls.slice(from).some((c) => cardsOf(c.body).some((k) => 'refresh' in k));
  if (posted) await h.post(message(scene, user, 'end', { mention: true }));
  return posted;
}

describe('team owners from Microsoft Graph', () => {
  it('with Graph configured, a team owner (roles: owner) sets up a channel and facilitates; a plain member cannot (200)', async () => {
    const [installer, owner] = [buildUser(), buildUser()];
    const member = buildUser({ tenantId: installer.tenantId });
    owner.tenantId = installer.tenantId;
    const before = graph.requests.length;
    const lab = await team(withGraph, installer, owner, member);
    expect(await startsRound(withGraph, lab, member)).toBe(false);
    expect(await startsRound(withGraph, lab, owner)).toBe(true);
    expect(await startsRound(withGraph, lab, member)).toBe(false);
    const asked = graph.requests.slice(before);
    expect(
      asked.some((r) =>
        r.startsWith(
          `GET /v1.0/teams/group-${owner.userId}/members Bearer graph-token-${installer.tenantId}`,
        ),
      ),
    ).toBe(true);
    expect(asked.some((r) => r.startsWith(`POST /${installer.tenantId}/oauth2/v2.0/token`))).toBe(true);
    const { items } = await (await withGraph.service.as(owner)).call('listClasses', { query: {} });
    expect(items.find((c) => c.conversation?.conversationId === lab.conversation.id)?.myRole).toBe(
      'facilitator',
    );
  });

  it('without Graph configured, no Graph call is made and a team owner is a member like any other (200)', async () => {
    const [installer, owner] = [buildUser(), buildUser()];
    const member = buildUser({ tenantId: installer.tenantId });
    owner.tenantId = installer.tenantId;
    const before = graph.requests.length;
    const lab = await team(without, installer, owner, member);
    expect(await startsRound(without, lab, owner)).toBe(false);
    expect(await startsRound(without, lab, installer)).toBe(true);
    expect(await startsRound(without, lab, owner)).toBe(false);
    expect(graph.requests.slice(before)).toEqual([]);
  });
});
