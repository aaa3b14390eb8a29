import { useTestApp, useWorkspace, type TestAppHandle } from '../../testing/test-lifecycle';
import { createChannelAccount, createTestApiKey } from '../../testing/factories';
import { FakeGraphApi } from '../../testing/fake-graph-api';
import { HTML_PAGE, pdf, png, sha256, uploadMedia } from '../../testing/fixtures/media.fixture';
import { toGlobalId } from '../../entities/global-id';
import { ApiKeyScope, ChannelKind } from '../../entities/enums';
import { type ChannelAccount } from '../../entities/channel-account.entity';
import { Attachment } from '../../entities/attachment.entity';
import { Message } from '../../entities/message.entity';
import { JobName } from '../../runtime/job-queue';

const INBOUND = `mutation($input: MessageInboundInput!) { messageInbound(input: $input) {
  duplicate message { id type text attachments { id kind status mimeType fileName caption byteSize sha256 url error { code } } }
  userErrors { code field message } } }`;
const MESSAGE_FILES = `query($id: ID!) { node(id: $id) { ... on Message { attachments { id kind status mimeType fileName byteSize sha256 url error { code } } } } }`;

interface FileView {
  id: string;
  kind: string;
  status: string;
  mimeType: string;
  fileName: string | null;
  caption?: string | null;
  byteSize: number | null;
  sha256: string | null;
  url: string | null;
  error: { code: string } | null;
}
interface InboundView {
  duplicate: boolean;
  message: { id: string; type: string; text: string | null; attachments: FileView[] } | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}

