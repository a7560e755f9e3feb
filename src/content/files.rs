//! Finding the files of a site: Markdown pages (and their audience
//! variants) in `content/`, and the other files that are copied as they are.

use crate::diagnostic::Diagnostic;
use crate::source::walk::walk;
use std::path::{Path, PathBuf};

/// A Markdown file found in `content/`.
#[derive(Debug)]
pub(crate) struct MarkdownFile {
    /// The path relative to `content/`, with `/` separators.
    pub rel: String,
    /// The folder relative to `content/` (`""` at the top).
    pub folder: String,
    /// The file name without `.md` and without the audience (`prepare`,
    /// `_index`).
    pub stem: String,
    /// The audience of a variant (`prepare.easy-read.md`), if it is one.
    pub audience: Option<String>,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub(crate) struct CopiedFile {
    /// Where it goes in the output, relative to the root, `/`-separated.
    pub output: String,
    /// Where it is on disk.
    pub source: PathBuf,
    /// The path shown in messages (`static/logo.svg`).
    pub shown: PathBuf,
}

/// Everything found under `content/` and `static/`.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The Markdown pages.
    pub markdown: Vec<MarkdownFile>,
    /// The other files, from `content/` and `static/`.
    pub copied: Vec<CopiedFile>,
}

/// Walks `content/` and `static/` under `root` (see [`walk`] for which
/// files are found), sorting out pages from copied files by their names.
pub(crate) fn find(root: &Path, audiences: &[&str], problems: &mut Vec<Diagnostic>) -> Found {
    let mut found = Found::default();
    for (rel, path) in walk(root, "content", problems) {
        let shown = Path::new("content").join(&rel);
        if let Some(name) = rel.strip_suffix(".md") {
            if let Some(page) = markdown_file(&rel, name, &shown, audiences, problems) {
                found.markdown.push(page);
            }
        } else if let Some(renamed) = markdown_lookalike(&rel) {
            // Published as it is, it would put a draft's raw text online.
            problems.push(
                Diagnostic::error(
                    &shown,
                    format!("{} looks like a page, but only a name ending in `.md` (in small letters) makes a page; it would be published as it is", shown.display()),
                )
                .with_hint(format!("rename it `{renamed}`")),
            );
        } else {
            found.copied.extend(copied(rel, path, shown, problems));
        }
    }
    for (rel, path) in walk(root, "static", problems) {
        let shown = Path::new("static").join(&rel);
        found.copied.extend(copied(rel, path, shown, problems));
    }
    found
}

/// A file to copy as it is, if it can be opened. Opened, not read: a file
/// that cannot be read is reported now, as this file's problem, rather
/// than as the output folder's when it is copied there.
fn copied(
    output: String,
    source: PathBuf,
    shown: PathBuf,
    problems: &mut Vec<Diagnostic>,
) -> Option<CopiedFile> {
    match std::fs::File::open(&source) {
        Ok(_) => Some(CopiedFile {
            output,
            source,
            shown,
        }),
        Err(error) => {
            problems.push(crate::source::walk::cannot_read(&shown, &error));
            None
        }
    }
}

