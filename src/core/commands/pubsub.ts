// Pub/sub commands (pubsub.c, Redis 7.0): SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH,
// the shard variants SSUBSCRIBE SUNSUBSCRIBE SPUBLISH (one shard here: no cluster), and PUBSUB.
// Every (un)subscription is confirmed by a reply of its own, built as a push (RESP3 `>`, a plain
// array in RESP2), so one command may answer several replies (a ReplySequence). The registry and
// delivery are in ../pubsub.ts.
import { fail, subcommandSyntax } from '../errors.js';
import { PushReply, ReplySequence, helpReply, type Reply } from '../reply.js';
import { compileGlob } from '../structures/glob.js';
import { ks, type CommandDecl } from '../table.js';
import type { Ctx } from '../engine.js';
import type { Session } from '../session.js';

// ---- Pub/sub API -----------------------------------------------------------------------------

/** One reply for several confirmations. */
function confirmations(out: PushReply[]): Reply {
  return out.length === 1 ? out[0] : new ReplySequence(out);
}

/** The subscribed state ends when nothing is left (CLIENT_PUBSUB cleared). */
function leaveIfEmpty(s: Session): void {
  if (s.subs !== null && s.subs.total === 0) s.subs = null;
}

type Unsubscribe = 'unsubscribe' | 'sunsubscribe' | 'punsubscribe';

/** The session's own set of what `kind` drops. */
function ownOf(s: Session, kind: Unsubscribe): Set<string> | null {
  const subs = s.subs;
  if (subs === null) return null;
  return kind === 'unsubscribe' ? subs.channels : kind === 'sunsubscribe' ? subs.shardChannels : subs.patterns;
}

/**
 * (S|P)UNSUBSCRIBE: the named channels or patterns, or all of them; one confirmation each, or one
 * with a nil name. The count confirmed: shard channels for SUNSUBSCRIBE, else channels + patterns.
 */
function unsubscribeGeneric(ctx: Ctx, argv: string[], kind: Unsubscribe): Reply {
  const s = ctx.session;
  const pubsub = ctx.engine.pubsub;
  const drop = (name: string): void => {
    if (kind === 'punsubscribe') pubsub.punsubscribe(s, name);
    else pubsub.unsubscribe(s, name, kind === 'sunsubscribe');
  };
  const count = () => (s.subs === null ? 0 : kind === 'sunsubscribe' ? s.subs.shardChannels.size : s.subs.count);
  const out: PushReply[] = [];
  if (argv.length === 1) {
    // Redis walks a dict (a list for patterns) here; we answer in subscription order.
    const own = ownOf(s, kind);
    for (const name of own === null ? [] : [...own]) {
      drop(name);
      out.push(new PushReply([kind, name, count()]));
    }
    if (out.length === 0) out.push(new PushReply([kind, null, count()]));
  } else {
    for (let j = 1; j < argv.length; j++) {
      drop(argv[j]);
      out.push(new PushReply([kind, argv[j], count()]));
    }
  }
  leaveIfEmpty(s);
  return confirmations(out);
}

/** PUBSUB CHANNELS / SHARDCHANNELS: active channels matching an optional pattern. */
function channelList(argv: string[], registry: Map<string, unknown>): Reply {
  if (argv.length > 3) fail(subcommandSyntax(argv));
  const out: string[] = [];
  if (argv.length === 2) {
    for (const channel of registry.keys()) out.push(channel);
  } else {
    const match = compileGlob(argv[2]);
    for (const channel of registry.keys()) if (match(channel)) out.push(channel);
  }
  return out;
}

/** PUBSUB NUMSUB / SHARDNUMSUB: channel, subscriber count, for each channel asked about. */
function numsub(argv: string[], registry: Map<string, Set<Session>>): Reply {
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) out.push(argv[j], registry.get(argv[j])?.size ?? 0);
  return out;
}

// ---- Commands --------------------------------------------------------------------------------

// SUBSCRIBE channel [channel ...]
function subscribeCommand(ctx: Ctx, argv: string[]): Reply {
  // Redis refuses a DENY_BLOCKING client outside MULTI (scripts, modules): none here.
  const s = ctx.session;
  const pubsub = ctx.engine.pubsub;
  const out: PushReply[] = [];
  for (let j = 1; j < argv.length; j++) {
    pubsub.subscribe(s, argv[j], false);
    out.push(new PushReply(['subscribe', argv[j], s.subs!.count]));
  }
  return confirmations(out);
}

