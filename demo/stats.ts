// The live stats panel, from INFO once a second (while the page is visible and the console does
// not hold the connection): commands per second on a small canvas (the panels' own commands taken
// out), keys per database, memory, clients; and the persistence figures, the appendfsync switch
// and the SAVE / BGREWRITEAOF buttons when the engine has those commands and reports persistence.
// Which tab hosts the engine (tabs.ts) and how many playground tabs are connected (CLIENT LIST,
// polled with INFO: each tab names its connection playground-tab:<id>).
import { App } from './app.js';
import { $, h } from './dom.js';
import { TAB_NAME, clientNames, countNamed, hostLabel, onHostChange } from './tabs.js';

const POINTS = 60;

export function parseInfo(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/** A command's calls from INFO commandstats (`cmdstat_get:calls=3,...`); 0 when not there. */
function callsOf(info: Map<string, string>, command: string): number {
  const v = info.get(`cmdstat_${command}`);
  return v === undefined ? 0 : Number(/calls=(\d+)/.exec(v)?.[1] ?? 0);
}

function ago(unixSeconds: number): string {
  const s = Math.max(0, Math.round(Date.now() / 1000 - unixSeconds));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}

function humanBytes(n: number): string {
  if (!Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export class StatsPanel {
  private readonly ops: number[] = [];
  private last: { t: number; commands: number; tools: number; polls: number } | null = null;
  /** The background commands this panel's polls sent (the others are the key browser's, ...). */
  private pollCommands = 0;
  private readonly canvas = $('ops-chart') as HTMLCanvasElement;
  private readonly list = $('stat-list');
  private readonly persistence = $('persistence');
  private persistenceBuilt = false;
  private fsyncInputs = new Map<string, HTMLInputElement>();
  private busy = false;
  info = new Map<string, string>();

  constructor(private readonly app: App) {
    setInterval(() => void this.poll(), 1000);
    new ResizeObserver(() => this.draw()).observe(this.canvas);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.draw());
    app.addEventListener('theme', () => this.draw());
    // Another tab took the engine over (or this one did): said at once, counted again soon.
    onHostChange(app.client, () => {
      this.render();
      void this.poll();
    });
  }

  async poll(): Promise<void> {
    if (this.busy || document.hidden || this.app.gate.isBusy) return;
    this.busy = true;
    try {
      // The background reads sent before this INFO are the ones its counters include.
      await this.app.gate.idle();
      const otherTools = this.app.backgroundCommands - this.pollCommands;
      // INFO first: the CLIENT LIST after it is counted by the next INFO.
      const burst = this.app.has('client') ? [['INFO', 'default', 'commandstats'], ['CLIENT', 'LIST']] : [['INFO', 'default', 'commandstats']];
      this.pollCommands += burst.length;
      const [info, list] = await this.app.backgroundBurst(burst);
      if (!(info instanceof Uint8Array)) throw info;
      this.info = parseInfo(new TextDecoder().decode(info));
      if (list instanceof Uint8Array) {
        this.app.clients = clientNames(new TextDecoder().decode(list));
        this.app.dispatchEvent(new CustomEvent('clients', { detail: this.app.clients }));
      }
      const now = performance.now();
      const commands = Number(this.info.get('total_commands_processed') ?? 0);
      // Every tab's stats polls (INFO, CLIENT LIST), from commandstats: they are no one's work.
      const polls = callsOf(this.info, 'info') + callsOf(this.info, 'client|list');
      if (this.last !== null && now > this.last.t) {
        // INFO counts every command: the polls and this tab's other background reads are taken out.
        const own = otherTools - this.last.tools;
        const rate = Math.max(0, commands - this.last.commands - (polls - this.last.polls) - own) / ((now - this.last.t) / 1000);
        this.ops.push(rate);
        if (this.ops.length > POINTS) this.ops.shift();
      }
      this.last = { t: now, commands, tools: otherTools, polls };
      this.render();
      this.draw();
      this.app.dispatchEvent(new CustomEvent('info', { detail: this.info }));
    } catch {
      // A failed INFO (the engine restarting) is retried on the next tick.
    } finally {
      this.busy = false;
    }
  }

  private render(): void {
    const i = this.info;
    const rows: Array<[string, string, string?]> = [];
    rows.push(['Engine host', hostLabel(this.app.client), 'stat-host']);
    // This tab counts even before its first CLIENT LIST (or when a console CLIENT SETNAME renamed it).
    rows.push(['Tabs connected', String(Math.max(1, countNamed(this.app.clients, TAB_NAME))), 'stat-tabs']);
    const rate = this.ops.length ? this.ops[this.ops.length - 1] : 0;
    rows.push(['Commands/s', Math.round(rate).toLocaleString('en-US')]);
    const dbs = [...i.entries()].filter(([k]) => /^db\d+$/.test(k));
    if (dbs.length === 0) rows.push(['Keys', '0']);
    for (const [db, v] of dbs) {
      const keys = /keys=(\d+)/.exec(v)?.[1] ?? '?';
      const expires = /expires=(\d+)/.exec(v)?.[1] ?? '0';
      rows.push([`Keys in ${db}`, `${Number(keys).toLocaleString('en-US')} (${expires} with TTL)`]);
    }
    const mem = Number(i.get('used_memory'));
    rows.push(['Memory (estimate)', i.get('used_memory_human') ? `${humanBytes(mem)}` : '?']);
    rows.push(['Clients', i.get('connected_clients') ?? '?']);
    rows.push(['Commands run', Number(i.get('total_commands_processed') ?? 0).toLocaleString('en-US')]);
    rows.push(['Uptime', `${i.get('uptime_in_seconds') ?? '0'} s`]);
    if (i.get('loading') === '1') rows.push(['Loading', `${i.get('loading_loaded_perc') ?? '?'}%`]);
    this.list.replaceChildren(...rows.flatMap(([k, v, id]) => [h('dt', {}, k), h('dd', id ? { id } : {}, v)]));
    this.renderPersistence();
  }

  /** Persistence: figures from INFO, and controls for the commands the engine has. */
  private renderPersistence(): void {
    const i = this.info;
    if (!this.persistenceBuilt) this.buildPersistence();
    const figures = $('persist-figures');
    const rows: Array<[string, string]> = [];
    if (i.has('aof_enabled')) rows.push(['Append log', i.get('aof_enabled') === '1' ? 'on' : 'off']);
    for (const [key, label] of [
      ['aof_current_size', 'Log size'],
      ['aof_base_size', 'Snapshot size'],
    ] as const) {
      if (i.has(key)) rows.push([label, humanBytes(Number(i.get(key)))]);
    }
    if (i.has('rdb_changes_since_last_save')) rows.push(['Changes since save', i.get('rdb_changes_since_last_save')!]);
    if (i.has('rdb_last_save_time')) rows.push(['Last snapshot', ago(Number(i.get('rdb_last_save_time')))]);
    if (i.get('aof_rewrite_in_progress') === '1') rows.push(['Rewrite', 'in progress']);
    if (i.has('aof_last_bgrewrite_status')) rows.push(['Last rewrite', i.get('aof_last_bgrewrite_status')!]);
    if (i.get('aof_last_write_status') && i.get('aof_last_write_status') !== 'ok') rows.push(['Last write', i.get('aof_last_write_status')!]);
    figures.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  }

  private buildPersistence(): void {
    this.persistenceBuilt = true;
    const msg = h('p', { class: 'muted', attrs: { role: 'status' } });
    const parts: Node[] = [h('h3', { class: 'sr-only' }, 'Persistence'), h('dl', { id: 'persist-figures', class: 'stat-list' })];
    if (this.app.has('config')) {
      const set = h('fieldset', {}, h('legend', {}, 'appendfsync'));
      for (const mode of ['always', 'everysec', 'no']) {
        const input = h('input', { type: 'radio', name: 'appendfsync', value: mode });
        input.addEventListener('change', async () => {
          try {
            await this.app.toolText('CONFIG', 'SET', 'appendfsync', mode);
            msg.textContent = `appendfsync is ${mode}.`;
          } catch (e) {
            msg.textContent = (e as Error).message;
          }
        });
        this.fsyncInputs.set(mode, input);
        set.append(h('label', {}, input, mode));
      }
      parts.push(set);
      void this.app.toolText('CONFIG', 'GET', 'appendfsync').then((r) => {
        const v = Array.isArray(r) ? r[1] : (r as Record<string, string>)?.appendfsync;
        const input = this.fsyncInputs.get(String(v));
        if (input) input.checked = true;
      }, () => set.remove());
    }
    const buttons = h('div', { class: 'row wrap' });
    for (const cmd of ['SAVE', 'BGREWRITEAOF']) {
      if (!this.app.has(cmd)) continue;
      buttons.append(
        h('button', {
          type: 'button',
          onclick: async () => {
            msg.textContent = `${cmd}…`;
            try {
              msg.textContent = `${cmd}: ${String(await this.app.toolText(cmd))}`;
            } catch (e) {
              msg.textContent = `${cmd}: ${(e as Error).message}`;
            }
            void this.poll();
          },
        }, cmd),
      );
    }
    parts.push(buttons, msg);
    this.persistence.replaceChildren(...parts);
  }

  private draw(): void {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(c.clientWidth * dpr));
    const hgt = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== w || c.height !== hgt) {
      c.width = w;
      c.height = hgt;
    }
    const g = c.getContext('2d');
    if (!g) return;
    const style = getComputedStyle(document.documentElement);
    const color = style.getPropertyValue('--chart').trim() || '#b3261e';
    const muted = style.getPropertyValue('--muted').trim() || '#888';
    g.clearRect(0, 0, w, hgt);
    const max = Math.max(10, ...this.ops);
    const step = w / (POINTS - 1);
    g.strokeStyle = color;
    g.fillStyle = color + '33';
    g.lineWidth = 2 * dpr;
    g.beginPath();
    const x0 = w - (this.ops.length - 1) * step;
    this.ops.forEach((v, i) => {
      const x = x0 + i * step;
      const y = hgt - 4 * dpr - (v / max) * (hgt - 18 * dpr);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    });
    g.stroke();
    if (this.ops.length > 1) {
      g.lineTo(w, hgt);
      g.lineTo(x0, hgt);
      g.closePath();
      g.fill();
    }
    g.fillStyle = muted;
    g.font = `${11 * dpr}px system-ui, sans-serif`;
    g.fillText(`peak ${Math.round(max).toLocaleString('en-US')}/s`, 6 * dpr, 13 * dpr);
  }
}
