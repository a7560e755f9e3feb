//! Search: each audience's search page and index, built with the site.
//! What a reader finds is checked in headless Chromium (tests/a11y/
//! search.mjs), over HTTP as a web host serves the pack, and from disk.

use std::process::Command;

use serde_json::Value;

use crate::harness::a11y::{a11y_dir, tools_ready, Need};
use crate::harness::html::{attr_values, text_of};
use crate::harness::TestSite;

/// What searching in the browser needs.
const SEARCH_NEEDS: [Need; 3] = [Need::Node, Need::Chromium, Need::NodeModules];

/// A pack with a page written differently for carers and in easy read,
/// words only its header and footer say, and a draft.
fn pack() -> TestSite {
    let site = TestSite::with_site_yaml("organisation: Wexcombe Borough Council\n");
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Wexcombe Borough Council\n",
    );
    site.page("_index.md", "title: Home", "Welcome to the pack.");
    site.page(
        "guide/_index.md",
        "title: Guide\nsummary: The four stages",
        "The stages of the programme.",
    );
    site.page(
        "guide/prepare.md",
        "title: Prepare\nsummary: Before the first meeting",
        "## Recruiting mentors\n\nBrief the quarrymen before they start.\n\n\
         ## Matching pairs\n\nPair each mentor with a senior leader.\n\n\
         {{ field(label=\"Zanzibar label\") }}\n",
    );
    site.page(
        "guide/prepare.carer.md",
        "title: Getting ready",
        "Your relative may meet a mentor. Ask about the zephyrine timetable.",
    );
    site.page(
        "guide/prepare.easy-read.md",
        "title: Get ready",
        "You will meet a mentor. We will bring marmalade.",
    );
    site.page(
        "guide/secret.md",
        "title: Not yet\ndraft: true",
        "The xylograph plan is a draft.",
    );
    site
}

/// Runs `searches` (see tests/a11y/search.mjs) on the site built in
/// `site`, and gives what each found; `None` when the tools are missing
/// and the test is skipped.
fn search(site: &TestSite, searches: Value) -> Option<Vec<Value>> {
    search_at(site, site.output("").to_str().unwrap(), searches)
}

/// [`search`] on the site at `at`: its built folder, or the address of a
/// running `signpost serve`.
fn search_at(site: &TestSite, at: &str, searches: Value) -> Option<Vec<Value>> {
    if !tools_ready(&SEARCH_NEEDS) {
        return None;
    }
    let list = site.root().join("searches.json");
    std::fs::write(&list, searches.to_string()).unwrap();
    let run = Command::new("node")
        .arg(a11y_dir().join("search.mjs"))
        .arg(at)
        .arg(&list)
        .output()
        .expect("node runs");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "search.mjs failed:\n{said}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let found: Vec<Value> = serde_json::from_str(&said).expect("search.mjs prints JSON");
    for one in &found {
        assert_eq!(one["problems"], serde_json::json!([]), "{one:#}");
    }
    Some(found)
}

