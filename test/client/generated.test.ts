// The generated command methods follow the engine's table: the checked-in file is what
// `npm run gen:client` writes, and every command of the table is a method of the client.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT } from '../../scripts/gen-client.js';
import { allCommands } from '../../src/core/commands/index.js';
import type { CommandDecl } from '../../src/core/table.js';
import { createClient } from '../../src/client/index.js';

/** Redis 7.0's command table, beside the repository (../shared/reference) where it is checked out. */
const REFERENCE = fileURLToPath(new URL('../../../shared/reference/redis-7.0-commands.json', import.meta.url));

describe('generated client methods', () => {
  it('src/client/commands.gen.ts is up to date with the command table (run `npm run gen:client`)', () => {
    expect(readFileSync(OUTPUT, 'utf8') === generate().text).toBe(true);
  });

  it('every command of the table is typed in scripts/client-spec.ts', () => {
    expect(generate().untyped).toEqual([]);
  });

  it.skipIf(!existsSync(REFERENCE))("every command of Redis 7.0's table has a signature that parses, for the commands still to come", () => {
    const ref = JSON.parse(readFileSync(REFERENCE, 'utf8')) as {
      commands: CommandDecl[];
    };
    expect(generate(ref.commands).untyped).toEqual([]);
  });

  it('every command of the table but the client-side ones is a method, with a ...Buffer twin', async () => {
    const redis = await createClient({ mode: 'inline' });
    const own = new Set(['multi', 'quit', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe', 'ssubscribe', 'sunsubscribe', 'monitor', 'sync', 'psync']);
    const missing = allCommands
      .map((c) => c.name)
      .filter((name) => !own.has(name))
      .filter((name) => typeof (redis as unknown as Record<string, unknown>)[name] !== 'function' || typeof (redis as unknown as Record<string, unknown>)[name + 'Buffer'] !== 'function');
    expect(missing).toEqual([]);
    await redis.close();
  });
});
