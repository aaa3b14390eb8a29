import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../auth/password-hashing';
import { metaJson, whatsAppInboundTextWebhook } from '../channels/meta-webhook.payloads';
import { DEMO_CHANNEL_SECRETS } from '../demo/demo-channel';
import { fillDemoWorkspace } from '../demo/demo-seed';
import { AgentCredential } from '../entities/agent-credential.entity';
import { ChannelAccount } from '../entities/channel-account.entity';
import { Conversation } from '../entities/conversation.entity';
import { Customer } from '../entities/customer.entity';
import { toGlobalId } from '../entities/global-id';
import { type Agent } from '../entities/agent.entity';
import { type Workspace } from '../entities/workspace.entity';
import { JobName } from '../runtime/job-queue';
import { webhookPathOf } from '../services/channel-account/channel-account.service';
import { createWorkspace } from '../services/workspace/workspace.service';
import { FakeGraphApi, signBody } from '../testing/fake-graph-api';
import {
  describeInBrowser,
  launchChromium,
  onlyOrigins,
  screenshot,
} from '../testing/fixtures/browser.fixture';
import { startTestApp, type TestApp } from '../testing/test-app';

const PASSWORD = 'wallboard password 2026';
const SEND = `mutation($input: MessageSendInput!) { messageSend(input: $input) { message { id } userErrors { code } } }`;
const ASSIGN = `mutation($input: ConversationAssignInput!) { conversationAssign(input: $input) { userErrors { code } } }`;
const MESSAGE = `query($id: ID!) { node(id: $id) { ... on Message { status error { code title } } } }`;
const QUEUE = `{ queueStats { waiting byTray { kind count } openByAgent { name count } } trays { kind count } }`;

