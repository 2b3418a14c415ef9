// The tab helpers that need no browser: CLIENT LIST's names, tabs counted by name prefix, where
// the engine runs in the stats' words for each mode of the contract (TABS-API.md), and whether a
// second connection of the page reaches the same engine.
import { describe, expect, it } from 'vitest';
import { TAB_NAME, WORKER_NAME, clientNames, countNamed, hostLabel, hostPhrase, sharesEngine } from '../../../demo/tabs.js';

const LIST =
  'id=3 addr=127.0.0.1:0 laddr=127.0.0.1:0 fd=8 name=playground-tab:abc123 age=2 idle=0 flags=N db=0 cmd=client|list\n' +
  'id=4 addr=127.0.0.1:0 laddr=127.0.0.1:0 fd=9 name=playground-live:abc123 age=2 idle=2 flags=P db=0 cmd=psubscribe\n' +
  'id=5 addr=127.0.0.1:0 laddr=127.0.0.1:0 fd=10 name= age=1 idle=1 flags=N db=0 cmd=get\n' +
  'id=6 addr=127.0.0.1:0 laddr=127.0.0.1:0 fd=11 name=playground-tab:def456 age=1 idle=0 flags=N db=0 cmd=info\n' +
  'id=7 addr=127.0.0.1:0 laddr=127.0.0.1:0 fd=12 name=playground-worker:def456 age=1 idle=1 flags=b db=0 cmd=blmove\n';

describe('tab helpers', () => {
  it('reads the names of CLIENT LIST, unnamed connections included', () => {
    expect(clientNames(LIST)).toEqual(['playground-tab:abc123', 'playground-live:abc123', '', 'playground-tab:def456', 'playground-worker:def456']);
    expect(clientNames('')).toEqual([]);
  });

  it('counts distinct tabs by the prefix of their connections', () => {
    const names = clientNames(LIST);
    expect(countNamed(names, TAB_NAME)).toBe(2);
    expect(countNamed(names, WORKER_NAME)).toBe(1);
    expect(countNamed([...names, 'playground-tab:abc123'], TAB_NAME)).toBe(2);
  });

  it('says where the engine runs for each mode, and which modes share it with a second connection', () => {
    expect(hostLabel({ mode: 'shared', isHost: false })).toBe('SharedWorker');
    expect(hostLabel({ mode: 'dedicated', isHost: true })).toBe('this tab');
    expect(hostLabel({ mode: 'dedicated', isHost: false })).toBe('another tab');
    expect(hostLabel({ mode: 'inline', isHost: true })).toBe('this tab');
    expect(hostLabel({})).toBe('this tab');
    expect(hostPhrase({ mode: 'dedicated', isHost: false })).toBe("in another tab's Web Worker");
    expect(hostPhrase({ mode: 'inline', isHost: true })).toBe('in a Web Worker');
    expect([{ mode: 'shared' }, { mode: 'dedicated' }, { mode: 'inline' }, {}].map(sharesEngine)).toEqual([true, true, false, false]);
  });
});
