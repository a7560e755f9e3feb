// Keyboard check on the pages with fields (the meeting log and the
// mentoring agreement, for each audience that has them, and each
// audience's search page): pressing Tab from
// the top of the page must reach the skip link first, then every link,
// button and form field in document order (the switcher's links and every
// field included), each with a visible focus indicator; and the skip link
// must move focus to the main content.
//
//   node tests/a11y/keyboard.mjs public [PAGE-PATH ...]
//
// Exit status: 0 all good, 1 a failure, 2 could not run.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { deadline, serve, siteDir, startBrowser, watchRequests } from "./lib.mjs";

const root = siteDir("keyboard.mjs");
deadline(120, "keyboard.mjs");

const DEFAULT_PAGES = ["", "carer/", "easy-read/"].flatMap((prefix) =>
  ["resources/meeting-log/", "resources/mentoring-agreement/", "search/"].map((page) => prefix + page),
);
const wanted = process.argv.length > 3 ? process.argv.slice(3) : DEFAULT_PAGES;
const pages = wanted
  .map((path) => path.replace(/^\/+/, "").replace(/index\.html$/, ""))
  .filter((path) => existsSync(join(root, path, "index.html")));
if (pages.length === 0) {
  console.error(`keyboard.mjs: none of these pages is in ${root}: ${wanted.join(", ")}`);
  process.exit(2);
}

const server = await serve(root);
const browser = await startBrowser({ viewport: { width: 1100, height: 900 } });
const failures = [];
let stops = 0;

