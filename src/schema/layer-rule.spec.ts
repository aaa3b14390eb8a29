import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const RULE = 'no-restricted-imports';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  fatal?: boolean;
  message: string;
  line: number;
}

interface LintReport {
  lowerLayers: string[];
  texts: LintMessage[][];
  tree: { file: string; line: number; message: string }[];
}

/**
 * Runs ESLint's Node API in a plain Node process: jest's module sandbox cannot load the ESM
 * config (`eslint.config.mjs`), and the point is to lint with exactly that config.
 */
const LINT_SCRIPT = `
const path = await import('node:path');
const { pathToFileURL } = await import('node:url');
const { ESLint } = await import('eslint');
const { cwd, texts } = JSON.parse(process.argv[1]);
const { LOWER_LAYERS } = await import(pathToFileURL(path.join(cwd, 'eslint.config.mjs')).href);
const eslint = new ESLint({ cwd });
const linted = [];
for (const { code, filePath } of texts) linted.push((await eslint.lintText(code, { filePath }))[0].messages);
const tree = (await eslint.lintFiles(LOWER_LAYERS)).flatMap((result) =>
  result.messages
    .filter((message) => message.ruleId === '${RULE}')
    .map((message) => ({ file: path.relative(cwd, result.filePath), line: message.line, message: message.message })),
);
process.stdout.write(JSON.stringify({ lowerLayers: LOWER_LAYERS, texts: linted, tree }));
`;

async function lint(texts: { code: string; filePath: string }[]): Promise<LintReport> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT_SCRIPT, '--', JSON.stringify({ cwd: ROOT, texts })],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LintReport;
}

/** Wrong on purpose: what a rule file must never import. */
const EDGE_IMPORTS: Record<string, string> = {
  'the request context':
    "import { type AuthedContext } from '../../server/context';\nexport type C = AuthedContext;\n",
  'type-graphql': "import { Field } from 'type-graphql';\nexport const decorate = Field;\n",
  graphql: "import { GraphQLError } from 'graphql';\nexport const fail = () => new GraphQLError('no');\n",
};
const cases = Object.entries(EDGE_IMPORTS);
const LAYER_DIRS = ['runtime', 'services', 'realtime', 'channels', 'ai', 'jobs', 'database', 'demo', 'auth'];

const restricted = (messages: LintMessage[]) => messages.filter((message) => message.ruleId === RULE);
const parsed = (messages: LintMessage[]) => messages.filter((message) => message.fatal);

/** The rules know no GraphQL (CONVENTIONS, "Layers"): the lint rule that says so does bite. */
describe('the layer rule', () => {
  let report: LintReport;
  const texts = [
    ...cases.map(([, code]) => ({ code, filePath: 'src/services/x/bad.ts' })),
    ...cases.map(([, code]) => ({ code, filePath: 'src/resolvers/x/fine.ts' })),
    ...LAYER_DIRS.map((dir) => ({ code: EDGE_IMPORTS.graphql, filePath: `src/${dir}/x/bad.ts` })),
    { code: EDGE_IMPORTS['the request context'], filePath: 'src/services/x/bad.spec.ts' },
  ];
  const service = (index: number) => report.texts[index];
  const resolver = (index: number) => report.texts[cases.length + index];
  const layer = (index: number) => report.texts[2 * cases.length + index];
  const spec = () => report.texts[2 * cases.length + LAYER_DIRS.length];

  beforeAll(async () => {
    report = await lint(texts);
  }, 180_000);

  it('covers every lower layer, src/auth included', () => {
    expect([...report.lowerLayers].sort()).toEqual(LAYER_DIRS.map((dir) => `src/${dir}`).sort());
  });

  it.each(cases.map(([name], index) => [name, index] as const))(
    'refuses %s in a service as an error',
    (_name, index) => {
      expect(parsed(service(index))).toEqual([]);
      expect(restricted(service(index))).toEqual([expect.objectContaining({ severity: 2, line: 1 })]);
    },
  );

  it.each(cases.map(([name], index) => [name, index] as const))('allows %s in a resolver', (_name, index) => {
    expect(parsed(resolver(index))).toEqual([]);
    expect(restricted(resolver(index))).toEqual([]);
  });

  it.each(LAYER_DIRS.map((dir, index) => [dir, index] as const))(
    'refuses graphql in src/%s',
    (_dir, index) => {
      expect(restricted(layer(index))).toEqual([expect.objectContaining({ severity: 2 })]);
    },
  );

  it('lets the tests of a lower layer drive it through the API', () => {
    expect(parsed(spec())).toEqual([]);
    expect(restricted(spec())).toEqual([]);
  });

  it('finds no edge import in the lower layers of the tree', () => {
    expect(report.tree).toEqual([]);
  });
});
