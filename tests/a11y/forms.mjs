// The forms on screen, as a reader uses them, in headless Chromium: what
// is typed survives a reload in the same session but is not in
// localStorage unless "Remember my answers on this computer" is ticked
// (and unticking forgets it); "Start a new log" keeps the old log in the
// list, to reopen or delete; Clear and Delete ask first and act only on
// yes; the notice is above the first field; axe-core finds nothing with
// the saved logs and a question showing. Without JavaScript, the notice
// says nothing is saved and no control that needs the script shows. The
// Tree of Life at 390px shows no words smaller than 12px, and no write-on
// lines at any width.
//
//   node tests/a11y/forms.mjs public [CHECK ...]
//
// CHECK is session, logs, clear, notice or tree; without one, all run.
//
// Exit status: 0 all good, 1 a failure, 2 could not run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deadline, serve, siteDir, startBrowser, watchRequests } from "./lib.mjs";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const LOG = "/resources/meeting-log/";
const FORM_PAGES = [LOG, "/resources/reflection-log/", "/resources/mentoring-agreement/", "/resources/tree-of-life/",
  "/easy-read/resources/meeting-log/", "/cy/resources/mentoring-agreement/"];
const TREE_PAGES = ["/resources/tree-of-life/", "/easy-read/resources/tree-of-life/"];

const root = siteDir("forms.mjs");
const CHECKS = ["session", "logs", "clear", "notice", "tree"];
const wanted = process.argv.slice(3);
const unknown = wanted.filter((check) => !CHECKS.includes(check));
if (unknown.length) {
  console.error(`forms.mjs: no check ${unknown.join(", ")}; the checks are ${CHECKS.join(", ")}`);
  process.exit(2);
}
deadline(150, "forms.mjs");
const server = await serve(root);
const failures = [];
let checks = 0;

/** Records a failure unless `ok`. */
function expect(ok, message) {
  checks++;
  if (!ok) failures.push(message);
}

// ---------------------------------------------------------------------------
// Helpers that run in the page

