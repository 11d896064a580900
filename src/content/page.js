// The content script's DOM work in bulk, called from the Rust modules named in each section.
//
// Why JS at all: these calls, written in Rust through web-sys, grow many times over once wasm2js has
// expanded them, and the content script's size is paid on every LinkedIn page load
// (docs/architecture.md §8).
// What is shown, counted or recorded is decided in Rust; this file reads the DOM and builds elements.
//
// Why one file rather than an `inline_js` snippet beside each caller: every snippet is a module of its
// own in wasm-bindgen's output, and the sensor's browser tests load them all at once from
// wasm-bindgen-test-runner's server, which sometimes never answers one of several parallel requests
// (seen here in Chromium's net log: two snippet requests with no response; the page never loaded, and
// CI went red after a 300 s wait). The bundled content script is one file either way.

const str = (v) => (typeof v === "string" ? v : "");
// An element of the in-page UI, built with createElement/textContent only (no HTML strings).
function el(tag, style, text) {
  const e = document.createElement(tag);
  if (style) e.setAttribute("style", style);
  if (text) e.textContent = text;
  return e;
}

// ------------------------------------------------------------------------------------------------
// sensor.rs: the page scan's readers

function facts(el, anchors) {
  const href = el.getAttribute("href");
  const label = el.getAttribute("aria-label");
  const tag = el.localName;
  const text = label === null && tag === "button" ? (el.textContent || "").trim().slice(0, 80) : "";
  const nested = href === null && el.parentElement !== null && el.parentElement.closest(anchors) !== null;
  // The link around it: a "Connect" text inside a link elsewhere is no Connect (classify::kind).
  const link = el.parentElement?.closest("a[href]")?.getAttribute("href") ?? "\0";
  return (
    tag +
    "\u0001" +
    (href ?? "\0") +
    "\u0001" +
    (label ?? "\0") +
    "\u0001" +
    text +
    "\u0001" +
    (nested ? "1" : "") +
    "\u0001" +
    link +
    "\u0001"
  );
}
export function read_facts(root, selector, anchors) {
  let out = "";
  for (const el of root.querySelectorAll(selector)) out += facts(el, anchors);
  return out;
}
export function count_controls(root, connect, pending, anchors, words) {
  let connects = 0,
    pendings = 0,
    out = "";
  for (const el of root.querySelectorAll(connect)) {
    if (el.getAttribute("href") !== null || el.parentElement === null || el.parentElement.closest(anchors) === null)
      connects++;
  }
  // A custom-invite anchor is Connect whatever its label says (classify::kind).
  if (pending) for (const el of root.querySelectorAll(pending)) if (!el.matches(connect)) pendings++;
  const known = new Set(words.split("\u0001"));
  for (const el of root.querySelectorAll("button:not([aria-label])")) {
    if (known.has(norm(el.textContent))) out += facts(el, anchors);
  }
  return [connects, pendings, out];
}
// A text lowercased with its whitespace collapsed and its apostrophes plain, as core's tables hold
// their words (locale::normalize, for the scripts the tables are written in).
function norm(text) {
  return (text || "")
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ");
}

// ------------------------------------------------------------------------------------------------
// mod.rs: the diagnostic's two parts here (docs/protocol.md §4)

// The last 20 decisions (core::message::MAX_DECISIONS), with the raw facts of the element each was
// about. They stay in this script's own world and leave it only in the answer to the extension's own
// options page, which scrubs them (core::diagnostic).
const ring = [];
// `what` is core::message::Decision::code; 0, a click on nothing the sensor knows, is kept only
// when the member clicked something clickable, and then about that (a script's clicks on other
// things would only push the member's decisions out of the ring).
export function remember(el, what, trusted) {
  const c = what ? el : el.closest("a,button,[role=button],[role=menuitem]");
  if (!what && !(c && trusted)) return;
  const d = { at: Date.now(), what, trusted };
  if (c)
    Object.assign(d, {
      tag: c.localName,
      href: c.getAttribute("href"),
      label: c.getAttribute("aria-label"),
      role: c.getAttribute("role"),
      text: (c.textContent || "").trim().slice(0, 80),
      link: c.parentElement?.closest("a[href]")?.getAttribute("href"),
    });
  if (ring.push(d) > 20) ring.shift();
}
// The answer to the options page's `diagnose` request (core::message::Diagnose, at most 500 probes
// of each kind, core::message::MAX_PROBES): how many elements of this document match each selector
// (null for one the browser cannot read), how many clickable elements have each text, the page's
// language and path, and the decisions (core::message::PageReport).
export function diagnose(msg) {
  const list = (v) => (Array.isArray(v) ? v.slice(0, 500).map(String) : []);
  const texts = new Map();
  for (const e of document.querySelectorAll("a,button,[role=button],[role=menuitem]")) {
    const t = norm(e.textContent);
    texts.set(t, (texts.get(t) || 0) + 1);
  }
  return {
    lang: document.documentElement.getAttribute("lang") ?? "",
    path: location.pathname + location.search,
    selectors: list(msg.selectors).map((s) => {
      try {
        return document.querySelectorAll(s).length;
      } catch {
        return null;
      }
    }),
    texts: list(msg.texts).map((w) => texts.get(w) || 0),
    decisions: ring,
  };
}

