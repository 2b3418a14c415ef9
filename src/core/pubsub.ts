// Pub/sub state (pubsub.c, notify.c): which sessions subscribe to which channels, patterns and
// shard channels, PUBLISH's delivery, and keyspace notifications published on
// __keyspace@<db>__:<key> and __keyevent@<db>__:<event>. Messages reach a session through
// engine.push(), which keeps them in order with that session's own replies.
import { setHasGetOption } from './args.js';
import {
  NOTIFY_EVICTED, NOTIFY_EXPIRED, NOTIFY_GENERIC, NOTIFY_HASH, NOTIFY_KEY_MISS, NOTIFY_KEYEVENT, NOTIFY_KEYSPACE,
  NOTIFY_LIST, NOTIFY_NEW, NOTIFY_SET, NOTIFY_STREAM, NOTIFY_STRING, NOTIFY_ZSET,
} from './commands/config.js';
import type { Engine, NotifyClass } from './engine.js';
import { PushReply, type Reply } from './reply.js';
import type { Session } from './session.js';
import { compileGlob, type Matcher } from './structures/glob.js';

/** A session's subscriptions (client's pubsub_channels, pubsub_patterns, pubsubshard_channels). */
export class Subscriptions {
  readonly channels = new Set<string>();
  /** In subscription order: Redis 7.0 keeps a client's patterns in a list (PUNSUBSCRIBE's order). */
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();

  /** clientSubscriptionsCount: channels plus patterns (the count SUBSCRIBE and PSUBSCRIBE confirm). */
  get count(): number {
    return this.channels.size + this.patterns.size;
  }

  /** clientTotalPubSubSubscriptionCount: zero means the session leaves the subscribed state. */
  get total(): number {
    return this.channels.size + this.patterns.size + this.shardChannels.size;
  }
}

/** The commands a RESP2 session may run while it subscribes to anything (processCommand). */
export const PUBSUB_CONTEXT_COMMANDS: ReadonlySet<string> = new Set([
  'ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset',
]);

/** The error processCommand gives a RESP2 subscriber for any other command. */
export function pubsubContextError(fullname: string): string {
  return `ERR Can't execute '${fullname}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`;
}

/**
 * A RESP3 session subscribed to the keyspace events of its own command gets them where Redis 7.0
 * writes them, which depends on each command's code: most notify before replying, these reply
 * first and then notify (all their events, or the ones listed; `new` stays before the reply where
 * the key is created before replying). ZPOP* write the events inside their reply array in Redis;
 * here they follow it. A served blocked pop replies first too (serveClientBlockedOnList).
 */
const ALL = null;
const REPLY_FIRST = new Map<string, ReadonlySet<string> | null>([
  ['getdel', ALL], ['getex', ALL], ['getset', ALL], ['bitfield', ALL],
  ['expire', new Set(['expire'])], ['pexpire', new Set(['expire'])], ['expireat', new Set(['expire'])], ['pexpireat', new Set(['expire'])],
  ['lpush', ALL], ['rpush', ALL], ['lpushx', ALL], ['rpushx', ALL], ['lset', ALL],
  ['lpop', ALL], ['rpop', ALL], ['blpop', ALL], ['brpop', ALL], ['lmpop', ALL], ['blmpop', ALL],
  ['rpoplpush', new Set(['lpop', 'rpop', 'del'])], ['lmove', new Set(['lpop', 'rpop', 'del'])],
  ['brpoplpush', new Set(['lpop', 'rpop', 'del'])], ['blmove', new Set(['lpop', 'rpop', 'del'])],
  ['hset', ALL], ['hmset', ALL], ['hsetnx', ALL], ['hincrby', ALL], ['hincrbyfloat', ALL],
  ['sinterstore', ALL], ['sunionstore', ALL], ['sdiffstore', ALL], ['spop', new Set(['del'])],
  ['zadd', ALL], ['zincrby', ALL], ['zunionstore', ALL], ['zinterstore', ALL], ['zdiffstore', ALL], ['zrangestore', ALL],
  ['zpopmin', ALL], ['zpopmax', ALL], ['bzpopmin', ALL], ['bzpopmax', ALL], ['zmpop', ALL], ['bzmpop', ALL],
]);

/** The commands whose `new` event comes after their reply: they reply (GET) before creating the key. */
const NEW_AFTER_REPLY = new Set(['getset']);

/** The keyspace event a push carries (its __keyevent@ channel's suffix or its __keyspace@ payload), or null. */
function eventOf(p: Reply): string | null {
  if (!(p instanceof PushReply)) return null;
  const items = p.items;
  const channel = items[items.length - 2];
  if (typeof channel !== 'string') return null;
  if (channel.startsWith('__keyspace@')) return items[items.length - 1] as string;
  if (channel.startsWith('__keyevent@')) return channel.slice(channel.indexOf('__:') + 3);
  return null;
}

/**
 * Splits the pushes a session got during its own command into those Redis writes before its
 * reply and those it writes after.
 */
export function ownPushesAroundReply(cmd: string, argv: string[], pushes: Reply[]): [Reply[], Reply[]] {
  let after = REPLY_FIRST.get(cmd);
  let newAfter = NEW_AFTER_REPLY.has(cmd);
  // SET ... GET replies with the old value first (getGenericCommand), then sets.
  if (after === undefined && cmd === 'set' && setHasGetOption(argv)) {
    after = ALL;
    newAfter = true;
  }
  if (after === undefined) return [pushes, []];
  const before: Reply[] = [];
  const later: Reply[] = [];
  for (const p of pushes) {
    const event = eventOf(p);
    const isAfter = event === 'new' ? newAfter : after === ALL ? event !== null : event !== null && after.has(event);
    (isAfter ? later : before).push(p);
  }
  return [before, later];
}

