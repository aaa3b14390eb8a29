import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Express, type Request, type Response } from 'express';
import { EXPLORER_CSP } from './explorer.routes';

/** Where the wallboard's files are served, each at one exact path with a version or hash in it. */
export const DASHBOARD_ASSET_PREFIX = '/dashboard/assets';

/** The same policy as the explorer: nothing but this origin, no inline script or style. */
export const DASHBOARD_CSP = EXPLORER_CSP;

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const STYLE = `:root { color-scheme: dark; --bg: #0f172a; --panel: #1e293b; --text: #e2e8f0; --muted: #94a3b8;
  --online: #22c55e; --busy: #f59e0b; --offline: #64748b; --danger: #ef4444; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--text); }
header { display: flex; align-items: center; gap: 1rem; padding: .75rem 1.5rem; background: var(--panel); }
header h1 { font-size: 1.25rem; margin: 0; flex: 1; }
#workspace { color: var(--muted); }
#connection[data-state="connected"]::before { content: "● "; color: var(--online); }
#connection[data-state="reconnecting"], #connection[data-state="connecting"] { color: var(--busy); }
main { padding: 1.5rem; display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); }
section { background: var(--panel); border-radius: .75rem; padding: 1rem 1.25rem; }
section h2 { margin: 0 0 .75rem; font-size: 1rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.tiles { display: flex; flex-wrap: wrap; gap: .75rem; }
.tile { background: var(--bg); border-radius: .5rem; padding: .5rem .75rem; min-width: 7rem; display: flex; flex-direction: column; }
.tile .label { color: var(--muted); font-size: .85rem; }
.tile .count, .big { font-size: 2rem; font-weight: 700; }
.status-online { color: var(--online); } .status-busy { color: var(--busy); } .status-offline { color: var(--offline); }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: .25rem .5rem; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
#failures { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
.failure { display: flex; gap: .5rem; align-items: baseline; }
.failure .triangle { color: var(--danger); } .failure time, .failure .customer, .empty { color: var(--muted); }
form { display: grid; gap: .5rem; max-width: 24rem; margin-bottom: 1rem; }
input, select, button { font: inherit; padding: .4rem .6rem; border-radius: .4rem; border: 1px solid var(--offline); background: var(--bg); color: var(--text); }
button { cursor: pointer; } #signin { max-width: 28rem; margin: 2rem auto; }
#signin-error { color: var(--danger); min-height: 1.4em; }
[hidden] { display: none !important; }
`;

const PAGE_BODY = `<header>
<h1 data-i18n="title">Omnitray wallboard</h1>
<span id="workspace"></span>
<span id="connection" data-state="connecting"></span>
<label><span data-i18n="language">Language</span> <select id="language"></select></label>
<button id="signout" type="button" data-i18n="signOut" hidden>Sign out</button>
</header>
<section id="signin" hidden>
<h2 data-i18n="signInTitle">Sign in to the wallboard</h2>
<form id="signin-password">
<label><span data-i18n="email">E-mail</span><br><input id="email" type="email" autocomplete="username" required></label>
<label><span data-i18n="password">Password</span><br><input id="password" type="password" autocomplete="current-password" required></label>
<button type="submit" data-i18n="signIn">Sign in</button>
</form>
<p data-i18n="or">or</p>
<form id="signin-token">
<label><span data-i18n="tokenLabel">Access token or API key</span><br><input id="token" autocomplete="off" required></label>
<button type="submit" data-i18n="signInWithToken">Use this token</button>
</form>
<p id="signin-error" role="alert"></p>
</section>
<main id="board" hidden>
<section><h2 data-i18n="trays">Trays</h2><div id="trays" class="tiles"></div></section>
<section><h2 data-i18n="queue">Queue</h2>
<div class="tiles">
<div class="tile"><span class="label" data-i18n="waiting">Waiting</span><span id="queue-waiting" class="big">0</span></div>
<div class="tile"><span class="label" data-i18n="longestWait">Longest wait</span><span id="queue-longest" class="big"></span></div>
</div></section>
<section><h2 data-i18n="agents">Agents</h2><div id="agents-by-status" class="tiles"></div>
<table><thead><tr><th data-i18n="agent">Agent</th><th data-i18n="status">Status</th><th data-i18n="load">Open conversations</th></tr></thead>
<tbody id="agents"></tbody></table></section>
<section><h2 data-i18n="failures">Failed messages</h2><ul id="failures"></ul></section>
</main>`;

