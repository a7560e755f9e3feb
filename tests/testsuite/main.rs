//! signpost's integration tests: one test crate, so `cargo test` links one
//! binary for all of them.
//!
//! # How the suite is organised
//!
//! Each module below tests one area from the outside, mostly by running
//! the real `signpost` binary on a small site in a temporary folder:
//! `build` (pages, audiences, links, themes), `check`, `serve`, `pdf`,
//! `pdf_pagination` (how the example pack's PDFs fall onto sheets),
//! `errors` and `messages` (what a broken site is told), `schema` (the
//! JSON Schemas for editors), `hostile_bodies`
//! and `output_safety` (what a page or a mistake cannot do to the machine),
//! `body_dialect` (page bodies against a snapshot), `publish` (the CI
//! workflows, check's GitHub and GitLab formats, the Dockerfile and the
//! recipes in docs/publish.md), `fuzz` (generated inputs, in process),
//! `example_pack`, `accessibility`, `forms` (the fields on screen: where
//! answers are kept, saved logs, Clear, the page without JavaScript), `languages_print` (right-to-left pages and
//! PDFs per language), `pdf_metadata` (what a PDF says about itself, its
//! running heads and edition, and check's count of its pages), `review_dates`
//! ("Page last reviewed" on pages, the sitemap's lastmod, check's overdue
//! pages), and `init` (a pack started by
//! `signpost init`, built, checked and checked again for accessibility).
//!
//! What the modules share lives in `harness`, one job to a file:
//! `TestSite` (a site in a temporary folder, with runners for build, check
//! and serve), `diagnostics` (reading errors and warnings from stderr),
//! `html` (reading the pages), `server` and `http` (a running `signpost
//! serve` and a client for it), `browser` (finding Chromium, and skipping
//! or failing without it) and `tree` (snapshots of folders that a failed
//! run must leave alone). A helper that a second module needs moves there.
//!
//! # Running part of it
//!
//! Name a module, or a test, after the binary's name:
//!
//! ```sh
//! cargo test --test testsuite serve::
//! cargo test --test testsuite build::drafts_are_built_only_with_drafts
//! cargo test --test testsuite -- --skip accessibility --skip pdf::
//! ```
//!
//! # Tests that need tools from outside Cargo
//!
//! - `pdf` needs Chromium or Chrome (`SIGNPOST_BROWSER`, `CHROME`,
//!   /usr/bin/chromium, or `chromium` or `google-chrome` on the PATH). Its
//!   tests take about two minutes; the `serve` tests about twenty seconds.
//!   `pdf_pagination` needs the browser and pdftotext (poppler-utils).
//! - `accessibility` needs Node with the checkers in tests/a11y installed
//!   (`cd tests/a11y && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci
//!   --ignore-scripts`), Chromium at /usr/bin/chromium or wherever
//!   `CHROMIUM` names (axe-core, the keyboard walk and the reflow check)
//!   and Java (the Nu HTML checker).
//!
//! Where a tool is missing, each test that needs it prints "skipped: …",
//! naming the tool and how to install it, and passes. With the `CI`
//! environment variable set to anything but empty, `0` or `false`, it fails
//! instead, so that CI cannot pass without running it.
//!
//! # Snapshots and regressions
//!
//! `body_dialect` compares pages with tests/snapshots/body_dialect.html.
//! When a change to them is meant, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test testsuite body_dialect::` and read
//! the difference before committing it. `fuzz` runs `FUZZ_CASES` cases
//! (64 by default) of each property; a failing case is kept in
//! tests/proptest-regressions/fuzz.txt and run first next time.

mod harness;

mod accessibility;
mod body_dialect;
mod build;
mod check;
mod errors;
mod example_pack;
mod forms;
mod fuzz;
mod help_and_statements;
mod hostile_bodies;
mod init;
mod languages;
mod languages_print;
mod messages;
mod navigation;
mod output_safety;
mod pdf;
mod pdf_forms;
mod pdf_metadata;
mod pdf_pagination;
mod phrases;
mod publish;
mod review_dates;
mod schema;
mod search;
mod serve;
