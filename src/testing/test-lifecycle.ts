import { type ChannelAccount } from '../entities/channel-account.entity';
import { type Workspace } from '../entities/workspace.entity';
import { createTestWorkspace, type FactoryDeps, type TestWorkspace } from './factories';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export interface UseTestAppOptions extends Omit<TestAppOptions, 'env'> {
  /**
   * Config variables over the test defaults; a function is read when the app starts, for values
   * known only then (the URL of a fake server started in an earlier `beforeAll`).
   */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Set the clock back to `now` before every test, so each test starts at the same instant. */
  resetClock?: boolean;
}

/** A test app that starts in `beforeAll` and closes in `afterAll`; read it inside hooks and tests. */
export interface TestAppHandle extends TestApp {
  /** The factories' view of this app (data source, secrets, clock). */
  factories: FactoryDeps;
}

function notYet(what: string): never {
  throw new Error(`${what} is set up in a jest hook: read it inside a hook or a test, not at describe time.`);
}

/**
 * Registers the hooks that start and close one test app for the enclosing `describe`. The handle
 * is filled when `beforeAll` has run, so it can be captured by helpers declared next to it.
 */
export function useTestApp(options: UseTestAppOptions = {}): TestAppHandle {
  const { resetClock, env, ...appOptions } = options;
  if (resetClock && !appOptions.now) throw new Error('resetClock needs the instant to reset to: pass `now`.');
  let current: TestApp | undefined;
  let starting: Promise<TestApp> | undefined;
  let closed = false;
  const started = (): TestApp => current ?? notYet('The test app');

  beforeAll(async () => {
    starting = startTestApp({ ...appOptions, env: typeof env === 'function' ? env() : env });
    current = await starting;
  });
  afterAll(async () => {
    // A start that outlived its hook's time limit still finishes: what it started is stopped too,
    // or its job queue and pools would run on into the next suite of this jest worker.
    const app = current ?? (await starting?.catch(() => undefined));
    // A test may close the app itself (shutdown behaviour); closing twice would fail.
    if (app && !closed) await app.close();
  });
  if (resetClock) beforeEach(() => started().clock.set(appOptions.now!));

  const factories: FactoryDeps = {
    get dataSource() {
      return started().app.deps.dataSource;
    },
    get jobSchema() {
      return started().config.jobSchema;
    },
    get secretBox() {
      return started().app.deps.secretBox;
    },
    get appSecret() {
      return started().config.appSecret;
    },
    now: () => started().clock.now(),
  };
  return {
    get app() {
      return started().app;
    },
    get clock() {
      return started().clock;
    },
    get config() {
      return started().config;
    },
    factories,
    gql: (operation, variables, token, headers) => started().gql(operation, variables, token, headers),
    http: () => started().http(),
    wsUrl: () => started().wsUrl(),
    close: async () => {
      closed = true;
      await started().close();
    },
  };
}

export interface UseWorkspaceOptions {
  /** `test` (default): a fresh workspace before every test; `suite`: one for the whole describe. */
  scope?: 'test' | 'suite';
  /** Workspace columns to set, e.g. `{ botEnabled: false }`. */
  settings?: Partial<Workspace>;
  /** Columns of its WhatsApp account. */
  channel?: Partial<ChannelAccount>;
}

/**
 * A workspace of the test's own (admin, two agents, a WhatsApp account) made with the factories,
 * before each test or once for the describe. The handle always reads the current one.
 */
export function useWorkspace(app: TestAppHandle, options: UseWorkspaceOptions = {}): TestWorkspace {
  let current: TestWorkspace | undefined;
  const create = async () => {
    current = await createTestWorkspace(app.factories, options.settings, options.channel);
  };
  if (options.scope === 'suite') beforeAll(create);
  else beforeEach(create);
  const made = (): TestWorkspace => current ?? notYet('The test workspace');
  return {
    get workspace() {
      return made().workspace;
    },
    get admin() {
      return made().admin;
    },
    get agentA() {
      return made().agentA;
    },
    get agentB() {
      return made().agentB;
    },
    get channel() {
      return made().channel;
    },
  };
}
