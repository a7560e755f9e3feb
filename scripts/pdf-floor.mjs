#!/usr/bin/env node
// Chromium's floor for printing: one headless tab printing a blank page to
// PDF over and over, as fast as the browser can. scripts/bench reports
// signpost's PDFs per second against this figure, measured in the same run,
// so the ratio says how close signpost comes to the browser itself.
//
// Usage: node scripts/pdf-floor.mjs [PRINTS]   (default 60, after 5 unmeasured)
// Prints one line of JSON: {"prints": N, "seconds": S, "per_second": R}.
//
// It uses the test-only playwright-core in tests/a11y/node_modules (install:
// cd tests/a11y && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts)
// and the system's Chromium (CHROMIUM, or /usr/bin/chromium); it never
// downloads a browser.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(join(here, "..", "tests", "a11y", "package.json"));
const { chromium } = require("playwright-core");

const prints = Number(process.argv[2] || 60);
const profile = mkdtempSync(join(tmpdir(), "signpost-floor-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await context.newPage();
  await page.setContent("<!doctype html><html lang=en><title>Blank</title><p>");
  const options = { preferCSSPageSize: true, tagged: true, outline: true };
  for (let i = 0; i < 5; i++) await page.pdf(options);
  const start = process.hrtime.bigint();
  for (let i = 0; i < prints; i++) await page.pdf(options);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ prints, seconds, per_second: prints / seconds }));
} finally {
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
