import { type DataSource, type EntityManager } from 'typeorm';
import { Agent } from '../entities/agent.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Conversation } from '../entities/conversation.entity';
import { ConversationEvent } from '../entities/conversation-event.entity';
import { CustomField } from '../entities/custom-field.entity';
import { Customer } from '../entities/customer.entity';
import { CustomerFieldValue } from '../entities/customer-field-value.entity';
import { CustomerTag } from '../entities/customer-tag.entity';
import { Message } from '../entities/message.entity';
import { Note } from '../entities/note.entity';
import { Tag } from '../entities/tag.entity';
import { Template } from '../entities/template.entity';
import { Workspace } from '../entities/workspace.entity';
import { normalizePhone } from '../services/customer/phone';
import {
  ActorType,
  AgentRole,
  ChannelKind,
  ConversationEventType,
  ConversationStatus,
  CustomFieldType,
  Handler,
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
  Outcome,
  TemplateCategory,
  TemplateStatus,
} from '../entities/enums';
import { type SecretBox } from '../auth/secret-box';
import { createWorkspace } from '../services/workspace/workspace.service';
import { WINDOW_MS } from '../services/conversation/tray-rules';
import { DEMO_ADMIN_EMAIL, DEMO_CHANNEL_SECRETS, DEMO_TEMPLATES, DEMO_WABA_ID } from './demo-channel';

export { DEMO_ADMIN_EMAIL } from './demo-channel';
const HOUR = 60 * 60 * 1000;

interface DemoConversation {
  customer: { name: string; phone: string };
  tags: string[];
  handler: Handler;
  assignee: 'ana' | 'bruno' | null;
  /** Hours ago of the last customer message (null: never wrote). */
  lastInboundHoursAgo: number | null;
  agentReplied: boolean;
  outgoingHoursAgo?: number;
  closed?: Outcome;
  messages: [MessageSender, string][];
  note?: string;
}

/** Spread over every tray of both views, plus one the bot holds and one closed. */
const CONVERSATIONS: DemoConversation[] = [
  {
    customer: { name: 'Lucía Fernández', phone: '5215512345678' },
    tags: ['VIP'],
    handler: Handler.AGENT,
    assignee: 'ana',
    lastInboundHoursAgo: 1,
    agentReplied: true,
    messages: [
      [MessageSender.CUSTOMER, 'Hola, mi pedido 48213 no ha llegado y ya pasaron 5 días.'],
      [MessageSender.AGENT, 'Hola Lucía, lo reviso ahora mismo.'],
      [MessageSender.CUSTOMER, '¿Me pueden decir cuándo llega?'],
    ],
    note: 'Cliente VIP: priorizar envío express.',
  },
  {
    customer: { name: 'Carlos Pérez', phone: '5215598765432' },
    tags: ['Soporte'],
    handler: Handler.AGENT,
    assignee: 'bruno',
    lastInboundHoursAgo: 2,
    agentReplied: false,
    messages: [
      [MessageSender.CUSTOMER, 'Quiero hablar con una persona.'],
      [MessageSender.BOT, 'Te paso con un agente.'],
    ],
  },
  {
    customer: { name: 'Mariana Souza', phone: '5511987654321' },
    tags: [],
    handler: Handler.AGENT,
    assignee: null,
    lastInboundHoursAgo: 0.5,
    agentReplied: false,
    messages: [[MessageSender.CUSTOMER, 'Olá, preciso trocar o tamanho da camiseta.']],
  },
  {
    customer: { name: 'John Miller', phone: '14155550123' },
    tags: ['Ventas'],
    handler: Handler.AGENT,
    assignee: 'ana',
    lastInboundHoursAgo: 30,
    agentReplied: true,
    messages: [
      [MessageSender.CUSTOMER, 'Can I upgrade my plan to Business?'],
      [MessageSender.AGENT, 'Sure, I will send you the options.'],
    ],
  },
  {
    customer: { name: 'Sofía Ramírez', phone: '573001234567' },
    tags: ['Ventas', 'VIP'],
    handler: Handler.AGENT,
    assignee: 'bruno',
    lastInboundHoursAgo: 50,
    agentReplied: true,
    outgoingHoursAgo: 3,
    messages: [
      [MessageSender.CUSTOMER, 'Gracias, lo pienso y les escribo.'],
      [MessageSender.AGENT, 'Hola Sofía, ¿pudiste revisar la propuesta? (plantilla seguimiento_venta)'],
    ],
  },
  {
    customer: { name: 'Diego Torres', phone: '5491122334455' },
    tags: [],
    handler: Handler.BOT,
    assignee: null,
    lastInboundHoursAgo: 0.2,
    agentReplied: false,
    messages: [
      [MessageSender.CUSTOMER, 'Hola, ¿cuál es el horario de atención?'],
      [MessageSender.BOT, 'Atendemos de lunes a viernes de 9 a 18 h.'],
    ],
  },
  {
    customer: { name: 'Valentina Gómez', phone: '56912345678' },
    tags: ['Soporte'],
    handler: Handler.AGENT,
    assignee: 'ana',
    lastInboundHoursAgo: 72,
    agentReplied: true,
    closed: Outcome.POSITIVE,
    messages: [
      [MessageSender.CUSTOMER, 'Ya me llegó, gracias.'],
      [MessageSender.AGENT, '¡Perfecto! Que lo disfrutes.'],
    ],
  },
];

