// Pub/sub on the client, ioredis's shape: SUBSCRIBE and its kin as methods resolving with the
// subscription count, the message events made from the host's pushes, and the subscriptions the
// client holds, kept from Redis's confirmations so that they can be made again on another host.
// Which commands a subscribed connection may run stays the engine's rule (Redis's error text).
import type { PushBatch, WireArg, WireReply } from '../rpc/messages.js';
import type { LocalRedis } from './client.js';
import { Mode } from './methods.js';
import { byteStringToBytes, decodeUtf8, fromWire, type ReplyTransform } from './replies.js';
import type { Arg } from './types.js';

/** ioredis's optional trailing callback of the subscribe methods: the error, or the count. */
export type SubscribeCallback = (err: Error | null, count?: number) => void;

/** Channels (or patterns): each an argument, or an array of them (`subscribe(['a', 'b'])`). */
type Names = Array<Arg | Arg[]>;

/**
 * What the client is subscribed to, as Redis confirmed it. Every name is a byte string (one char
 * per byte, as Redis holds it), not decoded text: a name that is not UTF-8 survives. To send one
 * again with the same bytes, send it as a Uint8Array (`byteStringToBytes`), as
 * {@link PubSubMethods.resubscribe} does; sent as a string it would be UTF-8 encoded once more.
 */
export interface Subscriptions {
  channels: string[];
  patterns: string[];
  shardChannels: string[];
}

/** The pub/sub methods of {@link LocalRedis}, merged into its interface. */
export interface PubSubMethods {
  /**
   * SUBSCRIBE channel [channel ...]: resolves with the number of channels and patterns this
   * client is subscribed to afterwards. Messages arrive as 'message' / 'messageBuffer' events.
   */
  subscribe(...channels: Names): Promise<number>;
  subscribe(...args: [...channels: Names, callback: SubscribeCallback]): Promise<number>;
  /** PSUBSCRIBE pattern [pattern ...]: messages arrive as 'pmessage' / 'pmessageBuffer' events. */
  psubscribe(...patterns: Names): Promise<number>;
  psubscribe(...args: [...patterns: Names, callback: SubscribeCallback]): Promise<number>;
  /** SSUBSCRIBE shardchannel [shardchannel ...]: resolves with the number of shard channels. */
  ssubscribe(...channels: Names): Promise<number>;
  ssubscribe(...args: [...channels: Names, callback: SubscribeCallback]): Promise<number>;
  /** UNSUBSCRIBE [channel ...]: every channel when none is given; resolves with the count left. */
  unsubscribe(...channels: Names): Promise<number>;
  unsubscribe(...args: [...channels: Names, callback: SubscribeCallback]): Promise<number>;
  /** PUNSUBSCRIBE [pattern ...]: every pattern when none is given. */
  punsubscribe(...patterns: Names): Promise<number>;
  punsubscribe(...args: [...patterns: Names, callback: SubscribeCallback]): Promise<number>;
  /** SUNSUBSCRIBE [shardchannel ...]: every shard channel when none is given. */
  sunsubscribe(...channels: Names): Promise<number>;
  sunsubscribe(...args: [...channels: Names, callback: SubscribeCallback]): Promise<number>;
  /**
   * The channels, patterns and shard channels this client is subscribed to, from the
   * confirmations of the subscribe methods above (the same commands sent with `call()` or in a
   * pipeline are not followed), and emptied by `reset()`. Names are byte strings: see
   * {@link Subscriptions}.
   */
  subscriptions(): Subscriptions;
  /**
   * Subscribes again, with the same bytes, to everything {@link PubSubMethods.subscriptions}
   * holds: for a new connection to the database (another host). Resolves once confirmed.
   */
  resubscribe(): Promise<void>;
}

const SUBSCRIBE = 0;
const UNSUBSCRIBE = 1;
/** A confirmation's kind: which set it changes and how. */
const CONFIRMATIONS = new Map<WireReply, [set: 'channels' | 'patterns' | 'shardChannels', op: number]>([
  ['subscribe', ['channels', SUBSCRIBE]],
  ['unsubscribe', ['channels', UNSUBSCRIBE]],
  ['psubscribe', ['patterns', SUBSCRIBE]],
  ['punsubscribe', ['patterns', UNSUBSCRIBE]],
  ['ssubscribe', ['shardChannels', SUBSCRIBE]],
  ['sunsubscribe', ['shardChannels', UNSUBSCRIBE]],
]);

/** The items of a push: a plain array in RESP2, `{ push }` in RESP3; null for anything else. */
function itemsOf(r: WireReply): WireReply[] | null {
  if (Array.isArray(r)) return r;
  return r !== null && typeof r === 'object' && 'push' in r ? r.push : null;
}

/**
 * @internal A client's subscriptions and its push handler: every push of the host becomes a
 * message event or updates the subscriptions, in the order the host made them.
 */