/** Whether `selector` is drawn on the page (not hidden, not display: none). */
const shown = (page, selector) =>
  page.$$eval(selector, (els) => els.some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"));

/** Every value kept in a storage ("localStorage"), as one string. */
const stored = (page, name) =>
  page.evaluate((name) => Object.keys(window[name]).map((k) => k + "=" + window[name].getItem(k)).join("\n"), name);

/** The saved logs' names, as listed. */
const savedLogs = (page) => page.$$eval("[data-logs-list] li .form-log-name", (els) => els.map((el) => el.textContent));

/** The text of the notice the reader sees. */
const visibleNotice = (page) =>
  page.$$eval("[data-notice]", (els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.getAttribute("data-notice")));

/** Runs axe-core on the page as it is now; its violations, said briefly. */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// ---------------------------------------------------------------------------
// With JavaScript

async function sessionAndRemember(page) {
  await page.goto(server.origin + LOG, { waitUntil: "load" });
  const place = "#field_time-and-place";
  await page.fill(place, "Room 4, typed in session");
  await page.reload({ waitUntil: "load" });
  expect((await page.inputValue(place)) === "Room 4, typed in session", "what was typed did not survive a reload");
  expect(!(await stored(page, "localStorage")).includes("typed in session"), "answers are in localStorage without Remember ticked");
  expect((await stored(page, "sessionStorage")).includes("typed in session"), "answers are not in sessionStorage");
  expect((await visibleNotice(page)).join() === "session", `the notice shown is ${await visibleNotice(page)}, not the session one`);

  await page.check("#form_remember");
  expect((await stored(page, "localStorage")).includes("typed in session"), "ticking Remember did not keep the answers in localStorage");
  expect(!(await stored(page, "sessionStorage")).includes("typed in session"), "ticking Remember left a copy in sessionStorage");
  await page.reload({ waitUntil: "load" });
  expect(await page.isChecked("#form_remember"), "Remember is not ticked after a reload");
  expect((await visibleNotice(page)).join() === "remembered", "the notice does not say the answers are remembered");
  await page.fill(place, "Room 5, remembered");
  expect((await stored(page, "localStorage")).includes("Room 5, remembered"), "a remembered answer is not kept as it is typed");

  await page.uncheck("#form_remember");
  expect(!(await stored(page, "localStorage")).includes("Room 5"), "unticking Remember did not forget the remembered copy");
  await page.reload({ waitUntil: "load" });
  expect((await page.inputValue(place)) === "Room 5, remembered", "unticking Remember lost the answers for this session");
  expect(!(await page.isChecked("#form_remember")), "Remember is ticked again after unticking and reloading");
}

async function logs(page) {
  await page.goto(server.origin + LOG, { waitUntil: "load" });
  await page.evaluate(() => sessionStorage.clear());
  await page.reload({ waitUntil: "load" });
  expect((await savedLogs(page)).length === 0, "a fresh page lists saved logs");
  await page.fill("#field_date-of-session-day", "3");
  await page.fill("#field_date-of-session-month", "10");
  await page.fill("#field_date-of-session-year", "2026");
  await page.fill("#field_areas-discussed", "First session's notes");
  await page.click("[data-new-log]");
  expect((await page.inputValue("#field_areas-discussed")) === "", "Start a new log did not empty the form");
  let listed = await savedLogs(page);
  const first = listed[0];
  expect(listed.length === 1 && /\b3 October 2026\b/.test(first), `the saved log is listed as ${JSON.stringify(listed)}, not by its date`);

  await page.fill("#field_areas-discussed", "Second session's notes");
  await page.reload({ waitUntil: "load" });
  expect((await savedLogs(page)).length === 1, "the saved log is not listed after a reload");
  await page.click("[data-logs-list] li button:has-text('Open')");
  expect((await page.inputValue("#field_areas-discussed")) === "First session's notes", "Open did not reopen the saved log");
  listed = await savedLogs(page);
  expect(listed.length === 1 && listed[0] !== first, `after reopening, the list is ${JSON.stringify(listed)}: it should hold the second log alone`);
  expect(await page.evaluate(() => document.activeElement?.matches("[data-keep]")), "focus is not in the form after Open");

  // Delete asks first: No keeps the log, Yes deletes it.
  await page.click("[data-logs-list] li button:has-text('Delete')");
  expect(await shown(page, "[data-confirm]"), "Delete did not ask first");
  const violations = await axeViolations(page);
  expect(violations.length === 0, `axe-core, with a saved log and a question showing: ${violations.join("; ")}`);
  await page.click("[data-confirm-no]");
  expect((await savedLogs(page)).length === 1, "No deleted the saved log");
  expect(!(await shown(page, "[data-confirm]")), "the question stayed after No");
  await page.click("[data-logs-list] li button:has-text('Delete')");
  await page.click("[data-confirm-yes]");
  expect((await savedLogs(page)).length === 0, "Yes did not delete the saved log");
  expect((await page.inputValue("#field_areas-discussed")) === "First session's notes", "deleting a saved log changed the open one");

  // A Welsh log names its saved copies in Welsh, whatever the browser's
  // own language.
  await page.goto(server.origin + "/cy/easy-read/resources/meeting-log/", { waitUntil: "load" });
  await page.fill(".field-date input[id$='-day']", "3");
  await page.fill(".field-date input[id$='-month']", "10");
  await page.fill(".field-date input[id$='-year']", "2026");
  await page.click("[data-new-log]");
  listed = await savedLogs(page);
  expect(listed.length === 1 && listed[0] === "Ffurflen 3 Hydref 2026", `the Welsh saved log is listed as ${JSON.stringify(listed)}`);
}

async function clearAsksFirst(page) {
  await page.goto(server.origin + "/resources/mentoring-agreement/", { waitUntil: "load" });
  const name = "#field_mentor-s-name";
  await page.fill(name, "Sam");
  await page.click("[data-clear-fields]");
  expect(await shown(page, "[data-confirm]"), "Clear did not ask first");
  expect((await page.inputValue(name)) === "Sam", "Clear emptied the fields before the reader said yes");
  const focused = await page.evaluate(() => document.activeElement?.matches("[data-confirm]"));
  expect(focused, "the question does not take focus when it is asked");
  await page.keyboard.press("Escape");
  expect(!(await shown(page, "[data-confirm]")), "Escape did not close the question");
  expect(await page.evaluate(() => document.activeElement?.matches("[data-clear-fields]")), "focus did not go back to Clear after Escape");
  await page.click("[data-clear-fields]");
  await page.click("[data-confirm-no]");
  expect((await page.inputValue(name)) === "Sam", "No cleared the fields");
  await page.click("[data-clear-fields]");
  await page.click("[data-confirm-yes]");
  expect((await page.inputValue(name)) === "", "Yes did not clear the fields");
  await page.reload({ waitUntil: "load" });
  expect((await page.inputValue(name)) === "", "cleared answers came back after a reload");
}

async function noticeAboveFirstField(page, path, javascript) {
  await page.goto(server.origin + path, { waitUntil: "load" });
  const order = await page.evaluate(() => {
    const notice = [...document.querySelectorAll("[data-notice]")].find((el) => el.getClientRects().length > 0);
    const field = document.querySelector("[data-keep]");
    if (!notice || !field) return "missing";
    return notice.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING ? "above" : "below";
  });
  expect(order === "above", `${path}: the notice is ${order} the first field (${javascript ? "with" : "without"} JavaScript)`);
}

// ---------------------------------------------------------------------------
// Without JavaScript

async function withoutScript(page, path) {
  await page.goto(server.origin + path, { waitUntil: "load" });
  expect((await visibleNotice(page)).join() === "unsaved", `${path}: without JavaScript the notice shown is ${await visibleNotice(page)}, not "not saved"`);
  const dead = await page.$$eval("main button, [data-needs-script], [data-confirm]", (els) =>
    els.filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80)));
  expect(dead.length === 0, `${path}: without JavaScript these show but cannot work: ${dead.join(" | ")}`);
}

