import { chromium } from "playwright-core";
import { startStandin } from "../standin/server.mjs";
import { resolve } from "node:path";
const s = await startStandin();
const dir = resolve("dist/chrome");
const ctx = await chromium.launchPersistentContext("", { executablePath: "/usr/bin/chromium", headless: true, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", `--proxy-server=127.0.0.1:${s.port}`, "--ignore-certificate-errors"] });
const url = process.argv[2] || "https://www.linkedin.com/in/ada-quill-3f2a/";
const agg = new Map();
for (let i = 0; i < 5; i++) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 50 }); await cdp.send("Profiler.start");
  await page.goto(url, { waitUntil: "load" }); await page.waitForTimeout(300);
  const { profile } = await cdp.send("Profiler.stop");
  const idx = new Map(profile.nodes.map((n) => [n.id, n]));
  // attribute each sample to the top-most frame's url (content.js vs page)
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  profile.samples.forEach((id, k) => {
    let n = idx.get(id); let url = ""; let m = n;
    while (m) { if (m.callFrame.url) { url = m.callFrame.url; break; } m = idx.get(parent.get(m.id)); }
    const key = (url.includes("content.js") ? "content.js " : url ? "page " : "") + (n.callFrame.functionName || n.callFrame.url.slice(-12) || "?");
    agg.set(key, (agg.get(key) || 0) + (profile.timeDeltas[k] || 0) / 5);
  });
  await page.close();
}
console.log([...agg.entries()].filter(([k]) => !k.includes("idle")).sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${(v / 1000).toFixed(2)}ms ${k}`).join("\n"));
await ctx.close(); await s.close();
