import {
  AiConversationDocument,
  AiSummaryGenerateDocument,
  ConversationHandoffDocument,
  ConversationTransferDocument,
  MessageSendDocument,
  SuggestionsRefreshDocument,
  WorkflowConversationDocument,
} from '../../testing/generated/graphql';
import { type TestApp } from '../../testing/test-app';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import {
  createConversation,
  createCustomer,
  createCustomField,
  createMessage,
  createTestApiKey,
  createTestWorkspace,
  enqueuedJobs,
  tagCustomer,
  type TestWorkspace,
} from '../../testing/factories';
import {
  type FakeChatReply,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../../testing/fake-openai-server';
import { toGlobalId } from '../../entities/global-id';
import { AiSummary } from '../../entities/ai-summary.entity';
import { type Conversation } from '../../entities/conversation.entity';
import { Customer } from '../../entities/customer.entity';
import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { Note } from '../../entities/note.entity';
import { Suggestion } from '../../entities/suggestion.entity';
import { Template } from '../../entities/template.entity';
import { type Workspace } from '../../entities/workspace.entity';
import {
  AiSummaryStatus,
  AiTrigger,
  ApiKeyScope,
  CustomFieldType,
  Handler,
  Locale,
  MessageDirection,
  MessageSender,
  MessageStatus,
  TemplateCategory,
  TemplateStatus,
} from '../../entities/enums';
import { JobName } from '../../runtime/job-queue';
import { parseJobData } from '../../runtime/job-catalog';
import { SUMMARY_PROMPT_VERSION } from '../../ai/summary.chain';

const NOW = new Date('2026-03-10T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const gid = (conversation: Conversation) => toGlobalId('Conversation', conversation.id);

const CANNED_SUMMARY = {
  summary: 'Lucía ordered a blender (order 48213) that has not arrived; the bot could not track it.',
  customerRequest: 'Know where order 48213 is and when it arrives.',
  openQuestions: ['When will the order arrive?'],
  mood: 'worried',
};
const CANNED_REPLIES = [
  'I am checking order 48213 with the carrier right now.',
  'Could you confirm the delivery address for order 48213?',
  'Sorry for the wait, Lucía: I will give you an update within the hour.',
];

/** Each caller gets the answer for the tool it asks for, whatever jobs run in between. */
const CANNED: FakeChatReply = {
  kind: 'byTool',
  replies: {
    handover_summary: { kind: 'structured', value: CANNED_SUMMARY },
    reply_suggestions: { kind: 'structured', value: { replies: CANNED_REPLIES } },
  },
};

/**
 * Runs the queued AI_ASSIST jobs of one conversation through the registered handler, claimed and
 * completed the way pg-boss fetch and complete do. `drain` would also run the jobs other suites
 * enqueue at the same time in the shared queue, and change what those suites assert.
 */
async function runAiJobs(t: TestApp, conversation: Conversation): Promise<number> {
  const manager = t.app.deps.dataSource.manager;
  const result: unknown = await manager.query(
    `UPDATE ${t.config.jobSchema}.job SET state = 'active', started_on = now()
      WHERE name = $1 AND state < 'active' AND data->>'conversationId' = $2
      RETURNING id, data`,
    [JobName.AI_ASSIST, conversation.id],
  );
  // An UPDATE … RETURNING comes back as [rows, count].
  const jobs = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
    id: string;
    data: Record<string, unknown>;
  }[];
  for (const job of jobs) {
    await t.app.deps.jobs.runNow(JobName.AI_ASSIST, parseJobData(JobName.AI_ASSIST, job.data));
    await manager.query(
      `UPDATE ${t.config.jobSchema}.job SET state = 'completed', completed_on = now() WHERE name = $1 AND id = $2`,
      [JobName.AI_ASSIST, job.id],
    );
  }
  return jobs.length;
}

/** The settled AI state of a conversation, as the inbox reads it. */
async function aiState(t: TestApp, conversation: Conversation, token: string) {
  const result = await t.gql(AiConversationDocument, { id: gid(conversation) }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.conversation!;
}

describe('AI assist through an OpenAI-compatible server', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ defaultReply: CANNED });
  });
  const t = useTestApp({
    now: NOW,
    resetClock: true,
    env: () => ({
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODEL: 'fake-model',
      AI_TIMEOUT_MS: '5000',
    }),
  });
  const deps = t.factories;
  afterAll(() => fake.close());
  beforeEach(() => fake.setDefault(CANNED));

  /** A conversation of agent A with a short story in it, each text marked with `marker`. */
  async function story(w: TestWorkspace, marker: string): Promise<Conversation> {
    const customer = await createCustomer(deps, w.channel, { name: 'Lucía Pérez', phone: '573001112233' });
    const conversation = await createConversation(deps, w.channel, {
      assigneeId: w.agentA.agent.id,
      customer,
      lastInboundAgoMs: 60 * 60_000,
    });
    await createMessage(deps, conversation, {
      text: `${marker} Hola, mi pedido 48213 no ha llegado. Escríbanme a lucia.perez@example.com o al +57 300 111 2233`,
      sentAt: minutesAgo(10),
    });
    await createMessage(deps, conversation, {
      direction: MessageDirection.OUTBOUND,
      sender: MessageSender.BOT,
      status: MessageStatus.DELIVERED,
      text: 'Te paso con un agente.',
      sentAt: minutesAgo(9),
    });
    return conversation;
  }

  async function transfer(w: TestWorkspace, conversation: Conversation) {
    const result = await t.gql(
      ConversationTransferDocument,
      {
        input: {
          conversationId: gid(conversation),
          agentId: toGlobalId('Agent', w.agentB.agent.id),
          comment: 'Shipping question',
        },
      },
      w.agentA.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.conversationTransfer.userErrors).toEqual([]);
  }

  const requestsFor = (marker: string) =>
    fake.requests.filter((request) => fake.promptText(request).includes(marker));
  const toolOf = (request: (typeof fake.requests)[number]) =>
    (request.body.tool_choice as { function?: { name?: string } } | undefined)?.function?.name ??
    request.body.tools?.[0]?.function.name;

  /** The transfer took effect whatever the AI did: agent B holds it and the history says so. */
  async function expectTransferred(w: TestWorkspace, conversation: Conversation) {
    const result = await t.gql(WorkflowConversationDocument, { id: gid(conversation) }, w.admin.token);
    const detail = result.data!.conversation!;
    expect(detail.assignee).toEqual({ id: toGlobalId('Agent', w.agentB.agent.id) });
    expect(detail.events.nodes.map((event) => event.type)).toContain('TRANSFERRED');
  }

  it('a transfer sends the redacted transcript to the provider and stores the parsed summary and suggestions', async () => {
    const w = await createTestWorkspace(deps, { aiRedactPii: true, locale: Locale.en });
    const marker = 'm-redact';
    const conversation = await story(w, marker);
    const plan = await createCustomField(deps, w.workspace.id, {
      key: 'plan',
      label: 'Plan',
      type: CustomFieldType.TEXT,
    });
    await deps.dataSource.getRepository(CustomerFieldValue).insert({
      customerId: conversation.customerId,
      fieldId: plan.id,
      workspaceId: w.workspace.id,
      value: 'Gold',
    });
    await tagCustomer(
      deps,
      await deps.dataSource.getRepository(Customer).findOneByOrFail({ id: conversation.customerId }),
      'shipping',
    );
    await deps.dataSource.getRepository(Note).insert({
      workspaceId: w.workspace.id,
      conversationId: conversation.id,
      authorId: w.agentA.agent.id,
      body: 'Carrier ticket 77 opened',
    });

    await transfer(w, conversation);
    expect(await runAiJobs(t, conversation)).toBe(1);

    const sent = requestsFor(marker);
    expect(sent.map(toolOf).sort()).toEqual(['handover_summary', 'reply_suggestions']);
    const prompt = fake.promptText(sent[0]);
    expect(prompt).toContain('mi pedido 48213 no ha llegado');
    expect(prompt).toContain('Te paso con un agente.');
    expect(prompt).toContain('Plan: Gold');
    expect(prompt).toContain('shipping');
    expect(prompt).toContain('Carrier ticket 77 opened');
    expect(prompt).toContain('English');
    for (const secret of ['lucia.perez@example.com', '300 111 2233', '573001112233']) {
      expect(prompt).not.toContain(secret);
    }
    expect(prompt).toMatch(/\[EMAIL_1\]/);
    expect(prompt).toMatch(/\[PHONE_\d\]/);

    const state = await aiState(t, conversation, w.agentB.token);
    expect(state.aiSummary).toMatchObject({
      trigger: 'AGENT_TRANSFER',
      status: 'READY',
      text: CANNED_SUMMARY.summary,
      customerRequest: CANNED_SUMMARY.customerRequest,
      openQuestions: CANNED_SUMMARY.openQuestions,
      mood: 'worried',
      provider: 'openai',
      model: 'fake-model',
      promptVersion: SUMMARY_PROMPT_VERSION,
      error: null,
      completedAt: NOW.toISOString(),
    });
    expect(state.aiSummary!.tokenUsage).toMatchObject({ totalTokens: expect.any(Number) });
    expect(state.aiSummary!.latencyMs).toEqual(expect.any(Number));
    expect(state.suggestions.map((s) => [s.rank, s.text, s.source])).toEqual(
      CANNED_REPLIES.map((text, index) => [index + 1, text, 'openai:fake-model']),
    );
    const row = await deps.dataSource
      .getRepository(AiSummary)
      .findOneByOrFail({ conversationId: conversation.id });
    const lastMessage = await deps.dataSource.query(
      'SELECT id FROM message WHERE conversation_id = $1 ORDER BY sent_at DESC LIMIT 1',
      [conversation.id],
    );
    expect(row.lastMessageId).toBe(lastMessage[0].id);

    // The ready summary is in the event log for subscribers, in the new assignee's view.
    const [event] = await deps.dataSource.query(
      `SELECT payload, assignee_id FROM event_log WHERE workspace_id = $1 AND type = 'AI_SUMMARY_READY'`,
      [w.workspace.id],
    );
    expect(event).toEqual({
      payload: { aiSummaryId: row.id, conversationId: conversation.id, status: 'READY' },
      assignee_id: w.agentB.agent.id,
    });
  });

  it('without aiRedactPii the provider sees the contact details as written', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await story(w, 'm-plain');
    await transfer(w, conversation);
    await runAiJobs(t, conversation);
    const prompt = fake.promptText(requestsFor('m-plain')[0]);
    expect(prompt).toContain('lucia.perez@example.com');
    expect((await aiState(t, conversation, w.agentB.token)).aiSummary?.status).toBe('READY');
  });

  it('running the job again changes nothing: the summary stays, no second batch', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await story(w, 'm-twice');
    await transfer(w, conversation);
    const [job] = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
    await runAiJobs(t, conversation);
    const calls = requestsFor('m-twice').length;
    t.clock.set(new Date(NOW.getTime() + 60_000));
    await t.app.deps.jobs.runNow(JobName.AI_ASSIST, parseJobData(JobName.AI_ASSIST, job!.data));
    expect(requestsFor('m-twice')).toHaveLength(calls);
    const summary = await deps.dataSource
      .getRepository(AiSummary)
      .findOneByOrFail({ conversationId: conversation.id });
    expect(summary.completedAt).toEqual(NOW);
    const batch = await deps.dataSource.getRepository(Suggestion).findBy({ conversationId: conversation.id });
    // Written on the app clock, the time line handedOffAt is on.
    expect(batch.map((s) => [s.batch, s.createdAt])).toEqual([
      [1, NOW],
      [1, NOW],
      [1, NOW],
    ]);
  });

  describe('a failing provider marks the summary FAILED and leaves the transfer alone', () => {
    it.each<[string, FakeChatReply, string, Partial<Workspace>]>([
      ['a malformed answer', { kind: 'malformed' }, 'AI_INVALID_OUTPUT', {}],
      ['a timeout', { kind: 'delay', ms: 8000 }, 'AI_TIMEOUT', { aiSuggestionsEnabled: false }],
      ['a 500', { kind: 'error', status: 500 }, 'AI_PROVIDER_UNAVAILABLE', {}],
    ])('%s', async (_name, reply, code, settings) => {
      fake.setDefault(reply);
      const w = await createTestWorkspace(deps, settings);
      const conversation = await story(w, `m-fail-${code}`);
      await transfer(w, conversation);
      await runAiJobs(t, conversation);

      const state = await aiState(t, conversation, w.agentB.token);
      expect(state.aiSummary).toMatchObject({
        status: 'FAILED',
        text: null,
        provider: 'openai',
        model: 'fake-model',
        completedAt: NOW.toISOString(),
      });
      expect(state.aiSummary!.error).toMatch(new RegExp(`^${code}: `));
      expect(state.aiSummary!.error).not.toMatch(/\n\s+at /);
      expect(state.suggestions).toEqual([]);
      await expectTransferred(w, conversation);
    });
  });

  describe('the workspace toggles decide what is written', () => {
    async function run(settings: Partial<Workspace>, marker: string) {
      const w = await createTestWorkspace(deps, settings);
      const conversation = await story(w, marker);
      await transfer(w, conversation);
      const jobs = await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id });
      await runAiJobs(t, conversation);
      return { w, conversation, jobs, state: await aiState(t, conversation, w.agentB.token) };
    }

    it('summary only', async () => {
      const { state, jobs } = await run({ aiSuggestionsEnabled: false }, 'm-summary-only');
      expect(jobs.map((job) => job.data)).toEqual([
        expect.objectContaining({ summary: true, suggestions: false }),
      ]);
      expect(state.aiSummary?.status).toBe('READY');
      expect(state.suggestions).toEqual([]);
      expect(requestsFor('m-summary-only').map(toolOf)).toEqual(['handover_summary']);
    });

    it('suggestions only', async () => {
      const { state, jobs, conversation } = await run({ aiSummaryEnabled: false }, 'm-suggestions-only');
      expect(jobs.map((job) => job.data)).toEqual([
        expect.objectContaining({ summary: false, suggestions: true, aiSummaryId: null }),
      ]);
      expect(state.aiSummary).toBeNull();
      expect(state.suggestions.map((s) => s.text)).toEqual(CANNED_REPLIES);
      expect(requestsFor('m-suggestions-only').map(toolOf)).toEqual(['reply_suggestions']);
      expect(
        await deps.dataSource.getRepository(AiSummary).countBy({ conversationId: conversation.id }),
      ).toBe(0);
    });

    it('both', async () => {
      const { state } = await run({}, 'm-both');
      expect(state.aiSummary?.status).toBe('READY');
      expect(state.suggestions).toHaveLength(3);
      expect(requestsFor('m-both').map(toolOf).sort()).toEqual(['handover_summary', 'reply_suggestions']);
    });

    it('neither: no job, no rows, no provider call', async () => {
      const { state, jobs, conversation, w } = await run(
        { aiSummaryEnabled: false, aiSuggestionsEnabled: false },
        'm-neither',
      );
      expect(jobs).toEqual([]);
      expect(state.aiSummary).toBeNull();
      expect(state.suggestions).toEqual([]);
      expect(requestsFor('m-neither')).toEqual([]);
      expect(
        await deps.dataSource.getRepository(AiSummary).countBy({ conversationId: conversation.id }),
      ).toBe(0);
      expect(
        await deps.dataSource.getRepository(Suggestion).countBy({ conversationId: conversation.id }),
      ).toBe(0);
      await expectTransferred(w, conversation);
    });
  });

  it('suggestionsRefresh tells the model what to avoid, and a provider failure is AI_UNAVAILABLE', async () => {
    const w = await createTestWorkspace(deps);
    const conversation = await story(w, 'm-refresh-remote');
    await transfer(w, conversation);
    await runAiJobs(t, conversation);
    const fresh = [
      'Let me look into order 48213 for you.',
      'I have escalated the delivery of order 48213.',
      'Thanks for waiting, Lucía; the carrier confirms it ships today.',
    ];
    fake.setDefault({ kind: 'structured', value: { replies: fresh } });
    const refreshed = await t.gql(
      SuggestionsRefreshDocument,
      { input: { conversationId: gid(conversation) } },
      w.agentB.token,
    );
    expect(refreshed.data!.suggestionsRefresh.userErrors).toEqual([]);
    expect(refreshed.data!.suggestionsRefresh.suggestions.map((s) => s.text)).toEqual(fresh);
    const last = requestsFor('m-refresh-remote').at(-1)!;
    for (const previous of CANNED_REPLIES) expect(fake.promptText(last)).toContain(previous);

    fake.setDefault({ kind: 'error', status: 500 });
    const failed = await t.gql(
      SuggestionsRefreshDocument,
      { input: { conversationId: gid(conversation) } },
      w.agentB.token,
    );
    expect(failed.data!.suggestionsRefresh.userErrors).toEqual([
      expect.objectContaining({ code: 'AI_UNAVAILABLE' }),
    ]);
    // The last good set stays current.
    expect((await aiState(t, conversation, w.agentB.token)).suggestions.map((s) => s.text)).toEqual(fresh);
  });
});

