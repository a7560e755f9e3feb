//! The accessibility checkers outside Cargo (axe-core and the keyboard and
//! reflow walks in tests/a11y on Node and Chromium, the Nu HTML checker on
//! Java), whether they are installed, and running them on a built site.
//! Where one is missing a test prints "skipped: …", or fails under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::browser::{checkers_chromium, skip_or_fail};

/// How to install every tool these tests use (Debian or Ubuntu).
const INSTALL: &str = "apt-get install -y chromium default-jre-headless nodejs npm \
     fonts-dejavu-core fonts-liberation && (cd tests/a11y && \
     PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts)";

/// tests/a11y: the Node checkers and their pinned packages.
pub(crate) fn a11y_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("a11y")
}

/// The Nu HTML checker, from the vnu-jar package.
pub(crate) fn vnu_jar() -> PathBuf {
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
pub(crate) enum Need {
    /// Node.js, which runs the scripts in tests/a11y.
    Node,
    /// The Chromium those scripts drive.
    Chromium,
    /// Java, which runs the Nu HTML checker.
    Java,
    /// tests/a11y's installed packages.
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
pub(crate) fn tools_ready(needs: &[Need]) -> bool {
    let Some(why) = missing(needs) else {
        return true;
    };
    skip_or_fail(
        &format!("accessibility checks cannot run: {why}.\nInstall the tools with:\n  {INSTALL}"),
        &format!("{why} (install with: {INSTALL})"),
    );
    false
}

/// Runs a checker; panics with everything it printed if it fails.
pub(crate) fn run_checker(what: &str, command: &mut Command) {
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

/// Runs axe-core (WCAG 2.2 A and AA) on every page of the built site in
/// `public`; panics with its findings. Call after `tools_ready` with
/// [`AXE_NEEDS`].
pub(crate) fn axe(public: &Path) {
    run_checker(
        "axe-core (tests/a11y/axe.mjs)",
        Command::new("node")
            .arg(a11y_dir().join("axe.mjs"))
            .arg(public)
            .env("CHROMIUM", checkers_chromium()),
    );
}

/// What [`axe`] needs.
pub(crate) const AXE_NEEDS: [Need; 3] = [Need::Node, Need::Chromium, Need::NodeModules];

/// Runs the Nu HTML checker on every page of the built site in `public`;
/// panics with its errors. Call after `tools_ready` with [`VNU_NEEDS`].
pub(crate) fn vnu(public: &Path) {
    run_checker(
        "the Nu HTML checker (vnu.jar --skip-non-html --errors-only)",
        Command::new("java")
            .arg("-jar")
            .arg(vnu_jar())
            .args(["--skip-non-html", "--errors-only"])
            .arg(public),
    );
}

/// What [`vnu`] needs.
pub(crate) const VNU_NEEDS: [Need; 2] = [Need::Java, Need::NodeModules];