async function downloadBytes(t: TestAppHandle, url: string): Promise<Buffer> {
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
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

describe('messageInbound with attachments (API channel): uploads by id, files by URL', () => {
  const graph = new FakeGraphApi();
  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  const t = useTestApp();
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let api: ChannelAccount;
  let partnerKey: string;

  beforeEach(async () => {
    graph.reset();
    api = await createChannelAccount(t.factories, w.workspace.id, { kind: ChannelKind.API, name: 'CRM' });
    partnerKey = (await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE])).key;
  });

  async function deliver(input: Record<string, unknown>, token = partnerKey): Promise<InboundView> {
    const result = await t.gql(
      INBOUND,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: 'crm-user-1',
          externalId: 'm-1',
          ...input,
        },
      },
      token,
    );
    expect(result.errors).toBeUndefined();
    return (result.data as { messageInbound: InboundView }).messageInbound;
  }

  const messageCount = () =>
    t.factories.dataSource.getRepository(Message).countBy({ channelAccountId: api.id });

  it('takes an upload by id and a file by URL: the upload goes with the message, the URL is copied by the job', async () => {
    const photo = png({ padTo: 12_000 });
    const contract = pdf(80_000);
    const uploadId = await uploadMedia(t, partnerKey, photo, 'image/png', 'frente.png');
    const url = graph.media.addCdnFile(contract, 'application/pdf', 'contrato.pdf');

    const first = await deliver({
      attachments: [
        { uploadId, caption: 'El frente' },
        { url, fileName: 'contrato.pdf' },
      ],
    });
    expect(first.userErrors).toEqual([]);
    expect(first.message).toMatchObject({
      type: 'IMAGE',
      text: null,
      attachments: [
        { id: uploadId, kind: 'IMAGE', status: 'READY', caption: 'El frente', fileName: 'frente.png' },
        { kind: 'DOCUMENT', status: 'PENDING', fileName: 'contrato.pdf', url: null },
      ],
    });

    // A redelivery of the same message stores and fetches nothing twice.
    const again = await deliver({ attachments: [{ uploadId }, { url }] });
    expect(again).toMatchObject({ duplicate: true, userErrors: [], message: { id: first.message!.id } });
    expect(await t.app.deps.jobs.drain(JobName.MEDIA_COPY)).toBe(1);
    expect(
      await t.factories.dataSource.getRepository(Attachment).countBy({ workspaceId: w.workspace.id }),
    ).toBe(2);

    const files = (await t.gql(MESSAGE_FILES, { id: first.message!.id }, w.admin.token)).data as {
      node: { attachments: FileView[] };
    };
    expect(files.node.attachments).toMatchObject([
      { status: 'READY', byteSize: photo.length, sha256: sha256(photo) },
      { status: 'READY', mimeType: 'application/pdf', byteSize: contract.length, sha256: sha256(contract) },
    ]);
    expect((await downloadBytes(t, files.node.attachments[0]!.url!)).equals(photo)).toBe(true);
    expect((await downloadBytes(t, files.node.attachments[1]!.url!)).equals(contract)).toBe(true);
    expect(graph.requestsTo('/cdn/')).toHaveLength(1);
  });

  it('an upload already sent, or another caller’s, does not go with a new message, and nothing is stored', async () => {
    const uploadId = await uploadMedia(t, partnerKey, png(), 'image/png', 'a.png');
    expect((await deliver({ externalId: 'm-a', attachments: [{ uploadId }] })).userErrors).toEqual([]);
    const reused = await deliver({ externalId: 'm-b', text: 'otra vez', attachments: [{ uploadId }] });
    expect(reused).toMatchObject({
      message: null,
      userErrors: [{ code: 'ATTACHMENT_NOT_USABLE', field: ['input', 'attachments', '0', 'uploadId'] }],
    });
    expect(await messageCount()).toBe(1);

    // An unsent upload is its uploader's: another key of the workspace finds no such attachment.
    const otherKey = (await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const mine = await uploadMedia(t, partnerKey, png(), 'image/png', 'b.png');
    const result = await t.gql(
      INBOUND,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: 'crm-user-1',
          externalId: 'm-c',
          attachments: [{ uploadId: mine }],
        },
      },
      otherKey,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await messageCount()).toBe(1);
  });

  it.each([
    ['no text and no file', {}, ['input', 'text']],
    [
      'both an upload and a URL',
      {
        attachments: [
          {
            uploadId: toGlobalId('Attachment', '00000000-0000-4000-8000-000000000000'),
            url: 'https://example.com/a.pdf',
          },
        ],
      },
      ['input', 'attachments', '0'],
    ],
    ['neither', { attachments: [{ caption: 'nada' }] }, ['input', 'attachments', '0']],
    [
      'a URL that is not http(s)',
      { attachments: [{ url: 'ftp://example.com/a.pdf' }] },
      ['input', 'attachments', '0', 'url'],
    ],
    [
      'a URL with credentials',
      { attachments: [{ url: 'https://u:p@example.com/a.pdf' }] },
      ['input', 'attachments', '0', 'url'],
    ],
    [
      'a caption over 1024 characters',
      { attachments: [{ url: 'https://example.com/a.pdf', caption: 'x'.repeat(1025) }] },
      ['input', 'attachments', '0', 'caption'],
    ],
  ])('refuses %s with INVALID_INPUT, storing nothing', async (_name, input, field) => {
    const payload = await deliver(input);
    expect(payload).toMatchObject({ message: null, userErrors: [{ code: 'INVALID_INPUT', field }] });
    expect(await messageCount()).toBe(0);
  });

  it('a URL that serves a web page instead of a file ends FAILED (NOT_MEDIA); the message keeps its text', async () => {
    const url = graph.media.addCdnFile(HTML_PAGE, 'text/html', 'file.pdf');
    const payload = await deliver({ text: 'Mi factura', attachments: [{ url }] });
    expect(payload.userErrors).toEqual([]);
    await t.app.deps.jobs.drain(JobName.MEDIA_COPY);
    const files = (await t.gql(MESSAGE_FILES, { id: payload.message!.id }, w.admin.token)).data as {
      node: { attachments: FileView[] };
    };
    expect(files.node.attachments).toMatchObject([
      { status: 'FAILED', url: null, error: { code: 'NOT_MEDIA' } },
    ]);
    expect(payload.message!.text).toBe('Mi factura');
  });
});

describe('messageInbound URLs pass the outbound address policy', () => {
  // Production's rule: https only, public addresses only.
  const t = useTestApp({ env: { OUTBOUND_ALLOW_PRIVATE: 'false' } });
  const w = useWorkspace(t);

  it.each([
    'http://example.com/a.pdf',
    'https://127.0.0.1/a.pdf',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/a.pdf',
    'https://10.0.0.8/a.pdf',
  ])('refuses %s before anything is stored', async (url) => {
    const api = await createChannelAccount(t.factories, w.workspace.id, { kind: ChannelKind.API });
    const { key } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE]);
    const result = await t.gql(
      INBOUND,
      {
        input: {
          channelAccountId: toGlobalId('ChannelAccount', api.id),
          customerChannelUserId: 'u',
          externalId: 'e',
          attachments: [{ url }],
        },
      },
      key,
    );
    expect((result.data as { messageInbound: InboundView }).messageInbound).toMatchObject({
      message: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'attachments', '0', 'url'] }],
    });
    expect(await t.factories.dataSource.getRepository(Message).countBy({ channelAccountId: api.id })).toBe(0);
  });
});
