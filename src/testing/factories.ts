import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Conversation } from '../entities/conversation.entity';
import { Customer } from '../entities/customer.entity';
import { CustomField } from '../entities/custom-field.entity';
import { Message } from '../entities/message.entity';
import { Tag } from '../entities/tag.entity';
import { CustomerTag } from '../entities/customer-tag.entity';
import { Workspace } from '../entities/workspace.entity';
import {
  AgentRole,
  type ApiKeyScope,
  ChannelKind,
  ConversationStatus,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
} from '../entities/enums';
import { type SecretBox } from '../auth/secret-box';
import { createApiKey, createWorkspace, sessionTokenFor } from '../services/workspace/workspace.service';
import { WINDOW_MS } from '../services/conversation/tray-rules';
import { normalizePhone, phoneDigits } from '../services/customer/phone';

export interface TestAgent {
  agent: Agent;
  token: string;
}

/** A workspace of its own for one test: an admin and two agents with tokens, and a WhatsApp account. */
export interface TestWorkspace {
  workspace: Workspace;
  admin: TestAgent;
  agentA: TestAgent;
  agentB: TestAgent;
  channel: ChannelAccount;
}

export interface FactoryDeps {
  dataSource: DataSource;
  /** Schema of the app's job queue. */
  jobSchema: string;
  secretBox: SecretBox;
  appSecret: string;
  now: () => Date;
}

function suffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createTestAgent(
  deps: FactoryDeps,
  workspaceId: string,
  role = AgentRole.AGENT,
  name?: string,
) {
  const id = suffix();
  const agent = await deps.dataSource.getRepository(Agent).save(
    deps.dataSource.getRepository(Agent).create({
      workspaceId,
      email: `${role.toLowerCase()}-${id}@test.omnitray.local`,
      name: name ?? `Agent ${id}`,
      role,
    }),
  );
  return { agent, token: sessionTokenFor(agent, deps.appSecret, 60 * 24 * 365, deps.now()).token };
}

export async function createTestWorkspace(
  deps: FactoryDeps,
  overrides: Partial<Workspace> = {},
  channel: Partial<ChannelAccount> = {},
): Promise<TestWorkspace> {
  const id = suffix();
  const { workspace, admin } = await createWorkspace(deps.dataSource, {
    name: `Test ${id}`,
    adminEmail: `admin-${id}@test.omnitray.local`,
    adminName: 'Admin',
  });
  if (Object.keys(overrides).length > 0) {
    await deps.dataSource.getRepository(Workspace).update({ id: workspace.id }, overrides);
    Object.assign(workspace, overrides);
  }
  const account = await createChannelAccount(deps, workspace.id, channel);
  return {
    workspace,
    admin: { agent: admin, token: sessionTokenFor(admin, deps.appSecret, 60 * 24 * 365, deps.now()).token },
    agentA: await createTestAgent(deps, workspace.id, AgentRole.AGENT, 'Agent A'),
    agentB: await createTestAgent(deps, workspace.id, AgentRole.AGENT, 'Agent B'),
    channel: account,
  };
}

export async function createChannelAccount(
  deps: FactoryDeps,
  workspaceId: string,
  overrides: Partial<ChannelAccount> & {
    accessToken?: string;
    appSecret?: string;
    verifyToken?: string;
  } = {},
): Promise<ChannelAccount> {
  const { accessToken, appSecret, verifyToken, ...columns } = overrides;
  const repository = deps.dataSource.getRepository(ChannelAccount);
  return repository.save(
    repository.create({
      workspaceId,
      kind: ChannelKind.WHATSAPP,
      name: 'WhatsApp test',
      externalId: `pn-${suffix()}`,
      wabaId: `waba-${suffix()}`,
      accessTokenEnc: deps.secretBox.seal(accessToken ?? 'test-access-token'),
      appSecretEnc: deps.secretBox.seal(appSecret ?? 'test-app-secret'),
      verifyTokenEnc: deps.secretBox.seal(verifyToken ?? 'test-verify-token'),
      apiBaseUrl: 'http://127.0.0.1:9',
      ...columns,
    }),
  );
}

export async function createCustomer(
  deps: FactoryDeps,
  channel: ChannelAccount,
  overrides: Partial<Customer> = {},
) {
  // Spelled like every other path spells phones.
  const random = `57300${Math.floor(Math.random() * 1e7)
    .toString()
    .padStart(7, '0')}`;
  const phone = normalizePhone('phone' in overrides ? overrides.phone : random);
  const repository = deps.dataSource.getRepository(Customer);
  return repository.save(
    repository.create({
      workspaceId: channel.workspaceId,
      channelAccountId: channel.id,
      channel: channel.kind,
      channelUserId: phone ? phoneDigits(phone) : `user-${suffix()}`,
      name: `Customer ${suffix()}`,
      ...overrides,
      phone,
    }),
  );
}

export async function tagCustomer(deps: FactoryDeps, customer: Customer, name: string): Promise<Tag> {
  const tags = deps.dataSource.getRepository(Tag);
  const tag =
    (await tags.findOne({ where: { workspaceId: customer.workspaceId, name } })) ??
    (await tags.save(tags.create({ workspaceId: customer.workspaceId, name })));
  await deps.dataSource
    .getRepository(CustomerTag)
    .insert({ customerId: customer.id, tagId: tag.id, workspaceId: customer.workspaceId });
  return tag;
}

