import { describe, expect, it } from 'vitest';
import { sync } from './harness.js';
import { createEngine, ErrorReply, MapReply, SetReply, SimpleString, VerbatimReply, type Reply } from '../../src/core/index.js';
import type { Session } from '../../src/core/index.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const NOAUTH_HELLO =
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time';
const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';

function setup(requirepass: string | null = null) {
  let now = 1_700_000_000_000;
  const engine = createEngine({ clock: () => now, requirepass });
  const s = engine.createSession();
  s.origin = { addr: '127.0.0.1:50000', laddr: '127.0.0.1:6379', fd: 8 };
  const on = (session: Session) => (...argv: string[]): Reply => sync(engine.exec(session, argv));
  const tick = (ms: number) => {
    now += ms;
    engine.updateCachedTime(); // as a host does before each batch
  };
  return { engine, s, r: on(s), on, tick };
}

function helloMap(proto: number, id: number): MapReply {
  return new MapReply([
    ['server', 'redis'],
    ['version', '7.0.15'],
    ['proto', proto],
    ['id', id],
    ['mode', 'standalone'],
    ['role', 'master'],
    ['modules', []],
  ]);
}

function text(r: Reply): string {
  expect(r).toBeInstanceOf(VerbatimReply);
  expect((r as VerbatimReply).format).toBe('txt');
  return (r as VerbatimReply).text;
}

describe('PING and ECHO', () => {
  it('PING replies PONG, or its argument as a bulk string', () => {
    const { r } = setup();
    expect(r('ping')).toEqual(new SimpleString('PONG'));
    expect(r('PING', 'hello')).toBe('hello');
  });
  it('PING with two arguments is an arity error', () => {
    const { r } = setup();
    expect(r('ping', 'a', 'b')).toEqual(err("ERR wrong number of arguments for 'ping' command"));
  });
  it('ECHO replies its argument, bytes unchanged', () => {
    const { r } = setup();
    expect(r('echo', '\x00\xff')).toBe('\x00\xff');
    expect(r('echo')).toEqual(err("ERR wrong number of arguments for 'echo' command"));
  });
});

describe('HELLO', () => {
  it('HELLO without arguments describes the server in the current protocol', () => {
    const { r, s } = setup();
    expect(r('hello')).toEqual(helloMap(2, s.id));
    expect(s.resp).toBe(2);
  });
  it('HELLO 3 switches the session to RESP3 and HELLO 2 back', () => {
    const { r, s } = setup();
    expect(r('hello', '3')).toEqual(helloMap(3, s.id));
    expect(s.resp).toBe(3);
    expect(r('hello')).toEqual(helloMap(3, s.id));
    expect(r('hello', '2')).toEqual(helloMap(2, s.id));
    expect(s.resp).toBe(2);
  });
  it('HELLO refuses other protocol versions and non-integers', () => {
    const { r, s } = setup();
    expect(r('hello', '4')).toEqual(err('NOPROTO unsupported protocol version'));
    expect(r('hello', '1')).toEqual(err('NOPROTO unsupported protocol version'));
    expect(r('hello', '-1')).toEqual(err('NOPROTO unsupported protocol version'));
    expect(r('hello', 'abc')).toEqual(err('ERR Protocol version is not an integer or out of range'));
    expect(r('hello', '3.0')).toEqual(err('ERR Protocol version is not an integer or out of range'));
    expect(s.resp).toBe(2);
  });
  it('HELLO names unknown or incomplete options as typed', () => {
    const { r } = setup();
    expect(r('hello', '3', 'foo')).toEqual(err("ERR Syntax error in HELLO option 'foo'"));
    expect(r('hello', '3', 'AUTH', 'a')).toEqual(err("ERR Syntax error in HELLO option 'AUTH'"));
    expect(r('hello', '2', 'setname')).toEqual(err("ERR Syntax error in HELLO option 'setname'"));
  });
  it('HELLO SETNAME names the connection, the last one winning, and refuses bad names before anything changes', () => {
    const { r, s } = setup();
    expect(r('hello', '3', 'setname', 'a b')).toEqual(err('ERR Client names cannot contain spaces, newlines or special characters.'));
    expect(s.resp).toBe(2);
    expect(r('hello', '3', 'SETNAME', 'x', 'SETNAME', 'y')).toEqual(helloMap(3, s.id));
    expect(r('client', 'getname')).toBe('y');
  });
  it('HELLO AUTH accepts any password for the default user while none is set, and no other user', () => {
    const { r, s } = setup();
    expect(r('hello', '3', 'auth', 'default', 'whatever')).toEqual(helloMap(3, s.id));
    expect(r('hello', '3', 'auth', 'foo', 'whatever')).toEqual(err(WRONGPASS));
  });
  it('HELLO needs authentication first, or AUTH in the same call', () => {
    const { r, s } = setup('sekret');
    expect(r('hello', '3')).toEqual(err(NOAUTH_HELLO));
    expect(r('hello', '3', 'auth', 'default', 'bad')).toEqual(err(WRONGPASS));
    expect(s.resp).toBe(2);
    expect(r('hello', '3', 'auth', 'default', 'sekret', 'setname', 'x')).toEqual(helloMap(3, s.id));
    expect(s.authenticated).toBe(true);
    expect(r('client', 'getname')).toBe('x');
  });
});

