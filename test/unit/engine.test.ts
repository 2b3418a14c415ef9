import { describe, expect, it } from 'vitest';
import { createEngine, ErrorReply, NULL_ARRAY, SimpleString } from '../../src/core/index.js';

function setup() {
  let now = 1_000_000;
  const engine = createEngine({ clock: () => now });
  const s = engine.createSession();
  return { engine, s, r: (...argv: string[]) => engine.exec(s, argv), tick: (ms: number) => (now += ms) };
}

describe('engine', () => {
  it('a write refusal (MISCONF) refuses writes and PING, and lets reads through', () => {
    const { engine, r } = setup();
    r('set', 'k', 'v');
    const misconf = 'MISCONF Errors writing to the AOF file: QuotaExceededError';
    engine.writeRefusal = misconf;
    expect(r('set', 'k', 'w')).toEqual(new ErrorReply(misconf));
    expect(r('ping')).toEqual(new ErrorReply(misconf));
    expect(r('get', 'k')).toBe('v');
    engine.writeRefusal = null;
    expect(r('ping')).toEqual(new SimpleString('PONG'));
  });

  it('unknown command names the command and its first arguments', () => {
    const { r } = setup();
    expect(r('nosuch', 'a', 'b')).toEqual(new ErrorReply("ERR unknown command 'nosuch', with args beginning with: 'a' 'b' "));
  });
  it('the last-command cache answers alternating commands and an empty name correctly', () => {
    const { r } = setup();
    const unknownEmpty = new ErrorReply("ERR unknown command '', with args beginning with: ");
    expect(r('')).toEqual(unknownEmpty);
    expect(r('SET', 'k', '1')).toEqual(new SimpleString('OK'));
    expect(r('set', 'k', '2')).toEqual(new SimpleString('OK'));
    expect(r('')).toEqual(unknownEmpty);
    expect(r('GET', 'k')).toBe('2');
    expect(r('INCR', 'k')).toBe(3);
    expect(r('GET', 'k')).toBe('3');
    expect(r('nosuch')).toEqual(new ErrorReply("ERR unknown command 'nosuch', with args beginning with: "));
    expect(r('GET', 'k')).toBe('3');
  });
  it('wrong arity uses the table name', () => {
    const { r } = setup();
    expect(r('GET')).toEqual(new ErrorReply("ERR wrong number of arguments for 'get' command"));
  });
  it('GET of a missing key is null', () => {
    const { r } = setup();
    expect(r('get', 'x')).toBe(null);
  });
  it('EXEC without MULTI and nested MULTI are errors', () => {
    const { r } = setup();
    expect(r('exec')).toEqual(new ErrorReply('ERR EXEC without MULTI'));
    expect(r('multi')).toEqual(new SimpleString('OK'));
    expect(r('multi')).toEqual(new ErrorReply('ERR MULTI calls can not be nested'));
    expect(r('get', 'x')).toEqual(new SimpleString('QUEUED'));
    expect(r('exec')).toEqual([null]);
  });
  it('a queueing error aborts EXEC', () => {
    const { r } = setup();
    r('multi');
    r('get');
    expect(r('exec')).toEqual(new ErrorReply('EXECABORT Transaction discarded because of previous errors.'));
  });
  it('a touched watched key fails EXEC with a null array', () => {
    const { engine, r } = setup();
    const other = engine.createSession();
    r('watch', 'k');
    engine.ctx.session = other;
    engine.ctx.db = engine.keyspace.dbs[0];
    engine.ctx.signalModifiedKey('k');
    r('multi');
    r('get', 'k');
    expect(r('exec')).toBe(NULL_ARRAY);
  });
});
