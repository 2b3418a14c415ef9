// The dependency directions of DESIGN.md and STYLE.md, checked on the imports under src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Which top-level folders each folder may import from (itself always allowed). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  protocol: ['core'],
  rpc: [],
  persistence: ['core'],
  worker: ['core', 'persistence', 'rpc'],
  client: ['rpc'],
  // The server persists its engine as the worker does: the store, and the glue (worker/durable.ts).
  server: ['core', 'protocol', 'persistence', 'worker'],
};
/** Packages each folder may import. */
const PACKAGES: Record<string, RegExp> = {
  core: /^$/,
  protocol: /^$/,
  rpc: /^$/,
  persistence: /^idb$/,
  worker: /^idb$/,
  client: /^$/,
  server: /^node:/,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Dynamic imports a folder may make besides ALLOWED: the client loads the inline host lazily. */
const DYNAMIC: Record<string, string[]> = { client: ['worker'] };

function imports(file: string): Array<{ spec: string; dynamic: boolean }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ spec: string; dynamic: boolean }> = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[1], dynamic: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], dynamic: true });
  return out;
}

describe('architecture', () => {
  const all = files(SRC);
  it('finds the sources', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  for (const file of all) {
    const folder = relative(SRC, file).split('/')[0];
    it(`${relative(SRC, file)} imports only what its folder may`, () => {
      for (const { spec, dynamic } of imports(file)) {
        if (spec.startsWith('.')) {
          const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0];
          if (target === folder) continue;
          const allowed = [...(ALLOWED[folder] ?? []), ...(dynamic ? (DYNAMIC[folder] ?? []) : [])];
          expect(allowed, `${file} -> ${spec}`).toContain(target);
        } else {
          expect(spec, `${file} imports package ${spec}`).toMatch(PACKAGES[folder] ?? /^$/);
        }
      }
    });
  }
});
