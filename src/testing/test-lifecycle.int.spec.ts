import { Workspace } from '../entities/workspace.entity';
import { useTestApp, useWorkspace } from './test-lifecycle';

const NOW = new Date('2030-01-15T09:00:00Z');

function errorOf(read: () => unknown): unknown {
  try {
    read();
    return null;
  } catch (error) {
    return error;
  }
}

describe('useTestApp and useWorkspace', () => {
  const t = useTestApp({ now: NOW, resetClock: true });
  const perTest = useWorkspace(t, { settings: { botEnabled: false } });
  const shared = useWorkspace(t, { scope: 'suite' });
  // Read while jest collects the tests, before any hook has run.
  const earlyApp = errorOf(() => t.app);
  const earlyWorkspace = errorOf(() => perTest.workspace);
  const seen: { perTest: string; shared: string }[] = [];

  it('says where to read the handles when they are read before the hooks ran', () => {
    expect(String(earlyApp)).toMatch(/The test app is set up in a jest hook/);
    expect(String(earlyWorkspace)).toMatch(/The test workspace is set up in a jest hook/);
  });

  it('starts the app at `now`, and the factories follow its clock and job queue', async () => {
    expect(t.clock.now()).toEqual(NOW);
    expect(t.factories.now()).toEqual(NOW);
    expect(t.factories.jobSchema).toBe(t.config.jobSchema);
    expect(t.factories.dataSource).toBe(t.app.deps.dataSource);
    const viewer = await t.gql('{ viewer { agent { id } } }', {}, perTest.admin.token);
    expect(viewer.errors).toBeUndefined();
    t.clock.advance(60 * 60_000);
    expect(t.factories.now()).toEqual(new Date(NOW.getTime() + 60 * 60_000));
  });

  it('sets the clock back to `now` before each test', () => {
    expect(t.clock.now()).toEqual(NOW);
  });

  it('makes a fresh workspace per test with its settings, and one shared by the suite', async () => {
    const row = await t.app.deps.dataSource
      .getRepository(Workspace)
      .findOneByOrFail({ id: perTest.workspace.id });
    expect(row.botEnabled).toBe(false);
    expect(perTest.channel.workspaceId).toBe(perTest.workspace.id);
    expect(new Set([perTest.admin.agent.id, perTest.agentA.agent.id, perTest.agentB.agent.id]).size).toBe(3);
    seen.push({ perTest: perTest.workspace.id, shared: shared.workspace.id });
  });

  it('(second look at the workspaces)', () => {
    seen.push({ perTest: perTest.workspace.id, shared: shared.workspace.id });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.perTest).not.toBe(seen[0]!.perTest);
    expect(seen[1]!.shared).toBe(seen[0]!.shared);
    expect(seen[1]!.shared).not.toBe(seen[1]!.perTest);
  });
});

describe('useTestApp when a test closes the app itself', () => {
  const t = useTestApp();

  // afterAll must not close it a second time (that would fail the suite).
  it('closes once', async () => {
    await t.close();
    expect(t.app.deps.dataSource.isInitialized).toBe(false);
  });
});

describe('useTestApp options', () => {
  it('refuses resetClock without the instant to reset to', () => {
    expect(() => useTestApp({ resetClock: true })).toThrow(/resetClock needs the instant/);
  });
});
