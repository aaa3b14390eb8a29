import express, { type Express, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ChannelAccount } from '../entities/channel-account.entity';
import { ChannelKind } from '../entities/enums';
import { adapterFor } from '../channels/channel-registry';
import { credentialsOf } from '../services/channel-account/channel-account.service';
import { type ChannelCredentials } from '../channels/channel-adapter';
import { WebhookIntake } from './webhook-intake';
import { type AppDeps } from '../runtime/app-deps';
import { currentRequestId } from '../runtime/request-scope';

const KIND_OF_PATH: Record<string, ChannelKind> = {
  whatsapp: ChannelKind.WHATSAPP,
  messenger: ChannelKind.MESSENGER,
  instagram: ChannelKind.INSTAGRAM,
  api: ChannelKind.API,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const ACCOUNT_TTL_MS = 30_000;

/**
 * Channel accounts (with their secrets decrypted) for a short while: at hundreds of webhooks a
 * second the lookup would otherwise be a query per delivery. A changed secret applies within 30 s.
 */
class AccountCache {
  private readonly entries = new Map<
    string,
    { account: ChannelAccount | null; credentials: ChannelCredentials | null; at: number }
  >();

  constructor(private readonly deps: AppDeps) {}

  async get(request: Request): Promise<{ account: ChannelAccount; credentials: ChannelCredentials } | null> {
    const kind = KIND_OF_PATH[String(request.params.channel)];
    const id = String(request.params.channelAccountId);
    if (!kind || !UUID.test(id)) return null;
    const now = Date.now();
    let entry = this.entries.get(id);
    if (!entry || now - entry.at > ACCOUNT_TTL_MS) {
      const account = await this.deps.dataSource.getRepository(ChannelAccount).findOne({ where: { id } });
      entry = { account, credentials: account ? credentialsOf(this.deps, account) : null, at: now };
      if (this.entries.size > 10_000) this.entries.clear();
      this.entries.set(id, entry);
    }
    if (!entry.account || entry.account.kind !== kind || !entry.credentials) return null;
    return { account: entry.account, credentials: entry.credentials };
  }
}

/**
 * Meta's webhooks: the verification handshake, and events verified on the exact bytes received,
 * stored with their processing job in one transaction, then answered 200 at once. Processing runs
 * in the job, so Meta's retries and duplicates are absorbed there.
 */
export function mountWebhooks(app: Express, deps: AppDeps): void {
  const router = express.Router();
  const intake = new WebhookIntake(deps);
  const accounts = new AccountCache(deps);

  router.get('/:channel/:channelAccountId', async (request: Request, response: Response) => {
    const found = await accounts.get(request);
    if (!found) return void response.sendStatus(404);
    const mode = request.query['hub.mode'];
    const token = request.query['hub.verify_token'];
    const challenge = request.query['hub.challenge'];
    const expected = found.credentials.verifyToken;
    if (mode === 'subscribe' && typeof token === 'string' && expected && sameSecret(token, expected)) {
      return void response
        .status(200)
        .type('text/plain')
        .send(typeof challenge === 'string' ? challenge : '');
    }
    response.sendStatus(403);
  });

  router.post(
    '/:channel/:channelAccountId',
    express.raw({ type: () => true, limit: deps.config.webhookMaxBodyBytes }),
    async (request: Request, response: Response) => {
      const found = await accounts.get(request);
      if (!found) return void response.sendStatus(404);
      const { account, credentials } = found;
      const body: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.get('x-hub-signature-256');
      if (!adapterFor(account.kind).verifySignature(body, signature, credentials)) {
        deps.logger.warn('webhook signature refused', {
          channelAccountId: account.id,
          requestId: currentRequestId(),
        });
        deps.metrics.webhooksReceived.inc({ channel: account.kind, result: 'refused' });
        return void response.status(401).json({ error: 'invalid signature' });
      }
      try {
        await intake.store({
          workspaceId: account.workspaceId,
          channelAccountId: account.id,
          channel: account.kind,
          body,
        });
      } catch (error) {
        // Not stored: a non-200 makes Meta deliver it again later.
        deps.logger.error('webhook not stored', {
          channelAccountId: account.id,
          requestId: currentRequestId(),
          error: error instanceof Error ? error.message : String(error),
        });
        return void response.sendStatus(503);
      }
      deps.metrics.webhooksReceived.inc({ channel: account.kind, result: 'stored' });
      response.sendStatus(200);
    },
  );

  app.use('/webhooks', router);
  // Bodies over the limit: 413, nothing stored.
  app.use(
    '/webhooks',
    (
      error: Error & { status?: number },
      _request: Request,
      response: Response,
      next: express.NextFunction,
    ) => {
      if (error.status === 413) return void response.status(413).json({ error: 'payload too large' });
      next(error);
    },
  );
}
