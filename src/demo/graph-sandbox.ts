import { timingSafeEqual } from 'node:crypto';
import { ChannelAccount } from '../entities/channel-account.entity';
import { ChannelKind, MessageStatus } from '../entities/enums';
import { Message } from '../entities/message.entity';
import {
  GRAPH_MESSAGES_PATH,
  GRAPH_TEMPLATES_PATH,
  graphError,
  invalidTokenError,
  isRecord,
  newWamid,
  templatePage,
  unsupportedRequestError,
  isWhatsAppReadReceipt,
  whatsAppReadAnswer,
  whatsAppReadProblem,
  whatsAppSendAnswer,
  whatsAppSendProblem,
} from '../channels/graph-api.responses';
import { metaJson, whatsAppStatusWebhook } from '../channels/meta-webhook.payloads';
import { signMetaBody } from '../channels/meta-signature';
import { webhookPathOf } from '../services/channel-account/channel-account.service';
import { type AppDeps } from '../runtime/app-deps';
import { DEMO_TEMPLATES, GRAPH_SANDBOX_PATH, demoWorkspaceId } from './demo-channel';

/** One request to the sandbox, below its mount path (`/v21.0/123/messages`). */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: Buffer;
}

export interface SandboxAnswer {
  status: number;
  body: unknown;
}

export interface GraphSandboxOptions {
  /** This process's own HTTP origin (`http://127.0.0.1:4000`); null until it listens. */
  origin: () => string | null;
  /** Pause before each delivery status. */
  statusDelayMs: number;
}

type StatusName = 'sent' | 'delivered' | 'read';
const STATUS_STEPS: readonly StatusName[] = ['sent', 'delivered', 'read'];
/** What the message shows once a status is applied (a later one covers it). */
const SHOWN_AFTER: Record<StatusName, MessageStatus[]> = {
  sent: [MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.FAILED],
  delivered: [MessageStatus.DELIVERED, MessageStatus.READ, MessageStatus.FAILED],
  read: [MessageStatus.READ, MessageStatus.FAILED],
};
/** How long a status may take to be processed before the next one goes anyway. */
const APPLIED_WAIT_MS = 10_000;

