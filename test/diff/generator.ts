// The seeded command generator of the differential tests. Each CommandGen builds one call of one
// command with hostile arguments; the Generator picks among them by weight, keeps the little state
// that keeps a sequence deterministic on both sides (MULTI, the client in use, expiries that must
// be allowed to pass), and never looks at replies, so a seed always yields the same sequence.
import type { Call, Cmp } from './call.js';
import { Prng } from './prng.js';
import { ASCII, BIG_KEYS, FLOATS, INT64_EDGES, INT_TRAPS, KEYS, PATTERNS } from './values.js';
import { fromUtf8 } from '../../src/core/index.js';

export interface CommandGen {
  /** The command as our table names it (lower case), and its subcommand for containers. */
  name: string;
  sub?: string;
  weight: number;
  /** Never inside MULTI (SCAN iterations, HELLO: their replies cannot be compared once queued). */
  noMulti?: boolean;
  /** Only the main client sends it (transactions, protocol and connection state). */
  mainOnly?: boolean;
  /** Used whatever our table holds (unknown commands). */
  always?: boolean;
  gen(g: G): Call;
}

const UNICODE = ['héllo', '日本語', '🙂', 'ß', 'Ω≈ç√'].map(fromUtf8);

/** The generation context handed to each CommandGen: the PRNG, the clock, and argument makers. */
export class G {
  /** Wall clock (ms) when the current batch was generated: absolute expiry times derive from it. */
  now = 0;
  client = 0;
  inMulti = false;
  /** Pool for the current call: 'big' lets 10-100 KB values in. */
  pool: 'normal' | 'big' = 'normal';
  /** Calls to send right after the current one (sleep past a tiny TTL, then expire the key). */
  followUps: Call[] = [];

  /**
   * An upper bound of each key's string length in any db (the generator never reads replies), so
   * LCS is only sent where its length-product table stays small on both sides.
   */
  private readonly lenBound = new Map<string, number>();

  constructor(
    readonly r: Prng,
    /** Whether our engine has this command (generators use it for COMMAND INFO and GETKEYS). */
    readonly supported: (name: string, sub?: string) => boolean,
  ) {}

  call(argv: string[], cmp?: Cmp, op?: Call['op']): Call {
    const c: Call = { argv };
    if (cmp && cmp !== 'exact') c.cmp = cmp;
    if (this.client !== 0) c.client = this.client;
    if (op) c.op = op;
    return c;
  }

  /**
   * An option name in a random case; now and then followed by a NUL byte, which Redis's strcasecmp
   * does not see ('ex\x00' is EX to Redis).
   */
  cased(name: string): string {
    const n = this.name(name);
    return this.r.chance(0.01) ? n + this.pick(['\x00', '\x00x']) : n;
  }

  /**
   * A command or subcommand name in a random case: mostly as written, sometimes upper or mixed.
   * Never with a NUL: Redis finds names in a dict whose hash seed is random per process and compares
   * them with strcasecmp, so whether 'get\x00' runs GET depends on the bucket it lands in.
   */
  name(name: string): string {
    const x = this.r.float();
    if (x < 0.45) return name.toLowerCase();
    if (x < 0.9) return name.toUpperCase();
    let out = '';
    for (const ch of name) out += this.r.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase();
    return out;
  }

  pick<T>(items: readonly T[]): T {
    return this.r.pick(items);
  }

  chance(p: number): boolean {
    return this.r.chance(p);
  }

  int(lo: number, hi: number): number {
    return this.r.int(lo, hi);
  }

  /** Chooses the pool for this call: mostly normal keys, sometimes the big-value keys. */
  usePool(bigChance = 0.06): void {
    this.pool = this.r.chance(bigChance) ? 'big' : 'normal';
  }

  key(): string {
    return this.pool === 'big' ? this.r.pick(BIG_KEYS) : this.r.pick(KEYS);
  }

