import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one chat completion request. */
export type FakeChatReply =
  /** The value as the client asked for it: a tool call when it sent tools, JSON content otherwise. */
  | { kind: 'structured'; value: unknown; usage?: FakeUsage }
  | { kind: 'content'; content: string; usage?: FakeUsage }
  | { kind: 'toolCall'; name?: string; arguments: unknown; usage?: FakeUsage }
  /** Broken JSON where the client expects the answer. */
  | { kind: 'malformed' }
  /** Waits, then answers `then` (by default a plain content answer) unless the client gave up first. */
  | { kind: 'delay'; ms: number; then?: FakeChatReply }
  | { kind: 'error'; status: number; message?: string; type?: string; code?: string }
  /**
   * Picks the answer by the tool the client asked for (e.g. `handover_summary`), so concurrent or
   * interleaved callers each get theirs whatever the order; `otherwise` for anything else.
   */
  | { kind: 'byTool'; replies: Record<string, FakeChatReply>; otherwise?: FakeChatReply };

export interface FakeUsage {
  promptTokens?: number;
  completionTokens?: number;
}

export interface RecordedChatRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (model, messages, tools, tool_choice, response_format…). */
  body: ChatCompletionBody;
}

export interface ChatCompletionBody {
  model?: string;
  messages?: { role: string; content: unknown; tool_calls?: unknown }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
  stream?: boolean;
  [key: string]: unknown;
}

export interface FakeOpenAiServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** What an OpenAI client takes as `baseURL`: `${url}/v1`. */
  readonly baseUrl: string;
  /** Every chat completion request received, oldest first. */
  readonly requests: RecordedChatRequest[];
  /** Resolves once `count` chat completion requests have been received (and recorded). */
  received(count?: number): Promise<void>;
  /** Answers for the next requests, one each, in order. */
  enqueue(...replies: FakeChatReply[]): void;
  /** The answer once the queue is empty. */
  setDefault(reply: FakeChatReply): void;
  /** All text of the messages of a request, for assertions on what was sent. */
  promptText(request?: RecordedChatRequest): string;
  close(): Promise<void>;
}

const DEFAULT_REPLY: FakeChatReply = { kind: 'content', content: 'OK' };

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': `req_fake_${Date.now()}`,
  });
  res.end(payload);
}

function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

function toolNameOf(body: ChatCompletionBody): string | undefined {
  const choice = body.tool_choice as { function?: { name?: string } } | undefined;
  return choice?.function?.name ?? body.tools?.[0]?.function.name;
}

/**
 * A local server speaking the OpenAI Chat Completions protocol, so the real client code runs in
 * tests: it records each request and answers from a script.
 */
export async function startFakeOpenAiServer(
  options: { defaultReply?: FakeChatReply } = {},
): Promise<FakeOpenAiServer> {
  const requests: RecordedChatRequest[] = [];
  const queue: FakeChatReply[] = [];
  let defaultReply = options.defaultReply ?? DEFAULT_REPLY;
  let counter = 0;
  const timers = new Set<NodeJS.Timeout>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const record = (request: RecordedChatRequest) => {
    requests.push(request);
    for (const waiter of waiters.filter((item) => item.count <= requests.length)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  function complete(res: ServerResponse, body: ChatCompletionBody, reply: FakeChatReply): void {
    if (res.destroyed || res.writableEnded) return;
    switch (reply.kind) {
      case 'byTool': {
        const name = toolNameOf(body);
        complete(res, body, (name && reply.replies[name]) || reply.otherwise || DEFAULT_REPLY);
        return;
      }
      case 'error':
        sendJson(
          res,
          reply.status,
          errorBody(
            reply.message ?? 'The server had an error while processing your request.',
            reply.type ?? 'server_error',
            reply.code,
          ),
        );
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          complete(res, body, reply.then ?? DEFAULT_REPLY);
        }, reply.ms);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      default:
        sendJson(res, 200, completion(body, reply));
    }
  }

  function completion(
    body: ChatCompletionBody,
    reply: Exclude<FakeChatReply, { kind: 'error' | 'delay' | 'byTool' }>,
  ) {
    const id = ++counter;
    const wantsTool = (body.tools?.length ?? 0) > 0;
    let content: string | null = null;
    let toolCall: { name: string; arguments: string } | undefined;
    let usage: FakeUsage | undefined;
    switch (reply.kind) {
      case 'structured':
        usage = reply.usage;
        if (wantsTool)
          toolCall = { name: toolNameOf(body) ?? 'extract', arguments: JSON.stringify(reply.value) };
        else content = JSON.stringify(reply.value);
        break;
      case 'toolCall':
        usage = reply.usage;
        toolCall = {
          name: reply.name ?? toolNameOf(body) ?? 'extract',
          arguments: typeof reply.arguments === 'string' ? reply.arguments : JSON.stringify(reply.arguments),
        };
        break;
      case 'content':
        usage = reply.usage;
        content = reply.content;
        break;
      case 'malformed':
        if (wantsTool)
          toolCall = { name: toolNameOf(body) ?? 'extract', arguments: '{"summary": "The customer wa' };
        else content = 'Sure! Here is the summary: {"summary": "The customer wa';
        break;
    }
    const promptTokens = usage?.promptTokens ?? estimateTokens(JSON.stringify(body.messages ?? []));
    const completionTokens = usage?.completionTokens ?? estimateTokens(toolCall?.arguments ?? content ?? '');
    return {
      id: `chatcmpl-fake-${id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'fake-model',
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content,
            refusal: null,
            ...(toolCall
              ? { tool_calls: [{ id: `call_fake_${id}`, type: 'function', function: toolCall }] }
              : {}),
          },
          logprobs: null,
          finish_reason: toolCall ? 'tool_calls' : 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  }

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'fake-model', object: 'model', owned_by: 'omnitray' }],
      });
      return;
    }
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/chat/completions')) {
      sendJson(
        res,
        404,
        errorBody(`Unknown request URL: ${req.method} ${path}`, 'invalid_request_error', 'unknown_url'),
      );
      return;
    }
    let body: ChatCompletionBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatCompletionBody;
    } catch {
      sendJson(
        res,
        400,
        errorBody('We could not parse the JSON body of your request.', 'invalid_request_error'),
      );
      return;
    }
    record({ method: req.method, path, headers: req.headers, body });
    if (body.stream) {
      sendJson(res, 400, errorBody('This fake server does not stream.', 'invalid_request_error'));
      return;
    }
    complete(res, body, queue.shift() ?? defaultReply);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    received: (count = 1) =>
      count <= requests.length
        ? Promise.resolve()
        : new Promise<void>((resolve) => void waiters.push({ count, resolve })),
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      defaultReply = reply;
    },
    promptText: (request = requests[requests.length - 1]) =>
      (request?.body.messages ?? [])
        .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
        .join('\n'),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
