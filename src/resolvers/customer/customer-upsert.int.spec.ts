import {
  CustomerUpdateDocument,
  CustomerUpsertDocument,
  MessageInboundDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createChannelAccount,
  createCustomer,
  createCustomField,
  createTestApiKey,
  createTestWorkspace,
  tagCustomer,
} from '../../testing/factories';
import { metaJson, signBody, whatsAppInboundTextWebhook } from '../../testing/fake-graph-api';
import { toGlobalId } from '../../entities/global-id';
import { Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import {
  ApiKeyScope,
  ChannelKind,
  CustomFieldType,
  TemplateCategory,
  TemplateStatus,
} from '../../entities/enums';
import { Template } from '../../entities/template.entity';
import { readEvents } from '../../realtime/event-log';
import { JobName } from '../../runtime/job-queue';
import { webhookPathOf } from '../../services/channel-account/channel-account.service';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('customerUpsert and customerUpdate', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  beforeEach(async () => {
    await createCustomField(deps, w.workspace.id, {
      key: 'plan',
      type: CustomFieldType.SELECT,
      options: ['Basic', 'Pro'],
    });
    await createCustomField(deps, w.workspace.id, { key: 'orders', type: CustomFieldType.NUMBER });
  });

  const accountId = (account: ChannelAccount) => toGlobalId('ChannelAccount', account.id);
  async function upsert(input: Record<string, unknown>, token = w.agentA.token) {
    const result = await t.gql(
      CustomerUpsertDocument,
      { input: { channelAccountId: accountId(w.channel), ...input } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.customerUpsert;
  }
  async function update(input: Record<string, unknown>, token = w.agentA.token) {
    const result = await t.gql(CustomerUpdateDocument, { input: input as never }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.customerUpdate;
  }
  const customersOf = (account: ChannelAccount) =>
    deps.dataSource.getRepository(Customer).find({ where: { channelAccountId: account.id } });
  const customerEvents = async () =>
    (await readEvents(deps.dataSource, w.workspace.id, 0n, 1000))
      .filter((record) => record.type.startsWith('CUSTOMER_'))
      .map((record) => {
        const { customerId, ...rest } = record.payload;
        return [record.type, customerId, rest];
      });
  const local = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];

  async function postWhatsApp(from: string, name: string) {
    const raw = metaJson(
      whatsAppInboundTextWebhook({ phoneNumberId: w.channel.externalId, from, name, text: 'Hola', at: NOW }),
    );
    const response = await t
      .http()
      .post(webhookPathOf(w.channel))
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody('test-app-secret', raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
    expect(await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS)).toBe(1);
  }

  it('one customer per number however it is written, the WhatsApp webhook included', async () => {
    const created = await upsert({
      phone: '+34 600 12 34 56',
      name: 'Ana García',
      email: 'ana@example.com',
      fields: [
        { key: 'plan', value: 'Pro' },
        { key: 'orders', value: 3 },
      ],
    });
    expect(created).toMatchObject({
      userErrors: [],
      created: true,
      customer: {
        name: 'Ana García',
        email: 'ana@example.com',
        phone: '+34600123456',
        channel: 'WHATSAPP',
        channelUserId: '34600123456',
        fields: [
          { key: 'plan', value: 'Pro' },
          { key: 'orders', value: 3 },
        ],
      },
    });
    const id = created.customer!.id;
    for (const phone of ['0034 600 123 456', '34600123456', '+34-600-12-34-56']) {
      expect(await upsert({ phone })).toMatchObject({ created: false, customer: { id, name: 'Ana García' } });
    }
    // The customer writes: the webhook's wa_id is the same identity; the name set by an agent stays.
    await postWhatsApp('34600123456', 'Ana WhatsApp');
    const customers = await customersOf(w.channel);
    expect(customers.map((customer) => [customer.id, customer.name, customer.phone])).toEqual([
      [local(id), 'Ana García', '+34600123456'],
    ]);
    const conversation = await deps.dataSource
      .getRepository(Conversation)
      .findOneByOrFail({ customerId: local(id) });
    expect(conversation.channelAccountId).toBe(w.channel.id);
    // Only the creation is an event: the later calls changed nothing.
    expect(await customerEvents()).toEqual([['CUSTOMER_CREATED', local(id), {}]]);
  });

  it('a partner starts a template conversation with a new number', async () => {
    const partner = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const templates = deps.dataSource.getRepository(Template);
    const template = await templates.save(
      templates.create({
        workspaceId: w.workspace.id,
        channelAccountId: w.channel.id,
        name: 'welcome',
        language: 'es',
        category: TemplateCategory.UTILITY,
        status: TemplateStatus.APPROVED,
        components: [{ type: 'BODY', text: 'Bienvenida' }],
      }),
    );
    const created = await upsert({ phone: '+57 300 555 0101', name: 'Nueva' }, partner);
    expect(created).toMatchObject({ created: true, customer: { phone: '+573005550101' } });
    const sent = await t.gql(
      `mutation($t: ID!, $c: ID!, $a: ID!) { templateSend(input: { templateId: $t, customerId: $c, assigneeId: $a }) {
        userErrors { code message } conversation { id trays { v2 } customer { id } } } }`,
      { t: template.globalId, c: created.customer!.id, a: w.agentA.agent.globalId },
      partner,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data).toMatchObject({
      templateSend: {
        userErrors: [],
        conversation: { trays: { v2: 'OUTGOING' }, customer: { id: created.customer!.id } },
      },
    });
  });

  it('the channel’s profile name follows the channel until someone sets it through the API', async () => {
    await postWhatsApp('447700900123', 'Priya');
    await postWhatsApp('447700900123', 'Priya Shah');
    const [customer] = await customersOf(w.channel);
    expect([customer!.name, customer!.phone]).toEqual(['Priya Shah', '+447700900123']);
    const gid = toGlobalId('Customer', customer!.id);
    expect((await update({ customerId: gid, name: 'Priya S. (VIP)' })).userErrors).toEqual([]);
    await postWhatsApp('447700900123', 'P');
    const [after] = await customersOf(w.channel);
    expect(after!.name).toBe('Priya S. (VIP)');
    expect((await customerEvents()).map(([type, , rest]) => [type, rest])).toEqual([
      ['CUSTOMER_UPDATED', { changed: ['name'] }],
      ['CUSTOMER_UPDATED', { changed: ['name'] }],
    ]);
  });

  it('by channel user id on an API channel; a phone alone then finds the same customer; messageInbound too', async () => {
    const api = await createChannelAccount(deps, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    const partner = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const first = await t.gql(
      CustomerUpsertDocument,
      { input: { channelAccountId: accountId(api), channelUserId: 'crm-7', phone: '+1 (415) 555-0123' } },
      partner,
    );
    expect(first.data!.customerUpsert).toMatchObject({
      created: true,
      customer: { channelUserId: 'crm-7', phone: '+14155550123', channel: 'API' },
    });
    const byPhone = await t.gql(
      CustomerUpsertDocument,
      { input: { channelAccountId: accountId(api), phone: '14155550123', name: 'Bob' } },
      partner,
    );
    expect(byPhone.data!.customerUpsert).toMatchObject({
      created: false,
      customer: { id: first.data!.customerUpsert.customer!.id, name: 'Bob' },
    });
    const inbound = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: accountId(api),
          customerChannelUserId: 'crm-7',
          customerPhone: '+1 415 555 0123',
          externalId: 'm-1',
          text: 'hi',
        },
      },
      partner,
    );
    expect(inbound.data!.messageInbound.conversation!.customer).toMatchObject({ phone: '+14155550123' });
    expect(await customersOf(api)).toHaveLength(1);
    const badPhone = await t.gql(
      MessageInboundDocument,
      {
        input: {
          channelAccountId: accountId(api),
          customerChannelUserId: 'crm-8',
          customerPhone: '0555-0123',
          externalId: 'm-2',
          text: 'hi',
        },
      },
      partner,
    );
    expect(badPhone.data!.messageInbound.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'customerPhone'] },
    ]);
    expect(await customersOf(api)).toHaveLength(1);
  });

  it('refusals name the field and write nothing', async () => {
    const messenger = await createChannelAccount(deps, w.workspace.id, {
      kind: ChannelKind.MESSENGER,
      name: 'Page',
    });
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{}, 'INVALID_INPUT', ['input', 'phone']],
      [{ phone: '0600 123 456' }, 'INVALID_INPUT', ['input', 'phone']],
      [{ phone: '+34600123456', email: 'ana-at-example' }, 'INVALID_INPUT', ['input', 'email']],
      [{ phone: '+34600123456', name: 'x'.repeat(201) }, 'INVALID_INPUT', ['input', 'name']],
      [
        { phone: '+34600123456', fields: [{ key: 'nope', value: 1 }] },
        'INVALID_FIELD_VALUE',
        ['input', 'fields', '0', 'key'],
      ],
      [
        {
          phone: '+34600123456',
          fields: [
            { key: 'plan', value: 'Pro' },
            { key: 'orders', value: '3' },
          ],
        },
        'INVALID_FIELD_VALUE',
        ['input', 'fields', '1', 'value'],
      ],
      [
        { phone: '+34600123456', fields: [{ key: 'phone', value: '1' }] },
        'READ_ONLY_FIELD',
        ['input', 'fields', '0', 'key'],
      ],
      [
        {
          phone: '+34600123456',
          fields: [
            { key: 'plan', value: 'Pro' },
            { key: 'plan', value: 'Basic' },
          ],
        },
        'INVALID_INPUT',
        ['input', 'fields', '1', 'key'],
      ],
      [
        { channelAccountId: accountId(messenger), phone: '+34600123456' },
        'INVALID_INPUT',
        ['input', 'channelUserId'],
      ],
    ];
    for (const [input, code, field] of cases) {
      const payload = await upsert(input);
      expect({ input, errors: payload.userErrors.map((error) => [error.code, error.field]) }).toEqual({
        input,
        errors: [[code, field]],
      });
    }
    expect(await customersOf(w.channel)).toEqual([]);
    expect(await customersOf(messenger)).toEqual([]);

    // A customer's phone comes from the channel.
    const known = await createCustomer(deps, w.channel, { channelUserId: 'wa-1', phone: '+34611111111' });
    const conflicting = await upsert({ channelUserId: 'wa-1', phone: '+34622222222' });
    expect(conflicting.userErrors).toMatchObject([{ code: 'READ_ONLY_FIELD', field: ['input', 'phone'] }]);
    expect((await deps.dataSource.getRepository(Customer).findOneByOrFail({ id: known.id })).phone).toBe(
      '+34611111111',
    );

    const other = await createTestWorkspace(deps);
    const foreign = await t.gql(
      CustomerUpsertDocument,
      { input: { channelAccountId: accountId(other.channel), phone: '+34600123456' } },
      w.admin.token,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const byReadKey = await t.gql(
      CustomerUpsertDocument,
      { input: { channelAccountId: accountId(w.channel), phone: '+34600123456' } },
      readKey,
    );
    expect(byReadKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await customerEvents()).toEqual([]);
  });

  it('customerUpdate edits name, e-mail and fields all or nothing; the channel header stays read-only', async () => {
    await createCustomField(deps, w.workspace.id, {
      key: 'tier',
      type: CustomFieldType.TEXT,
      required: true,
    });
    const customer = await createCustomer(deps, w.channel, { name: 'Carlos' });
    const id = toGlobalId('Customer', customer.id);
    const edited = await update({
      customerId: id,
      name: '  Carlos Pérez ',
      email: 'carlos@example.com',
      fields: [
        { key: 'plan', value: 'Basic' },
        { key: 'tier', value: 'gold' },
      ],
    });
    expect(edited).toMatchObject({
      userErrors: [],
      customer: {
        name: 'Carlos Pérez',
        email: 'carlos@example.com',
        phone: customer.phone,
        channelUserId: customer.channelUserId,
        fields: expect.arrayContaining([
          { key: 'plan', value: 'Basic' },
          { key: 'tier', value: 'gold' },
        ]),
      },
    });
    // A required field cannot be cleared: nothing of the call is written.
    const refused = await update({
      customerId: id,
      name: 'Someone else',
      fields: [{ key: 'tier', value: null }],
    });
    expect(refused.userErrors).toMatchObject([
      { code: 'REQUIRED_FIELD', field: ['input', 'fields', '0', 'value'] },
    ]);
    const readOnly = await update({ customerId: id, fields: [{ key: 'channelUserId', value: 'x' }] });
    expect(readOnly.userErrors).toMatchObject([{ code: 'READ_ONLY_FIELD' }]);
    // The header is not even part of the input.
    const header = await t.gql(
      CustomerUpdateDocument,
      { input: { customerId: id, phone: '+1' } as never },
      w.agentA.token,
    );
    expect(header.errors?.length).toBeGreaterThan(0);
    const cleared = await update({ customerId: id, email: null, fields: [{ key: 'plan', value: null }] });
    expect(cleared.customer).toMatchObject({ name: 'Carlos Pérez', email: null });
    expect(cleared.customer!.fields).toContainEqual({ key: 'plan', value: null });

    const other = await createTestWorkspace(deps);
    const foreign = await createCustomer(deps, other.channel);
    const byForeign = await t.gql(
      CustomerUpdateDocument,
      { input: { customerId: toGlobalId('Customer', foreign.id), name: 'x' } },
      w.admin.token,
    );
    expect(byForeign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await customerEvents()).map(([type, , rest]) => [type, rest])).toEqual([
      ['CUSTOMER_UPDATED', { changed: ['name', 'email', 'fields.plan', 'fields.tier'] }],
      ['CUSTOMER_UPDATED', { changed: ['email', 'fields.plan'] }],
    ]);
  });

  it('customerFieldSet, customerTag and customerUntag are events when they change something', async () => {
    const customer = await createCustomer(deps, w.channel);
    const id = toGlobalId('Customer', customer.id);
    const tag = await tagCustomer(deps, customer, 'VIP');
    await deps.dataSource.query('DELETE FROM customer_tag WHERE customer_id = $1', [customer.id]);
    const set = `mutation($c: ID!, $v: JSON) { customerFieldSet(input: { customerId: $c, key: "plan", value: $v }) { userErrors { code } } }`;
    const tagging = (name: 'customerTag' | 'customerUntag') =>
      `mutation($c: ID!, $t: ID!) { ${name}(input: { customerId: $c, tagId: $t }) { userErrors { code } } }`;
    for (const value of ['Pro', 'Pro', null, null]) await t.gql(set, { c: id, v: value }, w.agentA.token);
    for (const name of ['customerTag', 'customerTag', 'customerUntag', 'customerUntag'] as const) {
      await t.gql(tagging(name), { c: id, t: tag.globalId }, w.agentA.token);
    }
    expect(await customerEvents()).toEqual([
      ['CUSTOMER_FIELD_SET', customer.id, { key: 'plan' }],
      ['CUSTOMER_FIELD_SET', customer.id, { key: 'plan' }],
      ['CUSTOMER_TAGGED', customer.id, { tagId: tag.id }],
      ['CUSTOMER_UNTAGGED', customer.id, { tagId: tag.id }],
    ]);
  });
});
