// The search page: finds the words in its box (or in ?q= when it opens)
// in this audience's search index, with Pagefind's script, and lists the
// pages they are on. Nothing is sent anywhere: the index is files beside
// this page. Without this script, or from a file on disk, where the index
// cannot be read, the page lists every page of the pack instead.
(function () {
  "use strict";
  var page = document.querySelector("[data-search]");
  if (!page) return;
  var form = page.querySelector("[data-search-form]");
  var input = form.querySelector("input[type=search]");
  var status = page.querySelector("[data-search-status]");
  var list = page.querySelector("[data-search-results]");
  var words = page.dataset;
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;

  // Words the page was given for each plural form, picked for n.
  function found(n) {
    var form = new Intl.PluralRules(document.documentElement.lang).select(n);
    var text = words["found" + form.charAt(0).toUpperCase() + form.slice(1)] || words.foundOther;
    return text.replace("{n}", n);
  }

  function say(text) {
    status.textContent = text;
  }

  // One result: the page's title as a link, its section, and its summary
  // or the words around what was found (marked), with links to the parts
  // of the page where they are.
  function result(data, home) {
    var item = document.createElement("li");
    item.className = "search-result";
    if (words.picture) {
      var picture = document.createElement("img");
      picture.src = words.picture;
      picture.alt = "";
      picture.className = "search-result-picture";
      item.appendChild(picture);
    }
    var text = document.createElement("div");
    text.className = "search-result-words";
    var heading = document.createElement("h2");
    heading.className = "search-result-title";
    var link = document.createElement("a");
    link.href = new URL(data.url, home).href;
    link.textContent = data.meta.title;
    heading.appendChild(link);
    text.appendChild(heading);
    if (data.meta.section) {
      var section = document.createElement("p");
      section.className = "search-result-section";
      section.textContent = data.meta.section;
      text.appendChild(section);
    }
    if (data.meta.summary) {
      var summary = document.createElement("p");
      summary.className = "search-result-summary";
      summary.textContent = data.meta.summary;
      text.appendChild(summary);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    // Pagefind's excerpt is the page's text, escaped, with <mark> around
    // the words found.
    excerpt.innerHTML = data.excerpt;
    text.appendChild(excerpt);
    var parts = (data.sub_results || []).filter(function (part) {
      return part.url.indexOf("#") > 0;
    }).slice(0, 3);
    if (parts.length) {
      var where = document.createElement("ul");
      where.className = "search-result-parts";
      parts.forEach(function (part) {
        var li = document.createElement("li");
        var to = document.createElement("a");
        to.href = new URL(part.url, home).href;
        to.textContent = part.title;
        li.appendChild(to);
        where.appendChild(li);
      });
      text.appendChild(where);
    }
    item.appendChild(text);
    return item;
  }

  function show(results, home) {
    list.textContent = "";
    results.forEach(function (data) { list.appendChild(result(data, home)); });
    list.hidden = results.length === 0;
  }

  if (location.protocol === "file:") {
    say(words.offline);
    return;
  }
  form.hidden = false;
  var home = new URL(words.home, location.href);
  // Pagefind gives each page's address from the audience's home page.
  var index = import(new URL(words.index, location.href).href).then(function (pagefind) {
    return pagefind.options({ baseUrl: home.pathname }).then(function () { return pagefind; });
  });

  function search(text) {
    if (!text.trim()) {
      show([], home);
      say("");
      return;
    }
    say(words.searching);
    index.then(function (pagefind) {
      return pagefind.search(text);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }))
        .then(function (results) {
          show(results, home);
          say(results.length ? found(search.results.length) : words.none);
        });
    }).catch(function () {
      say(words.failed);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  search(query);
})();
