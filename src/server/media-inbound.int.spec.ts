import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { startLocalS3Server, type LocalS3Server } from '../testing/local-s3-server';
import { FakeGraphApi, metaJson, signBody } from '../testing/fake-graph-api';
import { createChannelAccount } from '../testing/factories';
import { jpeg, pdf, png, sha256 } from '../testing/fixtures/media.fixture';
import {
  messagingAttachmentsWebhook,
  voiceNote,
  whatsAppInboundMediaWebhook,
} from '../testing/fixtures/inbound-media.fixture';
import { parse } from 'graphql';
import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { headCursor, subscribe, useConnections } from '../testing/fixtures/subscription.fixture';
import { Attachment } from '../entities/attachment.entity';
import { type ChannelAccount } from '../entities/channel-account.entity';
import { ChannelKind, Locale } from '../entities/enums';
import { Message } from '../entities/message.entity';
import { Conversation } from '../entities/conversation.entity';
import { Workspace } from '../entities/workspace.entity';
import { buildAiInput } from '../services/ai-assist/ai-assist.service';
import { extractiveSummary } from '../ai/offline/extractive-summary';
import { JobName } from '../runtime/job-queue';
import { webhookPathOf } from '../services/channel-account/channel-account.service';

const ACCESS_TOKEN = 'EAAG-media-token';
const APP_SECRET = 'media-app-secret';
const CUSTOMER = '5215512345678';

const CONVERSATION_FILES = `query($id: ID!) { conversation(id: $id) { id messages(first: 20) { nodes { id type text
  attachments { id kind status mimeType fileName byteSize sha256 caption voiceNote durationSeconds url
    error { code title detail providerCode retryable } } } } } }`;
const RETRY = `mutation($id: ID!) { attachmentRetry(input: { attachmentId: $id }) {
  attachment { id status error { code } } userErrors { code field message } } }`;
const CONVERSATIONS = `query { conversations(first: 5) { nodes { id } } }`;
const FILE_CHANGES =
  parse(`subscription($id: ID!, $after: String) { conversationUpdated(conversationId: $id, after: $after) {
  type messageId attachmentStatus attachment { id status url } } }`) as TypedDocumentNode<
    {
      conversationUpdated: {
        type: string;
        messageId: string | null;
        attachmentStatus: string | null;
        attachment: { id: string; status: string; url: string | null } | null;
      };
    },
    { id: string; after: string }
  >;

interface FileView {
  id: string;
  kind: string;
  status: string;
  mimeType: string;
  fileName: string | null;
  byteSize: number | null;
  sha256: string | null;
  caption: string | null;
  voiceNote: boolean;
  durationSeconds: number | null;
  url: string | null;
  error: { code: string; title: string; detail: string | null; providerCode: string | null } | null;
}
interface MessageView {
  id: string;
  type: string;
  text: string | null;
  attachments: FileView[];
}

