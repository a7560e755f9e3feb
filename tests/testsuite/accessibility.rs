//! Accessibility checks on the bundled example pack, built for every
//! audience: axe-core (WCAG 2.2 A and AA rules) on every page, the Nu HTML
//! checker on every page, a keyboard walk through the pages with fields, and
//! a reflow check (no page scrolls sideways at 320px).
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
    let site = TestSite::example();
    site.build_ok(&[]);
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
    axe(&built_example().output(""));
}

#[test]
fn every_page_is_valid_html() {
    if !tools_ready(&VNU_NEEDS) {
        return;
    }
    vnu(&built_example().output(""));
}

#[test]
fn the_pages_with_fields_work_from_the_keyboard() {
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
    let site = built_example();
    run_checker(
        "the reflow check at 320px (tests/a11y/reflow.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("reflow.mjs"))
            .arg(site.output(""))
            .env("CHROMIUM", checkers_chromium()),
    );
}
