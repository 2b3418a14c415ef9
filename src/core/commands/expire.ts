// Expiry commands (expire.c): EXPIRE PEXPIRE EXPIREAT PEXPIREAT with NX XX GT LT, TTL PTTL
// EXPIRETIME PEXPIRETIME, PERSIST. Expire times are absolute int64 ms; an expire in the past
// deletes the key. Effects are deterministic: PEXPIREAT <abs ms>, or DEL.
import { ks, type CommandDecl } from '../table.js';
import type { Reply } from '../reply.js';
import { cstr, errors, fail, sanitize } from '../errors.js';
import { LLONG_MAX, normalizeInt } from '../bytes.js';
import { eqi, getExactLongLongOrError } from '../args.js';
import { getExpireExact, lookupReadNoTouch, setExpireExact } from './keys.js';
import type { Ctx } from '../engine.js';

// ---- Expire API ------------------------------------------------------------------------------

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

/** parseExtendedExpireArgumentsOrReply: NX XX GT LT from argv[3]. */
function parseExpireFlagsOrError(argv: string[]): number {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    if (eqi(opt, 'nx')) flags |= EXPIRE_NX;
    else if (eqi(opt, 'xx')) flags |= EXPIRE_XX;
    else if (eqi(opt, 'gt')) flags |= EXPIRE_GT;
    else if (eqi(opt, 'lt')) flags |= EXPIRE_LT;
    else fail(`ERR Unsupported option ${sanitize(cstr(opt))}`);
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    fail('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) fail('ERR GT and LT options at the same time are not compatible');
  return flags;
}

/** LLONG_MAX / 1000 and LLONG_MIN / 1000 (C division truncates toward zero). */
const MAX_SECONDS = 9223372036854775n;

/**
 * The absolute expire in ms of EXPIRE's argument: int64 seconds or ms, plus `basetime` (now for
 * the relative forms, 0 for the *AT forms), with Redis's overflow checks. A number when exact,
 * a bigint past 2^53.
 */
function expireTimeOrError(ctx: Ctx, arg: string, basetime: number, seconds: boolean): number | bigint {
  const v = getExactLongLongOrError(arg);
  if (typeof v === 'number' && Math.abs(v) < 9e12) {
    // |ms| < 2^53, and the sum is exact whenever it is a safe integer: no int64 overflow possible.
    const when = (seconds ? v * 1000 : v) + basetime;
    if (Number.isSafeInteger(when)) return when;
  }
  let when = BigInt(v);
  const invalid = errors.invalidExpire(ctx.cmd.name);
  if (seconds) {
    if (when > MAX_SECONDS || when < -MAX_SECONDS) fail(invalid);
    when *= 1000n;
  }
  const base = BigInt(basetime);
  if (when > LLONG_MAX - base) fail(invalid);
  return normalizeInt(when + base);
}

// ---- Commands --------------------------------------------------------------------------------

// EXPIRE key seconds [NX | XX | GT | LT]  (and PEXPIRE, EXPIREAT, PEXPIREAT)
function expireGenericCommand(ctx: Ctx, argv: string[], basetime: number, seconds: boolean): Reply {
  const key = argv[1];
  const flags = parseExpireFlagsOrError(argv);
  const when = expireTimeOrError(ctx, argv[2], basetime, seconds);
  if (ctx.lookupWrite(key) === undefined) return 0;
  if (flags !== 0) {
    const current = getExpireExact(ctx.db, key);
    if (flags & EXPIRE_NX && current !== -1) return 0;
    if (flags & EXPIRE_XX && current === -1) return 0;
    // No TTL counts as an infinite one: GT never beats it, LT always does.
    if (flags & EXPIRE_GT && (current === -1 || when <= current)) return 0;
    if (flags & EXPIRE_LT && current !== -1 && when >= current) return 0;
  }
  if (when <= ctx.now && !ctx.engine.loading) {
    // checkAlreadyExpired: delete now, and propagate the DEL (a replica or the log must not see
    // a PEXPIREAT in the past). Redis 7.0 notifies "del" here, not "expired". Not while loading:
    // a PEXPIREAT replayed after its time must still set it, as a later PERSIST may follow.
    ctx.deleteKey(key);
    ctx.dirty++;
    ctx.rewrite(['DEL', key]);
    ctx.signalModifiedKey(key);
    ctx.notify('g', 'del', key);
    return 1;
  }
  setExpireExact(ctx, key, when);
  ctx.rewrite(['PEXPIREAT', key, String(when)]);
  ctx.signalModifiedKey(key);
  ctx.notify('g', 'expire', key);
  ctx.dirty++;
  return 1;
}

function expireCommand(ctx: Ctx, argv: string[]): Reply {
  return expireGenericCommand(ctx, argv, ctx.now, true);
}

function pexpireCommand(ctx: Ctx, argv: string[]): Reply {
  return expireGenericCommand(ctx, argv, ctx.now, false);
}

function expireatCommand(ctx: Ctx, argv: string[]): Reply {
  return expireGenericCommand(ctx, argv, 0, true);
}

function pexpireatCommand(ctx: Ctx, argv: string[]): Reply {
  return expireGenericCommand(ctx, argv, 0, false);
}

// TTL key  (PTTL in ms, EXPIRETIME and PEXPIRETIME absolute)
function ttlGenericCommand(ctx: Ctx, key: string, ms: boolean, abs: boolean): Reply {
  if (lookupReadNoTouch(ctx, key) === undefined) return -2;
  const expire = getExpireExact(ctx.db, key);
  if (expire === -1) return -1;
  if (typeof expire === 'number') {
    let ttl = abs ? expire : expire - ctx.now;
    if (ttl < 0) ttl = 0;
    // Seconds round to the nearest: (ttl + 500) / 1000.
    return ms ? ttl : Math.floor((ttl + 500) / 1000);
  }
  let ttl = abs ? expire : expire - BigInt(ctx.now);
  if (ttl < 0n) ttl = 0n;
  return normalizeInt(ms ? ttl : (ttl + 500n) / 1000n);
}

function ttlCommand(ctx: Ctx, argv: string[]): Reply {
  return ttlGenericCommand(ctx, argv[1], false, false);
}

function pttlCommand(ctx: Ctx, argv: string[]): Reply {
  return ttlGenericCommand(ctx, argv[1], true, false);
}

function expiretimeCommand(ctx: Ctx, argv: string[]): Reply {
  return ttlGenericCommand(ctx, argv[1], false, true);
}

function pexpiretimeCommand(ctx: Ctx, argv: string[]): Reply {
  return ttlGenericCommand(ctx, argv[1], true, true);
}

// PERSIST key
function persistCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  if (ctx.lookupWrite(key) === undefined || !ctx.removeExpire(key)) return 0;
  ctx.signalModifiedKey(key);
  ctx.notify('g', 'persist', key);
  ctx.dirty++;
  return 1;
}

