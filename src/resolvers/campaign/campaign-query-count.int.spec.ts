import { Campaign, CampaignStatus } from '../../entities/campaign.entity';
import { CampaignRecipient, RecipientStage } from '../../entities/campaign-recipient.entity';
import { Tag } from '../../entities/tag.entity';
import { Template } from '../../entities/template.entity';
import {
  MessageDirection,
  MessageSender,
  MessageStatus,
  MessageType,
  TemplateCategory,
  TemplateStatus,
} from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { useTestApp } from '../../testing/test-lifecycle';
import {
  createConversation,
  createCustomer,
  createMessage,
  createTestWorkspace,
  tagCustomer,
  type FactoryDeps,
  type TestWorkspace,
} from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';

const CUSTOMERS = 50;

const CAMPAIGNS_PAGE = `query ($first: Int!) {
  campaigns(first: $first) {
    totalCount
    nodes {
      id
      name
      totals { total queued sent delivered skipped accepted }
      template { name }
      channelAccount { id }
      assignee { name }
      optOutTag { name }
      recipients(first: 3) {
        totalCount
        nodes {
          id
          status
          error { code }
          customer { name }
          message { status }
          conversation { id assignee { name } }
        }
      }
    }
  }
}`;

const CAMPAIGN_RECIPIENTS = `query ($id: ID!, $first: Int!) {
  campaign(id: $id) {
    id
    totals { total delivered }
    recipients(first: $first) {
      totalCount
      pageInfo { hasNextPage }
      nodes {
        id
        status
        error { code }
        customer { name tags { name } }
        message { status text }
        conversation { id status trays { v2 } assignee { name } lastMessage { text } customer { name } }
      }
    }
  }
}`;

interface Seeded {
  w: TestWorkspace;
  big: Campaign;
}

/**
 * 50 customers, each with a conversation (every other one assigned) and two outbound template
 * messages; one campaign sent to all of them, and 50 small campaigns of three recipients (sent,
 * queued, skipped). Campaigns and the big campaign's recipients are written one instant apart, in
 * order, so every page starts with the same rows, assigned and unassigned conversations among them:
 * with one timestamp the pages would be in id order, random, and a small page could hold no
 * assigned conversation and so skip a statement the large one makes.
 */
async function seed(deps: FactoryDeps): Promise<Seeded> {
  const w = await createTestWorkspace(deps);
  const workspaceId = w.workspace.id;
  const template = await deps.dataSource.getRepository(Template).save({
    workspaceId,
    channelAccountId: w.channel.id,
    name: 'promo',
    language: 'es',
    category: TemplateCategory.MARKETING,
    status: TemplateStatus.APPROVED,
    components: [{ type: 'BODY', text: 'Hola, hay descuento.' }],
  });
  const optOutTagId = (await deps.dataSource.getRepository(Tag).save({ workspaceId, name: 'promo' })).id;
  // Each customer's rows are written in a chain of their own, the chains side by side: one after
  // the other, the thousand statements outlast the hook's time on a loaded machine.
  const people = await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, index) => {
      const customer = await createCustomer(deps, w.channel);
      await tagCustomer(deps, customer, 'promo');
      const conversation = await createConversation(deps, w.channel, {
        customer,
        assigneeId: index % 2 === 0 ? w.agentA.agent.id : null,
      });
      const sent = () =>
        createMessage(deps, conversation, {
          direction: MessageDirection.OUTBOUND,
          sender: MessageSender.SYSTEM,
          type: MessageType.TEMPLATE,
          text: `Hola ${index}`,
          status: MessageStatus.DELIVERED,
        });
      const [first, second] = [await sent(), await sent()];
      return {
        customerId: conversation.customerId,
        conversationId: conversation.id,
        messageIds: [first.id, second.id] as [string, string],
      };
    }),
  );
  const campaigns = deps.dataSource.getRepository(Campaign);
  const start = deps.now().getTime();
  const instant = (index: number) => new Date(start + index * 1000);
  const campaignRow = (name: string, createdAt: Date) => ({
    workspaceId,
    createdAt,
    name,
    status: CampaignStatus.RUNNING,
    channelAccountId: w.channel.id,
    templateId: template.id,
    assigneeId: w.agentB.agent.id,
    optOutTagId,
    variables: [],
  });
  const big = await campaigns.save(campaigns.create(campaignRow('everyone', instant(0))));
  const small = await campaigns.save(
    people.map((_, index) => campaigns.create(campaignRow(`small ${index}`, instant(index + 1)))),
  );
  const dispatched = (
    campaignId: string,
    person: (typeof people)[number],
    message: 0 | 1,
    createdAt?: Date,
  ) => ({
    workspaceId,
    ...(createdAt ? { createdAt } : {}),
    campaignId,
    customerId: person.customerId,
    stage: RecipientStage.DISPATCHED,
    messageId: person.messageIds[message],
    conversationId: person.conversationId,
  });
  await deps.dataSource.getRepository(CampaignRecipient).insert([
    ...people.map((person, index) => dispatched(big.id, person, 0, instant(index))),
    ...small.flatMap((campaign, index) => [
      dispatched(campaign.id, people[index]!, 1),
      { workspaceId, campaignId: campaign.id, customerId: people[(index + 1) % CUSTOMERS]!.customerId },
      {
        workspaceId,
        campaignId: campaign.id,
        customerId: people[(index + 2) % CUSTOMERS]!.customerId,
        stage: RecipientStage.SKIPPED,
        error: {
          code: 'OPTED_OUT',
          title: 'Opted out',
          detail: null,
          providerCode: null,
          retryable: false,
        },
      },
    ]),
  ]);
  return { w, big };
}