// ---------------------------------------------------------------------------
// The Tree of Life

/** Every word drawn in the Tree of Life, with its size on screen in px. */
const treeWords = (page) =>
  page.evaluate(() => {
    const svg = document.querySelector("svg.tree-of-life");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")]
      .filter((t) => t.getClientRects().length > 0 && getComputedStyle(t).display !== "none")
      .map((t) => ({ text: t.textContent, px: parseFloat(t.getAttribute("font-size")) * scale }));
  });

async function treeAt(context, path, width) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(server.origin + path, { waitUntil: "load" });
  const words = await treeWords(page);
  const small = words.filter((w) => w.px < 12);
  expect(small.length === 0, `${path} at ${width}px: words drawn smaller than 12px: ${small.map((w) => `"${w.text}" ${w.px.toFixed(1)}px`).join(", ")}`);
  expect(!(await shown(page, ".tree-rule")), `${path} at ${width}px: the write-on lines show on screen`);
  const drawing = await page.$eval("svg.tree-of-life .tree-drawing", (g) => {
    const rect = g.getBoundingClientRect();
    return { width: rect.width, right: rect.right, left: rect.left };
  });
  expect(drawing.left >= 0 && drawing.right <= width, `${path} at ${width}px: the tree reaches from ${Math.round(drawing.left)}px to ${Math.round(drawing.right)}px`);
  // Without its prompts, the tree itself is as wide as the text, not a
  // small drawing in the middle of empty space.
  if (words.length === 0) expect(drawing.width > width * 0.75, `${path} at ${width}px: the tree is only ${Math.round(drawing.width)}px wide`);
  await page.close();
  return words.length;
}

// ---------------------------------------------------------------------------

/** Whether `check` was asked for: every check when none is named. */
const asked = (check) => wanted.length === 0 || wanted.includes(check);

const scripted = await startBrowser();
try {
  const page = await scripted.context.newPage();
  const watcher = await watchRequests(page, server.origin);
  for (const [name, run] of [["session", sessionAndRemember], ["logs", logs], ["clear", clearAsksFirst]]) {
    if (!asked(name)) continue;
    try {
      await run(page);
    } catch (error) {
      failures.push(`${name}: could not check: ${error.message}`);
    }
  }
  if (asked("notice")) {
    for (const path of FORM_PAGES) await noticeAboveFirstField(page, path, true);
    // A second browser, with scripts off.
    const noScript = await startBrowser({ javaScript: false });
    try {
      const quiet = await noScript.context.newPage();
      for (const path of FORM_PAGES) {
        await withoutScript(quiet, path);
        await noticeAboveFirstField(quiet, path, false);
      }
    } finally {
      await noScript.close();
    }
  }
  if (asked("tree")) {
    for (const path of TREE_PAGES) {
      await treeAt(scripted.context, path, 390);
      const wide = await treeAt(scripted.context, path, 1280);
      expect(wide > 0, `${path} at 1280px: the drawing shows none of its prompts`);
    }
  }
  for (const problem of watcher.take()) failures.push(problem);
} finally {
  await scripted.close();
  await server.close();
}

for (const failure of failures) console.log(failure);
console.log(`forms: ${checks} checks: ` + (failures.length ? `${failures.length} failed` : "all passed"));
process.exit(failures.length ? 1 : 0);
