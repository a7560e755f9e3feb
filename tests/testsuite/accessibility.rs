//! Accessibility checks on the bundled example pack, built for every
//! audience: axe-core (WCAG 2.2 A and AA rules) on every page, the Nu HTML
//! checker on every page, a keyboard walk through the pages with fields, and
//! a reflow check (no page scrolls sideways at 320px). axe-core and the
//! reflow check see the pack built with its PDFs, so its downloads pages
//! too; the reflow check is itself tried on pages made to fail it.
//!
//! The checkers are test-only tools outside Cargo: Node with the packages in
//! tests/a11y (axe-core, playwright-core, vnu-jar), the system's Chromium
//! and Java. Where one is missing these tests print "skipped: …" and pass,
//! unless the environment variable CI is set: then they fail, naming the
//! tool and how to install it.

use std::process::Command;

use crate::harness::a11y::{
    a11y_dir, axe, run_checker, tools_ready, vnu, Need, AXE_NEEDS, VNU_NEEDS,
};
use crate::harness::browser::checkers_chromium;
use crate::harness::TestSite;

/// The example pack, built into a temporary folder.
fn built_example() -> TestSite {
    built_example_with(&[])
}

/// The example pack built with its PDFs, printed by the checkers'
/// Chromium, so that each audience's downloads page is checked too.
fn built_example_with_pdfs() -> TestSite {
    let browser = checkers_chromium();
    let site = built_example_with(&["--pdf", "--browser", browser.to_str().unwrap()]);
    assert!(
        site.exists("easy-read/downloads/index.html"),
        "the example pack built no downloads page"
    );
    site
}

/// The example pack, built with `args` into a temporary folder.
fn built_example_with(args: &[&str]) -> TestSite {
    let site = TestSite::example();
    site.build_ok(args);
    assert!(
        site.exists("index.html"),
        "the example pack built no home page"
    );
    site
}

#[test]
fn axe_finds_no_wcag_violations_on_any_page() {
    if !tools_ready(&AXE_NEEDS) {
        return;
    }
    axe(&built_example_with_pdfs().output(""));
}

#[test]
fn every_page_is_valid_html() {
    if !tools_ready(&VNU_NEEDS) {
        return;
    }
    vnu(&built_example().output(""));
}

#[test]
fn the_pages_with_fields_and_the_search_pages_work_from_the_keyboard() {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    let site = built_example();
    run_checker(
        "the keyboard walk (tests/a11y/keyboard.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("keyboard.mjs"))
            .arg(site.output(""))
            .env("CHROMIUM", checkers_chromium()),
    );
}

#[test]
fn no_page_scrolls_sideways_at_320_pixels() {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    let site = built_example_with_pdfs();
    run_checker(
        "the reflow check at 320px (tests/a11y/reflow.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("reflow.mjs"))
            .arg(site.output(""))
            .env("CHROMIUM", checkers_chromium()),
    );
}

#[test]
fn the_reflow_check_fails_what_is_wider_than_the_screen_unless_it_scrolls_in_its_own_box() {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    // tests/a11y/fixtures/reflow: a page for each case, by its folder.
    let output = Command::new("node")
        .arg(a11y_dir().join("reflow.mjs"))
        .arg(a11y_dir().join("fixtures").join("reflow"))
        .env("CHROMIUM", checkers_chromium())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let failed = |page: &str| stdout.contains(&format!("/{page}/index.html: "));
    // A table as wide as the old downloads page's, in no box that
    // scrolls; a table with no header cells, even in one; and code in a
    // block that does not scroll.
    for page in ["wide-table", "wide-layout-table", "wide-code"] {
        assert!(failed(page), "{page} passed:\n{stdout}");
    }
    // A data table or code that scrolls in a box of its own, and a page
    // that fits.
    for page in ["table-in-region", "code-in-region", "fits"] {
        assert!(!failed(page), "{page} failed:\n{stdout}");
    }
    assert!(stdout.contains("checked 6 pages"), "{stdout}");
}
