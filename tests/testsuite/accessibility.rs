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

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::browser::{checkers_chromium, skip_or_fail};
use crate::harness::TestSite;

/// How to install every tool these tests use (Debian or Ubuntu).
const INSTALL: &str = "apt-get install -y chromium default-jre-headless nodejs npm \
     fonts-dejavu-core fonts-liberation && (cd tests/a11y && \
     PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts)";

/// tests/a11y: the Node checkers and their pinned packages.
fn a11y_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("a11y")
}

/// The Nu HTML checker, from the vnu-jar package.
fn vnu_jar() -> PathBuf {
    a11y_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// Whether `program` starts (`program --version` or similar).
fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// What a checker needs that is missing, if anything.
enum Need {
    Node,
    Chromium,
    Java,
    NodeModules,
}

/// The first of `needs` that is missing, said in words.
fn missing(needs: &[Need]) -> Option<String> {
    for need in needs {
        let gone = match need {
            Need::Node if !runs("node", "--version") => "node (Node.js) is not on PATH".to_string(),
            Need::Java if !runs("java", "-version") => "java is not on PATH".to_string(),
            Need::Chromium if !checkers_chromium().is_file() => {
                format!(
                    "no Chromium at {} (set CHROMIUM to use another)",
                    checkers_chromium().display()
                )
            }
            Need::NodeModules => {
                let dir = a11y_dir().join("node_modules");
                let wanted = [
                    "axe-core/axe.min.js",
                    "playwright-core/package.json",
                    "vnu-jar/build/dist/vnu.jar",
                ];
                match wanted.iter().find(|file| !dir.join(file).is_file()) {
                    Some(file) => {
                        format!("tests/a11y/node_modules is not installed ({file} is missing)")
                    }
                    None => continue,
                }
            }
            _ => continue,
        };
        return Some(gone);
    }
    None
}

/// Returns false (and says why) when the test should stop here: a tool is
/// missing and CI is not set. Panics when a tool is missing under CI.
fn tools_ready(needs: &[Need]) -> bool {
    let Some(why) = missing(needs) else {
        return true;
    };
    skip_or_fail(
        &format!("accessibility checks cannot run: {why}.\nInstall the tools with:\n  {INSTALL}"),
        &format!("{why} (install with: {INSTALL})"),
    );
    false
}

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

/// Runs a checker; panics with everything it printed if it fails.
fn check(what: &str, command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what} did not start: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    // Shown with --nocapture: how many pages were checked.
    println!("{stdout}");
}

#[test]
fn axe_finds_no_wcag_violations_on_any_page() {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    let site = built_example();
    check(
        "axe-core (tests/a11y/axe.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("axe.mjs"))
            .arg(site.output(""))
            .env("CHROMIUM", checkers_chromium()),
    );
}

#[test]
fn every_page_is_valid_html() {
    if !tools_ready(&[Need::Java, Need::NodeModules]) {
        return;
    }
    let site = built_example();
    check(
        "the Nu HTML checker (vnu.jar --skip-non-html --errors-only)",
        Command::new("java")
            .arg("-jar")
            .arg(vnu_jar())
            .args(["--skip-non-html", "--errors-only"])
            .arg(site.output("")),
    );
}

#[test]
fn the_pages_with_fields_work_from_the_keyboard() {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    let site = built_example();
    check(
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
    check(
        "the reflow check at 320px (tests/a11y/reflow.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("reflow.mjs"))
            .arg(site.output(""))
            .env("CHROMIUM", checkers_chromium()),
    );
}