  keys(min: number, max: number): string[] {
    const n = this.r.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.key());
    return out;
  }

  /** Random bytes, any of 0-255. */
  bytes(len: number): string {
    const u8 = new Uint8Array(len);
    for (let i = 0; i < len; i += 4) {
      const x = this.r.u32();
      u8[i] = x & 255;
      if (i + 1 < len) u8[i + 1] = (x >>> 8) & 255;
      if (i + 2 < len) u8[i + 2] = (x >>> 16) & 255;
      if (i + 3 < len) u8[i + 3] = x >>> 24;
    }
    return Buffer.from(u8.buffer, 0, len).toString('latin1');
  }

  ascii(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += ASCII[this.r.int(0, ASCII.length - 1)];
    return s;
  }

  /** A value to store: small and hostile mostly; 10-100 KB sometimes in the big pool. */
  value(): string {
    if (this.pool === 'big' && this.r.chance(0.35)) {
      const len = this.r.int(10_000, 100_000);
      return this.r.chance(0.5) ? this.pick(['x', 'ab', '\x00', '\xff']).repeat(len).slice(0, len) : this.bytes(len);
    }
    const x = this.r.float();
    if (x < 0.3) return this.ascii(this.r.int(1, 12));
    if (x < 0.5) return this.integer();
    if (x < 0.58) return this.pick(FLOATS);
    if (x < 0.66) return this.bytes(this.r.int(1, 8));
    if (x < 0.72) return this.pick(UNICODE);
    if (x < 0.78) return '';
    if (x < 0.86) return 'x'.repeat(this.r.int(40, 50)); // around OBJ_ENCODING_EMBSTR_SIZE_LIMIT (44)
    if (x < 0.92) return this.bytes(this.r.int(50, 400));
    return this.pick(['v', 'value', 'hello world', 'a\r\nb', '\r\n', '"quoted"', '$5', '*1', '-ERR x', '+OK', ':1']);
  }

  /** An integer argument: small mostly, 64-bit edges and near-integers sometimes. */
  integer(): string {
    const x = this.r.float();
    if (x < 0.6) return String(this.r.int(-20, 300));
    if (x < 0.8) return this.pick(INT64_EDGES);
    return this.pick(INT_TRAPS);
  }

  float(): string {
    return this.r.chance(0.6) ? this.pick(FLOATS) : this.integer();
  }

  /** A string offset or range index: small, negative, huge, or not a number. */
  index(): string {
    const x = this.r.float();
    if (x < 0.75) return String(this.r.int(-12, 24));
    if (x < 0.9) return this.pick(['0', '-1', '100', '-100', '1000', '65536']);
    return this.pick([...INT64_EDGES, 'abc', '', ' 1', '1.0', '-0']);
  }

  pattern(): string {
    return this.pick(PATTERNS);
  }

  /** A database index: the first few mostly, the last one, and out-of-range or malformed ones. */
  dbIndex(): string {
    const x = this.r.float();
    if (x < 0.85) return String(this.r.int(0, 3));
    return this.pick(['15', '16', '-1', 'abc', '', '1.0', ' 1', '9223372036854775807', '4294967296', '01']);
  }

  /** The bound of a key's string length (see lenBound). */
  lenOf(key: string): number {
    return this.lenBound.get(key) ?? 0;
  }

  /** `key` may now hold `len` bytes (in some db). */
  wrote(key: string, len: number): void {
    if (len > this.lenOf(key)) this.lenBound.set(key, len);
  }

  /** `key` may have grown by `len` bytes. */
  grew(key: string, len: number): void {
    this.lenBound.set(key, this.lenOf(key) + len);
  }

  /** FLUSHALL: every key is gone. */
  flushedAll(): void {
    this.lenBound.clear();
  }

  /** Tiny TTLs make a key's existence a race, so they only go out where a follow-up can settle it. */
  tinyOk(): boolean {
    return !this.inMulti;
  }

  /**
   * After this call: wait past a tiny TTL (when `wait`), then touch the key so both sides delete it
   * now (Redis keeps a key set with a past EXAT/PXAT until it is looked up or actively expired).
   */
  settle(key: string, wait: boolean): void {
    if (this.inMulti) return;
    if (wait && !this.followUps.some((c) => c.op === 'sleep')) this.followUps.unshift(this.call(['__sleep', '5'], 'exact', 'sleep'));
    this.followUps.push(this.call(['EXISTS', key]));
  }

  /** A relative TTL in seconds (EX, SETEX, EXPIRE): long mostly, so both sides agree. */
  seconds(forExpire: boolean): string {
    const x = this.r.float();
    if (x < 0.8) return String(this.r.int(100, 10_000_000));
    if (x < 0.9) return this.pick(forExpire ? ['0', '-1', '-100'] : ['0', '-1']);
    return this.pick(['abc', '', '1.5', ' 10', '9223372036854775807', '-9223372036854775808', '9223372036854775', '4611686018427387904']);
  }

  /** A relative TTL in ms (PX, PSETEX, PEXPIRE); tiny ones settle `key` afterwards. */
  millis(key: string, forExpire: boolean): string {
    const x = this.r.float();
    if (x < 0.75) return String(this.r.int(100_000, 10_000_000_000));
    if (x < 0.77 && this.tinyOk()) {
      this.settle(key, true);
      return String(this.r.int(1, 2));
    }
    if (x < 0.85) return this.pick(forExpire ? ['0', '-1', '-100000'] : ['0', '-1']);
    return this.pick(['abc', '', '1.5', '9223372036854775807', '-9223372036854775808', '9223372036854775', '9223372036854775806']);
  }

  /** An absolute unix time in seconds (EXAT, EXPIREAT); past ones on SET/GETEX settle `key`. */
  unixSeconds(key: string, settlesIfPast: boolean): string {
    const nowS = Math.floor(this.now / 1000);
    const x = this.r.float();
    if (x < 0.78) return String(nowS + this.r.int(100, 10_000_000));
    if (x < 0.88 && (!settlesIfPast || this.tinyOk())) {
      if (settlesIfPast) this.settle(key, false);
      return this.pick(['1', String(nowS - 1000), '1000000000']);
    }
    if (x < 0.92) return this.pick(['0', '-1']);
    return this.pick(['abc', '', '9223372036854775807', '9223372036854775', '-9223372036854775808']);
  }

  /** An absolute unix time in ms (PXAT, PEXPIREAT); near or past ones settle `key`. */
  unixMillis(key: string, settlesIfPast: boolean): string {
    const x = this.r.float();
    if (x < 0.75) return String(this.now + this.r.int(100_000, 10_000_000_000));
    if (x < 0.88 && (!settlesIfPast || this.tinyOk())) {
      // A time a few ms ahead may have passed when the command runs, or not: settle it.
      if (this.tinyOk() && this.r.chance(0.15)) {
        this.settle(key, true);
        return String(this.now + 1);
      }
      if (settlesIfPast) this.settle(key, false);
      return this.pick(['1', String(this.now - 1_000_000)]);
    }
    if (x < 0.92) return this.pick(['0', '-1']);
    return this.pick(['abc', '', '9223372036854775807', '-9223372036854775808', '9223372036854775806']);
  }
}

