// Asking the browser to keep this origin's data (the Storage API). It must run in the page: a
// worker has no say in it. Without it, storage is "best effort": the browser may evict it under
// storage pressure, and Safari deletes script-writable storage of a site not used for 7 days.

/**
 * Asks for persistent storage (navigator.storage.persist()): true when the browser granted it
 * (it may decide silently, e.g. by engagement, or ask the user), false when it refused or where
 * the Storage API is missing (Node, old browsers, some webviews).
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (storage === undefined || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
