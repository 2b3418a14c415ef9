// `npm run gen:client`: writes src/client/commands.gen.ts from the engine's command table (which
// commands exist, their subcommands, group and version) and scripts/client-spec.ts (argument
// and reply types). test/client/generated.test.ts fails when the checked-in file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allCommands } from '../src/core/commands/index.js';
import type { CommandDecl } from '../src/core/table.js';
import { PARAM_TYPES, SPECS, type Spec } from './client-spec.js';

export const OUTPUT = fileURLToPath(new URL('../src/client/commands.gen.ts', import.meta.url));

/**
 * Commands without a generated method: the client's own methods (multi() builds a transaction,
 * quit() closes, pub/sub subscriptions have their own API) and replication or debugging internals.
 */
const EXCLUDED = new Set([
  'multi', 'quit', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe', 'ssubscribe',
  'sunsubscribe', 'monitor', 'sync', 'psync', 'replconf', 'asking', 'restore-asking', 'pfselftest',
  'pfdebug', 'debug',
]);

// ---- the argument grammar of client-spec.ts

type Node =
  | { k: 'param'; name: string }
  | { k: 'lit'; word: string; label?: string }
  | { k: 'seq'; items: Node[] }
  | { k: 'alt'; options: Node[] }
  | { k: 'opt'; node: Node }
  | { k: 'rep'; node: Node };

const LITERAL = /^(?:[A-Z0-9][A-Z0-9_-]*|[=~$*])$/;

function tokenize(src: string): string[] {
  return src.replace(/([[\]<>|])/g, ' $1 ').replace(/\.\.\./g, ' ... ').split(/\s+/).filter((t) => t !== '');
}

function parseArgs(src: string): Node {
  const toks = tokenize(src);
  let pos = 0;
  const alt = (): Node => {
    const options = [seq()];
    while (toks[pos] === '|') {
      pos++;
      options.push(seq());
    }
    return options.length === 1 ? options[0] : { k: 'alt', options };
  };
  const seq = (): Node => {
    const items: Node[] = [];
    while (pos < toks.length && toks[pos] !== ']' && toks[pos] !== '>' && toks[pos] !== '|') {
      const t = toks[pos++];
      let item: Node;
      if (t === '[') {
        item = { k: 'opt', node: alt() };
        expect(']');
      } else if (t === '<') {
        item = alt();
        expect('>');
      } else if (t === '...') {
        throw new Error(`misplaced ... in ${src}`);
      } else {
        item = LITERAL.test(t) ? { k: 'lit', word: t } : { k: 'param', name: t };
      }
      if (toks[pos] === '...') {
        pos++;
        // `[x]...` is zero or more x: the repetition goes inside the brackets.
        item = item.k === 'opt' ? { k: 'opt', node: { k: 'rep', node: item.node } } : { k: 'rep', node: item };
      }
      // `COUNT count`: the keyword is labelled countToken, the number count (ioredis's labels).
      const prev = items[items.length - 1];
      if (item.k === 'param' && prev?.k === 'lit' && identifier(prev.word.toLowerCase()) === identifier(item.name)) {
        prev.label = identifier(item.name) + 'Token';
      }
      items.push(item);
    }
    return items.length === 1 ? items[0] : { k: 'seq', items };
  };
  const expect = (t: string) => {
    if (toks[pos++] !== t) throw new Error(`expected ${t} in ${src}`);
  };
  const node = alt();
  if (pos !== toks.length) throw new Error(`unexpected ${toks[pos]} in ${src}`);
  return node;
}

// ---- TypeScript types of the grammar

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments').split(' '),
);

function identifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^[0-9]/, '_$&');
  const lower = id === '' ? 'op' : id[0].toLowerCase() + id.slice(1);
  return RESERVED.has(lower) ? `${lower}Name` : lower;
}

/** Labels unique within one signature (function parameters must be). */
class Labels {
  private used = new Map<string, number>();
  take(base: string): string {
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  }
}

function paramType(name: string): string {
  return PARAM_TYPES[name] ?? 'Arg';
}

