// Reflow (WCAG 1.4.10): at 320 CSS pixels wide, no page of a built site
// scrolls sideways. The one exception is two-dimensional content that
// scrolls on its own: a data table (one with header cells) or
// preformatted code inside a box that scrolls sideways by itself
// (overflow-x auto or scroll), such as `<pre class="code">`; what is
// inside that box may be wider, but the box must fit. A table with no
// header cells, or a data table with no such box around it, must fit like
// everything else. Text only screen readers see (.visually-hidden), the
// skip link and drawings (svg) are not checked.
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
  const unchecked = "svg, .visually-hidden, .skip-link";
  const scrollsSideways = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  // Inside a data table or code in a box that scrolls sideways on its own
  // (the table or <pre> itself, or a box around it), but not that box.
  const scrollsInItsBox = (el) => {
    const content = el.closest("table, pre");
    if (!content || (content.tagName === "TABLE" && !content.querySelector("th"))) return false;
    let box = content;
    while (box && !scrollsSideways(box)) box = box.parentElement;
    return Boolean(box) && box !== el && box !== document.documentElement && box !== document.body;
  };
  const wide = [...document.body.querySelectorAll("*")].filter((el) => {
    if (el.closest(unchecked) || scrollsInItsBox(el)) return false;
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
