// Reflow (WCAG 1.4.10): at 320 CSS pixels wide, no page of a built site
// scrolls sideways. Tables and code blocks are exempt (two-dimensional
// content may scroll), and so is anything inside them.
//
//   node tests/a11y/reflow.mjs public
//
// Exit status: 0 no page scrolls sideways, 1 some do, 2 could not run.
import { deadline, htmlPages, serve, siteDir, startBrowser } from "./lib.mjs";

const WIDTH = 320;
const root = siteDir("reflow.mjs");
deadline(120, "reflow.mjs");

const paths = htmlPages(root);
const server = await serve(root);
const browser = await startBrowser({ viewport: { width: WIDTH, height: 800 } });
const failures = [];

// Runs in the page: elements that reach past the right edge of the page.
function tooWide() {
  const width = document.documentElement.clientWidth;
  const exempt = "table, pre, svg, .visually-hidden, .skip-link";
  const wide = [...document.body.querySelectorAll("*")].filter((el) => {
    if (el.closest(exempt)) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.right > width + 1;
  });
  // Only the innermost: a paragraph is wide because of the link in it.
  return wide
    .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
    .slice(0, 5)
    .map((el) => {
      const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
      const name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "");
      return `${name} reaches ${Math.round(el.getBoundingClientRect().right)}px${text ? `: "${text}"` : ""}`;
    });
}

try {
  const page = await browser.context.newPage();
  for (const path of paths) {
    await page.goto(server.origin + path, { waitUntil: "load" });
    for (const problem of await page.evaluate(tooWide)) failures.push(`${path}: ${problem}`);
  }
} finally {
  await browser.close();
  await server.close();
}

for (const failure of failures) console.log(failure);
console.log(
  `reflow: checked ${paths.length} pages at ${WIDTH}px wide: ` +
    (failures.length ? `${failures.length} element${failures.length === 1 ? "" : "s"} wider than the screen` : "none scrolls sideways"),
);
process.exit(failures.length ? 1 : 0);
