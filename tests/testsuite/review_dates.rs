//! Review dates: "Page last reviewed" and "Next review due" at the foot of
//! a page's content in its language (and in easy-read words), `next_review`
//! defaulted from site.yaml's `review_months`, the errors for a date that
//! is wrong, the sitemap's `lastmod`, and `signpost check`'s warning and
//! JSON list for pages whose next review has passed.

use crate::harness::browser::browser_or_skip;
use crate::harness::diagnostics::{error_at, find};
use crate::harness::html::{between, text_of};
use crate::harness::TestSite;
use serde_json::Value;
use std::process::Command;

/// The review dates' words on the built page at `path`, or `None` when it
/// shows none.
fn review_lines(site: &TestSite, path: &str) -> Option<String> {
    let html = site.read(path);
    html.contains("<div class=\"review-dates")
        .then(|| text_of(between(&html, "<div class=\"review-dates", "</div>")))
}

/// Runs `signpost check --format json` with more arguments and parses it.
fn check_json(site: &TestSite, args: &[&str]) -> Value {
    let run = site.check(&[&["--format", "json"][..], args].concat());
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The diagnostics of `check`'s JSON report from the overdue rule.
fn overdue_warnings(json: &Value) -> Vec<Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "review/overdue")
        .cloned()
        .collect()
}

#[test]
fn a_page_says_when_it_was_last_reviewed_and_is_next_due_in_its_language() {
    let site = TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg }\n");
    site.page("guide/_index.md", "title: Guide", "Intro.");
    site.page(
        "guide/a.md",
        "title: A\nweight: 1\nreviewed: 2026-03-01",
        "Words of the page.\n",
    );
    site.page(
        "guide/a.cy.md",
        "title: A yn Gymraeg",
        "Geiriau'r dudalen.\n",
    );
    site.page("guide/b.md", "title: B\nweight: 2", "Unreviewed.\n");
    site.build_ok(&[]);

    let html = site.read("guide/a/index.html");
    assert_eq!(
        review_lines(&site, "guide/a/index.html").as_deref(),
        Some("Page last reviewed: 1 March 2026 Next review due: 1 March 2027")
    );
    // At the foot of the page's own content, above Previous and Next.
    let (words, dates, pagination) = (
        html.find("Words of the page.").unwrap(),
        html.find("Page last reviewed").unwrap(),
        html.find("class=\"pagination\"").unwrap(),
    );
    assert!(words < dates && dates < pagination, "{html}");
    // The Welsh version takes the English page's day, in Welsh words.
    assert_eq!(
        review_lines(&site, "cy/guide/a/index.html").as_deref(),
        Some("Adolygwyd y dudalen ddiwethaf: 1 Mawrth 2026 Dyddiad yr adolygiad nesaf: 1 Mawrth 2027")
    );
    // Easy read says it in short sentences, each beside a calendar that
    // screen readers pass over.
    let easy = site.read("easy-read/guide/a/index.html");
    assert_eq!(
        review_lines(&site, "easy-read/guide/a/index.html").as_deref(),
        Some("We checked this page on 1 March 2026. We will check it again by 1 March 2027.")
    );
    let pictures = between(&easy, "<div class=\"review-dates", "</div>");
    assert_eq!(pictures.matches("<svg").count(), 2, "{pictures}");
    assert_eq!(
        pictures.matches("aria-hidden=\"true\"").count(),
        2,
        "{pictures}"
    );
    assert_eq!(
        review_lines(&site, "cy/easy-read/guide/a/index.html").as_deref(),
        Some("Gwnaethon ni wirio'r dudalen hon ar 1 Mawrth 2026. Byddwn ni'n ei gwirio hi eto erbyn 1 Mawrth 2027.")
    );
    // A page without review dates shows nothing of them.
    assert_eq!(review_lines(&site, "guide/b/index.html"), None);
}

#[test]
fn a_printed_page_gives_its_review_day_in_the_footer_not_the_screen_lines() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::new();
    site.page(
        "log.md",
        "title: Log
kind: log
reviewed: 2026-03-01",
        "Write here.\n",
    );
    site.build_pdf_ok(&[]);
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(site.output("log/log.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Reviewed 1 March 2026"), "{text}");
    assert!(
        !text.contains("Page last reviewed") && !text.contains("Next review due"),
        "{text}"
    );
}

