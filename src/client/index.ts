// What a page imports.
export { createClient, LocalRedis, type ClientOptions, type Arg } from './create-client.js';
export { RedisError } from './errors.js';