// ------------------------------------------------------------------------------------------------
// panel.rs: the guard's hint and panel

const HOST = "all:initial;position:fixed;z-index:2147483647;";
// The in-page UI's colours, light and dark, as custom properties set on the top element inside each
// shadow root; its elements name only the properties. Which set a hint, panel or note helper takes is
// core::theme's decision (LinkedIn's theme markers, else prefers-color-scheme; docs/linkedin.md §1.6),
// made as it opens. Every text keeps 4.5:1 against its background and every button's edge 3:1
// against what is around it (WCAG AA), in both sets: e2e 110 measures them from the computed styles.
// The host's all:initial does not reset custom properties, but these are set below it, so a page
// defining --ig-* reaches nothing.
const PALETTE = {
  light:
    "color-scheme:light;--ig-hint-bg:#1d2226;--ig-hint-fg:#fff;--ig-shade:rgba(0,0,0,.35);--ig-bg:#fff;--ig-fg:#1d2226;--ig-edge:#fff;--ig-primary:#0a66c2;--ig-on-primary:#fff;--ig-second:#5e5e5e;--ig-second-edge:#8c8c8c;--ig-note-bg:#f6f8fa;--ig-note-edge:#d0d7de;--ig-muted:#57606a;--ig-low:#9a6700;--ig-spent:#cf222e;--ig-link:#0a66c2;--ig-link-bg:#fff;",
  dark: "color-scheme:dark;--ig-hint-bg:#e8eaed;--ig-hint-fg:#1d2226;--ig-shade:rgba(0,0,0,.6);--ig-bg:#1d2226;--ig-fg:#e9e9e9;--ig-edge:#38434f;--ig-primary:#71b7fb;--ig-on-primary:#1d2226;--ig-second:#c8c8c8;--ig-second-edge:#8c8c8c;--ig-note-bg:#1b1f23;--ig-note-edge:#38434f;--ig-muted:#9da7b3;--ig-low:#e3b341;--ig-spent:#ff7b72;--ig-link:#71b7fb;--ig-link-bg:#1d2226;",
};
const colours = (theme) => PALETTE[theme] || PALETTE.light;
// Which of core's theme markers (core::theme::THEME_MARKERS, joined by U+0001) <html> or <body>
// matches, "1" or "0" each, then "1" when the system prefers dark. Two `matches` per marker, at the
// moment a hint, panel or helper opens: nothing at start-up. The /preload/ frame (docs/linkedin.md §1.2)
// may carry no marker of its own: then the parent page's, which the same origin lets it read.
export function theme_marks(selectors) {
  const list = selectors.split("\u0001");
  const marks = (doc) => {
    const on = [doc.documentElement, doc.body].filter(Boolean);
    return list.map((s) => (on.some((e) => e.matches(s)) ? "1" : "0")).join("");
  };
  let out = "";
  try {
    out = marks(document);
    if (!out.includes("1") && window.parent !== window) out = marks(window.parent.document);
  } catch {
    // A selector the browser cannot read, or a parent of another origin: what was read stands.
  }
  return out.padEnd(list.length, "0") + (matchMedia("(prefers-color-scheme: dark)").matches ? "1" : "0");
}
const PANEL_FONT = "font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;";
const PANEL_BUTTON =
  "font:inherit;font-weight:600;padding:7px 16px;border-radius:18px;cursor:pointer;outline-offset:2px;";
