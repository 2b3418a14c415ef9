#!/usr/bin/env node
// Installs what the tests need on a fresh Debian machine: npm packages when node_modules is
// missing or stale, Debian's redis-server / redis-tools (the oracle) and chromium when absent.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const has = (bin) => {
  try {
    execSync(`command -v ${bin}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

const lock = 'package-lock.json';
const stamp = 'node_modules/.package-lock.json';
if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
  console.log('setup: installing npm packages (npm ci)');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--npm-only')) process.exit(0);

const missing = ['redis-server', 'redis-cli', 'redis-benchmark'].filter((b) => !has(b));
if (missing.length > 0) {
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  console.log(`setup: installing Debian's redis-server and redis-tools (missing: ${missing.join(', ')})`);
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools`);
}

// The browser tests drive Debian's Chromium through playwright-core (Playwright's own download
// does not work here).
if (!existsSync('/usr/bin/chromium')) {
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  console.log("setup: installing Debian's chromium (for the browser tests)");
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`);
}
