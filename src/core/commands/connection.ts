// Connection commands (networking.c, acl.c, server.c): PING ECHO HELLO AUTH QUIT RESET, and
// CLIENT (client.ts). SELECT is in db.ts. There are no ACL users: "default" is the only user,
// and it has a password exactly when engine.requirepass is set.
import { eqi, getLongLongOrError } from '../args.js';
import { fail, wrongArity } from '../errors.js';
import { MapReply, OK, PONG, SimpleString, type Reply } from '../reply.js';
import type { Session } from '../session.js';
import type { CommandDecl } from '../table.js';
import type { Ctx, Engine } from '../engine.js';
import { clientCommands, clientNameError } from './client.js';

// ---- Connection API --------------------------------------------------------------------------

const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';

/**
 * ACLAuthenticateUser for the default user: any password is right while it has none, else only
 * requirepass. A failure leaves the session as it was.
 */
function authenticate(engine: Engine, s: Session, user: string, pass: string): boolean {
  if (user !== 'default') return false;
  if (engine.requirepass !== null && pass !== engine.requirepass) return false;
  s.authenticated = true;
  return true;
}

const RESET = new SimpleString('RESET');

/** clearClientConnectionState: the state of a fresh connection (RESET). */
function clearConnectionState(engine: Engine, s: Session): void {
  s.db = 0;
  s.resp = 2;
  s.authenticated = engine.requirepass === null;
  engine.discardTransaction(s);
  // Subscriptions go without unsubscribe replies (pubsubUnsubscribeAll*(c, 0)).
  engine.pubsub.unsubscribeAll(s);
  s.name = '';
  // Redis 7.0 keeps CLIENT NO-EVICT across RESET.
}

// ---- Commands --------------------------------------------------------------------------------

// PING [message]
function pingCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length > 2) fail(wrongArity('ping'));
  // A RESP2 subscriber gets an array it can tell from the messages it receives.
  if (ctx.session.subs !== null && ctx.session.resp === 2) return ['pong', argv.length === 1 ? '' : argv[1]];
  return argv.length === 1 ? PONG : argv[1];
}

// ECHO message
function echoCommand(_ctx: Ctx, argv: string[]): Reply {
  return argv[1];
}

// HELLO [protover [AUTH username password] [SETNAME clientname]]
function helloCommand(ctx: Ctx, argv: string[]): Reply {
  const s = ctx.session;
  let ver = 0;
  if (argv.length >= 2) {
    ver = getLongLongOrError(argv[1], 'ERR Protocol version is not an integer or out of range');
    if (ver < 2 || ver > 3) fail('NOPROTO unsupported protocol version');
  }
  let user: string | null = null;
  let pass: string | null = null;
  let name: string | null = null;
  for (let j = 2; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (eqi(argv[j], 'auth') && more >= 2) {
      user = argv[j + 1];
      pass = argv[j + 2];
      j += 2;
    } else if (eqi(argv[j], 'setname') && more >= 1) {
      name = argv[j + 1];
      const err = clientNameError(name);
      if (err !== null) fail(err);
      j++;
    } else {
      fail(`ERR Syntax error in HELLO option '${argv[j]}'`);
    }
  }
  if (user !== null && !authenticate(ctx.engine, s, user, pass!)) fail(WRONGPASS);
  // Redis asks for c->authenticated here, not authRequired(): a session that never authenticated
  // gets NOAUTH even after the password was removed.
  if (!s.authenticated) {
    fail(
      'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> ' +
        'option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
  }
  if (name !== null) s.name = name;
  if (ver) s.resp = ver as 2 | 3;
  return new MapReply([
    ['server', 'redis'],
    ['version', '7.0.15'],
    ['proto', s.resp],
    ['id', s.id],
    ['mode', 'standalone'],
    ['role', 'master'],
    ['modules', []],
  ]);
}

// AUTH [username] password
function authCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length > 3) fail('ERR syntax error');
  if (argv.length === 2 && ctx.engine.requirepass === null) {
    fail(
      'ERR AUTH <password> called without any password configured for the default user. ' +
        'Are you sure your configuration is correct?',
    );
  }
  const [user, pass] = argv.length === 2 ? ['default', argv[1]] : [argv[1], argv[2]];
  if (!authenticate(ctx.engine, ctx.session, user, pass)) fail(WRONGPASS);
  return OK;
}

// QUIT
function quitCommand(ctx: Ctx): Reply {
  ctx.session.closeAfterReply = true;
  return OK;
}

// RESET
function resetCommand(ctx: Ctx): Reply {
  clearConnectionState(ctx.engine, ctx.session);
  return RESET;
}

const NO_AUTH = ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'] as const;

export const connectionCommands: CommandDecl[] = [
  {
    name: 'ping', arity: -1, flags: ['fast'], group: 'connection', since: '1.0.0', acl: ['connection'],
    tips: ['request_policy:all_shards', 'response_policy:all_succeeded'], handler: pingCommand,
  },
  { name: 'echo', arity: 2, flags: ['loading', 'stale', 'fast'], group: 'connection', since: '1.0.0', acl: ['connection'], handler: echoCommand },
  { name: 'hello', arity: -1, flags: [...NO_AUTH], group: 'connection', since: '6.0.0', acl: ['connection'], handler: helloCommand },
  { name: 'auth', arity: -2, flags: [...NO_AUTH], group: 'connection', since: '1.0.0', acl: ['connection'], handler: authCommand },
  { name: 'quit', arity: -1, flags: [...NO_AUTH], group: 'connection', since: '1.0.0', acl: ['connection'], handler: quitCommand },
  { name: 'reset', arity: 1, flags: [...NO_AUTH], group: 'connection', since: '6.2.0', acl: ['connection'], handler: resetCommand },
  ...clientCommands,
];
