import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_DATA_DIR, testDatabaseUrl } from './test-environment';

/** The compiled entry point; the specs that start it skip when `npm run build` has not run. */
export const COMPILED_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

export function compiledServerBuilt(): boolean {
  return existsSync(COMPILED_MAIN);
}

export interface CompiledServer {
  child: ChildProcess;
  /** The GraphQL URL, e.g. http://127.0.0.1:41234/graphql. */
  url: string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/** The compiled server as production runs it, in a child process on a free port, over the test database. */
export function startCompiledServer(env: Record<string, string>): Promise<CompiledServer> {
  const child = spawn(process.execPath, [COMPILED_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      DATA_DIR: TEST_DATA_DIR,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API: (http:\/\/\S+\/graphql)/.exec(output);
      if (match) resolve({ child, url: match[1]!, stop });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