interface Asset {
  path: string;
  contentType: string;
  body: Buffer;
}

/** The repository (or installed package) root: where package.json is, above this file. */
function packageRoot(): string {
  let directory = __dirname;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) return process.cwd();
    directory = parent;
  }
  return directory;
}

/** The wallboard script, compiled by `npm run build` into dist/dashboard/ (ES modules). */
function scriptFiles(): { name: string; body: Buffer }[] {
  const directory = path.join(packageRoot(), 'dist', 'dashboard');
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => ({ name, body: readFileSync(path.join(directory, name)) }));
}

/** graphql-ws's browser client: its ES module and the chunks it imports, from the npm package. */
function graphqlWsFiles(): { version: string; files: { name: string; body: Buffer }[] } {
  const manifest = require.resolve('graphql-ws/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dist = path.join(path.dirname(manifest), 'dist');
  const client = readFileSync(path.join(dist, 'client.js'));
  const chunks = [...client.toString('utf8').matchAll(/from '\.\/([\w-]+\.js)'/g)].map((match) => match[1]!);
  const names = ['client.js', ...new Set(chunks)];
  return { version, files: names.map((name) => ({ name, body: readFileSync(path.join(dist, name)) })) };
}

function dashboardAssets() {
  const scripts = scriptFiles();
  const hash = createHash('sha256');
  for (const file of scripts) hash.update(file.name).update(file.body);
  const scriptDir = `${DASHBOARD_ASSET_PREFIX}/${hash.digest('hex').slice(0, 12)}`;
  const ws = graphqlWsFiles();
  const wsDir = `${DASHBOARD_ASSET_PREFIX}/graphql-ws@${ws.version}`;
  const styleHash = createHash('sha256').update(STYLE).digest('hex').slice(0, 12);
  const assets: Asset[] = [
    ...scripts.map((file) => ({ path: `${scriptDir}/${file.name}`, contentType: JS, body: file.body })),
    ...ws.files.map((file) => ({ path: `${wsDir}/${file.name}`, contentType: JS, body: file.body })),
    {
      path: `${DASHBOARD_ASSET_PREFIX}/${styleHash}/wallboard.css`,
      contentType: CSS,
      body: Buffer.from(STYLE),
    },
  ];
  return {
    assets,
    script: scripts.some((file) => file.name === 'wallboard.js') ? `${scriptDir}/wallboard.js` : null,
    style: `${DASHBOARD_ASSET_PREFIX}/${styleHash}/wallboard.css`,
    graphqlWs: `${wsDir}/client.js`,
  };
}

function page(assets: ReturnType<typeof dashboardAssets>): string {
  // A data block (not script), which the CSP lets through; nothing in it closes the element.
  const settings = JSON.stringify({ graphql: '/graphql', graphqlWs: assets.graphqlWs }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Omnitray wallboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.style}">
</head>
<body>
${PAGE_BODY}
<script type="application/json" id="wallboard-settings">${settings}</script>
<script type="module" src="${assets.script}"></script>
</body>
</html>
`;
}

/**
 * The wallboard at `GET /dashboard`: a static page, its script (compiled by the build) and
 * graphql-ws's browser client, all served by this process at exact paths (nothing from a CDN).
 * It signs in with a token or the sign-in flow and reads everything through the public API.
 */
export function mountDashboard(app: Express): void {
  const assets = dashboardAssets();
  for (const asset of assets.assets) {
    app.get(asset.path, (_request: Request, response: Response) => {
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      response.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
      response.type(asset.contentType).send(asset.body);
    });
  }
  app.get('/dashboard', (_request: Request, response: Response) => {
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    if (!assets.script) {
      response.status(503).type('text/plain').send('The wallboard script is not built: run `npm run build`.');
      return;
    }
    response.type('html').send(page(assets));
  });
}
