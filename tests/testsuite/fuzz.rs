//! Fuzzing: site.yaml, front-matter and page bodies made of pieces that
//! have broken signpost before (template tags, YAML punctuation, curly
//! quotes, control characters, links and raw HTML), built and checked in
//! process. Whatever they hold, signpost must not panic or abort, and every
//! error it reports must name a file, in words, not Rust's debug text.
//!
//! Each property runs a bounded number of cases (`FUZZ_CASES`, default
//! 64), so `cargo test` stays quick; set it higher to search longer, as in
//! `FUZZ_CASES=5000 cargo test --release --test testsuite fuzz::`. A failing case is
//! shrunk to a small one and printed; proptest also saves it in
//! `tests/proptest-regressions/fuzz.txt`, which is run first next time.

use proptest::prelude::*;
use signpost::diagnostic::Diagnostic;
use std::panic::AssertUnwindSafe;
use std::path::Path;

/// How many cases each property runs.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        max_shrink_iters: 500,
        ..ProptestConfig::default()
    }
}

/// Pieces of a page body: Tera, Markdown, shortcodes, links and HTML, as
/// they appear in real pages and as they appear broken.
const BODY_PIECES: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{%}",
    "{{}}",
    "{%-",
    "-%}",
    "{{ params.sessions }}",
    "{{ site.organisation }}",
    "{{ page.title }}",
    "{{ audience }}",
    "{{ page.nothing }}",
    "{{ 1 / 0 }}",
    "{{ 5 % 0 }}",
    "{{ 2.5 * 2 }}",
    "{% if audience == \"easy-read\" %}",
    "{% else %}",
    "{% endif %}",
    "{% for x in params.list %}",
    "{{ x }}",
    "{% endfor %}",
    "{% raw %}",
    "{% endraw %}",
    "{% set a = 1 %}",
    "{{ a | upper }}",
    "{{ field(label=\"Name\") }}",
    "{{ field(label=\"\") }}",
    "{{ field() }}",
    "{{ date(label=\"Date\") }}",
    "{{ signature(label=\"Signed\") }}",
    "{{ checkbox(label=\"Yes\") }}",
    "{{ checkbox(label=1) }}",
    "{{ range(end=3) }}",
    "{{ nope() }}",
    "{{ get_env(name=\"HOME\") }}",
    "{% include \"x\" %}",
    "{% macro m() %}{% endmacro m %}",
    "# ",
    "## ",
    "### Heading {#anchor}",
    "{#id}",
    "{#}",
    "\n",
    "\n\n",
    " ",
    "\t",
    "- ",
    "1. ",
    "> ",
    "> [!NOTE]",
    "> [!WARN]",
    "```",
    "```rust",
    "`",
    "*",
    "**",
    "_",
    "~~",
    "|",
    "| a | b |",
    "|---|---|",
    "[^1]",
    "[^1]: note",
    "[link](other.md)",
    "[link](other.md#anchor)",
    "[link](missing.md)",
    "[link](#nowhere)",
    "[link](/x.png)",
    "[link](https://example.org)",
    "[link](mailto:a@b)",
    "[](",
    "](",
    "[",
    "]",
    "(",
    ")",
    "![",
    "![picture](p.png)",
    "![](missing.png)",
    "<img",
    "<img src=\"p.png\">",
    "<img src=\"missing.png\" alt=\"x\">",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<script>",
    "&",
    "&amp;",
    "<",
    ">",
    "\"",
    "'",
    "\\",
    "\u{201c}",
    "\u{201d}",
    "\u{2018}",
    "\u{1b}[31m",
    "\u{0}",
    "\u{7}",
    "\u{feff}",
    "\u{e000}",
    "\u{e001}",
    "\u{e002}",
    "\u{e003}",
    "\u{e004}",
    "\u{e005}",
    "\u{f8ff}",
    "\u{fffd}",
    "é",
    "ŵ",
    "😀",
    "\u{202e}",
    "\r",
    "\r\n",
    "---",
    "...",
    ":",
    "word",
    "Easy read.",
];