export interface ConversationShape {
  handler?: Handler;
  assigneeId?: string | null;
  status?: ConversationStatus;
  /** Customer's last message, ms before now; null: never wrote. */
  lastInboundAgoMs?: number | null;
  agentReplied?: boolean;
  outgoingAgoMs?: number | null;
  lastActivityAgoMs?: number;
  customer?: Customer;
  overrides?: Partial<Conversation>;
}

/** A conversation in a given state, with its customer and a last inbound message. */
export async function createConversation(
  deps: FactoryDeps,
  channel: ChannelAccount,
  shape: ConversationShape = {},
): Promise<Conversation> {
  const now = deps.now().getTime();
  const customer = shape.customer ?? (await createCustomer(deps, channel));
  const lastInboundAt =
    shape.lastInboundAgoMs === null ? null : new Date(now - (shape.lastInboundAgoMs ?? 60_000));
  const repository = deps.dataSource.getRepository(Conversation);
  const conversation = await repository.save(
    repository.create({
      workspaceId: channel.workspaceId,
      customerId: customer.id,
      channelAccountId: channel.id,
      channel: channel.kind,
      handler: shape.handler ?? Handler.AGENT,
      assigneeId: shape.assigneeId ?? null,
      status: shape.status ?? ConversationStatus.OPEN,
      lastInboundAt,
      windowExpiresAt: lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null,
      outgoingSince: shape.outgoingAgoMs == null ? null : new Date(now - shape.outgoingAgoMs),
      handedOffAt: new Date(now - 2 * 60 * 60_000),
      firstAgentReplyAt: shape.agentReplied ? new Date(now - 30_000) : null,
      lastActivityAt: new Date(now - (shape.lastActivityAgoMs ?? shape.lastInboundAgoMs ?? 60_000)),
      unreadCount: 1,
      waitingSince: lastInboundAt,
      ...shape.overrides,
    }),
  );
  if (lastInboundAt) {
    const message = await createMessage(deps, conversation, { sentAt: lastInboundAt });
    conversation.lastMessageId = message.id;
    await repository.update({ id: conversation.id }, { lastMessageId: message.id });
  }
  return conversation;
}

export async function createMessage(
  deps: FactoryDeps,
  conversation: Conversation,
  overrides: Partial<Message> = {},
) {
  const repository = deps.dataSource.getRepository(Message);
  return repository.save(
    repository.create({
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelAccountId: conversation.channelAccountId,
      direction: MessageDirection.INBOUND,
      sender: MessageSender.CUSTOMER,
      type: MessageType.TEXT,
      text: 'Hola, necesito ayuda',
      externalId: `wamid.${randomUUID()}`,
      status: MessageStatus.RECEIVED,
      sentAt: deps.now(),
      ...overrides,
    }),
  );
}

export async function createTestApiKey(deps: FactoryDeps, workspaceId: string, scopes: ApiKeyScope[]) {
  return createApiKey(deps.dataSource.manager, { workspaceId, name: `key-${suffix()}`, scopes });
}

export function factoryDeps(app: {
  deps: {
    dataSource: DataSource;
    secretBox: SecretBox;
    config: { appSecret: string; jobSchema: string };
    clock: { now(): Date };
  };
}): FactoryDeps {
  return {
    dataSource: app.deps.dataSource,
    jobSchema: app.deps.config.jobSchema,
    secretBox: app.deps.secretBox,
    appSecret: app.deps.config.appSecret,
    now: () => app.deps.clock.now(),
  };
}

export async function createCustomField(
  deps: FactoryDeps,
  workspaceId: string,
  overrides: Partial<CustomField> & Pick<CustomField, 'key' | 'type'>,
): Promise<CustomField> {
  const repository = deps.dataSource.getRepository(CustomField);
  const position = await repository.count({ where: { workspaceId } });
  return repository.save(
    repository.create({
      workspaceId,
      label: overrides.key,
      required: false,
      options: [],
      position,
      ...overrides,
    }),
  );
}

/** Jobs of one queue whose data matches `data` (pg-boss rows), oldest first. */
export async function enqueuedJobs(
  deps: FactoryDeps,
  name: string,
  data: Record<string, string>,
): Promise<{ data: Record<string, unknown>; startAfter: Date; singletonKey: string | null }[]> {
  const rows = (await deps.dataSource.query(
    `SELECT data, start_after, singleton_key FROM ${deps.jobSchema}.job
      WHERE name = $1 AND data @> $2::jsonb ORDER BY created_on`,
    [name, JSON.stringify(data)],
  )) as { data: Record<string, unknown>; start_after: Date; singleton_key: string | null }[];
  return rows.map((row) => ({
    data: row.data,
    startAfter: row.start_after,
    singletonKey: row.singleton_key,
  }));
}

/** An agent who can no longer sign in or receive conversations. */
export async function deactivateAgent(deps: FactoryDeps, agentId: string): Promise<void> {
  await deps.dataSource.getRepository(Agent).update({ id: agentId }, { active: false });
}
