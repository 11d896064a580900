// Test only, never in dist/: a content script that lets a LinkedIn page's own script send the
// background any message, through the extension's messaging, as a compromised or buggy content
// script could. The end-to-end tests load a copy of the built extension with it added
// (harness.mjs `testCopy`), to check that the background trusts the sender, not the message
// (issue 10 finding 5), and to speak for the content script where a test needs exact messages.
//
// The page posts {igRelay: "ask", id, msg}; the answer comes back as {igRelay: "answer", id, answer}
// or {igRelay: "answer", id, error}.
(() => {
  const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
  addEventListener('message', (ev) => {
    const d = ev.data;
    if (ev.source !== window || !d || d.igRelay !== 'ask') return;
    const reply = (o) => postMessage(JSON.parse(JSON.stringify({ igRelay: 'answer', id: d.id, ...o })), '*');
    let msg;
    try {
      msg = JSON.parse(JSON.stringify(d.msg));
    } catch (e) {
      reply({ error: String(e) });
      return;
    }
    api.runtime.sendMessage(msg).then(
      (answer) => reply({ answer: answer ?? null }),
      (e) => reply({ error: String(e?.message ?? e) }),
    );
  });
})();