// ---- Declarations ----------------------------------------------------------------------------

const ONE_KEY = { first: 1, last: 1, step: 1 };

function setter(name: string, since: string, handler: CommandDecl['handler']): CommandDecl {
  return {
    name, arity: -3, flags: ['write', 'fast'], group: 'generic', since, acl: ['keyspace'],
    keys: ONE_KEY, keySpecs: [ks('RW update', 1)], handler,
  };
}

function getter(name: string, since: string, tips: string[] | undefined, handler: CommandDecl['handler']): CommandDecl {
  return {
    name, arity: 2, flags: ['readonly', 'fast'], group: 'generic', since, acl: ['keyspace'], tips,
    keys: ONE_KEY, keySpecs: [ks('RO access', 1)], handler,
  };
}

export const expireCommands: CommandDecl[] = [
  setter('expire', '1.0.0', expireCommand),
  setter('pexpire', '2.6.0', pexpireCommand),
  setter('expireat', '1.2.0', expireatCommand),
  setter('pexpireat', '2.6.0', pexpireatCommand),
  getter('ttl', '1.0.0', ['nondeterministic_output'], ttlCommand),
  getter('pttl', '2.6.0', ['nondeterministic_output'], pttlCommand),
  getter('expiretime', '7.0.0', undefined, expiretimeCommand),
  getter('pexpiretime', '7.0.0', undefined, pexpiretimeCommand),
  {
    name: 'persist', arity: 2, flags: ['write', 'fast'], group: 'generic', since: '2.2.0', acl: ['keyspace'],
    keys: ONE_KEY, keySpecs: [ks('RW update', 1)], handler: persistCommand,
  },
];