describe('AI assist with the offline default', () => {
  const t = useTestApp({
    now: NOW,
    resetClock: true,
    env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ANTHROPIC_API_KEY: '', OLLAMA_BASE_URL: '' },
  });
  const deps = t.factories;
  const w = useWorkspace(t);
  let botKey: string;

  beforeEach(async () => {
    botKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.BOT])).key;
  });

  /** A bot conversation about a late delivery, handed off to agent A and its AI job run. */
  async function handedOff(): Promise<Conversation> {
    const conversation = await createConversation(deps, w.channel, {
      handler: Handler.BOT,
      lastInboundAgoMs: 20 * 60_000,
    });
    await createMessage(deps, conversation, {
      text: 'Hola, hice el pedido 48213 hace una semana y todavía no me ha llegado. ¿Dónde está mi paquete?',
      sentAt: minutesAgo(5),
    });
    await deps.dataSource.getRepository(Template).save(
      deps.dataSource.getRepository(Template).create({
        workspaceId: w.workspace.id,
        channelAccountId: w.channel.id,
        name: 'estado_envio',
        language: 'es',
        category: TemplateCategory.UTILITY,
        status: TemplateStatus.APPROVED,
        components: [
          { type: 'BODY', text: 'Hola {{1}}, tu pedido está en camino y llegará en 24-48 horas.' },
        ],
      }),
    );
    const result = await t.gql(
      ConversationHandoffDocument,
      { input: { conversationId: gid(conversation), agentId: toGlobalId('Agent', w.agentA.agent.id) } },
      botKey,
    );
    expect(result.data!.conversationHandoff.userErrors).toEqual([]);
    await runAiJobs(t, conversation);
    return conversation;
  }

  it('a handoff gets a READY summary and three suggestions without any provider', async () => {
    const conversation = await handedOff();
    const state = await aiState(t, conversation, w.agentA.token);
    expect(state.aiSummary).toMatchObject({
      trigger: 'BOT_HANDOFF',
      status: 'READY',
      provider: 'offline',
      model: 'extractive',
      promptVersion: 'offline.v1',
      tokenUsage: null,
      error: null,
    });
    expect(state.aiSummary!.text).toContain('48213');
    expect(state.aiSummary!.customerRequest).toBeTruthy();
    expect(state.suggestions.map((s) => s.rank)).toEqual([1, 2, 3]);
    expect(new Set(state.suggestions.map((s) => s.text)).size).toBe(3);
  });

  it('suggestionsRefresh returns a new set that repeats none of the previous ones, twice in a row', async () => {
    const conversation = await handedOff();
    const first = (await aiState(t, conversation, w.agentA.token)).suggestions.map((s) => s.text);
    const refresh = () =>
      t.gql(SuggestionsRefreshDocument, { input: { conversationId: gid(conversation) } }, w.agentA.token);

    const second = await refresh();
    expect(second.data!.suggestionsRefresh.userErrors).toEqual([]);
    const secondTexts = second.data!.suggestionsRefresh.suggestions.map((s) => s.text);
    expect(secondTexts.length).toBeGreaterThan(0);
    expect(secondTexts.filter((text) => first.includes(text))).toEqual([]);
    expect((await aiState(t, conversation, w.agentA.token)).suggestions.map((s) => s.text)).toEqual(
      secondTexts,
    );

    const third = (await refresh()).data!.suggestionsRefresh.suggestions.map((s) => s.text);
    expect(third.filter((text) => [...first, ...secondTexts].includes(text))).toEqual([]);
  });

  it('messageSend with a suggestion records whether it was sent as is or edited', async () => {
    const conversation = await handedOff();
    const [best, second] = (await aiState(t, conversation, w.agentA.token)).suggestions;
    const send = (text: string, suggestionId: string) =>
      t.gql(
        MessageSendDocument,
        { input: { conversationId: gid(conversation), text, suggestionId } },
        w.agentA.token,
      );

    expect((await send(best!.text, best!.id)).data!.messageSend.userErrors).toEqual([]);
    expect((await send(`${second!.text} 🙂`, second!.id)).data!.messageSend.userErrors).toEqual([]);

    const used = (await aiState(t, conversation, w.agentA.token)).suggestions;
    expect(used.map((s) => [s.rank, s.usedAsIs, s.usedAt])).toEqual([
      [1, true, NOW.toISOString()],
      [2, false, NOW.toISOString()],
      [3, null, null],
    ]);
  });

  it('aiSummaryGenerate queues a MANUAL summary; a second click while pending returns the same one', async () => {
    const conversation = await handedOff();
    const generate = () =>
      t.gql(AiSummaryGenerateDocument, { input: { conversationId: gid(conversation) } }, w.agentA.token);
    const first = (await generate()).data!.aiSummaryGenerate;
    expect(first.userErrors).toEqual([]);
    expect(first.aiSummary).toMatchObject({
      trigger: 'MANUAL',
      status: 'PENDING',
      conversation: { id: gid(conversation) },
    });
    expect((await generate()).data!.aiSummaryGenerate.aiSummary!.id).toBe(first.aiSummary!.id);
    const before = (await aiState(t, conversation, w.agentA.token)).suggestions.map((s) => s.id);

    await runAiJobs(t, conversation);
    const state = await aiState(t, conversation, w.agentA.token);
    expect(state.aiSummary).toMatchObject({ id: first.aiSummary!.id, trigger: 'MANUAL', status: 'READY' });
    // A summary request leaves the suggestions alone.
    expect(state.suggestions.map((s) => s.id)).toEqual(before);
  });

  it('a summary whose job never finished ends FAILED after 15 minutes, announced like any outcome', async () => {
    const conversation = await createConversation(deps, w.channel, { assigneeId: w.agentA.agent.id });
    const repository = deps.dataSource.getRepository(AiSummary);
    const stale = await repository.save(
      repository.create({
        workspaceId: w.workspace.id,
        conversationId: conversation.id,
        trigger: AiTrigger.MANUAL,
        status: AiSummaryStatus.PENDING,
        createdAt: new Date(NOW.getTime() - 16 * 60_000),
      }),
    );
    const fresh = await repository.save(
      repository.create({
        workspaceId: w.workspace.id,
        conversationId: conversation.id,
        trigger: AiTrigger.MANUAL,
        status: AiSummaryStatus.PENDING,
        createdAt: new Date(NOW.getTime() - 60_000),
      }),
    );
    await t.app.deps.jobs.runNow(JobName.MAINTENANCE, {});
    expect(await repository.findOneByOrFail({ id: stale.id })).toMatchObject({
      status: AiSummaryStatus.FAILED,
      error: expect.stringMatching(/^AI_TIMEOUT/),
    });
    expect((await repository.findOneByOrFail({ id: fresh.id })).status).toBe(AiSummaryStatus.PENDING);
    const events: { n: number }[] = await deps.dataSource.query(
      `SELECT count(*)::int AS n FROM event_log WHERE workspace_id = $1 AND type = 'AI_SUMMARY_READY' AND payload->>'aiSummaryId' = $2`,
      [w.workspace.id, stale.id],
    );
    expect(events[0]!.n).toBe(1);
  });

  it('with the feature turned off both mutations answer AI_DISABLED and write nothing', async () => {
    const off = await createTestWorkspace(deps, { aiSummaryEnabled: false, aiSuggestionsEnabled: false });
    const conversation = await createConversation(deps, off.channel, { assigneeId: off.agentA.agent.id });
    const input = { conversationId: gid(conversation) };
    const summary = await t.gql(AiSummaryGenerateDocument, { input }, off.agentA.token);
    expect(summary.data!.aiSummaryGenerate).toMatchObject({
      userErrors: [expect.objectContaining({ code: 'AI_DISABLED' })],
      aiSummary: null,
    });
    const refresh = await t.gql(SuggestionsRefreshDocument, { input }, off.agentA.token);
    expect(refresh.data!.suggestionsRefresh.userErrors).toEqual([
      expect.objectContaining({ code: 'AI_DISABLED' }),
    ]);
    expect(await deps.dataSource.getRepository(AiSummary).countBy({ conversationId: conversation.id })).toBe(
      0,
    );
    expect(await enqueuedJobs(deps, JobName.AI_ASSIST, { conversationId: conversation.id })).toEqual([]);
  });

  it('an agent acts only on their own conversations and the queue; admins and write keys on any', async () => {
    const conversation = await handedOff();
    const input = { conversationId: gid(conversation) };
    const other = await t.gql(SuggestionsRefreshDocument, { input }, w.agentB.token);
    expect(other.data!.suggestionsRefresh.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_ASSIGNEE' }),
    ]);
    const otherSummary = await t.gql(AiSummaryGenerateDocument, { input }, w.agentB.token);
    expect(otherSummary.data!.aiSummaryGenerate.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_ASSIGNEE' }),
    ]);

    expect(
      (await t.gql(SuggestionsRefreshDocument, { input }, w.admin.token)).data!.suggestionsRefresh.userErrors,
    ).toEqual([]);
    const writeKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.WRITE])).key;
    expect(
      (await t.gql(SuggestionsRefreshDocument, { input }, writeKey)).data!.suggestionsRefresh.userErrors,
    ).toEqual([]);
    const readKey = (await createTestApiKey(deps, w.workspace.id, [ApiKeyScope.READ])).key;
    const refused = await t.gql(SuggestionsRefreshDocument, { input }, readKey);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
