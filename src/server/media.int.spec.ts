import { request as httpRequest } from 'node:http';
import { useTestApp, useWorkspace, type TestAppHandle } from '../testing/test-lifecycle';
import { startLocalS3Server, type LocalS3Server } from '../testing/local-s3-server';
import { createConversation, createMessage, createTestApiKey } from '../testing/factories';
import {
  HTML_PAGE,
  oggOpus,
  pdf,
  png,
  sha256,
  SVG_IMAGE,
  text,
  webp,
} from '../testing/fixtures/media.fixture';
import {
  AttachmentDocument,
  AttachmentNodeDocument,
  MessageAttachmentsDocument,
} from '../testing/generated/graphql';
import { Attachment, AttachmentChunk } from '../entities/attachment.entity';
import { fromGlobalId, toGlobalId } from '../entities/global-id';
import { ApiKeyScope, AttachmentStatus } from '../entities/enums';
import { JobName } from '../runtime/job-queue';
import { mediaRetentionSweep } from '../jobs/media-retention.job';
import { expireMediaBatch } from '../services/media/media-retention.service';
import { CHUNK_BYTES } from '../services/media/storage/postgres.media-storage';

const NOW = new Date('2030-03-01T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

interface Upload {
  type?: string;
  name?: string | null;
  headers?: Record<string, string>;
}

function upload(t: TestAppHandle, token: string | null, bytes: Buffer, options: Upload = {}) {
  let call = t.http().post('/media');
  if (token) call = call.set('authorization', `Bearer ${token}`);
  if (options.type !== undefined) call = call.set('content-type', options.type);
  if (options.name !== null) call = call.set('x-file-name', encodeURIComponent(options.name ?? 'photo.png'));
  for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
  return call.send(bytes);
}

/** A download through the URL the API hands out, path and query only (supertest brings the host). */
function download(t: TestAppHandle, url: string, headers: Record<string, string> = {}) {
  const { pathname, search } = new URL(url);
  let call = t
    .http()
    .get(`${pathname}${search}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  return call;
}

/** A raw request to the listening server: headers now, the body (if any) streamed in pieces without a length. */
async function rawUpload(
  t: TestAppHandle,
  headers: Record<string, string>,
  pieces: Buffer[] | null,
): Promise<{ status: number; body: { error?: { code: string; limitBytes?: number } } }> {
  const base = new URL((await t.wsUrl()).replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      { host: base.hostname, port: base.port, path: '/media', method: 'POST', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
          }),
        );
      },
    );
    // The server may answer and close before the body is sent: that answer is what counts.
    call.on('error', (error) => (call.destroyed ? undefined : reject(error)));
    if (pieces === null) return void call.flushHeaders();
    void (async () => {
      for (const piece of pieces) {
        if (call.destroyed) return;
        if (!call.write(piece)) await new Promise((done) => call.once('drain', done));
      }
      call.end();
    })();
  });
}

describe.each(['postgres', 's3'] as const)('media on %s: uploads, downloads, abuse, retention', (storage) => {
  let s3: LocalS3Server | null = null;
  beforeAll(async () => {
    if (storage === 's3') s3 = await startLocalS3Server();
  });
  afterAll(async () => {
    await s3?.close();
  });
  const t = useTestApp({
    now: NOW,
    resetClock: true,
    env: () => ({ MEDIA_RETENTION_DAYS: '30', ...(s3?.env ?? {}) }),
  });
  const w = useWorkspace(t);

  /** Everything stored for the workspace: attachment rows, PostgreSQL pieces, S3 objects. */
  async function stored(workspaceId = w.workspace.id) {
    const { dataSource } = t.app.deps;
    return {
      rows: await dataSource.getRepository(Attachment).countBy({ workspaceId }),
      pieces: await dataSource.getRepository(AttachmentChunk).countBy({ workspaceId }),
      objects: s3 ? (await s3.keys(`${workspaceId}/`)).length : 0,
    };
  }
  const nothing = { rows: 0, pieces: 0, objects: 0 };

  async function readBack(id: string, token = w.agentA.token) {
    const result = await t.gql(AttachmentDocument, { id }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.attachment!;
  }

  it('an agent uploads a photo: 201 with the attachment, stored where MEDIA_STORAGE says, the same through GraphQL', async () => {
    const bytes = png({ padTo: 3_000 });
    const response = await upload(t, w.agentA.token, bytes, {
      type: 'image/png',
      name: 'Factura ñandú 2030.png',
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      kind: 'IMAGE',
      mimeType: 'image/png',
      fileName: 'Factura ñandú 2030.png',
      byteSize: bytes.length,
      sha256: sha256(bytes),
      status: 'READY',
      createdAt: NOW.toISOString(),
    });
    expect(fromGlobalId(response.body.id)?.type).toBe('Attachment');
    const attachment = await readBack(response.body.id);
    expect(attachment).toMatchObject({
      id: response.body.id,
      sha256: sha256(bytes),
      status: 'READY',
      message: null,
    });
    const node = await t.gql(AttachmentNodeDocument, { id: response.body.id }, w.agentA.token);
    expect(node.data?.node).toMatchObject({ id: response.body.id, byteSize: bytes.length });
    expect(await stored()).toEqual({
      rows: 1,
      pieces: storage === 'postgres' ? 1 : 0,
      objects: storage === 's3' ? 1 : 0,
    });
  });

  it('downloads return the exact bytes, as an attachment that never runs in a browser', async () => {
    const bytes = png({ padTo: 3_000 });
    const { body } = await upload(t, w.agentA.token, bytes, { type: 'image/png', name: 'Factura ñandú.png' });
    const { url } = await readBack(body.id);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/media\/[0-9a-f-]{36}\?expires=\d+&signature=[\w-]+$/);
    const response = await download(t, url!);
    expect(response.status).toBe(200);
    expect(Buffer.compare(response.body, bytes)).toBe(0);
    expect(response.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="Factura _and_.png"; filename*=UTF-8''Factura%20%C3%B1and%C3%BA.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
      'accept-ranges': 'bytes',
      etag: `"${sha256(bytes)}"`,
    });
  });

  it('a 6 MB document streams in pieces and serves byte ranges (206), and 416 outside the file', async () => {
    const bytes = pdf(6 * 1024 * 1024 + 123);
    const { status, body } = await upload(t, w.agentA.token, bytes, {
      type: 'application/pdf',
      name: 'contrato.pdf',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ kind: 'DOCUMENT', byteSize: bytes.length, sha256: sha256(bytes) });
    if (storage === 'postgres') expect((await stored()).pieces).toBe(Math.ceil(bytes.length / CHUNK_BYTES));
    const { url } = await readBack(body.id);

    const whole = await download(t, url!);
    expect(sha256(whole.body)).toBe(sha256(bytes));

    const across = CHUNK_BYTES - 50;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [`bytes=${across}-${across + 99}`, across, across + 99],
      ['bytes=-500', bytes.length - 500, bytes.length - 1],
      [`bytes=${bytes.length - 10}-`, bytes.length - 10, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const part = await download(t, url!, { range });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(part.headers['content-length']).toBe(String(end - start + 1));
      expect(Buffer.compare(part.body, bytes.subarray(start, end + 1))).toBe(0);
    }
    const outside = await download(t, url!, { range: `bytes=${bytes.length}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    // An If-Range naming other bytes gets the whole, current file.
    const stale = await download(t, url!, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(bytes.length);
  });

  it('accepts a voice note, a text file, and an animated sticker over the static limit', async () => {
    const cases: [Buffer, string, string, string][] = [
      [oggOpus(8_000), 'audio/ogg; codecs=opus', 'nota de voz.ogg', 'AUDIO'],
      [text(), 'text/plain; charset=utf-8', 'notas.txt', 'DOCUMENT'],
      [webp(150_000, true), 'image/webp', 'saludo.webp', 'STICKER'],
    ];
    for (const [bytes, type, name, kind] of cases) {
      const response = await upload(t, w.agentA.token, bytes, { type, name });
      expect([response.status, response.body.kind, response.body.sha256]).toEqual([201, kind, sha256(bytes)]);
    }
  });

  describe('abuse: refused with a clear JSON error, nothing stored', () => {
    it.each([
      ['HTML renamed .png', HTML_PAGE, 'image/png', 'foto.png', 415, 'ACTIVE_CONTENT'],
      ['SVG renamed .png', SVG_IMAGE, 'image/png', 'foto.png', 415, 'ACTIVE_CONTENT'],
      [
        'a real PNG carrying a script (polyglot)',
        png({ text: '<html><script>alert(1)</script></html>' }),
        'image/png',
        'foto.png',
        415,
        'ACTIVE_CONTENT',
      ],
      ['HTML declared as HTML', HTML_PAGE, 'text/html', 'page.html', 415, 'UNSUPPORTED_TYPE'],
      ['SVG declared as SVG', SVG_IMAGE, 'image/svg+xml', 'logo.svg', 415, 'UNSUPPORTED_TYPE'],
      ['a PDF declared as PNG', pdf(), 'image/png', 'foto.png', 415, 'TYPE_MISMATCH'],
      ['a PNG named .pdf', png(), 'image/png', 'factura.pdf', 415, 'TYPE_MISMATCH'],
      ['a static sticker over 100 KB', webp(150_000), 'image/webp', 'sticker.webp', 413, 'TOO_LARGE'],
      ['an image over 5 MB', png({ padTo: 5_000_001 }), 'image/png', 'foto.png', 413, 'TOO_LARGE'],
      ['an empty file', Buffer.alloc(0), 'image/png', 'foto.png', 400, 'EMPTY_FILE'],
    ])('%s', async (_case, bytes, type, name, status, code) => {
      const response = await upload(t, w.agentA.token, bytes, { type, name });
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
      expect(await stored()).toEqual(nothing);
    });

    it('a compressed body, or one without a file name, is refused', async () => {
      const gzip = await upload(t, w.agentA.token, png(), {
        type: 'image/png',
        headers: { 'content-encoding': 'gzip' },
      });
      expect([gzip.status, gzip.body.error.code]).toEqual([415, 'UNSUPPORTED_TYPE']);
      const unnamed = await upload(t, w.agentA.token, png(), { type: 'image/png', name: null });
      expect([unnamed.status, unnamed.body.error.code]).toEqual([400, 'FILE_NAME_REQUIRED']);
      expect(await stored()).toEqual(nothing);
    });

    it('a zip-bomb-sized declared length is refused at once, before any byte of the body', async () => {
      const response = await rawUpload(
        t,
        {
          authorization: `Bearer ${w.agentA.token}`,
          'content-type': 'application/pdf',
          'x-file-name': 'huge.pdf',
          'content-length': String(50 * 1024 ** 3),
        },
        null,
      );
      expect(response.status).toBe(413);
      expect(response.body.error).toMatchObject({ code: 'TOO_LARGE', limitBytes: 100_000_000 });
      expect(await stored()).toEqual(nothing);
    });

    it('a body without a declared length is counted: over the limit mid-stream, it is cut and removed', async () => {
      const bytes = png({ padTo: 5_600_000 });
      const pieces = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
        bytes.subarray(i * 65_536, (i + 1) * 65_536),
      );
      const response = await rawUpload(
        t,
        {
          authorization: `Bearer ${w.agentA.token}`,
          'content-type': 'image/png',
          'x-file-name': 'big.png',
          'transfer-encoding': 'chunked',
        },
        pieces,
      );
      expect(response.status).toBe(413);
      expect(response.body.error).toMatchObject({ code: 'TOO_LARGE', limitBytes: 5_000_000 });
      expect(await stored()).toEqual(nothing);
    });

    it('uploads need an agent or a key that may write: 401 without credentials, 403 for a read key', async () => {
      const anonymous = await upload(t, null, png(), { type: 'image/png' });
      expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const { key: readKey } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.READ]);
      const reader = await upload(t, readKey, png(), { type: 'image/png' });
      expect([reader.status, reader.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(await stored()).toEqual(nothing);
      const { key: writeKey } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE]);
      expect((await upload(t, writeKey, png(), { type: 'image/png' })).status).toBe(201);
    });
  });

  it('retention: files older than MEDIA_RETENTION_DAYS lose their bytes and become EXPIRED; running again changes nothing', async () => {
    const old = await upload(t, w.agentA.token, pdf(300_000), { type: 'application/pdf', name: 'old.pdf' });
    const { url: oldUrl } = await readBack(old.body.id);
    t.clock.advance(20 * DAY);
    const recent = await upload(t, w.agentA.token, png(), { type: 'image/png' });
    t.clock.advance(11 * DAY);

    await mediaRetentionSweep.run(t.app.deps);
    // Other tests' workspaces may have their own files past the retention by now.
    expect(await t.app.deps.jobs.drain(JobName.MEDIA_RETENTION)).toBeGreaterThanOrEqual(1);
    const expired = await readBack(old.body.id);
    expect(expired).toMatchObject({ status: 'EXPIRED', url: null, expiredAt: t.clock.now().toISOString() });
    expect(await readBack(recent.body.id)).toMatchObject({ status: 'READY', url: expect.any(String) });
    expect(await stored()).toEqual({
      rows: 2,
      pieces: storage === 'postgres' ? 1 : 0,
      objects: storage === 's3' ? 1 : 0,
    });
    // A URL issued before (signature still good) finds no bytes: 410.
    t.clock.set(NOW);
    expect((await download(t, oldUrl!)).status).toBe(410);

    // Again, once the recent one is past the retention too: the old one is left as it was.
    t.clock.set(new Date(NOW.getTime() + 51 * DAY));
    await mediaRetentionSweep.run(t.app.deps);
    await t.app.deps.jobs.drain(JobName.MEDIA_RETENTION);
    expect((await readBack(old.body.id)).expiredAt).toBe(expired.expiredAt);
    expect((await readBack(recent.body.id)).status).toBe('EXPIRED');
    expect(await stored()).toEqual({ rows: 2, pieces: 0, objects: 0 });
  });

  it('retention works in batches', async () => {
    for (let i = 0; i < 3; i += 1) await upload(t, w.agentA.token, png(), { type: 'image/png' });
    const cutoff = new Date(t.clock.now().getTime() + 1);
    expect(await expireMediaBatch(t.app.deps, w.workspace.id, cutoff, 2)).toBe(2);
    expect(await expireMediaBatch(t.app.deps, w.workspace.id, cutoff, 2)).toBe(1);
    expect(await expireMediaBatch(t.app.deps, w.workspace.id, cutoff, 2)).toBe(0);
    const rows = await t.app.deps.dataSource
      .getRepository(Attachment)
      .findBy({ workspaceId: w.workspace.id });
    expect(rows.map((row) => row.status)).toEqual([
      AttachmentStatus.EXPIRED,
      AttachmentStatus.EXPIRED,
      AttachmentStatus.EXPIRED,
    ]);
  });
});

