// The page the persistence e2e tests drive: the client, reachable from page.evaluate.
import { createClient } from '../../../src/client/index.js';

(globalThis as unknown as { lr: unknown }).lr = { createClient };
document.body.dataset.ready = 'true';