/** A node that is one element: a parameter, a keyword, or one of several keywords. */
function single(node: Node): { label: string; type: string } | null {
  if (node.k === 'param') return { label: identifier(node.name), type: paramType(node.name) };
  if (node.k === 'lit') return { label: node.label ?? identifier(node.word.toLowerCase()), type: `KW<'${node.word}'>` };
  if (node.k === 'alt' && node.options.every((o) => o.k === 'lit')) {
    const words = node.options.map((o) => (o as { word: string }).word);
    return { label: identifier(words.map((w) => w.toLowerCase()).join('-or-')), type: `KW<${words.map((w) => `'${w}'`).join(' | ')}>` };
  }
  return null;
}

/** A tuple type from its members; `[...X]` is X. */
function tuple(ms: string[]): string {
  return ms.length === 1 && ms[0].startsWith('...') ? ms[0].slice(3) : `[${ms.join(', ')}]`;
}

/**
 * The tuple members of a node (`label: T` or `...Tuple`). Labels are unique within `labels`, the
 * signature's parameters; a nested tuple (an option, a choice, a repeated group) has its own.
 */
function members(node: Node, labels: Labels): string[] {
  const one = single(node);
  if (one) return [`${labels.take(one.label)}: ${one.type}`];
  switch (node.k) {
    case 'seq':
      return node.items.flatMap((i) => members(i, labels));
    case 'alt':
      return [`...(${node.options.map((o) => tuple(members(o, new Labels()))).join(' | ')})`];
    case 'opt':
      return [`...([] | ${tuple(members(node.node, new Labels()))})`];
    case 'rep': {
      const inner = single(node.node);
      if (inner) return [`${labels.take(inner.label)}: ${inner.type}`, `...${labels.take(inner.label + 's')}: ${inner.type}[]`];
      const t = tuple(members(node.node, new Labels()));
      return [`...${t}`, `...${t}[number][]`];
    }
    default:
      throw new Error('unreachable');
  }
}

/**
 * The parameter lists of a signature: leading single elements as plain parameters, then a rest
 * tuple. A signature ending in a repeated element (`key...`) also takes them as one array, as
 * ioredis does (`del(['a', 'b'])`, `sadd('s', ['x', 'y'])`).
 */
function parameters(args: string): string[] {
  if (args.startsWith('ts:')) return [args.slice(3).trim().replace(/^\(|\)$/g, '')];
  if (args.trim() === '') return [''];
  const root = parseArgs(args);
  const items = root.k === 'seq' ? root.items : [root];
  const labels = new Labels();
  const params: string[] = [];
  let i = 0;
  for (; i < items.length; i++) {
    const one = single(items[i]);
    if (!one) break;
    params.push(`${labels.take(one.label)}: ${one.type}`);
  }
  const rest = items.slice(i);
  const last = rest.length !== 1 ? null : rest[0].k === 'rep' ? rest[0].node : rest[0].k === 'opt' && rest[0].node.k === 'rep' ? rest[0].node.node : null;
  const repeated = last === null ? null : single(last);
  if (repeated && rest[0].k === 'rep') {
    const plural = labels.take(repeated.label + 's');
    const first = labels.take(repeated.label);
    return [[...params, `${first}: ${repeated.type}`, `...${plural}: ${repeated.type}[]`].join(', '), [...params, `${plural}: ${repeated.type}[]`].join(', ')];
  }
  if (repeated) {
    const plural = labels.take(repeated.label + 's');
    return [[...params, `...${plural}: ${repeated.type}[]`].join(', '), [...params, `${plural}: ${repeated.type}[]`].join(', ')];
  }
  if (rest.length !== 0) params.push(`...args: ${tuple(rest.flatMap((n) => members(n, labels)))}`);
  return [params.join(', ')];
}

// ---- the generated file

interface Signature {
  doc: string;
  params: string;
  reply: string;
}