/** The bytes behind a signed download URL, fetched as a browser would (no Authorization). */
async function download(t: TestAppHandle, url: string): Promise<{ status: number; body: Buffer }> {
  const { pathname, search } = new URL(url);
  const response = await t
    .http()
    .get(`${pathname}${search}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: response.status, body: response.body as Buffer };
}

describe.each(['postgres', 's3'] as const)('inbound media on %s storage', (storage) => {
  let s3: LocalS3Server | null = null;
  const graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
  beforeAll(async () => {
    await graph.start();
    if (storage === 's3') s3 = await startLocalS3Server();
  });
  afterAll(async () => {
    await graph.stop();
    await s3?.close();
  });
  const t = useTestApp({ env: () => ({ ...(s3?.env ?? {}) }) });
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  const connect = useConnections();
  let account: ChannelAccount;

  beforeEach(async () => {
    graph.reset();
    account = await createChannelAccount(t.factories, w.workspace.id, {
      apiBaseUrl: graph.url,
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
    });
  });

  async function postWebhook(path: string, body: unknown) {
    const raw = metaJson(body);
    const response = await t
      .http()
      .post(path)
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody(APP_SECRET, raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
  }

  const drainWebhooks = () => t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  const drainCopies = () => t.app.deps.jobs.drain(JobName.MEDIA_COPY);

  async function onlyConversationId(): Promise<string> {
    const list = await t.gql(CONVERSATIONS, {}, w.admin.token);
    const nodes = (list.data as { conversations: { nodes: { id: string }[] } }).conversations.nodes;
    expect(nodes).toHaveLength(1);
    return nodes[0]!.id;
  }

  async function messagesOf(conversationId: string): Promise<MessageView[]> {
    const result = await t.gql(CONVERSATION_FILES, { id: conversationId }, w.admin.token);
    expect(result.errors).toBeUndefined();
    return (result.data as { conversation: { messages: { nodes: MessageView[] } } }).conversation.messages
      .nodes;
  }

  const filesOf = async (conversationId: string) =>
    (await messagesOf(conversationId)).flatMap((message) => message.attachments);

  const storedRows = () =>
    t.app.deps.dataSource.getRepository(Attachment).countBy({ workspaceId: w.workspace.id });

  it('a WhatsApp image, voice note and PDF become READY attachments whose downloads are the exact bytes; a replayed webhook creates nothing twice', async () => {
    const image = jpeg(40_000);
    const voice = voiceNote(12, 30_000);
    const document = pdf(300_000);
    graph.media.add('media-image-1', image, 'image/jpeg');
    graph.media.add('media-voice-1', voice, 'audio/ogg; codecs=opus');
    graph.media.add('media-pdf-1', document, 'application/pdf');
    const body = whatsAppInboundMediaWebhook({
      phoneNumberId: account.externalId,
      from: CUSTOMER,
      at: new Date(Date.now() - 60_000),
      messages: [
        { type: 'image', mediaId: 'media-image-1', mimeType: 'image/jpeg', caption: 'La factura' },
        { type: 'audio', mediaId: 'media-voice-1', mimeType: 'audio/ogg; codecs=opus', voice: true },
        {
          type: 'document',
          mediaId: 'media-pdf-1',
          mimeType: 'application/pdf',
          filename: 'invoice.pdf',
          // What Meta puts in the webhook: the same hash, in base64.
          sha256: Buffer.from(sha256(document), 'hex').toString('base64'),
        },
      ],
    });
    // Meta retries and duplicates: the same body three times.
    await Promise.all([1, 2, 3].map(() => postWebhook(webhookPathOf(account), body)));
    expect(await drainWebhooks()).toBe(3);
    const conversationId = await onlyConversationId();

    // At webhook time: the messages with their files PENDING, one copy job each, no download yet.
    expect(await storedRows()).toBe(3);
    let files = await filesOf(conversationId);
    expect(files.map((file) => [file.kind, file.status, file.url])).toEqual([
      ['IMAGE', 'PENDING', null],
      ['AUDIO', 'PENDING', null],
      ['DOCUMENT', 'PENDING', null],
    ]);
    expect(graph.requests).toHaveLength(0);

    const live = subscribe(connect(await t.wsUrl(), w.admin.token), FILE_CHANGES, {
      id: conversationId,
      after: await headCursor(t.app.deps, w.workspace.id),
    });
    expect(await drainCopies()).toBe(3);

    files = await filesOf(conversationId);
    expect(files).toMatchObject([
      {
        kind: 'IMAGE',
        status: 'READY',
        mimeType: 'image/jpeg',
        caption: 'La factura',
        byteSize: image.length,
        sha256: sha256(image),
        voiceNote: false,
      },
      {
        kind: 'AUDIO',
        status: 'READY',
        mimeType: 'audio/ogg',
        byteSize: voice.length,
        voiceNote: true,
        durationSeconds: 12,
      },
      {
        kind: 'DOCUMENT',
        status: 'READY',
        mimeType: 'application/pdf',
        fileName: 'invoice.pdf',
        byteSize: document.length,
        sha256: sha256(document),
      },
    ]);
    for (const [file, bytes] of [
      [files[0]!, image],
      [files[1]!, voice],
      [files[2]!, document],
    ] as const) {
      const got = await download(t, file.url!);
      expect(got.status).toBe(200);
      expect(got.body.equals(bytes)).toBe(true);
    }

    // The real protocol: a lookup, then the download from its URL, both with the channel token.
    const lookups = graph.requestsTo(/^\/v[\d.]+\/media-/);
    const downloads = graph.requestsTo('/whatsapp_business/attachments/');
    expect(lookups.map((request) => request.path.split('/').pop()).sort()).toEqual([
      'media-image-1',
      'media-pdf-1',
      'media-voice-1',
    ]);
    expect(downloads).toHaveLength(3);
    for (const request of [...lookups, ...downloads]) {
      expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    }

    // Each READY was pushed to the conversation's live view, with the file's download URL.
    for (const file of files) {
      const pushed = await live.until((data) => data.conversationUpdated.attachment?.id === file.id);
      expect(pushed.conversationUpdated).toMatchObject({
        type: 'ATTACHMENT_STATUS_CHANGED',
        attachmentStatus: 'READY',
        attachment: { status: 'READY' },
      });
      expect(pushed.conversationUpdated.attachment!.url).toMatch(/\/media\//);
    }
    const messageIds = new Set(live.data().map((data) => data.conversationUpdated.messageId));
    expect(messageIds.size).toBe(3);

    // The assistant reads the files as words: the transcript and the offline summary describe them.
    const { dataSource } = t.app.deps;
    const conversation = await dataSource
      .getRepository(Conversation)
      .findOneByOrFail({ id: Buffer.from(conversationId, 'base64url').toString().split(':')[1]! });
    const workspace = await dataSource.getRepository(Workspace).findOneByOrFail({ id: w.workspace.id });
    workspace.locale = Locale.en;
    const input = await buildAiInput(dataSource.manager, workspace, conversation);
    expect(input.transcript.map((message) => message.text)).toEqual([
      '[image] La factura',
      '[voice note 0:12]',
      '[document: invoice.pdf]',
    ]);
    expect(extractiveSummary(input).summary).toContain(
      'Files from the customer: [image], [voice note 0:12], [document: invoice.pdf].',
    );

    // The job is safe to run again: nothing more is fetched or stored.
    for (const file of files) {
      await t.app.deps.jobs.runNow(JobName.MEDIA_COPY, {
        workspaceId: w.workspace.id,
        attachmentId: Buffer.from(file.id, 'base64url').toString().split(':')[1]!,
      });
    }
    expect(graph.requests).toHaveLength(6);
    expect(await storedRows()).toBe(3);
  });

  it.each([
    ['an expired media id', 'expired', 'MEDIA_NOT_FOUND', '100/33'],
    ['a download that 404s', 'not_found', 'MEDIA_NOT_FOUND', '404'],
    ['a checksum mismatch', 'checksum', 'CHECKSUM_MISMATCH', null],
  ] as const)(
    '%s ends FAILED with the provider error; attachmentRetry recovers it once the provider answers again',
    async (_name, failure, code, providerCode) => {
      const bytes = png({ padTo: 20_000 });
      graph.media.add('media-flaky', bytes, 'image/png');
      graph.media.fail('media-flaky', failure);
      await postWebhook(
        webhookPathOf(account),
        whatsAppInboundMediaWebhook({
          phoneNumberId: account.externalId,
          from: CUSTOMER,
          messages: [{ type: 'image', mediaId: 'media-flaky', mimeType: 'image/png' }],
        }),
      );
      await drainWebhooks();
      const conversationId = await onlyConversationId();
      await drainCopies();

      let [file] = await filesOf(conversationId);
      expect(file).toMatchObject({
        status: 'FAILED',
        url: null,
        byteSize: null,
        error: { code, providerCode },
      });
      // Nothing of the refused bytes is kept.
      const store = t.app.deps.media.current;
      const attachmentId = Buffer.from(file!.id, 'base64url').toString().split(':')[1]!;
      expect(await store.size({ workspaceId: w.workspace.id, attachmentId })).toBeNull();

      // Retrying while the provider still fails fails again, with the same error.
      let retried = await t.gql(RETRY, { id: file!.id }, w.agentA.token);
      expect((retried.data as any).attachmentRetry).toEqual({
        attachment: { id: file!.id, status: 'PENDING', error: null },
        userErrors: [],
      });
      await drainCopies();
      [file] = await filesOf(conversationId);
      expect(file).toMatchObject({ status: 'FAILED', error: { code } });

      graph.media.restore('media-flaky');
      retried = await t.gql(RETRY, { id: file!.id }, w.agentA.token);
      expect((retried.data as any).attachmentRetry.userErrors).toEqual([]);
      await drainCopies();
      [file] = await filesOf(conversationId);
      expect(file).toMatchObject({
        status: 'READY',
        error: null,
        byteSize: bytes.length,
        sha256: sha256(bytes),
      });
      expect((await download(t, file!.url!)).body.equals(bytes)).toBe(true);

      // A READY file is not retried.
      retried = await t.gql(RETRY, { id: file!.id }, w.agentA.token);
      expect((retried.data as any).attachmentRetry).toMatchObject({
        attachment: null,
        userErrors: [{ code: 'ATTACHMENT_NOT_RETRYABLE', field: ['input', 'attachmentId'] }],
      });
    },
  );

  it('an expired download URL is looked up again; a provider outage is retried by the job before it fails', async () => {
    const bytes = jpeg(10_000);
    graph.media.add('media-slow', bytes, 'image/jpeg');
    // The first download link has expired by the time it is fetched.
    graph.failNext('/whatsapp_business/attachments/', { status: 403, body: 'URL signature expired' });
    graph.failNext(/\/media-slow$/, {
      status: 500,
      body: { error: { code: 2, message: 'Service unavailable' } },
    });
    await postWebhook(
      webhookPathOf(account),
      whatsAppInboundMediaWebhook({
        phoneNumberId: account.externalId,
        from: CUSTOMER,
        messages: [{ type: 'image', mediaId: 'media-slow', mimeType: 'image/jpeg' }],
      }),
    );
    await drainWebhooks();
    const conversationId = await onlyConversationId();
    const [pending] = await filesOf(conversationId);
    const attachmentId = Buffer.from(pending!.id, 'base64url').toString().split(':')[1]!;
    const run = () =>
      t.app.deps.jobs.runNow(JobName.MEDIA_COPY, { workspaceId: w.workspace.id, attachmentId });

    await run(); // the lookup answers 500: still PENDING, tried again later
    expect((await filesOf(conversationId))[0]).toMatchObject({ status: 'PENDING', error: null });
    await run(); // the link is refused (expired): PENDING, the next run looks up again
    expect((await filesOf(conversationId))[0]).toMatchObject({ status: 'PENDING' });
    await run();
    expect((await filesOf(conversationId))[0]).toMatchObject({ status: 'READY', byteSize: bytes.length });
    expect(graph.requestsTo(/\/media-slow$/)).toHaveLength(3);

    // A provider that keeps failing: FAILED after the job's own attempts.
    graph.media.add('media-down', bytes, 'image/jpeg');
    for (let i = 0; i < 3; i += 1) graph.failNext(/\/media-down$/, { status: 503, body: 'down' });
    await postWebhook(
      webhookPathOf(account),
      whatsAppInboundMediaWebhook({
        phoneNumberId: account.externalId,
        from: CUSTOMER,
        messages: [{ type: 'image', mediaId: 'media-down', mimeType: 'image/jpeg' }],
      }),
    );
    await drainWebhooks();
    const down = (await filesOf(conversationId)).find((file) => file.status === 'PENDING')!;
    const downId = Buffer.from(down.id, 'base64url').toString().split(':')[1]!;
    for (let i = 0; i < 3; i += 1) {
      await t.app.deps.jobs.runNow(JobName.MEDIA_COPY, { workspaceId: w.workspace.id, attachmentId: downId });
    }
    expect((await filesOf(conversationId)).find((file) => file.id === down.id)).toMatchObject({
      status: 'FAILED',
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
  });

  it('a file over its kind limit is refused from the lookup, before any download', async () => {
    const big = jpeg(5_000_001);
    graph.media.add('media-big', big, 'image/jpeg');
    await postWebhook(
      webhookPathOf(account),
      whatsAppInboundMediaWebhook({
        phoneNumberId: account.externalId,
        from: CUSTOMER,
        messages: [{ type: 'image', mediaId: 'media-big', mimeType: 'image/jpeg' }],
      }),
    );
    await drainWebhooks();
    await drainCopies();
    const [file] = await filesOf(await onlyConversationId());
    expect(file).toMatchObject({ status: 'FAILED', error: { code: 'TOO_LARGE' } });
    expect(graph.requestsTo('/whatsapp_business/attachments/')).toHaveLength(0);
  });

  it.each([
    ['Messenger', ChannelKind.MESSENGER, 'page'],
    ['Instagram', ChannelKind.INSTAGRAM, 'instagram'],
  ] as const)(
    '%s attachments and story replies are copied from their CDN links',
    async (_name, kind, object) => {
      const messaging = await createChannelAccount(t.factories, w.workspace.id, {
        kind,
        apiBaseUrl: graph.url,
        accessToken: ACCESS_TOKEN,
        appSecret: APP_SECRET,
      });
      const photo = png({ padTo: 30_000 });
      const document = pdf(50_000);
      const story = jpeg(20_000);
      const photoUrl = graph.media.addCdnFile(photo, 'image/png', 'photo.png');
      const documentUrl = graph.media.addCdnFile(document, 'application/pdf', 'contrato.pdf');
      // Messages are listed in channel time: each webhook is stamped a second after the one before
      // (two stamped with the clock can share a millisecond, and then their order is arbitrary).
      const start = Date.now() - 60_000;
      const sentAt = (second: number) => new Date(start + second * 1000);
      await postWebhook(
        webhookPathOf(messaging),
        messagingAttachmentsWebhook({
          object,
          accountId: messaging.externalId,
          senderId: 'psid-1',
          at: sentAt(0),
          attachments: [
            { type: 'image', url: photoUrl },
            { type: 'file', url: documentUrl },
          ],
        }),
      );
      await postWebhook(
        webhookPathOf(messaging),
        messagingAttachmentsWebhook({
          object,
          accountId: messaging.externalId,
          senderId: 'psid-1',
          at: sentAt(1),
          attachments: [],
          text: '¡Qué bonito!',
          replyToStoryUrl: graph.media.addCdnFile(story, null, 'story'),
        }),
      );
      await drainWebhooks();
      await drainCopies();
      const files = await filesOf(await onlyConversationId());
      expect(files).toMatchObject([
        { kind: 'IMAGE', status: 'READY', mimeType: 'image/png', byteSize: photo.length },
        { kind: 'DOCUMENT', status: 'READY', mimeType: 'application/pdf', fileName: 'contrato.pdf' },
        // The story's type came from its bytes; the reply's text is its caption.
        { kind: 'IMAGE', status: 'READY', mimeType: 'image/jpeg', caption: '¡Qué bonito!' },
      ]);
      for (const [file, bytes] of [
        [files[0]!, photo],
        [files[1]!, document],
        [files[2]!, story],
      ] as const) {
        expect((await download(t, file.url!)).body.equals(bytes)).toBe(true);
      }
      // CDN links carry no token.
      for (const request of graph.requestsTo('/cdn/')) expect(request.headers.authorization).toBeUndefined();

      // An expired CDN link fails at once (a link does not come back), and says so.
      const expired = graph.media.addCdnFile(photo, 'image/png', 'late.png');
      graph.media.expireUrls();
      await postWebhook(
        webhookPathOf(messaging),
        messagingAttachmentsWebhook({
          object,
          accountId: messaging.externalId,
          senderId: 'psid-1',
          at: sentAt(2),
          attachments: [{ type: 'image', url: expired }],
        }),
      );
      await drainWebhooks();
      await drainCopies();
      const late = (await filesOf(await onlyConversationId())).at(-1);
      expect(late).toMatchObject({
        status: 'FAILED',
        error: { code: 'MEDIA_URL_EXPIRED', providerCode: '403' },
      });
      const messages = await t.app.deps.dataSource
        .getRepository(Message)
        .countBy({ channelAccountId: messaging.id });
      expect(messages).toBe(3);
    },
  );
});
