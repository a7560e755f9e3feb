//! The browser the PDF and accessibility tests need, and what a test does
//! when a tool it needs is missing: under CI it fails, naming the tool and
//! how to install it; elsewhere it prints "skipped: …" and passes, so that
//! `cargo test` works on a machine without them.

use std::io::Write;
use std::path::PathBuf;

/// How to get a browser, for the messages of skipped and failed PDF tests.
const INSTALL: &str = "apt-get install chromium, or set SIGNPOST_BROWSER to a Chromium or Chrome";

/// Whether CI is set (to anything but "", "0" or "false").
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Stops a test that cannot run: panics with `failure` under CI, otherwise
/// prints "skipped: `skipped`". The test returns after calling this.
pub(crate) fn skip_or_fail(failure: &str, skipped: &str) {
    if in_ci() {
        panic!("{failure}");
    }
    // Straight to stderr, not eprintln!, so that it shows without --nocapture.
    let _ = writeln!(std::io::stderr(), "skipped: {skipped}");
}

/// The browser to print with: SIGNPOST_BROWSER or CHROME, else
/// /usr/bin/chromium, else `chromium` or `google-chrome` on the PATH.
pub(crate) fn find_browser() -> Option<PathBuf> {
    let named = ["SIGNPOST_BROWSER", "CHROME"]
        .into_iter()
        .filter_map(std::env::var_os)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| ["chromium", "google-chrome"].map(|name| dir.join(name)));
    named
        .chain([PathBuf::from("/usr/bin/chromium")])
        .chain(on_path)
        .find(|path| path.is_file())
}

/// Returns false (and says why) when a PDF test should stop here: there is
/// no browser and CI is not set. Panics when there is no browser under CI.
pub(crate) fn browser_or_skip() -> bool {
    if find_browser().is_some() {
        return true;
    }
    let why = "no Chromium or Chrome was found";
    skip_or_fail(
        &format!("PDFs cannot be printed: {why}. Install one: {INSTALL}"),
        &format!("{why} ({INSTALL})"),
    );
    false
}

/// The Chromium the accessibility checkers drive: CHROMIUM, else
/// /usr/bin/chromium (tests/a11y/lib.mjs reads the same variable).
pub(crate) fn checkers_chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}
