import {
  AuditLogDocument,
  CannedResponseCreateDocument,
  MacroCreateDocument,
  MacroDeleteDocument,
  MacroRunDocument,
  MacrosDocument,
  MacroUpdateDocument,
  TeamCreateDocument,
  TeamMemberAddDocument,
  type MacroActionInput,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { createConversation, createCustomer } from '../../testing/factories';
import { eventually, holdRowLock } from '../../testing/row-lock';
import { toGlobalId } from '../../entities/global-id';
import { Conversation } from '../../entities/conversation.entity';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { CustomerTag } from '../../entities/customer-tag.entity';
import { Message } from '../../entities/message.entity';
import { Note } from '../../entities/note.entity';
import { Tag } from '../../entities/tag.entity';
import {
  CannedScope,
  ConversationStatus,
  MacroActionType,
  MessageStatus,
  Outcome,
  Priority,
} from '../../entities/enums';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('macros', () => {
  // Macro runs are expensive operations: two at once of one workspace need two permits.
  const t = useTestApp({ now: NOW, env: { REDIS_URL: '', TENANT_EXPENSIVE_CONCURRENCY: '2' } });
  const deps = t.factories;
  const w = useWorkspace(t);
  const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

  async function tag(name: string): Promise<Tag> {
    const tags = deps.dataSource.getRepository(Tag);
    return tags.save(tags.create({ workspaceId: w.workspace.id, name }));
  }

  async function createMacro(
    token: string,
    input: { scope: CannedScope; name: string; actions: MacroActionInput[]; teamId?: string },
  ) {
    const result = await t.gql(MacroCreateDocument, { input }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.macroCreate;
  }

  /** Sessions of this database waiting to lock conversation rows. */
  async function lockWaiters(): Promise<number> {
    const [row] = (await deps.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND query LIKE 'SELECT "c"."id" AS "c_id"%'`,
    )) as { n: number }[];
    return row!.n;
  }

  async function history(conversation: Conversation) {
    return deps.dataSource
      .getRepository(ConversationEvent)
      .find({ where: { conversationId: conversation.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  it("shares the canned responses' scopes and rules, checks each action, and audits its changes", async () => {
    const label = await tag('billing');
    const workspaceWide = {
      scope: CannedScope.WORKSPACE,
      name: 'Billing triage',
      actions: [
        { type: MacroActionType.LABEL, tagId: toGlobalId('Tag', label.id) },
        { type: MacroActionType.SET_PRIORITY, priority: Priority.HIGH },
      ],
    };
    // Only admins make workspace macros, exactly as for canned responses.
    const refused = await t.gql(MacroCreateDocument, { input: workspaceWide }, w.agentA.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await createMacro(w.admin.token, workspaceWide);
    expect(created.userErrors).toEqual([]);
    expect(created.macro!.actions).toEqual([
      expect.objectContaining({ type: 'LABEL', tagId: toGlobalId('Tag', label.id), priority: null }),
      expect.objectContaining({ type: 'SET_PRIORITY', priority: 'HIGH', tagId: null }),
    ]);
    const mine = await createMacro(w.agentA.token, {
      scope: CannedScope.PERSONAL,
      name: 'My wrap-up',
      actions: [{ type: MacroActionType.NOTE, body: 'Handled by {{agent.name}}' }],
    });
    expect(mine.userErrors).toEqual([]);

    // A team's macro: its members and admins.
    const team = await t.gql(TeamCreateDocument, { input: { name: 'Sales' } }, w.admin.token);
    const teamId = team.data!.teamCreate.team!.id;
    await t.gql(
      TeamMemberAddDocument,
      { input: { teamId, agentId: toGlobalId('Agent', w.agentB.agent.id) } },
      w.admin.token,
    );
    const teamMacro = {
      scope: CannedScope.TEAM,
      teamId,
      name: 'Sales follow-up',
      actions: [{ type: MacroActionType.SNOOZE, snoozeMinutes: 60 }],
    };
    expect(
      (await t.gql(MacroCreateDocument, { input: teamMacro }, w.agentA.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await createMacro(w.agentB.token, teamMacro)).userErrors).toEqual([]);

    const names = async (token: string) =>
      (await t.gql(MacrosDocument, { first: 50 }, token)).data!.macros.nodes.map((macro) => macro.name);
    expect(await names(w.agentA.token)).toEqual(['Billing triage', 'My wrap-up']);
    expect(await names(w.agentB.token)).toEqual(['Billing triage', 'Sales follow-up']);
    // Not even admins see a personal macro.
    expect(await names(w.admin.token)).toEqual(['Billing triage', 'Sales follow-up']);

    // Each action has exactly its fields, in range, with known variables.
    const invalid = async (actions: MacroActionInput[]) => {
      const result = await createMacro(w.agentA.token, { scope: CannedScope.PERSONAL, name: 'X', actions });
      expect(result.macro).toBeNull();
      return result.userErrors[0];
    };
    expect(
      await invalid([
        { type: MacroActionType.SET_PRIORITY, priority: Priority.LOW },
        { type: MacroActionType.NOTE, body: 'x', tagId: toGlobalId('Tag', label.id) },
      ]),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: ['input', 'actions', '1', 'tagId'],
      message: 'Action 2 (NOTE): `tagId` does not belong to this action type.',
    });
    expect(await invalid([{ type: MacroActionType.CLOSE, outcome: Outcome.POSITIVE }])).toMatchObject({
      field: ['input', 'actions', '0', 'reason'],
    });
    expect(await invalid([{ type: MacroActionType.TRANSFER }])).toMatchObject({
      field: ['input', 'actions', '0', 'agentId'],
      message: expect.stringContaining('names its agent'),
    });
    expect(await invalid([{ type: MacroActionType.SNOOZE, snoozeMinutes: 0 }])).toMatchObject({
      field: ['input', 'actions', '0', 'snoozeMinutes'],
    });
    expect(await invalid([{ type: MacroActionType.NOTE, body: 'Hi {{customer.nmae}}' }])).toMatchObject({
      field: ['input', 'actions', '0', 'body'],
      message: expect.stringContaining('{{customer.nmae}}'),
    });
    expect(await invalid([])).toMatchObject({ field: ['input', 'actions'] });

    const updated = await t.gql(
      MacroUpdateDocument,
      { input: { macroId: created.macro!.id, name: 'Billing' } },
      w.admin.token,
    );
    expect(updated.data!.macroUpdate.macro!.name).toBe('Billing');
    expect(
      (await t.gql(MacroUpdateDocument, { input: { macroId: created.macro!.id, name: 'Y' } }, w.agentA.token))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const deleted = await t.gql(
      MacroDeleteDocument,
      { input: { macroId: created.macro!.id } },
      w.admin.token,
    );
    expect(deleted.data!.macroDelete.deletedMacroId).toBe(created.macro!.id);

    const audit = await t.gql(AuditLogDocument, { first: 20 }, w.admin.token);
    const entries = audit.data!.auditLog.edges.filter((edge) => edge.node.targetType === 'Macro');
    expect(entries.map((edge) => edge.node.action).sort()).toEqual([
      'MACRO_CREATED',
      'MACRO_CREATED',
      'MACRO_CREATED',
      'MACRO_DELETED',
      'MACRO_UPDATED',
    ]);
  });

  it('runs its actions in order on each conversation, each as its single mutation, after a MACRO_RUN line', async () => {
    const label = await tag('refund');
    const vip = await tag('vip');
    const canned = await t.gql(
      CannedResponseCreateDocument,
      {
        input: {
          scope: CannedScope.WORKSPACE,
          shortcode: 'refund',
          body: 'Hola {{customer.name}}, your refund is on its way.',
        },
      },
      w.admin.token,
    );
    const macro = await createMacro(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      name: 'Refund done',
      actions: [
        { type: MacroActionType.LABEL, tagId: toGlobalId('Tag', label.id) },
        { type: MacroActionType.TAG, tagId: toGlobalId('Tag', vip.id) },
        { type: MacroActionType.NOTE, body: 'Refunded by {{agent.name}}' },
        { type: MacroActionType.SET_PRIORITY, priority: Priority.LOW },
        {
          type: MacroActionType.SEND_CANNED_RESPONSE,
          cannedResponseId: canned.data!.cannedResponseCreate.cannedResponse!.id,
        },
        { type: MacroActionType.CLOSE, outcome: Outcome.POSITIVE, reason: 'Refund sent' },
      ],
    });
    const customer = await createCustomer(deps, w.channel, { name: 'Ana' });
    const rows = [
      await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id, customer }),
      await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id }),
    ];
    const result = await t.gql(
      MacroRunDocument,
      { input: { macroId: macro.macro!.id, conversationIds: rows.map(gid) } },
      w.agentA.token,
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.macroRun;
    expect(payload.userErrors).toEqual([]);
    expect(payload.job).toBeNull();
    expect(
      payload.conversations!.map((c) => [c.id, c.priority, c.outcome, c.labels.map((l) => l.id)]),
    ).toEqual(rows.map((row) => [gid(row), 'LOW', 'POSITIVE', [toGlobalId('Tag', label.id)]]));

    const lines = await history(rows[0]!);
    expect(lines[0]).toMatchObject({
      type: 'MACRO_RUN',
      actorId: w.agentA.agent.id,
      data: { macroId: macro.macro!.id, name: 'Refund done', runId: payload.runId },
    });
    expect(lines.map((line) => line.type)).toEqual([
      'MACRO_RUN',
      'LABEL_ADDED',
      'PRIORITY_CHANGED',
      // The reply: the conversation is answered.
      'TRAY_MOVED',
      'CLOSING',
      // The workspace gives closed conversations back to its bot.
      'RETURNED_TO_BOT',
      'TRAY_MOVED',
    ]);
    const note = await deps.dataSource.getRepository(Note).findOneByOrFail({ conversationId: rows[0]!.id });
    expect(note.body).toBe('Refunded by Agent A');
    const sent = await deps.dataSource
      .getRepository(Message)
      .findBy({ conversationId: rows[0]!.id, status: MessageStatus.QUEUED });
    expect(sent.map((message) => message.text)).toEqual(['Hola Ana, your refund is on its way.']);
    expect(
      await deps.dataSource.getRepository(CustomerTag).countBy({ customerId: customer.id, tagId: vip.id }),
    ).toBe(1);
  });

  it('one refused conversation rolls the whole run back, named in the user error', async () => {
    const label = await tag('spam');
    const macro = await createMacro(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      name: 'Spam',
      actions: [
        { type: MacroActionType.LABEL, tagId: toGlobalId('Tag', label.id) },
        { type: MacroActionType.NOTE, body: 'Spam, closing' },
        { type: MacroActionType.CLOSE, outcome: Outcome.NEGATIVE, reason: 'Spam' },
      ],
    });
    const open = [
      await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id }),
      await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id }),
    ];
    const closed = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    const result = await t.gql(
      MacroRunDocument,
      { input: { macroId: macro.macro!.id, conversationIds: [...open, closed].map(gid) } },
      w.agentA.token,
    );
    const payload = result.data!.macroRun;
    expect(payload.conversations).toBeNull();
    expect(payload.failedConversationId).toBe(gid(closed));
    expect(payload.userErrors).toEqual([
      {
        code: 'CONVERSATION_CLOSED',
        field: ['input', 'conversationIds', '2'],
        message: expect.stringMatching(new RegExp(`^Conversation ${gid(closed)}: action 3 \\(CLOSE\\): `)),
      },
    ]);
    for (const row of open) expect(await history(row)).toEqual([]);
    expect(await deps.dataSource.getRepository(Note).countBy({ conversationId: open[0]!.id })).toBe(0);

    // An agent runs what they see on what they may read: another agent's conversation is not found.
    const theirs = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const hidden = await t.gql(
      MacroRunDocument,
      { input: { macroId: macro.macro!.id, conversationIds: [gid(open[0]!), gid(theirs)] } },
      w.agentA.token,
    );
    expect(hidden.data!.macroRun).toMatchObject({
      failedConversationId: gid(theirs),
      userErrors: [{ code: 'CONVERSATION_NOT_FOUND', field: ['input', 'conversationIds', '1'] }],
    });
  });

  it('two concurrent runs on the same conversations leave one run after the other, never interleaved', async () => {
    const label = await tag('checked');
    const macro = await createMacro(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      name: 'Check',
      actions: [
        { type: MacroActionType.LABEL, tagId: toGlobalId('Tag', label.id) },
        { type: MacroActionType.NOTE, body: 'Checked by {{agent.name}}' },
        { type: MacroActionType.SET_PRIORITY, priority: Priority.HIGH },
        { type: MacroActionType.SNOOZE, snoozeMinutes: 60 },
      ],
    });
    const rows: Conversation[] = [];
    for (let index = 0; index < 3; index++)
      rows.push(await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id }));
    const first = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
    const run = (token: string) =>
      t.gql(MacroRunDocument, { input: { macroId: macro.macro!.id, conversationIds: rows.map(gid) } }, token);

    // Both runs lock the rows in id order: holding the first one, both wait for it, neither has begun.
    const lock = await holdRowLock('conversation', first.id);
    let runs: Awaited<ReturnType<typeof run>>[];
    try {
      const pending = [run(w.agentA.token), run(w.admin.token)];
      // The second waits in line behind the first (PostgreSQL queues row-lock waiters), not on the holder.
      await eventually(async () => (await lockWaiters()) === 2, 'both runs wait for the first row');
      await lock.release();
      runs = await Promise.all(pending);
    } finally {
      await lock.release();
    }
    for (const result of runs) expect(result.data!.macroRun.userErrors).toEqual([]);
    const runIds = runs.map((result) => result.data!.macroRun.runId!);

    const order: string[][] = [];
    for (const row of rows) {
      const lines = await history(row);
      const starts = lines.flatMap((line, index) => (line.type === 'MACRO_RUN' ? [index] : []));
      expect(starts).toHaveLength(2);
      const [a, b] = starts as [number, number];
      // Everything between the two MACRO_RUN lines is the first run's, everything after the second's.
      const firstRun = lines.slice(a, b);
      const secondRun = lines.slice(b);
      expect(a).toBe(0);
      expect(firstRun.map((line) => line.type)).toEqual([
        'MACRO_RUN',
        'LABEL_ADDED',
        'PRIORITY_CHANGED',
        'SNOOZED',
        'TRAY_MOVED',
      ]);
      // The second run finds the label and the priority already set: only its snooze is new.
      expect(secondRun.map((line) => line.type)).toEqual(['MACRO_RUN', 'SNOOZED']);
      expect(new Set(firstRun.map((line) => line.actorId)).size).toBe(1);
      expect(new Set(secondRun.map((line) => line.actorId)).size).toBe(1);
      expect(firstRun[0]!.actorId).not.toBe(secondRun[0]!.actorId);
      order.push([String(firstRun[0]!.data!.runId), String(secondRun[0]!.data!.runId)]);
      const notes = await deps.dataSource
        .getRepository(Note)
        .find({ where: { conversationId: row.id }, order: { createdAt: 'ASC' } });
      expect(notes).toHaveLength(2);
    }
    // The same run went first on every conversation.
    expect(new Set(order.map((pair) => pair.join()))).toEqual(new Set([order[0]!.join()]));
    expect(new Set(order[0])).toEqual(new Set(runIds));
    const stored = await deps.dataSource
      .getRepository(Conversation)
      .findBy(rows.map((row) => ({ id: row.id })));
    expect(stored.every((row) => row.priority === Priority.HIGH && row.snoozedUntil !== null)).toBe(true);
  });
});
