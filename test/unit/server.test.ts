import { describe, expect, it } from 'vitest';
import { sync } from './harness.js';
import { createEngine, ErrorReply, MapReply, SetReply, SimpleString, VerbatimReply, type CommandDecl, type Reply } from '../../src/core/index.js';
import { RObj } from '../../src/core/keyspace.js';
import { ks, ksKeynum, ksKeyword } from '../../src/core/table.js';
import { bytesToHuman, printf2f } from '../../src/core/commands/info.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const status = (...xs: string[]) => xs.map((x) => new SimpleString(x));

/** Commands with key specs of every kind, for COMMAND GETKEYS. */
const keyCommands: CommandDecl[] = [
  { name: 'kn', arity: -3, flags: ['write'], group: 'generic', since: '1.0.0', keySpecs: [ksKeynum('RW access delete', 1, 0, 1)] },
  { name: 'kw', arity: -2, flags: ['readonly'], group: 'generic', since: '1.0.0', keySpecs: [ksKeyword('RO access', 'STREAMS', 1, -1, 1, 2)] },
  {
    name: 'st', arity: -2, flags: ['write'], group: 'generic', since: '1.0.0', keys: { first: 1, last: 1, step: 1 },
    keySpecs: [ks('RO access', 1), { flags: ['OW', 'update'], begin_search: { type: 'unknown', spec: {} }, find_keys: { type: 'unknown', spec: {} } }],
    getKeys: (argv) => {
      const out = [1];
      for (let i = 2; i < argv.length - 1; i++) if (argv[i].toLowerCase() === 'store') out.push(i + 1);
      return out;
    },
  },
  { name: 'nk', arity: -3, flags: ['no_mandatory_keys'], group: 'generic', since: '1.0.0', keySpecs: [ksKeynum('RW', 2, 0, 1)], getKeys: () => [] },
  { name: 'pairs', arity: -3, flags: ['write'], group: 'generic', since: '1.0.0', keys: { first: 1, last: -1, step: 2 }, keySpecs: [ks('OW update', 1, -1, 2)] },
];

function setup() {
  let now = 1_700_000_000_250;
  const engine = createEngine({ clock: () => now, commands: keyCommands });
  const s = engine.createSession();
  const r = (...argv: string[]): Reply => sync(engine.exec(s, argv));
  const tick = (ms: number) => {
    now += ms;
    engine.updateCachedTime();
  };
  const put = (db: number, key: string, ttl?: number) => {
    engine.keyspace.dbs[db].dict.set(key, new RObj('string', 'v', 'embstr', now));
    if (ttl !== undefined) engine.keyspace.dbs[db].expires.set(key, now + ttl);
  };
  return { engine, s, r, tick, put };
}

function infoText(r: Reply): string {
  expect(r).toBeInstanceOf(VerbatimReply);
  return (r as VerbatimReply).text;
}

function field(text: string, name: string): string | undefined {
  const line = text.split('\r\n').find((l) => l.startsWith(name + ':'));
  return line?.slice(name.length + 1);
}

describe('TIME', () => {
  it('TIME gives seconds and microseconds of the clock as bulk strings', () => {
    const { r } = setup();
    expect(r('time')).toEqual(['1700000000', '250000']);
    expect(r('time', 'x')).toEqual(err("ERR wrong number of arguments for 'time' command"));
  });
});