/// A Markdown file found as `rel` (`name` is `rel` without `.md`): a page
/// or a variant of one, or `None` when its name is in error.
fn markdown_file(
    rel: &str,
    name: &str,
    shown: &Path,
    audiences: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<MarkdownFile> {
    let (folder, file) = match name.rsplit_once('/') {
        Some((folder, file)) => (folder.to_string(), file),
        None => (String::new(), name),
    };
    let (stem, audience) = match file.rsplit_once('.') {
        Some((stem, x)) if audiences.contains(&x) => (stem.to_string(), Some(x.to_string())),
        Some((stem, x)) => {
            problems.push(not_an_audience(shown, stem, x, audiences));
            return None;
        }
        None => {
            if let Some(warning) = hyphened_audience(shown, file, audiences) {
                problems.push(warning);
            }
            (file.to_string(), None)
        }
    };
    Some(MarkdownFile {
        rel: rel.to_string(),
        folder,
        stem,
        audience,
    })
}

/// The error for `STEM.X.md` where `X` is no audience: most likely a
/// misspelt audience, so the nearest one comes first in the hint.
fn not_an_audience(shown: &Path, stem: &str, x: &str, audiences: &[&str]) -> Diagnostic {
    let hyphened = format!("for a page of its own, use a hyphen: `{stem}-{x}.md`");
    let hint = match nearest_audience(x, audiences) {
        Some(audience) => {
            format!("did you mean `{stem}.{audience}.md`, the `{audience}` version? Or, {hyphened}")
        }
        None => format!(
            "a version for one audience ends with the audience's id ({}); {hyphened}",
            audiences.join(", ")
        ),
    };
    Diagnostic::error(
        shown,
        format!("`{x}` in the file name `{stem}.{x}.md` is not an audience of this site"),
    )
    .with_hint(hint)
}

/// The audience id nearest to `x`, when it is near enough to be what was
/// meant (`easyread`, `Easy-Read` and `easy_read` all mean `easy-read`).
fn nearest_audience<'a>(x: &str, audiences: &[&'a str]) -> Option<&'a str> {
    let x = x.to_lowercase();
    let (distance, audience) = audiences
        .iter()
        .map(|audience| (strsim::levenshtein(&x, audience), *audience))
        .min()?;
    (distance <= 2 || strsim::jaro_winkler(&x, audience) > 0.85).then_some(audience)
}

/// A warning for `NAME-AUDIENCE.md`: it is built as a page of its own,
/// though `NAME.AUDIENCE.md` (a version of NAME for that audience) may
/// have been meant.
fn hyphened_audience(shown: &Path, file: &str, audiences: &[&str]) -> Option<Diagnostic> {
    let (name, audience) = audiences.iter().find_map(|audience| {
        let name = file.strip_suffix(audience)?.strip_suffix('-')?;
        (!name.is_empty()).then_some((name, audience))
    })?;
    Some(
        Diagnostic::warning(
            shown,
            format!("`{file}.md` is built as a page of its own, for every audience"),
        )
        .with_hint(format!(
            "if it is the `{audience}` version of `{name}.md`, rename it `{name}.{audience}.md`"
        )),
    )
}

/// For a file that looks like Markdown but does not end in `.md`
/// (`a.markdown`, `a.MD`, `a.md.txt`), the name it should have.
fn markdown_lookalike(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    [".md.txt", ".markdown", ".mdown", ".mkdn", ".mkd", ".md"]
        .into_iter()
        .find_map(|ending| {
            let stem = name.get(..name.len().checked_sub(ending.len())?)?;
            let matches = name[stem.len()..].eq_ignore_ascii_case(ending);
            (matches && !stem.is_empty()).then(|| format!("{stem}.md"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lookalikes_are_renamed_to_md_and_other_files_are_not() {
        assert_eq!(markdown_lookalike("guide/a.MD").as_deref(), Some("a.md"));
        assert_eq!(markdown_lookalike("b.Md.TXT").as_deref(), Some("b.md"));
        assert_eq!(markdown_lookalike("c.markdown").as_deref(), Some("c.md"));
        assert_eq!(markdown_lookalike("logo.svg"), None);
        assert_eq!(markdown_lookalike("notes.txt"), None);
        // A name whose last letters are not ASCII is not sliced mid-character.
        assert_eq!(markdown_lookalike("x.m\u{212a}d"), None);
    }

    #[test]
    fn the_nearest_audience_is_suggested_only_when_near() {
        let audiences = ["professional", "carer", "easy-read"];
        assert_eq!(nearest_audience("easyread", &audiences), Some("easy-read"));
        assert_eq!(nearest_audience("Easy-Read", &audiences), Some("easy-read"));
        assert_eq!(nearest_audience("carers", &audiences), Some("carer"));
        assert_eq!(nearest_audience("2024", &audiences), None);
    }
}
