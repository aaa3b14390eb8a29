#!/usr/bin/env node
// `npm run build`: compile only when something the compiled output depends on has changed.
//
// An unchanged tree is detected from a fingerprint of every input's path, size and modification
// time (a few milliseconds, no compiler loaded); a changed one goes through `tsc --incremental`,
// whose build info (dist/.tsbuildinfo) lets it re-emit only what the change reaches. The
// fingerprint is written only after tsc succeeded, so a failed build is retried on the next run.
// `--force` always runs tsc.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What tsconfig.build.json compiles, plus what changes how it compiles. */
const INPUT_DIRS = ['src', 'migrations', 'bench', 'scripts', 'examples'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'dist', '.data']);
/** The entries `npm start`, the CLI and the benches run; a tree without them is never fresh. */
const OUTPUTS = ['src/main.js', 'src/cli/main.js', 'bench/run.js', 'dashboard/wallboard.js'];

function walk(root, dir, lines) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, lines);
    else if (/\.(ts|tsx|json|mjs|js)$/.test(entry.name)) {
      const stat = statSync(full);
      lines.push(`${path.relative(root, full)}\t${stat.size}\t${stat.mtimeMs}`);
    }
  }
}

/** The fingerprint of the inputs under `root` (the repository by default). */
export function fingerprint(root = ROOT) {
  const lines = [`node ${process.version}`];
  for (const dir of INPUT_DIRS) walk(root, path.join(root, dir), lines);
  for (const file of INPUT_FILES) {
    const full = path.join(root, file);
    if (existsSync(full)) {
      const stat = statSync(full);
      lines.push(`${file}\t${stat.size}\t${stat.mtimeMs}`);
    }
  }
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function stampPath(root = ROOT) {
  return path.join(root, 'dist', '.build-fingerprint');
}

/** True when dist/ was compiled from exactly these inputs and has its entry points. */
export function isFresh(root = ROOT, print = fingerprint(root)) {
  if (!OUTPUTS.every((output) => existsSync(path.join(root, 'dist', output)))) return false;
  try {
    return readFileSync(stampPath(root), 'utf8').trim() === print;
  } catch {
    return false;
  }
}

/** The wallboard's browser script (src/dashboard, ES modules with the DOM's types) into dist/dashboard/. */
export function dashboardTscArgs(extra = []) {
  return [
    path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    path.join(ROOT, 'src', 'dashboard', 'tsconfig.json'),
    ...extra,
  ];
}

export function tscArgs(extra = []) {
  return [
    path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    path.join(ROOT, 'tsconfig.build.json'),
    ...extra,
  ];
}

function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const before = fingerprint();
  if (!force && isFresh(ROOT, before)) return 0;
  const result = spawnSync(process.execPath, tscArgs(), { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  const dashboard = spawnSync(process.execPath, dashboardTscArgs(), { cwd: ROOT, stdio: 'inherit' });
  if (dashboard.status !== 0) return dashboard.status ?? 1;
  mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  // The inputs as they were when tsc read them: an edit made during the build makes the next run compile.
  writeFileSync(stampPath(), `${before}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main());
}