/// The addresses a search found.
fn results(found: &Value) -> Vec<&str> {
    found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

#[test]
fn each_audience_finds_its_own_pages_and_no_others() {
    let site = pack();
    site.build_ok(&[]);
    let Some(found) = search(
        &site,
        serde_json::json!([
            { "page": "search/", "q": "quarrymen" },
            { "page": "carer/search/", "q": "quarrymen" },
            { "page": "carer/search/", "q": "zephyrine" },
            { "page": "search/", "q": "zephyrine" },
            { "page": "easy-read/search/", "q": "marmalade" },
            { "page": "easy-read/search/", "q": "mentor" },
        ]),
    ) else {
        return;
    };
    assert_eq!(results(&found[0]), ["/guide/prepare/"], "{:#}", found[0]);
    assert_eq!(found[0]["status"], "1 page has these words.");
    // Carers have their own version of the page, without those words.
    assert!(results(&found[1]).is_empty(), "{:#}", found[1]);
    assert_eq!(
        found[1]["status"],
        "No pages have these words. Try other words, or look through the list of every page below."
    );
    assert_eq!(results(&found[2]), ["/carer/guide/prepare/"]);
    assert!(results(&found[3]).is_empty(), "{:#}", found[3]);
    assert_eq!(results(&found[4]), ["/easy-read/guide/prepare/"]);
    assert_eq!(found[4]["status"], "We found 1 page.");
    for address in results(&found[5]) {
        assert!(address.starts_with("/easy-read/"), "{:#}", found[5]);
    }
    assert!(!results(&found[5]).is_empty());
}

#[test]
fn a_result_goes_to_the_part_of_the_page_where_the_words_are() {
    let site = pack();
    site.build_ok(&[]);
    let Some(found) = search(
        &site,
        serde_json::json!([{ "page": "search/", "q": "senior" }]),
    ) else {
        return;
    };
    assert_eq!(results(&found[0]), ["/guide/prepare/"]);
    let parts: Vec<&str> = found[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        parts.contains(&"/guide/prepare/#matching-pairs"),
        "{:#}",
        found[0]
    );
}

#[test]
fn the_header_footer_and_drafts_are_not_found_but_field_labels_are() {
    let site = pack();
    site.build_ok(&[]);
    let Some(found) = search(
        &site,
        serde_json::json!([
            { "page": "search/", "q": "Wexcombe" },
            { "page": "search/", "q": "xylograph" },
            { "page": "search/", "q": "Zanzibar" },
        ]),
    ) else {
        return;
    };
    assert!(results(&found[0]).is_empty(), "{:#}", found[0]);
    assert!(results(&found[1]).is_empty(), "{:#}", found[1]);
    assert_eq!(results(&found[2]), ["/guide/prepare/"]);

    // With --drafts, the draft is found.
    site.build_ok(&["--drafts"]);
    let found = search(
        &site,
        serde_json::json!([{ "page": "search/", "q": "xylograph" }]),
    )
    .unwrap();
    assert_eq!(results(&found[0]), ["/guide/secret/"]);
}

#[test]
fn the_box_in_every_header_opens_the_search_page_with_what_was_found() {
    let site = pack();
    site.build_ok(&[]);
    let Some(found) = search(
        &site,
        serde_json::json!([{ "from": "carer/guide/", "page": "carer/search/", "q": "zephyrine" }]),
    ) else {
        return;
    };
    assert!(
        found[0]["url"]
            .as_str()
            .unwrap()
            .contains("/carer/search/?q=zephyrine"),
        "{:#}",
        found[0]
    );
    assert_eq!(results(&found[0]), ["/carer/guide/prepare/"]);
}

#[test]
fn from_files_on_disk_the_search_page_says_so_and_lists_every_page() {
    let site = pack();
    site.build_ok(&["--offline"]);
    let Some(found) = search(
        &site,
        serde_json::json!([{ "page": "carer/search/", "q": "zephyrine", "file": true }]),
    ) else {
        return;
    };
    assert_eq!(
        found[0]["status"],
        "Search works when the pack is on a website, not when it is opened from files on a computer. Every page of this pack is listed below."
    );
    assert_eq!(found[0]["formShown"], false);
    let html = site.read("carer/search/index.html");
    let listed = attr_values(
        crate::harness::html::between(&html, "class=\"search-contents\"", "</ul>"),
        "href",
    );
    assert_eq!(
        listed,
        [
            "../index.html",
            "../guide/index.html",
            "../guide/prepare/index.html"
        ]
    );
}

#[test]
fn each_audience_and_language_has_a_search_page_listing_its_pages_and_every_page_a_box() {
    let site = pack();
    site.build_ok(&[]);
    for (page, search) in [
        ("index.html", "search/"),
        ("guide/prepare/index.html", "../../search/"),
        ("carer/guide/index.html", "../search/"),
    ] {
        let html = site.read(page);
        let form = crate::harness::html::between(&html, "<form class=\"site-search\"", "</form>");
        assert!(
            form.contains(&format!("action=\"{search}\"")),
            "{page}: {form}"
        );
        assert!(form.contains("name=\"q\""), "{form}");
    }
    let html = site.read("easy-read/search/index.html");
    // The search page has its own box, not the header's too.
    assert!(!html.contains("class=\"site-search\""));
    assert!(html.contains("<noscript><p class=\"search-note\">"));
    let contents = text_of(crate::harness::html::between(
        &html,
        "class=\"search-contents\"",
        "</ul>",
    ));
    assert!(contents.contains("Get ready"), "{contents}");
    assert!(
        !contents.contains("Not yet"),
        "a draft is listed: {contents}"
    );
    assert!(site.exists("easy-read/search/pagefind/pagefind.js"));
    assert!(site.exists("easy-read/search/pagefind/pagefind-entry.json"));
    assert!(!site.exists("easy-read/search/pagefind/pagefind-ui.js"));
}

#[test]
fn with_search_off_there_is_no_search_page_index_or_box() {
    let site = pack();
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Wexcombe Borough Council\nsearch: false\n",
    );
    site.page("search/_index.md", "title: Find us", "Our own search page.");
    site.build_ok(&[]);
    assert!(!site.read("index.html").contains("site-search"));
    assert!(!site.exists("search/pagefind/pagefind.js"));
    assert!(!site.exists("carer/search/pagefind/pagefind.js"));
    assert!(site
        .read("carer/search/index.html")
        .contains("Our own search page."));
    assert!(site
        .read("search/index.html")
        .contains("Our own search page."));
}

