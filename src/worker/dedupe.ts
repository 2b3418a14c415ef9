// Exactly-once across a host change. A tab forwarding to another tab's engine gives each batch an
// id; when the hosting tab dies, the tab re-sends the batches it got no answer for to the next
// host. To know which of them the dead host already applied, the host writes, after each batch of
// a forwarding client that wrote, a marker into the append log in the same group commit as the
// batch's effects: the client, the batch id and the packed replies. The next host reads the
// markers while loading and answers those batches with their replies instead of running them.
import type { Effect } from '../core/index.js';

/** argv[0] of a marker: no command has this name, so it can never collide with an effect. */
export const APPLIED_MARKER = '\0localredis:applied';

/** Markers kept per client: more than a client can have in flight across one host change. */
const KEEP = 4096;

/** The batches a forwarding client had applied, by client key: batch id -> packed replies. */
export class AppliedBatches {
  private readonly byClient = new Map<string, Map<number, string>>();

  /** The marker effect of batch `id` of `client` with its packed replies. */
  static marker(client: string, id: number, packed: string): Effect {
    return { db: 0, argv: [APPLIED_MARKER, client, String(id), packed] };
  }

  static isMarker(effect: Effect): boolean {
    return effect.argv[0] === APPLIED_MARKER;
  }

  /** Records a marker read back from the log. */
  add(effect: Effect): void {
    const [, client, id, packed] = effect.argv;
    let batches = this.byClient.get(client);
    if (batches === undefined) this.byClient.set(client, (batches = new Map()));
    batches.set(Number(id), packed);
    if (batches.size > KEEP) batches.delete(batches.keys().next().value!);
  }

  /** The packed replies of a batch applied before this host took over, if it was. */
  take(client: string, id: number): string | undefined {
    const batches = this.byClient.get(client);
    if (batches === undefined) return undefined;
    const packed = batches.get(id);
    if (packed !== undefined) batches.delete(id);
    return packed;
  }

  /** A client that said goodbye re-sends nothing. */
  forget(client: string): void {
    this.byClient.delete(client);
  }
}
