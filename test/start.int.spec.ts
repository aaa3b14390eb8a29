import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const buildScript = path.join(root, 'scripts', 'build.mjs');

/** Runs an ES-module snippet with scripts/build.mjs imported as `build`; returns its stdout. */
function withBuildScript(code: string): string {
  return execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import * as build from ${JSON.stringify(buildScript)};\n${code}`],
    { encoding: 'utf8' },
  ).trim();
}

/** Runs a CommonJS snippet against the compiled tree; returns its stdout. */
function withCompiled(code: string): string {
  return execFileSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' }).trim();
}

describe('npm start compiles only what changed', () => {
  let tree: string;
  const file = (relative: string, text = '') => {
    const full = path.join(tree, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  };
  const fresh = () => withBuildScript(`console.log(build.isFresh(${JSON.stringify(tree)}))`) === 'true';
  const stamp = () =>
    withBuildScript(
      `import { writeFileSync } from 'node:fs';
       writeFileSync(build.stampPath(${JSON.stringify(tree)}), build.fingerprint(${JSON.stringify(tree)}));`,
    );

  beforeEach(() => {
    tree = mkdtempSync(path.join(tmpdir(), 'omnitray-build-'));
    file('src/main.ts', 'export {};\n');
    file('tsconfig.json', '{}');
    for (const output of ['src/main.js', 'src/cli/main.js', 'bench/run.js', 'dashboard/wallboard.js']) {
      file(`dist/${output}`);
    }
    stamp();
  });
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('an unchanged tree is fresh: the build is skipped', () => {
    expect(fresh()).toBe(true);
  });

  it('an edited, added or removed source, or a changed tsconfig, makes it stale', () => {
    const main = path.join(tree, 'src/main.ts');
    writeFileSync(main, 'export const changed = 1;\n');
    expect(fresh()).toBe(false);
    stamp();
    utimesSync(main, new Date(), new Date(Date.now() + 5000));
    expect(fresh()).toBe(false);
    stamp();
    file('src/services/new.ts', 'export {};\n');
    expect(fresh()).toBe(false);
    stamp();
    unlinkSync(path.join(tree, 'src/services/new.ts'));
    expect(fresh()).toBe(false);
    stamp();
    file('tsconfig.json', '{ "compilerOptions": {} }');
    expect(fresh()).toBe(false);
  });

  it('a missing entry point in dist/ or a missing fingerprint makes it stale', () => {
    unlinkSync(path.join(tree, 'dist/src/main.js'));
    expect(fresh()).toBe(false);
    file('dist/src/main.js');
    expect(fresh()).toBe(true);
    unlinkSync(path.join(tree, 'dist/.build-fingerprint'));
    expect(fresh()).toBe(false);
  });

  it('the compiled tree the specs run against is the one the sources give', () => {
    // `npm test` and the spec command build first; a stale tree here means the check is wrong.
    expect(withBuildScript('console.log(build.isFresh())')).toBe('true');
  });
});

describe('heavy modules load only when configured', () => {
  const loaded = (names: string[]) =>
    `const keys = Object.keys(require.cache); console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => keys.some((k) => k.includes('/node_modules/' + n + '/')))));`;

  it('the application loads neither LangChain nor the AWS SDK', () => {
    const out = withCompiled(
      `require('reflect-metadata'); require('./dist/src/server/application.js'); require('./dist/src/cli/commands.js'); ${loaded(['@langchain', '@aws-sdk', 'openai', '@anthropic-ai'])}`,
    );
    expect(JSON.parse(out)).toEqual([]);
  });

  it('the offline default loads no provider SDK; a configured provider loads its own', () => {
    const base =
      "{ openaiModel: 'gpt-4o-mini', anthropicModel: 'claude-3-5-haiku-latest', ollamaModel: 'llama3.1', aiTimeoutMs: 1000 }";
    const offline = withCompiled(
      `const p = require('./dist/src/ai/provider.js').createAiProvider(${base}); console.log(p.name); ${loaded(['@langchain'])}`,
    ).split('\n');
    expect(offline).toEqual(['offline', '[]']);
    const ollama = withCompiled(
      `const p = require('./dist/src/ai/provider.js').createAiProvider({ ...${base}, ollamaBaseUrl: 'http://127.0.0.1:9' }); console.log(p.name); ${loaded(['@langchain'])}`,
    ).split('\n');
    expect(ollama).toEqual(['ollama', '["@langchain"]']);
  });

  it('media stores load the AWS SDK only for S3', () => {
    const out = withCompiled(
      `const { createMediaStores } = require('./dist/src/services/media/storage/media-stores.js');
       createMediaStores({ storage: 'postgres', s3: null }, {});
       ${loaded(['@aws-sdk'])}`,
    );
    expect(JSON.parse(out)).toEqual([]);
  });
});