export interface SeedDemoOptions {
  now?: Date;
  /** Where the demo channel sends without the sandbox. */
  graphApiBaseUrl: string;
  /** The Graph API sandbox's base URL when it is on; the demo channel is pointed there. */
  sandboxBaseUrl?: string | null;
}

/**
 * Loads the demo workspace once; later runs find it and only hand out a fresh token, pointing the
 * seeded channel at the sandbox when it is on (its port may have changed since). One seeder at a
 * time: an advisory lock serialises concurrent runs.
 */
export async function seedDemo(
  dataSource: DataSource,
  secretBox: SecretBox,
  options: SeedDemoOptions,
): Promise<{ workspace: Workspace; admin: Agent; created: boolean }> {
  return dataSource.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['omnitray:demo-seed']);
    const existing = await tx.getRepository(Agent).findOne({ where: { email: DEMO_ADMIN_EMAIL } });
    if (existing) {
      const workspace = await tx.getRepository(Workspace).findOneByOrFail({ id: existing.workspaceId });
      if (options.sandboxBaseUrl) await pointDemoChannel(tx, workspace.id, options.sandboxBaseUrl);
      return { workspace, admin: existing, created: false };
    }
    const now = options.now ?? new Date();
    const { workspace, admin } = await createWorkspace(tx, {
      name: 'Omnitray Demo',
      adminEmail: DEMO_ADMIN_EMAIL,
      adminName: 'Demo Admin',
    });
    await fillDemoWorkspace(
      tx,
      workspace,
      admin,
      secretBox,
      now,
      options.sandboxBaseUrl ?? options.graphApiBaseUrl,
    );
    return { workspace, admin, created: true };
  });
}

/**
 * With the sandbox on, the seeded channel (external id `demo-…`) is pointed at it; other channels
 * and a sandbox that is off leave it alone (its demo token is good nowhere else).
 */
async function pointDemoChannel(
  tx: EntityManager,
  workspaceId: string,
  sandboxBaseUrl: string,
): Promise<void> {
  const channels = await tx.find(ChannelAccount, { where: { workspaceId, kind: ChannelKind.WHATSAPP } });
  for (const channel of channels) {
    if (channel.externalId.startsWith('demo-') && channel.apiBaseUrl !== sandboxBaseUrl) {
      await tx.update(ChannelAccount, { id: channel.id }, { apiBaseUrl: sandboxBaseUrl });
    }
  }
}

