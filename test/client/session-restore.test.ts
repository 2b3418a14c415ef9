// The session state a client gives a new host after a takeover (LocalRedis.restoreBatch): SELECT,
// CLIENT SETNAME and HELLO count once Redis applied them, so a transaction counts only once EXEC ran
// them; a WATCH abort, DISCARD, or an error inside EXEC leaves the state as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalRedis } from '../../src/client/index.js';
import { unpackCommands } from '../../src/rpc/pack.js';
import { closeHosts, engine } from './engine-clients.js';

afterEach(closeHosts);


/** The commands of the restoring batch, as byte strings. */
function restored(redis: LocalRedis): string[][] {
  const b = redis.restoreBatch();
  if (b === null) return [];
  return b.packed !== undefined ? unpackCommands(b.packed) : (b.commands as string[][]);
}

for (const pack of [false, true]) {
  describe(`session restore (${pack ? 'packed' : 'plain'} batches)`, () => {
    it('keeps SELECT, CLIENT SETNAME and HELLO once they succeeded, not a failed SELECT', async () => {
      const redis = await engine(pack)();
      await redis.select(2);
      await redis.client('SETNAME', 'tab');
      await expect(redis.select(99)).rejects.toThrow('ERR DB index is out of range');
      expect(restored(redis)).toEqual([['SELECT', '2'], ['CLIENT', 'SETNAME', 'tab']]);
    });

    it('a transaction changes it only once EXEC ran its commands without an error', async () => {
      const connect = engine(pack);
      const redis = await connect();
      expect(await redis.multi().select(3).client('SETNAME', 'tx').exec()).toEqual([[null, 'OK'], [null, 'OK']]);
      expect(restored(redis)).toEqual([['SELECT', '3'], ['CLIENT', 'SETNAME', 'tx']]);
      // An error inside EXEC: that SELECT did not apply, the SETNAME after it did.
      const [[err], [, ok]] = (await redis.multi().select(99).client('SETNAME', 'after').exec())!;
      expect([String(err), ok]).toEqual(['RedisError: ERR DB index is out of range', 'OK']);
      expect(restored(redis)).toEqual([['SELECT', '3'], ['CLIENT', 'SETNAME', 'after']]);
    });

    it('a WATCH abort or a DISCARD leaves it as it was', async () => {
      const connect = engine(pack);
      const redis = await connect();
      const other = await connect();
      await redis.watch('w');
      await other.set('w', 'changed');
      expect(await redis.multi().select(5).exec()).toBeNull();
      await redis.multi({ pipeline: false });
      await redis.select(6);
      await redis.discard();
      await redis.client('SETNAME', 'kept');
      expect(restored(redis)).toEqual([['CLIENT', 'SETNAME', 'kept']]);
      // The session really is on db 0: what a new host is told matches.
      expect(await redis.call('CLIENT', 'INFO')).toMatch(/ db=0 /);
    });
  });
}
