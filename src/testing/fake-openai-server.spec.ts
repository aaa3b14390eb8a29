import { startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';

interface CompletionJson {
  choices: {
    message: { content: string | null; tool_calls?: { function: { name: string; arguments: string } }[] };
    finish_reason: string;
  }[];
  error?: { type: string };
}

const json = async (res: Response | Promise<Response>) => (await (await res).json()) as CompletionJson;

describe('fake OpenAI server', () => {
  let fake: FakeOpenAiServer;
  beforeEach(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterEach(() => fake.close());

  const post = (path: string, body: unknown) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify(body),
    });

  it('answers a content reply in the chat completion format and records the request', async () => {
    fake.enqueue({ kind: 'content', content: 'Hola', usage: { promptTokens: 10, completionTokens: 2 } });
    const res = await post('/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hola' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].headers.authorization).toBe('Bearer sk-test');
    expect(fake.promptText()).toBe('hi');
  });

  it('answers structured values as a call of the tool the client forced, or as JSON content', async () => {
    const tools = [
      { type: 'function', function: { name: 'other' } },
      { type: 'function', function: { name: 'x' } },
    ];
    fake.enqueue({ kind: 'structured', value: { a: 1 } }, { kind: 'structured', value: { b: 2 } });
    const withTools = await json(
      post('/chat/completions', {
        messages: [],
        tools,
        tool_choice: { type: 'function', function: { name: 'x' } },
      }),
    );
    expect(withTools.choices[0].finish_reason).toBe('tool_calls');
    expect(withTools.choices[0].message.tool_calls?.[0].function).toEqual({
      name: 'x',
      arguments: '{"a":1}',
    });
    const withoutTools = await json(post('/v1/chat/completions', { messages: [] }));
    expect(JSON.parse(withoutTools.choices[0].message.content ?? '')).toEqual({ b: 2 });
  });

  it('scripts malformed answers, HTTP errors and a default', async () => {
    fake.enqueue({ kind: 'malformed' }, { kind: 'error', status: 500 });
    fake.setDefault({ kind: 'content', content: 'default' });
    const malformed = await json(post('/v1/chat/completions', { messages: [] }));
    expect(() => JSON.parse(malformed.choices[0].message.content ?? '')).toThrow();
    const failed = await post('/v1/chat/completions', { messages: [] });
    expect(failed.status).toBe(500);
    expect((await json(failed)).error?.type).toBe('server_error');
    const fallback = await json(post('/v1/chat/completions', { messages: [] }));
    expect(fallback.choices[0].message.content).toBe('default');
  });

  it('delays an answer past a client that gives up, and closes with the request pending', async () => {
    fake.enqueue({ kind: 'delay', ms: 60_000 });
    // The client gives up once the fake holds its request, not after some time that a loaded
    // machine may need just to deliver it.
    const controller = new AbortController();
    const answer = fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ messages: [] }),
      signal: controller.signal,
    });
    await fake.received(1);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses unknown paths and invalid JSON like the real API', async () => {
    expect((await post('/v1/completions', {})).status).toBe(404);
    const bad = await fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
  });
});