export interface GeneratorOptions {
  seed: number;
  gens: CommandGen[];
  supported: (name: string, sub?: string) => boolean;
  /** Chance that a call's arity is broken (an argument dropped or added). */
  arityNoise?: number;
}

/** Produces an endless, seed-determined sequence of calls. */
export class Generator {
  readonly g: G;
  private readonly all: CommandGen[];
  private readonly weights: number[];
  private readonly total: number;
  private readonly pending: Call[] = [];
  /** Calls left in the current burst of the second client. */
  private burst = 0;
  private readonly arityNoise: number;
  private multiLength = 0;
  /** Whether the main client is inside MULTI (the second client never opens one). */
  private mainInMulti = false;

  constructor(opts: GeneratorOptions) {
    const r = new Prng(opts.seed);
    this.g = new G(r, opts.supported);
    this.all = opts.gens.filter((c) => c.always || opts.supported(c.name, c.sub));
    if (this.all.length === 0) throw new Error('no command of the generator is implemented yet');
    this.weights = this.all.map((c) => c.weight);
    this.total = this.weights.reduce((a, b) => a + b, 0);
    this.arityNoise = opts.arityNoise ?? 0.015;
  }

  /** The commands this generator draws from (the ones our engine has). */
  get commands(): CommandGen[] {
    return this.all;
  }

  next(now: number): Call {
    const g = this.g;
    g.now = now;
    if (this.pending.length > 0) return this.pending.shift()!;
    if (this.burst > 0) this.burst--;
    else if (g.r.chance(0.012)) this.burst = g.r.int(1, 3);
    g.client = this.burst > 0 ? 1 : 0;
    g.inMulti = g.client === 0 && this.mainInMulti;
    const gen = this.choose(g.inMulti, g.client !== 0);
    g.followUps = [];
    g.pool = 'normal';
    const call = gen.gen(g);
    if (g.r.chance(this.arityNoise) && !call.op) this.breakArity(call);
    if (g.client === 0) this.track(call);
    this.pending.push(...g.followUps);
    return call;
  }

  private choose(inMulti: boolean, secondClient: boolean): CommandGen {
    const g = this.g;
    // Inside MULTI, close the transaction after a few commands.
    if (inMulti && this.multiLength >= 1 && g.r.chance(Math.min(0.6, this.multiLength * 0.08))) {
      const end = this.all.find((c) => c.name === (g.r.chance(0.85) ? 'exec' : 'discard'));
      if (end) return end;
    }
    for (let tries = 0; tries < 100; tries++) {
      const c = this.all[g.r.weighted(this.weights, this.total)];
      if (inMulti && c.noMulti) continue;
      if (secondClient && c.mainOnly) continue;
      return c;
    }
    return this.all[0];
  }

  /** Drops trailing arguments or adds one, so arity checks run for every command. */
  private breakArity(call: Call): void {
    const g = this.g;
    // A bare COMMAND (or COMMAND INFO) lists all of Redis's 240 commands, ours only what is
    // implemented: never drop COMMAND's arguments.
    const command = call.argv[0].toLowerCase() === 'command';
    if (g.r.chance(0.5) && call.argv.length > 1 && !command) {
      call.argv = call.argv.slice(0, g.r.int(1, call.argv.length - 1));
    } else call.argv = [...call.argv, g.pick(['x', '', '1', 'EX'])];
  }

  /** MULTI state of the main client, from the argv alone (Redis's rules, see processCommand). */
  private track(call: Call): void {
    if (call.op) return;
    const name = call.argv[0].toLowerCase();
    if (!this.mainInMulti) {
      if (name === 'multi' && call.argv.length === 1) {
        this.mainInMulti = true;
        this.multiLength = 0;
      }
      return;
    }
    // EXEC ends the transaction even when rejected (execCommandAbort); DISCARD only when it runs.
    if (name === 'exec' || (name === 'discard' && call.argv.length === 1)) this.mainInMulti = false;
    else this.multiLength++;
  }
}