describe('AUTH', () => {
  it('AUTH password without a configured password is an error', () => {
    const { r } = setup();
    expect(r('auth', 'x')).toEqual(
      err('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?'),
    );
  });
  it('AUTH default with any password is accepted while no password is set', () => {
    const { r } = setup();
    expect(r('auth', 'default', 'x')).toEqual(OK);
    expect(r('auth', 'default', '')).toEqual(OK);
    expect(r('auth', 'foo', 'x')).toEqual(err(WRONGPASS));
  });
  it('AUTH takes at most a user and a password', () => {
    const { r } = setup();
    expect(r('auth')).toEqual(err("ERR wrong number of arguments for 'auth' command"));
    expect(r('auth', 'a', 'b', 'c')).toEqual(err('ERR syntax error'));
  });
  it('with requirepass, commands need AUTH, and a wrong password leaves the session unauthenticated', () => {
    const { r, s } = setup('sekret');
    expect(r('ping')).toEqual(err('NOAUTH Authentication required.'));
    expect(r('auth', 'bad')).toEqual(err(WRONGPASS));
    expect(r('auth', 'default', 'bad')).toEqual(err(WRONGPASS));
    expect(r('auth', 'foo', 'sekret')).toEqual(err(WRONGPASS));
    expect(s.authenticated).toBe(false);
    expect(r('auth', 'sekret')).toEqual(OK);
    expect(r('ping')).toEqual(new SimpleString('PONG'));
  });
  it('AUTH default password authenticates as the two-argument form does', () => {
    const { r } = setup('sekret');
    expect(r('auth', 'default', 'sekret')).toEqual(OK);
    expect(r('ping')).toEqual(new SimpleString('PONG'));
  });
  it('removing the password lets unauthenticated sessions run commands until it is set again', () => {
    const { engine, r, on } = setup('sekret');
    const admin = engine.createSession();
    on(admin)('auth', 'sekret');
    expect(on(admin)('config', 'set', 'requirepass', '')).toEqual(OK);
    expect(r('ping')).toEqual(new SimpleString('PONG'));
    // As in Redis, HELLO looks at the session's own authentication.
    expect(r('hello')).toEqual(err(NOAUTH_HELLO));
    expect(on(admin)('config', 'set', 'requirepass', 'again')).toEqual(OK);
    expect(r('ping')).toEqual(err('NOAUTH Authentication required.'));
    expect(on(admin)('ping')).toEqual(new SimpleString('PONG'));
  });
});