// SSUBSCRIBE shardchannel [shardchannel ...]
function ssubscribeCommand(ctx: Ctx, argv: string[]): Reply {
  // Unlike SUBSCRIBE, no exception for MULTI: inside EXEC it is refused.
  if (!ctx.canBlock) fail("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
  const s = ctx.session;
  const pubsub = ctx.engine.pubsub;
  const out: PushReply[] = [];
  for (let j = 1; j < argv.length; j++) {
    pubsub.subscribe(s, argv[j], true);
    out.push(new PushReply(['ssubscribe', argv[j], s.subs!.shardChannels.size]));
  }
  return confirmations(out);
}

// UNSUBSCRIBE [channel [channel ...]]
function unsubscribeCommand(ctx: Ctx, argv: string[]): Reply {
  return unsubscribeGeneric(ctx, argv, 'unsubscribe');
}

// SUNSUBSCRIBE [shardchannel [shardchannel ...]]
function sunsubscribeCommand(ctx: Ctx, argv: string[]): Reply {
  return unsubscribeGeneric(ctx, argv, 'sunsubscribe');
}

// PSUBSCRIBE pattern [pattern ...]
function psubscribeCommand(ctx: Ctx, argv: string[]): Reply {
  const s = ctx.session;
  const pubsub = ctx.engine.pubsub;
  const out: PushReply[] = [];
  for (let j = 1; j < argv.length; j++) {
    pubsub.psubscribe(s, argv[j]);
    out.push(new PushReply(['psubscribe', argv[j], s.subs!.count]));
  }
  return confirmations(out);
}

// PUNSUBSCRIBE [pattern [pattern ...]]
function punsubscribeCommand(ctx: Ctx, argv: string[]): Reply {
  return unsubscribeGeneric(ctx, argv, 'punsubscribe');
}

// PUBLISH channel message
function publishCommand(ctx: Ctx, argv: string[]): Reply {
  return ctx.engine.pubsub.publish(argv[1], argv[2]);
}

// SPUBLISH shardchannel message
function spublishCommand(ctx: Ctx, argv: string[]): Reply {
  return ctx.engine.pubsub.publish(argv[1], argv[2], true);
}

// PUBSUB CHANNELS [pattern]
function pubsubChannelsCommand(ctx: Ctx, argv: string[]): Reply {
  return channelList(argv, ctx.engine.pubsub.channels);
}

// PUBSUB NUMSUB [channel [channel ...]]
function pubsubNumsubCommand(ctx: Ctx, argv: string[]): Reply {
  return numsub(argv, ctx.engine.pubsub.channels);
}

// PUBSUB NUMPAT
function pubsubNumpatCommand(ctx: Ctx): Reply {
  return ctx.engine.pubsub.patterns.size;
}

// PUBSUB SHARDCHANNELS [pattern]
function pubsubShardchannelsCommand(ctx: Ctx, argv: string[]): Reply {
  return channelList(argv, ctx.engine.pubsub.shardChannels);
}

// PUBSUB SHARDNUMSUB [shardchannel [shardchannel ...]]
function pubsubShardnumsubCommand(ctx: Ctx, argv: string[]): Reply {
  return numsub(argv, ctx.engine.pubsub.shardChannels);
}

const PUBSUB_HELP = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

// PUBSUB HELP
function pubsubHelpCommand(): Reply {
  return helpReply('PUBSUB', PUBSUB_HELP);
}

const SUB = ['pubsub', 'noscript', 'loading', 'stale'] as const;
const PUB = ['pubsub', 'loading', 'stale', 'fast'] as const;
const INSPECT = ['pubsub', 'loading', 'stale'] as const;
/** SSUBSCRIBE and SUNSUBSCRIBE name shard channels where keys would be: specs flagged not_key. */
const SHARD_CHANNELS = { keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('not_key', 1, -1)] };

export const pubsubCommands: CommandDecl[] = [
  { name: 'subscribe', arity: -2, flags: [...SUB], group: 'pubsub', since: '2.0.0', handler: subscribeCommand },
  { name: 'unsubscribe', arity: -1, flags: [...SUB], group: 'pubsub', since: '2.0.0', handler: unsubscribeCommand },
  { name: 'psubscribe', arity: -2, flags: [...SUB], group: 'pubsub', since: '2.0.0', handler: psubscribeCommand },
  { name: 'punsubscribe', arity: -1, flags: [...SUB], group: 'pubsub', since: '2.0.0', handler: punsubscribeCommand },
  { name: 'publish', arity: 3, flags: [...PUB], group: 'pubsub', since: '2.0.0', handler: publishCommand },
  { name: 'ssubscribe', arity: -2, flags: [...SUB], group: 'pubsub', since: '7.0.0', ...SHARD_CHANNELS, handler: ssubscribeCommand },
  { name: 'sunsubscribe', arity: -1, flags: [...SUB], group: 'pubsub', since: '7.0.0', ...SHARD_CHANNELS, handler: sunsubscribeCommand },
  {
    name: 'spublish', arity: 3, flags: [...PUB], group: 'pubsub', since: '7.0.0',
    keys: { first: 1, last: 1, step: 1 }, keySpecs: [ks('not_key', 1)], handler: spublishCommand,
  },
  {
    name: 'pubsub', arity: -2, flags: [], group: 'pubsub', since: '2.8.0',
    subcommands: [
      { name: 'pubsub|channels', arity: -2, flags: [...INSPECT], group: 'pubsub', since: '2.8.0', handler: pubsubChannelsCommand },
      { name: 'pubsub|help', arity: 2, flags: ['loading', 'stale'], group: 'pubsub', since: '6.2.0', handler: pubsubHelpCommand },
      { name: 'pubsub|numpat', arity: 2, flags: [...INSPECT], group: 'pubsub', since: '2.8.0', handler: pubsubNumpatCommand },
      { name: 'pubsub|numsub', arity: -2, flags: [...INSPECT], group: 'pubsub', since: '2.8.0', handler: pubsubNumsubCommand },
      { name: 'pubsub|shardchannels', arity: -2, flags: [...INSPECT], group: 'pubsub', since: '7.0.0', handler: pubsubShardchannelsCommand },
      { name: 'pubsub|shardnumsub', arity: -2, flags: [...INSPECT], group: 'pubsub', since: '7.0.0', handler: pubsubShardnumsubCommand },
    ],
  },
];
