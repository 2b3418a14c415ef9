// The worker entry: a dedicated Worker's global scope becomes the endpoint of one client. If its
// first message is `open`, the engine loads and persists that database (worker/open.ts), and, in
// the tab elected to host it, serves the other tabs that open it (worker/tabs.ts).
import { createEngine } from '../core/index.js';
import type { Endpoint } from '../rpc/endpoint.js';
import { WorkerHost, type ConnectOptions } from './host.js';
import { listenForOpen } from './open.js';

const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
const ep = globalThis as unknown as Endpoint;
const connection: ConnectOptions = {};
listenForOpen(host, ep, { connection });
host.connect(ep, connection);
