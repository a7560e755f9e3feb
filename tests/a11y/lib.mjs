// Shared by axe.mjs and keyboard.mjs: a tiny static file server for a built
// site, and headless Chromium through playwright-core. Never downloads a
// browser: it uses the system's Chromium (CHROMIUM, or /usr/bin/chromium).
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

/** The folder named on the command line, or exits with a usage message. */
export function siteDir(script) {
  const dir = process.argv[2];
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`usage: node ${script} <folder of built HTML>${dir ? `\nno such folder: ${dir}` : ""}`);
    process.exit(2);
  }
  return resolve(dir);
}

/** Every index.html and 404.html under `root`, as URL paths, sorted. */
export function htmlPages(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "index.html" || entry.name === "404.html") {
        found.push("/" + relative(root, path).split(sep).join("/"));
      }
    }
  };
  walk(root);
  return found.sort();
}

/** Serves `root` on 127.0.0.1 at a free port; resolves to { origin, close }. */
export function serve(root) {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      done({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) });
    });
  });
}

/**
 * Starts headless Chromium with a fresh profile folder (pages' scripts run
 * unless `javaScript` is false). Resolves to { context, close }; the
 * profile is removed on close.
 */
export async function startBrowser({ viewport = { width: 1280, height: 900 }, javaScript = true } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`);
  }
  const profile = mkdtempSync(join(tmpdir(), "signpost-a11y-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    javaScriptEnabled: javaScript,
    reducedMotion: "reduce",
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Watches a tab for what would make a check meaningless: requests to any
 * other host (which are also blocked) and sub-resources that fail or 404,
 * and script errors. `take()` returns what was seen since the last call.
 */
export async function watchRequests(page, origin) {
  let problems = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    problems.push(`request to another host: ${url}`);
    return route.abort();
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== "document") {
      problems.push(`${response.status()} for ${response.url().replace(origin, "")}`);
    }
  });
  page.on("requestfailed", (request) => {
    if (!request.url().startsWith(origin + "/")) return;
    // Going on to the next page cancels what the last one was still
    // loading (a search page's index, read after it loads). A missing
    // file is a 404 above, not a cancelled request.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`failed to load ${request.url().replace(origin, "")}: ${request.failure()?.errorText}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  return {
    take() {
      const seen = problems;
      problems = [];
      return seen;
    },
  };
}

/** Exits with status 2 if the whole run takes longer than `seconds`. */
export function deadline(seconds, what) {
  const timer = setTimeout(() => {
    console.error(`${what}: gave up after ${seconds} s`);
    process.exit(2);
  }, seconds * 1000);
  timer.unref();
}
