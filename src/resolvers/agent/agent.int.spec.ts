import {
  AgentCreateDocument,
  AgentDeactivateDocument,
  AgentListDocument,
  AgentUpdateDocument,
  ConversationDetailDocument,
  TrayIdsDocument,
  ViewerDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createTestAgent,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { AgentRole, ApiKeyScope, ConversationStatus } from '../../entities/enums';
import { ConversationEvent } from '../../entities/conversation-event.entity';
import { type Conversation } from '../../entities/conversation.entity';

describe('team management (admins)', () => {
  const t = useTestApp({ now: new Date('2026-03-10T12:00:00Z'), resetClock: true });
  const deps = t.factories;
  const w = useWorkspace(t);

  const gid = (id: string) => toGlobalId('Agent', id);
  const deactivate = (agentId: string, token: string | null = w.admin.token) =>
    t.gql(AgentDeactivateDocument, { input: { agentId } }, token);

  it('agentCreate adds an agent with a first session token that works', async () => {
    const email = `New.Person-${Date.now()}@Example.com`;
    const created = await t.gql(
      AgentCreateDocument,
      { input: { email, name: ' New Person ', role: 'AGENT' } },
      w.admin.token,
    );
    expect(created.errors).toBeUndefined();
    const payload = created.data!.agentCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.agent).toMatchObject({
      email: email.toLowerCase(),
      name: 'New Person',
      role: 'AGENT',
      active: true,
    });
    expect(new Date(payload.tokenExpiresAt!).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const viewer = await t.gql(ViewerDocument, {}, payload.token);
    expect(viewer.data!.viewer.agent).toMatchObject({ id: payload.agent!.id, role: 'AGENT' });

    const team = await t.gql(AgentListDocument, {}, w.agentA.token);
    expect(team.data!.agents.map((agent) => agent.name)).toEqual([
      'Admin',
      'Agent A',
      'Agent B',
      'New Person',
    ]);
  });

  it('agentCreate refuses a taken e-mail (DUPLICATE, across workspaces too) and a malformed one', async () => {
    const duplicate = await t.gql(
      AgentCreateDocument,
      { input: { email: w.agentA.agent.email.toUpperCase(), name: 'Copy', role: 'ADMIN' } },
      w.admin.token,
    );
    expect(duplicate.data!.agentCreate.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'email'] }),
    ]);
    expect(duplicate.data!.agentCreate.agent).toBeNull();
    expect(duplicate.data!.agentCreate.token).toBeNull();

    const other = await createTestWorkspace(deps);
    const elsewhere = await t.gql(
      AgentCreateDocument,
      { input: { email: other.agentA.agent.email, name: 'Copy', role: 'AGENT' } },
      w.admin.token,
    );
    expect(elsewhere.data!.agentCreate.userErrors[0]!.code).toBe('DUPLICATE');

    const malformed = await t.gql(
      AgentCreateDocument,
      { input: { email: 'not-an-email', name: 'X', role: 'AGENT' } },
      w.admin.token,
    );
    expect(malformed.data!.agentCreate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'email'],
    });
    const blankName = await t.gql(
      AgentCreateDocument,
      { input: { email: `blank-${Date.now()}@example.com`, name: ' ', role: 'AGENT' } },
      w.admin.token,
    );
    expect(blankName.data!.agentCreate.userErrors[0]).toMatchObject({
      code: 'INVALID_INPUT',
      field: ['input', 'name'],
    });
  });

  it('agentUpdate renames and changes roles; the role is effective on the next request', async () => {
    const promoted = await t.gql(
      AgentUpdateDocument,
      { input: { agentId: gid(w.agentA.agent.id), name: 'Lead A', role: 'ADMIN' } },
      w.admin.token,
    );
    expect(promoted.data!.agentUpdate).toEqual({
      userErrors: [],
      agent: { id: gid(w.agentA.agent.id), name: 'Lead A', role: 'ADMIN', active: true },
    });
    // Now an admin, agent A may manage the team.
    const byA = await t.gql(
      AgentUpdateDocument,
      { input: { agentId: gid(w.agentB.agent.id), name: 'Renamed by A' } },
      w.agentA.token,
    );
    expect(byA.data!.agentUpdate.agent!.name).toBe('Renamed by A');
  });

  it('the last active admin cannot be demoted (LAST_ADMIN); with a second admin they can', async () => {
    const demote = () =>
      t.gql(AgentUpdateDocument, { input: { agentId: gid(w.admin.agent.id), role: 'AGENT' } }, w.admin.token);
    const refused = await demote();
    expect(refused.data!.agentUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'LAST_ADMIN', field: ['input', 'role'] }),
    ]);
    expect(refused.data!.agentUpdate.userErrors[0]!.message).toMatch(/last active admin/);

    // An inactive admin does not count.
    const inactiveAdmin = await createTestAgent(deps, w.workspace.id, AgentRole.ADMIN, 'Old admin');
    expect((await deactivate(gid(inactiveAdmin.agent.id))).data!.agentDeactivate.userErrors).toEqual([]);
    expect((await demote()).data!.agentUpdate.userErrors[0]!.code).toBe('LAST_ADMIN');

    await createTestAgent(deps, w.workspace.id, AgentRole.ADMIN, 'Second admin');
    const allowed = await demote();
    expect(allowed.data!.agentUpdate).toMatchObject({ userErrors: [], agent: { role: 'AGENT' } });
  });

  it('agentDeactivate: the token is refused afterwards and open conversations go back to the queue', async () => {
    const mine = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      agentReplied: true,
    });
    const mineNew = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const closed = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      status: ConversationStatus.CLOSED,
    });
    const others = await createConversation(deps, w.channel, { assigneeId: w.agentB.agent.id });
    const cid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

    expect((await t.gql(ViewerDocument, {}, w.agentA.token)).errors).toBeUndefined();
    const result = await deactivate(gid(w.agentA.agent.id));
    expect(result.errors).toBeUndefined();
    expect(result.data!.agentDeactivate).toEqual({
      userErrors: [],
      agent: { id: gid(w.agentA.agent.id), active: false },
      releasedConversationCount: 2,
    });

    const refused = await t.gql(ViewerDocument, {}, w.agentA.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const queue = await t.gql(
      TrayIdsDocument,
      { kind: 'NEW', view: 'CLASSIC', filter: { unassigned: true } },
      w.admin.token,
    );
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.tray.conversations.nodes.map((node) => node.id).sort()).toEqual(
      [cid(mine), cid(mineNew)].sort(),
    );
    const detail = await t.gql(ConversationDetailDocument, { id: cid(mine) }, w.admin.token);
    expect(detail.data!.conversation!.assignee).toBeNull();
    const untouched = await t.gql(ConversationDetailDocument, { id: cid(others) }, w.admin.token);
    expect(untouched.data!.conversation!.assignee).toEqual({ id: gid(w.agentB.agent.id) });
    const stillClosed = await t.gql(ConversationDetailDocument, { id: cid(closed) }, w.admin.token);
    expect(stillClosed.data!.conversation!.assignee).toEqual({ id: gid(w.agentA.agent.id) });

    const events = await deps.dataSource.getRepository(ConversationEvent).find({
      where: { workspaceId: w.workspace.id, type: 'UNASSIGNED' as never },
    });
    expect(events.map((event) => event.conversationId).sort()).toEqual([mine.id, mineNew.id].sort());
    for (const event of events) {
      expect(event).toMatchObject({
        actorType: 'AGENT',
        actorId: w.admin.agent.id,
        fromAgentId: w.agentA.agent.id,
      });
    }

    const team = await t.gql(AgentListDocument, {}, w.admin.token);
    expect(team.data!.agents.map((agent) => agent.name)).toEqual(['Admin', 'Agent B']);
    const everyone = await t.gql(AgentListDocument, { includeInactive: true }, w.admin.token);
    expect(everyone.data!.agents.find((agent) => agent.name === 'Agent A')).toMatchObject({ active: false });

    // Deactivating again changes nothing and is not an error.
    const again = await deactivate(gid(w.agentA.agent.id));
    expect(again.data!.agentDeactivate).toMatchObject({ userErrors: [], releasedConversationCount: 0 });
  });

  it('agentReactivate brings a deactivated agent back with a new token; old tokens stay refused', async () => {
    const REACTIVATE = `mutation($input: AgentReactivateInput!) {
      agentReactivate(input: $input) { agent { id active } token userErrors { code } }
    }`;
    await deactivate(gid(w.agentB.agent.id));
    const agentAttempt = await t.gql(
      REACTIVATE,
      { input: { agentId: gid(w.agentB.agent.id) } },
      w.agentA.token,
    );
    expect(agentAttempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const back = await t.gql(REACTIVATE, { input: { agentId: gid(w.agentB.agent.id) } }, w.admin.token);
    const payload = (back.data as any).agentReactivate;
    expect(payload).toMatchObject({ agent: { id: gid(w.agentB.agent.id), active: true }, userErrors: [] });
    expect((await t.gql(ViewerDocument, {}, payload.token)).errors).toBeUndefined();
    expect((await t.gql(ViewerDocument, {}, w.agentB.token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const again = await t.gql(REACTIVATE, { input: { agentId: gid(w.agentB.agent.id) } }, w.admin.token);
    expect((again.data as any).agentReactivate.userErrors).toEqual([{ code: 'INVALID_INPUT' }]);
  });

  it('an admin cannot deactivate themselves, nor anyone the last active admin', async () => {
    const self = await deactivate(gid(w.admin.agent.id));
    expect(self.data!.agentDeactivate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'agentId'] }),
    ]);
    expect(self.data!.agentDeactivate.userErrors[0]!.message).toMatch(/cannot deactivate yourself/);

    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const last = await deactivate(gid(w.admin.agent.id), adminKey);
    expect(last.data!.agentDeactivate.userErrors).toEqual([
      expect.objectContaining({ code: 'LAST_ADMIN', field: ['input', 'agentId'] }),
    ]);
    expect((await t.gql(ViewerDocument, {}, w.admin.token)).errors).toBeUndefined();
  });

  it('foreign or unknown agent ids are NOT_FOUND', async () => {
    const other = await createTestWorkspace(deps);
    for (const agentId of [
      gid(other.agentA.agent.id),
      'nope',
      toGlobalId('Customer', other.agentA.agent.id),
    ]) {
      expect((await deactivate(agentId)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const update = await t.gql(AgentUpdateDocument, { input: { agentId, name: 'X' } }, w.admin.token);
      expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await t.gql(ViewerDocument, {}, other.agentA.token)).errors).toBeUndefined();
  });

  it('admins and admin keys manage the team; agents and other keys are FORBIDDEN; anyone signed in lists it', async () => {
    const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
    const byKey = await t.gql(
      AgentCreateDocument,
      { input: { email: `by-key-${Date.now()}@example.com`, name: 'By key', role: 'AGENT' } },
      adminKey,
    );
    expect(byKey.data!.agentCreate.userErrors).toEqual([]);
    const byKeyDeactivation = await deactivate(byKey.data!.agentCreate.agent!.id, adminKey);
    expect(byKeyDeactivation.data!.agentDeactivate.agent!.active).toBe(false);

    const refused: [string | null, string][] = [
      [w.agentA.token, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key, 'FORBIDDEN'],
      [(await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of refused) {
      const created = await t.gql(
        AgentCreateDocument,
        { input: { email: `x-${Date.now()}@example.com`, name: 'X', role: 'ADMIN' } },
        token,
      );
      expect(created.errors?.[0]?.extensions?.code).toBe(code);
      const updated = await t.gql(
        AgentUpdateDocument,
        { input: { agentId: gid(w.agentB.agent.id), role: 'ADMIN' } },
        token,
      );
      expect(updated.errors?.[0]?.extensions?.code).toBe(code);
      expect((await deactivate(gid(w.agentB.agent.id), token)).errors?.[0]?.extensions?.code).toBe(code);
    }

    for (const scopes of [[ApiKeyScope.READ], [ApiKeyScope.BOT], [ApiKeyScope.WRITE]]) {
      const { key } = await createTestApiKey(deps, w.workspace.id, scopes);
      expect((await t.gql(AgentListDocument, {}, key)).data!.agents.length).toBeGreaterThan(0);
    }
    expect((await t.gql(AgentListDocument, {}, w.agentB.token)).errors).toBeUndefined();
    expect((await t.gql(AgentListDocument, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