describe('QUIT and RESET', () => {
  it('QUIT replies OK and asks the host to close after the reply, even with arguments', () => {
    const { r, s } = setup();
    expect(r('quit', 'x')).toEqual(OK);
    expect(s.closeAfterReply).toBe(true);
  });
  it('QUIT inside MULTI is not queued', () => {
    const { r, s } = setup();
    r('multi');
    expect(r('quit')).toEqual(OK);
    expect(s.closeAfterReply).toBe(true);
  });
  it('QUIT and RESET work before authentication', () => {
    const { r } = setup('sekret');
    expect(r('reset')).toEqual(new SimpleString('RESET'));
    expect(r('quit')).toEqual(OK);
  });
  it('RESET discards MULTI, unwatches, selects db 0, goes back to RESP2 and clears the name', () => {
    const { engine, r, s } = setup();
    r('hello', '3', 'setname', 'foo');
    r('watch', 'k');
    r('multi');
    r('get', 'k');
    s.db = 3;
    expect(r('reset')).toEqual(new SimpleString('RESET'));
    expect(s.multi).toBe(null);
    expect(s.watched).toEqual([]);
    expect(engine.keyspace.dbs[0].watchedKeys.size).toBe(0);
    expect(s.db).toBe(0);
    expect(s.resp).toBe(2);
    expect(r('client', 'getname')).toBe(null);
    expect(r('exec')).toEqual(err('ERR EXEC without MULTI'));
  });
  it('RESET deauthenticates when a password is set', () => {
    const { r } = setup('sekret');
    r('auth', 'sekret');
    expect(r('reset')).toEqual(new SimpleString('RESET'));
    expect(r('ping')).toEqual(err('NOAUTH Authentication required.'));
  });
  it('RESET keeps CLIENT NO-EVICT, as Redis 7.0 does', () => {
    const { r, s } = setup();
    r('client', 'no-evict', 'on');
    r('reset');
    expect(s.noEvict).toBe(true);
  });
});

