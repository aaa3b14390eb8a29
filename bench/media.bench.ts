import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createDataSource } from '../src/database/data-source';
import { createWorkspace, sessionTokenFor } from '../src/services/workspace/workspace.service';
import { startLocalS3Server, type LocalS3Server } from '../src/testing/local-s3-server';
import { benchDatabase, machine, startServer } from './bench-support';

export interface MediaBenchOptions {
  /** Size of the document, in MiB. */
  megabytes: number;
  /** Downloads run at once in the concurrent round. */
  concurrent: number;
}

interface Round {
  storage: string;
  phase: string;
  bytes: number;
  seconds: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssGrowthMiB: number;
  intact: boolean;
}

const MiB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Samples the server's RSS every 10 ms while `work` runs; returns the peak growth over the start. */
async function peakRss<T>(pid: number, work: () => Promise<T>) {
  const before = rssOf(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, before, peak, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** A PDF of `bytes` random bytes, generated as it is sent (the bench process holds 1 MiB at a time). */
async function uploadDocument(
  base: URL,
  token: string,
  bytes: number,
): Promise<{ id: string; sha256: string }> {
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: '/media',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/pdf',
          'x-file-name': 'bench.pdf',
          'content-length': bytes,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString());
          if (response.statusCode !== 201)
            return reject(new Error(`upload: ${response.statusCode} ${JSON.stringify(body)}`));
          resolve({ id: body.id, sha256: hash.digest('hex') });
        });
      },
    );
    request.on('error', reject);
    void (async () => {
      let sent = 0;
      while (sent < bytes) {
        const piece = randomBytes(Math.min(MiB, bytes - sent));
        if (sent === 0) piece.write('%PDF-1.7\n', 0, 'latin1');
        hash.update(piece);
        sent += piece.length;
        if (!request.write(piece)) await new Promise((done) => request.once('drain', done));
      }
      request.end();
    })();
  });
}

/** Reads the whole download, hashing it as it arrives (nothing kept). */
function downloadDigest(url: string): Promise<{ bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`download: ${response.statusCode}`));
        const hash = createHash('sha256');
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          hash.update(chunk);
        });
        response.on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
      })
      .on('error', reject);
  });
}

async function signedUrl(base: URL, token: string, id: string): Promise<string> {
  const response = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'query($id: ID!) { attachment(id: $id) { url } }', variables: { id } }),
  });
  const body = (await response.json()) as { data?: { attachment?: { url?: string } } };
  const url = body.data?.attachment?.url;
  if (!url) throw new Error(`no url: ${JSON.stringify(body)}`);
  return url;
}

/**
 * Media: one server process uploads a document of `megabytes` MiB and serves it back, from
 * PostgreSQL and from S3 (a local S3-compatible server), while its RSS is sampled. Streaming
 * means the growth stays near the size of a few buffers, not of the file.
 */
export async function runMediaBench(
  options: MediaBenchOptions = { megabytes: 50, concurrent: 4 },
): Promise<string> {
  const database = await benchDatabase();
  const appSecret = randomBytes(32).toString('hex');
  const setup = createDataSource(database.url, { poolSize: 2 });
  await setup.initialize();
  const { admin } = await createWorkspace(setup, {
    name: 'Bench',
    adminEmail: `bench-${Date.now()}@bench.local`,
  });
  const { token } = sessionTokenFor(admin, appSecret, 60, new Date());
  const bytes = options.megabytes * MiB;
  const rounds: Round[] = [];
  const mib = (value: number) => Math.round((value / MiB) * 10) / 10;

  try {
    for (const storage of ['postgres', 's3'] as const) {
      let s3: LocalS3Server | null = null;
      if (storage === 's3') s3 = await startLocalS3Server();
      const server = await startServer({
        DATABASE_URL: database.url,
        APP_SECRET: appSecret,
        PORT: '0',
        HOST: '127.0.0.1',
        RUN_JOBS: 'false',
        ...(s3?.env ?? {}),
      });
      try {
        const base = new URL(server.url);
        const pid = server.process.pid!;
        const record = (
          phase: string,
          measured: { before: number; peak: number; seconds: number },
          moved: number,
          intact: boolean,
        ) =>
          rounds.push({
            storage,
            phase,
            bytes: moved,
            seconds: Math.round(measured.seconds * 100) / 100,
            rssBeforeMiB: mib(measured.before),
            rssPeakMiB: mib(measured.peak),
            rssGrowthMiB: mib(measured.peak - measured.before),
            intact,
          });
        const uploaded = await peakRss(pid, () => uploadDocument(base, token, bytes));
        record('upload', uploaded, bytes, true);
        const url = await signedUrl(base, token, uploaded.result.id);
        const one = await peakRss(pid, () => downloadDigest(url));
        record('download', one, one.result.bytes, one.result.sha256 === uploaded.result.sha256);
        const many = await peakRss(pid, () =>
          Promise.all(Array.from({ length: options.concurrent }, () => downloadDigest(url))),
        );
        record(
          `${options.concurrent} downloads at once`,
          many,
          many.result.reduce((sum, each) => sum + each.bytes, 0),
          many.result.every((each) => each.sha256 === uploaded.result.sha256),
        );
      } finally {
        await server.stop();
        await s3?.close();
      }
    }
  } finally {
    await setup.destroy();
    await database.drop();
  }

  const measuredOn = machine();
  const resultsFile = path.join(__dirname, '..', '..', 'bench', 'results.json');
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  // One entry per document size, so runs at several sizes show whether memory follows the file.
  results.media = { ...(results.media ?? {}) };
  results.media[`${options.megabytes} MiB`] = {
    machine: measuredOn,
    at: new Date().toISOString(),
    command: `npm run bench -- media (BENCH_MEDIA_MB=${options.megabytes}, BENCH_MEDIA_CONCURRENT=${options.concurrent})`,
    fileBytes: bytes,
    rounds,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

  const lines = [
    `media (${options.megabytes} MiB document) — ${measuredOn}`,
    ...rounds.map(
      (round) =>
        `  ${round.storage.padEnd(8)} ${round.phase.padEnd(22)} ${mib(round.bytes)} MiB in ${round.seconds} s; server RSS ${round.rssBeforeMiB} → peak ${round.rssPeakMiB} MiB (+${round.rssGrowthMiB}); bytes ${round.intact ? 'intact' : 'DIFFER'}`,
    ),
    `  written to bench/results.json`,
  ];
  return lines.join('\n');
}
