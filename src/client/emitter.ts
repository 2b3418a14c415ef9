// A small typed event emitter (on / once / off / emit), the part of Node's EventEmitter the
// client needs, without depending on Node.

type Listener<A extends unknown[]> = (...args: A) => void;

/** `E` maps each event name to its listeners' arguments. */
export class Emitter<E extends { [K in keyof E]: unknown[] }> {
  private listeners: { [K in keyof E]?: Array<Listener<E[K]>> } = {};

  /** Calls `listener` on every `event`. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): this {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }

  /** Calls `listener` on the next `event` only. */
  once<K extends keyof E>(event: K, listener: Listener<E[K]>): this {
    const wrapper: Listener<E[K]> = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  /** Removes `listener`, or every listener of `event` when none is given. */
  off<K extends keyof E>(event: K, listener?: Listener<E[K]>): this {
    const list = this.listeners[event];
    if (list === undefined) return this;
    if (listener === undefined) delete this.listeners[event];
    else {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    }
    return this;
  }

  /** How many listeners `event` has. */
  listenerCount<K extends keyof E>(event: K): number {
    return this.listeners[event]?.length ?? 0;
  }

  /**
   * Calls the listeners of `event` in the order they were added; returns whether there was one.
   * A listener that throws does not stop the others; its error is reported on the console.
   */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.listeners[event];
    if (list === undefined || list.length === 0) return false;
    for (const l of [...list]) {
      try {
        l(...args);
      } catch (e) {
        console.error(e);
      }
    }
    return true;
  }
}
