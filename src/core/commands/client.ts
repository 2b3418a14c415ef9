// CLIENT and its subcommands (networking.c clientCommand): ID, SETNAME, GETNAME, LIST, INFO,
// KILL, NO-EVICT, UNBLOCK, GETREDIR, TRACKINGINFO, HELP. PAUSE/UNPAUSE, REPLY, TRACKING and
// CACHING are not implemented: they answer Redis's unknown-subcommand error.
import { eqi, getLongLongOrError, getRangeLongOrError } from '../args.js';
import { parseLongLong } from '../bytes.js';
import { fail, subcommandSyntax } from '../errors.js';
import { MapReply, OK, SetReply, VerbatimReply, helpReply, type Reply } from '../reply.js';
import type { Session } from '../session.js';
import type { CommandDecl } from '../table.js';
import type { Ctx, Engine } from '../engine.js';

// ---- Client API ------------------------------------------------------------------------------

/** validateClientName: printable ASCII without spaces; the error text, or null when valid. */
export function clientNameError(name: string): string | null {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return 'ERR Client names cannot contain spaces, newlines or special characters.';
  }
  return null;
}

/** CLIENT_TYPE_*: every session is a normal client until pub/sub marks subscribers. */
type ClientType = 'normal' | 'slave' | 'pubsub' | 'master';

/** getClientTypeByName. */
function clientTypeByName(name: string): ClientType | null {
  if (eqi(name, 'normal')) return 'normal';
  if (eqi(name, 'slave') || eqi(name, 'replica')) return 'slave';
  if (eqi(name, 'pubsub')) return 'pubsub';
  if (eqi(name, 'master')) return 'master';
  return null;
}

/** getClientType: a session that subscribes to anything is a pubsub client (CLIENT_PUBSUB). */
function clientType(s: Session): ClientType {
  return s.subs !== null ? 'pubsub' : 'normal';
}

/** Bytes Redis counts for an argv: the arguments plus one pointer each (multi-mem). */
function argvMem(argv: string[]): number {
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}

/**
 * catClientInfoString: one CLIENT LIST line, fields in Redis 7.0's order. Buffers belong to the
 * host, not the engine, so qbuf, qbuf-free, rbs, rbp, obl, oll and omem are 0; argv-mem is the
 * caller's current argv (other sessions are between commands, as in Redis); multi-mem counts
 * the queued arguments plus a pointer each as Redis does; tot-mem is their sum (Redis adds its
 * buffers and struct sizes, which we do not have).
 */
export function clientInfoString(s: Session, now: number, currentArgv: string[] | null): string {
  let flags = '';
  if (s.subs !== null) flags += 'P';
  if (s.multi !== null) flags += 'x';
  if (s.blocked !== null) flags += 'b';
  if (s.dirtyCas) flags += 'd';
  if (s.closeAfterReply) flags += 'c';
  if (s.origin.unixSocket) flags += 'U';
  if (s.noEvict) flags += 'e';
  if (flags === '') flags = 'N';
  let multiMem = 0;
  if (s.multi !== null) for (const q of s.multi) multiMem += argvMem(q.argv) + 8 * q.argv.length;
  const argvBytes = currentArgv === null ? 0 : argvMem(currentArgv);
  const sec = Math.floor(now / 1000);
  const subs = s.subs;
  return (
    `id=${s.id} addr=${s.origin.addr} laddr=${s.origin.laddr} fd=${s.origin.fd} name=${s.name}` +
    ` age=${sec - Math.floor(s.createdAt / 1000)} idle=${sec - Math.floor(s.lastInteraction / 1000)}` +
    ` flags=${flags} db=${s.db} sub=${subs?.channels.size ?? 0}` +
    ` psub=${subs?.patterns.size ?? 0} ssub=${subs?.shardChannels.size ?? 0} multi=${s.multi === null ? -1 : s.multi.length}` +
    ` qbuf=0 qbuf-free=0 argv-mem=${argvBytes} multi-mem=${multiMem} rbs=0 rbp=0 obl=0 oll=0 omem=0` +
    ` tot-mem=${argvBytes + multiMem} events=r cmd=${s.lastCommand} user=default redir=-1 resp=${s.resp}`
  );
}

