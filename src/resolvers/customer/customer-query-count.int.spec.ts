import { CustomerFieldValue } from '../../entities/customer-field-value.entity';
import { ConversationStatus, CustomFieldType } from '../../entities/enums';
import { startTestApp, type TestApp } from '../../testing/test-app';
import {
  createConversation,
  createCustomer,
  createCustomField,
  createTestWorkspace,
  factoryDeps,
  tagCustomer,
  type TestWorkspace,
} from '../../testing/factories';
import { countStatements } from '../../testing/query-counter';

const CUSTOMERS = 50;

const CUSTOMERS_PAGE = `query ($first: Int!, $search: String) {
  customers(first: $first, search: $search) {
    totalCount
    nodes {
      id
      name
      tags { name }
      fields { key value field { label } }
      conversations(first: 2) {
        totalCount
        nodes { id status assignee { name } lastMessage { text } }
      }
    }
  }
}`;

/** Customer reads resolve their relations through per-request loaders: the count does not grow with the page. */
describe('customer query statement count', () => {
  let t: TestApp;
  let w: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    const deps = factoryDeps(t.app);
    w = await createTestWorkspace(deps);
    const plan = await createCustomField(deps, w.workspace.id, { key: 'plan', type: CustomFieldType.TEXT });
    await createCustomField(deps, w.workspace.id, { key: 'vip', type: CustomFieldType.BOOLEAN });
    for (let index = 0; index < CUSTOMERS; index += 1) {
      const customer = await createCustomer(deps, w.channel, { name: `Cliente ${index}` });
      await tagCustomer(deps, customer, 'promo');
      await tagCustomer(deps, customer, `grupo-${index % 3}`);
      await deps.dataSource.getRepository(CustomerFieldValue).insert({
        customerId: customer.id,
        fieldId: plan.id,
        workspaceId: w.workspace.id,
        value: `plan-${index}`,
      });
      await createConversation(deps, w.channel, {
        customer,
        status: ConversationStatus.CLOSED,
        lastActivityAgoMs: 3_600_000,
      });
      await createConversation(deps, w.channel, { customer, assigneeId: w.agentA.agent.id });
    }
    // A customer the search leaves out, with its own history.
    const other = await createCustomer(deps, w.channel, { name: 'Otra persona' });
    await createConversation(deps, w.channel, { customer: other });
  });
  afterAll(() => t.close());

  it('customers { tags fields conversations } is the same for 5 and 50', async () => {
    const run = (first: number) =>
      countStatements(() => t.gql<any>(CUSTOMERS_PAGE, { first, search: 'Cliente' }, w.admin.token));
    const small = await run(5);
    const large = await run(50);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data.customers.nodes).toHaveLength(5);
    const customers = large.result.data.customers;
    expect(customers.totalCount).toBe(CUSTOMERS);
    expect(customers.nodes).toHaveLength(CUSTOMERS);
    for (const customer of customers.nodes) {
      const index = Number(customer.name.replace('Cliente ', ''));
      expect(customer.tags.map((tag: any) => tag.name)).toEqual([`grupo-${index % 3}`, 'promo']);
      expect(customer.fields).toEqual([
        { key: 'plan', value: `plan-${index}`, field: { label: 'plan' } },
        { key: 'vip', value: null, field: { label: 'vip' } },
      ]);
      expect(customer.conversations.totalCount).toBe(2);
      // Newest activity first: the open one, then the closed one.
      expect(customer.conversations.nodes.map((conversation: any) => conversation.status)).toEqual([
        'OPEN',
        'CLOSED',
      ]);
      expect(customer.conversations.nodes[0].assignee.name).toBe('Agent A');
      expect(customer.conversations.nodes[1].assignee).toBeNull();
      expect(customer.conversations.nodes.every((conversation: any) => conversation.lastMessage.text)).toBe(
        true,
      );
    }

    // Page, count, field definitions, tags, field values, conversations, their count, assignees,
    // last messages (the sign-in is counted apart).
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(9);
  });
});
