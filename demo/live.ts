// What lights up when this page's tabs share one engine (tabs.ts): the key browser follows
// keyspace notifications (a second connection PSUBSCRIBEs to __keyspace@*__:*), and a chat
// between tabs (PUBLISH from the page's connection, SUBSCRIBE on a second one). Both check that
// the second connection reached the same engine (PUBSUB NUMPAT / NUMSUB seen from the page's
// connection) before going live, and subscribe again when another tab takes the engine over.
import type { ClientOptions, LocalRedis } from '../src/client/index.js';
import { App } from './app.js';
import { h } from './dom.js';
import { LIVE_NAME, TAB_ID, onHostChange, secondConnection, sharesEngine } from './tabs.js';

/** Whether the client and the engine can do pub/sub on a second connection to the same engine. */
export function hasPubSub(app: App): boolean {
  return app.has('psubscribe') && app.has('publish') && sharesEngine(app.client);
}

/** Keyspace notifications on: a new host's engine starts with the default (off). */
async function notificationsOn(app: App): Promise<void> {
  const flags = (await app.toolText('CONFIG', 'GET', 'notify-keyspace-events')) as Record<string, string> | string[];
  // RESP2 maps come as flat arrays, RESP3 maps as objects.
  const current = Array.isArray(flags) ? flags[1] : flags['notify-keyspace-events'];
  if (!current) await app.toolText('CONFIG', 'SET', 'notify-keyspace-events', 'KA');
}

/** Live key browser: returns a short status text ('' when it is not live). */
export async function startKeyspaceEvents(app: App, options: ClientOptions): Promise<string> {
  if (!hasPubSub(app)) return '';
  let sub: LocalRedis | null = null;
  try {
    sub = await secondConnection(options, LIVE_NAME);
    await notificationsOn(app);
    sub.on('pmessage', () => app.changed('notification'));
    await sub.call('PSUBSCRIBE', '__keyspace@*__:*');
    const numpat = Number(await app.toolText('PUBSUB', 'NUMPAT'));
    if (numpat < 1) throw new Error('not the same engine');
    const s = sub;
    onHostChange(s, () => {
      void notificationsOn(app).then(() => s.call('PSUBSCRIBE', '__keyspace@*__:*')).catch(() => undefined);
      app.changed('notification');
    });
    return 'live (keyspace notifications)';
  } catch {
    await sub?.close();
    return '';
  }
}

export const CHAT_CHANNEL = 'playground:chat';

/** The pub/sub chat card, or null when pub/sub across tabs is not there. */
export async function chatCard(app: App, options: ClientOptions): Promise<HTMLElement | null> {
  if (!hasPubSub(app)) return null;
  let sub: LocalRedis | null = null;
  const log = h('ol', { class: 'chat-log', attrs: { role: 'log', 'aria-label': 'Chat messages', 'aria-live': 'polite', tabindex: '0' } });
  try {
    sub = await secondConnection(options, LIVE_NAME);
    sub.on('message', (channel: string, message: string) => {
      if (channel !== CHAT_CHANNEL) return;
      // A message is "name: text"; the name is shown apart.
      const i = message.indexOf(': ');
      const who = i > 0 ? message.slice(0, i) : '';
      log.append(h('li', {}, who ? h('strong', {}, who) : null, who ? ` ${message.slice(i + 2)}` : message));
      while (log.childElementCount > 200) log.firstElementChild!.remove();
      log.scrollTop = log.scrollHeight;
    });
    await sub.call('SUBSCRIBE', CHAT_CHANNEL);
    const numsub = (await app.toolText('PUBSUB', 'NUMSUB', CHAT_CHANNEL)) as unknown[];
    if (Number(numsub[1]) < 1) throw new Error('not the same engine');
  } catch {
    await sub?.close();
    return null;
  }
  const s = sub;
  onHostChange(s, () => void s.call('SUBSCRIBE', CHAT_CHANNEL).catch(() => undefined));

  const name = h('input', { type: 'text', value: `tab-${TAB_ID.slice(0, 4)}`, maxLength: 24, spellcheck: false });
  const text = h('input', { type: 'text', placeholder: 'Say hello to the other tab', maxLength: 500 });
  const msg = h('p', { class: 'muted', attrs: { role: 'status' } });
  // Each label holds its input, so that a pair wraps as one on a narrow screen.
  const form = h(
    'form',
    { class: 'row wrap chat-form' },
    h('label', { class: 'chat-name' }, 'Name', name),
    h('label', { class: 'chat-text' }, 'Message', text),
    h('button', { type: 'submit' }, 'Send'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!text.value) return;
    const line = `${name.value || 'anonymous'}: ${text.value}`;
    text.value = '';
    try {
      const n = Number(await app.toolText('PUBLISH', CHAT_CHANNEL, line));
      msg.textContent = `Delivered to ${n} subscriber${n === 1 ? '' : 's'} (this tab included).`;
    } catch (err) {
      msg.textContent = `Not sent: ${(err as Error).message}`;
    }
  });
  return h(
    'article',
    { class: 'sample', id: 'sample-chat', attrs: { 'aria-labelledby': 'sample-chat-title' } },
    h('h3', { id: 'sample-chat-title' }, 'Pub/sub chat'),
    h(
      'p',
      {},
      'Open this page in a second tab and chat between the two: each tab SUBSCRIBEs to ',
      h('code', {}, CHAT_CHANNEL),
      ' and PUBLISHes what you send.',
    ),
    log,
    form,
    msg,
  );
}
