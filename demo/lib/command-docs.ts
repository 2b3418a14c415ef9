// Command docs for HELP, argument hints and completion, as redis-cli 7.0 uses its help table:
// the syntax line rendered from COMMAND DOCS argument trees (utils/generate-command-help.rb's
// rules), hints that drop the arguments already typed (hintsCallback), completion of command
// names (completionCallback) and HELP's text (cliOutputCommandHelp / cliOutputHelp).
import { splitArgs } from './split-args.js';

/** One argument of COMMAND DOCS. */
export interface ArgDoc {
  name: string;
  type: string;
  token?: string;
  flags?: string[];
  arguments?: ArgDoc[];
}

/** A command's COMMAND DOCS entry (the fields the playground uses). */
export interface CommandDoc {
  summary?: string;
  since?: string;
  group?: string;
  arguments?: ArgDoc[];
  subcommands?: Record<string, CommandDoc>;
}

/** One help entry: `SET`, or `CONFIG GET` for a subcommand. */
export interface HelpEntry {
  /** The words of the name, upper case. */
  words: string[];
  full: string;
  params: string;
  summary: string;
  since: string;
  group: string;
}

/** The syntax of one argument, as redis-cli's help table writes it. */
export function renderArg(a: ArgDoc): string {
  let name: string | null;
  if (a.type === 'block') name = (a.arguments ?? []).map(renderArg).join(' ');
  else if (a.type === 'oneof') name = (a.arguments ?? []).map(renderArg).join('|');
  else if (a.type === 'pure-token') name = null;
  else name = a.name;
  const flags = a.flags ?? [];
  if (flags.includes('multiple')) {
    name = flags.includes('multiple_token') ? `${name} [${a.token} ${name} ...]` : `${name} [${name} ...]`;
  }
  // MIGRATE's empty-string token comes as an empty string; the help table writes it "".
  const token = a.token === '' ? '""' : a.token;
  if (token !== undefined) name = name === null ? token : `${token} ${name}`;
  if (flags.includes('optional')) name = `[${name ?? ''}]`;
  return name ?? '';
}

/** The syntax after the command name: `key value [NX|XX] ...`. */
export function renderParams(args: ArgDoc[] | undefined): string {
  return (args ?? []).map(renderArg).join(' ');
}

function entryOf(words: string[], doc: CommandDoc): HelpEntry {
  return {
    words,
    full: words.join(' '),
    params: renderParams(doc.arguments),
    summary: doc.summary ?? 'Help not available',
    since: doc.since ?? 'not known',
    group: doc.group ?? 'generic',
  };
}

/**
 * Help entries for the commands the engine has (`names`, lower case, from its COMMAND DOCS), each
 * from the engine's own docs when they carry arguments or a summary, else from `fallback`.
 */
export function buildHelpEntries(
  engineDocs: Record<string, CommandDoc>,
  fallback: Record<string, CommandDoc>,
): HelpEntry[] {
  const entries: HelpEntry[] = [];
  const pick = (own: CommandDoc, other: CommandDoc | undefined): CommandDoc =>
    own.arguments !== undefined || own.summary !== undefined || other === undefined ? own : { ...other, ...own, summary: other.summary, arguments: other.arguments };
  for (const name of Object.keys(engineDocs).sort()) {
    const own = engineDocs[name];
    const doc = pick(own, fallback[name]);
    entries.push(entryOf([name.toUpperCase()], doc));
    const subs = own.subcommands ?? {};
    for (const full of Object.keys(subs).sort()) {
      const sub = full.split('|')[1] ?? full;
      const subDoc = pick(subs[full], fallback[name]?.subcommands?.[full]);
      entries.push(entryOf([name.toUpperCase(), sub.toUpperCase()], subDoc));
    }
  }
  // redis-cli sorts its help entries by their full name (helpEntryCompare).
  return entries.sort((a, b) => (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
}

const upper = (s: string) => s.toUpperCase();

/**
 * hintsCallback: the entry whose words are the longest prefix of the typed words, its params with
 * the typed arguments dropped up to the first optional one, and a leading space unless the line
 * ends with one. Null when nothing matches.
 */
export function hintFor(line: string, entries: HelpEntry[]): string | null {
  const argv = splitArgs(line);
  if (argv === null || argv.length === 0) return null;
  let best: HelpEntry | null = null;
  for (const e of entries) {
    if (e.words.length > argv.length || (best !== null && e.words.length <= best.words.length)) continue;
    if (e.words.every((w, j) => upper(argv[j]) === w)) best = e;
  }
  if (best === null) return null;
  let hint = best.params;
  let toremove = argv.length - best.words.length;
  while (toremove > 0 && hint.length > 0) {
    if (hint[0] === '[') break;
    if (hint[0] === ' ') toremove--;
    hint = hint.slice(1);
  }
  const endspace = /\s$/.test(line);
  return endspace ? hint : ' ' + hint;
}

/** completionCallback: the names (and, after `HELP `, groups) that start with what was typed. */
export function completionsFor(line: string, entries: HelpEntry[]): string[] {
  let start = 0;
  let groups = false;
  if (line.slice(0, 5).toLowerCase() === 'help ') {
    start = 5;
    while (line[start] === ' ') start++;
    groups = true;
  }
  const typed = line.slice(start).toUpperCase();
  const head = line.slice(0, start);
  const out: string[] = [];
  for (const e of entries) if (e.full.startsWith(typed)) out.push(head + e.full);
  if (groups) {
    const seen = new Set<string>();
    for (const e of entries) {
      const g = '@' + e.group;
      if (!seen.has(g) && g.toUpperCase().startsWith(typed)) {
        seen.add(g);
        out.push(head + g);
      }
    }
  }
  return out;
}

/** cliOutputCommandHelp: a blank line, `  NAME params`, summary, since and (not for @group) group. */
function commandHelp(e: HelpEntry, withGroup: boolean): string {
  let out = `\n  ${e.full} ${e.params}\n  summary: ${e.summary}\n  since: ${e.since}\n`;
  if (withGroup) out += `  group: ${e.group}\n`;
  return out;
}

/** The text of redis-cli's `HELP ...` (without its colours). */
export function helpText(args: string[], entries: HelpEntry[], version: string): string {
  if (args.length === 0) {
    return (
      `localredis ${version} playground (redis-cli's console)\n` +
      'To get help about Redis commands type:\n' +
      '      "help @<group>" to get a list of commands in <group>\n' +
      '      "help <command>" for help on <command>\n' +
      '      "help <tab>" to get a list of possible help topics\n' +
      '      "clear" to clear the screen\n'
    );
  }
  let out = '';
  if (args[0].startsWith('@')) {
    const group = args[0].slice(1).toLowerCase();
    for (const e of entries) if (e.group === group) out += commandHelp(e, false);
  } else {
    const want = args.map(upper);
    for (const e of entries) {
      if (want.length <= e.words.length && want.every((w, j) => w === e.words[j])) out += commandHelp(e, true);
    }
  }
  return out + '\n';
}
