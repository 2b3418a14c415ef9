// Shared mode's IO worker, loaded when a SharedWorker asks for it (`io`): a SharedWorker cannot
// start a worker (Chromium), so this page starts one (persistence/io-worker.ts) to run the
// SharedWorker's IndexedDB transactions off the engine's thread, and sends it a MessagePort to it
// (worker/io-ports.ts). The client terminates it before it frees its client lock, so that the
// lock being free tells the SharedWorker it is gone.
import type { IoPortMessage } from '../rpc/messages.js';

/** The client's IO worker: `w` undefined until started, null where there is none (failed, or the client closed). */
export interface IoState {
  w?: Worker | null;
}

/** Answers the SharedWorker on `port`: a port to this client's IO worker (started the first time), or null. */
export function answerIo(port: MessagePort, state: IoState): void {
  const give = (p: MessagePort | null) => port.postMessage({ type: 'io-port', port: p } satisfies IoPortMessage, p === null ? [] : [p]);
  if (state.w === undefined) {
    try {
      const w = (state.w = new Worker(new URL('../persistence/io-worker.js', import.meta.url), { type: 'module' }));
      // Its script did not load (or it failed): the SharedWorker stops using it and runs its calls again.
      w.addEventListener('error', () => {
        w.terminate();
        state.w = null;
        give(null);
      });
    } catch {
      state.w = null;
    }
  }
  if (!state.w) return give(null);
  const channel = new MessageChannel();
  // persistence/remote-store.ts StoreRequest `port`: the IO worker serves the port it carries.
  state.w.postMessage({ type: 'port' }, [channel.port1]);
  give(channel.port2);
}
