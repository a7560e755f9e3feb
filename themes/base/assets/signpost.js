// Keeps what a reader types into a page's fields in this browser, and
// never sends it anywhere: for the browser session (sessionStorage) unless
// they tick "Remember my answers on this computer" (then localStorage). A
// log keeps several dated copies. Clear and Delete ask first. Without this
// script the page still works: the notice above the fields says nothing is
// saved, and the buttons that need the script stay hidden.
(function () {
  "use strict";

  var panel = document.querySelector("[data-form]");
  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-keep]"));
  if (!panel || !fields.length) return;

  var words = panel.dataset;
  var key = "signpost:" + location.pathname;
  var session = usableStorage("sessionStorage");
  var local = usableStorage("localStorage");
  var status = panel.querySelector("[data-form-status]");
  var remember = panel.querySelector("[data-remember]");
  var confirmBox = document.querySelector("[data-confirm]");
  var confirmHome = confirmBox && confirmBox.parentNode;
  var pending = null;
  var state;

  showAll("[data-print]", function () { window.print(); });
  if (!session || !local) return;
  state = loadState();
  fillFields(state.answers);
  showNotice();
  reveal();
  listen();
  if (confirmBox) {
    wireQuestion();
    showAll("[data-clear-fields]", clearFields);
  }
  if (panel.hasAttribute("data-form-logs")) showLogs();

  // --- Storage --------------------------------------------------------

  /** The storage `name` (localStorage, sessionStorage), or null where the
      browser refuses it (private modes, blocked cookies). */
  function usableStorage(name) {
    try {
      var store = window[name];
      store.getItem(key);
      return store;
    } catch (e) {
      return null;
    }
  }

  /** This page's answers and saved logs: the remembered copy if there is
      one (and the box is ticked), else this session's, else answers kept
      by an earlier version of this script, else nothing yet. */
  function loadState() {
    var remembered = parse(local.getItem(key));
    remember.checked = remembered !== null;
    var found = remembered || parse(session.getItem(key)) || adoptOldAnswers();
    return found || { answers: {}, logs: [] };
  }

  /** A stored state, or null if there is none or it is unreadable. */
  function parse(text) {
    try {
      var found = JSON.parse(text);
      if (!found || typeof found.answers !== "object" || !Array.isArray(found.logs)) return null;
      return found;
    } catch (e) {
      return null;
    }
  }

  /** Answers an earlier version kept in localStorage, one item a field
      ("signpost:/page/:field_id"): moved into one remembered state, as
      they were on the computer already. */
  function adoptOldAnswers() {
    var answers = {};
    fields.forEach(function (field) {
      var old = local.getItem(key + ":" + field.id);
      if (old === null) return;
      answers[field.id] = field.type === "checkbox" ? old === "true" : old;
      local.removeItem(key + ":" + field.id);
    });
    if (!hasAnswers(answers)) return null;
    remember.checked = true;
    var adopted = { answers: answers, logs: [] };
    write(local, adopted);
    return adopted;
  }

  /** Writes the state where the reader chose to keep it; an empty one is
      removed rather than kept. */
  function save() {
    write(remember.checked ? local : session, state);
  }

  /** Writes `value` to `store` under this page's key, or removes the key
      when there is nothing to keep. */
  function write(store, value) {
    try {
      if (hasAnswers(value.answers) || value.logs.length) store.setItem(key, JSON.stringify(value));
      else store.removeItem(key);
    } catch (e) { /* storage full or refused: the fields still work */ }
  }

  /** Moves the state to localStorage when "Remember" is ticked, and back
      to this session's storage (forgetting the remembered copy) when it
      is unticked. */
  function rememberChanged() {
    try {
      if (remember.checked) session.removeItem(key);
      else local.removeItem(key);
    } catch (e) { /* nothing to remove */ }
    save();
    showNotice();
    say(remember.checked ? words.saidRemembered : words.saidForgotten);
  }

  // --- Fields ---------------------------------------------------------

  /** What each field holds now, by id. */
  function readFields() {
    var answers = {};
    fields.forEach(function (field) {
      answers[field.id] = field.type === "checkbox" ? field.checked : field.value;
    });
    return answers;
  }

  /** Puts `answers` into the fields, emptying those it does not name. */
  function fillFields(answers) {
    fields.forEach(function (field) {
      var value = answers[field.id];
      if (field.type === "checkbox") field.checked = value === true;
      else field.value = typeof value === "string" ? value : "";
    });
  }

  /** Whether any answer is filled in or ticked. */
  function hasAnswers(answers) {
    return Object.keys(answers).some(function (id) {
      return answers[id] === true || (typeof answers[id] === "string" && answers[id].trim() !== "");
    });
  }

  /** Keeps each change as it is typed. */
  function fieldChanged() {
    state.answers = readFields();
    save();
  }

  // --- Saved logs -----------------------------------------------------

  /** Shows the saved logs and wires "Start a new log". */
  function showLogs() {
    panel.querySelector("[data-new-log]").addEventListener("click", startNewLog);
    renderLogs();
  }

  /** Saves the open log to the list and empties the form. */
  function startNewLog() {
    if (!hasAnswers(state.answers)) {
      say(words.saidNothingToSave);
      return;
    }
    state.logs.push({ saved: Date.now(), answers: state.answers });
    state.answers = {};
    fillFields(state.answers);
    save();
    renderLogs();
    say(words.saidNewLog);
  }

  /** Opens a saved log in the form; the log that was open (if anything is
      typed in it) goes into the list in its place. */
  function openLog(log) {
    state.logs.splice(state.logs.indexOf(log), 1);
    if (hasAnswers(state.answers)) state.logs.push({ saved: Date.now(), answers: state.answers });
    state.answers = log.answers;
    fillFields(state.answers);
    save();
    renderLogs();
    say(fill(words.saidOpened, { log: logName(log) }));
    fields[0].focus();
  }

  /** Deletes a saved log, once the reader says yes. */
  function deleteLog(log, button) {
    var name = logName(log);
    askFirst(button, fill(words.deleteQuestion, { log: name }), words.deleteYes, function () {
      state.logs.splice(state.logs.indexOf(log), 1);
      save();
      renderLogs();
      say(fill(words.saidDeleted, { log: name }));
      panel.querySelector("[data-new-log]").focus();
    });
  }

  /** Lists the saved logs, newest first, each with Open and Delete. */
  function renderLogs() {
    var list = panel.querySelector("[data-logs-list]");
    // A question asked beside a saved log goes with the old rows.
    if (pending && list.contains(confirmBox)) closeQuestion();
    list.textContent = "";
    state.logs
      .slice()
      .sort(function (a, b) { return b.saved - a.saved; })
      .forEach(function (log) { list.appendChild(logItem(log)); });
    list.hidden = state.logs.length === 0;
    panel.querySelector("[data-logs-none]").hidden = state.logs.length > 0;
  }

  /** One saved log's row: its name, Open and Delete. */
  function logItem(log) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    name.className = "form-log-name";
    name.textContent = logName(log);
    item.appendChild(name);
    item.appendChild(logButton(words.logOpen, log, openLog));
    item.appendChild(logButton(words.logDelete, log, deleteLog));
    return item;
  }

  /** A button for one saved log; screen readers hear the log's name after
      its visible word ("Open Log of 3 October 2026"). */
  function logButton(label, log, action) {
    var button = document.createElement("button");
    var named = document.createElement("span");
    button.type = "button";
    button.className = "button-secondary";
    button.textContent = label;
    named.className = "visually-hidden";
    named.textContent = " " + logName(log);
    button.appendChild(named);
    button.addEventListener("click", function () { action(log, button); });
    return button;
  }

  /** A saved log's name: the date typed in its first date field, or else
      when it was saved. */
  function logName(log) {
    var typed = typedDate(log.answers);
    if (typed) return fill(words.logDated, { date: typed });
    var saved = new Date(log.saved);
    var time = ("0" + saved.getHours()).slice(-2) + ":" + ("0" + saved.getMinutes()).slice(-2);
    return fill(words.logUndated, { date: writeDate(saved), time: time });
  }

  /** `date` as the page's language writes one ("3 October 2026", "3
      Hydref 2026"), from its phrase table, not the browser's. */
  function writeDate(date) {
    return fill(words.date, {
      day: date.getDate(),
      month: words.months.split(",")[date.getMonth()],
      year: date.getFullYear()
    });
  }

  /** The date in `answers` for the page's first date field ("3 October
      2026"), as typed if it is not a real date, or "" if it is not all
      filled in. */
  function typedDate(answers) {
    var day = document.querySelector(".field-date input[id$='-day']");
    if (!day) return "";
    var stem = day.id.slice(0, -"-day".length);
    var parts = ["-day", "-month", "-year"].map(function (end) {
      return String(answers[stem + end] || "").trim();
    });
    if (parts.indexOf("") !== -1) return "";
    var date = new Date(Number(parts[2]), Number(parts[1]) - 1, Number(parts[0]));
    var real = /^\d{4}$/.test(parts[2]) && date.getDate() === Number(parts[0]) && date.getMonth() === Number(parts[1]) - 1;
    if (!real) return parts.join("/");
    return writeDate(date);
  }

  // --- Clear, and asking first ---------------------------------------

  /** Empties the fields (not the saved logs), once the reader says yes. */
  function clearFields(event) {
    askFirst(event.currentTarget, words.clearQuestion, words.clearYes, function () {
      state.answers = {};
      fillFields(state.answers);
      save();
      say(words.saidCleared);
      fields[0].focus();
    });
  }

  /** Asks `question` in the box beside `button` (GOV.UK's pattern: the
      question, a red "yes" button and "No, keep it"); runs `onYes` on yes.
      No, or Escape, closes the box and puts focus back on `button`. */
  function askFirst(button, question, yes, onYes) {
    var row = button.closest("li");
    confirmBox.querySelector("[data-confirm-question]").textContent = question;
    confirmBox.querySelector("[data-confirm-yes]").textContent = yes;
    confirmBox.querySelector("[data-confirm-no]").textContent = words.noLabel;
    if (row) row.appendChild(confirmBox);
    else button.parentNode.insertAdjacentElement("afterend", confirmBox);
    confirmBox.hidden = false;
    confirmBox.focus();
    pending = { onYes: onYes, button: button };
  }

  /** Closes the question's box and puts it back in its place. */
  function closeQuestion() {
    confirmBox.hidden = true;
    confirmHome.appendChild(confirmBox);
    var asked = pending;
    pending = null;
    return asked;
  }

  /** Wires the question's Yes and No buttons and Escape. */
  function wireQuestion() {
    confirmBox.querySelector("[data-confirm-yes]").addEventListener("click", function () {
      closeQuestion().onYes();
    });
    confirmBox.querySelector("[data-confirm-no]").addEventListener("click", answerNo);
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") answerNo();
    });
  }

  /** No: nothing happens, and focus goes back where it was. */
  function answerNo() {
    if (pending) closeQuestion().button.focus();
  }

  // --- What the reader sees ------------------------------------------

  /** Shows the notice that is true: kept for this session, or remembered. */
  function showNotice() {
    var shown = remember.checked ? "remembered" : "session";
    Array.prototype.forEach.call(panel.querySelectorAll("[data-notice]"), function (notice) {
      notice.hidden = notice.getAttribute("data-notice") !== shown;
    });
  }

  /** Shows the parts of the notice that need this script. */
  function reveal() {
    Array.prototype.forEach.call(panel.querySelectorAll("[data-needs-script]"), function (part) {
      part.hidden = false;
    });
  }

  /** Keeps the fields as they change, and follows the "Remember" box. */
  function listen() {
    fields.forEach(function (field) {
      field.addEventListener("input", fieldChanged);
      field.addEventListener("change", fieldChanged);
    });
    remember.addEventListener("change", rememberChanged);
  }

  /** Shows every button matching `selector`, each running `action`. */
  function showAll(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (button) {
      button.hidden = false;
      button.addEventListener("click", action);
    });
  }

  /** Says `message` in the status line, which screen readers announce. */
  function say(message) {
    status.textContent = message;
  }

  /** `text` with each {name} replaced by values[name]. */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }
})();
