//! Finding the files of a site: Markdown pages (and their audience
//! variants) in `content/`, and the other files that are copied as they are.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file found in `content/`.
#[derive(Debug)]
pub struct MarkdownFile {
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
pub struct CopiedFile {
    /// Where it goes in the output, relative to the root, `/`-separated.
    pub output: String,
    /// Where it is on disk.
    pub source: PathBuf,
    /// The path shown in messages (`static/logo.svg`).
    pub shown: PathBuf,
}

/// Everything found under `content/` and `static/`.
#[derive(Debug, Default)]
pub struct Found {
    /// The Markdown pages.
    pub markdown: Vec<MarkdownFile>,
    /// The other files, from `content/` and `static/`.
    pub copied: Vec<CopiedFile>,
}

/// Walks `content/` and `static/` under `root`. Hidden files and folders
/// (names starting with `.`) are passed over.
pub fn find(root: &Path, audiences: &[&str], problems: &mut Vec<Diagnostic>) -> Found {
    let mut found = Found::default();
    for (rel, path) in walk(&root.join("content"), problems) {
        let shown = Path::new("content").join(&rel);
        if let Some(name) = rel.strip_suffix(".md") {
            let (folder, file) = match name.rsplit_once('/') {
                Some((folder, file)) => (folder.to_string(), file),
                None => (String::new(), name),
            };
            let (stem, audience) = match file.rsplit_once('.') {
                Some((stem, x)) if audiences.contains(&x) => {
                    (stem.to_string(), Some(x.to_string()))
                }
                Some((stem, x)) => {
                    problems.push(
                        Diagnostic::error(&shown, format!("`{x}` in the file name `{file}.md` is not an audience of this site"))
                            .with_hint(format!(
                                "a variant's name ends with an audience id ({}); for a page of its own, use a hyphen: `{stem}-{x}.md`",
                                audiences.join(", ")
                            )),
                    );
                    continue;
                }
                None => (file.to_string(), None),
            };
            found.markdown.push(MarkdownFile {
                rel,
                folder,
                stem,
                audience,
            });
        } else {
            found.copied.push(CopiedFile {
                output: rel,
                source: path,
                shown,
            });
        }
    }
    for (rel, path) in walk(&root.join("static"), problems) {
        let shown = Path::new("static").join(&rel);
        found.copied.push(CopiedFile {
            output: rel,
            source: path,
            shown,
        });
    }
    found
}

/// The files under `dir`, as (path relative to `dir` with `/`, full path),
/// sorted by name. A missing folder has no files.
fn walk(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push((rel.join("/"), entry.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(error) => {
                let shown = error
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                problems.push(Diagnostic::error(shown, format!("cannot read: {error}")));
            }
        }
    }
    files
}