#[test]
fn a_page_at_search_is_refused_while_search_is_on() {
    let site = pack();
    site.page("search.md", "title: Search", "Mine.");
    let stderr = site.build_fails(&[]);
    crate::harness::diagnostics::assert_error(
        &stderr,
        "content/search.md",
        &["this page's URL /search/ is reserved", "search: false"],
    );
}

#[test]
fn serve_serves_the_search_page_and_its_index() {
    let site = pack();
    let server = site.serve();
    assert!(server.page("/carer/search/").contains("data-search"));
    // The index follows the pages, made in the background.
    crate::harness::server::eventually_within(std::time::Duration::from_secs(30), || {
        server.get("/carer/search/pagefind/pagefind.js").status == 200
    });
    let script = server.get("/carer/search/pagefind/pagefind.js");
    assert_eq!(script.status, 200);
    assert!(script.mime().contains("javascript"), "{}", script.mime());
    assert_eq!(
        server
            .get("/carer/search/pagefind/pagefind-entry.json")
            .status,
        200
    );
}

#[test]
fn serve_finds_words_saved_into_a_page_once_its_index_has_caught_up() {
    let site = pack();
    let server = site.serve();
    let made = |server: &crate::harness::server::Server| {
        server
            .stderr()
            .lines()
            .filter(|l| l.starts_with("Made ") && l.contains("search index"))
            .count()
    };
    // Every index is made in the background once the pages are served.
    assert!(
        crate::harness::server::eventually_within(std::time::Duration::from_secs(30), || made(
            &server
        ) == 1),
        "{}",
        server.stderr()
    );
    assert!(
        server.stderr().contains("Made 3 search indexes"),
        "{}",
        server.stderr()
    );
    site.page(
        "guide/prepare.md",
        "title: Prepare\nsummary: Before the first meeting",
        "## Recruiting mentors\n\nBrief the quokkas before they start.\n",
    );
    // The page reloads first; then only its audience's index is made again.
    assert!(
        crate::harness::server::eventually_within(std::time::Duration::from_secs(30), || made(
            &server
        ) == 2),
        "{}",
        server.stderr()
    );
    assert!(
        server.stderr().contains("Made 1 search index in"),
        "{}",
        server.stderr()
    );
    let origin = format!("http://127.0.0.1:{}", server.port);
    let Some(found) = search_at(
        &site,
        &origin,
        serde_json::json!([
            { "page": "search/", "q": "quokkas" },
            { "page": "search/", "q": "quarrymen" },
        ]),
    ) else {
        return;
    };
    assert_eq!(results(&found[0]), ["/guide/prepare/"], "{:#}", found[0]);
    assert!(results(&found[1]).is_empty(), "{:#}", found[1]);
}

#[test]
fn a_rebuild_keeps_the_indexes_whose_pages_have_not_changed() {
    let site = pack();
    let first = site.build_ok(&[]);
    assert!(
        first.stderr.contains("made 3 search indexes (0 unchanged)"),
        "{}",
        first.stderr
    );
    let second = site.build_ok(&[]);
    assert!(
        second
            .stderr
            .contains("made 0 search indexes (3 unchanged)"),
        "{}",
        second.stderr
    );
    // A change to the carers' page makes their index again, and only theirs.
    site.page(
        "guide/prepare.carer.md",
        "title: Getting ready",
        "Your relative may meet a mentor. Ask about the wombat timetable.",
    );
    let third = site.build_ok(&[]);
    assert!(
        third.stderr.contains("made 1 search index (2 unchanged)"),
        "{}",
        third.stderr
    );
    let Some(found) = search(
        &site,
        serde_json::json!([
            { "page": "carer/search/", "q": "wombat" },
            { "page": "carer/search/", "q": "zephyrine" },
            { "page": "search/", "q": "quarrymen" },
        ]),
    ) else {
        return;
    };
    assert_eq!(
        results(&found[0]),
        ["/carer/guide/prepare/"],
        "{:#}",
        found[0]
    );
    assert!(results(&found[1]).is_empty(), "{:#}", found[1]);
    // The kept index still finds what it found.
    assert_eq!(results(&found[2]), ["/guide/prepare/"], "{:#}", found[2]);
}
