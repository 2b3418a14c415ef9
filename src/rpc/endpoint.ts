// The Endpoint interface (comlink's): anything with postMessage and message events fits it,
// a Worker, a MessagePort, the worker's global scope, or the in-memory pair below.

export interface MessageEventLike<T = unknown> {
  data: T;
}

export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEventLike) => void): void;
  removeEventListener(type: 'message', listener: (ev: MessageEventLike) => void): void;
}

/**
 * Two connected in-memory endpoints, for the inline mode: messages are delivered as they are
 * (no structured clone) on a microtask, keeping the asynchronous contract of postMessage.
 */
export function createEndpointPair(): [Endpoint, Endpoint] {
  const make = () => {
    const listeners = new Set<(ev: MessageEventLike) => void>();
    let peer: { deliver(data: unknown): void } | null = null;
    const ep = {
      deliver(data: unknown) {
        for (const l of listeners) l({ data });
      },
      postMessage(message: unknown) {
        const p = peer!;
        queueMicrotask(() => p.deliver(message));
      },
      addEventListener(_type: 'message', l: (ev: MessageEventLike) => void) {
        listeners.add(l);
      },
      removeEventListener(_type: 'message', l: (ev: MessageEventLike) => void) {
        listeners.delete(l);
      },
      connect(other: { deliver(data: unknown): void }) {
        peer = other;
      },
    };
    return ep;
  };
  const a = make();
  const b = make();
  a.connect(b);
  b.connect(a);
  return [a, b];
}
