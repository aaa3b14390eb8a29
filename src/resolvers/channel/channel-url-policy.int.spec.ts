import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createChannelAccount, createConversation } from '../../testing/factories';
import { FakeGraphApi } from '../../testing/fake-graph-api';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Message } from '../../entities/message.entity';
import { ChannelKind, MessageDirection } from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { toGlobalId } from '../../entities/global-id';

const ACCESS_TOKEN = 'EAAG-policy-token';

const CONNECT = `mutation($input: ChannelConnectInput!) {
  channelConnect(input: $input) { channelAccount { id apiBaseUrl } userErrors { code message field } }
}`;
const SYNC = `mutation($input: TemplatesSyncInput!) {
  templatesSync(input: $input) { templates { name } userErrors { code message field } }
}`;
const SEND = `mutation($input: MessageSendInput!) {
  messageSend(input: $input) { message { id } userErrors { code message } }
}`;

interface ConnectPayload {
  channelConnect: {
    channelAccount: { id: string; apiBaseUrl: string } | null;
    userErrors: { code: string; message: string; field: string[] | null }[];
  };
}

interface SyncPayload {
  templatesSync: { templates: { name: string }[] | null; userErrors: { code: string; message: string }[] };
}

describe('Channel Graph API addresses with the outbound policy on', () => {
  // As in production, plus one widened host name (it resolves to loopback on every machine).
  const t = useTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'false', OUTBOUND_ALLOWED_HOSTS: 'localhost' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  let graph: FakeGraphApi;
  let port: string;

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    port = new URL(await graph.start()).port;
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  const connect = (apiBaseUrl: string) =>
    t.gql<ConnectPayload>(
      CONNECT,
      {
        input: {
          kind: 'WHATSAPP',
          name: 'Ventas',
          externalId: `pn${Date.now()}${Math.floor(Math.random() * 1e6)}`,
          accessToken: ACCESS_TOKEN,
          appSecret: 'secret',
          verifyToken: 'verify',
          wabaId: 'waba-1',
          apiBaseUrl,
        },
      },
      w.admin.token,
    );

  it.each([
    ['loopback over http', () => `http://127.0.0.1:${port}`],
    ['loopback', () => `https://127.0.0.1:${port}`],
    ['loopback in decimal', () => 'https://2130706433'],
    ['loopback in hex and octal', () => 'https://0x7f.0.0.01'],
    ['a host name resolving to loopback', () => `https://localhost:${port}`],
    ['private 10/8', () => 'https://10.0.0.5'],
    ['private 192.168/16', () => 'https://192.168.1.20:8443'],
    ['CGNAT', () => 'https://100.64.0.10'],
    ['link-local metadata', () => 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', () => 'https://[::1]'],
    ['IPv4-mapped IPv6', () => 'https://[::ffff:127.0.0.1]'],
    ['IPv4-mapped metadata', () => 'https://[::ffff:a9fe:a9fe]'],
    ['IPv4-compatible IPv6', () => 'https://[::10.0.0.5]'],
    ['NAT64', () => 'https://[64:ff9b::169.254.169.254]'],
    ['local NAT64', () => 'https://[64:ff9b:1::a00:5]'],
    ['6to4', () => 'https://[2002:a9fe:a9fe::1]'],
    ['Teredo', () => 'https://[2001:0:4136:e378::1]'],
    ['IPv6 unique-local', () => 'https://[fd00::5]'],
    ['IPv6 link-local', () => 'https://[fe80::1]'],
    ['a host that is not a Graph API host', () => 'https://graph.example.com'],
  ])('channelConnect refuses %s with CHANNEL_URL_NOT_ALLOWED', async (_case, url) => {
    const result = await connect(url());
    expect(result.errors).toBeUndefined();
    const payload = result.data!.channelConnect;
    expect(payload.channelAccount).toBeNull();
    expect(payload.userErrors).toEqual([
      { code: 'CHANNEL_URL_NOT_ALLOWED', field: ['input', 'apiBaseUrl'], message: expect.any(String) },
    ]);
    expect(await deps.dataSource.getRepository(ChannelAccount).countBy({ workspaceId: w.workspace.id })).toBe(
      1,
    );
  });

  it('names the way out in the refusal', async () => {
    const [host] = (await connect('https://graph.example.com')).data!.channelConnect.userErrors;
    expect(host.message).toMatch(/OUTBOUND_ALLOWED_HOSTS/);
    const [address] = (await connect('https://[::ffff:10.1.2.3]')).data!.channelConnect.userErrors;
    expect(address.message).toMatch(/a private, loopback, link-local or reserved address/);
  });

  // Rows written directly: stored before the policy existed, or by hand. The same forms as at
  // connect: loopback, private, link-local, IPv4-mapped and every IPv6 transition prefix.
  const stored = () => [
    `http://127.0.0.1:${port}`,
    `https://127.0.0.1:${port}`,
    `https://localhost:${port}`,
    `https://[::1]:${port}`,
    `https://[::ffff:7f00:1]:${port}`,
    `https://[::7f00:1]:${port}`,
    `https://[64:ff9b::7f00:1]:${port}`,
    'https://[64:ff9b:1::a00:5]',
    'https://[2002:7f00:1::1]',
    'https://[2001:0:4136:e378::1]',
    'https://[fd00::5]',
    'https://[fe80::1]',
    'https://10.0.0.5',
    'https://192.168.1.20',
    'https://100.64.0.10',
    'https://169.254.169.254',
    'https://graph.example.com',
  ];

  it('templatesSync refuses a stored forbidden base URL without sending anything', async () => {
    for (const apiBaseUrl of stored()) {
      const account = await createChannelAccount(deps, w.workspace.id, {
        apiBaseUrl,
        accessToken: ACCESS_TOKEN,
      });
      const result = await t.gql<SyncPayload>(
        SYNC,
        { input: { channelAccountId: toGlobalId('ChannelAccount', account.id) } },
        w.admin.token,
      );
      expect(result.errors).toBeUndefined();
      const payload = result.data!.templatesSync;
      expect(payload.templates).toEqual([]);
      expect(payload.userErrors).toEqual([
        { code: 'CHANNEL_ERROR', field: null, message: expect.stringMatching(/ADDRESS_NOT_ALLOWED/) },
      ]);
    }
    expect(graph.requests).toHaveLength(0);
  });

  it('a message to a channel with a stored forbidden base URL fails without a request', async () => {
    for (const apiBaseUrl of stored()) {
      const account = await createChannelAccount(deps, w.workspace.id, {
        kind: ChannelKind.WHATSAPP,
        apiBaseUrl,
        accessToken: ACCESS_TOKEN,
      });
      const conversation = await createConversation(deps, account, { assigneeId: w.agentA.agent.id });
      const sent = await t.gql(
        SEND,
        { input: { conversationId: toGlobalId('Conversation', conversation.id), text: 'Hola' } },
        w.agentA.token,
      );
      expect((sent.data as any).messageSend.userErrors).toEqual([]);
      await t.app.deps.jobs.drain(JobName.MESSAGE_SEND);
      const message = await deps.dataSource
        .getRepository(Message)
        .findOneByOrFail({ conversationId: conversation.id, direction: MessageDirection.OUTBOUND });
      expect(message).toMatchObject({
        status: 'FAILED',
        error: { code: 'ADDRESS_NOT_ALLOWED', retryable: false },
      });
    }
    expect(graph.requests).toHaveLength(0);
  });
});

describe('Template sync answers', () => {
  // The test default: the fake Graph API on loopback is allowed.
  const t = useTestApp();
  const deps = t.factories;
  const w = useWorkspace(t);
  let graph: FakeGraphApi;
  let elsewhere: FakeGraphApi;
  let account: ChannelAccount;

  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    elsewhere = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    await graph.start();
    await elsewhere.start();
  });
  afterAll(async () => {
    await graph.stop();
    await elsewhere.stop();
  });
  beforeEach(async () => {
    graph.reset();
    elsewhere.reset();
    account = await createChannelAccount(deps, w.workspace.id, {
      apiBaseUrl: graph.url,
      accessToken: ACCESS_TOKEN,
    });
  });

  const sync = async () => {
    const result = await t.gql<SyncPayload>(
      SYNC,
      { input: { channelAccountId: toGlobalId('ChannelAccount', account.id) } },
      w.admin.token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.templatesSync;
  };

  const template = { id: 't1', name: 'aviso', language: 'es', status: 'APPROVED', category: 'UTILITY' };

  it('does not follow a redirect to loopback', async () => {
    graph.failNext('/message_templates', {
      status: 302,
      body: '',
      headers: { Location: `${elsewhere.url}/v21.0/${account.wabaId}/message_templates` },
    });
    const payload = await sync();
    expect(payload.userErrors).toEqual([
      { code: 'CHANNEL_ERROR', field: null, message: expect.stringMatching(/redirect \(HTTP 302\)/) },
    ]);
    expect(graph.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('does not follow paging.next to another origin', async () => {
    elsewhere.setTemplates(account.wabaId!, [template]);
    graph.failNext('/message_templates', {
      status: 200,
      body: {
        data: [template],
        paging: { next: `${elsewhere.url}/v21.0/${account.wabaId}/message_templates?limit=100&after=MQ` },
      },
    });
    const payload = await sync();
    expect(payload.userErrors).toEqual([
      {
        code: 'CHANNEL_ERROR',
        field: null,
        message: expect.stringContaining(`only links on ${new URL(graph.url).origin} are followed`),
      },
    ]);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows paging.next on the same origin', async () => {
    graph.setTemplates(
      account.wabaId!,
      Array.from({ length: 150 }, (_, index) => ({ ...template, id: `t${index}`, name: `aviso_${index}` })),
    );
    const payload = await sync();
    expect(payload.userErrors).toEqual([]);
    expect(payload.templates).toHaveLength(150);
    expect(graph.requestsTo(/message_templates/)).toHaveLength(2);
  });

  it('never echoes what the provider answered in the userError', async () => {
    const secret = 'db-password=hunter2 from the internal service';
    const answers = [
      { status: 200, body: `<html>${secret}</html>` },
      { status: 500, body: `<html>${secret}</html>` },
      { status: 404, body: secret },
      { status: 400, body: { error: { code: 100, message: secret, error_user_msg: secret } } },
      { status: 200, body: `{"data": "${'x'.repeat(600)}${secret}` },
    ];
    for (const answer of answers) {
      graph.failNext('/message_templates', answer);
      const payload = await sync();
      expect(payload.templates).toEqual([]);
      expect(payload.userErrors).toHaveLength(1);
      expect(payload.userErrors[0]!.code).toBe('CHANNEL_ERROR');
      expect(payload.userErrors[0]!.message).not.toContain('hunter2');
      expect(payload.userErrors[0]!.message).not.toContain('xxxxxxxx');
      expect(payload.userErrors[0]!.message.length).toBeLessThan(200);
    }
  });
});
