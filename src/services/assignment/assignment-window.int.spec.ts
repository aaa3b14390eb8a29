import { Conversation } from '../../entities/conversation.entity';
import { Handler } from '../../entities/enums';
import { toGlobalId } from '../../entities/global-id';
import { JobName } from '../../runtime/job-queue';
import { createConversation, enqueuedJobs } from '../../testing/factories';
import {
  AgentSetStatusDocument,
  AssignmentSettingsUpdateDocument,
  BusinessHoursSetDocument,
  ConversationHandoffDocument,
  TeamCreateDocument,
  TeamMemberAddDocument,
} from '../../testing/generated/graphql';
import { useTestApp, useWorkspace } from '../../testing/test-lifecycle';
import { drainQueue } from './queue-drain.service';

// Saturday 10 May 2031, 10:00 UTC: closed until Monday 09:00.
const SATURDAY = new Date('2031-05-10T10:00:00Z');
const MONDAY_OPENS = '2031-05-12T09:00:00.000Z';

describe('auto-assignment respects business hours', () => {
  const t = useTestApp({ now: SATURDAY, resetClock: true, env: { PRESENCE_GRACE_SECONDS: '3600' } });
  const deps = t.factories;
  const w = useWorkspace(t, { settings: { aiSummaryEnabled: false, aiSuggestionsEnabled: false } });
  const gid = (type: string, id: string) => toGlobalId(type, id);

  beforeEach(async () => {
    const assignment = await t.gql(
      AssignmentSettingsUpdateDocument,
      { input: { assignment: { policy: 'ROUND_ROBIN', defaultCapacity: 5 } } },
      w.admin.token,
    );
    expect(assignment.errors).toBeUndefined();
    const hours = await t.gql(
      BusinessHoursSetDocument,
      {
        input: {
          businessHours: {
            timezone: 'UTC',
            week: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((day) => ({
              day,
              opens: '09:00',
              closes: '17:00',
            })),
          },
        },
      },
      w.admin.token,
    );
    expect(hours.data!.businessHoursSet.userErrors).toEqual([]);
    const online = await t.gql(
      AgentSetStatusDocument,
      { input: { status: 'ONLINE', agentId: gid('Agent', w.agentA.agent.id) } },
      w.admin.token,
    );
    expect(online.data!.agentSetStatus.userErrors).toEqual([]);
  });

  async function arrive(teamId?: string): Promise<Conversation> {
    const conversation = await createConversation(deps, w.channel, { handler: Handler.BOT });
    const result = await t.gql(
      ConversationHandoffDocument,
      {
        input: {
          conversationId: gid('Conversation', conversation.id),
          ...(teamId ? { teamId: gid('Team', teamId) } : {}),
        },
      },
      w.admin.token,
    );
    expect(result.data!.conversationHandoff.userErrors).toEqual([]);
    return conversation;
  }
  const assigneeOf = async (conversation: Conversation) =>
    (await deps.dataSource.getRepository(Conversation).findOneByOrFail({ id: conversation.id })).assigneeId;
  const drain = () => t.app.deps.jobs.drain(JobName.QUEUE_DRAIN);

  it('the queue waits while closed and drains at the opening, for which a drain is scheduled', async () => {
    const conversation = await arrive();
    await drain();
    expect(await assigneeOf(conversation)).toBeNull();
    const scheduled = await enqueuedJobs(deps, JobName.QUEUE_DRAIN, { workspaceId: w.workspace.id });
    expect(scheduled.map((job) => job.startAfter.toISOString())).toContain(MONDAY_OPENS);

    // The scheduled drain runs at the opening (the queue's own clock is the database's, so run it here).
    t.clock.set(new Date(MONDAY_OPENS));
    await drainQueue(t.app.deps, w.workspace.id);
    expect(await assigneeOf(conversation)).toBe(w.agentA.agent.id);
  });

  it("a team with hours of its own is served by them while the workspace's queue waits", async () => {
    const team = (await t.gql(TeamCreateDocument, { input: { name: 'Weekend' } }, w.admin.token)).data!
      .teamCreate.team!;
    const added = await t.gql(
      TeamMemberAddDocument,
      { input: { teamId: team.id, agentId: gid('Agent', w.agentA.agent.id) } },
      w.admin.token,
    );
    expect(added.errors).toBeUndefined();
    const weekend = await t.gql(
      BusinessHoursSetDocument,
      {
        input: {
          teamId: team.id,
          businessHours: { timezone: 'UTC', week: [{ day: 'SATURDAY', opens: '08:00', closes: '20:00' }] },
        },
      },
      w.admin.token,
    );
    expect(weekend.data!.businessHoursSet.userErrors).toEqual([]);
    const general = await arrive();
    const ofTeam = await arrive(Buffer.from(team.id, 'base64url').toString().split(':')[1]);
    await drain();
    expect(await assigneeOf(ofTeam)).toBe(w.agentA.agent.id);
    expect(await assigneeOf(general)).toBeNull();
  });
});
