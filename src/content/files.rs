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
    /// The file name without `.md`, the audience and the language
    /// (`prepare`, `_index`).
    pub stem: String,
    /// Whose version of the page it is.
    pub key: FileKey,
}

/// Whose version of a page a file is: `NAME.md` is the base, for every
/// audience in the default language; `NAME.A.md` is audience `A`'s,
/// `NAME.L.md` language `L`'s and `NAME.A.L.md` audience `A`'s in `L`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct FileKey {
    /// The audience, for a file of one audience.
    pub audience: Option<String>,
    /// The language, for a file in a language other than the default.
    pub language: Option<String>,
}

impl FileKey {
    /// The key of the file for `audience` (if one) in `language` (if not
    /// the default).
    pub(crate) fn new(audience: Option<&str>, language: Option<&str>) -> FileKey {
        FileKey {
            audience: audience.map(str::to_string),
            language: language.map(str::to_string),
        }
    }

    /// Whether it is the key of `audience` (if one) in `language` (if not
    /// the default).
    pub(crate) fn is(&self, audience: Option<&str>, language: Option<&str>) -> bool {
        self.audience.as_deref() == audience && self.language.as_deref() == language
    }
}

/// The words a file name may end with: the site's audiences and languages.
pub(crate) struct Names<'a> {
    /// The audiences' ids.
    pub audiences: &'a [&'a str],
    /// The ids of the languages other than the default.
    pub languages: &'a [&'a str],
    /// The default language's id, whose pages have no language in their
    /// name.
    pub default_language: &'a str,
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
pub(crate) fn find(root: &Path, names: &Names, problems: &mut Vec<Diagnostic>) -> Found {
    let mut found = Found::default();
    for (rel, path) in walk(root, "content", problems) {
        let shown = Path::new("content").join(&rel);
        if let Some(name) = rel.strip_suffix(".md") {
            if let Some(page) = markdown_file(&rel, name, &shown, names, problems) {
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
/// or a version of one, or `None` when its name is in error.
fn markdown_file(
    rel: &str,
    name: &str,
    shown: &Path,
    names: &Names,
    problems: &mut Vec<Diagnostic>,
) -> Option<MarkdownFile> {
    let (folder, file) = match name.rsplit_once('/') {
        Some((folder, file)) => (folder.to_string(), file),
        None => (String::new(), name),
    };
    let parts: Vec<&str> = file.split('.').collect();
    let is_audience = |x: &str| names.audiences.contains(&x);
    let is_language = |x: &str| names.languages.contains(&x);
    let key = match parts[..] {
        [stem] => {
            if let Some(warning) = hyphened_audience(shown, stem, names.audiences) {
                problems.push(warning);
            }
            FileKey::default()
        }
        [_, x] if is_audience(x) => FileKey::new(Some(x), None),
        [_, x] if is_language(x) => FileKey::new(None, Some(x)),
        [_, a, l] if is_audience(a) && is_language(l) => FileKey::new(Some(a), Some(l)),
        _ => {
            problems.push(name_in_error(shown, &parts, names));
            return None;
        }
    };
    Some(MarkdownFile {
        rel: rel.to_string(),
        folder,
        stem: parts[0].to_string(),
        key,
    })
}

/// The error for a file name whose parts after the first (`NAME.X.md`,
/// `NAME.X.Y.md`) are not an audience, a language, or an audience then a
/// language: most likely a misspelling, so the nearest word comes first in
/// the hint.
fn name_in_error(shown: &Path, parts: &[&str], names: &Names) -> Diagnostic {
    let stem = parts[0];
    let written = format!("{}.md", parts.join("."));
    let hyphen = if parts.len() == 2 {
        "a hyphen"
    } else {
        "hyphens"
    };
    let hyphened = format!(
        "for a page of its own, use {hyphen}: `{}.md`",
        parts.join("-")
    );
    let error = |message: String, hint: String| Diagnostic::error(shown, message).with_hint(hint);
    match parts[1..] {
        [x] if x == names.default_language => error(
            format!("`{x}` in the file name `{written}` is the site's default language"),
            format!("a page in the default language has no language in its name: `{stem}.md`"),
        ),
        [l, a] if names.languages.contains(&l) && names.audiences.contains(&a) => error(
            format!("the file name `{written}` has the language before the audience"),
            format!("put the audience first: `{stem}.{a}.{l}.md`"),
        ),
        [a, x] if names.audiences.contains(&a) => {
            let hint = match nearest(x, names.languages) {
                Some(l) => format!("did you mean `{stem}.{a}.{l}.md`, the `{a}` version in `{l}`?"),
                None if x == names.default_language => format!(
                    "a page in the default language has no language in its name: `{stem}.{a}.md`"
                ),
                None => format!(
                    "after the audience comes one of the site's languages ({}); {hyphened}",
                    list(names.languages)
                ),
            };
            error(
                format!("`{x}` in the file name `{written}` is not a language of this site"),
                hint,
            )
        }
        [x] => {
            let words: Vec<&str> = names.audiences.iter().chain(names.languages).copied().collect();
            let hint = match nearest(x, &words) {
                Some(w) if names.audiences.contains(&w) => {
                    format!("did you mean `{stem}.{w}.md`, the `{w}` version? Or, {hyphened}")
                }
                Some(w) => format!("did you mean `{stem}.{w}.md`, the version in `{w}`? Or, {hyphened}"),
                None => format!(
                    "a version for one audience ends with the audience's id ({}); {hyphened}",
                    list(&words)
                ),
            };
            let what = if names.languages.is_empty() {
                "an audience"
            } else {
                "an audience or a language"
            };
            error(
                format!("`{x}` in the file name `{written}` is not {what} of this site"),
                hint,
            )
        }
        _ => error(
            format!("the file name `{written}` has more parts than a page's name may"),
            format!(
                "a page's file is NAME.md, NAME.AUDIENCE.md, NAME.LANGUAGE.md or NAME.AUDIENCE.LANGUAGE.md; {hyphened}"
            ),
        ),
    }
}

/// Words as a list for a message: `a, b, c`.
fn list(words: &[&str]) -> String {
    words.join(", ")
}

/// The word of `words` nearest to `x`, when it is near enough to be what
/// was meant (`easyread`, `Easy-Read` and `easy_read` all mean
/// `easy-read`).
fn nearest<'a>(x: &str, words: &[&'a str]) -> Option<&'a str> {
    let x = x.to_lowercase();
    let (distance, word) = words
        .iter()
        .map(|word| (strsim::levenshtein(&x, &word.to_lowercase()), *word))
        .min()?;
    (distance <= 2 || strsim::jaro_winkler(&x, &word.to_lowercase()) > 0.85).then_some(word)
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
        assert_eq!(nearest("easyread", &audiences), Some("easy-read"));
        assert_eq!(nearest("Easy-Read", &audiences), Some("easy-read"));
        assert_eq!(nearest("carers", &audiences), Some("carer"));
        assert_eq!(nearest("2024", &audiences), None);
    }

    fn key_of(file: &str) -> Result<FileKey, String> {
        let names = Names {
            audiences: &["professional", "easy-read"],
            languages: &["cy", "pa-Guru"],
            default_language: "en-GB",
        };
        let mut problems = Vec::new();
        let name = file.trim_end_matches(".md");
        match markdown_file(file, name, Path::new(file), &names, &mut problems) {
            Some(found) => Ok(found.key),
            None => Err(format!(
                "{} / {}",
                problems[0].message,
                problems[0].hint.clone().unwrap_or_default()
            )),
        }
    }

    #[test]
    fn a_file_name_says_its_audience_then_its_language() {
        assert_eq!(key_of("prepare.md"), Ok(FileKey::default()));
        assert_eq!(
            key_of("prepare.easy-read.md"),
            Ok(FileKey::new(Some("easy-read"), None))
        );
        assert_eq!(key_of("prepare.cy.md"), Ok(FileKey::new(None, Some("cy"))));
        assert_eq!(
            key_of("prepare.pa-Guru.md"),
            Ok(FileKey::new(None, Some("pa-Guru")))
        );
        assert_eq!(
            key_of("prepare.easy-read.cy.md"),
            Ok(FileKey::new(Some("easy-read"), Some("cy")))
        );
    }

    #[test]
    fn a_file_name_in_the_wrong_order_or_misspelt_says_what_was_meant() {
        let said = |file| key_of(file).unwrap_err();
        assert!(said("prepare.cy.easy-read.md")
            .contains("put the audience first: `prepare.easy-read.cy.md`"));
        assert!(said("prepare.en-GB.md").contains("has no language in its name: `prepare.md`"));
        assert!(
            said("prepare.cym.md").contains("did you mean `prepare.cy.md`, the version in `cy`?")
        );
        assert!(said("prepare.easy-read.cyy.md").contains("did you mean `prepare.easy-read.cy.md`"));
        assert!(said("prepare.easyread.md")
            .contains("did you mean `prepare.easy-read.md`, the `easy-read` version?"));
        assert!(said("a.b.c.d.md").contains("more parts than a page's name may"));
    }
}