describe('CLIENT', () => {
  it('CLIENT ID is the session id', () => {
    const { r, s } = setup();
    expect(r('client', 'id')).toBe(s.id);
    expect(r('client', 'id', 'x')).toEqual(err("ERR wrong number of arguments for 'client|id' command"));
  });
  it('CLIENT SETNAME and GETNAME, an empty name clearing it', () => {
    const { r } = setup();
    expect(r('client', 'getname')).toBe(null);
    expect(r('client', 'setname', 'conn-1')).toEqual(OK);
    expect(r('client', 'getname')).toBe('conn-1');
    expect(r('client', 'setname', '')).toEqual(OK);
    expect(r('client', 'getname')).toBe(null);
  });
  it('CLIENT SETNAME refuses spaces, newlines and bytes outside printable ASCII', () => {
    const { r } = setup();
    for (const bad of ['a b', 'a\nb', 'caf\xc3\xa9', '\x7f']) {
      expect(r('client', 'setname', bad)).toEqual(err('ERR Client names cannot contain spaces, newlines or special characters.'));
    }
  });
  it('CLIENT NO-EVICT takes ON or OFF', () => {
    const { r, s } = setup();
    expect(r('client', 'no-evict', 'ON')).toEqual(OK);
    expect(s.noEvict).toBe(true);
    expect(r('client', 'no-evict', 'off')).toEqual(OK);
    expect(s.noEvict).toBe(false);
    expect(r('client', 'no-evict', 'maybe')).toEqual(err('ERR syntax error'));
    expect(r('client', 'no-evict')).toEqual(err("ERR wrong number of arguments for 'client|no-evict' command"));
  });
  it('CLIENT INFO is one line in Redis 7.0 field order', () => {
    const { r, s, tick } = setup();
    tick(5000);
    expect(text(r('client', 'info'))).toBe(
      `id=${s.id} addr=127.0.0.1:50000 laddr=127.0.0.1:6379 fd=8 name= age=5 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 ` +
        'multi=-1 qbuf=0 qbuf-free=0 argv-mem=10 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=10 events=r ' +
        'cmd=client|info user=default redir=-1 resp=2\n',
    );
  });
  it('CLIENT LIST shows every session in creation order with its age, idle time, db and last command', () => {
    const { engine, r, s, on, tick } = setup();
    const other = engine.createSession();
    other.origin = { addr: '/tmp/r.sock:0', laddr: '/tmp/r.sock:0', fd: 9, unixSocket: true };
    tick(2000);
    on(other)('client', 'setname', 'worker');
    tick(3000);
    const lines = text(r('client', 'list')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toMatch(new RegExp(`^id=${s.id} .* age=5 idle=0 flags=N db=0 .* cmd=client\\|list `));
    expect(lines[1]).toBe(
      `id=${other.id} addr=/tmp/r.sock:0 laddr=/tmp/r.sock:0 fd=9 name=worker age=5 idle=3 flags=U db=0 sub=0 psub=0 ssub=0 ` +
        'multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r ' +
        'cmd=client|setname user=default redir=-1 resp=2',
    );
  });
  it('CLIENT LIST flags a transaction (x, its queue and multi-mem), a dirty CAS (d) and no-evict (e)', () => {
    const { engine, r, s, on } = setup();
    const other = engine.createSession();
    on(other)('watch', 'k');
    on(other)('multi');
    on(other)('get', 'k');
    on(other)('get', 'abc');
    engine.ctx.signalModifiedKey('k', engine.keyspace.dbs[0]);
    other.noEvict = true;
    void s;
    const line = text(r('client', 'list', 'id', String(other.id)));
    // Redis counts the queued arguments plus a pointer per argument: (4 + 8*2) + (6 + 8*2).
    expect(line).toMatch(/ flags=xde db=0 sub=0 psub=0 ssub=0 multi=2 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=42 .* tot-mem=42 /);
  });
  it('CLIENT LIST shows cmd=NULL after an unknown command or subcommand, and the command after an arity error', () => {
    const { engine, r, on } = setup();
    const other = engine.createSession();
    const cmdOf = () => text(r('client', 'list', 'id', String(other.id))).match(/ cmd=(\S+) /)![1];
    expect(cmdOf()).toBe('NULL');
    on(other)('get');
    expect(cmdOf()).toBe('get');
    on(other)('nosuch');
    expect(cmdOf()).toBe('NULL');
    on(other)('client', 'id');
    on(other)('client', 'foo');
    expect(cmdOf()).toBe('NULL');
  });
  it('CLIENT LIST TYPE filters by type; every session is a normal client', () => {
    const { r } = setup();
    expect(text(r('client', 'list', 'type', 'NORMAL'))).toMatch(/^id=\d+ /);
    for (const t of ['pubsub', 'master', 'replica', 'slave']) expect(text(r('client', 'list', 'type', t))).toBe('');
    expect(r('client', 'list', 'type', 'foo')).toEqual(err("ERR Unknown client type 'foo'"));
  });
  it('CLIENT LIST ID lists the ids asked for, in that order, skipping unknown ones', () => {
    const { engine, r, s } = setup();
    const b = engine.createSession();
    const out = text(r('client', 'list', 'id', String(b.id), '999', String(s.id), String(b.id)));
    expect(out.split('\n').map((l) => l.split(' ')[0])).toEqual([`id=${b.id}`, `id=${s.id}`, `id=${b.id}`, '']);
    expect(text(r('client', 'list', 'id', '0', '-5'))).toBe('');
    expect(r('client', 'list', 'id', 'abc')).toEqual(err('ERR Invalid client ID'));
  });
  it('CLIENT LIST takes one option only', () => {
    const { r } = setup();
    expect(r('client', 'list', 'id')).toEqual(err('ERR syntax error'));
    expect(r('client', 'list', 'foo')).toEqual(err('ERR syntax error'));
    expect(r('client', 'list', 'type', 'normal', 'id', '9')).toEqual(err('ERR syntax error'));
  });
  it('CLIENT KILL addr closes the session at that address, or says there is none', () => {
    const { engine, r, on } = setup();
    const other = engine.createSession();
    other.origin = { addr: '127.0.0.1:50001', laddr: '127.0.0.1:6379', fd: 9 };
    const killed: number[] = [];
    engine.onKill = (k) => killed.push(k.id);
    expect(r('client', 'kill', '1.2.3.4:5')).toEqual(err('ERR No such client'));
    expect(r('client', 'kill', '127.0.0.1:50001')).toEqual(OK);
    expect(killed).toEqual([other.id]);
    expect(engine.sessions.has(other.id)).toBe(false);
    void on;
  });
  it('CLIENT KILL with filters counts the sessions it closed and skips the caller by default', () => {
    const { engine, r, s } = setup();
    const a = engine.createSession();
    const b = engine.createSession();
    a.origin = { addr: '10.0.0.1:1', laddr: '127.0.0.1:6379', fd: 10 };
    b.origin = { addr: '10.0.0.2:2', laddr: '127.0.0.1:7000', fd: 11 };
    expect(r('client', 'kill', 'id', '99999')).toBe(0);
    expect(r('client', 'kill', 'laddr', '127.0.0.1:7000')).toBe(1);
    expect(engine.sessions.has(b.id)).toBe(false);
    expect(r('client', 'kill', 'type', 'normal')).toBe(1);
    expect(engine.sessions.has(a.id)).toBe(false);
    expect(engine.sessions.has(s.id)).toBe(true);
    expect(s.closeAfterReply).toBe(false);
  });
  it('CLIENT KILL SKIPME no closes the caller after its reply', () => {
    const { engine, r, s } = setup();
    expect(r('client', 'kill', 'user', 'default', 'skipme', 'no')).toBe(1);
    expect(s.closeAfterReply).toBe(true);
    expect(engine.sessions.has(s.id)).toBe(true);
  });
  it('CLIENT KILL refuses bad ids, types, users and options', () => {
    const { r } = setup();
    for (const id of ['abc', '0', '-1']) expect(r('client', 'kill', 'id', id)).toEqual(err('ERR client-id should be greater than 0'));
    expect(r('client', 'kill', 'type', 'foo')).toEqual(err("ERR Unknown client type 'foo'"));
    expect(r('client', 'kill', 'type', 'normal', 'skipme', 'foo')).toEqual(err('ERR syntax error'));
    expect(r('client', 'kill', 'user', 'foo')).toEqual(err("ERR No such user 'foo'"));
    expect(r('client', 'kill', 'maxage', '1')).toEqual(err('ERR syntax error'));
    expect(r('client', 'kill', 'id', '1', 'x')).toEqual(err('ERR syntax error'));
    // Three arguments is the old form: "id" is taken as an address.
    expect(r('client', 'kill', 'id')).toEqual(err('ERR No such client'));
    expect(r('client', 'kill')).toEqual(err("ERR wrong number of arguments for 'client|kill' command"));
  });
  it('CLIENT GETREDIR and TRACKINGINFO report tracking off', () => {
    const { r } = setup();
    expect(r('client', 'getredir')).toBe(-1);
    expect(r('client', 'trackinginfo')).toEqual(
      new MapReply([
        ['flags', new SetReply(['off'])],
        ['redirect', -1],
        ['prefixes', []],
      ]),
    );
  });
  it('CLIENT HELP is Redis 7.0 text, and unknown subcommands point to it', () => {
    const { r } = setup();
    const help = r('client', 'help') as SimpleString[];
    expect(help).toHaveLength(48);
    expect(help[0]).toEqual(new SimpleString('CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'));
    expect(help[46]).toEqual(new SimpleString('HELP'));
    expect(help[47]).toEqual(new SimpleString('    Prints this help.'));
    expect(r('client', 'foo')).toEqual(err("ERR unknown subcommand 'foo'. Try CLIENT HELP."));
    expect(r('client', 'pause', '10')).toEqual(err("ERR unknown subcommand 'pause'. Try CLIENT HELP."));
    expect(r('client')).toEqual(err("ERR wrong number of arguments for 'client' command"));
  });
});
