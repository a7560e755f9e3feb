//! A page file: its YAML front-matter, parsed into typed keys, and its body.

use crate::diagnostic::Diagnostic;
pub(crate) use crate::util::day::Day;
use crate::yaml::{curly_quoted_values, yaml_diagnostic};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a page is for, which decides its layout.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// An ordinary page.
    #[default]
    Page,
    /// An agreement with fill-in fields and signature lines.
    Contract,
    /// A form to fill in at each meeting or reflection.
    Log,
    /// One sheet of large type for a wall.
    Poster,
    /// A worksheet, maybe with a drawing.
    Activity,
}

impl Kind {
    /// The name used in front-matter and template file names.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Contract => "contract",
            Kind::Log => "log",
            Kind::Poster => "poster",
            Kind::Activity => "activity",
        }
    }

    /// Whether pages of this kind are printable by default.
    pub(crate) fn printable(self) -> bool {
        !matches!(self, Kind::Page)
    }
}

/// The sheet a page prints on.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
pub(crate) enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// ISO A3, 297 × 420 mm.
    A3,
    /// ISO A5, 148 × 210 mm.
    A5,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// Which way up the sheet is.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Orientation {
    /// Taller than wide.
    #[default]
    Portrait,
    /// Wider than tall.
    Landscape,
}

/// The kind of activity a page of kind `activity` is.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Activity {
    /// A worksheet with no drawing.
    Worksheet,
    /// The Tree of Life: a drawn tree whose parts carry prompts.
    TreeOfLife,
}

/// The parts of a Tree of Life, each with its prompt.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TreeParts {
    /// The prompt beside the tree's roots.
    roots: Option<String>,
    /// The prompt beside the ground the tree stands on.
    ground: Option<String>,
    /// The prompt beside the tree's trunk.
    trunk: Option<String>,
    /// The prompt beside the tree's branches.
    branches: Option<String>,
    /// The prompt beside the tree's leaves.
    leaves: Option<String>,
    /// The prompt beside the tree's fruits.
    fruits: Option<String>,
    /// The prompt beside the storm cloud (drawn only when given).
    storms: Option<String>,
}

impl TreeParts {
    /// The parts given, from the bottom of the tree up, as (part, prompt).
    pub(crate) fn bottom_up(&self) -> Vec<(&'static str, String)> {
        [
            ("roots", &self.roots),
            ("ground", &self.ground),
            ("trunk", &self.trunk),
            ("branches", &self.branches),
            ("leaves", &self.leaves),
            ("fruits", &self.fruits),
            ("storms", &self.storms),
        ]
        .into_iter()
        .filter_map(|(part, prompt)| prompt.clone().map(|p| (part, p)))
        .collect()
    }
}

/// Front-matter as written in one file: every key optional, since a variant
/// may leave out what its base page gives.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The page's title.
    pub title: Option<String>,
    /// One or two sentences for listings and the meta description.
    pub summary: Option<String>,
    /// Order within its section.
    pub weight: Option<i64>,
    /// What the page is for.
    pub kind: Option<Kind>,
    /// The audiences it is for (a base page only).
    pub audiences: Option<Vec<String>>,
    /// Built only with `--drafts`.
    pub draft: Option<bool>,
    /// Replaces the file name in the URL (a base page only).
    pub slug: Option<String>,
    /// Whether it gets a printable PDF.
    pub pdf: Option<bool>,
    /// The sheet it prints on.
    pub paper: Option<Paper>,
    /// Which way up it prints.
    pub orientation: Option<Orientation>,
    /// Whether a page with four or more `##` headings gets a contents
    /// list of them at the top. Default: true.
    pub toc: Option<bool>,
    /// A picture for the page in listings and Previous/Next links of
    /// themes with picture rows (easy read): a file in content/, relative
    /// to this file or, starting with `/`, to content/.
    pub picture: Option<String>,
    /// Free-form values for templates.
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub extra: Option<serde_yaml::Value>,
    /// Which activity (kind `activity` only).
    pub activity: Option<Activity>,
    /// How long the activity takes (kind `activity` only).
    pub duration: Option<String>,
    /// The Tree of Life's prompts (`activity: tree-of-life` only).
    pub tree: Option<TreeParts>,
    /// The page's version, as its printed sheets show it: a number or
    /// text (`2`, `"2a"`), checked when the page's settings are merged.
    #[schemars(with = "Option<serde_json::Value>")]
    pub version: Option<serde_yaml::Value>,
    /// The day the page was last reviewed, `YYYY-MM-DD`, checked when the
    /// page's settings are merged.
    pub reviewed: Option<String>,
    /// The day the page's next review is due, `YYYY-MM-DD`, after
    /// `reviewed`. Default: `review_months` (site.yaml) after `reviewed`.
    pub next_review: Option<String>,
}

