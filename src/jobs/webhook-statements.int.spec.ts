import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { FakeGraphApi, metaJson, signBody, whatsAppInboundTextWebhook } from '../testing/fake-graph-api';
import { JobName } from '../runtime/job-queue';
import { countStatements } from '../testing/query-counter';
import { Message } from '../entities/message.entity';

const APP_SECRET = 'wa-app-secret';
const ACCESS_TOKEN = 'EAAG-test-token';
const CONNECT = `mutation($input: ChannelConnectInput!) {
  channelConnect(input: $input) { channelAccount { id externalId webhookPath } userErrors { code message field } }
}`;

/**
 * What one customer message costs the database, from the delivery to its stored row: the intake
 * (signature, body and job in one commit) and the processing job (customer, conversation under
 * lock, message, event log). Under a sustained 100 webhooks a second each statement is a round
 * trip the job lane waits for, so the counts are held here.
 */
describe('webhook statements per customer message', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { settings: { botEnabled: false } });
  let graph: FakeGraphApi;
  beforeAll(async () => {
    graph = new FakeGraphApi({ accessTokens: [ACCESS_TOKEN] });
    await graph.start();
  });
  afterAll(() => graph.stop());

  it('takes 4 statements to acknowledge and at most 20 to process a message of an open conversation', async () => {
    const connected = await t.gql(
      CONNECT,
      {
        input: {
          kind: 'WHATSAPP',
          name: 'Ventas',
          externalId: `pn${Date.now()}`,
          accessToken: ACCESS_TOKEN,
          appSecret: APP_SECRET,
          verifyToken: 'verify',
          wabaId: 'waba-1',
          apiBaseUrl: graph.url,
        },
      },
      w.admin.token,
    );
    expect(connected.errors).toBeUndefined();
    const account = (
      connected.data as { channelConnect: { channelAccount: { externalId: string; webhookPath: string } } }
    ).channelConnect.channelAccount;
    const deliver = (text: string) => {
      const raw = metaJson(
        whatsAppInboundTextWebhook({ phoneNumberId: account.externalId, from: '5215512345678', text }),
      );
      return t
        .http()
        .post(account.webhookPath)
        .set('content-type', 'application/json')
        .set('x-hub-signature-256', signBody(APP_SECRET, raw))
        .send(raw.toString('utf8'));
    };
    const process = () => t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);

    const intake = await countStatements(() => deliver('hola'));
    expect(intake.result.status).toBe(200);
    expect(intake.statements).toHaveLength(4);
    await process();
    await deliver('¿y mi pedido?');
    const processing = await countStatements(process);
    expect(processing.result).toBe(1);
    const texts = await t.app.deps.dataSource
      .getRepository(Message)
      .find({ where: { workspaceId: w.workspace.id }, order: { sentAt: 'ASC', createdAt: 'ASC' } });
    expect(texts.map((message) => message.text)).toEqual(['hola', '¿y mi pedido?']);
    // The job queue's fetch and completion run on its own connections and are not counted.
    expect(processing.statements.length).toBeLessThanOrEqual(20);
  });
});
