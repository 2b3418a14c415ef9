// The playground: boots the client (the engine in a Web Worker), exposes it as window.redis, and
// wires the console, the key browser, the live stats and the samples. Optional features (keyspace
// notifications, pub/sub, persistence figures, loading progress) are detected through the command
// table, INFO and the client, so the page also runs against an engine without them.
// The page's tabs share one engine where the client can (tabs.ts): then the key browser is live,
// the chat and the job queue's worker tab (`?role=worker`) work between tabs. `?mode=dedicated`
// tries the Web Locks leader election instead of the SharedWorker, on a database of its own (never
// two engines on one database).
import { createClient, type ClientOptions, type LocalRedis } from '../src/client/index.js';
import { App } from './app.js';
import { ConsoleView } from './console.js';
import { $ } from './dom.js';
import { KeyBrowser } from './key-browser.js';
import { buildHelpEntries, type CommandDoc } from './lib/command-docs.js';
import { chatCard, startKeyspaceEvents } from './live.js';
import { startWorkerRole } from './queue.js';
import { renderSamples } from './samples.js';
import { StatsPanel, parseInfo } from './stats.js';
import { TAB_ID, TAB_NAME, hostPhrase, hostSentence, onHostChange, sharesEngine, tabRole } from './tabs.js';
import { setupTheme } from './theme.js';

declare global {
  interface Window {
    /** The playground's client: try `await redis.get('greeting')` in DevTools. */
    redis: LocalRedis;
  }
}

const status = $('status');
const progress = $('loading') as HTMLProgressElement;

// `name` picks the database (and its IndexedDB store); all tabs that open it share one engine.
const dedicated = new URLSearchParams(location.search).get('mode') === 'dedicated';
const options = (dedicated ? { mode: 'dedicated', name: 'playground-dedicated' } : { mode: 'auto', name: 'playground' }) as ClientOptions;

/** This page's URL for another tab: the same database, no role. */
function secondTabUrl(): string {
  const url = new URL(location.href);
  url.searchParams.delete('role');
  url.hash = '';
  return url.pathname + url.search;
}

/** The banner's hint: reload (persistence), and a second tab where the tabs share the engine. */
function hint(client: LocalRedis, persisted: boolean): void {
  const extra = $('banner-extra');
  extra.replaceChildren();
  extra.append(
    Object.assign(document.createElement('strong'), { textContent: 'Reload the page' }),
    persisted ? ': your keys and your history are still here.' : ': your history is still here.',
  );
  if (!sharesEngine(client)) return;
  const link = Object.assign(document.createElement('a'), { href: secondTabUrl(), target: '_blank', id: 'open-tab', textContent: 'Open a second tab' });
  extra.append(' ', link, ': it shares this database live (key browser, chat, job queue).');
  if (tabRole() === 'worker') {
    extra.prepend(Object.assign(document.createElement('strong'), { textContent: "This tab is the job queue's worker. " }));
  }
}

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
  const app = new App(client, options);
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
  // E.g. no Web Locks: this tab keeps an engine of its own (TABS-API.md's 'warning').
  emitter.on?.('warning', (m: unknown) => view.note(`localredis: ${String(m)}`));

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
  // This tab's connection, named for CLIENT LIST (the stats count the tabs by it); again when
  // another tab's engine takes over, as the new engine has new connections.
  const named = () => (app.has('client') ? app.toolText('CLIENT', 'SETNAME', TAB_NAME + TAB_ID).catch(() => undefined) : undefined);
  await named();
  const describe = () => {
    status.textContent =
      `Engine ready: Redis ${version} commands (${app.commands.size}) ${hostPhrase(client)}` +
      (persisted ? `, saved in IndexedDB (opened in ${openMs} ms, ${keys.toLocaleString('en-US')} key${keys === 1 ? '' : 's'} in db 0).` : '.');
    $('banner-engine').textContent = hostSentence(client);
  };
  describe();
  hint(client, persisted);
  onHostChange(client, () => {
    void named();
    describe();
    view.note(`The engine moved: it now runs ${hostPhrase(client)}.`);
  });
  view.note(
    `localredis ${version}, ${app.commands.size} commands. Try SET greeting hello, INCR visits, HELP SET, or a sample below.\n` +
      'window.redis is this page\'s client: try await redis.get("greeting") in DevTools.',
  );

  const browser = new KeyBrowser(app);
  const stats = new StatsPanel(app);
  const worker = renderSamples($('sample-list'), app, view);
  document.body.dataset.ready = 'true';
  void browser.scan(true);
  void stats.poll();
  $('keys-db').textContent = '(db 0)';
  app.addEventListener('console-ran', () => ($('keys-db').textContent = `(db ${view.session.db})`));

  if (worker) startWorkerRole(app, worker, document.getElementById('sample-queue'));

  // Live where the tabs share the engine (tabs.ts).
  void startKeyspaceEvents(app, options).then((s) => ($('live').textContent = s));
  void chatCard(app, options).then((card) => {
    if (!card) return;
    $('sample-list').append(card);
    document.body.dataset.chat = 'true';
  });
}

boot().catch((e: unknown) => {
  status.textContent = `The engine did not start: ${(e as Error).message}`;
  console.error(e);
});
