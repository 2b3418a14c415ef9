// The worker entry: a dedicated Worker's global scope becomes the endpoint of one client.
import { createEngine } from '../core/index.js';
import type { Endpoint } from '../rpc/endpoint.js';
import { WorkerHost } from './host.js';

const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
host.connect(globalThis as unknown as Endpoint);
