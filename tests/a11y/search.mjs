// Searches a built site as a reader does, in headless Chromium, and prints
// what each search page found, as JSON, for the Rust tests to judge.
//
//   node tests/a11y/search.mjs public SEARCHES.json
//   node tests/a11y/search.mjs http://127.0.0.1:PORT SEARCHES.json
//
// With a folder, it is served over HTTP for the searches; with an
// address (a running `signpost serve`), that is searched.
// SEARCHES.json is a list of { "page": "carer/search/", "q": "words" }:
// each page is opened over HTTP at ?q=words. A search with "from" set
// (a page's path) opens that page instead and types the words into the
// header's search box. One with "file": true opens the search page from
// disk (file://). For each, it prints { page, q, status, results, parts,
// formShown, problems }: the status line's words, the addresses of the
// pages found (from the site's root), the addresses of the parts of pages
// linked under them, whether the search box is shown, and any request to
// another host, failed load or script error.
//
// Exit status: 0 ran (whatever was found), 2 could not run.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { deadline, serve, siteDir, startBrowser, watchRequests } from "./lib.mjs";

const live = /^https?:/.test(process.argv[2] || "");
const root = live ? null : siteDir("search.mjs");
deadline(120, "search.mjs");
const searches = JSON.parse(readFileSync(process.argv[3], "utf8"));

const server = live
  ? { origin: process.argv[2].replace(/\/$/, ""), close: async () => {} }
  : await serve(root);
const browser = await startBrowser();
const out = [];
try {
  for (const search of searches) {
    const tab = await browser.context.newPage();
    // From disk every request is a file's, which the watch would refuse.
    const watch = search.file ? { take: () => [] } : await watchRequests(tab, server.origin);
    if (search.file) {
      const page = pathToFileURL(join(root, search.page, "index.html")).href;
      await tab.goto(`${page}?q=${encodeURIComponent(search.q)}`);
    } else if (search.from) {
      await tab.goto(`${server.origin}/${search.from}`);
      await tab.fill("#site-search-words", search.q);
      await tab.keyboard.press("Enter");
      await tab.waitForURL(/[?]q=/);
    } else {
      await tab.goto(`${server.origin}/${search.page}?q=${encodeURIComponent(search.q)}`);
    }
    // The status line says something once the search has run (or the
    // page has said why it cannot).
    await tab
      .waitForFunction(() => {
        const status = document.querySelector("[data-search-status]");
        return status && status.textContent && !status.textContent.endsWith("…");
      }, null, { timeout: 15000 })
      .catch(() => {});
    const seen = await tab.evaluate(() => {
      const strip = (href) => {
        const url = new URL(href);
        return url.protocol === "file:" ? url.pathname : url.pathname + url.hash;
      };
      return {
        status: document.querySelector("[data-search-status]")?.textContent || "",
        results: [...document.querySelectorAll(".search-result-title a")].map((a) => strip(a.href)),
        parts: [...document.querySelectorAll(".search-result-parts a")].map((a) => strip(a.href)),
        formShown: !document.querySelector("[data-search-form]")?.hidden,
        url: location.href,
      };
    });
    out.push({ ...search, ...seen, problems: watch.take() });
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 2));