function infoLine(ctx: Ctx, s: Session, argv: string[]): string {
  return clientInfoString(s, ctx.now, s === ctx.session ? argv : null) + '\n';
}

/** Frees a session CLIENT KILL matched; the host learns it through engine.onKill. */
function killSession(engine: Engine, s: Session): void {
  engine.closeSession(s);
  if (engine.onKill !== null) engine.onKill(s);
}

// ---- Commands --------------------------------------------------------------------------------

// CLIENT ID
function clientIdCommand(ctx: Ctx): Reply {
  return ctx.session.id;
}

// CLIENT SETNAME connection-name
function clientSetnameCommand(ctx: Ctx, argv: string[]): Reply {
  const err = clientNameError(argv[2]);
  if (err !== null) fail(err);
  ctx.session.name = argv[2];
  return OK;
}

// CLIENT GETNAME
function clientGetnameCommand(ctx: Ctx): Reply {
  return ctx.session.name === '' ? null : ctx.session.name;
}

// CLIENT INFO
function clientInfoCommand(ctx: Ctx, argv: string[]): Reply {
  return new VerbatimReply('txt', infoLine(ctx, ctx.session, argv));
}

// CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]
function clientListCommand(ctx: Ctx, argv: string[]): Reply {
  let out = '';
  if (argv.length === 4 && eqi(argv[2], 'type')) {
    const type = clientTypeByName(argv[3]);
    if (type === null) fail(`ERR Unknown client type '${argv[3]}'`);
    for (const s of ctx.engine.sessions.values()) if (clientType(s) === type) out += infoLine(ctx, s, argv);
  } else if (argv.length > 3 && eqi(argv[2], 'id')) {
    // Listed in the order asked, each time it is asked; unknown ids are skipped.
    for (let i = 3; i < argv.length; i++) {
      const id = parseLongLong(argv[i]);
      if (id === null) fail('ERR Invalid client ID');
      const s = ctx.engine.sessions.get(Number(id));
      if (s !== undefined) out += infoLine(ctx, s, argv);
    }
  } else if (argv.length !== 2) {
    fail('ERR syntax error');
  } else {
    for (const s of ctx.engine.sessions.values()) out += infoLine(ctx, s, argv);
  }
  return new VerbatimReply('txt', out);
}

// CLIENT KILL <ip:port | <[ID client-id] | [TYPE type] | [USER username] | [ADDR ip:port] |
//   [LADDR ip:port] | [SKIPME <YES | NO>]> [...]>
function clientKillCommand(ctx: Ctx, argv: string[]): Reply {
  let addr: string | null = null;
  let laddr: string | null = null;
  let type: ClientType | null = null;
  let id = 0;
  let skipme = true;
  if (argv.length === 3) {
    // The old form; it may kill the caller itself.
    addr = argv[2];
    skipme = false;
  } else {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i];
      const more = argv.length > i + 1;
      if (eqi(opt, 'id') && more) {
        id = getRangeLongOrError(argv[i + 1], 1, Infinity, 'ERR client-id should be greater than 0');
      } else if (eqi(opt, 'type') && more) {
        type = clientTypeByName(argv[i + 1]);
        if (type === null) fail(`ERR Unknown client type '${argv[i + 1]}'`);
      } else if (eqi(opt, 'addr') && more) {
        addr = argv[i + 1];
      } else if (eqi(opt, 'laddr') && more) {
        laddr = argv[i + 1];
      } else if (eqi(opt, 'user') && more) {
        // ACL users are not supported: "default" is the only one.
        if (argv[i + 1] !== 'default') fail(`ERR No such user '${argv[i + 1]}'`);
      } else if (eqi(opt, 'skipme') && more) {
        if (eqi(argv[i + 1], 'yes')) skipme = true;
        else if (eqi(argv[i + 1], 'no')) skipme = false;
        else fail('ERR syntax error');
      } else {
        fail('ERR syntax error');
      }
    }
  }
  const me = ctx.session;
  let killed = 0;
  for (const s of [...ctx.engine.sessions.values()]) {
    if (addr !== null && s.origin.addr !== addr) continue;
    if (laddr !== null && s.origin.laddr !== laddr) continue;
    if (type !== null && clientType(s) !== type) continue;
    if (id !== 0 && s.id !== id) continue;
    if (s === me && skipme) continue;
    // The caller gets its reply first, then the host closes it (CLIENT_CLOSE_AFTER_REPLY).
    if (s === me) me.closeAfterReply = true;
    else killSession(ctx.engine, s);
    killed++;
  }
  if (argv.length === 3) {
    if (killed === 0) fail('ERR No such client');
    return OK;
  }
  return killed;
}

