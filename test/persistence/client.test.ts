// The client's persistence options, in the inline mode: a named database is loaded again by the
// next client, loading progress is reported, and a database that cannot be opened fails the client.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { requestPersistentStorage } from '../../src/client/storage.js';

let n = 0;
const fresh = () => `client-test-${++n}`;

describe('a named database', () => {
  it('is there again for the next client that opens it', async () => {
    const name = fresh();
    const a = await createClient({ mode: 'inline', name, appendfsync: 'always' });
    await a.call('SET', 'greeting', 'hello');
    await a.call('RPUSH', 'list', 'a', 'b');
    await a.close();
    const b = await createClient({ mode: 'inline', name });
    expect(await b.call('GET', 'greeting')).toBe('hello');
    expect(await b.call('LRANGE', 'list', '0', '-1')).toEqual(['a', 'b']);
    expect(await b.call('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    await b.close();
  });

  it('reports its loading progress up to the total', async () => {
    const name = fresh();
    const a = await createClient({ mode: 'inline', name, appendfsync: 'always' });
    for (let i = 0; i < 20; i++) await a.call('SET', `k${i}`, 'v');
    await a.call('SAVE');
    await a.call('SET', 'late', 'v');
    await a.close();
    const { startInline } = await import('../../src/worker/inline.js');
    const inline = startInline();
    const seen: unknown[] = [];
    inline.endpoint.addEventListener('message', (ev) => seen.push(ev.data));
    inline.endpoint.postMessage({ type: 'open', name });
    inline.endpoint.postMessage({ type: 'request', id: 1, commands: [['DBSIZE']] });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([
      { type: 'loading', loaded: 0, total: 21 },
      { type: 'loading', loaded: 21, total: 21 },
      { type: 'reply', id: 1, replies: [21] },
    ]);
    inline.close();
  });

  it('without a name keeps data in memory only', async () => {
    const a = await createClient({ mode: 'inline' });
    await a.call('SET', 'k', 'v');
    expect(await a.call('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'no']);
    await expect(a.call('BGSAVE')).rejects.toThrow('ERR no persistence is attached to this engine');
    await a.close();
  });

  it('asks for persistent storage only where there is a Storage API', async () => {
    expect(await requestPersistentStorage()).toBe(false);
  });
});
