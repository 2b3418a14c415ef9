// The inline mode: the same host in the calling thread, behind an in-memory endpoint pair.
import { createEngine } from '../core/index.js';
import { createEndpointPair, type Endpoint } from '../rpc/endpoint.js';
import { WorkerHost } from './host.js';

/** Starts an engine in this thread and returns the client's end of the connection. */
export function startInline(): { endpoint: Endpoint; close(): void } {
  const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
  const [clientEnd, hostEnd] = createEndpointPair();
  host.connect(hostEnd);
  return { endpoint: clientEnd, close: () => host.close() };
}