export class PubSubState {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  /** The subscribe methods' reply: the confirmation's count (the confirmation followed). */
  readonly reply: ReplyTransform = (r, bytes) => {
    const items = itemsOf(r);
    const count = items === null ? undefined : this.confirm(items);
    return count === undefined ? fromWire(r, bytes) : count;
  };

  constructor(private readonly redis: LocalRedis) {
    redis.onHostMessage<PushBatch>('push', (msg) => {
      for (const p of msg.pushes) {
        const items = itemsOf(p);
        if (items !== null) this.push(items);
      }
    });
  }

  /** Follows a confirmation `[kind, name, count]`; returns its count, or undefined if it is not one. */
  confirm(items: WireReply[]): number | undefined {
    const [kind, name, count] = items;
    const c = items.length === 3 && typeof count === 'number' ? CONFIRMATIONS.get(kind) : undefined;
    if (c === undefined) return undefined;
    const set = this[c[0]];
    // A nil name: an unsubscribe from all when there was nothing of that kind.
    if (typeof name !== 'string') set.clear();
    else if (c[1] === SUBSCRIBE) set.add(name);
    else set.delete(name);
    return count as number;
  }

  /**
   * The commands that make these subscriptions again on a new session, names as Uint8Array (the
   * same bytes; a byte string sent as text would be UTF-8 encoded once more): for a host change.
   */
  restoreCommands(): WireArg[][] {
    const out: WireArg[][] = [];
    if (this.channels.size !== 0) out.push(['subscribe', ...[...this.channels].map(byteStringToBytes)]);
    if (this.patterns.size !== 0) out.push(['psubscribe', ...[...this.patterns].map(byteStringToBytes)]);
    if (this.shardChannels.size !== 0) out.push(['ssubscribe', ...[...this.shardChannels].map(byteStringToBytes)]);
    return out;
  }

  clear(): void {
    this.channels.clear();
    this.patterns.clear();
    this.shardChannels.clear();
  }

  /** One push: a message becomes its events (text ones decoded only for listeners), else a confirmation. */
  private push(items: WireReply[]): void {
    const r = this.redis;
    const kind = items[0];
    if (kind === 'message' || kind === 'smessage') {
      const [, channel, message] = items as string[];
      const buffer = kind === 'message' ? 'messageBuffer' : 'smessageBuffer';
      if (r.listenerCount(kind) !== 0) r.emit(kind, decodeUtf8(channel), decodeUtf8(message));
      if (r.listenerCount(buffer) !== 0) r.emit(buffer, byteStringToBytes(channel), byteStringToBytes(message));
    } else if (kind === 'pmessage') {
      const [, pattern, channel, message] = items as string[];
      if (r.listenerCount('pmessage') !== 0) r.emit('pmessage', decodeUtf8(pattern), decodeUtf8(channel), decodeUtf8(message));
      if (r.listenerCount('pmessageBuffer') !== 0) {
        r.emit('pmessageBuffer', byteStringToBytes(pattern), byteStringToBytes(channel), byteStringToBytes(message));
      }
    } else this.confirm(items);
  }
}

/** A subscribe method: the trailing callback taken off, the reply read as a confirmation. */
function subscribing(name: string) {
  return function (this: LocalRedis, ...args: unknown[]): Promise<number> {
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as SubscribeCallback) : undefined;
    const p = this.send(name, args, Mode.Text, this.pubsubState.reply) as Promise<number>;
    if (callback !== undefined) p.then((count) => callback(null, count), (e: Error) => callback(e));
    return p;
  };
}

const METHODS: Record<string, (this: LocalRedis, ...args: never[]) => unknown> = {
  subscribe: subscribing('subscribe'),
  psubscribe: subscribing('psubscribe'),
  ssubscribe: subscribing('ssubscribe'),
  unsubscribe: subscribing('unsubscribe'),
  punsubscribe: subscribing('punsubscribe'),
  sunsubscribe: subscribing('sunsubscribe'),
  subscriptions(this: LocalRedis): Subscriptions {
    const s = this.pubsubState;
    return { channels: [...s.channels], patterns: [...s.patterns], shardChannels: [...s.shardChannels] };
  },
  async resubscribe(this: LocalRedis): Promise<void> {
    const s = this.pubsubState;
    await Promise.all(s.restoreCommands().map(([name, ...names]) => this.send(name as string, names, Mode.Text, s.reply)));
  },
  // RESET unsubscribes from everything without a confirmation.
  reset(this: LocalRedis): Promise<unknown> {
    const s = this.pubsubState;
    return this.send('reset', [], Mode.Text, (r, bytes) => {
      if (r !== null && typeof r === 'object' && 'status' in r) s.clear();
      return fromWire(r, bytes);
    });
  },
};

/** Defines the pub/sub methods on the client's prototype (before the generated ones). */
export function installPubSub(proto: object): void {
  for (const [name, fn] of Object.entries(METHODS)) Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
}