#[test]
fn the_next_review_is_review_months_after_reviewed_unless_the_page_gives_it() {
    let site = TestSite::with_site_yaml("review_months: 6\n");
    site.page("a.md", "title: A\nreviewed: 2026-01-15", "Text.");
    // The last day of a month goes to the last day of a shorter month.
    site.page("b.md", "title: B\nreviewed: 2026-08-31", "Text.");
    site.page(
        "c.md",
        "title: C\nreviewed: 2026-01-15\nnext_review: 2026-04-01",
        "Text.",
    );
    // A variant reviewed on a day of its own is due from that day, not on
    // the day its base page gives.
    site.page("c.carer.md", "reviewed: 2026-05-20", "Carer text.");
    // A next review with no day of the last one shows alone.
    site.page("d.md", "title: D\nnext_review: 2027-01-10", "Text.");
    site.build_ok(&[]);
    let due = |path: &str| {
        let lines = review_lines(&site, path).unwrap_or_else(|| panic!("{path} has no dates"));
        lines[lines.find("Next review due: ").unwrap()..].to_string()
    };
    assert_eq!(due("a/index.html"), "Next review due: 15 July 2026");
    assert_eq!(due("b/index.html"), "Next review due: 28 February 2027");
    assert_eq!(due("c/index.html"), "Next review due: 1 April 2026");
    assert_eq!(
        due("carer/c/index.html"),
        "Next review due: 20 November 2026"
    );
    assert_eq!(
        review_lines(&site, "d/index.html").as_deref(),
        Some("Next review due: 10 January 2027")
    );

    // Without review_months, a year.
    let yearly = TestSite::new();
    yearly.page("a.md", "title: A\nreviewed: 2026-02-10", "Text.");
    yearly.build_ok(&[]);
    assert_eq!(
        review_lines(&yearly, "a/index.html").as_deref(),
        Some("Page last reviewed: 10 February 2026 Next review due: 10 February 2027")
    );
}

#[test]
fn a_next_review_that_is_not_a_day_after_reviewed_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.page(
        "a.md",
        "title: A\nreviewed: 2026-03-01\nnext_review: 2026-13-01",
        "Text.",
    );
    site.page(
        "b.md",
        "title: B\nweight: 2\nreviewed: 2026-03-01\nnext_review: 2026-03-01",
        "Text.",
    );
    site.page("c.md", "title: C\nnext_review: soon", "Text.");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:4:1",
        &[
            "`next_review` should be a day written YYYY-MM-DD",
            "\"2026-13-01\"",
            "next_review: 2027-03-03",
        ],
    );
    error_at(
        &stderr,
        "content/b.md:5:1",
        &["`next_review` is 2026-03-01, which is not after the day the page was reviewed (2026-03-01)", "12 months"],
    );
    error_at(&stderr, "content/c.md:3:1", &["\"soon\""]);
}

#[test]
fn review_months_must_be_a_whole_number_from_one() {
    let site = TestSite::with_site_yaml("review_months: 0\n");
    site.page("a.md", "title: A", "Text.");
    let stderr = site.build_fails(&[]);
    error_at(&stderr, "site.yaml:3:1", &["`review_months` is 0"]);

    let site = TestSite::with_site_yaml("review_months: 1.5\n");
    site.page("a.md", "title: A", "Text.");
    let stderr = site.build_fails(&[]);
    error_at(&stderr, "site.yaml:3:", &["review_months"]);
}

#[test]
fn the_sitemaps_lastmod_is_the_day_a_page_was_reviewed() {
    let site = TestSite::with_site_yaml("base_url: https://council.example/pack/\n");
    site.page("a.md", "title: A\nreviewed: 2026-03-01", "Text.");
    site.page("b.md", "title: B", "Text.");
    site.build_ok(&[]);
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://council.example/pack/a/</loc><lastmod>2026-03-01</lastmod>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains(
            "<loc>https://council.example/pack/easy-read/a/</loc><lastmod>2026-03-01</lastmod>"
        ),
        "{sitemap}"
    );
    // A page that gives no day has no lastmod, not the day it was built.
    assert!(
        sitemap.contains("<loc>https://council.example/pack/b/</loc></url>"),
        "{sitemap}"
    );
    assert_eq!(sitemap.matches("<lastmod>").count(), 3, "{sitemap}");
}

