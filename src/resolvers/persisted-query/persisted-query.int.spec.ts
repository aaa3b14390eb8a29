import { useConnections } from '../../testing/fixtures/subscription.fixture';
import { ApiKeyScope } from '../../entities/enums';
import { documentSha256 } from '../../services/persisted-query/persisted-query.service';
import { createTestApiKey, createTestWorkspace } from '../../testing/factories';
import {
  available,
  codeOf,
  get,
  moveATray,
  post,
  subscribeWith,
  trayChanged,
  unique,
} from '../../testing/fixtures/persisted-query.fixture';
import { eventually } from '../../testing/fixtures/subscription.fixture';
import {
  AuditLogDocument,
  PersistedQueriesDocument,
  PersistedQueryDeleteDocument,
  PersistedQueryRegisterDocument,
  SafelistSetDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';

const CAPACITY = 1000;
const ME = 'query Me { viewer { workspace { id } } }';

describe('registered operations and the API-key safelist', () => {
  const t = useTestApp({ env: { RATE_LIMIT_COST_PER_MINUTE: String(CAPACITY) } });
  const deps = t.factories;
  const w = useWorkspace(t);
  const connect = useConnections();
  let url: string;
  let wsUrl: string;

  beforeAll(async () => {
    wsUrl = await t.wsUrl();
    url = wsUrl.replace(/^ws/, 'http');
  });

  async function register(query: string, name: string, token = w.admin.token) {
    const result = await t.gql(PersistedQueryRegisterDocument, { input: { query, name } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.persistedQueryRegister;
  }

  async function requireSafelist(required: boolean, token = w.admin.token) {
    const result = await t.gql(SafelistSetDocument, { required }, token);
    expect(result.data!.settingsUpdate).toEqual({
      settings: { apiKeysRequireSafelist: required },
      userErrors: [],
    });
  }

  const readKey = async (workspaceId = w.workspace.id) =>
    (await createTestApiKey(deps, workspaceId, [ApiKeyScope.READ])).key;

  describe('persistedQueryRegister, persistedQueries, persistedQueryDelete (admins)', () => {
    it('stores the document under its SHA-256; the same document and name again returns it unchanged', async () => {
      const query = unique(ME);
      const first = await register(query, ' crm: me ');
      expect(first.userErrors).toEqual([]);
      expect(first.persistedQuery).toEqual({
        id: expect.any(String),
        name: 'crm: me',
        sha256: documentSha256(query),
        query,
        createdAt: expect.any(String),
      });
      expect((await register(query, 'crm: me')).persistedQuery).toEqual(first.persistedQuery);
      const node = await t.gql(
        'query($id: ID!) { node(id: $id) { ... on PersistedQuery { sha256 } } }',
        { id: first.persistedQuery!.id },
        w.admin.token,
      );
      expect(node.data).toEqual({ node: { sha256: documentSha256(query) } });
      // Registered operations are workspace administration, like API keys.
      const asAgent = await t.gql(
        'query($id: ID!) { node(id: $id) { id } }',
        { id: first.persistedQuery!.id },
        w.agentA.token,
      );
      expect(codeOf(asAgent)).toBe('NOT_FOUND');
    });

    it('refuses a document that cannot run, a blank name, and names or documents already taken', async () => {
      const refusals: [string, string, string, string[]][] = [
        ['{ viewer { ', 'broken', 'INVALID_INPUT', ['input', 'query']],
        ['{ nope }', 'unknown field', 'INVALID_INPUT', ['input', 'query']],
        ['fragment F on Viewer { workspace { id } }', 'no operation', 'INVALID_INPUT', ['input', 'query']],
        [`{ ${'__typename '.repeat(1001)}}`, 'too many tokens', 'INVALID_INPUT', ['input', 'query']],
        [`${ME} #${'x'.repeat(50_000)}`, 'too long', 'INVALID_INPUT', ['input', 'query']],
        [ME, '  ', 'INVALID_INPUT', ['input', 'name']],
        [ME, 'x'.repeat(101), 'INVALID_INPUT', ['input', 'name']],
      ];
      for (const [query, name, code, field] of refusals) {
        const refused = await register(query, name);
        expect({ name, errors: refused.userErrors.map((error) => [error.code, error.field]) }).toEqual({
          name,
          errors: [[code, field]],
        });
        expect(refused.persistedQuery).toBeNull();
      }
      const stored = await register(ME, 'me');
      expect((await register(ME, 'me again')).userErrors[0]).toMatchObject({
        code: 'DUPLICATE',
        field: ['input', 'query'],
        message: expect.stringContaining('"me"'),
      });
      expect((await register(unique(ME), 'me')).userErrors[0]).toMatchObject({
        code: 'DUPLICATE',
        field: ['input', 'name'],
      });
      // Another workspace registers the same document and name for itself.
      const other = await createTestWorkspace(deps);
      const theirs = await register(ME, 'me', other.admin.token);
      expect(theirs.userErrors).toEqual([]);
      expect(theirs.persistedQuery!.id).not.toBe(stored.persistedQuery!.id);
    });

    it('lists them newest first, a page at a time, and deletes one (NOT_FOUND the second time)', async () => {
      const registered = [];
      for (const name of ['one', 'two', 'three'])
        registered.push((await register(unique(ME), name)).persistedQuery!);
      const page = await t.gql(PersistedQueriesDocument, { first: 2 }, w.admin.token);
      const connection = page.data!.persistedQueries;
      expect(connection.edges.map((edge) => edge.node.name)).toEqual(['three', 'two']);
      expect(connection.totalCount).toBe(3);
      expect(connection.pageInfo.hasNextPage).toBe(true);
      const next = await t.gql(
        PersistedQueriesDocument,
        { first: 2, after: connection.pageInfo.endCursor },
        w.admin.token,
      );
      expect(next.data!.persistedQueries.edges.map((edge) => edge.node.name)).toEqual(['one']);

      const id = registered[1]!.id;
      const deleted = await t.gql(
        PersistedQueryDeleteDocument,
        { input: { persistedQueryId: id } },
        w.admin.token,
      );
      expect(deleted.data!.persistedQueryDelete).toEqual({ deletedPersistedQueryId: id, userErrors: [] });
      const again = await t.gql(
        PersistedQueryDeleteDocument,
        { input: { persistedQueryId: id } },
        w.admin.token,
      );
      expect(codeOf(again)).toBe('NOT_FOUND');
      const left = await t.gql(PersistedQueriesDocument, {}, w.admin.token);
      expect(left.data!.persistedQueries.edges.map((edge) => edge.node.name)).toEqual(['three', 'one']);
    });

    it('records registrations, deletions and the setting in the audit log', async () => {
      await requireSafelist(true);
      const stored = (await register(unique(ME), 'audited')).persistedQuery!;
      await t.gql(PersistedQueryDeleteDocument, { input: { persistedQueryId: stored.id } }, w.admin.token);
      const log = await t.gql(AuditLogDocument, { first: 3 }, w.admin.token);
      const entries = log.data!.auditLog.edges.map((edge) => edge.node);
      expect(entries.map((entry) => [entry.action, entry.targetType])).toEqual([
        ['PERSISTED_QUERY_DELETED', 'PersistedQuery'],
        ['PERSISTED_QUERY_REGISTERED', 'PersistedQuery'],
        ['SETTINGS_UPDATED', 'Workspace'],
      ]);
      expect(entries[0]!.targetId).toBe(stored.id);
      expect(entries[1]!.changes).toEqual({
        name: { before: null, after: 'audited' },
        sha256: { before: null, after: stored.sha256 },
      });
      expect(entries[2]!.changes).toEqual({ apiKeysRequireSafelist: { before: false, after: true } });
    });

    it('admins and admin keys manage them; agents and other keys are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
      const adminKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.ADMIN])).key;
      const stored = (await register(unique(ME), 'by key', adminKey)).persistedQuery!;
      const refused: [string | null, string][] = [
        [w.agentA.token, 'FORBIDDEN'],
        [
          (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE, ApiKeyScope.BOT])).key,
          'FORBIDDEN',
        ],
        [await readKey(), 'FORBIDDEN'],
        [null, 'UNAUTHENTICATED'],
      ];
      for (const [token, code] of refused) {
        const registerAttempt = await t.gql(
          PersistedQueryRegisterDocument,
          { input: { query: ME, name: 'x' } },
          token,
        );
        expect(codeOf(registerAttempt)).toBe(code);
        expect(codeOf(await t.gql(PersistedQueriesDocument, {}, token))).toBe(code);
        const remove = await t.gql(
          PersistedQueryDeleteDocument,
          { input: { persistedQueryId: stored.id } },
          token,
        );
        expect(codeOf(remove)).toBe(code);
      }
      expect((await t.gql(PersistedQueriesDocument, {}, adminKey)).data!.persistedQueries.totalCount).toBe(1);
    });
  });

  describe('apiKeysRequireSafelist', () => {
    it('is off by default and readable by every signed-in caller', async () => {
      const raw = await t.gql('{ settings { apiKeysRequireSafelist } }', {}, w.agentA.token);
      expect(raw.data).toEqual({ settings: { apiKeysRequireSafelist: false } });
    });

    it('over HTTP, an API key runs registered operations only; a document is refused with 400 and charged nothing', async () => {
      const query = unique(ME);
      const hash = documentSha256(query);
      await register(query, 'me');
      await requireSafelist(true);
      const key = await readKey();

      const bare = await post(url, { query, token: key });
      expect(bare.status).toBe(400);
      expect(codeOf(bare.body)).toBe('PERSISTED_QUERY_REQUIRED');
      expect(bare.body.errors?.[0]?.message).toMatch(
        /^This workspace's API keys may run registered operations only/,
      );
      expect(bare.body.data).toBeUndefined();

      const unregistered = unique(ME);
      for (const request of [
        { hash: documentSha256(unregistered) },
        { query: unregistered, hash: documentSha256(unregistered) },
      ]) {
        const refused = await post(url, { ...request, token: key });
        expect(refused.status).toBe(400);
        expect(codeOf(refused.body)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      }
      const byGet = await get(url, { query: '{ __typename }', token: key });
      expect(byGet.status).toBe(400);
      expect(codeOf(byGet.body)).toBe('PERSISTED_QUERY_REQUIRED');

      // By its hash (POST or GET), or with its text: it runs, and only it was charged.
      const byHash = await post(url, { hash, token: key });
      expect(byHash.status).toBe(200);
      expect(byHash.body.data).toEqual({ viewer: { workspace: { id: expect.any(String) } } });
      const cost = byHash.body.extensions!.cost!.requestedQueryCost;
      expect(available(byHash)).toBe(CAPACITY - cost);
      expect((await get(url, { hash, token: key })).body.data).toEqual(byHash.body.data);
      expect((await post(url, { query, hash, token: key })).body.data).toEqual(byHash.body.data);
    });

    it('does not hold signed-in agents, keys of other workspaces, or keys once it is off', async () => {
      await requireSafelist(true);
      const query = unique(ME);
      for (const token of [w.admin.token, w.agentA.token]) {
        const answer = await post(url, { query, token });
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
      }
      const other = await createTestWorkspace(deps);
      expect(
        (await post(url, { query, token: await readKey(other.workspace.id) })).body.errors,
      ).toBeUndefined();
      const key = await readKey();
      expect(codeOf((await post(url, { query, token: key })).body)).toBe('PERSISTED_QUERY_REQUIRED');
      await requireSafelist(false);
      expect((await post(url, { query, token: key })).body.errors).toBeUndefined();
    });

    it("refuses another workspace's registered operation, even when the APQ store knows it", async () => {
      const other = await createTestWorkspace(deps);
      const query = unique(ME);
      const hash = documentSha256(query);
      expect((await register(query, 'theirs', other.admin.token)).userErrors).toEqual([]);
      // Their admin also ran it by APQ, so every process knows the text by its hash.
      expect((await post(url, { query, hash, token: other.admin.token })).body.errors).toBeUndefined();
      await requireSafelist(true);
      const refused = await post(url, { hash, token: await readKey() });
      expect(refused.status).toBe(400);
      expect(codeOf(refused.body)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      // An anonymous caller (no workspace) may use APQ as before.
      expect(codeOf((await post(url, { hash })).body)).toBe('UNAUTHENTICATED');
    });

    it('a deleted registration stops running at once', async () => {
      const query = unique(ME);
      const hash = documentSha256(query);
      const stored = (await register(query, 'short-lived')).persistedQuery!;
      await requireSafelist(true);
      const key = await readKey();
      expect((await post(url, { hash, token: key })).body.errors).toBeUndefined();
      await t.gql(PersistedQueryDeleteDocument, { input: { persistedQueryId: stored.id } }, w.admin.token);
      expect(codeOf((await post(url, { hash, token: key })).body)).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    });

    it('over WebSocket, holds an API key to registered subscriptions, read when it subscribes', async () => {
      const key = await readKey();
      const connection = connect(wsUrl, key);
      const streams = () => t.app.deps.realtime.bus.activeStreams();
      const before = streams();
      // Turned on after the key connected: the next subscription is held to it.
      const open = subscribeWith(connection, { query: trayChanged() });
      expect(await eventually(() => streams() === before + 1)).toBe(true);
      await requireSafelist(true);

      const bare = await subscribeWith(connection, { query: trayChanged() }).ended;
      expect(codeOf({ errors: bare ?? [] })).toBe('PERSISTED_QUERY_REQUIRED');
      const unregistered = trayChanged();
      const notAllowed = await subscribeWith(connection, { hash: documentSha256(unregistered) }).ended;
      expect(codeOf({ errors: notAllowed ?? [] })).toBe('PERSISTED_QUERY_NOT_ALLOWED');

      const registered = trayChanged();
      await register(registered, 'tray feed');
      const byHash = subscribeWith(connection, { hash: documentSha256(registered) });
      expect(await eventually(() => streams() === before + 2)).toBe(true);
      // An agent on the same workspace subscribes to any document.
      const agent = subscribeWith(connect(wsUrl, w.agentA.token), { query: trayChanged() });
      expect(await eventually(() => streams() === before + 3)).toBe(true);
      await moveATray(t, w);
      expect(await eventually(() => [open, byHash, agent].every((s) => s.results.length === 1))).toBe(true);
      // The refusals were charged nothing: two subscriptions of 21 points (a page of 20 cursors).
      const me = (await register(unique(ME), 'me')).persistedQuery!;
      const spent = await post(url, { hash: me.sha256, token: key });
      expect(available(spent)).toBe(CAPACITY - 2 * 21 - spent.body.extensions!.cost!.requestedQueryCost);
    });
  });
});
