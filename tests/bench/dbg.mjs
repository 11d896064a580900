import { chromium } from "playwright-core";
import { startStandin } from "../standin/server.mjs";
import { resolve } from "node:path";
const s = await startStandin();
const dir = resolve("dist/chrome");
const ctx = await chromium.launchPersistentContext("", { executablePath: "/usr/bin/chromium", headless: true, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--proxy-server=127.0.0.1:${s.port}`, "--ignore-certificate-errors"] });
for (const url of ["https://www.linkedin.com/in/ada-quill-3f2a/", "https://www.linkedin.com/__search1000?n=1000"]) {
  const out = [];
  for (let i = 0; i < 8; i++) {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const worlds = [];
    cdp.on("Runtime.executionContextCreated", (e) => { if (e.context.auxData?.type === "isolated" && e.context.auxData?.isDefault === false && e.context.auxData?.frameId) worlds.push(e.context); });
    await cdp.send("Runtime.enable");
    await page.goto(url, { waitUntil: "load" });
    let v;
    for (let t = 0; t < 50 && v === undefined; t++) {
      for (const w of worlds) {
        const r = await cdp.send("Runtime.evaluate", { expression: "globalThis.inviteGuardStartup", contextId: w.id, returnByValue: true }).catch(() => null);
        if (r?.result?.value !== undefined) { v = r.result.value; break; }
      }
      if (v === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    out.push(v);
    await page.close();
  }
  console.log(url, out.map((x) => x?.toFixed?.(1)).join(" "));
}
await ctx.close(); await s.close();
