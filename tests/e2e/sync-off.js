// Test-only, copied into a test build by harness.mjs testCopy({ syncOff: true }): storage.sync as a
// browser refuses it when sync is unavailable to extensions (older Firefox with
// webextensions.storage.sync.enabled off rejected every call; Firefox 153 and Chromium no longer
// have a switch that does, so the refusal is stood in for here). Loaded first by the background and
// the options page. Each refused `get` is counted in storage.session (`e2eSyncGets`), which the
// background does not listen to, so a test can tell how often sync was asked.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const area = api.storage.sync;
  const refuse = (name) => {
    const f = () => {
      if (name === 'get')
        api.storage.session
          .get('e2eSyncGets')
          .then((v) => api.storage.session.set({ e2eSyncGets: (v.e2eSyncGets ?? 0) + 1 }))
          .catch(() => {});
      return Promise.reject(new Error('Sync is unavailable for extensions in this browser (test stand-in)'));
    };
    try {
      Object.defineProperty(area, name, { value: f, configurable: true, writable: true });
    } catch {
      area[name] = f;
    }
  };
  for (const name of ['get', 'set', 'remove', 'clear']) refuse(name);
})();
