#!/usr/bin/env node
// `npm run dev`: `tsc --watch` (incremental, the same build info as `npm run build`) and the server,
// restarted after each compilation that ends without errors. A restart sends SIGTERM and waits for
// the process to stop (it stops the embedded PostgreSQL on the way out) before starting the next.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardTscArgs, fingerprint, stampPath, tscArgs } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'src', 'main.js');
const COMPILED = /Found (\d+) errors?\. Watching for file changes\./;

let server;
let pending = false;
let stopping = false;

function startServer() {
  server = spawn(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  const child = server;
  child.on('exit', (code, signal) => {
    if (server === child) server = undefined;
    if (stopping) return;
    if (pending) {
      pending = false;
      startServer();
    } else if (signal === null) {
      console.log(`[dev] server exited with code ${code}; it starts again after the next change`);
    }
  });
}

function restart() {
  if (!server) return startServer();
  pending = true;
  server.kill('SIGTERM');
}

// The wallboard's script is compiled once here (the server reads it when it starts).
spawnSync(process.execPath, dashboardTscArgs(), { cwd: root, stdio: 'inherit' });

const tsc = spawn(process.execPath, [...tscArgs(['--watch', '--preserveWatchOutput'])], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let buffered = '';
tsc.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffered += chunk.toString();
  let match;
  while ((match = COMPILED.exec(buffered))) {
    buffered = buffered.slice(match.index + match[0].length);
    if (match[1] !== '0') continue;
    // Keeps `npm start` from compiling again what the watcher has just compiled.
    writeFileSync(stampPath(), `${fingerprint()}\n`);
    restart();
  }
});
tsc.on('exit', (code) => {
  if (stopping) return;
  console.error(`[dev] tsc --watch exited with code ${code}`);
  stop(code ?? 1);
});

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  tsc.kill('SIGTERM');
  if (!server) process.exit(code);
  server.once('exit', () => process.exit(code));
  server.kill('SIGINT');
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