/// Pieces of YAML: keys signpost reads, values of every type, and the
/// punctuation and indentation that go wrong.
const YAML_PIECES: &[&str] = &[
    "title",
    "summary",
    "kind",
    "weight",
    "draft",
    "pdf",
    "paper",
    "orientation",
    "audience",
    "audiences",
    "organisation",
    "contact",
    "email",
    "phone",
    "params",
    "language",
    "base_url",
    "theme",
    "extra",
    "id",
    "label",
    "default_audience",
    "sessions",
    "list",
    ": ",
    ":",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    "- ",
    "  ",
    "\t",
    "\"",
    "'",
    "\u{201c}",
    "\u{201d}",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.2",
    "---",
    "...",
    "~",
    "null",
    "true",
    "false",
    "yes",
    "0",
    "-1",
    "1.5",
    "1e400",
    "99999999999999999999999",
    "0x1F",
    ".nan",
    "contract",
    "log",
    "poster",
    "activity",
    "guide",
    "section",
    "A4",
    "A5",
    "A3",
    "letter",
    "landscape",
    "portrait",
    "easy-read",
    "carer",
    "professional",
    "Test",
    "\u{1b}]0;x\u{7}",
    "\u{feff}",
    "é",
    "😀",
    "\r\n",
    "\u{0}",
];

/// A string of `max` pieces or fewer, from `pieces` and a little free text.
fn made_of(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => "[ -~]{0,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|parts| parts.concat())
}

/// A site whose own files are valid, with `site_yaml` and one page made of
/// `front` and `body`, built and checked. Returns every problem reported,
/// or the panic's message.
fn build_and_check(site_yaml: &str, front: &str, body: &str) -> Result<Vec<Diagnostic>, String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("site.yaml", site_yaml);
    write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    write(
        "content/other.md",
        "---\ntitle: Other\n---\n## Anchor\n\nText.\n",
    );
    write("content/p.png", "not really a picture");
    write("content/page.md", &format!("---\n{front}\n---\n{body}"));
    write(
        "content/page.easy-read.md",
        &format!("---\ntitle: Easy\n---\n{body}"),
    );
    let options = signpost::BuildOptions {
        root: root.to_path_buf(),
        out: root.join("public"),
        ..Default::default()
    };
    let run = || {
        let mut problems = match signpost::build(&options) {
            Ok(report) => report.warnings,
            Err(problems) => problems,
        };
        let check = signpost::check(&options, &signpost::check::CheckOptions::default());
        problems.extend(match check {
            Ok(report) => report.diagnostics,
            Err(problems) => problems,
        });
        problems
    };
    std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// Rust's own words that must never reach a comms officer.
const DEBUG_TEXT: &[&str] = &[
    "panicked",
    "Some(",
    "None)",
    "Err(",
    "Ok(",
    "Error {",
    "unix_wait_status",
    "u128",
    "i128",
    "u64",
    "i64",
    "usize",
    "called `",
    "unwrap",
];

/// Panics (failing the case) unless every error names a file and no
/// problem is worded in Rust's debug text.
fn assert_well_reported(problems: &[Diagnostic], root_hint: &Path) {
    for problem in problems {
        if problem.is_error() {
            assert!(
                problem.file.is_some(),
                "an error with no file: {problem} (site in {})",
                root_hint.display()
            );
        }
        let text = problem.to_string();
        for debug in DEBUG_TEXT {
            assert!(!text.contains(debug), "debug text `{debug}` in: {text}");
        }
    }
}

/// A valid site.yaml with the fuzzed text as one more value.
fn site_yaml_with(extra: &str) -> String {
    format!("title: Fuzz\norganisation: Fuzz Council\nparams:\n  sessions: 4\n  list: [a, b]\n{extra}\n")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_body_is_built_or_refused_in_words(body in made_of(BODY_PIECES, 40)) {
        let problems = build_and_check(&site_yaml_with(""), "title: Page", &body)
            .map_err(|panic| TestCaseError::fail(format!("panic: {panic}")))?;
        assert_well_reported(&problems, Path::new("body"));
    }

    #[test]
    fn any_front_matter_is_read_or_refused_in_words(front in made_of(YAML_PIECES, 30)) {
        let problems = build_and_check(&site_yaml_with(""), &format!("title: Page\n{front}"), "Text.\n")
            .map_err(|panic| TestCaseError::fail(format!("panic: {panic}")))?;
        assert_well_reported(&problems, Path::new("front-matter"));
    }

    #[test]
    fn any_site_yaml_is_read_or_refused_in_words(yaml in made_of(YAML_PIECES, 30)) {
        let problems = build_and_check(&site_yaml_with(&yaml), "title: Page", "Text.\n")
            .map_err(|panic| TestCaseError::fail(format!("panic: {panic}")))?;
        assert_well_reported(&problems, Path::new("site.yaml"));
    }

    #[test]
    fn any_whole_site_yaml_is_read_or_refused_in_words(yaml in made_of(YAML_PIECES, 40)) {
        let problems = build_and_check(&yaml, "title: Page", "Text.\n")
            .map_err(|panic| TestCaseError::fail(format!("panic: {panic}")))?;
        assert_well_reported(&problems, Path::new("site.yaml"));
    }
}