describe('INFO', () => {
  it('INFO without arguments gives the default sections, in order, as verbatim text', () => {
    const { r } = setup();
    const reply = r('info');
    expect((reply as VerbatimReply).format).toBe('txt');
    const text = infoText(reply);
    expect(text.split('\r\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules',
      '# Errorstats', '# Cluster', '# Keyspace',
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });
  it('INFO all and everything add the commandstats and latencystats sections', () => {
    const { r } = setup();
    for (const arg of ['all', 'everything', 'EVERYTHING']) {
      expect(infoText(r('info', arg)).split('\r\n').filter((l) => l.startsWith('#'))).toEqual([
        '# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Modules',
        '# Commandstats', '# Errorstats', '# Latencystats', '# Cluster', '# Keyspace',
      ]);
    }
  });
  it('INFO sections come in Redis order whatever the order asked, separated by a blank line', () => {
    const { r } = setup();
    expect(infoText(r('info', 'Keyspace', 'CLUSTER', 'cluster', 'nosuch'))).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n');
    expect(infoText(r('info', 'modules'))).toBe('# Modules\r\n');
    expect(infoText(r('info', 'nosuch'))).toBe('');
  });
  it('INFO server reports the version, uptime and hz', () => {
    const { r, tick } = setup();
    tick(90_061_000);
    const text = infoText(r('info', 'server'));
    expect(field(text, 'redis_version')).toBe('7.0.15');
    expect(field(text, 'redis_mode')).toBe('standalone');
    expect(field(text, 'run_id')).toMatch(/^[0-9a-f]{40}$/);
    expect(field(text, 'uptime_in_seconds')).toBe('90061');
    expect(field(text, 'uptime_in_days')).toBe('1');
    expect(field(text, 'hz')).toBe('10');
    expect(field(text, 'server_time_usec')).toBe(String((1_700_000_000_250 + 90_061_000) * 1000));
  });
  it('INFO keyspace lists the databases that hold keys', () => {
    const { r, put } = setup();
    put(0, 'a');
    put(0, 'b', 10_000);
    put(5, 'c');
    expect(infoText(r('info', 'keyspace'))).toBe(
      '# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\ndb5:keys=1,expires=0,avg_ttl=0\r\n',
    );
  });
  it('INFO stats and errorstats count commands, hits, misses and error codes', () => {
    const { r } = setup();
    r('get', 'nokey');
    r('nosuch');
    r('get');
    r('hello', '9');
    const stats = infoText(r('info', 'stats'));
    expect(field(stats, 'total_commands_processed')).toBe('2');
    expect(field(stats, 'keyspace_misses')).toBe('1');
    expect(field(stats, 'keyspace_hits')).toBe('0');
    expect(field(stats, 'total_error_replies')).toBe('3');
    expect(infoText(r('info', 'errorstats'))).toBe('# Errorstats\r\nerrorstat_ERR:count=2\r\nerrorstat_NOPROTO:count=1\r\n');
  });
  it('INFO commandstats shows calls, rejected and failed calls per command and subcommand', () => {
    const { r } = setup();
    r('get', 'a');
    r('get');
    r('client', 'setname', 'a b');
    const text = infoText(r('info', 'commandstats'));
    expect(text).toMatch(/\r\ncmdstat_get:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=1,failed_calls=0\r\n/);
    expect(text).toMatch(/\r\ncmdstat_client\|setname:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=1\r\n/);
  });
  it('INFO memory estimates used memory and reports maxmemory and its policy', () => {
    const { r, put } = setup();
    const before = Number(field(infoText(r('info', 'memory')), 'used_memory'));
    for (let i = 0; i < 100; i++) put(0, 'key:' + i);
    const text = infoText(r('info', 'memory'));
    expect(Number(field(text, 'used_memory'))).toBeGreaterThan(before + 100 * 40);
    expect(field(text, 'maxmemory')).toBe('0');
    expect(field(text, 'maxmemory_human')).toBe('0B');
    expect(field(text, 'maxmemory_policy')).toBe('noeviction');
    r('config', 'set', 'maxmemory', '1536kb', 'maxmemory-policy', 'allkeys-lru');
    const after = infoText(r('info', 'memory'));
    expect(field(after, 'maxmemory')).toBe('1572864');
    expect(field(after, 'maxmemory_human')).toBe('1.50M');
    expect(field(after, 'maxmemory_policy')).toBe('allkeys-lru');
  });
  it('INFO clients, replication and cluster describe a standalone master', () => {
    const { engine, r } = setup();
    engine.createSession();
    const text = infoText(r('info'));
    expect(field(text, 'connected_clients')).toBe('2');
    expect(field(text, 'role')).toBe('master');
    expect(field(text, 'connected_slaves')).toBe('0');
    expect(field(text, 'cluster_enabled')).toBe('0');
    expect(field(text, 'loading')).toBe('0');
  });
  it('printf2f rounds exact ties to even as C does, and bytesToHuman uses it', () => {
    expect(printf2f(0.125)).toBe('0.12');
    expect(printf2f(0.375)).toBe('0.38');
    expect(printf2f(2.5)).toBe('2.50');
    expect(printf2f(1 / 3)).toBe('0.33');
    expect(bytesToHuman(1023)).toBe('1023B');
    expect(bytesToHuman(1152)).toBe('1.12K');
    expect(bytesToHuman(1024 * 1024 * 3)).toBe('3.00M');
    expect(bytesToHuman(2 ** 40)).toBe('1.00T');
  });
});

describe('CONFIG', () => {
  it('CONFIG GET gives name and value, echoing the name as asked when it has no wildcard', () => {
    const { r } = setup();
    expect(r('config', 'get', 'maxmemory')).toEqual(new MapReply([['maxmemory', '0']]));
    expect(r('config', 'get', 'MAXMEMORY')).toEqual(new MapReply([['MAXMEMORY', '0']]));
    expect(r('config', 'get', 'nosuch')).toEqual(new MapReply([]));
    expect(r('config', 'get')).toEqual(err("ERR wrong number of arguments for 'config|get' command"));
  });
  it('CONFIG GET takes several glob patterns, without case, listing each parameter once', () => {
    const { r } = setup();
    expect(r('config', 'get', 'hz', 'HZ*', 'databases')).toEqual(new MapReply([['hz', '10'], ['databases', '16']]));
    const names = (r('config', 'get', 'HASH-*') as MapReply).entries.map(([k]) => k);
    expect(names.sort()).toEqual(['hash-max-listpack-entries', 'hash-max-listpack-value', 'hash-max-ziplist-entries', 'hash-max-ziplist-value']);
  });
  it('CONFIG GET has Redis 7.0 defaults', () => {
    const { r } = setup();
    const all = new Map((r('config', 'get', '*') as MapReply).entries as Array<[string, string]>);
    expect(Object.fromEntries(all)).toMatchObject({
      databases: '16', requirepass: '', maxmemory: '0', 'maxmemory-policy': 'noeviction', 'notify-keyspace-events': '',
      hz: '10', appendonly: 'no', appendfsync: 'everysec', save: '3600 1 300 100 60 10000', 'proto-max-bulk-len': '536870912',
      timeout: '0', 'lfu-log-factor': '10', 'lfu-decay-time': '1', 'hash-max-listpack-entries': '512', 'list-max-listpack-size': '-2',
      'set-max-intset-entries': '512', 'zset-max-listpack-entries': '128', 'stream-node-max-bytes': '4096',
    });
  });
  it('CONFIG SET sets several parameters at once and CONFIG GET reads them back', () => {
    const { engine, r } = setup();
    expect(r('config', 'set', 'maxmemory', '1gb', 'appendfsync', 'ALWAYS', 'appendonly', 'YES', 'timeout', '30')).toEqual(OK);
    expect(r('config', 'get', 'maxmemory')).toEqual(new MapReply([['maxmemory', '1073741824']]));
    expect(engine.config.get('appendfsync')).toBe('always');
    expect(engine.config.get('appendonly')).toBe('yes');
    expect(engine.config.get('timeout')).toBe('30');
  });
  it('CONFIG SET is atomic: one bad value leaves every parameter as it was', () => {
    const { engine, r } = setup();
    expect(r('config', 'set', 'hz', '20', 'maxmemory', 'abc')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"),
    );
    expect(engine.config.get('hz')).toBe('10');
  });
  it('CONFIG SET names an unknown parameter, an immutable one, a duplicate, and an odd argument count', () => {
    const { r } = setup();
    expect(r('config', 'set', 'nosuch', '1')).toEqual(err("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'"));
    expect(r('config', 'set', 'databases', '4')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"),
    );
    expect(r('config', 'set', 'databases', '4', 'nosuch', '1')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"),
    );
    expect(r('config', 'set', 'nosuch', '1', 'databases', '4')).toEqual(err("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'"));
    expect(r('config', 'set', 'hz', '10', 'HZ', '11')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter"),
    );
    expect(r('config', 'set', 'hz', '10', 'maxmemory')).toEqual(err('ERR syntax error'));
    expect(r('config', 'set', 'hz')).toEqual(err("ERR wrong number of arguments for 'config|set' command"));
  });
  it('CONFIG SET parses integers strictly and checks their bounds', () => {
    const { r } = setup();
    const failed = (p: string, why: string) => err(`ERR CONFIG SET failed (possibly related to argument '${p}') - ${why}`);
    for (const v of ['abc', '1.5', '+5', '05', ' 5', '', '1kb']) {
      expect(r('config', 'set', 'timeout', v)).toEqual(failed('timeout', "argument couldn't be parsed into an integer"));
    }
    expect(r('config', 'set', 'timeout', '-1')).toEqual(failed('timeout', 'argument must be between 0 and 2147483647 inclusive'));
    expect(r('config', 'set', 'hz', '4294967297')).toEqual(failed('hz', 'argument must be between 0 and 2147483647 inclusive'));
    expect(r('config', 'set', 'hash-max-listpack-entries', '-1')).toEqual(
      failed('hash-max-listpack-entries', 'argument must be between 0 and 9223372036854775807 inclusive'),
    );
    expect(r('config', 'set', 'hash-max-ziplist-entries', 'abc')).toEqual(failed('hash-max-ziplist-entries', "argument couldn't be parsed into an integer"));
  });
  it('CONFIG SET hz is kept between 1 and 500', () => {
    const { r } = setup();
    r('config', 'set', 'hz', '0');
    expect(r('config', 'get', 'hz')).toEqual(new MapReply([['hz', '1']]));
    r('config', 'set', 'hz', '100000');
    expect(r('config', 'get', 'hz')).toEqual(new MapReply([['hz', '500']]));
  });
  it('CONFIG SET memory values take units, wrap past 2^64 as Redis does, and refuse signs', () => {
    const { r } = setup();
    const get = () => ((r('config', 'get', 'maxmemory') as MapReply).entries[0][1]);
    const cases: Array<[string, string]> = [
      ['100', '100'], ['1b', '1'], ['1B', '1'], ['10k', '10000'], ['10kb', '10240'], ['1m', '1000000'], ['1mb', '1048576'],
      ['1g', '1000000000'], ['1GB', '1073741824'], ['05', '5'], ['', '0'],
      ['99999999999999999999', '18446744073709551615'], ['9223372036854775808', '9223372036854775808'],
    ];
    for (const [v, want] of cases) {
      expect(r('config', 'set', 'maxmemory', v)).toEqual(OK);
      expect(get()).toBe(want);
    }
    for (const v of ['-1', '+5', ' 5', '1.5gb', 'abc', '1kib']) {
      expect(r('config', 'set', 'maxmemory', v)).toEqual(
        err("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"),
      );
    }
    expect(r('config', 'set', 'proto-max-bulk-len', '100')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive"),
    );
    expect(r('config', 'set', 'hash-max-ziplist-value', '99999999999999999999')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-value') - argument must be between 0 and 9223372036854775807 inclusive"),
    );
  });
  it('CONFIG SET of an alias sets the parameter it stands for', () => {
    const { r } = setup();
    expect(r('config', 'set', 'hash-max-ziplist-entries', '7')).toEqual(OK);
    expect(r('config', 'get', 'hash-max-listpack-entries')).toEqual(new MapReply([['hash-max-listpack-entries', '7']]));
  });
  it('CONFIG SET checks enums and booleans without case and stores them as Redis spells them', () => {
    const { r } = setup();
    expect(r('config', 'set', 'maxmemory-policy', 'ALLKEYS-LRU')).toEqual(OK);
    expect(r('config', 'get', 'maxmemory-policy')).toEqual(new MapReply([['maxmemory-policy', 'allkeys-lru']]));
    expect(r('config', 'set', 'maxmemory-policy', 'foo')).toEqual(
      err(
        "ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
      ),
    );
    expect(r('config', 'set', 'appendonly', 'maybe')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'"),
    );
    expect(r('config', 'set', 'appendfsync', 'foo')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of the following: everysec, always, no"),
    );
  });
  it('CONFIG SET notify-keyspace-events validates the classes and stores the canonical spelling', () => {
    const { r } = setup();
    const cases: Array<[string, string]> = [
      ['KEA', 'AKE'], ['Kx', 'xK'], ['Ex$', '$xE'], ['KEAm', 'AKEm'], ['KEAn', 'AKE'], ['Ag$lshzxeKEtmdn', 'AKEm'],
      ['g$lshzxetd', 'A'], ['g$lshzxet', 'g$lshzxet'], ['n', 'n'], ['KEd', 'dKE'], ['', ''],
    ];
    for (const [v, want] of cases) {
      expect(r('config', 'set', 'notify-keyspace-events', v)).toEqual(OK);
      expect(r('config', 'get', 'notify-keyspace-events')).toEqual(new MapReply([['notify-keyspace-events', want]]));
    }
    expect(r('config', 'set', 'notify-keyspace-events', 'foo')).toEqual(
      err("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
    );
  });
  it('CONFIG SET save takes pairs of seconds and changes', () => {
    const { r } = setup();
    expect(r('config', 'set', 'save', '10 1 20 2')).toEqual(OK);
    expect(r('config', 'get', 'save')).toEqual(new MapReply([['save', '10 1 20 2']]));
    expect(r('config', 'set', 'save', '+10 1')).toEqual(OK);
    expect(r('config', 'get', 'save')).toEqual(new MapReply([['save', '10 1']]));
    expect(r('config', 'set', 'save', '')).toEqual(OK);
    expect(r('config', 'get', 'save')).toEqual(new MapReply([['save', '']]));
    for (const v of ['foo', '1', '10 1 20', '10 -1', ' 10   1 ', '10 a', '0 1']) {
      expect(r('config', 'set', 'save', v)).toEqual(err("ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters"));
    }
  });
  it('CONFIG SET requirepass turns authentication on for new sessions', () => {
    const { engine, r } = setup();
    expect(r('config', 'set', 'requirepass', 'pw')).toEqual(OK);
    expect(engine.requirepass).toBe('pw');
    expect(r('config', 'get', 'requirepass')).toEqual(new MapReply([['requirepass', 'pw']]));
    const s2 = engine.createSession();
    expect(engine.exec(s2, ['ping'])).toEqual(err('NOAUTH Authentication required.'));
    expect(r('ping')).toEqual(new SimpleString('PONG'));
  });
  it('CONFIG RESETSTAT clears the statistics INFO reports', () => {
    const { r } = setup();
    r('get', 'x');
    r('nosuch');
    expect(r('config', 'resetstat')).toEqual(OK);
    const text = infoText(r('info', 'stats', 'errorstats', 'commandstats'));
    expect(field(text, 'total_commands_processed')).toBe('1');
    expect(field(text, 'keyspace_misses')).toBe('0');
    expect(field(text, 'total_error_replies')).toBe('0');
    expect(field(text, 'total_connections_received')).toBe('0');
    expect(text).not.toContain('errorstat_');
    expect(text).not.toContain('cmdstat_get');
    expect(text).toMatch(/cmdstat_config\|resetstat:calls=1,/);
  });
  it('CONFIG REWRITE has no file to rewrite; CONFIG HELP is Redis 7.0 text', () => {
    const { r } = setup();
    expect(r('config', 'rewrite')).toEqual(err('ERR The server is running without a config file'));
    expect(r('config', 'help')).toEqual(
      status(
        'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
        'GET <pattern>',
        '    Return parameters matching the glob-like <pattern> and their values.',
        'SET <directive> <value>',
        '    Set the configuration <directive> to <value>.',
        'RESETSTAT',
        '    Reset statistics reported by the INFO command.',
        'REWRITE',
        '    Rewrite the configuration file.',
        'HELP',
        '    Prints this help.',
      ),
    );
    expect(r('config', 'foo')).toEqual(err("ERR unknown subcommand 'foo'. Try CONFIG HELP."));
  });
});

describe('COMMAND', () => {
  it('COMMAND INFO builds the ten fields from the declaration', () => {
    const { r } = setup();
    expect(r('command', 'info', 'get')).toEqual([
      [
        'get', 2, new SetReply(status('readonly', 'fast')), 1, 1, 1, new SetReply(status('@read', '@string', '@fast')),
        new SetReply([]),
        new SetReply([
          new MapReply([
            ['flags', new SetReply(status('RO', 'access'))],
            ['begin_search', new MapReply([['type', 'index'], ['spec', new MapReply([['index', 1]])]])],
            ['find_keys', new MapReply([['type', 'range'], ['spec', new MapReply([['lastkey', 0], ['keystep', 1], ['limit', 0]])]])],
          ]),
        ]),
        new SetReply([]),
      ],
    ]);
  });
  it('COMMAND INFO finds subcommands as container|sub, and gives null for unknown names', () => {
    const { r } = setup();
    const [clientList, a, b, c, d] = r('command', 'info', 'CLIENT|LIST', 'nosuch', 'client|', 'client|list|x', 'get|x') as Reply[][];
    expect(clientList[0]).toBe('client|list');
    expect(clientList[6]).toEqual(new SetReply(status('@admin', '@slow', '@dangerous', '@connection')));
    expect([a, b, c, d]).toEqual([null, null, null, null]);
  });
  it('COMMAND INFO of a container lists its subcommands', () => {
    const { r } = setup();
    const [config] = r('command', 'info', 'config') as Reply[][];
    expect(config.slice(0, 9)).toEqual([
      'config', -2, new SetReply([]), 0, 0, 0, new SetReply(status('@slow')), new SetReply([]), new SetReply([]),
    ]);
    expect((config[9] as Reply[][]).map((sub) => sub[0])).toEqual(['config|get', 'config|set', 'config|resetstat', 'config|rewrite', 'config|help']);
  });
  it('COMMAND INFO adds movablekeys to commands whose keys move', () => {
    const { r } = setup();
    const flags = (name: string) => ((r('command', 'info', name) as Reply[][])[0][2] as SetReply).items;
    expect(flags('kn')).toEqual(status('write', 'movablekeys'));
    expect(flags('st')).toEqual(status('write', 'movablekeys'));
    expect(flags('pairs')).toEqual(status('write'));
  });
  it('COMMAND, COMMAND INFO without names and COMMAND COUNT cover every top-level command', () => {
    const { engine, r } = setup();
    const all = r('command') as Reply[][];
    expect(all.length).toBe(engine.table.commands.size);
    expect(r('command', 'count')).toBe(engine.table.commands.size);
    expect((r('command', 'info') as Reply[][]).map((c) => c[0])).toEqual(all.map((c) => c[0]));
  });
  it('COMMAND LIST names every command and subcommand, or those a filter keeps', () => {
    const { engine, r } = setup();
    const list = r('command', 'list') as string[];
    expect(list.length).toBe([...engine.table.all()].length);
    expect(list).toContain('client|list');
    expect(r('command', 'list', 'filterby', 'pattern', 'CLIENT|L*')).toEqual(['client|list']);
    expect(r('command', 'list', 'FILTERBY', 'module', 'foo')).toEqual([]);
    expect(r('command', 'list', 'filterby', 'aclcat', 'nosuch')).toEqual([]);
    expect(r('command', 'list', 'filterby', 'aclcat', '@read')).toEqual([]);
    const conn = r('command', 'list', 'filterby', 'aclcat', 'CONNECTION') as string[];
    expect(conn).toContain('ping');
    expect(conn).toContain('client|id');
    expect(conn).not.toContain('client');
  });
  it('COMMAND LIST takes one FILTERBY with a type and a value', () => {
    const { r } = setup();
    for (const args of [['x'], ['filterby'], ['filterby', 'aclcat'], ['filterby', 'foo', 'x'], ['filterby', 'aclcat', 'read', 'x']]) {
      expect(r('command', 'list', ...args)).toEqual(err('ERR syntax error'));
    }
  });
  it('COMMAND DOCS gives since and group (and subcommands), skipping unknown names', () => {
    const { r } = setup();
    expect(r('command', 'docs', 'get', 'nosuch', 'GET')).toEqual(
      new MapReply([
        ['get', new MapReply([['since', '1.0.0'], ['group', 'string']])],
        ['get', new MapReply([['since', '1.0.0'], ['group', 'string']])],
      ]),
    );
    const docs = r('command', 'docs', 'config') as MapReply;
    const config = docs.entries[0][1] as MapReply;
    expect(config.entries[2][0]).toBe('subcommands');
    expect((config.entries[2][1] as MapReply).entries[0]).toEqual(['config|get', new MapReply([['since', '2.0.0'], ['group', 'server']])]);
    expect(r('command', 'docs', 'nosuch')).toEqual(new MapReply([]));
  });
  it('COMMAND GETKEYS follows key specs: index, range with a step, keynum, keyword with a limit', () => {
    const { r } = setup();
    expect(r('command', 'getkeys', 'get', 'a')).toEqual(['a']);
    expect(r('command', 'getkeys', 'watch', 'a', 'b')).toEqual(['a', 'b']);
    expect(r('command', 'getkeys', 'pairs', 'a', '1', 'b', '2')).toEqual(['a', 'b']);
    expect(r('command', 'getkeys', 'pairs', 'a', '1', 'b')).toEqual(['a', 'b']);
    expect(r('command', 'getkeys', 'kn', '2', 'a', 'b', 'c')).toEqual(['a', 'b']);
    expect(r('command', 'getkeys', 'kw', 'count', '1', 'STREAMS', 'a', 'b', '0', '0')).toEqual(['a', 'b']);
  });
  it('COMMAND GETKEYS falls back to the key finder when the specs are incomplete', () => {
    const { r } = setup();
    expect(r('command', 'getkeys', 'st', 'a', 'store', 'b')).toEqual(['a', 'b']);
    expect(r('command', 'getkeysandflags', 'st', 'a', 'by', 'x', 'store', 'b')).toEqual([
      ['a', new SetReply(status('RO', 'access'))],
      ['b', new SetReply(status('OW', 'update'))],
    ]);
  });
  it('COMMAND GETKEYSANDFLAGS gives each key with its spec flags', () => {
    const { r } = setup();
    expect(r('command', 'getkeysandflags', 'kn', '2', 'a', 'b')).toEqual([
      ['a', new SetReply(status('RW', 'access', 'delete'))],
      ['b', new SetReply(status('RW', 'access', 'delete'))],
    ]);
  });
  it('COMMAND GETKEYS errors as Redis does', () => {
    const { r } = setup();
    expect(r('command', 'getkeys', 'get')).toEqual(err("ERR wrong number of arguments for 'command|getkeys' command"));
    expect(r('command', 'getkeys', 'nosuch', 'a')).toEqual(err('ERR Invalid command specified'));
    expect(r('command', 'getkeys', 'client', 'nosuch', 'a')).toEqual(err('ERR Invalid command specified'));
    expect(r('command', 'getkeys', 'ping', 'a')).toEqual(err('ERR The command has no key arguments'));
    expect(r('command', 'getkeys', 'client', 'list')).toEqual(err('ERR The command has no key arguments'));
    expect(r('command', 'getkeys', 'get', 'a', 'b')).toEqual(err('ERR Invalid number of arguments specified for command'));
    expect(r('command', 'getkeys', 'kn', '0', 'a')).toEqual(err('ERR Invalid arguments specified for command'));
    expect(r('command', 'getkeys', 'kn', 'x', 'a')).toEqual(err('ERR Invalid arguments specified for command'));
    expect(r('command', 'getkeys', 'nk', 'x', '5', 'a')).toEqual([]);
  });
  it('COMMAND HELP is Redis 7.0 text, and unknown subcommands point to it', () => {
    const { r } = setup();
    const help = r('command', 'help') as SimpleString[];
    expect(help).toHaveLength(21);
    expect(help[0]).toEqual(new SimpleString('COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:'));
    expect(help[18]).toEqual(new SimpleString('    Return the keys and the access flags from a full Redis command.'));
    expect(r('command', 'foo')).toEqual(err("ERR unknown subcommand 'foo'. Try COMMAND HELP."));
    expect(r('command', 'count', 'x')).toEqual(err("ERR wrong number of arguments for 'command|count' command"));
  });
});