#[test]
fn check_warns_of_a_page_whose_next_review_has_passed_and_lists_it() {
    let site = TestSite::new();
    site.page(
        "guide/a.md",
        "title: A\nweight: 1\nreviewed: 2025-03-01",
        "Text.",
    );
    site.page(
        "guide/b.md",
        "title: B\nweight: 2\nreviewed: 2026-01-10\nnext_review: 2026-06-30",
        "Text.",
    );
    site.page(
        "guide/c.md",
        "title: C\nweight: 3\nreviewed: 2026-05-01",
        "Text.",
    );
    site.page("guide/d.md", "title: D\nweight: 4", "Text.");

    let run = site.check(&["--today", "2026-07-01"]);
    assert!(run.success, "warnings only: {}{}", run.stdout, run.stderr);
    let text = &run.stdout;
    // Counted from `reviewed`: the warning is at that line.
    find(
        text,
        "warning",
        "content/guide/a.md:4:1",
        &[
            "was due on 2026-03-01",
            "before today (2026-07-01)",
            "/guide/a/ and 2 more",
            "[review/overdue]",
            "set `reviewed`",
        ],
    );
    // Given by `next_review`: at its line.
    find(
        text,
        "warning",
        "content/guide/b.md:5:1",
        &["was due on 2026-06-30", "[review/overdue]"],
    );
    assert_eq!(text.matches("[review/overdue]").count(), 2, "{text}");
    assert!(
        text.contains("Pages overdue for review (today is 2026-07-01)"),
        "{text}"
    );

    let json = check_json(&site, &["--today", "2026-07-01"]);
    assert_eq!(json["today"], "2026-07-01");
    let overdue = json["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 2, "{json:#}");
    assert_eq!(
        overdue[0],
        serde_json::json!({
            "file": "content/guide/a.md", "line": 4, "column": 1,
            "reviewed": "2025-03-01", "next_review": "2026-03-01",
            "urls": ["/guide/a/", "/carer/guide/a/", "/easy-read/guide/a/"]
        })
    );
    assert_eq!(overdue[1]["file"], "content/guide/b.md");
    assert_eq!(overdue[1]["next_review"], "2026-06-30");
    let warnings = overdue_warnings(&json);
    assert_eq!(warnings.len(), 2, "{json:#}");
    assert_eq!(warnings[1]["line"], 5);
    assert_eq!(warnings[1]["severity"], "warning");

    // --deny-warnings makes them fail the run; site.yaml can make the
    // rule an error, or turn it off.
    assert!(
        !site
            .check(&["--today", "2026-07-01", "--deny-warnings"])
            .success
    );
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\ncheck:\n  rules:\n    review/overdue: off\n",
    );
    let json = check_json(&site, &["--today", "2026-07-01"]);
    assert!(overdue_warnings(&json).is_empty(), "{json:#}");
}

#[test]
fn check_does_not_warn_before_or_on_the_day_the_review_is_due() {
    let site = TestSite::new();
    site.page(
        "a.md",
        "title: A\nreviewed: 2026-01-10\nnext_review: 2026-06-30",
        "Text.",
    );
    site.page("b.md", "title: B", "No dates.");
    for today in ["2026-01-11", "2026-06-30"] {
        let json = check_json(&site, &["--today", today]);
        assert!(overdue_warnings(&json).is_empty(), "{today}: {json:#}");
        assert_eq!(json["overdue"], serde_json::json!([]), "{today}");
        assert_eq!(json["today"], today);
    }
    let text = site.check(&["--today", "2026-06-30"]).stdout;
    assert!(!text.contains("overdue"), "{text}");
    // A --today that is not a day is refused, naming it.
    let run = site.check(&["--today", "2026-02-30"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("`2026-02-30` is not a day written YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}
