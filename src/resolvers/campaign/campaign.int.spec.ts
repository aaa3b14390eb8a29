import { JobName } from '../../runtime/job-queue';
import { Campaign } from '../../entities/campaign.entity';
import { ChannelAccount } from '../../entities/channel-account.entity';
import { Conversation } from '../../entities/conversation.entity';
import { Template } from '../../entities/template.entity';
import { ApiKeyScope, CustomFieldType, TemplateCategory, TemplateStatus } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { runCampaignTick } from '../../services/campaign/campaign-tick.service';
import { webhookPathOf } from '../../services/channel-account/channel-account.service';
import {
  createCustomField,
  createTestApiKey,
  createTestWorkspace,
  factoryDeps,
  type FactoryDeps,
  type TestWorkspace,
} from '../../testing/factories';
import {
  FakeGraphApi,
  metaJson,
  signBody,
  whatsAppInboundTextWebhook,
  whatsAppStatusWebhook,
  type RecordedRequest,
} from '../../testing/fake-graph-api';
import {
  CampaignCancelDocument,
  CampaignCreateDocument,
  CampaignDocument,
  CampaignProgressDocument,
  CampaignsDocument,
  type CampaignCreateMutationVariables,
} from '../../testing/generated/graphql';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { useTestApp } from '../../testing/test-lifecycle';
import { connectWs, subscribe } from '../../testing/fixtures/subscription.fixture';
import { pdf, png, uploadMedia } from '../../testing/fixtures/media.fixture';

const APP_SECRET = 'campaign-app-secret';

const rateLimitBody = {
  error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'x' },
};

interface Setup {
  w: TestWorkspace;
  template: Template;
  /** Customer ids and phones, in creation order. */
  customers: { id: string; phone: string }[];
  tagId: string;
}

/** Customers of the channel account in one statement, all with the tag `promo` and a `plan`. */
async function bulkCustomers(deps: FactoryDeps, w: TestWorkspace, count: number, prefix: string) {
  const rows = (await deps.dataSource.query(
    `INSERT INTO customer (workspace_id, channel_account_id, channel, channel_user_id, name, phone)
     SELECT $1, $2, 'WHATSAPP', $3 || lpad(g::text, 6, '0'), 'Cliente ' || g, $3 || lpad(g::text, 6, '0')
       FROM generate_series(1, $4) g
     RETURNING id, phone`,
    [w.workspace.id, w.channel.id, prefix, count],
  )) as { id: string; phone: string }[];
  const [tag] = (await deps.dataSource.query(
    `INSERT INTO tag (workspace_id, name) VALUES ($1, 'promo') RETURNING id`,
    [w.workspace.id],
  )) as { id: string }[];
  await deps.dataSource.query(
    `INSERT INTO customer_tag (customer_id, tag_id, workspace_id) SELECT unnest($1::uuid[]), $2, $3`,
    [rows.map((row) => row.id), tag!.id, w.workspace.id],
  );
  return { customers: rows, tagId: tag!.id };
}

function prefix(): string {
  return `57${Math.floor(Math.random() * 1e5)
    .toString()
    .padStart(5, '0')}`;
}