describe('media download URLs and who may read an attachment', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const w = useWorkspace(t);
  const other = useWorkspace(t);

  async function uploaded(token = w.agentA.token) {
    const response = await upload(t, token, png(), { type: 'image/png' });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  const urlOf = async (id: string, token = w.admin.token) =>
    (await t.gql(AttachmentDocument, { id }, token)).data!.attachment!.url!;

  it('a URL lives MEDIA_URL_TTL_SECONDS (5 minutes): then 403, like a tampered one', async () => {
    const id = await uploaded();
    const url = await urlOf(id);
    t.clock.advance(4 * 60 * 1000);
    expect((await download(t, url)).status).toBe(200);
    t.clock.advance(61 * 1000);
    const late = await download(t, url);
    expect(late.status).toBe(403);
    expect(JSON.parse(late.body.toString())).toMatchObject({ error: { code: 'URL_EXPIRED' } });

    t.clock.set(NOW);
    const parsed = new URL(url);
    const signature = parsed.searchParams.get('signature')!;
    const tampered = [
      url.replace(signature, `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`),
      url.replace(/expires=\d+/, `expires=${Number(parsed.searchParams.get('expires')) + 3600}`),
      url.replace(fromGlobalId(id)!.id, fromGlobalId(await uploaded())!.id),
      url.replace(/&signature=[^&]+/, ''),
    ];
    for (const forged of tampered) {
      const response = await download(t, forged);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body.toString())).toMatchObject({ error: { code: 'URL_INVALID' } });
    }
  });

  it('an upload not yet sent is seen by its uploader and admins only', async () => {
    const id = await uploaded(w.agentA.token);
    expect((await t.gql(AttachmentDocument, { id }, w.agentA.token)).data?.attachment?.id).toBe(id);
    expect((await t.gql(AttachmentDocument, { id }, w.admin.token)).data?.attachment?.id).toBe(id);
    const { key: readKey } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.READ]);
    for (const token of [w.agentB.token, readKey, other.admin.token]) {
      const result = await t.gql(AttachmentDocument, { id }, token);
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      const node = await t.gql(AttachmentNodeDocument, { id }, token);
      expect(node.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    }
    const { key: writeKey } = await createTestApiKey(t.factories, w.workspace.id, [ApiKeyScope.WRITE]);
    const byKey = await uploaded(writeKey);
    expect((await t.gql(AttachmentDocument, { id: byKey }, writeKey)).data?.attachment?.id).toBe(byKey);
    expect(
      (await t.gql(AttachmentDocument, { id: byKey }, w.agentA.token)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('a file of a message follows its conversation: another agent’s conversation hides it, the queue does not', async () => {
    const ofB = await createConversation(t.factories, w.channel, { assigneeId: w.agentB.agent.id });
    const queued = await createConversation(t.factories, w.channel, { assigneeId: null });
    const link = async (conversation: typeof ofB) => {
      const message = await createMessage(t.factories, conversation);
      const id = await uploaded(w.admin.token);
      await t.app.deps.dataSource
        .getRepository(Attachment)
        .update({ id: fromGlobalId(id)!.id }, { messageId: message.id, conversationId: conversation.id });
      return { id, message: toGlobalId('Message', message.id) };
    };
    const hidden = await link(ofB);
    const visible = await link(queued);

    const denied = await t.gql(AttachmentDocument, { id: hidden.id }, w.agentA.token);
    expect(denied.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(
      (await t.gql(AttachmentDocument, { id: hidden.id }, w.agentB.token)).data?.attachment,
    ).toMatchObject({
      id: hidden.id,
      message: { id: hidden.message },
      url: expect.any(String),
    });
    const seen = await t.gql(MessageAttachmentsDocument, { id: visible.message }, w.agentA.token);
    expect(seen.data?.node).toMatchObject({ attachments: [{ id: visible.id, url: expect.any(String) }] });
    const notSeen = await t.gql(MessageAttachmentsDocument, { id: hidden.message }, w.agentA.token);
    expect(notSeen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('PUBLIC_URL, when set, is the origin of the URLs', async () => {
    const id = await uploaded();
    const original = t.app.deps.config.publicUrl;
    Object.assign(t.app.deps.config, { publicUrl: 'https://api.example.com' });
    try {
      expect(await urlOf(id)).toMatch(/^https:\/\/api\.example\.com\/media\//);
    } finally {
      Object.assign(t.app.deps.config, { publicUrl: original });
    }
  });
});
