// Every command and subcommand in our table, as COMMAND INFO and COMMAND DOCS report it, against
// the table of redis-server 7.0.15 (shared/reference/redis-7.0-commands.json, beside the checkout).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sync } from './harness.js';
import { createEngine, MapReply, SetReply, SimpleString, type Reply } from '../../src/core/index.js';

interface RefCommand {
  name: string;
  arity: number;
  flags: string[];
  first_key: number;
  last_key: number;
  step: number;
  acl_categories: string[];
  tips: string[];
  key_specs: unknown[];
  group: string;
  since: string;
  doc_flags?: string[];
  deprecated_since?: string;
  subcommands?: RefCommand[];
}

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/redis-7.0-commands.json', import.meta.url));
const haveReference = existsSync(REFERENCE);
if (!haveReference) {
  console.warn(`command-table.test.ts: skipped, ${REFERENCE} is missing (shared/ must sit beside the checkout)`);
}

/** The reply as plain JSON-like data: maps become objects, sets arrays, statuses strings. */
function plain(r: Reply): unknown {
  if (r instanceof MapReply) return Object.fromEntries(r.entries.map(([k, v]) => [String(plain(k)), plain(v)]));
  if (r instanceof SetReply) return r.items.map(plain);
  if (r instanceof SimpleString) return r.value;
  if (Array.isArray(r)) return r.map(plain);
  return r;
}

const engine = createEngine();
const session = engine.createSession();
const exec = (...argv: string[]) => sync(engine.exec(session, argv));
const ours = [...engine.table.all()].map((c) => c.name);

const reference = new Map<string, RefCommand>();
if (haveReference) {
  const json = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { commands: RefCommand[] };
  for (const c of json.commands) {
    reference.set(c.name, c);
    for (const sub of c.subcommands ?? []) reference.set(sub.name, sub);
  }
}

describe.skipIf(!haveReference)('the command table against Redis 7.0', () => {
  it('has no command that Redis 7.0 lacks', () => {
    expect(ours.filter((name) => !reference.has(name))).toEqual([]);
  });

  it('counts its top-level commands in COMMAND COUNT', () => {
    expect(exec('command', 'count')).toBe(engine.table.commands.size);
  });

  for (const name of ours) {
    it(`COMMAND INFO ${name} gives Redis's arity, flags, keys, categories, tips and key specs`, () => {
      const ref = reference.get(name);
      expect(ref, `${name} is not a Redis 7.0 command`).toBeDefined();
      const [info] = plain(exec('command', 'info', name)) as unknown[][];
      const [n, arity, flags, first, last, step, acl, tips, specs, subs] = info;
      // The reference leaves out Redis's prose, key-spec notes included.
      const keySpecs = (specs as Array<Record<string, unknown>>).map(({ notes: _notes, ...rest }) => rest);
      expect({ name: n, arity, flags, first_key: first, last_key: last, step, acl_categories: acl, tips, key_specs: keySpecs }).toEqual({
        name: ref!.name,
        arity: ref!.arity,
        flags: ref!.flags,
        first_key: ref!.first_key,
        last_key: ref!.last_key,
        step: ref!.step,
        acl_categories: ref!.acl_categories,
        tips: ref!.tips,
        key_specs: ref!.key_specs,
      });
      // Subcommands we implement are Redis's; the ones we leave out answer "unknown subcommand".
      const refSubs = (ref!.subcommands ?? []).map((s) => s.name);
      for (const sub of subs as unknown[][]) expect(refSubs).toContain(sub[0]);
      if (refSubs.length === 0) expect(subs).toEqual([]);
    });

    it(`COMMAND DOCS ${name} gives Redis's group, since and doc flags`, () => {
      const ref = reference.get(name);
      expect(ref, `${name} is not a Redis 7.0 command`).toBeDefined();
      const docs = plain(exec('command', 'docs', name)) as Record<string, Record<string, unknown>>;
      const { group, since, doc_flags, deprecated_since } = docs[name];
      expect({ group, since, doc_flags, deprecated_since }).toEqual({
        group: ref!.group,
        since: ref!.since,
        doc_flags: ref!.doc_flags,
        deprecated_since: ref!.deprecated_since,
      });
    });
  }
});
