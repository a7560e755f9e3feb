//! Reading the diagnostics `signpost` prints on standard error: blocks that
//! start `error:` or `warning:`, each with its `  --> place` and hint lines.

/// The diagnostics printed in `stderr`, each with its `-->` and hint lines.
/// A block runs to the next diagnostic or to the summary line, so that a
/// message of several lines stays whole.
pub(crate) fn diagnostics(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut inside = false;
    for line in stderr.lines() {
        if line.starts_with("error:") || line.starts_with("warning:") {
            blocks.push(line.to_string());
            inside = true;
        } else if line.starts_with("Build failed") || line.starts_with("Built ") {
            inside = false;
        } else if inside {
            let block = blocks.last_mut().expect("a block is open");
            block.push('\n');
            block.push_str(line);
        }
    }
    blocks
}

/// The one diagnostic of this severity placed at `at` (`content/a.md:4:2`,
/// or a file alone) whose text holds every one of `needles`.
#[track_caller]
pub(crate) fn find(stderr: &str, severity: &str, at: &str, needles: &[&str]) -> String {
    // `at` ending in `:` is the start of a place (`content/a.md:4:`).
    let placed = |location: &str| match at.ends_with(':') {
        true => location.starts_with(at),
        false => location == at,
    };
    diagnostics(stderr)
        .into_iter()
        .find(|block| {
            block.starts_with(&format!("{severity}:"))
                && block
                    .lines()
                    .any(|line| line.strip_prefix("  --> ").is_some_and(placed))
                && needles.iter().all(|n| block.contains(n))
        })
        .unwrap_or_else(|| panic!("expected a {severity} at {at} with {needles:?} in:\n{stderr}"))
}

/// Asserts an error at `at` holding every one of `needles`; returns it.
#[track_caller]
pub(crate) fn error_at(stderr: &str, at: &str, needles: &[&str]) -> String {
    find(stderr, "error", at, needles)
}

/// Asserts that one diagnostic of this severity (`error` or `warning`)
/// contains every one of `needles`, ignoring case.
#[track_caller]
pub(crate) fn assert_diagnostic(stderr: &str, severity: &str, needles: &[&str]) {
    let found = diagnostics(stderr).iter().any(|block| {
        let lower = block.to_lowercase();
        block.starts_with(&format!("{severity}:"))
            && needles.iter().all(|n| lower.contains(&n.to_lowercase()))
    });
    assert!(
        found,
        "expected one {severity} with all of {needles:?} in:\n{stderr}"
    );
}

/// Asserts that one error is placed at `at` (`content/a.md:4:`, or just the
/// file) and mentions every one of `words`, ignoring case.
#[track_caller]
pub(crate) fn assert_error(stderr: &str, at: &str, words: &[&str]) {
    let place = format!("--> {at}");
    assert_diagnostic(stderr, "error", &[&[place.as_str()][..], words].concat());
}

/// The number of errors printed, which must agree with the summary line.
#[track_caller]
pub(crate) fn error_count(stderr: &str) -> usize {
    let count = diagnostics(stderr)
        .iter()
        .filter(|d| d.starts_with("error:"))
        .count();
    let summary = format!("Build failed with {count} error");
    assert!(
        stderr.contains(&summary),
        "expected {summary:?} in:\n{stderr}"
    );
    count
}
