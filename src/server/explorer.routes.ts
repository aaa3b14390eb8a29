import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Express, type Request, type Response } from 'express';

/** Where the explorer's files are served, each at one exact path (`explorerAssets`). */
export const EXPLORER_ASSET_PREFIX = '/explorer/assets';

/**
 * The page allows nothing but this origin: scripts and styles are files served here (no inline
 * code), GraphiQL's fonts are data: URIs in its stylesheet, and requests go to this API only.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Starts GraphiQL from the settings the page carries as JSON (a data block, which CSP lets through). */
const BOOTSTRAP = `(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);
  var url = new URL(settings.path, window.location.href);
  var subscriptionUrl = url.href.replace(/^http/, 'ws');
  var fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl: subscriptionUrl });
  var props = {
    fetcher: fetcher,
    defaultQuery: settings.defaultQuery,
    defaultEditorToolsVisibility: settings.headers ? 'headers' : false,
    shouldPersistHeaders: false,
    inputValueDeprecation: true,
    schemaDescription: true,
  };
  if (settings.headers) props.headers = settings.headers;
  ReactDOM.createRoot(document.getElementById('explorer')).render(React.createElement(GraphiQL, props));
})();
`;

const STYLE = `html, body { height: 100%; margin: 0; }
#explorer { height: 100vh; }
`;

interface Asset {
  /** The exact path it is served at: a version or content hash in it makes it cacheable for good. */
  path: string;
  contentType: string;
  /** A file of an npm package, or text of our own. */
  file?: string;
  text?: string;
}

function packageFile(name: string, file: string): { file: string; version: string } {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { file: path.join(path.dirname(manifest), file), version };
}

function fromPackage(name: string, file: string, contentType: string): Asset {
  const found = packageFile(name, file);
  return {
    path: `${EXPLORER_ASSET_PREFIX}/${name}@${found.version}/${path.basename(file)}`,
    contentType,
    file: found.file,
  };
}

function ofText(name: string, text: string, contentType: string): Asset {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { path: `${EXPLORER_ASSET_PREFIX}/${hash}/${name}`, contentType, text };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** GraphiQL's UMD build and the React it runs on, from their npm packages, and our two small files. */
function explorerAssets() {
  return {
    react: fromPackage('react', 'umd/react.production.min.js', JS),
    reactDom: fromPackage('react-dom', 'umd/react-dom.production.min.js', JS),
    graphiql: fromPackage('graphiql', 'graphiql.min.js', JS),
    graphiqlCss: fromPackage('graphiql', 'graphiql.min.css', CSS),
    bootstrap: ofText('explorer.js', BOOTSTRAP, JS),
    style: ofText('explorer.css', STYLE, CSS),
  };
}

/** JSON inside a <script> data block: nothing in it may close the element or start a comment. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const DEFAULT_QUERY = `# Omnitray API explorer. Press the run button (or Ctrl-Enter).
# Send your token in the Headers tab: { "Authorization": "Bearer <token>" }

query Trays {
  trays {
    kind
    count
  }
}
`;

function page(assets: ReturnType<typeof explorerAssets>, headers: string | null): string {
  const settings = scriptSafeJson({ path: '/graphql', defaultQuery: DEFAULT_QUERY, headers });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Omnitray API explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.graphiqlCss.path}">
<link rel="stylesheet" href="${assets.style.path}">
</head>
<body>
<div id="explorer">Loading the explorer…</div>
<script type="application/json" id="explorer-settings">${settings}</script>
<script src="${assets.react.path}"></script>
<script src="${assets.reactDom.path}"></script>
<script src="${assets.graphiql.path}"></script>
<script src="${assets.bootstrap.path}"></script>
</body>
</html>
`;
}

/** A browser asking for a page (navigation), not a GraphQL client doing a GET. */
function wantsPage(request: Request): boolean {
  return (
    request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
  );
}

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d+)?$/i;

/**
 * A browser on this machine that asked for this machine by name. The Host check keeps a page of
 * another site out when its name is made to resolve to 127.0.0.1 (DNS rebinding): its requests
 * name that site.
 */
function onThisMachine(request: Request): boolean {
  return LOOPBACK.test(request.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(request.headers.host ?? '');
}

export interface ExplorerOptions {
  /**
   * Development: a token to fill in the headers editor (the demo admin's). Handed only to a
   * browser on this machine (the socket's address, whatever proxies say) that named it.
   */
  developmentToken?: () => Promise<string | null>;
}

/**
 * GraphiQL at `GET /graphql` for browsers, every file of it served by this process from the npm
 * packages (nothing from a CDN: it works offline and behind firewalls). Other GETs of `/graphql`
 * go on to the API.
 */
export function mountExplorer(app: Express, options: ExplorerOptions = {}): void {
  const assets = explorerAssets();
  // Exact paths only: nothing else of node_modules is reachable.
  for (const asset of Object.values(assets)) {
    app.get(asset.path, (_request: Request, response: Response) => {
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      response.type(asset.contentType);
      if (asset.text !== undefined) {
        response.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
        response.send(asset.text);
        return;
      }
      response.sendFile(asset.file!, { maxAge: YEAR_SECONDS * 1000, immutable: true });
    });
  }

  app.get('/graphql', async (request, response, next) => {
    if (!wantsPage(request)) return next();
    const token =
      options.developmentToken && onThisMachine(request) ? await options.developmentToken() : null;
    const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : null;
    response.setHeader('Content-Security-Policy', EXPLORER_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    // The page may carry a token: never kept by a cache.
    response.setHeader('Cache-Control', 'no-store');
    response.vary('Accept');
    response.type('html').send(page(assets, headers));
  });
}
