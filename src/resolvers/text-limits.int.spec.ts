import { randomUUID } from 'node:crypto';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { createChannelAccount, createTestApiKey } from '../testing/factories';
import { toGlobalId } from '../entities/global-id';
import { ApiKeyScope, ChannelKind } from '../entities/enums';
import { Campaign } from '../entities/campaign.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Customer } from '../entities/customer.entity';
import { Template } from '../entities/template.entity';
import { createWorkspace, WorkspaceSetupError } from '../services/workspace/workspace.service';

/** Just under the 1 MB body limit: what a name field took before it had a cap. */
const NEARLY_A_MEGABYTE = 'x'.repeat(900_000);
const USER_ERRORS = 'userErrors { code field message }';

interface Case {
  /** The mutation, with `$input`; its payload is `data[field]`. */
  mutation: string;
  field: string;
  /** The input with `text` in the capped field. */
  input: (text: string) => Record<string, unknown>;
  max: number;
  path: string[];
  /** The refusal's message for a text one past the cap. */
  message: RegExp;
}

/** Free-text inputs are capped; a refusal names the field and the limit, and nothing is stored. */
describe('text length caps', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });
  let partnerKey: string;
  let apiChannelId: string;

  beforeAll(async () => {
    partnerKey = (await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const account = await createChannelAccount(t.factories, w.workspace.id, { kind: ChannelKind.API });
    apiChannelId = toGlobalId('ChannelAccount', account.id);
  });

  const anyId = (type: string) => toGlobalId(type, randomUUID());
  const connect = (name: string, extra: Record<string, unknown> = {}) => ({
    kind: 'WHATSAPP',
    name,
    externalId: `pn${randomUUID().slice(0, 8)}`,
    accessToken: 'EAAG-token',
    appSecret: 'secret',
    verifyToken: 'verify',
    ...extra,
  });
  const template = (parts: Record<string, string>) => ({
    channelAccountId: toGlobalId('ChannelAccount', w.channel.id),
    name: `aviso_${randomUUID().slice(0, 8)}`,
    language: 'es',
    category: 'UTILITY',
    body: 'Hola {{1}}',
    ...parts,
  });
  const inbound = (fields: Record<string, string>) => ({
    channelAccountId: apiChannelId,
    customerChannelUserId: `c-${randomUUID()}`,
    externalId: `m-${randomUUID()}`,
    text: 'Hola',
    ...fields,
  });

  const cases: [string, Case][] = [
    [
      'channelConnect name',
      {
        mutation: `mutation($input: ChannelConnectInput!) { channelConnect(input: $input) { channelAccount { id } ${USER_ERRORS} } }`,
        field: 'channelConnect',
        input: (text) => connect(text),
        max: 100,
        path: ['input', 'name'],
        message: /^The channel name must be 1 to 100 characters\.$/,
      },
    ],
    [
      'channelConnect accessToken',
      {
        mutation: `mutation($input: ChannelConnectInput!) { channelConnect(input: $input) { channelAccount { id } ${USER_ERRORS} } }`,
        field: 'channelConnect',
        input: (text) => connect('Ventas', { accessToken: text }),
        max: 4096,
        path: ['input', 'accessToken'],
        message: /^accessToken must be at most 4096 characters\.$/,
      },
    ],
    [
      'campaignCreate name',
      {
        mutation: `mutation($input: CampaignCreateInput!) { campaignCreate(input: $input) { campaign { id } ${USER_ERRORS} } }`,
        field: 'campaignCreate',
        input: (text) => ({
          name: text,
          channelAccountId: anyId('ChannelAccount'),
          templateId: anyId('Template'),
          audience: { customerIds: [anyId('Customer')] },
        }),
        max: 100,
        path: ['input', 'name'],
        message: /^The campaign name must be 1 to 100 characters\.$/,
      },
    ],
    [
      'templateCreate header',
      {
        mutation: `mutation($input: TemplateCreateInput!) { templateCreate(input: $input) { template { id } ${USER_ERRORS} } }`,
        field: 'templateCreate',
        input: (text) => template({ header: text }),
        max: 60,
        path: ['input', 'header'],
        message: /^The template header must be at most 60 characters \(WhatsApp's limit\)\.$/,
      },
    ],
    [
      'templateCreate body',
      {
        mutation: `mutation($input: TemplateCreateInput!) { templateCreate(input: $input) { template { id } ${USER_ERRORS} } }`,
        field: 'templateCreate',
        input: (text) => template({ body: text }),
        max: 1024,
        path: ['input', 'body'],
        message: /^The template body must be at most 1024 characters/,
      },
    ],
    [
      'templateCreate footer',
      {
        mutation: `mutation($input: TemplateCreateInput!) { templateCreate(input: $input) { template { id } ${USER_ERRORS} } }`,
        field: 'templateCreate',
        input: (text) => template({ footer: text }),
        max: 60,
        path: ['input', 'footer'],
        message: /^The template footer must be at most 60 characters/,
      },
    ],
    [
      'messageInbound customerName',
      {
        mutation: `mutation($input: MessageInboundInput!) { messageInbound(input: $input) { message { id } ${USER_ERRORS} } }`,
        field: 'messageInbound',
        input: (text) => inbound({ customerName: text }),
        max: 200,
        path: ['input', 'customerName'],
        message: /^customerName must be at most 200 characters\.$/,
      },
    ],
    [
      'messageInbound externalId',
      {
        mutation: `mutation($input: MessageInboundInput!) { messageInbound(input: $input) { message { id } ${USER_ERRORS} } }`,
        field: 'messageInbound',
        input: (text) => inbound({ externalId: text }),
        max: 200,
        path: ['input', 'externalId'],
        message: /^externalId must be at most 200 characters\.$/,
      },
    ],
  ];

  const tokenFor = (field: string) => (field === 'messageInbound' ? partnerKey : w.admin.token);
  const counts = async () => ({
    channels: await t.app.deps.dataSource
      .getRepository(ChannelAccount)
      .countBy({ workspaceId: w.workspace.id }),
    campaigns: await t.app.deps.dataSource.getRepository(Campaign).countBy({ workspaceId: w.workspace.id }),
    templates: await t.app.deps.dataSource.getRepository(Template).countBy({ workspaceId: w.workspace.id }),
    customers: await t.app.deps.dataSource.getRepository(Customer).countBy({ workspaceId: w.workspace.id }),
  });

  it.each(cases)('refuses a %s past its cap with INVALID_INPUT naming the limit', async (_name, spec) => {
    const before = await counts();
    for (const text of [NEARLY_A_MEGABYTE, 'y'.repeat(spec.max + 1)]) {
      const result = await t.gql(spec.mutation, { input: spec.input(text) }, tokenFor(spec.field));
      expect(result.status).toBe(200);
      expect(result.errors).toBeUndefined();
      const payload = (result.data as Record<string, { userErrors: unknown[] }>)[spec.field]!;
      expect(payload.userErrors).toEqual([
        { code: 'INVALID_INPUT', field: spec.path, message: expect.stringMatching(spec.message) },
      ]);
    }
    expect(await counts()).toEqual(before);
  });

  it('takes a text exactly at its cap', async () => {
    const name = 'n'.repeat(100);
    const channel = await t.gql(cases[0]![1].mutation, { input: connect(name) }, w.admin.token);
    expect((channel.data as any).channelConnect.userErrors).toEqual([]);
    const parts = { header: 'h'.repeat(60), body: `${'b'.repeat(1018)} {{1}}`, footer: 'f'.repeat(60) };
    const created = await t.gql(cases[3]![1].mutation, { input: template(parts) }, w.admin.token);
    expect((created.data as any).templateCreate.userErrors).toEqual([]);
    const message = await t.gql(
      cases[6]![1].mutation,
      { input: inbound({ customerName: 'c'.repeat(200) }) },
      partnerKey,
    );
    expect((message.data as any).messageInbound.userErrors).toEqual([]);
  });

  it('refuses a workspace name past 100 characters (CLI `workspace create`)', async () => {
    const create = (name: string) =>
      createWorkspace(t.app.deps.dataSource, { name, adminEmail: `ops-${randomUUID()}@test.omnitray.local` });
    await expect(create('w'.repeat(101))).rejects.toThrow('The workspace name must be 1 to 100 characters.');
    await expect(create(NEARLY_A_MEGABYTE)).rejects.toBeInstanceOf(WorkspaceSetupError);
    expect((await create('w'.repeat(100))).workspace.name).toHaveLength(100);
  });

  it('refuses a template language that is not a language code', async () => {
    for (const language of [NEARLY_A_MEGABYTE, 'english', 'es-AR', 'es_']) {
      const result = await t.gql(cases[3]![1].mutation, { input: template({ language }) }, w.admin.token);
      expect((result.data as any).templateCreate.userErrors).toEqual([
        {
          code: 'INVALID_INPUT',
          field: ['input', 'language'],
          message: expect.stringMatching(/language code/),
        },
      ]);
    }
  });

  it('refuses a megabyte search with BAD_USER_INPUT, and never echoes a megabyte back', async () => {
    const search = await t.gql(
      'query($s: String) { conversations(first: 1, filter: { search: $s }) { totalCount } }',
      { s: NEARLY_A_MEGABYTE },
      w.admin.token,
    );
    expect(search.status).toBe(200);
    expect(search.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(search.errors?.[0]?.message).toMatch(/at most 200 characters/);
    // Refusals that quote the value quote the start of it only.
    const zone = await t.gql(
      `mutation($input: SettingsUpdateInput!) { settingsUpdate(input: $input) { ${USER_ERRORS} } }`,
      { input: { timezone: NEARLY_A_MEGABYTE } },
      w.admin.token,
    );
    const [refusal] = (zone.data as any).settingsUpdate.userErrors;
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.message.length).toBeLessThan(200);
  });
});
