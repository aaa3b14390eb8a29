import {
  AuditLogDocument,
  CannedResponseCreateDocument,
  CannedResponseDeleteDocument,
  CannedResponseNodeDocument,
  CannedResponseRenderDocument,
  CannedResponsesDocument,
  CannedResponseUpdateDocument,
  TeamCreateDocument,
  TeamMemberAddDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createAttachment,
  createConversation,
  createCustomer,
  createCustomField,
  createTestApiKey,
  createTestWorkspace,
} from '../../testing/factories';
import { toGlobalId } from '../../entities/global-id';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { ActorType, ApiKeyScope, AttachmentStatus, CannedScope, CustomFieldType } from '../../entities/enums';

describe('canned responses', () => {
  const t = useTestApp({ env: { REDIS_URL: '' } });
  const deps = t.factories;
  const w = useWorkspace(t);

  async function team(name: string, members: string[]): Promise<string> {
    const created = await t.gql(TeamCreateDocument, { input: { name } }, w.admin.token);
    const id = created.data!.teamCreate.team!.id;
    for (const agentId of members) {
      const added = await t.gql(
        TeamMemberAddDocument,
        { input: { teamId: id, agentId: toGlobalId('Agent', agentId) } },
        w.admin.token,
      );
      expect(added.data!.teamMemberAdd.userErrors).toEqual([]);
    }
    return id;
  }

  async function create(
    token: string,
    input: {
      scope: CannedScope;
      shortcode: string;
      body: string;
      teamId?: string;
      title?: string;
      attachmentIds?: string[];
    },
  ) {
    const result = await t.gql(CannedResponseCreateDocument, { input }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.cannedResponseCreate;
  }

  async function visible(token: string, search?: string) {
    const result = await t.gql(CannedResponsesDocument, { search, first: 50 }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.cannedResponses.nodes.map((node) => node.shortcode);
  }

  it('scopes: admins write the workspace ones, members their team ones, agents their own; lists and node(id) follow one read rule', async () => {
    const support = await team('Support', [w.agentA.agent.id]);
    const everyone = (
      await create(w.admin.token, { scope: CannedScope.WORKSPACE, shortcode: 'hello', body: 'Hello!' })
    ).cannedResponse!;
    const teamOne = (
      await create(w.agentA.token, {
        scope: CannedScope.TEAM,
        teamId: support,
        shortcode: 'refund',
        body: 'Refunds take 5 days.',
      })
    ).cannedResponse!;
    expect(teamOne.team).toEqual({ id: support });
    const mine = (
      await create(w.agentA.token, { scope: CannedScope.PERSONAL, shortcode: 'sig', body: 'Ana, support' })
    ).cannedResponse!;

    expect(await visible(w.agentA.token)).toEqual(['hello', 'refund', 'sig']);
    expect(await visible(w.agentB.token)).toEqual(['hello']);
    // Admins see every team's, but nobody else's personal ones.
    expect(await visible(w.admin.token)).toEqual(['hello', 'refund']);
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    expect(await visible(readKey)).toEqual(['hello', 'refund']);

    for (const [id, token, seen] of [
      [mine.id, w.agentA.token, true],
      [mine.id, w.admin.token, false],
      [mine.id, w.agentB.token, false],
      [teamOne.id, w.agentB.token, false],
      [teamOne.id, w.admin.token, true],
      [everyone.id, w.agentB.token, true],
    ] as const) {
      const node = await t.gql(CannedResponseNodeDocument, { id }, token);
      if (seen) expect(node.data!.node).toMatchObject({ id });
      else expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    // Writing outside one's scope: FORBIDDEN when seen, NOT_FOUND when hidden.
    const refusals = [
      await t.gql(
        CannedResponseCreateDocument,
        { input: { scope: CannedScope.WORKSPACE, shortcode: 'x', body: 'x' } },
        w.agentB.token,
      ),
      await t.gql(
        CannedResponseCreateDocument,
        { input: { scope: CannedScope.TEAM, teamId: support, shortcode: 'x', body: 'x' } },
        w.agentB.token,
      ),
      await t.gql(
        CannedResponseUpdateDocument,
        { input: { cannedResponseId: everyone.id, body: 'Hi' } },
        w.agentA.token,
      ),
    ];
    for (const refused of refusals) expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [id, token] of [
      [mine.id, w.admin.token],
      [teamOne.id, w.agentB.token],
    ] as const) {
      const update = await t.gql(
        CannedResponseUpdateDocument,
        { input: { cannedResponseId: id, body: 'Hi' } },
        token,
      );
      expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const remove = await t.gql(CannedResponseDeleteDocument, { input: { cannedResponseId: id } }, token);
      expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    const other = await createTestWorkspace(deps);
    const theirs = (
      await create(other.admin.token, { scope: CannedScope.WORKSPACE, shortcode: 'hello', body: 'Hi' })
    ).cannedResponse!;
    expect(
      (await t.gql(CannedResponseNodeDocument, { id: theirs.id }, w.admin.token)).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');

    const edited = await t.gql(
      CannedResponseUpdateDocument,
      { input: { cannedResponseId: teamOne.id, title: 'Refund policy' } },
      w.admin.token,
    );
    expect(edited.data!.cannedResponseUpdate).toMatchObject({
      userErrors: [],
      cannedResponse: { title: 'Refund policy' },
    });
    const deleted = await t.gql(
      CannedResponseDeleteDocument,
      { input: { cannedResponseId: mine.id } },
      w.agentA.token,
    );
    expect(deleted.data!.cannedResponseDelete).toEqual({ userErrors: [], deletedCannedResponseId: mine.id });
    expect(await visible(w.agentA.token)).toEqual(['hello', 'refund']);

    const audit = await t.gql(AuditLogDocument, { first: 20 }, w.admin.token);
    const actions = audit.data!.auditLog.edges.map((edge) => edge.node.action);
    expect(actions.filter((action) => action.startsWith('CANNED_RESPONSE'))).toEqual([
      'CANNED_RESPONSE_DELETED',
      'CANNED_RESPONSE_UPDATED',
      'CANNED_RESPONSE_CREATED',
      'CANNED_RESPONSE_CREATED',
      'CANNED_RESPONSE_CREATED',
    ]);
  });

  it('shortcodes are unique per scope whatever their case, validated, and variables must be known', async () => {
    expect(
      (await create(w.admin.token, { scope: CannedScope.WORKSPACE, shortcode: '/Refund', body: 'A' }))
        .cannedResponse,
    ).toMatchObject({ shortcode: 'refund', title: 'refund' });
    const duplicate = await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'REFUND',
      body: 'B',
    });
    expect(duplicate.userErrors).toEqual([
      expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'shortcode'] }),
    ]);
    // Another scope may use it.
    expect(
      (await create(w.agentA.token, { scope: CannedScope.PERSONAL, shortcode: 'refund', body: 'Mine' }))
        .userErrors,
    ).toEqual([]);
    expect(
      (await create(w.agentB.token, { scope: CannedScope.PERSONAL, shortcode: 'refund', body: 'Mine' }))
        .userErrors,
    ).toEqual([]);

    for (const shortcode of ['', 'has space', '-dash', 'x'.repeat(33), 'ñandú']) {
      const bad = await create(w.admin.token, { scope: CannedScope.WORKSPACE, shortcode, body: 'x' });
      expect(bad.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'shortcode'] }),
      ]);
    }
    const typo = await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'typo',
      body: 'Hi {{customer.nmae}} and {{ agent.name }} {{customer.fields.Bad-Key}}',
    });
    expect(typo.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'body'] }),
    ]);
    expect(typo.userErrors[0]!.message).toContain('{{customer.nmae}}');
    expect(typo.userErrors[0]!.message).toContain('{{customer.fields.Bad-Key}}');
    const team = await create(w.admin.token, { scope: CannedScope.TEAM, shortcode: 'nt', body: 'x' });
    expect(team.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'teamId'] }),
    ]);
    const key = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    const keyPersonal = await create(key, { scope: CannedScope.PERSONAL, shortcode: 'k', body: 'x' });
    expect(keyPersonal.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'scope'] }),
    ]);
  });

  it('search: a shortcode prefix, or words of the title and text without regard to accents or case, through the indexes', async () => {
    await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'refund-policy',
      body: 'Refunds take 5 days.',
    });
    await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'refund-late',
      body: 'Sorry for the delay.',
    });
    await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'invoice',
      title: 'FACTURACIÓN',
      body: 'Su factura llega por correo.',
    });
    await create(w.admin.token, {
      scope: CannedScope.WORKSPACE,
      shortcode: 'bye',
      body: 'Gracias, ¡hasta luego!',
    });
    await create(w.agentB.token, { scope: CannedScope.PERSONAL, shortcode: 'refund-b', body: 'Not yours' });

    expect(await visible(w.agentA.token, '/ref')).toEqual(['refund-late', 'refund-policy']);
    expect(await visible(w.agentA.token, 'r')).toEqual(['refund-late', 'refund-policy']);
    expect(await visible(w.agentA.token, 'facturacion')).toEqual(['invoice']);
    expect(await visible(w.agentA.token, 'HASTA LUEGO')).toEqual(['bye']);
    expect(await visible(w.agentA.token, '100%')).toEqual([]);

    const page = await t.gql(CannedResponsesDocument, { first: 2 }, w.agentA.token);
    expect(page.data!.cannedResponses).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const next = await t.gql(
      CannedResponsesDocument,
      { first: 2, after: page.data!.cannedResponses.pageInfo.endCursor },
      w.agentA.token,
    );
    expect(next.data!.cannedResponses.nodes.map((node) => node.shortcode)).toEqual([
      'refund-late',
      'refund-policy',
    ]);

    // Each condition has its index (seq scans off: a tiny table would otherwise be read whole).
    const explain = (sql: string, parameters: unknown[] = []) =>
      deps.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        const rows = (await manager.query(`EXPLAIN ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    const prefix = await explain(
      `SELECT id FROM canned_response cr WHERE cr.workspace_id = $1 AND cr.shortcode LIKE 'ref%'`,
      [w.workspace.id],
    );
    expect(prefix).toContain('canned_response_shortcode_prefix_idx');
    expect(prefix).toMatch(/Index Cond: .*shortcode ~>=~ 'ref'/);
    const text = await explain(
      `SELECT id FROM canned_response cr
        WHERE omnitray_fold(cr.title || ' ' || cr.body) LIKE '%' || omnitray_fold('factura') || '%'`,
    );
    expect(text).toContain('canned_response_text_search_idx');
  });

  it('render fills the customer, its fields, the agent and the conversation, or names every variable it cannot fill', async () => {
    const plan = await createCustomField(deps, w.workspace.id, { key: 'plan', type: CustomFieldType.TEXT });
    await createCustomField(deps, w.workspace.id, { key: 'city', type: CustomFieldType.TEXT });
    const customer = await createCustomer(deps, w.channel, { name: 'Ana' });
    await deps.dataSource
      .getRepository(CustomerFieldValue)
      .insert({ customerId: customer.id, fieldId: plan.id, workspaceId: w.workspace.id, value: 'Gold' });
    const conversation = await createConversation(deps, w.channel, {
      customer,
      assigneeId: w.agentA.agent.id,
    });
    const conversationId = toGlobalId('Conversation', conversation.id);
    const full = (
      await create(w.admin.token, {
        scope: CannedScope.WORKSPACE,
        shortcode: 'full',
        body: 'Hi {{customer.name}}, your {{ customer.fields.plan }} plan. {{agent.name}} ({{conversation.id}})',
      })
    ).cannedResponse!;
    const rendered = await t.gql(
      CannedResponseRenderDocument,
      { input: { cannedResponseId: full.id, conversationId } },
      w.agentA.token,
    );
    expect(rendered.data!.cannedResponseRender).toEqual({
      userErrors: [],
      cannedResponse: { id: full.id },
      text: `Hi Ana, your Gold plan. ${w.agentA.agent.name} (${conversationId})`,
    });

    const missing = (
      await create(w.admin.token, {
        scope: CannedScope.WORKSPACE,
        shortcode: 'missing',
        body: 'Hi {{customer.name}} from {{customer.fields.city}}, {{customer.fields.gone}} — {{agent.name}}',
      })
    ).cannedResponse!;
    await deps.dataSource.query(`UPDATE customer SET name = NULL WHERE id = $1`, [customer.id]);
    const key = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const refused = await t.gql(
      CannedResponseRenderDocument,
      { input: { cannedResponseId: missing.id, conversationId } },
      key,
    );
    expect(refused.data!.cannedResponseRender.text).toBeNull();
    expect(refused.data!.cannedResponseRender.userErrors).toEqual([
      {
        code: 'MISSING_VARIABLE',
        field: ['variables', 'customer.name', 'customer.fields.city', 'customer.fields.gone', 'agent.name'],
        message: expect.stringContaining(
          '{{customer.name}}, {{customer.fields.city}}, {{customer.fields.gone}}, {{agent.name}}',
        ),
      },
    ]);

    // A conversation the agent may not read is NOT_FOUND, like one of another workspace.
    const hidden = await t.gql(
      CannedResponseRenderDocument,
      { input: { cannedResponseId: full.id, conversationId } },
      w.agentB.token,
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps READY uploads the caller may read, in order; others are NOT_FOUND or refused', async () => {
    const upload = (name: string, overrides = {}) =>
      createAttachment(deps, w.workspace.id, {
        fileName: name,
        uploaderType: ActorType.AGENT,
        uploaderId: w.agentA.agent.id,
        ...overrides,
      });
    const first = await upload('a.png');
    const second = await upload('b.png');
    const pending = await upload('c.png', { status: AttachmentStatus.PENDING });
    const ids = [second, first].map((attachment) => toGlobalId('Attachment', attachment.id));
    const created = await create(w.agentA.token, {
      scope: CannedScope.PERSONAL,
      shortcode: 'files',
      body: 'Here you are',
      attachmentIds: ids,
    });
    expect(created.cannedResponse!.attachments).toEqual([
      { id: ids[0], fileName: 'b.png' },
      { id: ids[1], fileName: 'a.png' },
    ]);
    const notReady = await create(w.agentA.token, {
      scope: CannedScope.PERSONAL,
      shortcode: 'pending',
      body: 'x',
      attachmentIds: [toGlobalId('Attachment', pending.id)],
    });
    expect(notReady.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'attachmentIds'] }),
    ]);
    const othersUpload = await t.gql(
      CannedResponseCreateDocument,
      { input: { scope: CannedScope.PERSONAL, shortcode: 'steal', body: 'x', attachmentIds: ids } },
      w.agentB.token,
    );
    expect(othersUpload.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
