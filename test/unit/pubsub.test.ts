// Pub/sub and keyspace notifications in the engine: the commands' replies, delivery to other
// sessions through their push sink, a session's own pushes placed around its reply, the RESP2
// subscribed context, RESET and closing, CLIENT LIST, INFO, notify-keyspace-events and the events.
import { describe, expect, it } from 'vitest';
import { sync, T0 } from './harness.js';
import {
  createEngine,
  ErrorReply,
  MapReply,
  PushReply,
  ReplySequence,
  SimpleString,
  VerbatimReply,
  type Reply,
  type Session,
} from '../../src/core/index.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const push = (...items: Reply[]) => new PushReply(items);
const seq = (items: Reply[], main = items.length - 1) => new ReplySequence(items, main);
const context = (cmd: string) =>
  err(`ERR Can't execute '${cmd}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);

function setup() {
  let now = T0;
  const engine = createEngine({ clock: () => now, timers: null });
  /** A session whose pushes are recorded in `got`. */
  const client = () => {
    const s = engine.createSession();
    const got: Reply[] = [];
    s.onPush = (r) => got.push(r);
    const r = (...argv: string[]): Reply => sync(engine.exec(s, argv));
    return { s, got, r };
  };
  const tick = (ms: number) => {
    now += ms;
    engine.updateCachedTime();
  };
  return { engine, client, tick };
}

const text = (r: Reply) => (r as VerbatimReply).text;

describe('SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE', () => {
  it('SUBSCRIBE confirms each channel with the count of channels and patterns, once per argument', () => {
    const { client } = setup();
    const a = client();
    expect(a.r('SUBSCRIBE', 'x')).toEqual(push('subscribe', 'x', 1));
    expect(a.r('PSUBSCRIBE', 'p*')).toEqual(push('psubscribe', 'p*', 2));
    expect(a.r('SUBSCRIBE', 'y', 'x', 'z')).toEqual(seq([push('subscribe', 'y', 3), push('subscribe', 'x', 3), push('subscribe', 'z', 4)]));
    expect(a.got).toEqual([]);
  });

  it('UNSUBSCRIBE names channels (subscribed or not) or takes them all; with none it answers a nil channel', () => {
    const { client } = setup();
    const a = client();
    expect(a.r('UNSUBSCRIBE')).toEqual(push('unsubscribe', null, 0));
    expect(a.r('UNSUBSCRIBE', 'never')).toEqual(push('unsubscribe', 'never', 0));
    a.r('SUBSCRIBE', 'c1', 'c2', 'c3');
    a.r('PSUBSCRIBE', 'p');
    expect(a.r('UNSUBSCRIBE', 'c2', 'nope')).toEqual(seq([push('unsubscribe', 'c2', 3), push('unsubscribe', 'nope', 3)]));
    expect(a.r('UNSUBSCRIBE')).toEqual(seq([push('unsubscribe', 'c1', 2), push('unsubscribe', 'c3', 1)]));
    expect(a.r('UNSUBSCRIBE')).toEqual(push('unsubscribe', null, 1));
    expect(a.s.subs).not.toBeNull();
    expect(a.r('PUNSUBSCRIBE')).toEqual(push('punsubscribe', 'p', 0));
    expect(a.s.subs).toBeNull();
  });

  it('PUNSUBSCRIBE without arguments goes through the patterns in subscription order', () => {
    const { client } = setup();
    const a = client();
    a.r('PSUBSCRIBE', 'p3', 'p1', 'p2', 'p1');
    expect(a.r('PUNSUBSCRIBE')).toEqual(seq([push('punsubscribe', 'p3', 2), push('punsubscribe', 'p1', 1), push('punsubscribe', 'p2', 0)]));
    expect(a.r('PUNSUBSCRIBE')).toEqual(push('punsubscribe', null, 0));
  });

  it('SSUBSCRIBE counts shard channels apart; SUNSUBSCRIBE mirrors UNSUBSCRIBE', () => {
    const { client } = setup();
    const a = client();
    a.r('SUBSCRIBE', 'plain');
    expect(a.r('SSUBSCRIBE', 's1', 's2', 's1')).toEqual(seq([push('ssubscribe', 's1', 1), push('ssubscribe', 's2', 2), push('ssubscribe', 's1', 2)]));
    expect(a.r('SUNSUBSCRIBE', 's2')).toEqual(push('sunsubscribe', 's2', 1));
    expect(a.r('SUNSUBSCRIBE')).toEqual(push('sunsubscribe', 's1', 0));
    expect(a.r('SUNSUBSCRIBE')).toEqual(push('sunsubscribe', null, 0));
    expect(a.r('UNSUBSCRIBE')).toEqual(push('unsubscribe', 'plain', 0));
    expect(a.s.subs).toBeNull();
  });
});

describe('PUBLISH and delivery', () => {
  it('PUBLISH delivers message to channel subscribers, then pmessage per matching pattern, and counts them', () => {
    const { client } = setup();
    const a = client();
    const b = client();
    const c = client();
    a.r('SUBSCRIBE', 'news.tech');
    a.r('PSUBSCRIBE', 'news.*', '*tech', 'other');
    b.r('PSUBSCRIBE', 'n?ws.[st]ech');
    expect(c.r('PUBLISH', 'news.tech', 'hi')).toBe(4);
    expect(a.got).toEqual([
      push('message', 'news.tech', 'hi'),
      push('pmessage', 'news.*', 'news.tech', 'hi'),
      push('pmessage', '*tech', 'news.tech', 'hi'),
    ]);
    expect(b.got).toEqual([push('pmessage', 'n?ws.[st]ech', 'news.tech', 'hi')]);
    expect(c.r('PUBLISH', 'nobody', 'x')).toBe(0);
    expect(c.got).toEqual([]);
  });

  it('channels and payloads are byte strings; a pattern never matches the empty channel', () => {
    const { client } = setup();
    const a = client();
    const b = client();
    a.r('SUBSCRIBE', '\x00\xff');
    a.r('PSUBSCRIBE', '*');
    expect(b.r('PUBLISH', '\x00\xff', '\r\n')).toBe(2);
    expect(b.r('PUBLISH', '', 'x')).toBe(0);
    expect(a.got).toEqual([push('message', '\x00\xff', '\r\n'), push('pmessage', '*', '\x00\xff', '\r\n')]);
  });

  it('SPUBLISH reaches shard subscribers only, as smessage; PUBLISH does not reach them', () => {
    const { client } = setup();
    const a = client();
    const b = client();
    const c = client();
    a.r('SSUBSCRIBE', 's');
    b.r('PSUBSCRIBE', '*');
    b.r('SUBSCRIBE', 's');
    expect(c.r('SPUBLISH', 's', 'x')).toBe(1);
    expect(c.r('PUBLISH', 's', 'y')).toBe(2);
    expect(a.got).toEqual([push('smessage', 's', 'x')]);
    expect(b.got).toEqual([push('message', 's', 'y'), push('pmessage', '*', 's', 'y')]);
  });

  it('RESP3: a session publishing to itself gets the message before its reply, in one ReplySequence', () => {
    const { client } = setup();
    const a = client();
    a.r('HELLO', '3');
    a.r('SUBSCRIBE', 'ch');
    expect(a.r('PUBLISH', 'ch', 'me')).toEqual(seq([push('message', 'ch', 'me'), 1], 1));
    expect(a.got).toEqual([]);
  });

  it('inside EXEC each command carries its own pushes, and SUBSCRIBE a b counts as one element', () => {
    const { client } = setup();
    const a = client();
    a.r('HELLO', '3');
    a.r('SUBSCRIBE', 'ch');
    a.r('MULTI');
    a.r('PUBLISH', 'ch', 'x');
    a.r('SUBSCRIBE', 'd', 'e');
    a.r('GET', 'k');
    expect(a.r('EXEC')).toEqual([
      seq([push('message', 'ch', 'x'), 1], 1),
      seq([push('subscribe', 'd', 2), push('subscribe', 'e', 3)]),
      null,
    ]);
  });

  it('SSUBSCRIBE inside EXEC is refused, SUBSCRIBE and PSUBSCRIBE are not', () => {
    const { client } = setup();
    const a = client();
    a.r('MULTI');
    a.r('SSUBSCRIBE', 's');
    a.r('PSUBSCRIBE', 'p');
    expect(a.r('EXEC')).toEqual([err("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client"), push('psubscribe', 'p', 1)]);
  });

  it('a session with no push sink drops its messages; the publisher still counts it', () => {
    const { engine, client } = setup();
    const silent = engine.createSession();
    sync(engine.exec(silent, ['SUBSCRIBE', 'c']));
    expect(client().r('PUBLISH', 'c', 'x')).toBe(1);
  });
});

describe('the RESP2 subscribed context', () => {
  it('refuses every other command, counting it as rejected and as an error', () => {
    const { client } = setup();
    const a = client();
    a.r('SUBSCRIBE', 'c');
    expect(a.r('GET', 'k')).toEqual(context('get'));
    expect(a.r('CLIENT', 'LIST')).toEqual(context('client|list'));
    expect(a.r('PUBLISH', 'c', 'x')).toEqual(context('publish'));
    expect(a.r('HELLO', '3')).toEqual(context('hello'));
    // Unknown commands and wrong arities are answered before the context check.
    expect(a.r('GET')).toEqual(err("ERR wrong number of arguments for 'get' command"));
    const b = client();
    const stats = text(b.r('INFO', 'commandstats'));
    expect(stats).toContain('cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=2,failed_calls=0');
    expect(text(b.r('INFO', 'errorstats'))).toContain('errorstat_ERR:count=5');
  });

  it('PING answers [pong, message] there, and the usual replies in RESP3 or once unsubscribed', () => {
    const { client } = setup();
    const a = client();
    a.r('PSUBSCRIBE', 'p');
    expect(a.r('PING')).toEqual(['pong', '']);
    expect(a.r('PING', 'hi')).toEqual(['pong', 'hi']);
    a.r('PUNSUBSCRIBE');
    expect(a.r('PING')).toEqual(new SimpleString('PONG'));
    a.r('HELLO', '3');
    a.r('SUBSCRIBE', 'c');
    expect(a.r('PING', 'x')).toBe('x');
    expect(a.r('SET', 'k', 'v')).toEqual(OK);
    // HELLO 2 while subscribed: the context applies again.
    a.r('HELLO', '2');
    expect(a.r('GET', 'k')).toEqual(context('get'));
  });

  it('RESET leaves every subscription without confirmations; QUIT is allowed', () => {
    const { engine, client } = setup();
    const a = client();
    a.r('SUBSCRIBE', 'c');
    a.r('PSUBSCRIBE', 'p');
    a.r('SSUBSCRIBE', 's');
    expect(a.r('RESET')).toEqual(new SimpleString('RESET'));
    expect(a.s.subs).toBeNull();
    expect(a.r('GET', 'k')).toBe(null);
    expect(engine.pubsub.channels.size + engine.pubsub.patterns.size + engine.pubsub.shardChannels.size).toBe(0);
    a.r('SUBSCRIBE', 'c');
    expect(a.r('QUIT')).toEqual(OK);
  });

  it('a closed session is gone from every channel and pattern', () => {
    const { engine, client } = setup();
    const a = client();
    const b = client();
    a.r('SUBSCRIBE', 'c', 'd');
    a.r('PSUBSCRIBE', 'p*');
    b.r('SUBSCRIBE', 'c');
    engine.closeSession(a.s);
    expect(b.r('UNSUBSCRIBE')).toEqual(push('unsubscribe', 'c', 0));
    const c = client();
    expect(c.r('PUBSUB', 'NUMSUB', 'c', 'd')).toEqual(['c', 0, 'd', 0]);
    expect(c.r('PUBSUB', 'NUMPAT')).toBe(0);
    expect(c.r('PUBSUB', 'CHANNELS')).toEqual([]);
  });
});

describe('PUBSUB', () => {
  it('CHANNELS lists active channels, optionally matching a pattern; NUMSUB counts channel subscribers; NUMPAT patterns', () => {
    const { client } = setup();
    const a = client();
    const b = client();
    const c = client();
    a.r('SUBSCRIBE', 'a1', 'a2', 'b1');
    b.r('SUBSCRIBE', 'a1');
    a.r('PSUBSCRIBE', 'x*');
    b.r('PSUBSCRIBE', 'x*', 'y*');
    expect(c.r('PUBSUB', 'CHANNELS')).toEqual(['a1', 'a2', 'b1']);
    expect(c.r('PUBSUB', 'CHANNELS', 'a*')).toEqual(['a1', 'a2']);
    expect(c.r('PUBSUB', 'CHANNELS', 'b?')).toEqual(['b1']);
    expect(c.r('PUBSUB', 'NUMSUB', 'a1', 'zz', 'a1')).toEqual(['a1', 2, 'zz', 0, 'a1', 2]);
    expect(c.r('PUBSUB', 'NUMSUB')).toEqual([]);
    expect(c.r('PUBSUB', 'NUMPAT')).toBe(2);
    expect(c.r('PUBSUB', 'CHANNELS', 'a', 'b')).toEqual(err("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."));
    expect(c.r('PUBSUB', 'NUMPAT', 'x')).toEqual(err("ERR wrong number of arguments for 'pubsub|numpat' command"));
    expect(c.r('PUBSUB', 'what')).toEqual(err("ERR unknown subcommand 'what'. Try PUBSUB HELP."));
  });

  it('SHARDCHANNELS and SHARDNUMSUB look at shard channels only', () => {
    const { client } = setup();
    const a = client();
    const c = client();
    a.r('SSUBSCRIBE', 's1', 's2');
    a.r('SUBSCRIBE', 'plain');
    expect(c.r('PUBSUB', 'SHARDCHANNELS')).toEqual(['s1', 's2']);
    expect(c.r('PUBSUB', 'SHARDCHANNELS', '*2')).toEqual(['s2']);
    expect(c.r('PUBSUB', 'SHARDNUMSUB', 's1', 'plain')).toEqual(['s1', 1, 'plain', 0]);
  });

  it('HELP lists the subcommands', () => {
    const { client } = setup();
    const help = client().r('PUBSUB', 'HELP') as SimpleString[];
    expect(help[0]).toEqual(new SimpleString('PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'));
    expect(help.map((l) => l.value)).toContain('SHARDNUMSUB [<shardchannel> ...]');
    expect(help).toHaveLength(14);
  });
});

describe('CLIENT and INFO', () => {
  it('CLIENT LIST shows flag P and the sub/psub/ssub counts; TYPE pubsub selects subscribers; KILL TYPE pubsub drops them', () => {
    const { engine, client } = setup();
    const killed: Session[] = [];
    engine.onKill = (s) => killed.push(s);
    const a = client();
    const b = client();
    a.r('SUBSCRIBE', 'x', 'y');
    a.r('PSUBSCRIBE', 'p');
    a.r('SSUBSCRIBE', 's');
    const line = text(b.r('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    expect(line).toMatch(new RegExp(`^id=${a.s.id} .* flags=P db=0 sub=2 psub=1 ssub=1 multi=-1 `));
    expect(line.split('\n')).toHaveLength(2);
    expect(text(b.r('CLIENT', 'INFO'))).toContain(' flags=N db=0 sub=0 psub=0 ssub=0 ');
    expect(text(b.r('CLIENT', 'LIST', 'TYPE', 'normal'))).not.toContain(`id=${a.s.id} `);
    expect(b.r('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(1);
    expect(killed).toEqual([a.s]);
    expect(engine.pubsub.channels.size).toBe(0);
  });

  it('INFO stats counts channels, patterns and shard channels with any subscriber', () => {
    const { client } = setup();
    const a = client();
    const b = client();
    a.r('SUBSCRIBE', 'a', 'b');
    b.r('SUBSCRIBE', 'a');
    a.r('PSUBSCRIBE', 'x*');
    b.r('PSUBSCRIBE', 'x*');
    b.r('SSUBSCRIBE', 's');
    expect(text(client().r('INFO', 'stats'))).toContain('keyspace_misses:0\r\npubsub_channels:2\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n');
  });
});

describe('keyspace notifications', () => {
  /** A session listening to every keyspace channel, and one that runs commands. */
  function listening(flags: string) {
    const env = setup();
    const sub = env.client();
    const run = env.client();
    run.r('CONFIG', 'SET', 'notify-keyspace-events', flags);
    sub.r('PSUBSCRIBE', '__key*@*__:*');
    const events = () => sub.got.splice(0).map((m) => (m as PushReply).items.slice(2).join(' '));
    return { ...env, sub, run, events };
  }

  it('K publishes the event on __keyspace@<db>__:<key>, E the key on __keyevent@<db>__:<event>', () => {
    const { run, events } = listening('KEA');
    run.r('SET', 'k', 'v');
    expect(events()).toEqual(['__keyspace@0__:k set', '__keyevent@0__:set k']);
    run.r('SELECT', '5');
    run.r('DEL', 'k', 'nope');
    expect(events()).toEqual([]);
    run.r('SET', 'k', 'v');
    run.r('DEL', 'k');
    expect(events()).toEqual(['__keyspace@5__:k set', '__keyevent@5__:set k', '__keyspace@5__:k del', '__keyevent@5__:del k']);
  });

  it('only the classes asked for are published, and nothing without K or E', () => {
    const { engine, run, events } = listening('K$');
    run.r('SET', 'k', 'v');
    run.r('EXPIRE', 'k', '100');
    expect(events()).toEqual(['__keyspace@0__:k set']);
    run.r('CONFIG', 'SET', 'notify-keyspace-events', 'A');
    run.r('SET', 'k', 'v');
    expect(events()).toEqual([]);
    expect(engine.pubsub.notifyFlags).not.toBe(0);
    run.r('CONFIG', 'SET', 'notify-keyspace-events', '');
    expect(engine.pubsub.notifyFlags).toBe(0);
  });

  it('m publishes key misses; A does not include it', () => {
    const { run, events } = listening('KEA');
    run.r('GET', 'missing');
    expect(events()).toEqual([]);
    run.r('CONFIG', 'SET', 'notify-keyspace-events', 'Em');
    run.r('GET', 'missing');
    expect(events()).toEqual(['__keyevent@0__:keymiss missing']);
  });

  it('n publishes new for a key that did not exist, before the command event; A does not include it, AKEn does though GET hides it', () => {
    const { run, events } = listening('En');
    run.r('SET', 'a', '1');
    run.r('SET', 'a', '2');
    expect(events()).toEqual(['__keyevent@0__:new a']);
    run.r('CONFIG', 'SET', 'notify-keyspace-events', 'AKEn');
    expect(run.r('CONFIG', 'GET', 'notify-keyspace-events')).toEqual(new MapReply([['notify-keyspace-events', 'AKE']]));
    run.r('RPUSH', 'l', 'x');
    expect(events()).toEqual(['__keyspace@0__:l new', '__keyevent@0__:new l', '__keyspace@0__:l rpush', '__keyevent@0__:rpush l']);
    run.r('CONFIG', 'SET', 'notify-keyspace-events', 'AKE');
    run.r('SET', 'b', '1');
    expect(events()).toEqual(['__keyspace@0__:b set', '__keyevent@0__:set b']);
  });

  it('expired is published when a key is found expired (lazy) and by the active expire cycle', () => {
    const { engine, run, events, tick } = listening('Ex');
    run.r('SET', 'a', 'v', 'PX', '10');
    run.r('SET', 'b', 'v', 'PX', '10');
    tick(20);
    expect(run.r('GET', 'a')).toBe(null);
    expect(events()).toEqual(['__keyevent@0__:expired a']);
    engine.activeExpireCycle();
    expect(events()).toEqual(['__keyevent@0__:expired b']);
  });

  it('a RESP3 session gets the events of its own commands before their replies', () => {
    const { client } = setup();
    const a = client();
    a.r('HELLO', '3');
    a.r('CONFIG', 'SET', 'notify-keyspace-events', 'K$');
    a.r('SUBSCRIBE', '__keyspace@0__:k');
    expect(a.r('SET', 'k', 'v')).toEqual(seq([push('message', '__keyspace@0__:k', 'set'), OK], 1));
    expect(a.r('GET', 'k')).toBe('v');
  });

  it('a served blocked pop replies before its events; events for the pusher while it serves come after its reply', async () => {
    const { engine, client } = setup();
    const waiter = client();
    const pusher = client();
    pusher.r('HELLO', '3');
    waiter.r('HELLO', '3');
    pusher.r('CONFIG', 'SET', 'notify-keyspace-events', 'El');
    waiter.r('SUBSCRIBE', '__keyevent@0__:lpop');
    pusher.r('SUBSCRIBE', '__keyevent@0__:lpop', '__keyevent@0__:rpush');
    const blocked = engine.exec(waiter.s, ['BLPOP', 'q', '0']);
    expect(blocked).toBeInstanceOf(Promise);
    // RPUSH replies before it notifies; the pop it served comes after that.
    expect(pusher.r('RPUSH', 'q', 'x')).toEqual(
      seq([1, push('message', '__keyevent@0__:rpush', 'q'), push('message', '__keyevent@0__:lpop', 'q')], 0),
    );
    expect(await blocked).toEqual(seq([['q', 'x'], push('message', '__keyevent@0__:lpop', 'q')], 0));
    expect(waiter.got).toEqual([]);
    expect(pusher.got).toEqual([]);
  });

  it('commands that reply before notifying in Redis 7.0 put their own events after the reply', () => {
    const { client } = setup();
    const a = client();
    a.r('HELLO', '3');
    a.r('CONFIG', 'SET', 'notify-keyspace-events', 'KEAn');
    a.r('SUBSCRIBE', '__keyevent@0__:new', '__keyevent@0__:set', '__keyevent@0__:expire', '__keyevent@0__:del');
    const ev = (e: string, key: string) => push('message', `__keyevent@0__:${e}`, key);
    expect(a.r('SET', 'k', 'v')).toEqual(seq([ev('new', 'k'), ev('set', 'k'), OK], 2));
    // SET ... GET answers the old value first, then sets (a new key's `new` comes after too).
    expect(a.r('SET', 'k', 'w', 'EX', '10', 'GET')).toEqual(seq(['v', ev('set', 'k'), ev('expire', 'k')], 0));
    expect(a.r('SET', 'j', 'w', 'GET')).toEqual(seq([null, ev('new', 'j'), ev('set', 'j')], 0));
    expect(a.r('EXPIRE', 'k', '100')).toEqual(seq([1, ev('expire', 'k')], 0));
    // An expiry in the past deletes before replying.
    expect(a.r('EXPIRE', 'k', '-1')).toEqual(seq([ev('del', 'k'), 1], 1));
  });

  it('the notifier hook still sees every event, whatever notify-keyspace-events says', () => {
    const { engine, client } = setup();
    const seen: string[] = [];
    engine.notifier = (cls, event, key) => seen.push(`${cls} ${event} ${key}`);
    client().r('SET', 'k', 'v');
    expect(seen).toEqual(['$ set k']);
  });
});
