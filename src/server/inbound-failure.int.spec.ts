import { useTestApp, useWorkspace } from '../testing/test-lifecycle';
import { signBody } from '../testing/fake-graph-api';
import { JobName } from '../runtime/job-queue';
import { toGlobalId } from '../entities/global-id';

/** What cannot be processed is kept, with its error, where agents can see it. */
describe('inbound events that cannot be processed', () => {
  const t = useTestApp();
  const w = useWorkspace(t, { scope: 'suite' });

  const path = () => `/webhooks/whatsapp/${w.channel.id}`;
  const post = (raw: string) =>
    t
      .http()
      .post(path())
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signBody('test-app-secret', raw))
      .send(raw);

  const textMessage = (id: string, text: string) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550101234', phone_number_id: w.channel.externalId },
              contacts: [{ profile: { name: 'Ana' }, wa_id: '5491100000001' }],
              messages: [
                {
                  from: '5491100000001',
                  id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });

  it('a signed body that is not JSON is answered 200, kept, and listed with its error', async () => {
    const response = await post('{"object": "whatsapp_business_account", "entry": [');
    expect(response.status).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    const result = await t.gql(
      `{ inboundFailures(first: 10) { channel channelAccountId errorCode error body attempts } }`,
      {},
      w.agentA.token,
    );
    expect((result.data as any).inboundFailures).toEqual([
      {
        channel: 'WHATSAPP',
        channelAccountId: toGlobalId('ChannelAccount', w.channel.id),
        errorCode: 'INVALID_BODY',
        error: expect.stringMatching(/JSON/i),
        body: '{"object": "whatsapp_business_account", "entry": [',
        attempts: 1,
      },
    ]);
  });

  it('a text with a NUL or a lone surrogate is stored with U+FFFD in their place, not failed', async () => {
    // Escaped in the JSON as Meta would send them; PostgreSQL can store neither.
    const body = JSON.stringify(textMessage('wamid.nul-1', 'Hola\u0000 \ud83d!'));
    expect(body).toContain('Hola\\u0000');
    expect((await post(body)).status).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    const rows = (await t.app.deps.dataSource.query(
      `SELECT text FROM message WHERE channel_account_id = $1 AND external_id = 'wamid.nul-1'`,
      [w.channel.id],
    )) as { text: string }[];
    expect(rows).toEqual([{ text: 'Hola\uFFFD \uFFFD!' }]);
  });

  it('an event the database refuses is listed EVENT_FAILED with a short reason, never the database error', async () => {
    // The database refuses this one message, in its own words, as a constraint or a bad value would.
    await t.app.deps.dataSource.query(`
      CREATE FUNCTION refuse_test_message() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.external_id = 'wamid.refused-1' THEN
          RAISE EXCEPTION 'internal detail: relation secret_table refused';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_test_message BEFORE INSERT ON message
        FOR EACH ROW EXECUTE FUNCTION refuse_test_message();`);
    const warned: string[] = [];
    const warn = t.app.deps.logger.warn;
    t.app.deps.logger.warn = (message: string, fields?: Record<string, unknown>) =>
      void warned.push(`${message} ${JSON.stringify(fields)}`);
    try {
      const body = JSON.stringify(textMessage('wamid.refused-1', 'Hola'));
      expect((await post(body)).status).toBe(200);
      await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS).catch(() => undefined);
      const result = await t.gql(`{ inboundFailures(first: 10) { errorCode error } }`, {}, w.agentA.token);
      const failure = (result.data as any).inboundFailures.find(
        (entry: { errorCode: string }) => entry.errorCode === 'EVENT_FAILED',
      );
      expect(failure).toEqual({
        errorCode: 'EVENT_FAILED',
        error: '1 of 1 events (message) could not be applied; retried automatically.',
      });
      expect(JSON.stringify(result)).not.toMatch(/secret_table|internal detail|QueryFailed/);
      // Operators find the database's own words in the log, with the webhook's id.
      expect(warned.some((line) => /webhook events failed/.test(line) && /secret_table/.test(line))).toBe(
        true,
      );
    } finally {
      t.app.deps.logger.warn = warn;
      await t.app.deps.dataSource.query(`
        DROP TRIGGER refuse_test_message ON message;
        DROP FUNCTION refuse_test_message();`);
    }
  });

  it('a customer message the provider could not deliver to us (131051) is stored FAILED with its error', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550101234', phone_number_id: w.channel.externalId },
                contacts: [{ profile: { name: 'Ana' }, wa_id: '5491100000000' }],
                messages: [
                  {
                    from: '5491100000000',
                    id: 'wamid.unsupported-1',
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'unsupported',
                    errors: [
                      {
                        code: 131051,
                        title: 'Message type unknown',
                        message: 'Message type unknown',
                        error_data: { details: 'Message type is currently not supported.' },
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect((await post(body)).status).toBe(200);
    await t.app.deps.jobs.drain(JobName.WEBHOOK_PROCESS);
    const result = await t.gql(
      `{ conversations(first: 5) { nodes { lastMessage { type status error { code providerCode retryable } } } } }`,
      {},
      w.admin.token,
    );
    expect((result.data as any).conversations.nodes).toContainEqual({
      lastMessage: {
        type: 'UNSUPPORTED',
        status: 'FAILED',
        error: expect.objectContaining({ providerCode: '131051', retryable: false }),
      },
    });
  });
});