/** The provider refuses the next send: an error Meta answers for a number that cannot receive it. */
const UNDELIVERABLE = {
  status: 400,
  body: {
    error: {
      message: '(#131026) Message undeliverable',
      type: 'OAuthException',
      code: 131026,
      error_data: { messaging_product: 'whatsapp', details: 'Message undeliverable.' },
      fbtrace_id: 'WallboardTrace',
    },
  },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The screenshot's path, printed so whoever runs the spec can open it. */
async function shot(page: Page, name: string): Promise<string> {
  const file = await screenshot(page, name);
  process.stdout.write(`wallboard screenshot: ${file}\n`);
  return file;
}

declare const window: {
  wallboard: { state: { connection: string; connects: number; pushes: Record<string, number> } };
};
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

describeInBrowser('the wallboard at GET /dashboard, in headless Chromium', () => {
  const graph = new FakeGraphApi();
  let port: number;
  let origin: string;
  let apps: TestApp[] = [];
  let current: TestApp;
  let browser: Browser;
  let workspace: Workspace;
  let admin: Agent;
  let channel: ChannelAccount;
  let adminToken: string;
  const suffix = randomBytes(4).toString('hex');

  async function startApp(): Promise<TestApp> {
    const app = await startTestApp();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    await graph.start();
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    current = await startApp();
    await current.app.listen(port, '127.0.0.1');
    const ds = current.app.deps.dataSource;
    ({ workspace, admin } = await ds.transaction(async (tx) => {
      const made = await createWorkspace(tx, {
        name: `Wallboard demo ${suffix}`,
        adminEmail: `admin@${suffix}.wallboard.test`,
        adminName: 'Supervisora',
      });
      await fillDemoWorkspace(
        tx,
        made.workspace,
        made.admin,
        current.app.deps.secretBox,
        current.clock.now(),
        graph.url,
        `${suffix}.wallboard.test`,
      );
      return made;
    }));
    channel = await ds.getRepository(ChannelAccount).findOneByOrFail({ workspaceId: workspace.id });
    await ds.getRepository(AgentCredential).insert({
      agentId: admin.id,
      workspaceId: workspace.id,
      passwordHash: await hashPassword(PASSWORD),
      passwordChangedAt: current.clock.now(),
    });
    const signedIn = await current.gql(
      'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken } }',
      { input: { email: admin.email, password: PASSWORD } },
    );
    adminToken = (signedIn.data as any).sessionCreate.accessToken;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.close().catch(() => undefined);
    apps = [];
    await graph.stop();
  });

  async function conversationOf(name: string): Promise<string> {
    const ds = current.app.deps.dataSource;
    const customer = await ds.getRepository(Customer).findOneByOrFail({ workspaceId: workspace.id, name });
    const conversation = await ds
      .getRepository(Conversation)
      .findOneByOrFail({ workspaceId: workspace.id, customerId: customer.id });
    return toGlobalId('Conversation', conversation.id);
  }

  /** A customer writes on WhatsApp: Meta's signed webhook, then its processing job. */
  async function customerWrites(app: TestApp, from: string, text: string): Promise<void> {
    const raw = metaJson(
      whatsAppInboundTextWebhook({ phoneNumberId: channel.externalId, from, text, at: app.clock.now() }),
    );
    const response = await app
      .http()
      .post(webhookPathOf(channel))
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody(DEMO_CHANNEL_SECRETS.appSecret, raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
    await app.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  }

  /** The admin answers and the provider refuses: the message FAILED with its error (the red triangle). */
  async function failedSend(app: TestApp, conversationId: string, text: string) {
    graph.failNext(/\/messages$/, UNDELIVERABLE);
    const sent = await app.gql(SEND, { input: { conversationId, text } }, adminToken);
    const messageId = (sent.data as any).messageSend.message.id as string;
    await app.app.deps.jobs.drain(JobName.MESSAGE_SEND);
    const message = (await app.gql(MESSAGE, { id: messageId }, adminToken)).data as any;
    expect(message.node).toMatchObject({ status: 'FAILED', error: { title: expect.any(String) } });
    return { messageId, title: message.node.error.title as string };
  }

  const countOf = (page: Page, selector: string) =>
    page.evaluate((css) => document.querySelector(css)?.textContent ?? null, selector);
  const waitForText = (page: Page, selector: string, text: string) =>
    page.waitForFunction(
      ([css, expected]) => document.querySelector(css!)?.textContent === expected,
      [selector, text],
    );

  it('signs in, shows the demo’s figures, follows a webhook and a failed send, and recovers after a restart', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    const refused = await onlyOrigins(page, [origin]);
    try {
      const response = await page.goto(`${origin}/dashboard`);
      expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
      await page.waitForSelector('#signin:not([hidden])');
      // The browser's language: Spanish.
      expect(await countOf(page, '#signin h2')).toBe('Entrar al panel');

      // The sign-in flow (sessionCreate), as a supervisor would.
      await page.fill('#email', admin.email);
      await page.fill('#password', PASSWORD);
      await page.click('#signin-password button[type=submit]');
      await page.waitForFunction(() => window.wallboard.state.connection === 'connected');

      // The demo's figures, equal to what the API answers: V2 ACTIVE 2, EXPIRED 1, OUTGOING 1; one waiting.
      const figures = (await current.gql(QUEUE, {}, adminToken)).data as any;
      const tray = (kind: string) => figures.trays.find((entry: any) => entry.kind === kind).count;
      expect([tray('ACTIVE'), tray('EXPIRED'), tray('OUTGOING'), figures.queueStats.waiting]).toEqual([
        2, 1, 1, 1,
      ]);
      await waitForText(page, '[data-tray="ACTIVE"] .count', '2');
      await waitForText(page, '[data-tray="EXPIRED"] .count', '1');
      await waitForText(page, '[data-tray="OUTGOING"] .count', '1');
      await waitForText(page, '#queue-waiting', '1');
      await waitForText(page, '[data-status="OFFLINE"] .count', '3');
      expect(await countOf(page, '[data-tray="EXPIRED"] .label')).toBe('Vencidas');
      const loads = await page.$$eval('#agents tr', (rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
      );
      expect(loads).toEqual(
        expect.arrayContaining([
          ['Ana López', 'Desconectado', '2'],
          ['Bruno Silva', 'Desconectado', '2'],
        ]),
      );
      await shot(page, 'wallboard-1-signed-in');

      // John Miller (EXPIRED, 30 h without writing) writes: his window reopens, EXPIRED → ACTIVE.
      await customerWrites(current, '14155550123', 'Hi again, any news on the Business plan?');
      await waitForText(page, '[data-tray="ACTIVE"] .count', '3');
      await waitForText(page, '[data-tray="EXPIRED"] .count', '0');
      await shot(page, 'wallboard-2-after-webhook');

      // A send the provider refuses: a red triangle with the error's title.
      const first = await failedSend(current, await conversationOf('Lucía Fernández'), 'Ya va en camino.');
      await page.waitForSelector(`#failures .failure[data-message="${first.messageId}"]`);
      expect(await countOf(page, `#failures .failure[data-message="${first.messageId}"] .title`)).toBe(
        first.title,
      );
      expect(await countOf(page, `#failures .failure[data-message="${first.messageId}"] .customer`)).toBe(
        'Lucía Fernández',
      );
      await shot(page, 'wallboard-3-red-triangle');

      // Switch to Portuguese: the labels change, the figures stay.
      await page.selectOption('#language', 'pt');
      await waitForText(page, '[data-tray="EXPIRED"] .label', 'Expiradas');
      expect(await countOf(page, '[data-tray="ACTIVE"] .count')).toBe('3');

      // The server stops: the wallboard says so and keeps trying.
      await current.close();
      await page.waitForFunction(() => window.wallboard.state.connection === 'reconnecting');
      await shot(page, 'wallboard-4-server-down');

      // A new process over the same database; before it listens, work goes on elsewhere: Mariana
      // (the one waiting) is assigned to Ana, and another send fails.
      const restarted = await startApp();
      current = restarted;
      const ana = (await restarted.gql('{ agents { id name } }', {}, adminToken)).data as any;
      const anaId = ana.agents.find((agent: any) => agent.name === 'Ana López').id;
      const assigned = await restarted.gql(
        ASSIGN,
        { input: { conversationId: await conversationOf('Mariana Souza'), agentId: anaId } },
        adminToken,
      );
      expect((assigned.data as any).conversationAssign.userErrors).toEqual([]);
      const second = await failedSend(restarted, await conversationOf('Carlos Pérez'), '¿Me confirmas?');
      await restarted.app.listen(port, '127.0.0.1');

      // It reconnects by itself, resumes the failures after the last one it showed (the missed one
      // arrives, the first is not repeated) and takes fresh figures.
      await page.waitForFunction(
        () => window.wallboard.state.connection === 'connected' && window.wallboard.state.connects >= 2,
      );
      await page.waitForSelector(`#failures .failure[data-message="${second.messageId}"]`);
      await waitForText(page, '#queue-waiting', '0');
      await waitForText(page, '[data-tray="ACTIVE"] .count', '4');
      const anaRow = await page.$$eval('#agents tr', (rows) =>
        rows
          .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))
          .find((cells) => cells[0] === 'Ana López'),
      );
      expect(anaRow).toEqual(['Ana López', 'Desconectado', '3']);
      expect(await page.$$eval('#failures .failure', (items) => items.length)).toBe(2);
      await shot(page, 'wallboard-5-recovered');

      // Nothing came from anywhere but this server, and the policy blocked nothing the page needed.
      expect(refused).toEqual([]);
      expect(console.filter((line) => /Content Security Policy|Refused to/.test(line))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('signs in with a token, and refuses one that is not', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/dashboard`);
      await page.waitForSelector('#signin:not([hidden])');
      await page.fill('#token', 'ots_not-a-token');
      await page.click('#signin-token button[type=submit]');
      await waitForText(page, '#signin-error', 'That token was refused.');
      await page.fill('#token', adminToken);
      await page.click('#signin-token button[type=submit]');
      await page.waitForFunction(() => window.wallboard.state.connection === 'connected');
      await page.waitForSelector('[data-tray="ACTIVE"] .count');
      expect(await countOf(page, '#workspace')).toBe(`Wallboard demo ${suffix}`);
    } finally {
      await context.close();
    }
  }, 60_000);
});
