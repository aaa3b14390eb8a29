import express, { type Express, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { ChannelAccount } from '../entities/channel-account.entity';
import { InboundWebhook } from '../entities/inbound-webhook.entity';
import { ChannelKind } from '../entities/enums';
import { adapterFor } from '../channels/channel-registry';
import { credentialsOf } from '../services/channel-account.service';
import { JobName } from '../jobs/job-queue';
import { type AppDeps } from './app-deps';
import { currentRequestId } from './request-scope';

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

async function accountFor(deps: AppDeps, request: Request): Promise<ChannelAccount | null> {
  const kind = KIND_OF_PATH[String(request.params.channel)];
  const id = String(request.params.channelAccountId);
  if (!kind || !UUID.test(id)) return null;
  return deps.dataSource.getRepository(ChannelAccount).findOne({ where: { id, kind } });
}

/**
 * Meta's webhooks: the verification handshake, and events verified on the exact bytes received,
 * stored with their processing job in one transaction, then answered 200 at once. Processing runs
 * in the job, so Meta's retries and duplicates are absorbed there.
 */
export function mountWebhooks(app: Express, deps: AppDeps): void {
  const router = express.Router();

  router.get('/:channel/:channelAccountId', async (request: Request, response: Response) => {
    const account = await accountFor(deps, request);
    if (!account) return void response.sendStatus(404);
    const mode = request.query['hub.mode'];
    const token = request.query['hub.verify_token'];
    const challenge = request.query['hub.challenge'];
    const expected = credentialsOf(deps, account).verifyToken;
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
      const account = await accountFor(deps, request);
      if (!account) return void response.sendStatus(404);
      const body: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.get('x-hub-signature-256');
      if (!adapterFor(account.kind).verifySignature(body, signature, credentialsOf(deps, account))) {
        deps.logger.warn('webhook signature refused', {
          channelAccountId: account.id,
          requestId: currentRequestId(),
        });
        return void response.status(401).json({ error: 'invalid signature' });
      }
      await deps.dataSource.transaction(async (manager) => {
        const stored = await manager.save(
          manager.create(InboundWebhook, {
            workspaceId: account.workspaceId,
            channelAccountId: account.id,
            channel: account.kind,
            body,
          }),
        );
        await deps.jobs.send(
          JobName.WEBHOOK_PROCESS,
          { workspaceId: account.workspaceId, inboundWebhookId: stored.id },
          { manager, retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true },
        );
      });
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
