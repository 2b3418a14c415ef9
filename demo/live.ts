// What lights up when the engine and the client have pub/sub: the key browser follows keyspace
// notifications (a second connection PSUBSCRIBEs to __keyspace@*__:*), and a chat between tabs.
// Both need the second connection to reach the same engine: they wait for the client to say so,
// then check it (PUBSUB NUMPAT / NUMSUB seen from the page's connection) before going live.
import type { ClientOptions, LocalRedis } from '../src/client/index.js';
import { createClient } from '../src/client/index.js';
import { App } from './app.js';
import { h } from './dom.js';

interface PubSubClient {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  psubscribe?(...patterns: string[]): Promise<unknown>;
  subscribe?(...channels: string[]): Promise<unknown>;
}

/**
 * Whether a second connection of this page reaches the same engine rather than starting one of
 * its own on the same database (two engines must never share one IndexedDB database). That is
 * the work of one engine per database name across tabs (issue 5), which is to say so on the
 * client; until it does, the page keeps to one connection.
 */
function sharesEngine(client: unknown): boolean {
  const c = client as { shared?: unknown; mode?: unknown };
  return c.shared === true || c.mode === 'shared';
}

/** Whether the client and the engine can do pub/sub, on a connection of its own. */
export function hasPubSub(app: App): boolean {
  const c = app.client as unknown as Partial<PubSubClient>;
  return app.has('psubscribe') && app.has('publish') && typeof c.on === 'function' && sharesEngine(app.client);
}

async function second(options: ClientOptions): Promise<LocalRedis & PubSubClient> {
  return (await createClient(options)) as LocalRedis & PubSubClient;
}

/** Live key browser: returns a short status text. */
export async function startKeyspaceEvents(app: App, options: ClientOptions): Promise<string> {
  if (!hasPubSub(app)) return '';
  const sub = await second(options);
  try {
    const flags = (await app.toolText('CONFIG', 'GET', 'notify-keyspace-events')) as Record<string, string> | string[];
    // RESP2 maps come as flat arrays, RESP3 maps as objects.
    const current = Array.isArray(flags) ? flags[1] : flags['notify-keyspace-events'];
    if (!current) await app.toolText('CONFIG', 'SET', 'notify-keyspace-events', 'KA');
    sub.on('pmessage', () => app.changed('notification'));
    if (sub.psubscribe) await sub.psubscribe('__keyspace@*__:*');
    else await sub.call('PSUBSCRIBE', '__keyspace@*__:*');
    const numpat = Number(await app.toolText('PUBSUB', 'NUMPAT'));
    if (numpat < 1) throw new Error('not the same engine');
    return 'live (keyspace notifications)';
  } catch {
    await sub.close();
    return '';
  }
}

/** The pub/sub chat card, or null when pub/sub is not there. */
export async function chatCard(app: App, options: ClientOptions): Promise<HTMLElement | null> {
  if (!hasPubSub(app)) return null;
  const sub = await second(options);
  const log = h('div', { class: 'chat-log', attrs: { role: 'log', 'aria-label': 'Chat messages', tabindex: '0' } });
  sub.on('message', (channel: unknown, message: unknown) => {
    log.append(h('div', {}, String(message)));
    log.scrollTop = log.scrollHeight;
  });
  try {
    if (sub.subscribe) await sub.subscribe('playground:chat');
    else await sub.call('SUBSCRIBE', 'playground:chat');
    const numsub = (await app.toolText('PUBSUB', 'NUMSUB', 'playground:chat')) as unknown[];
    if (Number(numsub[1]) < 1) throw new Error('not the same engine');
  } catch {
    await sub.close();
    return null;
  }
  const name = h('input', { type: 'text', value: `tab-${Math.floor(Math.random() * 900 + 100)}`, attrs: { 'aria-label': 'Your name' }, class: 'score' });
  const text = h('input', { type: 'text', attrs: { 'aria-label': 'Message' }, placeholder: 'Say hello to the other tab' });
  const form = h('form', { class: 'row wrap' }, name, text, h('button', { type: 'submit' }, 'Send'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!text.value) return;
    void app.toolText('PUBLISH', 'playground:chat', `${name.value}: ${text.value}`);
    text.value = '';
  });
  return h(
    'article',
    { class: 'sample', id: 'sample-chat', attrs: { 'aria-labelledby': 'sample-chat-title' } },
    h('h3', { id: 'sample-chat-title' }, 'Pub/sub chat'),
    h('p', {}, 'Open this page in a second tab and chat between the two: PUBLISH here, SUBSCRIBE there.'),
    log,
    form,
  );
}