// CLIENT UNBLOCK client-id [TIMEOUT|ERROR]
function clientUnblockCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length > 4) fail(subcommandSyntax(argv));
  let error = false;
  if (argv.length === 4) {
    if (eqi(argv[3], 'error')) error = true;
    else if (!eqi(argv[3], 'timeout')) fail('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  }
  const id = getLongLongOrError(argv[2]);
  const bc = ctx.engine.sessions.get(id)?.blocked;
  if (bc === undefined || bc === null) return 0;
  const engine = ctx.engine;
  engine.unblockWith(bc, error ? engine.errorReply('UNBLOCKED client unblocked via CLIENT UNBLOCK') : bc.timeoutReply);
  return 1;
}

// CLIENT NO-EVICT <ON | OFF>
function clientNoEvictCommand(ctx: Ctx, argv: string[]): Reply {
  if (eqi(argv[2], 'on')) ctx.session.noEvict = true;
  else if (eqi(argv[2], 'off')) ctx.session.noEvict = false;
  else fail('ERR syntax error');
  return OK;
}

// CLIENT GETREDIR
function clientGetredirCommand(): Reply {
  // Tracking is never on, so there is no redirection.
  return -1;
}

// CLIENT TRACKINGINFO
function clientTrackinginfoCommand(): Reply {
  return new MapReply([
    ['flags', new SetReply(['off'])],
    ['redirect', -1],
    ['prefixes', []],
  ]);
}

const CLIENT_HELP = [
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
];

// CLIENT HELP
function clientHelpCommand(): Reply {
  return helpReply('CLIENT', CLIENT_HELP);
}

const SUB = ['noscript', 'loading', 'stale'] as const;
const ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;
const NONDET = ['nondeterministic_output'];

export const clientCommands: CommandDecl[] = [
  {
    name: 'client', arity: -2, flags: [], group: 'connection', since: '2.4.0',
    subcommands: [
      { name: 'client|getname', arity: 2, flags: [...SUB], group: 'connection', since: '2.6.9', acl: ['connection'], handler: clientGetnameCommand },
      { name: 'client|getredir', arity: 2, flags: [...SUB], group: 'connection', since: '6.0.0', acl: ['connection'], handler: clientGetredirCommand },
      { name: 'client|help', arity: 2, flags: ['loading', 'stale'], group: 'connection', since: '5.0.0', acl: ['connection'], handler: clientHelpCommand },
      { name: 'client|id', arity: 2, flags: [...SUB], group: 'connection', since: '5.0.0', acl: ['connection'], handler: clientIdCommand },
      {
        name: 'client|info', arity: 2, flags: [...SUB], group: 'connection', since: '6.2.0', acl: ['connection'], tips: NONDET,
        handler: clientInfoCommand,
      },
      { name: 'client|kill', arity: -3, flags: [...ADMIN], group: 'connection', since: '2.4.0', acl: ['connection'], handler: clientKillCommand },
      {
        name: 'client|list', arity: -2, flags: [...ADMIN], group: 'connection', since: '2.4.0', acl: ['connection'], tips: NONDET,
        handler: clientListCommand,
      },
      { name: 'client|no-evict', arity: 3, flags: [...ADMIN], group: 'connection', since: '7.0.0', acl: ['connection'], handler: clientNoEvictCommand },
      { name: 'client|unblock', arity: -3, flags: [...ADMIN], group: 'connection', since: '5.0.0', acl: ['connection'], handler: clientUnblockCommand },
      { name: 'client|setname', arity: 3, flags: [...SUB], group: 'connection', since: '2.6.9', acl: ['connection'], handler: clientSetnameCommand },
      {
        name: 'client|trackinginfo', arity: 2, flags: [...SUB], group: 'connection', since: '6.2.0', acl: ['connection'],
        handler: clientTrackinginfoCommand,
      },
    ],
  },
];