describe('campaigns against the local Graph API', () => {
  const t = useTestApp();
  const deps = t.factories;
  let graph: FakeGraphApi;
  let graphUrl: string;

  beforeAll(async () => {
    graph = new FakeGraphApi();
    graphUrl = await graph.start();
  });
  afterAll(() => graph.stop());

  async function setup(count: number, mps: number, app: TestApp = t): Promise<Setup> {
    const appDeps = factoryDeps(app.app);
    const w = await createTestWorkspace(
      appDeps,
      { botEnabled: false },
      { apiBaseUrl: graphUrl, messagesPerSecond: mps, appSecretEnc: appDeps.secretBox.seal(APP_SECRET) },
    );
    const template = await appDeps.dataSource.getRepository(Template).save({
      workspaceId: w.workspace.id,
      channelAccountId: w.channel.id,
      name: 'promo_marzo',
      language: 'es',
      category: TemplateCategory.MARKETING,
      status: TemplateStatus.APPROVED,
      components: [{ type: 'BODY', text: 'Hola {{1}}, tu descuento {{2}} te espera.' }],
    });
    const { customers, tagId } = await bulkCustomers(appDeps, w, count, prefix());
    return { w, template, customers, tagId };
  }

  function createInput(s: Setup, extra: Partial<CampaignCreateMutationVariables['input']> = {}) {
    return {
      input: {
        name: 'Promo marzo',
        channelAccountId: toGlobalId('ChannelAccount', s.w.channel.id),
        templateId: toGlobalId('Template', s.template.id),
        audience: { tagIds: [toGlobalId('Tag', s.tagId)] },
        variables: [
          { placeholder: '1', field: 'name' },
          { placeholder: '2', value: 'MARZO10' },
        ],
        ...extra,
      },
    };
  }

  async function create(
    s: Setup,
    extra: Partial<CampaignCreateMutationVariables['input']> = {},
    app: TestApp = t,
  ) {
    const result = await app.gql(CampaignCreateDocument, createInput(s, extra), s.w.admin.token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.campaignCreate.userErrors).toEqual([]);
    const campaign = result.data!.campaignCreate.campaign!;
    return { ...campaign, localId: Buffer.from(campaign.id, 'base64url').toString().split(':')[1]! };
  }

  const sendsTo = (phones: Set<string>) => (request: RecordedRequest) =>
    request.path.endsWith('/messages') && phones.has(String((request.body as { to?: unknown })?.to));

  /** Provider calls per recipient phone among `requests`. */
  function callsByPhone(requests: RecordedRequest[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const request of requests) {
      const to = String((request.body as { to?: unknown }).to);
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  }

  const tick = (app: TestApp, s: Setup, campaignId: string) =>
    app.app.deps.jobs.runNow(JobName.CAMPAIGN_TICK, { workspaceId: s.w.workspace.id, campaignId });

  const campaignRow = (campaignId: string, app: TestApp = t) =>
    app.app.deps.dataSource.getRepository(Campaign).findOneByOrFail({ id: campaignId });

  it('500 recipients with scripted rate limits: each sent once, at most mps per tick, totals right', async () => {
    const mps = 50;
    const s = await setup(500, mps);
    const phones = new Set(s.customers.map((customer) => customer.phone));
    // Three customers opted out by tag; three customers' first send meets the throughput limit.
    const optOut = (await deps.dataSource.query(
      `INSERT INTO tag (workspace_id, name) VALUES ($1, 'no-marketing') RETURNING id`,
      [s.w.workspace.id],
    )) as { id: string }[];
    const optedOut = s.customers.slice(10, 13);
    for (const customer of optedOut) {
      await deps.dataSource.query(
        'INSERT INTO customer_tag (customer_id, tag_id, workspace_id) VALUES ($1, $2, $3)',
        [customer.id, optOut[0]!.id, s.w.workspace.id],
      );
    }
    const limited = [s.customers[40]!, s.customers[250]!, s.customers[499]!];
    for (const customer of limited) {
      graph.failNext((request) => (request.body as { to?: string })?.to === customer.phone, {
        status: 400,
        body: rateLimitBody,
      });
    }

    const campaign = await create(s, {
      optOut: { tagId: toGlobalId('Tag', optOut[0]!.id) },
      assigneeId: toGlobalId('Agent', s.w.agentA.agent.id),
    });
    expect(campaign).toMatchObject({ status: 'RUNNING', totals: { total: 500, queued: 500 } });

    const perTick: number[] = [];
    let pausedOnce = false;
    for (let round = 0; round < 80; round += 1) {
      const before = graph.requestsTo(sendsTo(phones)).length;
      // Now and then the same tick is delivered twice at once: still one tick's worth of sends.
      if (round % 4 === 1) await Promise.all([tick(t, s, campaign.localId), tick(t, s, campaign.localId)]);
      else await tick(t, s, campaign.localId);
      perTick.push(graph.requestsTo(sendsTo(phones)).length - before);
      const row = await campaignRow(campaign.localId);
      if (row.status === 'COMPLETED') break;
      if (row.pausedUntil && !pausedOnce) {
        pausedOnce = true;
        // Backing off: before the pause ends, a tick sends nothing.
        const during = graph.requestsTo(sendsTo(phones)).length;
        await tick(t, s, campaign.localId);
        expect(graph.requestsTo(sendsTo(phones)).length).toBe(during);
      }
      t.clock.advance(1000);
    }
    expect(pausedOnce).toBe(true);
    expect(Math.max(...perTick)).toBeLessThanOrEqual(mps);
    expect(perTick.filter((count) => count > 0).length).toBeGreaterThanOrEqual(Math.ceil(497 / mps));

    const calls = callsByPhone(graph.requestsTo(sendsTo(phones)));
    for (const customer of s.customers) {
      const expected = optedOut.includes(customer) ? 0 : limited.includes(customer) ? 2 : 1;
      expect([customer.phone, calls.get(customer.phone) ?? 0]).toEqual([customer.phone, expected]);
    }
    const sample = graph.requestsTo(sendsTo(phones))[0]!.body as Record<string, unknown>;
    expect(sample).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'template',
      template: {
        name: 'promo_marzo',
        language: { code: 'es' },
        components: [{ type: 'body', parameters: [{ type: 'text' }, { type: 'text', text: 'MARZO10' }] }],
      },
    });

    // Read as the agent the campaign assigns its conversations to: another agent would not see them.
    const read = await t.gql(CampaignDocument, { id: campaign.id, first: 5 }, s.w.agentA.token);
    expect(read.errors).toBeUndefined();
    expect(read.data!.campaign).toMatchObject({
      status: 'COMPLETED',
      totals: {
        total: 500,
        queued: 0,
        sending: 0,
        sent: 497,
        accepted: 497,
        skipped: 3,
        failed: 0,
        replied: 0,
      },
    });
    const sent = read.data!.campaign.recipients.nodes.find((node) => node.status === 'SENT')!;
    expect(sent.conversation).toMatchObject({
      assignee: { id: toGlobalId('Agent', s.w.agentA.agent.id) },
      trays: { v2: 'OUTGOING' },
    });
    expect(sent.message!.text).toMatch(/^Hola Cliente \d+, tu descuento MARZO10 te espera\.$/);
    const skipped = await t.gql(CampaignDocument, { id: campaign.id, status: 'SKIPPED' }, s.w.admin.token);
    expect(skipped.data!.campaign.recipients.totalCount).toBe(3);
    expect(skipped.data!.campaign.recipients.nodes[0]!.error).toMatchObject({ code: 'OPTED_OUT' });

    // A completed campaign's tick, run again, sends nothing.
    const total = graph.requestsTo(sendsTo(phones)).length;
    await tick(t, s, campaign.localId);
    expect(graph.requestsTo(sendsTo(phones)).length).toBe(total);
  }, 180_000);

  it('a worker killed mid-campaign and a new one on the same queue: nothing is sent twice', async () => {
    const first = await startTestApp();
    let second: TestApp | null = null;
    // Whatever fails, both apps stop here: a live app's job queue would outlast the suite.
    let firstOpen = true;
    const closeFirst = async () => {
      if (!firstOpen) return;
      firstOpen = false;
      await first.close();
    };
    try {
      const s = await setup(120, 40, first);
      const phones = new Set(s.customers.map((customer) => customer.phone));
      const campaign = await create(s, {}, first);
      await tick(first, s, campaign.localId);
      expect(graph.requestsTo(sendsTo(phones))).toHaveLength(40);

      // The worker dies right after the provider accepted some sends, before it could store them.
      let answered = 0;
      const killed = runCampaignTick(
        first.app.deps,
        { workspaceId: s.w.workspace.id, campaignId: campaign.localId },
        {
          afterProviderCall: () => {
            answered += 1;
            if (answered > 10) throw new Error('worker killed');
          },
        },
      );
      await expect(killed).rejects.toThrow('worker killed');
      const inFlight = graph.requestsTo(sendsTo(phones)).length - 40 - 10;
      expect(inFlight).toBeGreaterThan(0);
      await closeFirst();

      second = await startTestApp({ env: { JOB_SCHEMA: first.config.jobSchema } });
      // The dead tick had already queued its successor in the shared queue.
      const queued = (await second.app.deps.dataSource.query(
        `SELECT count(*)::int AS n FROM ${first.config.jobSchema}.job WHERE name = 'campaign-tick' AND data->>'campaignId' = $1 AND state = 'created'`,
        [campaign.localId],
      )) as { n: number }[];
      expect(queued[0]!.n).toBeGreaterThanOrEqual(1);
      second.clock.set(new Date(first.clock.now().getTime() + 1000));
      for (let round = 0; round < 30; round += 1) {
        await tick(second, s, campaign.localId);
        if ((await campaignRow(campaign.localId, second)).status === 'COMPLETED') break;
        second.clock.advance(1000);
      }
      const calls = callsByPhone(graph.requestsTo(sendsTo(phones)));
      expect(s.customers.filter((customer) => calls.get(customer.phone) !== 1)).toEqual([]);

      const read = await second.gql(CampaignDocument, { id: campaign.id, status: 'FAILED' }, s.w.admin.token);
      expect(read.data!.campaign).toMatchObject({
        status: 'COMPLETED',
        totals: { total: 120, accepted: 120 - inFlight, failed: inFlight, queued: 0, sending: 0 },
      });
      for (const node of read.data!.campaign.recipients.nodes) {
        expect(node.error).toMatchObject({ code: 'SEND_UNCONFIRMED' });
      }
    } finally {
      await closeFirst();
      await second?.close();
    }
  }, 120_000);

  it('delivery statuses and replies: REPLIED, and the conversation ACTIVE with the assignee or in the queue', async () => {
    const s = await setup(3, 80);
    const account = await deps.dataSource
      .getRepository(ChannelAccount)
      .findOneByOrFail({ id: s.w.channel.id });
    const post = (body: unknown) => {
      const raw = metaJson(body);
      return t
        .http()
        .post(webhookPathOf(account))
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signBody(APP_SECRET, raw))
        .send(raw.toString('utf8'));
    };
    const [assigned, queued] = [s.customers.slice(0, 2), s.customers.slice(2)];
    const toAgent = await create(s, {
      audience: { customerIds: assigned.map((customer) => toGlobalId('Customer', customer.id)) },
      assigneeId: toGlobalId('Agent', s.w.agentA.agent.id),
    });
    const toQueue = await create(s, {
      name: 'Queue',
      audience: { customerIds: queued.map((customer) => toGlobalId('Customer', customer.id)) },
    });
    const connection = connectWs(await t.wsUrl(), s.w.agentB.token);
    try {
      const progress = subscribe(connection, CampaignProgressDocument, { campaignId: toAgent.id });
      expect(await progress.waitFor(1)).toBe(true);
      await tick(t, s, toAgent.localId);
      await tick(t, s, toQueue.localId);

      const before = await t.gql(CampaignDocument, { id: toAgent.id }, s.w.admin.token);
      const [one, two] = before.data!.campaign.recipients.nodes;
      const wamid = (
        (await deps.dataSource.query('SELECT external_id FROM message WHERE id = $1', [
          Buffer.from(one!.message!.id, 'base64url').toString().split(':')[1],
        ])) as { external_id: string }[]
      )[0]!.external_id;
      await post(
        whatsAppStatusWebhook({
          phoneNumberId: account.externalId,
          messageId: wamid,
          recipientId: one!.customer.phone!,
          status: 'read',
        }),
      );
      for (const customer of [one!.customer.phone!, queued[0]!.phone]) {
        await post(
          whatsAppInboundTextWebhook({
            phoneNumberId: account.externalId,
            from: customer,
            text: 'Me interesa',
            at: t.clock.advance(5000),
          }),
        );
      }
      await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);

      const after = await t.gql(CampaignDocument, { id: toAgent.id }, s.w.admin.token);
      expect(after.data!.campaign.totals).toMatchObject({ replied: 1, sent: 1, read: 0, total: 2 });
      const replied = after.data!.campaign.recipients.nodes.find((node) => node.id === one!.id)!;
      expect(replied).toMatchObject({
        status: 'REPLIED',
        conversation: { assignee: { id: toGlobalId('Agent', s.w.agentA.agent.id) }, trays: { v2: 'ACTIVE' } },
      });
      expect(after.data!.campaign.recipients.nodes.find((node) => node.id === two!.id)!.status).toBe('SENT');

      const queue = await t.gql(CampaignDocument, { id: toQueue.id }, s.w.admin.token);
      expect(queue.data!.campaign.recipients.nodes[0]).toMatchObject({
        status: 'REPLIED',
        conversation: { assignee: null, trays: { v2: null, classic: 'NEW' } },
      });
      const conversation = await deps.dataSource
        .getRepository(Conversation)
        .findOneByOrFail({ customerId: queued[0]!.id });
      expect(conversation.outgoingSince).toBeNull();

      // The subscriber saw the campaign progress to its final totals.
      const final = await progress.until((data) => data.campaignProgress.totals.replied === 1);
      expect(final.campaignProgress.totals).toMatchObject({ replied: 1, sent: 1, total: 2 });
      progress.unsubscribe();
    } finally {
      await connection.dispose();
    }
  });

  it('a document header uploaded once for the whole campaign, sent by id with button values; a link goes as a link', async () => {
    const s = await setup(3, 2);
    const account = await deps.dataSource
      .getRepository(ChannelAccount)
      .findOneByOrFail({ id: s.w.channel.id });
    const tpl = await deps.dataSource.getRepository(Template).save({
      workspaceId: s.w.workspace.id,
      channelAccountId: s.w.channel.id,
      name: 'catalogo_doc',
      language: 'es',
      category: TemplateCategory.MARKETING,
      status: TemplateStatus.APPROVED,
      components: [
        { type: 'HEADER', format: 'DOCUMENT' },
        { type: 'BODY', text: 'Hola {{1}}, aquí está el catálogo.' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'URL', text: 'Comprar', url: 'https://shop.example.com/c/{{1}}' },
            { type: 'QUICK_REPLY', text: 'No más mensajes' },
          ],
        },
      ],
    });
    const catalogue = pdf(6_000);
    const pdfId = await uploadMedia(t, s.w.admin.token, catalogue, 'application/pdf', 'catalogo.pdf');
    const extra = {
      templateId: toGlobalId('Template', tpl.id),
      variables: [{ placeholder: '1', field: 'name' }],
      buttons: [
        { index: 0, text: 'primavera' },
        { index: 1, payload: 'STOP' },
      ],
    };

    // Refused before anything is stored: no header file, or one of the wrong kind.
    const imageId = await uploadMedia(t, s.w.admin.token, png(), 'image/png', 'foto.png');
    for (const [headerMedia, field] of [
      [null, ['input', 'headerMedia']],
      [{ attachmentId: imageId }, ['input', 'headerMedia', 'attachmentId']],
    ] as const) {
      const refused = await t.gql(
        CampaignCreateDocument,
        createInput(s, { ...extra, headerMedia }),
        s.w.admin.token,
      );
      expect(refused.data!.campaignCreate.userErrors).toMatchObject([
        { code: 'TEMPLATE_PARAMETERS_INVALID', field },
      ]);
    }
    expect(await deps.dataSource.getRepository(Campaign).countBy({ workspaceId: s.w.workspace.id })).toBe(0);

    graph.reset();
    const campaign = await create(s, { ...extra, headerMedia: { attachmentId: pdfId } });
    const shown = await t.gql(
      `query($id: ID!) { campaign(id: $id) { headerMedia { kind fileName link } buttons { index text payload } } }`,
      { id: campaign.id },
      s.w.agentA.token,
    );
    expect(shown.data).toEqual({
      campaign: {
        headerMedia: { kind: 'DOCUMENT', fileName: 'catalogo.pdf', link: null },
        buttons: [
          { index: 0, text: 'primavera', payload: null },
          { index: 1, text: null, payload: 'STOP' },
        ],
      },
    });
    // The first upload fails: the campaign waits and sends nothing until it is in.
    graph.failNext((request) => request.path.endsWith('/media'), {
      status: 500,
      body: { error: { message: 'Temporary', type: 'OAuthException', code: 2 } },
    });
    expect(
      await runCampaignTick(t.app.deps, { workspaceId: s.w.workspace.id, campaignId: campaign.localId }),
    ).toMatchObject({
      ran: true,
      sent: 0,
      paused: true,
    });
    await deps.dataSource.query('UPDATE campaign SET paused_until = NULL WHERE id = $1', [campaign.localId]);
    // Two at a time: two ticks send the three recipients, with one upload between them.
    for (let round = 0; round < 2; round += 1) {
      await runCampaignTick(t.app.deps, { workspaceId: s.w.workspace.id, campaignId: campaign.localId });
    }
    expect(graph.uploads).toHaveLength(1);
    expect(graph.uploads[0]).toMatchObject({ fileName: 'catalogo.pdf', fields: { type: 'application/pdf' } });
    expect(graph.uploads[0]!.bytes.equals(catalogue)).toBe(true);
    const sends = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body as any);
    expect(sends.map((body) => body.to).sort()).toEqual(s.customers.map((customer) => customer.phone).sort());
    const first = s.customers[0]!;
    expect(sends.find((body) => body.to === first.phone).template.components).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'document', document: { id: graph.uploads[0]!.id, filename: 'catalogo.pdf' } }],
      },
      { type: 'body', parameters: [{ type: 'text', text: 'Cliente 1' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'primavera' }] },
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '1',
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
    ]);
    expect((await campaignRow(campaign.localId)).status).toBe('COMPLETED');

    // By link: WhatsApp fetches the file, nothing is uploaded.
    graph.reset();
    const byLink = await create(s, {
      ...extra,
      name: 'Link',
      headerMedia: { link: 'https://cdn.example.com/catalogo.pdf' },
    });
    for (let round = 0; round < 2; round += 1) {
      await runCampaignTick(t.app.deps, { workspaceId: s.w.workspace.id, campaignId: byLink.localId });
    }
    expect(graph.uploads).toHaveLength(0);
    const linked = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body as any);
    expect(linked).toHaveLength(3);
    expect(linked[0].template.components[0]).toEqual({
      type: 'header',
      parameters: [{ type: 'document', document: { link: 'https://cdn.example.com/catalogo.pdf' } }],
    });
  });

  it('cancel stops further sends', async () => {
    const s = await setup(30, 10);
    const phones = new Set(s.customers.map((customer) => customer.phone));
    const campaign = await create(s);
    await tick(t, s, campaign.localId);
    const afterFirst = graph.requestsTo(sendsTo(phones)).length;
    expect(afterFirst).toBe(10);

    const cancelled = await t.gql(
      CampaignCancelDocument,
      { input: { campaignId: campaign.id } },
      s.w.admin.token,
    );
    expect(cancelled.data!.campaignCancel).toMatchObject({
      userErrors: [],
      campaign: { status: 'CANCELLED', totals: { total: 30, sent: 10, cancelled: 20, queued: 0 } },
    });
    t.clock.advance(1000);
    await tick(t, s, campaign.localId);
    expect(graph.requestsTo(sendsTo(phones)).length).toBe(afterFirst);
    const again = await t.gql(
      CampaignCancelDocument,
      { input: { campaignId: campaign.id } },
      s.w.admin.token,
    );
    expect(again.data!.campaignCancel.userErrors[0]).toMatchObject({ code: 'CAMPAIGN_FINISHED' });
  });

  it('opted-out customers (BOOLEAN field) are skipped and a missing value fails the recipient, both counted', async () => {
    const s = await setup(6, 10);
    const phones = new Set(s.customers.map((customer) => customer.phone));
    const optOut = await createCustomField(deps, s.w.workspace.id, {
      key: 'no_promos',
      type: CustomFieldType.BOOLEAN,
    });
    const plan = await createCustomField(deps, s.w.workspace.id, { key: 'plan', type: CustomFieldType.TEXT });
    const setValues = (customers: { id: string }[], fieldId: string, value: string) =>
      deps.dataSource.query(
        `INSERT INTO customer_field_value (customer_id, field_id, workspace_id, value)
         SELECT unnest($1::uuid[]), $2, $3, $4::jsonb`,
        [customers.map((customer) => customer.id), fieldId, s.w.workspace.id, value],
      );
    await setValues(s.customers.slice(0, 2), optOut.id, 'true');
    await setValues(s.customers.slice(2, 3), optOut.id, 'false');
    // Everyone but the last customer has a plan.
    await setValues(s.customers.slice(0, 5), plan.id, '"Oro"');
    const campaign = await create(s, {
      variables: [
        { placeholder: '1', field: 'name' },
        { placeholder: '2', field: 'plan' },
      ],
      optOut: { fieldKey: 'no_promos' },
    });
    await tick(t, s, campaign.localId);
    expect(graph.requestsTo(sendsTo(phones))).toHaveLength(3);
    const read = await t.gql(CampaignDocument, { id: campaign.id, status: 'FAILED' }, s.w.admin.token);
    expect(read.data!.campaign).toMatchObject({
      status: 'COMPLETED',
      totals: { total: 6, skipped: 2, failed: 1, sent: 3 },
    });
    const failed = read.data!.campaign.recipients.nodes[0]!;
    expect(failed.customer.id).toBe(toGlobalId('Customer', s.customers[5]!.id));
    expect(failed.error).toMatchObject({ code: 'MISSING_VARIABLE' });
    expect(failed.error!.detail).toMatch(/plan/);
    expect(failed.message).toBeNull();
  });

  it('refuses bad input with userErrors, and only admins and admin keys create or cancel', async () => {
    const s = await setup(2, 10);
    const wrong = await t.gql(
      CampaignCreateDocument,
      createInput(s, { variables: [{ placeholder: '1', field: 'name' }] }),
      s.w.admin.token,
    );
    expect(wrong.data!.campaignCreate.userErrors[0]).toMatchObject({ code: 'TEMPLATE_PARAMETERS_INVALID' });
    await deps.dataSource
      .getRepository(Template)
      .update({ id: s.template.id }, { status: TemplateStatus.PAUSED });
    const paused = await t.gql(CampaignCreateDocument, createInput(s), s.w.admin.token);
    expect(paused.data!.campaignCreate.userErrors[0]).toMatchObject({ code: 'TEMPLATE_NOT_APPROVED' });
    await deps.dataSource
      .getRepository(Template)
      .update({ id: s.template.id }, { status: TemplateStatus.APPROVED });
    const emptyTag = (await deps.dataSource.query(
      `INSERT INTO tag (workspace_id, name) VALUES ($1, 'nadie') RETURNING id`,
      [s.w.workspace.id],
    )) as { id: string }[];
    const empty = await t.gql(
      CampaignCreateDocument,
      createInput(s, { audience: { tagIds: [toGlobalId('Tag', emptyTag[0]!.id)] } }),
      s.w.admin.token,
    );
    expect(empty.data!.campaignCreate.userErrors[0]).toMatchObject({ code: 'AUDIENCE_EMPTY' });

    const asAgent = await t.gql(CampaignCreateDocument, createInput(s), s.w.agentA.token);
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readKey = await createTestApiKey(deps, s.w.workspace.id, [ApiKeyScope.READ, ApiKeyScope.WRITE]);
    const asWriteKey = await t.gql(CampaignCreateDocument, createInput(s), readKey.key);
    expect(asWriteKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const adminKey = await createTestApiKey(deps, s.w.workspace.id, [ApiKeyScope.ADMIN]);
    const scheduled = await t.gql(
      CampaignCreateDocument,
      createInput(s, { startAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() }),
      adminKey.key,
    );
    expect(scheduled.data!.campaignCreate).toMatchObject({
      userErrors: [],
      campaign: { status: 'SCHEDULED' },
    });

    // Agents read campaigns; a scheduled campaign sends nothing before its start.
    const id = scheduled.data!.campaignCreate.campaign!.id;
    const localId = Buffer.from(id, 'base64url').toString().split(':')[1]!;
    const before = graph.requests.length;
    await tick(t, s, localId);
    expect(graph.requests.length).toBe(before);
    const list = await t.gql(CampaignsDocument, { status: 'SCHEDULED' }, s.w.agentA.token);
    expect(list.data!.campaigns).toMatchObject({ totalCount: 1, nodes: [{ id, status: 'SCHEDULED' }] });
    const cancel = await t.gql(CampaignCancelDocument, { input: { campaignId: id } }, s.w.agentA.token);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
