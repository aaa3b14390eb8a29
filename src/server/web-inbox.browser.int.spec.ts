import { type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../auth/password-hashing';
import { metaJson, whatsAppInboundTextWebhook } from '../channels/meta-webhook.payloads';
import { AgentCredential } from '../entities/agent-credential.entity';
import { JobName } from '../runtime/job-queue';
import { webhookPathOf } from '../services/channel-account/channel-account.service';
import { signBody } from '../testing/fake-graph-api';
import {
  describeInBrowser,
  launchChromium,
  onlyOrigins,
  startWebInboxSite,
  type StaticSite,
} from '../testing/fixtures/browser.fixture';
import { headCursor } from '../testing/fixtures/subscription.fixture';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

/** What the page's `window.inbox` exposes (src/testing/fixtures/web-inbox/inbox.js). */
interface InboxState {
  session: { accessToken: string; refreshToken: string } | null;
  pushes: { data?: { trayChanged: { to: string | null; conversation: { id: string } } } }[];
  errors: string[];
  connected: number;
  closes: (number | null)[];
  pongs: number;
}
interface Answer {
  status?: number;
  requestId?: string | null;
  body?: { data?: Record<string, any>; errors?: unknown[] };
  failed?: string;
  renewedOnSocket?: boolean;
}
/** The page's global, as the functions given to `page.evaluate` see it in the browser. */
declare const window: {
  inbox: {
    state: InboxState;
    signIn(email: string, password: string): Promise<Answer>;
    trays(): Promise<Answer>;
    follow(token?: string, after?: string): void;
    refresh(): Promise<Answer>;
  };
};

describeInBrowser('a web inbox on another origin, in headless Chromium', () => {
  let allowed: StaticSite;
  let offList: StaticSite;
  beforeAll(async () => {
    [allowed, offList] = await Promise.all([startWebInboxSite(), startWebInboxSite()]);
  });
  afterAll(async () => {
    await Promise.all([allowed?.close(), offList?.close()]);
  });

  const t = useTestApp({ env: () => ({ CORS_ORIGINS: allowed.origin }) });
  const w = useWorkspace(t, { scope: 'suite', settings: { botEnabled: false } });
  let browser: Browser;
  let apiUrl: string;

  beforeAll(async () => {
    apiUrl = (await t.wsUrl()).replace(/^ws/, 'http');
    const admin = w.admin.agent;
    await t.app.deps.dataSource.getRepository(AgentCredential).insert({
      agentId: admin.id,
      workspaceId: admin.workspaceId,
      passwordHash: await hashPassword(PASSWORD),
      passwordChangedAt: t.clock.now(),
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A customer writes on WhatsApp: Meta's signed webhook, then its processing job. */
  async function customerWrites(from: string, text: string): Promise<void> {
    const raw = metaJson(
      whatsAppInboundTextWebhook({ phoneNumberId: w.channel.externalId, from, text, at: t.clock.now() }),
    );
    const response = await t
      .http()
      .post(webhookPathOf(w.channel))
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody('test-app-secret', raw))
      .send(raw.toString('utf8'));
    expect(response.status).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
  }

  async function openInbox(site: StaticSite): Promise<{ page: Page; refused: string[]; console: string[] }> {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    const refused = await onlyOrigins(page, [site.origin, new URL(apiUrl).origin]);
    await page.goto(`${site.origin}/?api=${encodeURIComponent(apiUrl)}`);
    await page.waitForFunction(() => 'inbox' in window);
    return { page, refused, console };
  }

  const state = (page: Page) => page.evaluate(() => window.inbox.state);

  it('signs in, lists the trays, receives a trayChanged push and refreshes its token on the open socket', async () => {
    const { page, refused } = await openInbox(allowed);
    try {
      const signed = await page.evaluate(
        ([email, password]) => window.inbox.signIn(email!, password!),
        [w.admin.agent.email, PASSWORD],
      );
      expect(signed).toMatchObject({ status: 200, body: { data: { sessionCreate: { userErrors: [] } } } });
      // An exposed header: the page can quote the request id.
      expect(signed.requestId).toMatch(/.+/);

      const trays = await page.evaluate(() => window.inbox.trays());
      expect(trays.status).toBe(200);
      expect(trays.body?.errors).toBeUndefined();
      expect(trays.body?.data?.trays.length).toBeGreaterThan(0);

      // From the head of the log, so nothing committed once the socket is up can be missed.
      const after = await headCursor(t.app.deps, w.workspace.id);
      await page.evaluate((cursor) => window.inbox.follow(undefined, cursor), after);
      await page.waitForFunction(() => window.inbox.state.connected === 1);

      await customerWrites('5215500000001', 'Hola, ¿me ayudan con mi pedido?');
      await page.waitForFunction(() => window.inbox.state.pushes.length > 0);
      const first = (await state(page)).pushes[0]!;
      expect(first.data?.trayChanged).toMatchObject({ to: expect.any(String) });

      // Ten minutes in, the page refreshes (access tokens live 15) and renews its socket.
      t.clock.advance(10 * MINUTE);
      const oldToken = (await state(page)).session!.accessToken;
      const refreshed = await page.evaluate(() => window.inbox.refresh());
      expect(refreshed).toMatchObject({
        status: 200,
        body: { data: { sessionRefresh: { userErrors: [] } } },
        renewedOnSocket: true,
      });
      expect((await state(page)).session!.accessToken).not.toBe(oldToken);

      // Past the first token's expiry the server's credential check keeps the socket: it holds the
      // renewed token. The same socket goes on delivering.
      t.clock.advance(6 * MINUTE);
      await t.app.websocket.recheckPrincipals();
      const pushesSoFar = (await state(page)).pushes.length;
      await customerWrites('5215500000002', 'Buenas tardes');
      await page.waitForFunction((count) => window.inbox.state.pushes.length > count, pushesSoFar);
      const final = await state(page);
      const conversations = new Set(final.pushes.map((push) => push.data?.trayChanged.conversation.id));
      expect(conversations.size).toBe(2);
      expect(final).toMatchObject({ connected: 1, closes: [], errors: [] });
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the same page on an origin off the list is refused: its fetch fails CORS and its WebSocket is refused', async () => {
    const { page, refused, console } = await openInbox(offList);
    try {
      const signed = await page.evaluate(
        ([email, password]) => window.inbox.signIn(email!, password!),
        [w.admin.agent.email, PASSWORD],
      );
      expect(signed.failed).toMatch(/TypeError/);
      expect(console.some((line) => /blocked by CORS policy/.test(line))).toBe(true);

      // A valid token does not help: the upgrade is refused for the Origin alone.
      await page.evaluate((token) => window.inbox.follow(token), w.admin.token);
      await page.waitForFunction(() => window.inbox.state.closes.length > 0);
      const final = await state(page);
      expect(final.connected).toBe(0);
      expect(final.pushes).toEqual([]);
      expect(console.some((line) => /Unexpected response code: 403/.test(line))).toBe(true);
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