// The host goes on <html>, not <body>, which LinkedIn's React may re-render; all:initial keeps
// LinkedIn's styles from reaching the host box itself.
function host(kind, style, child) {
  const h = el("div", HOST + style);
  h.setAttribute("data-invite-guard", kind);
  h.attachShadow({ mode: "closed" }).appendChild(child);
  document.documentElement.appendChild(h);
  return h;
}
export function show_hint(anchor, text, theme) {
  const r = anchor.getBoundingClientRect();
  const tip = el(
    "div",
    colours(theme) +
      PANEL_FONT +
      "font-size:12px;background:var(--ig-hint-bg);color:var(--ig-hint-fg);padding:4px 8px;border-radius:6px;box-shadow:0 2px 6px rgba(0,0,0,.3);white-space:nowrap;",
    text,
  );
  tip.setAttribute("role", "status");
  return host(
    "hint",
    `pointer-events:none;top:${Math.round(Math.max(0, r.bottom + 6))}px;left:${Math.round(Math.max(0, r.left))}px;`,
    tip,
  );
}
// `t`: {title, lines, cancel, proceed?} from guard.ui; `first`, a line shown before t.lines.
// onChoice(true) for "Send anyway", onChoice(false) for the safe choice (its button or Escape).
// Focus starts on the safe choice and stays inside; keys never reach LinkedIn's page.
export function show_panel(t, first, onChoice, theme) {
  const proceedLabel = str(t.proceed);
  const backdrop = el(
    "div",
    colours(theme) +
      "position:fixed;inset:0;background:var(--ig-shade);display:flex;align-items:center;justify-content:center;",
  );
  const card = el(
    "div",
    PANEL_FONT +
      "background:var(--ig-bg);color:var(--ig-fg);border:1px solid var(--ig-edge);max-width:380px;margin:16px;padding:20px 22px;border-radius:10px;box-shadow:0 8px 28px rgba(0,0,0,.35);",
  );
  for (const [k, v] of [
    ["role", "alertdialog"],
    ["aria-modal", "true"],
    ["aria-labelledby", "ig-title"],
    ["aria-describedby", "ig-body"],
  ])
    card.setAttribute(k, v);
  const title = el("h2", "font-size:17px;font-weight:600;margin:0 0 8px;", str(t.title));
  title.id = "ig-title";
  const body = el("div");
  body.id = "ig-body";
  for (const line of [first, ...(Array.isArray(t.lines) ? t.lines : [])]) {
    if (str(line)) body.appendChild(el("p", "margin:0 0 8px;", line));
  }
  const row = el("div", "display:flex;gap:8px;justify-content:flex-end;margin-top:14px;flex-wrap:wrap;");
  const button = (style, text, choice) => {
    const b = el("button", PANEL_BUTTON + style, text);
    b.type = "button";
    b.onclick = () => onChoice(choice);
    row.appendChild(b);
    return b;
  };
  const cancel = button(
    "background:var(--ig-primary);color:var(--ig-on-primary);border:1px solid var(--ig-primary);",
    str(t.cancel),
    false,
  );
  const last = proceedLabel
    ? button(
        "background:var(--ig-bg);color:var(--ig-second);border:1px solid var(--ig-second-edge);",
        proceedLabel,
        true,
      )
    : cancel;
  card.append(title, body, row);
  backdrop.appendChild(card);
  card.addEventListener("keydown", (ev) => {
    ev.stopPropagation();
    if (ev.key === "Escape") {
      ev.preventDefault();
      onChoice(false);
    } else if (ev.key === "Tab") {
      // Two buttons at most: Tab and Shift+Tab both move to the other one.
      ev.preventDefault();
      (ev.target === cancel ? last : cancel).focus();
    }
  });
  const h = host(proceedLabel ? "confirm" : "block", "inset:0;display:block;", backdrop);
  cancel.focus();
  return h;
}

// ------------------------------------------------------------------------------------------------
// notes.rs: the note helper

function headline(scope, name) {
  return (
    [...scope.querySelectorAll("p")]
      .map((e) => (e.textContent || "").trim())
      .find((t) => t && t !== name && !t.startsWith("\u00b7") && t.length > 3 && t.length < 300) || ""
  );
}
export function headline_near(el, name) {
  // The card holding this Connect control: the nearest ancestor that also shows the person's name.
  let cur = el;
  for (let i = 0; i < 8 && cur && cur.localName !== "body"; i++, cur = cur.parentElement) {
    const texts = [...cur.querySelectorAll("h2,p")].map((e) => (e.textContent || "").trim());
    if (name && texts.includes(name)) return headline(cur, name);
  }
  return "";
}
export function parent_topcard(selector) {
  // The note editor may render in the /preload/ frame (docs/linkedin.md §1): the person is on the
  // parent page's top card, which the same origin lets this frame read.
  try {
    if (window.parent === window) return null;
    const card = window.parent.document.querySelector(selector);
    if (!card) return ["", ""];
    const name = (card.querySelector("h2")?.textContent || "").trim();
    return [name, headline(card, name)];
  } catch {
    return null;
  }
}

