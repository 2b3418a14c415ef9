// The inline mode: the same host in the calling thread, behind an in-memory endpoint pair. An
// `open` persists the engine as in a worker: IndexedDB in a page, memory in Node.
import { createEngine } from '../core/index.js';
import { createEndpointPair, type Endpoint } from '../rpc/endpoint.js';
import { WorkerHost } from './host.js';
import { listenForOpen } from './open.js';

/** Starts an engine in this thread and returns the client's end of the connection. */
export function startInline(): { endpoint: Endpoint; close(): Promise<void> } {
  const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
  const [clientEnd, hostEnd] = createEndpointPair();
  const opened = listenForOpen(host, hostEnd);
  host.connect(hostEnd);
  return {
    endpoint: clientEnd,
    close: async () => {
      host.close();
      await opened.durable?.close();
    },
  };
}
