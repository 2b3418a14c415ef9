// The same seeded sequences through our Node RESP server (src/server), so the server path (request
// parsing, pipelining, reply writing, sessions per connection) is compared with redis-server too.
// Every reply from both servers is also fed to src/protocol's ReplyParser, which must frame it as
// exactly one reply. Replay: DIFF_SEED=5003 DIFF_COUNT=1000 npx vitest run test/diff/server.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOMPLETE, ReplyParser } from '../../src/protocol/resp-reply-parser.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { showBytes } from './call.js';
import { env, expectSame, generatorFor, generatorSource, setupDiff, type DiffSetup } from './harness.js';
import { SocketTarget } from './targets.js';

const BASE = env.base === 'random' ? Date.now() % 1_000_000_000 : env.base !== undefined ? Number(env.base) : 5000;
const SEEDS = env.seed !== undefined ? [env.seed] : Array.from({ length: env.seeds ?? 6 }, (_, i) => BASE + i);
const COUNT = env.count ?? 1000;

/** Null when ReplyParser reads `raw` as exactly one complete reply, else why not. */
function framingProblem(raw: string): string | null {
  if (raw === '') return null; // a harness step (sleep)
  const p = new ReplyParser();
  try {
    p.feed(raw);
    if (p.next() === INCOMPLETE) return 'incomplete';
    if (p.pending || p.next() !== INCOMPLETE) return 'bytes left over';
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

describe('differential: random sequences through our RESP server', () => {
  let d: DiffSetup;
  let server: RunningServer;
  const framing: string[] = [];
  beforeAll(async () => {
    server = await startServer({ port: 0 });
    d = await setupDiff(new SocketTarget('ours (server)', server.port));
    d.runner.onReply = (_call, a, b) => {
      for (const [who, raw] of [['redis', a], ['ours', b]] as const) {
        const why = framingProblem(raw);
        if (why !== null && framing.length < 10) framing.push(`${who} reply ${showBytes(raw, 200)}: ${why}`);
      }
    };
  });
  afterAll(async () => {
    await d?.close();
    await server?.close();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: ${COUNT} commands over sockets get the same replies`, async () => {
      const replay = `DIFF_SEED=${seed} DIFF_COUNT=${COUNT} npx vitest run test/diff/server.test.ts`;
      const compared = await expectSame(d.runner, generatorSource(generatorFor(seed)), COUNT, 'through our server', { seed, replay });
      expect(compared).toBe(COUNT);
      expect(framing).toEqual([]);
    });
  }
});
