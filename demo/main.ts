// The playground: boots the client (the engine in a Web Worker), exposes it as window.redis, and
// wires the console, the key browser, the live stats and the samples. Features other parts of
// localredis are still building (keyspace notifications, pub/sub, persistence figures, loading
// progress) are detected through the command table, INFO and the client, and appear when present.
import { createClient, type ClientOptions, type LocalRedis } from '../src/client/index.js';
import { App } from './app.js';
import { ConsoleView } from './console.js';
import { $ } from './dom.js';
import { KeyBrowser } from './key-browser.js';
import { buildHelpEntries, type CommandDoc } from './lib/command-docs.js';
import { chatCard, startKeyspaceEvents } from './live.js';
import { renderSamples } from './samples.js';
import { StatsPanel, parseInfo } from './stats.js';
import { setupTheme } from './theme.js';

declare global {
  interface Window {
    /** The playground's client: try `await redis.get('greeting')` in DevTools. */
    redis: LocalRedis;
  }
}

const status = $('status');
const progress = $('loading') as HTMLProgressElement;

// `name` picks the database (and its IndexedDB store) where the client supports it.
const options = { mode: 'auto', name: 'playground' } as ClientOptions;

/** A map reply as an object: the client gives RESP2 maps as flat arrays, RESP3 maps as objects. */
function mapOf(v: unknown): Record<string, unknown> {
  if (!Array.isArray(v)) return (v ?? {}) as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < v.length; i += 2) o[String(v[i])] = v[i + 1];
  return o;
}

/** COMMAND DOCS as name -> doc, subcommands included. */
function docsOf(v: unknown): Record<string, CommandDoc> {
  const out: Record<string, CommandDoc> = {};
  for (const [name, d] of Object.entries(mapOf(v))) {
    const doc = mapOf(d) as CommandDoc & { subcommands?: unknown };
    if (doc.subcommands !== undefined) doc.subcommands = docsOf(doc.subcommands);
    out[name] = doc;
  }
  return out;
}

async function boot(): Promise<void> {
  // Opening loads the saved data first; the bar shows it (indeterminate until the engine counts).
  progress.hidden = false;
  progress.removeAttribute('value');
  status.textContent = 'Opening the saved database…';
  const t0 = performance.now();
  const client = await createClient(options);
  const openMs = Math.round(performance.now() - t0);
  progress.hidden = true;
  window.redis = client;
  const app = new App(client);
  setupTheme(app);
  const emitter = client as unknown as { on?: (e: string, f: (...a: unknown[]) => void) => void };
  emitter.on?.('loading', (p: unknown) => {
    const { loaded, total } = p as { loaded: number; total: number };
    progress.hidden = loaded >= total;
    progress.value = total ? loaded / total : 1;
    status.textContent = `Loading saved data: ${loaded.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
  });
  emitter.on?.('error', (e: unknown) => (status.textContent = `Engine error: ${(e as Error).message}`));

  const view = new ConsoleView(app);
  view.focus();

  // The command table as the engine describes it, and the docs for HELP and hints.
  const [table, docs, infoText, fallback] = await Promise.all([
    app.toolText('COMMAND') as Promise<unknown[][]>,
    app.toolText('COMMAND', 'DOCS').then(docsOf),
    app.toolText('INFO', 'server', 'persistence') as Promise<string>,
    import('./lib/command-docs.gen.js'),
  ]);
  for (const c of table) app.commands.set(String(c[0]), { arity: Number(c[1]), flags: (c[2] as string[]).map(String) });
  const info = parseInfo(infoText);
  const version = info.get('redis_version') ?? fallback.REDIS_VERSION;
  view.session.version = version;
  view.entries = buildHelpEntries(docs, fallback.COMMAND_DOCS);

  const persisted = info.get('aof_enabled') === '1';
  const keys = Number(await app.toolText('DBSIZE'));
  status.textContent =
    `Engine ready: Redis ${version} commands (${app.commands.size}) in a Web Worker` +
    (persisted ? `, saved in IndexedDB (opened in ${openMs} ms, ${keys.toLocaleString('en-US')} key${keys === 1 ? '' : 's'} in db 0).` : '.');
  $('banner-extra').innerHTML = persisted
    ? '<strong>Reload the page</strong>: your keys and your history are still here.'
    : 'Your history is kept across reloads; <strong>reload the page</strong> to see it.';
  view.note(
    `localredis ${version}, ${app.commands.size} commands. Try SET greeting hello, INCR visits, HELP SET, or a sample below.\n` +
      'window.redis is this page\'s client: try await redis.get("greeting") in DevTools.',
  );

  const browser = new KeyBrowser(app);
  const stats = new StatsPanel(app);
  renderSamples($('sample-list'), app, view);
  document.body.dataset.ready = 'true';
  void browser.scan(true);
  void stats.poll();
  $('keys-db').textContent = '(db 0)';
  app.addEventListener('console-ran', () => ($('keys-db').textContent = `(db ${view.session.db})`));

  // Lights up once pub/sub and shared engines exist.
  void startKeyspaceEvents(app, options).then((s) => {
    $('live').textContent = s;
    // A second connection reached this engine: a second tab does too.
    if (s) $('banner-extra').append(' ', Object.assign(document.createElement('strong'), { textContent: 'Open a second tab' }), ': it shares this database, live.');
  });
  void chatCard(app, options).then((card) => card && $('sample-list').append(card));
}

boot().catch((e: unknown) => {
  status.textContent = `The engine did not start: ${(e as Error).message}`;
  console.error(e);
});
