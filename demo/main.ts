// The playground: a prompt that runs commands against an engine in a Web Worker and prints the
// replies the way redis-cli does.
import { createClient, RedisError } from '../src/client/index.js';

const log = document.getElementById('log')!;
const form = document.getElementById('prompt') as HTMLFormElement;
const input = document.getElementById('input') as HTMLInputElement;
const history: string[] = [];
let cursor = 0;

/** Splits a line into arguments as redis-cli does: spaces separate, quotes group, \\ escapes. */
export function splitArgs(line: string): string[] | null {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let arg = '';
    const quote = line[i] === '"' || line[i] === "'" ? line[i++] : null;
    while (i < line.length && (quote ? line[i] !== quote : line[i] !== ' ')) {
      if (quote === '"' && line[i] === '\\' && i + 1 < line.length) {
        const c = line[++i];
        arg += c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c;
      } else arg += line[i];
      i++;
    }
    if (quote) {
      if (line[i] !== quote) return null;
      i++;
    }
    args.push(arg);
  }
  return args;
}

function format(v: unknown, indent = ''): string {
  if (v === null) return '(nil)';
  if (typeof v === 'number' || typeof v === 'bigint') return `(integer) ${v}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof RedisError) return `(error) ${v.message}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '(empty array)';
    const w = String(v.length).length;
    return v.map((x, i) => `${i === 0 ? '' : indent}${String(i + 1).padStart(w)}) ${format(x, indent + ' '.repeat(w + 2))}`).join('\n');
  }
  if (typeof v === 'object') return format(Object.entries(v as object).flat(), indent);
  return String(v);
}

function print(text: string, cls?: string) {
  const line = document.createElement('div');
  if (cls) line.className = cls;
  line.textContent = text;
  log.appendChild(line);
  line.scrollIntoView({ block: 'end' });
}

const redis = await createClient({ mode: 'auto' });
print('connected: the engine runs in a Web Worker');

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const line = input.value.trim();
  input.value = '';
  if (!line) return;
  history.push(line);
  cursor = history.length;
  print(`> ${line}`, 'cmd');
  const args = splitArgs(line);
  if (args === null) return print('Invalid argument(s)', 'err');
  try {
    print(format(await redis.call(...args)));
  } catch (err) {
    print(format(err), 'err');
  }
});

input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowUp' && cursor > 0) input.value = history[--cursor];
  else if (e.key === 'ArrowDown' && cursor < history.length) input.value = history[++cursor] ?? '';
});
