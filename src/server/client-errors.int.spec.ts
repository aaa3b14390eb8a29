import { gzipSync } from 'node:zlib';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { connectWs, type WsConnection } from '../testing/fixtures/subscription.fixture';
import { toGlobalId } from '../entities/global-id';
import { AuditEntry } from '../entities/audit-entry.entity';
import { Tag } from '../entities/tag.entity';

const TAG_CREATE = `mutation($input: TagCreateInput!) { tagCreate(input: $input) { tag { id name } userErrors { code message } } }`;
const SEARCH = `query($search: String) { conversations(first: 5, filter: { search: $search }) { totalCount } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** `{"a": {"a": … 1 …}}`, `levels` objects deep, as JSON text (no recursion on either side). */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Client mistakes answer 4xx with a code from the closed list: never a masked 500, never a write. */
describe('client errors are refused, not masked', () => {
  const t = useTestApp({ env: { LOG_LEVEL: 'error' } });
  const w = useWorkspace(t);
  const unexpected: string[] = [];
  let url: string;

  beforeAll(async () => {
    url = (await t.wsUrl()).replace(/^ws/, 'http');
    t.app.deps.logger.error = (message: string, fields?: Record<string, unknown>) => {
      unexpected.push(`${message} ${JSON.stringify(fields)}`);
    };
  });
  afterEach(() => {
    // Every refusal below is the client's: none may be logged as an unexpected error of ours.
    expect(unexpected.splice(0)).toEqual([]);
  });

  /** POST /graphql with a body given as JSON text, so it can carry what JSON.stringify would not write. */
  const postRaw = async (body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.admin.token}`, ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postRaw(JSON.stringify({ query, variables }), headers);
  const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;
  const tags = () => t.app.deps.dataSource.getRepository(Tag).countBy({ workspaceId: w.workspace.id });
  const auditEntries = () =>
    t.app.deps.dataSource.getRepository(AuditEntry).countBy({ workspaceId: w.workspace.id });

  it('refuses a NUL byte in a variable with 400 BAD_USER_INPUT before writing anything', async () => {
    const entries = await auditEntries();
    const refused = await post(TAG_CREATE, { input: { name: 'V\u0000IP', color: '#f59e0b' } });
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toBe('Variable $input.name contains a NUL character (U+0000).');
    expect(refused.body.data).toBeUndefined();
    expect(await tags()).toBe(0);
    expect(await auditEntries()).toBe(entries);
    // On a read too: PostgreSQL would have refused the NUL in the search pattern.
    const search = await post(SEARCH, { search: 'Ana\u0000' });
    expect({ status: search.status, code: codeOf(search) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('refuses a NUL byte in a string literal of the document with 400 BAD_USER_INPUT', async () => {
    const refused = await post(
      'mutation { tagCreate(input: { name: "V\\u0000IP", color: "#f59e0b" }) { tag { id } } }',
      {},
    );
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toMatch(/NUL character/);
    expect(await tags()).toBe(0);
  });

  it('refuses a lone surrogate in a variable with 400 BAD_USER_INPUT before writing anything', async () => {
    // `\ud800` is valid JSON text that decodes to half a character.
    const body = `{"query": ${JSON.stringify(TAG_CREATE)}, "variables": {"input": {"name": "V\\ud800IP", "color": "#f59e0b"}}}`;
    const refused = await postRaw(body);
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toMatch(/\$input\.name is not valid Unicode/);
    expect(await tags()).toBe(0);
    // A real pair (an emoji) is text like any other.
    const emoji = await post(TAG_CREATE, { input: { name: 'VIP 👑', color: '#f59e0b' } });
    expect(emoji.body.data).toEqual({
      tagCreate: { tag: { id: expect.any(String), name: 'VIP 👑' }, userErrors: [] },
    });
  });

  it('refuses deeply nested variables with 400, with an Idempotency-Key too, and leaves the key free', async () => {
    const deep = (input: string) =>
      `{"query": ${JSON.stringify(TAG_CREATE)}, "variables": {"input": ${input}, "extra": ${nestedJson(100_000)}}}`;
    const key = { 'idempotency-key': `deep-${Date.now()}` };
    for (const headers of [{}, key]) {
      const refused = await postRaw(deep('{"name": "VIP", "color": "#f59e0b"}'), headers);
      expect(refused.status).toBe(400);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.body.errors?.[0]?.message).toMatch(/\$extra\.a\.a is nested more than 32 levels deep/);
    }
    expect(await tags()).toBe(0);
    // The refusal claimed nothing: the key still takes a first request.
    const created = await post(TAG_CREATE, { input: { name: 'VIP', color: '#f59e0b' } }, key);
    expect(created.status).toBe(200);
    expect(await tags()).toBe(1);
  });

  it('refuses NUL, a lone surrogate and deep variables of a subscription the same way', async () => {
    const connection: WsConnection = connectWs(url.replace(/^http/, 'ws'), w.admin.token);
    try {
      const refusal = (variables: Record<string, unknown>) =>
        new Promise<unknown>((resolve) => {
          connection.client.subscribe(
            {
              query: 'subscription($after: String) { trayChanged(view: V2, after: $after) { cursor } }',
              variables,
            },
            { next: () => {}, error: resolve, complete: () => resolve(null) },
          );
        });
      for (const variables of [
        { after: 'x\u0000' },
        { after: 'x\ud800' },
        { extra: JSON.parse(nestedJson(100)) },
      ]) {
        const errors = (await refusal(variables)) as { extensions?: { code?: string } }[];
        expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    } finally {
      await connection.dispose();
    }
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'prototype'])(
    'answers node(id) of a type named %s with NOT_FOUND',
    async (type) => {
      const answer = await post(NODE, { id: toGlobalId(type, '00000000-0000-4000-8000-000000000000') });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ node: null });
      expect(codeOf(answer)).toBe('NOT_FOUND');
    },
  );

  it('answers an unsupported Content-Encoding with 415 and a clear message', async () => {
    for (const encoding of ['zstd', 'compress', 'bogus']) {
      const refused = await postRaw('{"query": "{ __typename }"}', { 'content-encoding': encoding });
      expect(refused).toEqual({
        status: 415,
        body: {
          errors: [
            {
              message: 'Unsupported Content-Encoding; send the body as identity, gzip, deflate or br.',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      });
    }
    const charset = await postRaw('{"query": "{ __typename }"}', {
      'content-type': 'application/json; charset=latin1',
    });
    expect(charset.status).toBe(415);
    expect(charset.body.errors?.[0]?.message).toMatch(/UTF-8/);
  });

  it('inflates a gzip body, and answers 413 when it inflates past the limit', async () => {
    const ok = await postRaw(gzipSync(JSON.stringify({ query: '{ settings { locale } }' })), {
      'content-encoding': 'gzip',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ settings: { locale: expect.any(String) } });
    // A few kilobytes that inflate to twice the body limit.
    const bomb = gzipSync(`{"query": "{ __typename }", "pad": "${' '.repeat(2 * t.config.maxBodyBytes)}"}`);
    expect(bomb.length).toBeLessThan(10_000);
    const refused = await postRaw(bomb, { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0]?.message).toBe('Request body too large.');
    const garbled = await postRaw(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(garbled.status).toBe(400);
  });
});