const NOTE_FONT = "font:12px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;";
const BOX =
  NOTE_FONT +
  "color:var(--ig-fg);padding:6px 8px;border:1px solid var(--ig-note-edge);border-radius:6px;background:var(--ig-note-bg);";
const LINE = "margin:0 0 3px;";
const STYLE = {
  muted: LINE + "color:var(--ig-muted);",
  low: LINE + "color:var(--ig-low);font-weight:600;",
  spent: LINE + "color:var(--ig-spent);font-weight:600;",
};
const NOTE_BUTTON =
  NOTE_FONT +
  "margin:2px 4px 0 0;padding:2px 8px;border:1px solid var(--ig-link);border-radius:12px;background:var(--ig-link-bg);color:var(--ig-link);cursor:pointer;";
// The counter turns amber this close to the limit (LinkedIn's own counter shows no warning).
const NEAR = 20;
// The helped fields: field -> {host, parts, texts}.
const helped = new Map();
function say(e, text, level) {
  e.textContent = text;
  e.setAttribute("style", STYLE[level] || STYLE.muted);
}
// The field's own limit (`maxlength`: 200 on free accounts, 300 on Premium, docs/linkedin.md §3),
// never a number of ours; 0 when the page sets none. Length in UTF-16 units, as maxlength counts.
const limit = (area) => Math.max(0, area.maxLength);
function count(area, h) {
  const n = area.value.length,
    max = limit(area);
  const t = h.texts;
  if (!max) return say(h.counter, str(t.counter_no_limit).replace("\u0001", n) || String(n), "muted");
  say(
    h.counter,
    str(t.counter).replace("\u0001", n).replace("\u0002", max) || n + " / " + max,
    n > max ? "spent" : n + NEAR >= max ? "low" : "muted",
  );
}
// Note fields in this document and under the interop host's open shadow root not helped yet.
export function new_editors(selector, interopSelector) {
  for (const [area, h] of helped) {
    if (!area.isConnected || !h.host.isConnected) {
      h.host.remove();
      helped.delete(area);
    }
  }
  const roots = [document, document.querySelector(interopSelector)?.shadowRoot].filter(Boolean);
  return roots
    .flatMap((r) => [...r.querySelectorAll(selector)])
    .filter((a) => a.localName === "textarea" && !helped.has(a));
}
// The helper under `area`; `items` resolves to storage's `notes`, `settings` and `guard` (whose
// `ui.note` has the helper's texts, background/guard_ui.rs); onTemplate(area, i)
// on a template button's click; `theme`, the colour set (PALETTE).
export function note_helper(area, items, onTemplate, theme) {
  const host = el("div", "all:initial;display:block;margin:4px 0 0;");
  host.setAttribute("data-invite-guard", "note");
  const box = el("div", colours(theme) + BOX);
  const [counter, budget, templates, message] = ["p", "p", "div", "p"].map((tag) => box.appendChild(el(tag)));
  counter.setAttribute("aria-live", "polite");
  message.setAttribute("role", "status");
  host.attachShadow({ mode: "closed" }).appendChild(box);
  const h = { host, counter, message, texts: {} };
  helped.set(area, h);
  area.insertAdjacentElement("afterend", host);
  area.addEventListener("input", () => count(area, h));
  templates.addEventListener("click", (ev) => {
    // The dialog's own handlers must not take this click for theirs.
    ev.stopPropagation();
    const i = ev.target.getAttribute?.("data-template");
    if (i !== null && i !== undefined) onTemplate(area, Number(i));
  });
  count(area, h);
  items.then(
    (items) => {
      const notes = items?.notes || {};
      h.texts = items?.guard?.ui?.note || {};
      count(area, h);
      if (str(notes.line)) say(budget, notes.line, notes.level);
      const list = items?.settings?.templates;
      if (!Array.isArray(list) || !list.length) return say(templates, str(h.texts.no_templates), "muted");
      templates.appendChild(el("span", "color:var(--ig-muted);", str(h.texts.templates)));
      list.forEach((t, i) => {
        const b = el("button", NOTE_BUTTON, str(t?.name));
        b.type = "button";
        b.setAttribute("data-template", String(i));
        templates.appendChild(b);
      });
    },
    () => {},
  );
}
// What a fill request needs of the field: [its limit, the room it has left around the selection].
export function room(area) {
  const max = limit(area);
  const kept = area.value.length - (area.selectionEnd - area.selectionStart);
  return [max, Math.max(0, max - kept)];
}
// Puts the background's answer (`fill_template`) at the cursor, replacing a selection so a note the
// member began is kept, when it fits; LinkedIn's page learns of it through an `input` event, as if
// typed.
export function insert(area, answer) {
  answer.then(
    (a) => {
      const h = helped.get(area);
      if (!h) return;
      const line = str(a?.message) || str(h.texts.fill_failed);
      if (typeof a?.text !== "string") return say(h.message, line, "spent");
      area.setRangeText(a.text, area.selectionStart, area.selectionEnd, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      area.focus();
      say(h.message, line, a.unfilled === true ? "low" : "muted");
    },
    () => {},
  );
}
// In-page UI switched off: every helper goes.
export function clear() {
  for (const h of helped.values()) h.host.remove();
  helped.clear();
}

// ------------------------------------------------------------------------------------------------
// invitations.rs: the Sent, Connections and profile pages' readers

export function topcard_labels(card) {
  // A 1st-degree profile's top card (docs/linkedin.md §2): a Message (compose) link as the primary
  // action and no Connect, Pending or Follow. Returns null without a compose link, else the card's
  // control labels for the caller to classify.
  if (!card.querySelector('a[href^="/messaging/compose/"], a[href*="linkedin.com/messaging/compose/"]')) return null;
  return [...card.querySelectorAll("a[aria-label], button[aria-label], [role=button][aria-label]")].map((e) =>
    e.getAttribute("aria-label"),
  );
}
export function total_texts(root, selector, max) {
  // The text of each placement of the Sent page's total (core's SENT_TOTAL_SELECTOR, docs/linkedin.md
  // §7.2), in document order, each once, at most `max`: which one is the total is the background's to read.
  const out = [];
  for (const e of root.querySelectorAll(selector)) {
    const t = (e.textContent || "").trim();
    if (t && t.length < 200 && !out.includes(t) && out.push(t) >= max) break;
  }
  return out;
}
export function list_message(kind, selector, totals, max) {
  // The page's cards as the `sent_page` or `connected` message (`kind`, core's name, given by the
  // caller), docs/protocol.md §2: each card's profile link as the page has it (the background reads
  // the vanity), the link's text (the name), and the last of its text lines, where the Sent page's
  // age ("Sent 3 weeks ago") and the Connections page's "Connected on …" are (docs/linkedin.md §7,
  // §9). Cards without a profile link, and cards inside another, are skipped. `totals`: the texts of
  // the total's placements (total_texts). Returns [cards, the totals as one string, message].
  const sent = kind === "sent_page";
  const list = [];
  const cards = [...document.querySelectorAll(selector)].filter(
    (c) => c.querySelector('a[href*="/in/"]') && !c.parentElement?.closest(selector),
  );
  for (const c of cards.slice(0, max)) {
    const a = c.querySelector('a[href*="/in/"]');
    // Text lines: paragraphs and time badges, not the labels of the card's buttons.
    const lines = [...c.querySelectorAll("p, time")]
      .filter((e) => !e.querySelector("p, time") && !e.closest("button"))
      .map((e) => (e.textContent || "").trim())
      .filter((t) => t && t.length < 200);
    const who = { href: a.getAttribute("href") || "", name: (a.textContent || "").trim() || lines[0] || "" };
    const text = lines[lines.length - 1] || "";
    list.push(sent ? { ...who, age_text: text } : { invitee: who, connected_text: text });
  }
  // Whether the whole Sent list is read is for the background to judge against LinkedIn's total;
  // without a total it is never complete.
  const msg = sent
    ? { kind, entries: list, complete: totals.length > 0, ...(totals.length ? { total_texts: totals } : {}) }
    : { kind, people: list };
  return [list.length, totals.join("\u0001"), msg];
}

export function profile_link_named(cardSelector, topSelector, name) {
  // The profile link of the invitation card showing `name`, or of the top card when it shows `name`.
  for (const c of document.querySelectorAll(cardSelector)) {
    const a = c.querySelector('a[href*="/in/"]');
    if (a && [...c.querySelectorAll("a, p, h2, h3")].some((e) => (e.textContent || "").trim() === name))
      return a.getAttribute("href");
  }
  const top = document.querySelector(topSelector);
  if (top && (top.querySelector("h2")?.textContent || "").trim() === name) return location.pathname;
  return null;
}
