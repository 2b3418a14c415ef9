// The page the cross-tab tests open in several tabs: the client, and an INCR loop whose
// acknowledgements the test can read while it runs.
import { createClient, type LocalRedis } from '../../../src/client/index.js';

interface Tab {
  redis?: LocalRedis;
  acked: number;
  hosts: boolean[];
  messages: string[];
  warnings: string[];
  /** The longest wait between two acknowledged INCRs (ms): a takeover's pause, for bench/tabs.ts. */
  maxGap: number;
  stop: boolean;
  open(options: object): Promise<{ mode: string; isHost: boolean }>;
  incr(key: string, n: number, inFlight: number): Promise<number>;
}

const tab: Tab = {
  acked: 0,
  hosts: [],
  messages: [],
  warnings: [],
  maxGap: 0,
  stop: false,
  async open(options) {
    const redis = (tab.redis = await createClient(options));
    redis.on('warning', (m) => tab.warnings.push(m));
    redis.on('host', ({ isHost }) => tab.hosts.push(isHost));
    redis.on('message', (channel, message) => tab.messages.push(`${channel}:${message}`));
    redis.on('pmessage', (_pattern, channel, message) => tab.messages.push(`${channel}:${message}`));
    return { mode: redis.mode, isHost: redis.isHost };
  },
  /** n INCRs of `key`, `inFlight` at a time; counts the acknowledged ones in tab.acked. */
  async incr(key, n, inFlight) {
    const redis = tab.redis!;
    let next = 0;
    let last = performance.now();
    const lane = async () => {
      while (next < n && !tab.stop) {
        next++;
        await redis.incr(key);
        tab.acked++;
        const now = performance.now();
        if (now - last > tab.maxGap) tab.maxGap = now - last;
        last = now;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    return tab.acked;
  },
};
(globalThis as unknown as { tab: Tab }).tab = tab;
document.body.dataset.ready = 'true';