/** The demo content (agents, channel, tags, fields, templates, conversations) in a workspace of its own. */
export async function fillDemoWorkspace(
  tx: EntityManager,
  workspace: Workspace,
  admin: Agent,
  secretBox: SecretBox,
  now: Date,
  apiBaseUrl: string,
  /** The demo agents' e-mail domain (e-mails are unique across workspaces). */
  emailDomain = 'demo.omnitray.local',
): Promise<void> {
  const workspaceId = workspace.id;
  await tx.update(
    Workspace,
    { id: workspaceId },
    { autoClosePositiveMinutes: 30, autoCloseNegativeMinutes: 60 },
  );
  const agents = {
    ana: await tx.save(
      tx.create(Agent, {
        workspaceId,
        email: `ana@${emailDomain}`,
        name: 'Ana López',
        role: AgentRole.AGENT,
      }),
    ),
    bruno: await tx.save(
      tx.create(Agent, {
        workspaceId,
        email: `bruno@${emailDomain}`,
        name: 'Bruno Silva',
        role: AgentRole.AGENT,
      }),
    ),
  };
  const channel = await tx.save(
    tx.create(ChannelAccount, {
      workspaceId,
      kind: ChannelKind.WHATSAPP,
      name: 'WhatsApp Ventas',
      externalId: `demo-${workspaceId.slice(0, 8)}`,
      wabaId: DEMO_WABA_ID,
      accessTokenEnc: secretBox.seal(DEMO_CHANNEL_SECRETS.accessToken),
      appSecretEnc: secretBox.seal(DEMO_CHANNEL_SECRETS.appSecret),
      verifyTokenEnc: secretBox.seal(DEMO_CHANNEL_SECRETS.verifyToken),
      apiBaseUrl,
    }),
  );
  const tags = new Map<string, Tag>();
  for (const [name, color] of [
    ['VIP', '#f59e0b'],
    ['Ventas', '#22c55e'],
    ['Soporte', '#3b82f6'],
  ] as const) {
    tags.set(name, await tx.save(tx.create(Tag, { workspaceId, name, color })));
  }
  const fields = {
    plan: await tx.save(
      tx.create(CustomField, {
        workspaceId,
        key: 'plan',
        label: 'Plan',
        type: CustomFieldType.SELECT,
        options: ['Básico', 'Pro', 'Business'],
        position: 1,
      }),
    ),
    document: await tx.save(
      tx.create(CustomField, {
        workspaceId,
        key: 'document',
        label: 'Documento',
        type: CustomFieldType.TEXT,
        position: 2,
      }),
    ),
    birthday: await tx.save(
      tx.create(CustomField, {
        workspaceId,
        key: 'birthday',
        label: 'Cumpleaños',
        type: CustomFieldType.DATE,
        position: 3,
      }),
    ),
    newsletter: await tx.save(
      tx.create(CustomField, {
        workspaceId,
        key: 'newsletter',
        label: 'Acepta novedades',
        type: CustomFieldType.BOOLEAN,
        position: 4,
      }),
    ),
  };
  for (const template of DEMO_TEMPLATES) {
    await tx.save(
      tx.create(Template, {
        workspaceId,
        channelAccountId: channel.id,
        externalId: template.id,
        name: template.name,
        language: template.language,
        category: TemplateCategory[template.category],
        status: TemplateStatus[template.status],
        components: template.components,
      }),
    );
  }

  for (const [index, demo] of CONVERSATIONS.entries()) {
    const customer = await tx.save(
      tx.create(Customer, {
        workspaceId,
        channelAccountId: channel.id,
        channel: ChannelKind.WHATSAPP,
        channelUserId: demo.customer.phone,
        name: demo.customer.name,
        phone: normalizePhone(demo.customer.phone),
      }),
    );
    for (const tagName of demo.tags) {
      await tx.insert(CustomerTag, { customerId: customer.id, tagId: tags.get(tagName)!.id, workspaceId });
    }
    await tx.insert(CustomerFieldValue, [
      {
        customerId: customer.id,
        fieldId: fields.plan.id,
        workspaceId,
        value: ['Básico', 'Pro', 'Business'][index % 3]!,
      },
      { customerId: customer.id, fieldId: fields.newsletter.id, workspaceId, value: index % 2 === 0 },
    ]);
    const lastInboundAt =
      demo.lastInboundHoursAgo === null ? null : new Date(now.getTime() - demo.lastInboundHoursAgo * HOUR);
    const assigneeId = demo.assignee ? agents[demo.assignee].id : null;
    const handedOffAt =
      demo.handler === Handler.AGENT && lastInboundAt ? new Date(lastInboundAt.getTime() - 5 * 60_000) : null;
    const conversation = await tx.save(
      tx.create(Conversation, {
        workspaceId,
        customerId: customer.id,
        channelAccountId: channel.id,
        channel: ChannelKind.WHATSAPP,
        handler: demo.handler,
        assigneeId,
        status: demo.closed ? ConversationStatus.CLOSED : ConversationStatus.OPEN,
        lastInboundAt,
        windowExpiresAt: lastInboundAt ? new Date(lastInboundAt.getTime() + WINDOW_MS) : null,
        outgoingSince: demo.outgoingHoursAgo ? new Date(now.getTime() - demo.outgoingHoursAgo * HOUR) : null,
        handedOffAt,
        firstAgentReplyAt:
          demo.agentReplied && lastInboundAt ? new Date(lastInboundAt.getTime() + 60_000) : null,
        lastActivityAt: new Date(
          now.getTime() - Math.min(demo.lastInboundHoursAgo ?? 1, demo.outgoingHoursAgo ?? 1e9) * HOUR,
        ),
        outcome: demo.closed ?? null,
        closeReason: demo.closed ? 'Pedido entregado' : null,
        closedAt: demo.closed ? new Date(now.getTime() - 70 * HOUR) : null,
        unreadCount: demo.agentReplied ? 0 : 1,
        waitingSince: demo.agentReplied ? null : lastInboundAt,
      }),
    );
    let lastMessage: Message | null = null;
    const start = (lastInboundAt ?? now).getTime() - demo.messages.length * 60_000;
    for (const [position, [sender, text]] of demo.messages.entries()) {
      const inbound = sender === MessageSender.CUSTOMER;
      lastMessage = await tx.save(
        tx.create(Message, {
          workspaceId,
          conversationId: conversation.id,
          channelAccountId: channel.id,
          direction: inbound ? MessageDirection.INBOUND : MessageDirection.OUTBOUND,
          sender,
          senderAgentId: sender === MessageSender.AGENT ? assigneeId : null,
          type: MessageType.TEXT,
          text,
          externalId: `wamid.demo.${index}.${position}.${workspaceId.slice(0, 8)}`,
          status: inbound ? MessageStatus.RECEIVED : MessageStatus.READ,
          sentAt: new Date(start + position * 60_000),
        }),
      );
    }
    await tx.update(Conversation, { id: conversation.id }, { lastMessageId: lastMessage?.id ?? null });
    if (demo.note) {
      await tx.save(
        tx.create(Note, {
          workspaceId,
          conversationId: conversation.id,
          authorId: admin.id,
          body: demo.note,
        }),
      );
    }
    if (demo.handler === Handler.AGENT) {
      await tx.save(
        tx.create(ConversationEvent, {
          workspaceId,
          conversationId: conversation.id,
          type: ConversationEventType.HANDOFF,
          actorType: ActorType.SYSTEM,
          toAgentId: assigneeId,
        }),
      );
    }
  }
}