/** A pattern's subscribers, and its matcher compiled once. */
interface PatternEntry {
  match: Matcher;
  sessions: Set<Session>;
}

/** NotifyClass -> its NOTIFY_* bit. */
const CLASS_BITS: Record<NotifyClass, number> = {
  g: NOTIFY_GENERIC, $: NOTIFY_STRING, l: NOTIFY_LIST, s: NOTIFY_SET, h: NOTIFY_HASH, z: NOTIFY_ZSET,
  x: NOTIFY_EXPIRED, e: NOTIFY_EVICTED, t: NOTIFY_STREAM, m: NOTIFY_KEY_MISS, n: NOTIFY_NEW,
};

/** server.pubsub_channels, pubsub_patterns and pubsubshard_channels, and notify_keyspace_events. */
export class PubSub {
  readonly channels = new Map<string, Set<Session>>();
  /** Patterns in the order first subscribed; publishing tries them in that order. */
  readonly patterns = new Map<string, PatternEntry>();
  readonly shardChannels = new Map<string, Set<Session>>();
  /** notify-keyspace-events as NOTIFY_* bits (CONFIG SET keeps it); 0 turns notifications off. */
  notifyFlags = 0;

  constructor(private readonly engine: Engine) {}

  /** pubsubSubscribeChannel: true when the session was not subscribed to it yet. */
  subscribe(s: Session, channel: string, shard: boolean): boolean {
    const subs = (s.subs ??= new Subscriptions());
    const own = shard ? subs.shardChannels : subs.channels;
    if (own.has(channel)) return false;
    own.add(channel);
    const registry = shard ? this.shardChannels : this.channels;
    let sessions = registry.get(channel);
    if (sessions === undefined) {
      sessions = new Set();
      registry.set(channel, sessions);
    }
    sessions.add(s);
    return true;
  }

  /** pubsubUnsubscribeChannel: true when the session was subscribed to it. */
  unsubscribe(s: Session, channel: string, shard: boolean): boolean {
    const subs = s.subs;
    if (subs === null || !(shard ? subs.shardChannels : subs.channels).delete(channel)) return false;
    const registry = shard ? this.shardChannels : this.channels;
    const sessions = registry.get(channel)!;
    sessions.delete(s);
    // The last subscriber gone, the channel goes too (PUBSUB CHANNELS no longer lists it).
    if (sessions.size === 0) registry.delete(channel);
    return true;
  }

  /** pubsubSubscribePattern. */
  psubscribe(s: Session, pattern: string): boolean {
    const subs = (s.subs ??= new Subscriptions());
    if (subs.patterns.has(pattern)) return false;
    subs.patterns.add(pattern);
    let entry = this.patterns.get(pattern);
    if (entry === undefined) {
      entry = { match: compileGlob(pattern), sessions: new Set() };
      this.patterns.set(pattern, entry);
    }
    entry.sessions.add(s);
    return true;
  }

  /** pubsubUnsubscribePattern. */
  punsubscribe(s: Session, pattern: string): boolean {
    const subs = s.subs;
    if (subs === null || !subs.patterns.delete(pattern)) return false;
    const entry = this.patterns.get(pattern)!;
    entry.sessions.delete(s);
    if (entry.sessions.size === 0) this.patterns.delete(pattern);
    return true;
  }

  /** Drops every subscription of a session without replying (freeClient, RESET). */
  unsubscribeAll(s: Session): void {
    const subs = s.subs;
    if (subs === null) return;
    for (const c of [...subs.channels]) this.unsubscribe(s, c, false);
    for (const c of [...subs.shardChannels]) this.unsubscribe(s, c, true);
    for (const p of [...subs.patterns]) this.punsubscribe(s, p);
    s.subs = null;
  }

  /**
   * pubsubPublishMessage: the channel's subscribers get `message`, then (not for shard channels)
   * the subscribers of every matching pattern get `pmessage`; the number of deliveries.
   */
  publish(channel: string, message: string, shard = false): number {
    const engine = this.engine;
    let receivers = 0;
    const sessions = (shard ? this.shardChannels : this.channels).get(channel);
    if (sessions !== undefined) {
      // One reply object for every subscriber: replies are never mutated.
      const msg = new PushReply([shard ? 'smessage' : 'message', channel, message]);
      for (const s of sessions) {
        engine.push(s, msg);
        receivers++;
      }
    }
    if (shard || this.patterns.size === 0) return receivers;
    for (const [pattern, entry] of this.patterns) {
      if (!entry.match(channel)) continue;
      const msg = new PushReply(['pmessage', pattern, channel, message]);
      for (const s of entry.sessions) {
        engine.push(s, msg);
        receivers++;
      }
    }
    return receivers;
  }

  /** notifyKeyspaceEvent, once the engine saw notify-keyspace-events is on. */
  keyspaceEvent(cls: NotifyClass, event: string, key: string, db: number): void {
    const flags = this.notifyFlags;
    if ((flags & CLASS_BITS[cls]) === 0) return;
    // Nobody listens: no channel names to build.
    if (this.channels.size === 0 && this.patterns.size === 0) return;
    if (flags & NOTIFY_KEYSPACE) this.publish(`__keyspace@${db}__:${key}`, event);
    if (flags & NOTIFY_KEYEVENT) this.publish(`__keyevent@${db}__:${event}`, key);
  }
}
