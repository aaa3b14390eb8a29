import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createChannelAccount, createConversation, createCustomer } from '../../testing/factories';
import { FakeGraphApi, metaJson, signBody, whatsAppStatusWebhook } from '../../testing/fake-graph-api';
import { webhookPathOf } from '../../services/channel-account/channel-account.service';
import { pdf, png, uploadMedia } from '../../testing/fixtures/media.fixture';
import {
  RichMessageDocument,
  RichMessageSendDocument,
  RichTemplateSendDocument,
} from '../../testing/generated/graphql';
import { Template } from '../../entities/template.entity';
import { TemplateCategory, TemplateStatus } from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { Attachment } from '../../entities/attachment.entity';
import { Message } from '../../entities/message.entity';
import { ChannelKind } from '../../entities/enums';
import { fromGlobalId, toGlobalId } from '../../entities/global-id';
import { JobName } from '../../runtime/job-queue';

const NOW = new Date('2026-03-10T12:00:00Z');

const localOf = (globalId: string) => fromGlobalId(globalId)!.id;

interface StoredMessage {
  status: string;
  externalId: string | null;
  error: unknown;
  attachments: { id: string; caption: string | null; message: { id: string } | null }[];
}

describe('messageSend with attachments and interactive messages, against the fake Graph API', () => {
  const graph = new FakeGraphApi();
  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());
  const t = useTestApp({ now: NOW, resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  async function conversationOn(kind: ChannelKind = ChannelKind.WHATSAPP) {
    const account: ChannelAccount = await createChannelAccount(deps, w.workspace.id, {
      kind,
      apiBaseUrl: graph.url,
      ...(kind === ChannelKind.WHATSAPP ? {} : { externalId: `page-${Date.now()}`, wabaId: null }),
    });
    const customer = await createCustomer(
      deps,
      account,
      kind === ChannelKind.WHATSAPP
        ? {}
        : { phone: null, channelUserId: `psid-${Math.random().toString(36).slice(2)}` },
    );
    const conversation = await createConversation(deps, account, { customer, assigneeId: w.agentA.agent.id });
    return { account, customer, conversation };
  }

  async function send(conversation: Conversation, input: Record<string, unknown>, token = w.agentA.token) {
    const result = await t.gql(
      RichMessageSendDocument,
      { input: { conversationId: toGlobalId('Conversation', conversation.id), ...input } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.messageSend;
  }

  const runSend = (messageGid: string) =>
    t.app.deps.jobs.runNow(JobName.MESSAGE_SEND, {
      workspaceId: w.workspace.id,
      messageId: localOf(messageGid),
    });

  async function reread(messageGid: string) {
    const result = await t.gql(RichMessageDocument, { id: messageGid }, w.agentA.token);
    expect(result.errors).toBeUndefined();
    return result.data!.node as unknown as StoredMessage;
  }

  const messagesOf = (conversation: Conversation) =>
    deps.dataSource.getRepository(Message).countBy({ conversationId: conversation.id });

  it('WhatsApp: a PDF and an image with a caption are uploaded to /{phone_number_id}/media, then sent by id with the documented bodies', async () => {
    const { account, customer, conversation } = await conversationOn();
    const invoice = pdf(12_345);
    const photo = png({ padTo: 4_000 });
    const pdfId = await uploadMedia(t, w.agentA.token, invoice, 'application/pdf', 'factura marzo.pdf');
    const imageId = await uploadMedia(t, w.agentA.token, photo, 'image/png', 'foto.png');

    const document = await send(conversation, { attachmentIds: [pdfId] });
    expect(document.userErrors).toEqual([]);
    expect(document.message).toMatchObject({
      type: 'DOCUMENT',
      status: 'QUEUED',
      text: null,
      attachments: [{ id: pdfId, kind: 'DOCUMENT', fileName: 'factura marzo.pdf', caption: null }],
    });
    const image = await send(conversation, { attachmentIds: [imageId], text: 'Así quedó tu pedido' });
    expect(image.userErrors).toEqual([]);
    expect(image.message).toMatchObject({
      type: 'IMAGE',
      text: 'Así quedó tu pedido',
      attachments: [{ id: imageId, kind: 'IMAGE', caption: 'Así quedó tu pedido' }],
    });
    expect(graph.requests).toEqual([]); // nothing leaves before the send job runs

    await runSend(document.message!.id);
    await runSend(image.message!.id);

    expect(graph.uploads.map(({ id: _id, ...upload }) => upload)).toEqual([
      {
        endpoint: 'whatsapp-media',
        accountId: account.externalId,
        fields: { messaging_product: 'whatsapp', type: 'application/pdf' },
        fileField: 'file',
        fileName: 'factura marzo.pdf',
        contentType: 'application/pdf',
        bytes: invoice,
      },
      {
        endpoint: 'whatsapp-media',
        accountId: account.externalId,
        fields: { messaging_product: 'whatsapp', type: 'image/png' },
        fileField: 'file',
        fileName: 'foto.png',
        contentType: 'image/png',
        bytes: photo,
      },
    ]);
    const uploads = graph.requestsTo(`/${account.externalId}/media`);
    expect(uploads.map((request) => request.headers.authorization)).toEqual([
      'Bearer test-access-token',
      'Bearer test-access-token',
    ]);
    const sends = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body);
    expect(sends).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: customer.channelUserId,
        type: 'document',
        document: { id: graph.uploads[0]!.id, filename: 'factura marzo.pdf' },
      },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: customer.channelUserId,
        type: 'image',
        image: { id: graph.uploads[1]!.id, caption: 'Así quedó tu pedido' },
      },
    ]);
    for (const sent of [document, image]) {
      const stored = await reread(sent.message!.id);
      expect(stored).toMatchObject({ status: 'SENT', error: null });
      expect(stored.externalId).toMatch(/^wamid\./);
      expect(stored.attachments[0]!.message).toEqual({ id: sent.message!.id });
    }
  });

  it('WhatsApp: several files with a text go out one per message, the caption on the first image; a retried job neither uploads nor sends a part twice', async () => {
    const { account, conversation } = await conversationOn();
    const imageId = await uploadMedia(t, w.agentA.token, png(), 'image/png', 'a.png');
    const pdfId = await uploadMedia(t, w.agentA.token, pdf(), 'application/pdf', 'b.pdf');
    const sent = await send(conversation, { attachmentIds: [imageId, pdfId], text: 'Las dos páginas' });
    expect(sent.userErrors).toEqual([]);

    // The first file goes out; the provider refuses the second send with a transient error.
    graph.failNext(
      (request) => request.path.endsWith('/messages') && JSON.stringify(request.body).includes('"document"'),
      { status: 500, body: { error: { message: 'Temporary', type: 'OAuthException', code: 2 } } },
    );
    await runSend(sent.message!.id);
    expect(graph.uploads).toHaveLength(2);
    expect((await reread(sent.message!.id)).status).toBe('QUEUED');

    await runSend(sent.message!.id);
    expect(graph.uploads).toHaveLength(2);
    const sends = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body);
    expect(sends).toMatchObject([
      { type: 'image', image: { id: graph.uploads[0]!.id, caption: 'Las dos páginas' } },
      { type: 'document', document: { id: graph.uploads[1]!.id, filename: 'b.pdf' } },
      { type: 'document', document: { id: graph.uploads[1]!.id, filename: 'b.pdf' } },
    ]);
    expect(sends.filter((body) => JSON.stringify(body).includes('"image"'))).toHaveLength(1);
    const stored = await reread(sent.message!.id);
    expect(stored.status).toBe('SENT');
    expect(stored.attachments.map((item) => [item.id, item.caption])).toEqual([
      [imageId, 'Las dos páginas'],
      [pdfId, null],
    ]);
  });

  it('WhatsApp: each part of a multi-part send has its own status; the message shows the least advanced, never moving back, and a retry resends only a failed part', async () => {
    const secret = 'parts-app-secret';
    const account = await createChannelAccount(deps, w.workspace.id, {
      apiBaseUrl: graph.url,
      appSecret: secret,
    });
    const customer = await createCustomer(deps, account);
    const conversation = await createConversation(deps, account, { customer, assigneeId: w.agentA.agent.id });
    const status = async (
      messageId: string,
      value: 'sent' | 'delivered' | 'read' | 'failed',
      error?: { code: number; title: string },
    ) => {
      const raw = metaJson(
        whatsAppStatusWebhook({
          phoneNumberId: account.externalId,
          messageId,
          recipientId: customer.channelUserId!,
          status: value,
          at: t.clock.now(),
          error,
        }),
      );
      const response = await t
        .http()
        .post(webhookPathOf(account))
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signBody(secret, raw))
        .send(raw.toString('utf8'));
      expect(response.status).toBe(200);
      await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    };
    const partIds = async (messageGid: string) =>
      (
        (await deps.dataSource.getRepository(Message).findOneByOrFail({ id: localOf(messageGid) })).payload!
          .parts as { externalId?: string }[]
      ).map((part) => part.externalId);
    const shown = async (messageGid: string) => {
      const [row] = (await deps.dataSource.query('SELECT status, read_at FROM message WHERE id = $1', [
        localOf(messageGid),
      ])) as { status: string; read_at: Date | null }[];
      return row!;
    };

    const imageId = await uploadMedia(t, w.agentA.token, png(), 'image/png', 'a.png');
    const pdfId = await uploadMedia(t, w.agentA.token, pdf(), 'application/pdf', 'b.pdf');
    const sent = await send(conversation, { attachmentIds: [imageId, pdfId], text: 'Las dos páginas' });
    await runSend(sent.message!.id);
    const [first, second] = await partIds(sent.message!.id);
    expect(first).toEqual((await reread(sent.message!.id)).externalId);

    await status(first!, 'delivered');
    expect((await shown(sent.message!.id)).status).toBe('SENT');
    await status(second!, 'delivered');
    expect((await shown(sent.message!.id)).status).toBe('DELIVERED');
    await status(second!, 'read');
    expect((await shown(sent.message!.id)).status).toBe('DELIVERED');
    t.clock.advance(60_000);
    await status(first!, 'read');
    expect(await shown(sent.message!.id)).toEqual({ status: 'READ', read_at: t.clock.now() });
    // Late and repeated statuses of either part change nothing.
    await status(first!, 'delivered');
    await status(second!, 'sent');
    expect(await shown(sent.message!.id)).toEqual({ status: 'READ', read_at: t.clock.now() });

    // The second part of another message fails: the message is FAILED and stays so.
    const other = await send(conversation, {
      attachmentIds: [
        await uploadMedia(t, w.agentA.token, png(), 'image/png', 'c.png'),
        await uploadMedia(t, w.agentA.token, pdf(), 'application/pdf', 'd.pdf'),
      ],
    });
    await runSend(other.message!.id);
    const [otherFirst, otherSecond] = await partIds(other.message!.id);
    await status(otherSecond!, 'failed', { code: 131000, title: 'Something went wrong' });
    await status(otherFirst!, 'delivered');
    expect(await reread(other.message!.id)).toMatchObject({ status: 'FAILED', error: { code: 'TRANSIENT' } });

    // A retry sends the failed part again, and only it (the uploaded file's media id still holds).
    const before = graph.requestsTo(`/${account.externalId}/messages`).length;
    const retried = await t.gql(
      `mutation($input: MessageRetryInput!) { messageRetry(input: $input) { userErrors { code message } } }`,
      { input: { messageId: other.message!.id } },
      w.agentA.token,
    );
    expect(retried.errors).toBeUndefined();
    expect((retried.data as { messageRetry: { userErrors: unknown[] } }).messageRetry.userErrors).toEqual([]);
    await runSend(other.message!.id);
    const resent = graph
      .requestsTo(`/${account.externalId}/messages`)
      .slice(before)
      .map((request) => request.body);
    expect(resent).toMatchObject([{ type: 'document', document: { filename: 'd.pdf' } }]);
    const [, again] = await partIds(other.message!.id);
    expect(again).toBeDefined();
    expect(again).not.toBe(otherSecond);
    expect((await shown(other.message!.id)).status).toBe('SENT');
    await status(again!, 'delivered');
    expect((await shown(other.message!.id)).status).toBe('DELIVERED');
  });

  it('Messenger: the text first, then the file through the Attachment Upload API and sent by attachment_id', async () => {
    const { account, customer, conversation } = await conversationOn(ChannelKind.MESSENGER);
    const invoice = pdf(3_000);
    const pdfId = await uploadMedia(t, w.agentA.token, invoice, 'application/pdf', 'invoice.pdf');
    const sent = await send(conversation, { attachmentIds: [pdfId], text: 'Your invoice' });
    expect(sent.userErrors).toEqual([]);
    await runSend(sent.message!.id);

    expect(graph.uploads).toMatchObject([
      {
        endpoint: 'message-attachments',
        accountId: account.externalId,
        fields: { message: JSON.stringify({ attachment: { type: 'file', payload: { is_reusable: true } } }) },
        fileField: 'filedata',
        fileName: 'invoice.pdf',
        contentType: 'application/pdf',
      },
    ]);
    expect(graph.uploads[0]!.bytes.equals(invoice)).toBe(true);
    const messageId = localOf(sent.message!.id);
    expect(graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body)).toEqual([
      {
        recipient: { id: customer.channelUserId },
        messaging_type: 'RESPONSE',
        message: { text: 'Your invoice', metadata: messageId },
      },
      {
        recipient: { id: customer.channelUserId },
        messaging_type: 'RESPONSE',
        message: {
          attachment: { type: 'file', payload: { attachment_id: graph.uploads[0]!.id } },
          metadata: messageId,
        },
      },
    ]);
    expect((await reread(sent.message!.id)).status).toBe('SENT');
  });

  it('refuses uploads that are not the sender’s, already sent, or mixed with buttons — before anything is written', async () => {
    const { conversation } = await conversationOn();
    const theirs = await uploadMedia(t, w.agentB.token, png(), 'image/png', 'theirs.png');
    const refused = await t.gql(
      RichMessageSendDocument,
      { input: { conversationId: toGlobalId('Conversation', conversation.id), attachmentIds: [theirs] } },
      w.agentA.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const mine = await uploadMedia(t, w.agentA.token, png(), 'image/png', 'mine.png');
    expect((await send(conversation, { attachmentIds: [mine] })).userErrors).toEqual([]);
    const again = await send(conversation, { attachmentIds: [mine] });
    expect(again.userErrors).toMatchObject([
      { code: 'ATTACHMENT_NOT_SENDABLE', field: ['input', 'attachmentIds', '0'] },
    ]);
    const fresh = await uploadMedia(t, w.agentA.token, png(), 'image/png', 'fresh.png');
    const mixed = await send(conversation, {
      attachmentIds: [fresh],
      text: 'Elige',
      interactive: { buttons: [{ id: 'yes', title: 'Sí' }] },
    });
    expect(mixed.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'interactive'] }]);
    expect(await messagesOf(conversation)).toBe(2); // the customer's and the one image
    const stillFree = await deps.dataSource.getRepository(Attachment).findOneByOrFail({ id: localOf(fresh) });
    expect(stillFree.messageId).toBeNull();
  });

  it('WhatsApp interactive: reply buttons, a list and a CTA URL button go out with the documented bodies', async () => {
    const { account, customer, conversation } = await conversationOn();
    const buttons = await send(conversation, {
      text: '¿Confirmas la cita?',
      interactive: {
        header: 'Cita del martes',
        footer: 'Responde con un botón',
        buttons: [
          { id: 'confirm', title: 'Confirmar' },
          { id: 'move', title: 'Cambiar hora' },
        ],
      },
    });
    expect(buttons.userErrors).toEqual([]);
    expect(buttons.message).toMatchObject({ type: 'INTERACTIVE', text: '¿Confirmas la cita?' });
    expect(buttons.message!.interactive).toMatchObject({ buttons: [{ id: 'confirm' }, { id: 'move' }] });
    const list = await send(conversation, {
      text: 'Elige una sucursal',
      interactive: {
        list: {
          button: 'Sucursales',
          sections: [
            { title: 'Norte', rows: [{ id: 'n1', title: 'Chapinero', description: 'Cl. 60 #9' }] },
            { title: 'Sur', rows: [{ id: 's1', title: 'Kennedy' }] },
          ],
        },
      },
    });
    expect(list.userErrors).toEqual([]);
    const cta = await send(conversation, {
      text: 'Sigue tu pedido aquí',
      interactive: { ctaUrl: { displayText: 'Ver pedido', url: 'https://shop.example.com/o/123' } },
    });
    expect(cta.userErrors).toEqual([]);
    for (const sent of [buttons, list, cta]) await runSend(sent.message!.id);

    const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: customer.channelUserId };
    expect(graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body)).toEqual([
      {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'text', text: 'Cita del martes' },
          body: { text: '¿Confirmas la cita?' },
          footer: { text: 'Responde con un botón' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'confirm', title: 'Confirmar' } },
              { type: 'reply', reply: { id: 'move', title: 'Cambiar hora' } },
            ],
          },
        },
      },
      {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Elige una sucursal' },
          action: {
            button: 'Sucursales',
            sections: [
              { title: 'Norte', rows: [{ id: 'n1', title: 'Chapinero', description: 'Cl. 60 #9' }] },
              { title: 'Sur', rows: [{ id: 's1', title: 'Kennedy' }] },
            ],
          },
        },
      },
      {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          body: { text: 'Sigue tu pedido aquí' },
          action: {
            name: 'cta_url',
            parameters: { display_text: 'Ver pedido', url: 'https://shop.example.com/o/123' },
          },
        },
      },
    ]);
    for (const sent of [buttons, list, cta]) expect((await reread(sent.message!.id)).status).toBe('SENT');
  });

  it('a list over Meta’s limits is refused before any provider call, with the limit named; so are too many buttons, long titles and non-http URLs', async () => {
    const { conversation } = await conversationOn();
    const rows = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, title: `Opción ${index}` }));
    const refusals = [
      [
        {
          list: {
            button: 'Ver',
            sections: [
              { title: 'A', rows: rows(6, 'a') },
              { title: 'B', rows: rows(5, 'b') },
            ],
          },
        },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'list', 'sections'],
        'at most 10 rows',
      ],
      [
        {
          list: {
            button: 'Ver',
            sections: Array.from({ length: 11 }, (_, s) => ({ title: `S${s}`, rows: rows(1, `s${s}`) })),
          },
        },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'list', 'sections'],
        'at most 10 sections',
      ],
      [
        { list: { button: 'Ver', sections: [{ rows: [{ id: 'x', title: 'x'.repeat(25) }] }] } },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'list', 'sections', '0', 'rows', '0', 'title'],
        'at most 24 characters',
      ],
      [
        {
          list: {
            button: 'Ver',
            sections: [{ rows: [{ id: 'x', title: 'x', description: 'd'.repeat(73) }] }],
          },
        },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'list', 'sections', '0', 'rows', '0', 'description'],
        'at most 72 characters',
      ],
      [
        { list: { button: 'Abrir la lista completa', sections: [{ rows: rows(1, 'r') }] } },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'list', 'button'],
        'at most 20 characters',
      ],
      [
        { list: { button: 'Ver', sections: [{ rows: rows(1, 'a') }, { rows: rows(1, 'b') }] } },
        'INVALID_INPUT',
        ['input', 'interactive', 'list', 'sections', '0', 'title'],
        'required with several sections',
      ],
      [
        {
          list: {
            button: 'Ver',
            sections: [
              { title: 'A', rows: rows(1, 'a') },
              { title: 'B', rows: rows(1, 'a') },
            ],
          },
        },
        'INVALID_INPUT',
        ['input', 'interactive', 'list', 'sections', '1', 'rows', '0', 'id'],
        'unique',
      ],
      [
        { buttons: rows(4, 'b') },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'buttons'],
        'at most 3 reply buttons',
      ],
      [
        { buttons: [{ id: 'b', title: 'Un título demasiado largo' }] },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'buttons', '0', 'title'],
        'at most 20 characters',
      ],
      [
        { header: 'h'.repeat(61), buttons: rows(1, 'b') },
        'LIMIT_EXCEEDED',
        ['input', 'interactive', 'header'],
        'at most 60 characters',
      ],
      [
        { ctaUrl: { displayText: 'Abrir', url: 'javascript:alert(1)' } },
        'INVALID_INPUT',
        ['input', 'interactive', 'ctaUrl', 'url'],
        'http or https',
      ],
      [
        { buttons: rows(1, 'b'), ctaUrl: { displayText: 'Abrir', url: 'https://example.com' } },
        'INVALID_INPUT',
        ['input', 'interactive'],
        'exactly one',
      ],
    ] as const;
    for (const [interactive, code, field, words] of refusals) {
      const payload = await send(conversation, { text: 'Elige', interactive });
      expect(payload.message).toBeNull();
      expect(payload.userErrors).toHaveLength(1);
      expect(payload.userErrors[0]).toMatchObject({ code, field });
      expect(payload.userErrors[0]!.message).toContain(words);
    }
    const body = await send(conversation, { text: 'x'.repeat(1025), interactive: { buttons: rows(1, 'b') } });
    expect(body.userErrors).toMatchObject([{ code: 'LIMIT_EXCEEDED', field: ['input', 'text'] }]);
    expect(body.userErrors[0]!.message).toContain('at most 1024 characters');

    expect(await messagesOf(conversation)).toBe(1); // only the customer's
    expect(graph.requests).toEqual([]);
  });

  it('Messenger interactive: buttons become quick replies, a CTA URL a button template, and a list is refused before any call', async () => {
    const { account, customer, conversation } = await conversationOn(ChannelKind.MESSENGER);
    const quick = await send(conversation, {
      text: 'How was it?',
      interactive: {
        header: 'Survey',
        buttons: [
          { id: 'GOOD', title: 'Good' },
          { id: 'BAD', title: 'Bad' },
        ],
      },
    });
    const cta = await send(conversation, {
      text: 'Track your order',
      interactive: { ctaUrl: { displayText: 'Open', url: 'https://shop.example.com/o/1' } },
    });
    const list = await send(conversation, {
      text: 'Pick one',
      interactive: { list: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } },
    });
    expect(list.userErrors).toMatchObject([
      { code: 'INVALID_INPUT', field: ['input', 'interactive', 'list'] },
    ]);
    const tooMany = await send(conversation, {
      text: 'Pick',
      interactive: { buttons: Array.from({ length: 14 }, (_, i) => ({ id: `q${i}`, title: `Q${i}` })) },
    });
    expect(tooMany.userErrors).toMatchObject([
      { code: 'LIMIT_EXCEEDED', field: ['input', 'interactive', 'buttons'] },
    ]);
    expect(tooMany.userErrors[0]!.message).toContain('at most 13 quick replies');

    await runSend(quick.message!.id);
    await runSend(cta.message!.id);
    const recipient = { id: customer.channelUserId };
    expect(graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body)).toEqual([
      {
        recipient,
        messaging_type: 'RESPONSE',
        message: {
          text: 'Survey\n\nHow was it?',
          quick_replies: [
            { content_type: 'text', title: 'Good', payload: 'GOOD' },
            { content_type: 'text', title: 'Bad', payload: 'BAD' },
          ],
          metadata: localOf(quick.message!.id),
        },
      },
      {
        recipient,
        messaging_type: 'RESPONSE',
        message: {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'Track your order',
              buttons: [{ type: 'web_url', url: 'https://shop.example.com/o/1', title: 'Open' }],
            },
          },
          metadata: localOf(cta.message!.id),
        },
      },
    ]);
  });

  describe('templates with media headers and button parameters', () => {
    async function template(account: ChannelAccount, format: 'IMAGE' | 'DOCUMENT') {
      return deps.dataSource.getRepository(Template).save({
        workspaceId: account.workspaceId,
        channelAccountId: account.id,
        name: `pedido_${format.toLowerCase()}_${account.id.slice(0, 6)}`,
        language: 'es',
        category: TemplateCategory.UTILITY,
        status: TemplateStatus.APPROVED,
        components: [
          { type: 'HEADER', format },
          { type: 'BODY', text: 'Hola {{1}}, tu pedido está listo.' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'URL', text: 'Ver pedido', url: 'https://shop.example.com/o/{{1}}' },
              { type: 'QUICK_REPLY', text: 'No más mensajes' },
              { type: 'URL', text: 'Ayuda', url: 'https://shop.example.com/help' },
            ],
          },
        ],
      });
    }

    async function templateSend(
      tpl: Template,
      conversation: Conversation,
      parameters: Record<string, unknown>,
    ) {
      const result = await t.gql(
        RichTemplateSendDocument,
        {
          input: {
            templateId: toGlobalId('Template', tpl.id),
            conversationId: toGlobalId('Conversation', conversation.id),
            parameters,
          },
        },
        w.agentA.token,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.templateSend;
    }

    it('an uploaded document header is uploaded once by the send job and sent by id, with URL and quick-reply button parameters', async () => {
      const { account, customer, conversation } = await conversationOn();
      const tpl = await template(account, 'DOCUMENT');
      const invoice = pdf(4_000);
      const pdfId = await uploadMedia(t, w.agentA.token, invoice, 'application/pdf', 'pedido-77.pdf');
      const sent = await templateSend(tpl, conversation, {
        body: ['Ana'],
        headerMedia: { attachmentId: pdfId },
        buttons: [
          { index: 1, payload: 'STOP' },
          { index: 0, text: '77' },
        ],
      });
      expect(sent.userErrors).toEqual([]);
      expect(sent.message).toMatchObject({
        type: 'TEMPLATE',
        text: 'Hola Ana, tu pedido está listo.',
        attachments: [{ id: pdfId, kind: 'DOCUMENT' }],
      });
      graph.failNext((request) => request.path.endsWith('/messages'), {
        status: 500,
        body: { error: { message: 'Temporary', type: 'OAuthException', code: 2 } },
      });
      await runSend(sent.message!.id);
      await runSend(sent.message!.id);

      expect(graph.uploads).toHaveLength(1);
      expect(graph.uploads[0]).toMatchObject({
        endpoint: 'whatsapp-media',
        fields: { messaging_product: 'whatsapp', type: 'application/pdf' },
        fileName: 'pedido-77.pdf',
      });
      expect(graph.uploads[0]!.bytes.equals(invoice)).toBe(true);
      const sends = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body);
      expect(sends).toHaveLength(2);
      expect(sends[1]).toEqual(sends[0]);
      expect(sends[1]).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: customer.channelUserId,
        type: 'template',
        template: {
          name: tpl.name,
          language: { code: 'es' },
          components: [
            {
              type: 'header',
              parameters: [
                { type: 'document', document: { id: graph.uploads[0]!.id, filename: 'pedido-77.pdf' } },
              ],
            },
            { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
            { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '77' }] },
            {
              type: 'button',
              sub_type: 'quick_reply',
              index: '1',
              parameters: [{ type: 'payload', payload: 'STOP' }],
            },
          ],
        },
      });
      expect((await reread(sent.message!.id)).status).toBe('SENT');
    });

    it('an image header by link goes out as a link; parameters that do not fit the synced components are refused before anything is written', async () => {
      const { account, conversation } = await conversationOn();
      const tpl = await template(account, 'IMAGE');
      const pdfId = await uploadMedia(t, w.agentA.token, pdf(), 'application/pdf', 'x.pdf');
      const ok = { body: ['Ana'], buttons: [{ index: 0, text: '9' }] };
      const refusals = [
        [{ ...ok }, ['input', 'parameters', 'headerMedia'], 'image header'],
        [
          { ...ok, headerMedia: { attachmentId: pdfId } },
          ['input', 'parameters', 'headerMedia', 'attachmentId'],
          'DOCUMENT',
        ],
        [
          { ...ok, headerMedia: { link: 'http://cdn.example.com/a.png' } },
          ['input', 'parameters', 'headerMedia', 'link'],
          'https',
        ],
        [
          { body: ['Ana'], headerMedia: { link: 'https://cdn.example.com/a.png' } },
          ['input', 'parameters', 'buttons'],
          'needs the text for its URL',
        ],
        [
          {
            ...ok,
            headerMedia: { link: 'https://cdn.example.com/a.png' },
            buttons: [
              { index: 0, text: '9' },
              { index: 2, text: 'x' },
            ],
          },
          ['input', 'parameters', 'buttons', '1', 'index'],
          'takes no value',
        ],
        [
          {
            ...ok,
            headerMedia: { link: 'https://cdn.example.com/a.png' },
            buttons: [
              { index: 0, text: '9' },
              { index: 5, payload: 'x' },
            ],
          },
          ['input', 'parameters', 'buttons', '1', 'index'],
          'has no button 5',
        ],
      ] as const;
      for (const [parameters, field, words] of refusals) {
        const payload = await templateSend(tpl, conversation, parameters);
        expect(payload.message).toBeNull();
        expect(payload.userErrors).toMatchObject([{ code: 'TEMPLATE_PARAMETERS_INVALID', field }]);
        expect(payload.userErrors[0]!.message).toContain(words);
      }
      expect(await messagesOf(conversation)).toBe(1);

      const sent = await templateSend(tpl, conversation, {
        ...ok,
        headerMedia: { link: 'https://cdn.example.com/a.png' },
      });
      expect(sent.userErrors).toEqual([]);
      await runSend(sent.message!.id);
      expect(graph.uploads).toEqual([]);
      const [body] = graph.requestsTo(`/${account.externalId}/messages`).map((request) => request.body);
      expect(body).toMatchObject({
        type: 'template',
        template: {
          components: [
            {
              type: 'header',
              parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/a.png' } }],
            },
            { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
            { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '9' }] },
          ],
        },
      });
    });
  });
});