function signaturesOf(decl: CommandDecl, specs: Spec | undefined, sub?: string): Signature[] {
  const display = decl.name.toUpperCase().replace('|', ' ');
  const about = `${decl.group}, since ${decl.since}${decl.docFlags?.includes('deprecated') ? `, deprecated since ${decl.deprecatedSince}` : ''}`;
  const list = specs === undefined ? [] : typeof specs === 'string' ? [specs] : specs;
  const subParam = sub === undefined ? '' : `subcommand: KW<'${sub.toUpperCase()}'>`;
  const join = (params: string) => [subParam, params].filter((p) => p !== '').join(', ');
  if (list.length === 0) {
    return [{ doc: `${display} ... (${about}; untyped: add it to scripts/client-spec.ts)`, params: join('...args: Arg[]'), reply: 'ReplyValue' }];
  }
  return list.flatMap((spec) => {
    const at = spec.lastIndexOf('=>');
    if (at < 0) throw new Error(`${decl.name}: no reply type in ${spec}`);
    const args = spec.slice(0, at).trim();
    const shown = args.startsWith('ts:') ? args.slice(3).trim() : args;
    const doc = `${display}${shown ? ' ' + shown : ''} (${about})`;
    return parameters(args).map((params) => ({ doc, params: join(params), reply: spec.slice(at + 2).trim() }));
  });
}

/** The command's name, or camelCase where it is not an identifier (`restore-asking`). */
function methodName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : name.replace(/-(.)/g, (_, c: string) => c.toUpperCase());
}

export function generate(decls: CommandDecl[] = allCommands): { text: string; untyped: string[] } {
  const untyped: string[] = [];
  const methods: string[] = [];
  const runtime: string[] = [];
  const sorted = [...decls].filter((d) => !EXCLUDED.has(d.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const decl of sorted) {
    const method = methodName(decl.name);
    runtime.push(method === decl.name ? method : `${method}:${decl.name}`);
    const sigs: Signature[] = [];
    if (decl.subcommands) {
      if (SPECS[decl.name] !== undefined) sigs.push(...signaturesOf(decl, SPECS[decl.name]));
      const subs = [...decl.subcommands].sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const sub of subs) {
        const spec = SPECS[sub.name];
        if (spec === undefined) untyped.push(sub.name);
        sigs.push(...signaturesOf(sub, spec, sub.name.slice(sub.name.indexOf('|') + 1)));
      }
    } else {
      const spec = SPECS[decl.name];
      if (spec === undefined) untyped.push(decl.name);
      sigs.push(...signaturesOf(decl, spec));
    }
    for (const s of sigs) methods.push(`  /** ${s.doc} */\n  ${method}(${s.params}): Result<${s.reply.replace(/\bB\b/g, 'string')}, C>;`);
    for (const s of sigs) {
      if (!/\bB\b|ReplyValue/.test(s.reply)) continue;
      methods.push(`  /** ${s.doc}; bulk strings as bytes */\n  ${method}Buffer(${s.params}): Result<${s.reply.replace(/\bB\b/g, 'Uint8Array')}, C>;`);
    }
  }
  const text = `// Generated by scripts/gen-client.ts from the engine's command table and scripts/client-spec.ts:
// do not edit. Run \`npm run gen:client\` after adding a command.
import type { Arg, Context, Key, KW, Num, ReplyValue, Result } from './types.js';

/**
 * A method for every command of the engine, named as the command in lower case. A container's
 * subcommand is the first argument, as in ioredis: \`client('SETNAME', 'app')\`,
 * \`config('GET', 'maxmemory')\`, \`object('ENCODING', key)\`. Each method that returns bulk strings
 * has a \`...Buffer\` twin that returns them as Uint8Array (\`getBuffer\`, \`hgetallBuffer\`).
 */
export interface Commands<C extends Context> {
${methods.join('\n')}
}

/** The command methods to install: method name, or \`method:command\` where they differ. */
export const COMMAND_METHODS = '${runtime.join(' ')}';
`;
  return { text, untyped };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { text, untyped } = generate();
  let before = '';
  try {
    before = readFileSync(OUTPUT, 'utf8');
  } catch {
    // first run
  }
  if (before !== text) writeFileSync(OUTPUT, text);
  console.log(`${before === text ? 'unchanged' : 'wrote'} ${OUTPUT}`);
  if (untyped.length) console.log(`untyped (loose signatures; add them to scripts/client-spec.ts): ${untyped.join(' ')}`);
}
