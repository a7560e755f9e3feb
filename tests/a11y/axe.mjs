// Runs axe-core (WCAG 2.2 A and AA rules) on every index.html and 404.html
// of a built site, in headless Chromium.
//
//   node tests/a11y/axe.mjs public            exit 0: no violations
//   node tests/a11y/axe.mjs public --review   also list what axe could not
//                                              decide ("incomplete")
//
// Exit status: 0 no violations, 1 violations (or a page failed to load
// cleanly), 2 could not run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import axe from "axe-core";
import { deadline, htmlPages, serve, siteDir, startBrowser, watchRequests } from "./lib.mjs";

// The minified build: a third of the size, so quicker to inject in each page.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PARALLEL = 3;

const root = siteDir("axe.mjs");
const review = process.argv.includes("--review");
deadline(180, "axe.mjs");

const paths = htmlPages(root);
if (paths.length === 0) {
  console.error(`axe.mjs: no index.html or 404.html under ${root}`);
  process.exit(2);
}

const started = Date.now();
const server = await serve(root);
const browser = await startBrowser();
const results = new Map();

async function check(page, watcher, path) {
  watcher.take();
  const response = await page.goto(server.origin + path, { waitUntil: "load" });
  const problems = [];
  if (!response || !response.ok()) problems.push(`page answered ${response ? response.status() : "nothing"}`);
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    ({ tags, review }) =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: review ? ["violations", "incomplete"] : ["violations"],
      }),
    { tags: TAGS, review },
  );
  problems.push(...watcher.take());
  return { problems, violations: result.violations, incomplete: review ? result.incomplete : [] };
}

let next = 0;
async function worker() {
  // One tab for each worker, reused: a new tab costs about 0.1 s.
  const page = await browser.context.newPage();
  const watcher = await watchRequests(page, server.origin);
  while (next < paths.length) {
    const path = paths[next++];
    try {
      results.set(path, await check(page, watcher, path));
    } catch (error) {
      results.set(path, { problems: [`could not check: ${error.message}`], violations: [], incomplete: [] });
    }
  }
  await page.close();
}

try {
  await Promise.all(Array.from({ length: Math.min(PARALLEL, paths.length) }, worker));
} finally {
  await browser.close();
  await server.close();
}

const clip = (text, n = 160) => (text.length > n ? text.slice(0, n - 1) + "…" : text).replace(/\s+/g, " ");
let violationCount = 0;
let problemCount = 0;
const byRule = new Map();
for (const path of paths) {
  const { problems, violations, incomplete } = results.get(path);
  for (const problem of problems) {
    problemCount++;
    console.log(`${path}: ${problem}`);
  }
  for (const v of violations) {
    violationCount += v.nodes.length;
    byRule.set(v.id, (byRule.get(v.id) || 0) + v.nodes.length);
    console.log(`${path}: ${v.id} (${v.impact}) ${v.help}`);
    console.log(`  ${v.helpUrl}`);
    for (const node of v.nodes) {
      console.log(`  - target: ${node.target.join(" ")}`);
      console.log(`    html:   ${clip(node.html)}`);
      const why = clip(node.failureSummary || "", 300);
      if (why) console.log(`    why:    ${why}`);
    }
  }
  for (const v of incomplete) {
    for (const node of v.nodes) {
      console.log(`${path}: review ${v.id}: ${node.target.join(" ")} ${clip(node.html, 100)}`);
    }
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `axe-core ${axe.version}: checked ${paths.length} pages (${TAGS.join(", ")}) in ${seconds} s: ` +
    `${violationCount} violation${violationCount === 1 ? "" : "s"}` +
    (byRule.size ? ` (${[...byRule].map(([id, n]) => `${id} ×${n}`).join(", ")})` : "") +
    (problemCount ? `, ${problemCount} loading problem${problemCount === 1 ? "" : "s"}` : ""),
);
process.exit(violationCount || problemCount ? 1 : 0);