/// `version:` as text, when it is written as text or a number (`2`,
/// `2.1`); `None` for anything else.
pub(crate) fn version_text(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(text) => Some(text.clone()),
        serde_yaml::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl FrontMatter {
    /// The JSON Schema of front-matter, made from this type.
    pub(crate) fn schema() -> schemars::Schema {
        schemars::schema_for!(FrontMatter)
    }

    /// This file's keys, with `base`'s filling in the ones it leaves out.
    pub(crate) fn over(&self, base: &FrontMatter) -> FrontMatter {
        macro_rules! pick {
            ($($key:ident),*) => {
                FrontMatter { $($key: self.$key.clone().or_else(|| base.$key.clone()),)* }
            };
        }
        pick!(
            title,
            summary,
            weight,
            kind,
            audiences,
            draft,
            slug,
            pdf,
            paper,
            orientation,
            toc,
            picture,
            extra,
            activity,
            duration,
            tree,
            version,
            reviewed,
            next_review
        )
    }
}

/// One Markdown file of the site.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path shown in messages, relative to the site root
    /// (`content/guide/prepare.md`).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
    /// The YAML between the `---` lines.
    pub yaml: std::ops::Range<usize>,
    /// Where the body starts in `text`.
    pub body_start: usize,
    /// The parsed front-matter.
    pub front: FrontMatter,
    /// Problems in the front-matter that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl SourceFile {
    /// Splits and parses a page file; `path` is the name shown in messages.
    pub(crate) fn parse(path: &Path, text: String) -> Result<SourceFile, Diagnostic> {
        let (yaml, body_start) = split_front_matter(&text).map_err(|missing| match missing {
            Missing::Opening => Diagnostic::error(path, "the page has no front-matter")
                .at(1, 1)
                .with_hint(
                    "start the file with a line `---`, then `title: ...`, then another line `---`",
                ),
            Missing::Closing => Diagnostic::error(
                path,
                "the front-matter starting on line 1 is never closed with `---`",
            )
            .at(1, 1)
            .with_hint("put a line `---` after the last `key: value` line, before the page's text"),
        })?;
        let yaml_text = &text[yaml.clone()];
        let front = if yaml_text.trim().is_empty() {
            FrontMatter::default()
        } else {
            serde_yaml::from_str(yaml_text)
                .map_err(|error| yaml_diagnostic(path, yaml_text, &error, 2))?
        };
        let warnings = curly_quoted_values(path, yaml_text, 2);
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
            yaml,
            body_start,
            front,
            warnings,
        })
    }

    /// The body: the Markdown after the front-matter.
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The 1-based line of the body's first line.
    pub(crate) fn body_first_line(&self) -> usize {
        self.text[..self.body_start].matches('\n').count() + 1
    }

    /// The line and column of a top-level front-matter key, if present.
    pub(crate) fn key_place(&self, key: &str) -> Option<(usize, usize)> {
        crate::yaml::key_line(&self.text[self.yaml.clone()], key).map(|line| (line + 1, 1))
    }
}

/// What is missing from a page that does not start with front-matter.
enum Missing {
    /// The first line is not `---`.
    Opening,
    /// No later line is `---`.
    Closing,
}

/// Finds the YAML between a first line `---` and the next `---` line,
/// returning its byte range and where the body starts.
fn split_front_matter(text: &str) -> Result<(std::ops::Range<usize>, usize), Missing> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| i + start);
    if text[start..first_end].trim_end() != "---" {
        return Err(Missing::Opening);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "---" {
            let body_start = (line_end + 1).min(text.len());
            return Ok((yaml_start..line_start, body_start));
        }
        line_start = line_end + 1;
    }
    Err(Missing::Closing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: A\n---\nBody\n".to_string();
        let file = SourceFile::parse(Path::new("a.md"), text).unwrap();
        assert_eq!(file.front.title.as_deref(), Some("A"));
        assert_eq!(file.body(), "Body\n");
        assert_eq!(file.body_first_line(), 4);
    }

    #[test]
    fn unknown_key_is_placed_at_its_line() {
        let text = "---\ntitle: A\ntitel: B\n---\n".to_string();
        let error = SourceFile::parse(Path::new("a.md"), text).unwrap_err();
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.contains("unknown key `titel`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn tree_parts_come_bottom_up() {
        let text = "---\ntitle: T\ntree:\n  fruits: F\n  roots: R\n---\n".to_string();
        let file = SourceFile::parse(Path::new("a.md"), text).unwrap();
        let parts = file.front.tree.unwrap().bottom_up();
        assert_eq!(
            parts,
            vec![("roots", "R".to_string()), ("fruits", "F".to_string())]
        );
    }
}