// Runs in the page: what can take focus from the keyboard, in document
// order, each marked with its position.
function markTabbable() {
  const selector = [
    "a[href]",
    "button:not([disabled])",
    "input:not([type=hidden]):not([disabled])",
    "select:not([disabled])",
    "textarea:not([disabled])",
    "[tabindex]",
    "summary",
  ].join(",");
  const list = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.tabIndex < 0) return false;
    if (el.closest("[hidden], [inert]")) return false;
    const style = getComputedStyle(el);
    return style.display !== "none" && style.visibility !== "hidden" && el.getClientRects().length > 0;
  });
  list.forEach((el, i) => el.setAttribute("data-kb", String(i)));
  return list.map(describe);

  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + String(el.className).split(" ").join(".") : ""}${text ? ` "${text}"` : ""}`;
  }
}

// Runs in the page: the focused element, and whether it shows focus.
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline =
    style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== "rgba(0, 0, 0, 0)";
  const shadow = style.boxShadow !== "none";
  // The focused element's own text must stay readable: dark on yellow, not
  // white on yellow. Only where its background is a solid colour.
  const rgb = (css) => (css.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) =>
    [r, g, b]
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [fg, bg] = [rgb(style.color), rgb(style.backgroundColor)];
  let contrast = null;
  if (bg.length === 3 || (bg.length === 4 && bg[3] === 1)) {
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    contrast = (a + 0.05) / (b + 0.05);
  }
  const rect = el.getBoundingClientRect();
  const onScreen =
    rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 &&
    rect.top < window.innerHeight && rect.left < window.innerWidth;
  return {
    index: el.getAttribute("data-kb"),
    tag: el.tagName.toLowerCase(),
    id: el.id,
    className: String(el.className || ""),
    inSwitcher: !!el.closest(".switcher"),
    isField: el.matches("input, textarea, select"),
    indicator: outline || shadow,
    contrast,
    colours: `${style.color} on ${style.backgroundColor}`,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
    onScreen,
  };
}

async function check(page, watcher, path) {
  const fail = (message) => failures.push(`/${path}: ${message}`);
  watcher.take();
  await page.goto(`${server.origin}/${path}`, { waitUntil: "load" });
  const expected = await page.evaluate(markTabbable);
  const fields = await page.$$eval("input, textarea, select", (els) => els.map((el) => el.getAttribute("data-kb")));
  const switcherLinks = await page.$$eval(".switcher a", (els) => els.map((el) => el.getAttribute("data-kb")));
  if (switcherLinks.length === 0) fail("no switcher links on the page");
  if (fields.length === 0) fail("no form fields on the page");

  // Tab through the page from the top.
  const reached = [];
  for (let press = 0; press < expected.length * 4 + 20; press++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(focusState);
    if (state === null) break; // focus has left the page
    // A date input takes several presses (day, month, year): count it once.
    if (reached.length && reached[reached.length - 1].index === state.index) continue;
    if (reached.length && state.index === reached[0].index) break; // wrapped round
    reached.push(state);
    if (process.env.KEYBOARD_DEBUG) console.log(`  ${state.index} ${expected[state.index]} | ${state.style}`);
    stops++;
    const name = state.index === null ? `${state.tag}#${state.id}.${state.className}` : expected[state.index];
    if (!state.indicator) fail(`no visible focus indicator on ${name} (${state.style})`);
    if (!state.onScreen) fail(`${name} has focus but is not on screen`);
    if (state.contrast !== null && state.contrast < 4.5) {
      fail(`${name} is hard to read when focused: ${state.colours}, contrast ${state.contrast.toFixed(2)}:1`);
    }
  }

  const order = reached.map((state) => state.index);
  if (order[0] !== "0" || !reached[0]?.className.includes("skip-link")) {
    fail(`the first Tab should reach the skip link, but reached ${order[0] === undefined ? "nothing" : expected[order[0]] || reached[0].tag}`);
  }
  const missing = expected.map((_, i) => String(i)).filter((i) => !order.includes(i));
  for (const i of missing) fail(`Tab never reached ${expected[i]}`);
  for (const i of switcherLinks.filter((i) => !order.includes(i))) fail(`Tab never reached the switcher link ${expected[i]}`);
  for (const i of fields.filter((i) => !order.includes(i))) fail(`Tab never reached the field ${expected[i]}`);
  const known = order.filter((i) => i !== null);
  for (let k = 1; k < known.length; k++) {
    if (Number(known[k]) < Number(known[k - 1])) {
      fail(`focus went back from ${expected[known[k - 1]]} to ${expected[known[k]]}: not document order`);
    }
  }
  const strays = reached.filter((state) => state.index === null);
  for (const state of strays) fail(`focus reached ${state.tag}#${state.id}, which should not be in the tab order`);

  // The skip link moves focus to the main content. Load the page afresh, so
  // that the first Tab starts from the top again.
  await page.goto(`${server.origin}/${path}`, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const afterSkip = await page.evaluate(() => {
    const main = document.querySelector("main");
    return {
      hash: location.hash,
      target: main && main.id ? `#${main.id}` : "(main has no id)",
      focusedMain: !!main && document.activeElement === main,
    };
  });
  if (afterSkip.hash !== afterSkip.target || !afterSkip.focusedMain) {
    fail(
      `the skip link should move focus to <main id="${afterSkip.target.slice(1)}">, but the address ends ` +
        `"${afterSkip.hash}" and main ${afterSkip.focusedMain ? "has" : "does not have"} focus`,
    );
  }
  await page.keyboard.press("Tab");
  const firstInMain = await page.evaluate(() => !!document.activeElement?.closest("main"));
  if (!firstInMain) fail("after the skip link, Tab should go to the first thing in the main content");

  for (const problem of watcher.take()) fail(problem);
  console.log(`/${path}: ${reached.length} tab stops (${fields.length} fields, ${switcherLinks.length} switcher links)`);
}

try {
  const page = await browser.context.newPage();
  const watcher = await watchRequests(page, server.origin);
  for (const path of pages) {
    try {
      await check(page, watcher, path);
    } catch (error) {
      failures.push(`/${path}: could not check: ${error.message}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

for (const failure of failures) console.log(failure);
console.log(
  `keyboard: checked ${pages.length} pages, ${stops} tab stops: ` +
    (failures.length ? `${failures.length} failure${failures.length === 1 ? "" : "s"}` : "all reached in order, each with a visible focus indicator"),
);
process.exit(failures.length ? 1 : 0);