/** Campaign reads resolve their relations through per-request loaders: the count does not grow with the page. */
describe('campaign query statement count', () => {
  const t = useTestApp();
  let s: Seeded;
  beforeAll(async () => {
    s = await seed(t.factories);
  });

  it('campaigns { totals template recipients { customer message conversation } } is the same for 5 and 50', async () => {
    const run = (first: number) =>
      countStatements(() => t.gql<any>(CAMPAIGNS_PAGE, { first }, s.w.admin.token));
    const small = await run(5);
    const large = await run(50);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data.campaigns.nodes).toHaveLength(5);
    // The small page has what makes each statement of the large one: an assigned conversation too.
    const assignees = (page: any) =>
      new Set(
        page.campaigns.nodes.flatMap((campaign: any) =>
          campaign.recipients.nodes.map((recipient: any) => Boolean(recipient.conversation?.assignee)),
        ),
      );
    expect(assignees(small.result.data)).toEqual(new Set([true, false]));
    const nodes = large.result.data.campaigns.nodes;
    expect(nodes).toHaveLength(50);
    expect(large.result.data.campaigns.totalCount).toBe(CUSTOMERS + 1);
    for (const campaign of nodes) {
      expect(campaign.template.name).toBe('promo');
      expect(campaign.assignee.name).toBe('Agent B');
      expect(campaign.optOutTag.name).toBe('promo');
      expect(campaign.channelAccount.id).toBe(toGlobalId('ChannelAccount', s.w.channel.id));
      const recipients = campaign.recipients;
      expect(recipients.nodes.every((recipient: any) => recipient.customer.name)).toBe(true);
      if (campaign.id === toGlobalId('Campaign', s.big.id)) {
        expect(campaign.totals).toMatchObject({
          total: CUSTOMERS,
          delivered: CUSTOMERS,
          accepted: CUSTOMERS,
        });
        expect(recipients.totalCount).toBe(CUSTOMERS);
        expect(recipients.nodes).toHaveLength(3);
        continue;
      }
      expect(campaign.totals).toMatchObject({ total: 3, queued: 1, delivered: 1, skipped: 1, accepted: 1 });
      expect(recipients.totalCount).toBe(3);
      // Inserted in one statement: the same created_at, so the page order is by id.
      const byStatus = new Map(recipients.nodes.map((recipient: any) => [recipient.status, recipient]));
      expect([...byStatus.keys()].sort()).toEqual(['DELIVERED', 'QUEUED', 'SKIPPED']);
      const [sent, queued, skipped] = ['DELIVERED', 'QUEUED', 'SKIPPED'].map(
        (status) => byStatus.get(status) as any,
      );
      expect(sent.message.status).toBe('DELIVERED');
      expect(sent.conversation.id).toBeTruthy();
      expect(queued.message).toBeNull();
      expect(queued.conversation).toBeNull();
      expect(skipped.error.code).toBe('OPTED_OUT');
    }

    // Page, count, totals, template, account, assignee, opt-out tag, recipients, their count,
    // customers, conversations, conversation assignees: one statement each, whatever the page (the
    // sign-in is counted apart).
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(12);
  });

  it('campaign(id) { recipients { customer message conversation } } is the same for 5 and 50', async () => {
    const run = (first: number) =>
      countStatements(() =>
        t.gql<any>(CAMPAIGN_RECIPIENTS, { id: toGlobalId('Campaign', s.big.id), first }, s.w.admin.token),
      );
    const small = await run(5);
    const large = await run(50);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data.campaign.recipients.nodes).toHaveLength(5);
    expect(small.result.data.campaign.recipients.pageInfo.hasNextPage).toBe(true);
    expect(
      new Set(
        small.result.data.campaign.recipients.nodes.map((node: any) => Boolean(node.conversation.assignee)),
      ),
    ).toEqual(new Set([true, false]));
    const recipients = large.result.data.campaign.recipients;
    expect(recipients.nodes).toHaveLength(CUSTOMERS);
    expect(recipients.pageInfo.hasNextPage).toBe(false);
    expect(recipients.totalCount).toBe(CUSTOMERS);
    for (const recipient of recipients.nodes) {
      expect(recipient.status).toBe('DELIVERED');
      expect(recipient.error).toBeNull();
      expect(recipient.customer.tags).toEqual([{ name: 'promo' }]);
      expect(recipient.message).toMatchObject({
        status: 'DELIVERED',
        text: expect.stringMatching(/^Hola \d+$/),
      });
      expect(recipient.conversation.customer.name).toBe(recipient.customer.name);
      expect(recipient.conversation.lastMessage.text).toBeTruthy();
    }
    expect(recipients.nodes.filter((recipient: any) => recipient.conversation.assignee)).toHaveLength(
      CUSTOMERS / 2,
    );

    // Campaign, totals, recipients, their count, customers, conversations, messages, assignees,
    // tags (the sign-in is counted apart).
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(9);
  });
});
