// The plain-JavaScript twin of the content script's start-up, for the benchmark only: the same
// listeners, the same observer, the same subscription to the guard state in storage (a guard cannot
// decide a click without it) and the same full-page scan, written by hand in JS, so the Rust
// (wasm2js) script's start-to-ready time can be read as a ratio (docs/architecture.md §10: uBlock
// Origin tests
// its Wasm against a JS twin). English table only, like the fixture it runs on.
(() => {
  const INVITE = /^invite (.+) to connect$/i;
  const PENDING = /^pending, click to withdraw invitation sent to /i;
  const FOLLOW = /^follow /i;
  const norm = (s) =>
    s
      .replace(/[\u2019\u2018]/g, "'")
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase();
  function classify(el) {
    const href = el.getAttribute("href");
    const label = el.getAttribute("aria-label");
    if (href && (href.includes("/preload/custom-invite/") || href.includes("/preload/search-custom-invite/")))
      return "connect";
    if (href && (href.includes("/messaging/") || href.includes("/notifications"))) return "not";
    if (label) {
      const l = norm(label);
      if (INVITE.test(l)) return "connect";
      if (PENDING.test(l)) return "pending";
      if (FOLLOW.test(l)) return "not";
    }
    if (el.tagName === "BUTTON" && !label) {
      const t = norm(el.textContent || "");
      if (t === "connect") return "connect";
      if (t === "pending") return "pending";
    }
    return label ? "not" : "unknown";
  }
  // biome-ignore lint/correctness/noUnusedVariables: the twin pays for the subscription as the real script does
  let guard = null;
  chrome.storage.local.get("guard").then((items) => {
    guard = items.guard ?? null;
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.guard) guard = changes.guard.newValue;
  });
  const opts = { capture: true };
  window.addEventListener(
    "click",
    (e) => {
      const t = e.target;
      if (t instanceof Element) classify(t);
    },
    opts,
  );
  for (const ev of ["pointerover", "focusin", "pointerout", "focusout", "scroll"])
    window.addEventListener(ev, () => {}, opts);
  new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true });
  // The scan, as the Rust script's (sensor::scan): Connect and Pending controls by the English
  // table's label shapes and the custom-invite anchors, a Connect inside another counted once, and
  // unlabelled buttons classified by their text.
  const ANCHORS = 'a[href*="/preload/custom-invite/"],a[href*="/preload/search-custom-invite/"]';
  const CONNECT = `${ANCHORS},[aria-label^="invite " i][aria-label$=" to connect" i]`;
  const PENDING_SHAPE = '[aria-label^="pending, click to withdraw invitation sent to " i]';
  let connect = 0;
  // biome-ignore lint/correctness/noUnusedVariables: counted as the real scan counts them; only Connect is returned
  let pending = 0;
  for (const el of document.body.querySelectorAll(CONNECT)) {
    if (el.getAttribute("href") !== null || !el.parentElement?.closest(ANCHORS)) connect++;
  }
  for (const el of document.body.querySelectorAll(PENDING_SHAPE)) if (!el.matches(CONNECT)) pending++;
  for (const el of document.body.querySelectorAll("button:not([aria-label])")) {
    const k = classify(el);
    if (k === "connect" && !el.closest(ANCHORS)) connect++;
    else if (k === "pending") pending++;
  }
  return connect;
})();
