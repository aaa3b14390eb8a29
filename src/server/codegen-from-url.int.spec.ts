import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { useTestApp, useWorkspace } from '../testing/test-lifecycle';

const ROOT = path.resolve(__dirname, '..', '..');
/** The committed output of `npm run codegen`, which reads schema.graphql. */
const COMMITTED = path.join(ROOT, 'src', 'testing', 'generated', 'graphql.ts');

/**
 * `generate` of @graphql-codegen/cli, its programmatic API, in a Node process of its own: it loads
 * ES modules (yargs) that jest's CommonJS runtime cannot. Resolves with the files written, or
 * rejects with codegen's error.
 */
async function generate(config: object): Promise<string[]> {
  const script = `require('@graphql-codegen/cli')
    .generate(JSON.parse(process.env.CODEGEN_CONFIG), true)
    .then((files) => process.stdout.write(JSON.stringify(files.map((file) => file.filename))))
    .catch((error) => { process.stderr.write(String(error?.message ?? error)); process.exit(1); });`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: ROOT,
      env: { ...process.env, CODEGEN_CONFIG: JSON.stringify(config) },
    });
    return JSON.parse(stdout) as string[];
  } catch (error) {
    throw new Error(`codegen failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
  }
}

/** The project's codegen.yml, with the schema read from a URL instead of schema.graphql. */
function configFrom(schema: Record<string, { headers: Record<string, string> }>, output: string) {
  return {
    cwd: ROOT,
    overwrite: true,
    silent: true,
    schema,
    documents: 'src/testing/operations/*.graphql',
    generates: {
      [output]: {
        plugins: ['typescript-operations', 'typed-document-node'],
        config: {
          enumsAsTypes: true,
          avoidOptionals: false,
          scalars: {
            DateTimeISO: 'string',
            JSON: 'unknown',
            JSONObject: 'Record<string, unknown>',
          },
        },
      },
    },
  };
}

describe('GraphQL Code Generator against the running server', () => {
  // Production: the introspection it sends must come signed in.
  const t = useTestApp({ env: { NODE_ENV: 'production' } });
  const w = useWorkspace(t, { scope: 'suite' });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omnitray-codegen-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("introspects the URL with the caller's token and writes what schema.graphql gives", async () => {
    const url = (await t.wsUrl()).replace(/^ws/, 'http');
    const output = path.join(dir, 'graphql.ts');
    const files = await generate(
      configFrom({ [url]: { headers: { Authorization: `Bearer ${w.agentA.token}` } } }, output),
    );
    expect(files).toEqual([output]);
    const generated = readFileSync(output, 'utf8');
    expect(generated).toMatch(/export const TraysDocument = /);
    expect(generated).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('fails without a token, naming the refusal', async () => {
    const url = (await t.wsUrl()).replace(/^ws/, 'http');
    await expect(
      generate(configFrom({ [url]: { headers: {} } }, path.join(dir, 'anonymous.ts'))),
    ).rejects.toThrow(/Introspection is open to signed-in callers/);
  });
});
