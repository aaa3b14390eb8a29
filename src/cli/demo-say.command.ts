import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { SecretBox } from '../auth/secret-box';
import { newWamid } from '../channels/graph-api.responses';
import { signMetaBody } from '../channels/meta-signature';
import { metaJson, whatsAppInboundTextWebhook } from '../channels/meta-webhook.payloads';
import { DEFAULT_SERVER_URL, demoWhatsAppChannels } from '../demo/demo-channel';
import { type ChannelAccount } from '../entities/channel-account.entity';
import { Conversation } from '../entities/conversation.entity';
import { Customer } from '../entities/customer.entity';
import { Handler } from '../entities/enums';
import { Message } from '../entities/message.entity';
import { webhookPathOf } from '../services/channel-account/channel-account.service';
import { normalizePhone, phoneDigits } from '../services/customer/phone';
import { CommandError, UsageError } from './cli-errors';

/** WhatsApp's limit on a text message body. */
const MAX_TEXT = 4096;

export interface DemoSayInput {
  customer: string;
  text: string;
  /** E.164 digits (a leading + is fine); unset: the demo customer of that name, or a number made from it. */
  phone?: string;
  /** The running server (`http://localhost:4000`; a pasted `/graphql` URL works too). */
  url?: string;
  /** How long to wait for the server to process the message. */
  waitMs: number;
}

export interface DemoSayOutcome {
  result: Record<string, unknown>;
  text: string;
}

function serverOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be the server's address, like ${DEFAULT_SERVER_URL}; got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be an http(s) address; got ${url.protocol}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '')}`;
}

/** The WhatsApp id (`wa_id`) of the number: its E.164 digits, normalized like every stored phone. */
function waIdOf(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone) {
    throw new UsageError(`--phone takes an international number of 7 to 15 digits (E.164); got "${raw}".`);
  }
  return phoneDigits(phone);
}

/** The same made-up number for the same name, so "Ana" keeps writing in one conversation. */
function phoneFromName(name: string): string {
  const hash = createHash('sha256').update(name.trim().toLowerCase()).digest();
  return `1555${String(hash.readUInt32BE(0) % 10_000_000).padStart(7, '0')}`;
}

async function customerPhone(ds: DataSource, channel: ChannelAccount, input: DemoSayInput): Promise<string> {
  if (input.phone !== undefined) return waIdOf(input.phone);
  const known = await ds
    .getRepository(Customer)
    .createQueryBuilder('customer')
    .where('customer.channelAccountId = :channel', { channel: channel.id })
    .andWhere('lower(customer.name) = lower(:name)', { name: input.customer.trim() })
    .orderBy('customer.createdAt', 'ASC')
    .getOne();
  return known?.channelUserId ?? phoneFromName(input.customer);
}

async function post(url: string, raw: Buffer, signature: string): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature },
      body: raw,
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CommandError(
      `No Omnitray server answers at ${new URL(url).origin} (${cause}). Start it with npm start, or pass --url.`,
    );
  }
}

function refusal(status: number, origin: string, channel: ChannelAccount): CommandError {
  if (status === 401) {
    return new CommandError(
      `The server at ${origin} refused the webhook signature: it runs with another APP_SECRET (or DATA_DIR) than this command.`,
    );
  }
  if (status === 404) {
    return new CommandError(
      `The server at ${origin} does not know the demo channel ${channel.id}: it uses another database than this command.`,
    );
  }
  return new CommandError(`The server at ${origin} answered the webhook with HTTP ${status}.`);
}

/** The message the server stored for this webhook, once its job ran. */
async function processed(
  ds: DataSource,
  channel: ChannelAccount,
  externalId: string,
  waitMs: number,
): Promise<Message | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const message = await ds
      .getRepository(Message)
      .findOne({ where: { channelAccountId: channel.id, externalId } });
    if (message || Date.now() >= deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Plays a customer of the demo's WhatsApp channel: posts the webhook Meta would send for their
 * text, signed with the channel's app secret, to the running server, then reports what the
 * server made of it (customer, conversation) once processed.
 */
export async function demoSay(
  ds: DataSource,
  appSecret: string,
  input: DemoSayInput,
): Promise<DemoSayOutcome> {
  const name = input.customer.trim();
  if (!name) throw new UsageError('--customer needs the name the customer writes as.');
  if (!input.text.trim()) throw new UsageError('--text needs what the customer says.');
  if (input.text.length > MAX_TEXT) throw new UsageError(`--text is limited to ${MAX_TEXT} characters.`);
  const origin = serverOrigin(input.url ?? DEFAULT_SERVER_URL);

  const [channel] = await demoWhatsAppChannels(ds);
  if (!channel) {
    throw new CommandError(
      'There is no demo workspace yet: start the server (npm start) or run `omnitray seed`.',
    );
  }
  let channelSecret: string | null = null;
  try {
    channelSecret = channel.appSecretEnc ? new SecretBox(appSecret).open(channel.appSecretEnc) : null;
  } catch {
    throw new CommandError(
      "The demo channel's secrets were sealed with another APP_SECRET: run this command with the server's APP_SECRET and DATA_DIR.",
    );
  }
  if (!channelSecret) throw new CommandError('The demo channel has no app secret to sign webhooks with.');

  const phone = await customerPhone(ds, channel, input);
  const existing = await ds
    .getRepository(Customer)
    .findOne({ where: { channelAccountId: channel.id, channelUserId: phone } });
  const externalId = newWamid();
  const raw = metaJson(
    whatsAppInboundTextWebhook({
      phoneNumberId: channel.externalId,
      wabaId: channel.wabaId ?? undefined,
      from: phone,
      name,
      text: input.text,
      id: externalId,
    }),
  );
  const webhookUrl = `${origin}${webhookPathOf(channel)}`;
  const status = await post(webhookUrl, raw, signMetaBody(channelSecret, raw));
  if (status !== 200) throw refusal(status, origin, channel);

  const message = await processed(ds, channel, externalId, input.waitMs);
  const conversation = message
    ? await ds.getRepository(Conversation).findOne({ where: { id: message.conversationId } })
    : null;
  const customer = conversation
    ? await ds.getRepository(Customer).findOne({ where: { id: conversation.customerId } })
    : null;

  const result = {
    webhook: { url: webhookUrl, status },
    channelAccountId: channel.globalId,
    customer: { id: customer?.globalId ?? null, name, phone: `+${phone}`, created: !existing },
    message: { id: message?.globalId ?? null, externalId, text: input.text },
    conversation: conversation
      ? { id: conversation.globalId, status: conversation.status, handler: conversation.handler }
      : null,
    processed: message !== null,
  };
  const lines = [
    `${name} (+${phone}, ${existing ? 'known customer' : 'new customer'}) wrote on ${channel.name}: "${input.text}"`,
    `The server at ${origin} accepted the signed webhook.`,
  ];
  if (!conversation) {
    lines.push(
      `It was not processed within ${Math.round(input.waitMs / 1000)} s: is the server running its jobs (RUN_JOBS)?`,
    );
  } else {
    lines.push(
      `Conversation ${conversation.globalId}: ${conversation.status}, held by ${conversation.handler}.`,
    );
    lines.push(
      conversation.handler === Handler.BOT
        ? 'The demo runs no bot: hand it to the agents with conversationHandoff, then answer with messageSend.'
        : 'Answer it with messageSend; the sandbox reports the reply sent, delivered and read.',
    );
  }
  return { result, text: lines.join('\n') };
}
