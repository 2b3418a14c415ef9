// The command line: `localredis-server [--port 6379] [--bind 127.0.0.1] [--requirepass pw]`.
import process from 'node:process';
import { startServer, type ServerOptions } from './server.js';

const USAGE = 'Usage: localredis-server [--port <port>] [--bind <address>] [--requirepass <password>]';

/** The options from argv, or an error message. */
function parseArgs(args: string[]): ServerOptions | string {
  const options: ServerOptions = { port: 6379 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--help' || flag === '-h') return USAGE;
    const value = args[i + 1];
    if (value === undefined) return `Missing value for ${flag}\n${USAGE}`;
    i++;
    if (flag === '--port' || flag === '-p') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `Invalid port '${value}'`;
      options.port = port;
    } else if (flag === '--bind') {
      options.host = value;
    } else if (flag === '--requirepass') {
      options.requirepass = value;
    } else {
      return `Unknown option ${flag}\n${USAGE}`;
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    process.exit(options === USAGE ? 0 : 1);
  }
  const server = await startServer(options);
  console.log(`localredis-server ready to accept connections on ${server.host}:${server.port}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`localredis-server received ${signal}, shutting down`);
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`localredis-server: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
