// Loads the background Wasm and hands it every event, one at a time.
// Listeners are registered synchronously, before the Wasm has loaded: a Chrome service worker that
// registers them later misses the event that woke it (docs/browsers.md §1).
import init, * as wasm from "./invite_guard_background.js";
import { INVITE_URL_PATTERNS } from "./invite-endpoints.js";

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
// This worker's start-up timings, for the benchmark's cold start (tests/bench/bench.mjs reads them
// from the worker through the debugging protocol; nothing sends them anywhere): the script's start,
// the Wasm fetched and instantiated, the start-up done, and the first invitation answer handled.
const wake = { script: performance.now() };
globalThis.inviteGuardWake = wake;
const ready = init({ module_or_path: "invite_guard_background_bg.wasm" })
  .then(() => {
    wake.wasm = performance.now();
    return wasm.bg_start();
  })
  .then(() => {
    wake.started = performance.now();
  });

// The single writer's queue: each handler runs after the previous one has finished, so two tabs
// sending in the same second never interleave a read-modify-write (docs/architecture.md §3).
let queue = ready.catch((e) => console.error("Invite Guard failed to start", e));
function enqueue(job) {
  const run = queue.then(job);
  queue = run.catch((e) => console.error("Invite Guard", e));
  return run;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  enqueue(() => wasm.bg_message(msg, sender)).then(sendResponse, () => sendResponse(false));
  return true;
});
api.webRequest.onBeforeRequest.addListener(
  (d) => {
    enqueue(() => wasm.bg_before_request(d));
  },
  { urls: INVITE_URL_PATTERNS },
  ["requestBody"],
);
api.webRequest.onCompleted.addListener(
  (d) => {
    const at = performance.now();
    enqueue(() => wasm.bg_request_done(d)).then(
      () => {
        wake.first ??= { at, done: performance.now(), storage: [...wasm.bg_storage_waited()] };
      },
      () => {},
    );
  },
  { urls: INVITE_URL_PATTERNS },
);
api.alarms.onAlarm.addListener((alarm) => {
  enqueue(() => wasm.bg_alarm(alarm?.name ?? ""));
});
api.storage.onChanged.addListener((changes, area) => {
  enqueue(() => wasm.bg_storage_changed(changes, area));
});
api.runtime.onStartup?.addListener(() => {
  enqueue(() => wasm.bg_alarm(""));
});
