// Keeps what a person types into a page's fields in this browser
// (localStorage), so it is still there when they come back or print, and
// never sends it anywhere. The page works without this script.
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-keep]");
  var store;
  try {
    store = window.localStorage;
    store.getItem("signpost");
  } catch (e) {
    return;
  }
  if (!fields.length || !store) return;
  var prefix = "signpost:" + location.pathname + ":";
  // Print styles tell a filled date from an empty one by this mark.
  function mark(field) {
    if (field.type === "date") field.toggleAttribute("data-filled", field.value !== "");
  }
  function save(field) {
    mark(field);
    var value = field.type === "checkbox" ? String(field.checked) : field.value;
    try { store.setItem(prefix + field.id, value); } catch (e) { /* storage full or refused */ }
  }
  Array.prototype.forEach.call(fields, function (field) {
    var saved = store.getItem(prefix + field.id);
    if (saved !== null) {
      if (field.type === "checkbox") field.checked = saved === "true";
      else field.value = saved;
    }
    mark(field);
    field.addEventListener("input", function () { save(field); });
    field.addEventListener("change", function () { save(field); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-clear-fields]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      Array.prototype.forEach.call(fields, function (field) {
        store.removeItem(prefix + field.id);
        if (field.type === "checkbox") field.checked = false;
        else field.value = "";
        mark(field);
      });
      if (fields[0]) fields[0].focus();
    });
  });
})();