const NOT_DEMO = graphError(
  10,
  "(#10) The Graph API sandbox answers only for the demo workspace's channels; point this channel at graph.facebook.com.",
);

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function sameSecret(given: string, expected: string | null): boolean {
  if (!expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Meta's Graph API for the demo, served by the API process itself so the demo works with no
 * network: sends answer like the Cloud API and then report `sent → delivered → read` through the
 * real webhook path, signed with the channel's app secret; templates list the demo's own. It
 * answers only for channels of the demo workspace, with their access token.
 */
export class GraphSandbox {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new AbortController();
  private closed = false;

  constructor(
    private readonly deps: Pick<AppDeps, 'dataSource' | 'secretBox' | 'logger' | 'clock'>,
    private readonly options: GraphSandboxOptions,
  ) {}

  async handle(request: SandboxRequest): Promise<SandboxAnswer> {
    const token = bearer(request.authorization) ?? request.query.get('access_token');
    if (!token) return { status: 401, body: invalidTokenError() };
    const messages = GRAPH_MESSAGES_PATH.exec(request.path);
    if (messages && request.method === 'POST') return this.send(messages[2]!, token, request.body);
    const templates = GRAPH_TEMPLATES_PATH.exec(request.path);
    if (templates && request.method === 'GET') return this.templates(templates[2]!, token, request);
    return { status: 400, body: unsupportedRequestError(request.method, request.path) };
  }

  /** Stops the pending status reports; a report already on its way is cut off. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.inFlight.abort();
  }

  /**
   * The channel the path names (phone number id or WABA id), if it is a demo channel and the
   * token is its own; otherwise the Graph error Meta would give, or the sandbox's refusal.
   */
  private async channel(
    by: 'externalId' | 'wabaId',
    id: string,
    token: string,
    request: { method: string; path: string },
  ): Promise<ChannelAccount | SandboxAnswer> {
    const candidates = await this.deps.dataSource
      .getRepository(ChannelAccount)
      .find({ where: { kind: ChannelKind.WHATSAPP, [by]: id } });
    if (candidates.length === 0) {
      return { status: 400, body: unsupportedRequestError(request.method, request.path) };
    }
    const demoId = await demoWorkspaceId(this.deps.dataSource);
    const demo = candidates.filter((candidate) => candidate.workspaceId === demoId);
    if (demo.length === 0) return { status: 403, body: NOT_DEMO };
    const own = demo.find((candidate) => sameSecret(token, this.open(candidate.accessTokenEnc)));
    return own ?? { status: 401, body: invalidTokenError() };
  }

  private async send(phoneNumberId: string, token: string, raw: Buffer): Promise<SandboxAnswer> {
    const found = await this.channel('externalId', phoneNumberId, token, {
      method: 'POST',
      path: `/${phoneNumberId}/messages`,
    });
    if (!(found instanceof ChannelAccount)) return found;
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { status: 400, body: graphError(100, 'Invalid JSON body') };
    }
    if (!isRecord(body)) return { status: 400, body: graphError(100, 'Invalid JSON body') };
    if (body.messaging_product !== 'whatsapp') {
      return {
        status: 400,
        body: graphError(
          100,
          '(#100) Param messaging_product must be whatsapp',
          'OAuthException',
          'whatsapp',
        ),
      };
    }
    if (isWhatsAppReadReceipt(body)) {
      const problem = whatsAppReadProblem(body);
      if (problem) return { status: 400, body: graphError(100, problem, 'OAuthException', 'whatsapp') };
      return { status: 200, body: whatsAppReadAnswer() };
    }
    const problem = whatsAppSendProblem(body);
    if (problem) return { status: 400, body: graphError(100, problem, 'OAuthException', 'whatsapp') };
    const answer = whatsAppSendAnswer(body, newWamid());
    // Reactions are not messages of the conversation: the demo plays no statuses for them.
    if (body.type !== 'reaction')
      this.reportStatuses(found, answer.messages[0]!.id, answer.contacts[0]!.wa_id);
    return { status: 200, body: answer };
  }

  private async templates(wabaId: string, token: string, request: SandboxRequest): Promise<SandboxAnswer> {
    const found = await this.channel('wabaId', wabaId, token, request);
    if (!(found instanceof ChannelAccount)) return found;
    // Paging links lead back here, on the origin the channel calls.
    const pageUrl = `${this.options.origin() ?? 'http://127.0.0.1'}${GRAPH_SANDBOX_PATH}${request.path}`;
    const page = templatePage(DEMO_TEMPLATES, request.query, pageUrl);
    return page ? { status: 200, body: page } : { status: 400, body: graphError(100, 'Invalid cursor') };
  }

  /**
   * One status after another, each a pause after the previous one was processed: webhooks are
   * processed by job workers in any order, and a `read` overtaking `delivered` would hide that step
   * from whoever watches the demo.
   */
  private reportStatuses(account: ChannelAccount, messageId: string, recipientId: string): void {
    const step = (index: number) => {
      const status = STATUS_STEPS[index];
      if (!status || this.closed) return;
      this.later(this.options.statusDelayMs, async () => {
        if (await this.postStatus(account, messageId, recipientId, status)) {
          await this.applied(account, messageId, status);
        }
        step(index + 1);
      });
    };
    step(0);
  }

  private later(delayMs: number, run: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void run().then(resolve, resolve);
      }, delayMs);
      this.timers.add(timer);
    });
  }

  /** Waits (boundedly) until the message shows the status, or a later one. */
  private async applied(account: ChannelAccount, messageId: string, status: StatusName): Promise<void> {
    const deadline = Date.now() + APPLIED_WAIT_MS;
    while (!this.closed && Date.now() < deadline) {
      const message = await this.deps.dataSource.getRepository(Message).findOne({
        where: { channelAccountId: account.id, externalId: messageId },
        select: { id: true, status: true },
      });
      if (message && SHOWN_AFTER[status].includes(message.status)) return;
      await this.later(100, async () => undefined);
    }
  }

  private async postStatus(
    account: ChannelAccount,
    messageId: string,
    recipientId: string,
    status: StatusName,
  ): Promise<boolean> {
    const origin = this.options.origin();
    const appSecret = this.open(account.appSecretEnc);
    if (!origin || !appSecret) {
      this.deps.logger.warn('graph sandbox: status not reported', {
        channelAccountId: account.id,
        reason: origin ? 'the channel has no app secret' : 'the server is not listening',
      });
      return false;
    }
    const raw = metaJson(
      whatsAppStatusWebhook({
        phoneNumberId: account.externalId,
        wabaId: account.wabaId ?? undefined,
        messageId,
        recipientId,
        status,
        at: this.deps.clock.now(),
      }),
    );
    try {
      const response = await fetch(`${origin}${webhookPathOf(account)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signMetaBody(appSecret, raw) },
        body: raw,
        signal: this.inFlight.signal,
      });
      await response.arrayBuffer();
      if (!response.ok) {
        this.deps.logger.warn('graph sandbox: status webhook refused', {
          channelAccountId: account.id,
          status,
          httpStatus: response.status,
        });
      }
      return response.ok;
    } catch (error) {
      if (!this.closed) {
        this.deps.logger.warn('graph sandbox: status webhook failed', {
          channelAccountId: account.id,
          status,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return false;
    }
  }

  private open(sealed: string | null): string | null {
    if (!sealed) return null;
    try {
      return this.deps.secretBox.open(sealed);
    } catch {
      // Sealed under another APP_SECRET: the channel cannot be served.
      return null;
    }
  }
}
