// Clients of one in-process engine through a WorkerHost (what a Worker runs), for the client tests;
// closeHosts() in afterEach stops the hosts a test made.
import { LocalRedis } from '../../src/client/index.js';
import { createEngine } from '../../src/core/index.js';
import { createEndpointPair } from '../../src/rpc/endpoint.js';
import { WorkerHost } from '../../src/worker/host.js';

let hosts: WorkerHost[] = [];

/** Closes every host made since the last call. */
export function closeHosts(): void {
  for (const h of hosts) h.close();
  hosts = [];
}

/** One engine and a function making clients connected to it (`pack`: batches packed, as behind a Worker). */
export function engine(pack: boolean): () => Promise<LocalRedis> {
  const host = new WorkerHost(createEngine());
  hosts.push(host);
  return async () => {
    const [clientEnd, hostEnd] = createEndpointPair();
    host.connect(hostEnd);
    const redis = new LocalRedis(clientEnd, () => {}, pack);
    await redis.connect();
    return redis;
  };
}
