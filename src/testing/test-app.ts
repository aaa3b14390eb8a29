import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { print, type DocumentNode } from 'graphql';
import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig, type Config } from '../config';
import { createApplication, type Application } from '../server/application';
import { ManualClock } from '../runtime/clock';
import { createLogger } from '../runtime/logger';
import { Client } from 'pg';
import { migrate } from '../database/migrate';
import { TEST_DATA_DIR, testDatabaseUrl } from './test-environment';

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
  extensions?: Record<string, unknown>;
}

export interface TestApp {
  app: Application;
  clock: ManualClock;
  config: Config;
  /** POST /graphql with a typed operation (or a string) and a bearer token. */
  gql<T = Record<string, unknown>, V = Record<string, unknown>>(
    operation: TypedDocumentNode<T, V> | DocumentNode | string,
    variables?: V,
    token?: string | null,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  http(): ReturnType<typeof request>;
  /** Listens on a free loopback port (once) and returns the WebSocket URL of `/graphql`. */
  wsUrl(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Config variables over the test defaults. */
  env?: Record<string, string>;
  /** Where the manual clock starts (default: the real time at start). */
  now?: Date;
  /** Run the job workers in the app (default: tests drive jobs by hand). */
  workJobs?: boolean;
  /**
   * A database of its own, migrated at start and dropped at close, for a suite that loads so many
   * rows that the shared database's planner statistics would stop describing the other suites'.
   */
  ownDatabase?: boolean;
}

/** A migrated database beside the test run's, and how to drop it. */
async function createOwnDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const shared = testDatabaseUrl();
  const name = `${new URL(shared).pathname.slice(1)}_own_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: shared });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The real HTTP app over the test run's database, with a clock the test moves. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const own = options.ownDatabase ? await createOwnDatabase() : null;
  const databaseUrl = own?.url ?? testDatabaseUrl();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    // Each app its own job queue, so one suite never runs (or drains) another's jobs.
    JOB_SCHEMA: `pgboss_${randomBytes(5).toString('hex')}`,
    // The fake Graph API and webhook receivers listen on http://127.0.0.1; the suites that prove
    // the outbound address policy turn this off.
    OUTBOUND_ALLOW_PRIVATE: 'true',
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    ...options.env,
  });
  const clock = new ManualClock(options.now ?? new Date());
  const app = await createApplication(config, databaseUrl, {
    clock,
    logger: createLogger(config.logLevel),
    workJobs: options.workJobs ?? false,
  });
  const agent = () => request(app.http.app);
  // Anonymous callers are budgeted per address; each app's anonymous calls come from their own
  // (through the trusted loopback proxy), so suites sharing a Redis never spend each other's budget.
  const anonymousAddress = anonymousTestAddress();
  let listening: Promise<string> | null = null;
  return {
    app,
    clock,
    config,
    http: agent,
    async gql(operation, variables, token, headers = {}) {
      const query = typeof operation === 'string' ? operation : print(operation as DocumentNode);
      let call = agent().post('/graphql').set('content-type', 'application/json');
      if (token) call = call.set('authorization', `Bearer ${token}`);
      else if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-forwarded-for')) {
        call = call.set('x-forwarded-for', anonymousAddress);
      }
      for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
      const response = await call.send({ query, variables: variables ?? {} });
      return {
        status: response.status,
        data: response.body?.data,
        errors: response.body?.errors,
        extensions: response.body?.extensions,
      };
    },
    wsUrl() {
      listening ??= app.listen(0, '127.0.0.1').then((url) => url.replace(/^http/, 'ws'));
      return listening;
    },
    close: async () => {
      await app.stop();
      await own?.drop();
    },
  };
}

/** A documentation-range IPv6 address in a /64 of its own (anonymous budgets count per /64). */
export function anonymousTestAddress(): string {
  const groups = randomBytes(8).toString('hex').match(/.{4}/g)!;
  return `2001:db8:${groups[0]}:${groups[1]}::1`;
}
