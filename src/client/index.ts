// What a page imports: createClient(), the client and pipeline types, RedisError.
export { createClient, type ClientOptions } from './create-client.js';
export { LocalRedis, type ClientEvents, type ClientStatus, type ScanOptions } from './client.js';
export { Pipeline, Multi, type ExecEntry } from './pipeline.js';
export { RedisError } from './errors.js';
export type { Commands } from './commands.gen.js';
export type { PubSubMethods, SubscribeCallback, Subscriptions } from './pubsub.js';
export type { Arg, Key, KW, Num, ReplyValue } from './types.js';
export { requestPersistentStorage } from './storage.js';
