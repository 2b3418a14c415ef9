// The key browser: SCAN (never KEYS) with MATCH and TYPE, each key's type, TTL counting down and
// size; a key opens in an editor that fits its type (string as text or hex, list items, hash
// fields, set members, sorted-set members with scores), with delete and TTL controls. It rescans
// after console writes, edits and samples, and live on keyspace notifications when the engine
// has them (see live.ts).
import { App, type Arg } from './app.js';
import { $, h } from './dom.js';
import { bytesToByteString, displayBytes, fromHex, toHex, utf8Text } from './lib/bytes.js';

const PAGE = 200;
const SIZE_COMMAND: Record<string, string> = { string: 'STRLEN', list: 'LLEN', hash: 'HLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' };
const SIZE_UNIT: Record<string, string> = { string: 'B', list: 'items', hash: 'fields', set: 'members', zset: 'members', stream: 'entries' };
const ITEMS = 200;

interface KeyRow {
  key: Uint8Array;
  id: string;
  type: string;
  /** Absolute expiry in ms (page clock), or -1. */
  expireAt: number;
  size: number | null;
  ttlCell?: HTMLElement;
}

const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new TextEncoder().encode(String(v)));
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v instanceof Uint8Array ? new TextDecoder().decode(v) : v));

export function formatTtl(ms: number): string {
  if (ms < 0) return '—';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export class KeyBrowser {
  private rows = new Map<string, KeyRow>();
  private cursor = '0';
  private scanning = false;
  private rescanQueued = false;
  private openKey: Uint8Array | null = null;
  private readonly tbody = $('key-rows');
  private readonly count = $('key-count');
  private readonly more = $('key-more') as HTMLButtonElement;
  private readonly editor = $('editor');
  private readonly pattern = $('key-pattern') as HTMLInputElement;
  private readonly typeSel = $('key-type') as HTMLSelectElement;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reloadEditor = false;
  /** The outcome of the last edit, shown again when the editor reloads after it. */
  private flash: { id: string; text: string; error: boolean } | null = null;
  /** The open key's TTL legend, counting down with the rows. */
  private editorTtl: { el: HTMLElement; expireAt: number } | null = null;

  constructor(private readonly app: App) {
    ($('key-filter') as HTMLFormElement).addEventListener('submit', (e) => {
      e.preventDefault();
      void this.scan(true);
    });
    this.typeSel.addEventListener('change', () => void this.scan(true));
    this.more.addEventListener('click', () => void this.scan(false));
    app.addEventListener('keys-changed', (e) => this.refreshSoon((e as CustomEvent<string>).detail));
    setInterval(() => this.tick(), 1000);
  }

  /**
   * A rescan shortly after a burst of changes (one, however many changes). The open key is
   * reloaded too, unless the change is the editor's own or someone is typing in the editor: a
   * reload would throw away what they typed.
   */
  refreshSoon(source = 'console', delay = 150): void {
    if (source !== 'editor' && !(this.editor.contains(document.activeElement) && source !== 'console')) this.reloadEditor = true;
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scan(true);
      if (this.openKey && this.reloadEditor) void this.open(this.openKey, false);
      this.reloadEditor = false;
    }, delay);
  }

  /** SCAN from the start (fresh) or on from the cursor, until a page of keys or the end. */
  async scan(fresh: boolean): Promise<void> {
    if (this.scanning) {
      this.rescanQueued ||= fresh;
      return;
    }
    this.scanning = true;
    try {
      if (fresh) this.cursor = '0';
      const found: Uint8Array[] = [];
      const pattern = this.pattern.value || '*';
      const type = this.typeSel.value;
      let first = fresh;
      while ((first || this.cursor !== '0') && found.length < PAGE) {
        first = false;
        const args: Arg[] = ['SCAN', this.cursor, 'MATCH', pattern, 'COUNT', '100'];
        if (type) args.push('TYPE', type);
        const reply = (await this.app.background(...args)) as [Uint8Array, Uint8Array[]];
        this.cursor = new TextDecoder().decode(reply[0]);
        found.push(...reply[1]);
      }
      const described = await this.describe(found);
      const next = fresh ? new Map<string, KeyRow>() : this.rows;
      for (const r of described) if (r.type !== 'none') next.set(r.id, r);
      this.rows = next;
      this.render();
    } catch (e) {
      this.count.textContent = `Scan failed: ${(e as Error).message}`;
    } finally {
      this.scanning = false;
      if (this.rescanQueued) {
        this.rescanQueued = false;
        void this.scan(true);
      }
    }
  }

  /** TYPE and PTTL of every key in one burst, then the size by type in another. */
  private async describe(keys: Uint8Array[]): Promise<KeyRow[]> {
    if (keys.length === 0) return [];
    const first = await this.app.backgroundBurst(keys.flatMap((k) => [['TYPE', k], ['PTTL', k]]));
    const now = Date.now();
    const rows: KeyRow[] = keys.map((key, i) => {
      const type = String(first[2 * i]);
      const pttl = num(first[2 * i + 1]);
      return { key, id: bytesToByteString(key), type, expireAt: pttl >= 0 ? now + pttl : -1, size: null };
    });
    const sized = rows.filter((r) => SIZE_COMMAND[r.type]);
    const sizes = await this.app.backgroundBurst(sized.map((r) => [SIZE_COMMAND[r.type], r.key]));
    sized.forEach((r, i) => (r.size = typeof sizes[i] === 'number' ? (sizes[i] as number) : null));
    return rows;
  }

  private render(): void {
    const rows = [...this.rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const openId = this.openKey ? bytesToByteString(this.openKey) : null;
    // A rescan rebuilds the rows: the key that had the keyboard focus gets it back.
    const active = document.activeElement as HTMLElement | null;
    const focused = active && this.tbody.contains(active) ? active.dataset.key : undefined;
    this.tbody.replaceChildren(
      ...rows.map((r) => {
        const btn = h('button', { type: 'button', class: 'key', title: displayBytes(r.key), onclick: () => void this.open(r.key, true) }, displayBytes(r.key));
        btn.dataset.key = displayBytes(r.key);
        r.ttlCell = h('td', { class: 'ttl' }, this.ttlText(r));
        const tr = h(
          'tr',
          { class: r.id === openId ? 'open' : '' },
          h('td', {}, btn),
          h('td', {}, h('span', { class: 'type' }, r.type)),
          r.ttlCell,
          h('td', {}, r.size === null ? '' : `${r.size} ${SIZE_UNIT[r.type] ?? ''}`),
        );
        return tr;
      }),
    );
    if (focused !== undefined) {
      for (const b of this.tbody.querySelectorAll<HTMLButtonElement>('button.key')) if (b.dataset.key === focused) b.focus({ preventScroll: true });
    }
    const total = this.rows.size;
    this.count.textContent = `${total} key${total === 1 ? '' : 's'} shown${this.cursor !== '0' ? ' (more to scan)' : ''}`;
    this.more.hidden = this.cursor === '0';
  }

  private ttlText(r: KeyRow): string {
    return r.expireAt < 0 ? '—' : formatTtl(Math.max(0, r.expireAt - Date.now()));
  }

  /** TTLs count down; a key whose time is up is rescanned away. */
  private tick(): void {
    let expired = false;
    const now = Date.now();
    for (const r of this.rows.values()) {
      if (r.expireAt < 0 || !r.ttlCell) continue;
      r.ttlCell.textContent = this.ttlText(r);
      if (r.expireAt <= now) expired = true;
    }
    if (this.editorTtl && this.editorTtl.el.isConnected) {
      this.editorTtl.el.textContent = `TTL: ${formatTtl(Math.max(0, this.editorTtl.expireAt - now))} left`;
    }
    if (expired) this.refreshSoon('expiry', 300);
  }

  // ---------------------------------------------------------------- the editor

  private async open(key: Uint8Array, focus: boolean): Promise<void> {
    this.openKey = key;
    for (const tr of this.tbody.querySelectorAll('tr')) tr.classList.toggle('open', tr.querySelector<HTMLButtonElement>('button.key')?.title === displayBytes(key));
    const [type, pttl] = await this.app.burst([['TYPE', key], ['PTTL', key]]);
    const t = String(type);
    const name = displayBytes(key);
    const flash = this.flash?.id === bytesToByteString(key) ? this.flash : null;
    this.flash = null;
    const msg = h('p', { class: flash?.error ? 'msg err' : 'msg', attrs: { role: 'status' } }, flash?.text ?? '');
    const heading = h('h3', { tabIndex: -1 }, name);
    const body = h('div');
    this.editor.replaceChildren(heading, h('p', { class: 'muted' }, t === 'none' ? 'This key no longer exists.' : `${t}`), body, msg);
    this.editor.hidden = false;
    if (t === 'none') {
      this.editor.append(h('button', { type: 'button', onclick: () => this.close() }, 'Close'));
      return;
    }
    const act = async (commands: Arg[][], done?: string) => {
      const replies = await this.app.burst(commands);
      // EXEC's errors are inside its reply.
      const err = replies.flat().find((r) => r instanceof Error) as Error | undefined;
      this.flash = { id: bytesToByteString(key), text: err ? err.message : done ?? 'Saved.', error: err !== undefined };
      msg.className = err ? 'msg err' : 'msg';
      msg.textContent = this.flash.text;
      this.app.changed('editor');
      return !err;
    };
    body.append(this.ttlControls(key, num(pttl), act), await this.valueEditor(key, t, act));
    body.append(
      h(
        'div',
        { class: 'row wrap' },
        this.confirmButton('Delete key', async () => {
          await act([['DEL', key]], 'Deleted.');
          this.close();
        }),
        h('button', { type: 'button', onclick: () => this.close() }, 'Close'),
      ),
    );
    if (focus) heading.focus();
  }

  private close(): void {
    const id = this.openKey ? displayBytes(this.openKey) : null;
    this.openKey = null;
    this.editor.hidden = true;
    this.editor.replaceChildren();
    for (const tr of this.tbody.querySelectorAll('tr.open')) tr.classList.remove('open');
    if (id) this.tbody.querySelector<HTMLButtonElement>(`button.key[title="${CSS.escape(id)}"]`)?.focus();
  }

  /** A button that asks once more before acting ("Delete key" -> "Really delete?"). */
  private confirmButton(label: string, action: () => Promise<void>): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'danger' }, label);
    let armed = false;
    b.addEventListener('click', () => {
      if (!armed) {
        armed = true;
        b.textContent = 'Confirm: ' + label.toLowerCase();
        setTimeout(() => {
          armed = false;
          b.textContent = label;
        }, 4000);
        return;
      }
      void action();
    });
    return b;
  }

  private ttlControls(key: Uint8Array, pttl: number, act: Act): HTMLElement {
    const legend = h('legend', {}, pttl >= 0 ? `TTL: ${formatTtl(pttl)} left` : 'TTL: none (the key persists)');
    this.editorTtl = pttl >= 0 ? { el: legend, expireAt: Date.now() + pttl } : null;
    const secs = h('input', { type: 'number', min: '1', step: '1', value: pttl > 0 ? String(Math.ceil(pttl / 1000)) : '', class: 'score' });
    const id = `ttl-${Math.random().toString(36).slice(2)}`;
    secs.id = id;
    return h(
      'fieldset',
      {},
      legend,
      h(
        'div',
        { class: 'row wrap' },
        h('label', { htmlFor: id }, 'Expire in seconds'),
        secs,
        h('button', {
          type: 'button',
          onclick: () => {
            // An empty or zero field would delete the key (EXPIRE key 0): ask for a number instead.
            if (!/^[1-9][0-9]*$/.test(secs.value.trim())) return void act([], 'Enter a whole number of seconds, 1 or more.');
            void act([['EXPIRE', key, secs.value.trim()]], 'TTL set.').then(() => this.reopen());
          },
        }, 'Set TTL'),
        h('button', { type: 'button', onclick: () => void act([['PERSIST', key]], 'TTL removed.').then(() => this.reopen()) }, 'Remove TTL'),
      ),
    );
  }

  private reopen(): void {
    if (this.openKey) void this.open(this.openKey, false);
  }

  private async valueEditor(key: Uint8Array, type: string, act: Act): Promise<HTMLElement> {
    switch (type) {
      case 'string':
        return this.stringEditor(key, act);
      case 'list':
        return this.listEditor(key, act);
      case 'hash':
        return this.hashEditor(key, act);
      case 'set':
        return this.setEditor(key, act);
      case 'zset':
        return this.zsetEditor(key, act);
      default:
        return h('p', {}, `Use the console for ${type} values.`);
    }
  }

  private async stringEditor(key: Uint8Array, act: Act): Promise<HTMLElement> {
    const value = bytes(await this.app.tool('GET', key));
    const text = utf8Text(value);
    const area = h('textarea', { spellcheck: false, attrs: { 'aria-label': 'Value' } });
    const hex = h('input', { type: 'checkbox' });
    let asHex = text === null;
    hex.checked = asHex;
    area.value = asHex ? toHex(value) : text!;
    hex.addEventListener('change', () => {
      const cur = asHex ? fromHex(area.value) : new TextEncoder().encode(area.value);
      if (cur === null) {
        hex.checked = asHex;
        return;
      }
      if (!hex.checked && utf8Text(cur) === null) {
        hex.checked = true;
        return;
      }
      asHex = hex.checked;
      area.value = asHex ? toHex(cur) : utf8Text(cur)!;
    });
    const save = h('button', {
      type: 'button',
      class: 'primary',
      onclick: () => {
        const v = asHex ? fromHex(area.value) : new TextEncoder().encode(area.value);
        if (v === null) return void act([], 'Hex digits come in pairs (0-9, a-f).');
        void act([['SET', key, v, 'KEEPTTL']]);
      },
    }, 'Save');
    return h('div', {}, area, h('div', { class: 'row wrap' }, h('label', {}, hex, 'Hex'), h('span', { class: 'muted' }, `${value.length} bytes`), save));
  }

  /** One row: a label (index, field or member), maybe an input, and buttons. */
  private item(label: string, ...rest: Array<Node | null>): HTMLElement {
    return h('div', { class: 'item' }, h('span', { class: 'idx' }, label), ...rest);
  }

  private textInput(value: Uint8Array, label: string): HTMLInputElement | null {
    const text = utf8Text(value);
    if (text === null) return null;
    return h('input', { type: 'text', value: text, spellcheck: false, attrs: { 'aria-label': label } });
  }

  private async listEditor(key: Uint8Array, act: Act): Promise<HTMLElement> {
    const items = (await this.app.tool('LRANGE', key, '0', String(ITEMS - 1))) as Uint8Array[];
    const list = h('div', { class: 'items' });
    items.forEach((v, i) => {
      const input = this.textInput(v, `Item ${i}`);
      list.append(
        this.item(
          String(i),
          input ?? h('span', { class: 'name' }, displayBytes(v)),
          input ? h('button', { type: 'button', onclick: () => void act([['LSET', key, String(i), input.value]]) }, 'Save') : null,
          // LREM removes by value: a unique placeholder set at this index removes exactly this one.
          h('button', {
            type: 'button',
            class: 'danger',
            attrs: { 'aria-label': `Remove item ${i}` },
            onclick: () => {
              const mark = `__localredis_removed_${Math.random().toString(36).slice(2)}`;
              void act([['MULTI'], ['LSET', key, String(i), mark], ['LREM', key, '1', mark], ['EXEC']], 'Removed.').then(() => this.reopen());
            },
          }, 'Remove'),
        ),
      );
    });
    const add = h('input', { type: 'text', spellcheck: false, attrs: { 'aria-label': 'New item' } });
    return h(
      'div',
      {},
      list,
      h('p', { class: 'muted' }, items.length === ITEMS ? `The first ${ITEMS} items.` : ''),
      h(
        'div',
        { class: 'row wrap' },
        add,
        h('button', { type: 'button', onclick: () => void act([['LPUSH', key, add.value]], 'Pushed.').then(() => this.reopen()) }, 'Push to head'),
        h('button', { type: 'button', onclick: () => void act([['RPUSH', key, add.value]], 'Pushed.').then(() => this.reopen()) }, 'Push to tail'),
      ),
    );
  }

  private async scanAll(cmd: string, key: Uint8Array): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    let cursor = '0';
    do {
      const [next, items] = (await this.app.tool(cmd, key, cursor, 'COUNT', '100')) as [Uint8Array, Uint8Array[]];
      cursor = new TextDecoder().decode(next);
      out.push(...items);
    } while (cursor !== '0' && out.length < ITEMS * 2);
    return out;
  }

  private async hashEditor(key: Uint8Array, act: Act): Promise<HTMLElement> {
    const flat = await this.scanAll('HSCAN', key);
    const list = h('div', { class: 'items' });
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const field = flat[i];
      const input = this.textInput(flat[i + 1], `Value of ${displayBytes(field)}`);
      list.append(
        this.item(
          displayBytes(field),
          input ?? h('span', { class: 'name' }, displayBytes(flat[i + 1])),
          input ? h('button', { type: 'button', onclick: () => void act([['HSET', key, field, input.value]]) }, 'Save') : null,
          h('button', { type: 'button', class: 'danger', attrs: { 'aria-label': `Delete field ${displayBytes(field)}` }, onclick: () => void act([['HDEL', key, field]], 'Deleted.').then(() => this.reopen()) }, 'Delete'),
        ),
      );
    }
    const f = h('input', { type: 'text', spellcheck: false, attrs: { 'aria-label': 'New field' }, placeholder: 'field' });
    const v = h('input', { type: 'text', spellcheck: false, attrs: { 'aria-label': 'New value' }, placeholder: 'value' });
    return h('div', {}, list, h('div', { class: 'row wrap' }, f, v, h('button', { type: 'button', onclick: () => void act([['HSET', key, f.value, v.value]], 'Added.').then(() => this.reopen()) }, 'Add field')));
  }

  private async setEditor(key: Uint8Array, act: Act): Promise<HTMLElement> {
    const members = await this.scanAll('SSCAN', key);
    const list = h('div', { class: 'items' });
    for (const m of members) {
      list.append(
        this.item('', h('span', { class: 'name' }, displayBytes(m)), h('button', { type: 'button', class: 'danger', attrs: { 'aria-label': `Remove member ${displayBytes(m)}` }, onclick: () => void act([['SREM', key, m]], 'Removed.').then(() => this.reopen()) }, 'Remove')),
      );
    }
    const add = h('input', { type: 'text', spellcheck: false, attrs: { 'aria-label': 'New member' }, placeholder: 'member' });
    return h('div', {}, list, h('div', { class: 'row wrap' }, add, h('button', { type: 'button', onclick: () => void act([['SADD', key, add.value]], 'Added.').then(() => this.reopen()) }, 'Add member')));
  }

  private async zsetEditor(key: Uint8Array, act: Act): Promise<HTMLElement> {
    const flat = (await this.app.tool('ZRANGE', key, '0', String(ITEMS - 1), 'WITHSCORES')) as unknown[];
    // RESP2 gives member, score, member, score; RESP3 (after HELLO 3 in the console) gives pairs.
    const pairs: Array<[Uint8Array, number]> = [];
    if (Array.isArray(flat[0])) for (const p of flat as Array<[Uint8Array, number]>) pairs.push([p[0], num(p[1])]);
    else for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as Uint8Array, num(flat[i + 1])]);
    const list = h('div', { class: 'items' });
    pairs.forEach(([m, score], i) => {
      const s = h('input', { type: 'text', value: String(score), class: 'score', attrs: { 'aria-label': `Score of ${displayBytes(m)}`, inputmode: 'decimal' } });
      list.append(
        this.item(
          String(i + 1),
          h('span', { class: 'name' }, displayBytes(m)),
          s,
          h('button', { type: 'button', onclick: () => void act([['ZADD', key, s.value, m]]).then(() => this.reopen()) }, 'Save'),
          h('button', { type: 'button', class: 'danger', attrs: { 'aria-label': `Remove member ${displayBytes(m)}` }, onclick: () => void act([['ZREM', key, m]], 'Removed.').then(() => this.reopen()) }, 'Remove'),
        ),
      );
    });
    const m = h('input', { type: 'text', spellcheck: false, attrs: { 'aria-label': 'New member' }, placeholder: 'member' });
    const sc = h('input', { type: 'text', class: 'score', attrs: { 'aria-label': 'New score', inputmode: 'decimal' }, placeholder: 'score' });
    return h(
      'div',
      {},
      h('p', { class: 'muted' }, pairs.length === ITEMS ? `The ${ITEMS} lowest scores.` : 'By score, lowest first.'),
      list,
      h('div', { class: 'row wrap' }, m, sc, h('button', { type: 'button', onclick: () => void act([['ZADD', key, sc.value || '0', m.value]], 'Added.').then(() => this.reopen()) }, 'Add member')),
    );
  }
}

type Act = (commands: Arg[][], done?: string) => Promise<boolean>;

