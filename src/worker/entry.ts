// The worker entry: a dedicated Worker's global scope becomes the endpoint of one client. If its
// first message is `open`, the engine loads and persists that database (worker/open.ts).
import { createEngine } from '../core/index.js';
import type { Endpoint } from '../rpc/endpoint.js';
import { WorkerHost } from './host.js';
import { listenForOpen } from './open.js';

const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
const ep = globalThis as unknown as Endpoint;
listenForOpen(host, ep);
host.connect(ep);
