//! A page version's settings: its front-matter merged with that of the
//! less specific files it builds on, checked against its kind, with every
//! default filled in.

use super::files::FileKey;
use super::frontmatter::{Activity, Day, FrontMatter, Kind, Orientation, Paper, SourceFile};
use super::review::{self, DatePlace};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// The settings of one version of a page, as templates see them in `page`.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Meta {
    /// The page's title.
    pub title: String,
    /// One or two sentences for listings and the meta description.
    pub summary: Option<String>,
    /// Order within its section; lower comes first.
    pub weight: Option<i64>,
    /// What the page is for.
    pub kind: Kind,
    /// Whether it is a draft.
    pub draft: bool,
    /// Whether it gets a printable PDF.
    pub pdf: bool,
    /// The sheet it prints on.
    pub paper: Paper,
    /// Which way up it prints.
    pub orientation: Orientation,
    /// Whether it gets a contents list when it has four or more `##`
    /// headings. Templates see `page.contents` instead, since `page.toc`
    /// is every heading.
    #[serde(skip)]
    pub toc: bool,
    /// Its picture for listings, as written in its front-matter.
    pub picture: Option<String>,
    /// Free-form values from `extra:`.
    pub extra: serde_json::Value,
    /// For an activity: which one.
    pub activity: Option<Activity>,
    /// For an activity: how long it takes.
    pub duration: Option<String>,
    /// For a Tree of Life: each part given and its prompt, as written.
    pub tree: serde_json::Map<String, serde_json::Value>,
    /// For a Tree of Life: its parts bottom-up, each with its prompt.
    pub tree_parts: Vec<TreePart>,
    /// The audiences the base page is for (every audience by default).
    pub audiences: Vec<String>,
    /// The base page's `slug`, if it has one.
    pub slug: Option<String>,
    /// The page's version, as written (`2`).
    pub version: Option<String>,
    /// The day it was last reviewed.
    pub reviewed: Option<Day>,
    /// The day its next review is due: as written, else `review_months`
    /// after `reviewed`.
    pub next_review: Option<Day>,
    /// The front-matter line that decides `next_review`, for `check`'s
    /// warning when it has passed.
    #[serde(skip)]
    pub next_review_at: Option<DatePlace>,
}

/// One part of a Tree of Life drawing.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct TreePart {
    /// `roots`, `ground`, `trunk`, `branches`, `leaves`, `fruits` or `storms`.
    pub part: String,
    /// What to write there.
    pub prompt: String,
}

impl Meta {
    /// The settings of a generated page (a home page with no `_index.md`).
    pub(crate) fn generated(title: &str) -> Meta {
        Meta {
            title: title.to_string(),
            summary: None,
            weight: None,
            kind: Kind::Page,
            draft: false,
            pdf: false,
            paper: Paper::A4,
            orientation: Orientation::Portrait,
            toc: true,
            picture: None,
            extra: serde_json::Value::Object(Default::default()),
            activity: None,
            duration: None,
            tree: Default::default(),
            tree_parts: Vec::new(),
            audiences: Vec::new(),
            slug: None,
            version: None,
            reviewed: None,
            next_review: None,
            next_review_at: None,
        }
    }

    /// Merges the files that make a version (`chain`, the most specific
    /// first, at least one) and checks the result. Each key comes from the
    /// first file that sets it, except `title` and `summary`, which come
    /// only from files in the version's language. `audiences` are the
    /// site's, for the default of `audiences`; `review_months` is
    /// site.yaml's, for the default of `next_review`.
    pub(crate) fn resolve(
        chain: &[(&FileKey, &SourceFile)],
        audiences: &[&str],
        review_months: u32,
    ) -> Result<Meta, Vec<Diagnostic>> {
        let (own_key, own) = chain[0];
        let mut front = chain
            .iter()
            .rev()
            .fold(FrontMatter::default(), |merged, (_, file)| {
                file.front.over(&merged)
            });
        // Titles and summaries never cross languages.
        let in_language = || {
            chain
                .iter()
                .filter(|(key, _)| key.language == own_key.language)
        };
        front.title = in_language().find_map(|(_, file)| file.front.title.clone());
        front.summary = in_language().find_map(|(_, file)| file.front.summary.clone());
        // The file that set a key, for placing a problem with it.
        let setter = |key: &str| -> (&SourceFile, Option<(usize, usize)>) {
            for (_, file) in chain {
                if let Some(place) = file.key_place(key) {
                    return (file, Some(place));
                }
            }
            (own, None)
        };
        let mut problems = Vec::new();
        let problem = |key: &str, message: String, hint: &str| {
            let (file, place) = setter(key);
            // A more specific file that changes the kind is what makes an
            // inherited key wrong: point at its `kind`.
            let changer = chain
                .iter()
                .take_while(|(_, f)| !std::ptr::eq(*f, file))
                .find_map(|(_, f)| Some((f, f.key_place("kind")?)));
            if let Some((variant, kind_place)) = changer {
                return Diagnostic::error(
                    &variant.path,
                    format!(
                        "{message}; this variant sets `kind`, and inherits `{key}` from {}",
                        file.path.display()
                    ),
                )
                .at(kind_place.0, kind_place.1)
                .with_hint(hint);
            }
            Diagnostic::error(&file.path, message)
                .at_opt(place)
                .with_hint(hint)
        };

        for (key, file) in chain {
            let refused: &[&str] = match (&key.audience, &key.language) {
                (None, None) => &[],
                (Some(_), _) => &["audiences", "slug"],
                (None, Some(_)) => &["slug"],
            };
            for name in refused {
                if let Some(place) = file.key_place(name) {
                    let (what, hint) = if key.audience.is_some() {
                        (
                            "a variant",
                            format!("set `{name}` on the base page instead"),
                        )
                    } else {
                        (
                            "a page in another language",
                            "a page has one address in every language, under the language's folder: set `slug` on the base page".to_string(),
                        )
                    };
                    problems.push(
                        Diagnostic::error(&file.path, format!("{what} may not set `{name}`"))
                            .at(place.0, place.1)
                            .with_hint(hint),
                    );
                }
            }
        }
        let title = match front.title.take() {
            Some(title) if !title.trim().is_empty() => title,
            _ => {
                // The file to add it to: the language's own file for every
                // audience if there is one, else the base, else the one file.
                let file = chain
                    .iter()
                    .rev()
                    .find(|(key, _)| key.language == own_key.language)
                    .map_or(own, |(_, file)| *file);
                let problem = match &own_key.language {
                    None => Diagnostic::error(&file.path, "the page has no `title`")
                        .with_hint("add a line `title: ...` to the front-matter"),
                    Some(language) => Diagnostic::error(
                        &file.path,
                        format!("the page has no `title` in `{language}`: a title is never taken from another language"),
                    )
                    .with_hint(format!("add a line `title: ...` in `{language}` to the front-matter")),
                };
                problems.push(problem.at(2, 1));
                String::new()
            }
        };
        let kind = front.kind.unwrap_or_default();
        if kind != Kind::Activity {
            for key in ["activity", "duration", "tree"] {
                let set = match key {
                    "activity" => front.activity.is_some(),
                    "duration" => front.duration.is_some(),
                    _ => front.tree.is_some(),
                };
                if set {
                    problems.push(problem(
                        key,
                        format!("`{key}` is allowed only on pages of kind `activity`, and this page is a `{}`", kind.name()),
                        "remove the key, or set `kind: activity`",
                    ));
                }
            }
        } else {
            match (front.activity, &front.tree) {
                (None, _) => problems.push(problem(
                    "kind",
                    "a page of kind `activity` needs `activity:`".to_string(),
                    "add `activity: worksheet` or `activity: tree-of-life`",
                )),
                (Some(Activity::TreeOfLife), None) => problems.push(problem(
                    "activity",
                    "a Tree of Life activity needs `tree:`".to_string(),
                    "add `tree:` with prompts for its parts: roots, ground, trunk, branches, leaves, fruits, storms",
                )),
                (Some(Activity::Worksheet), Some(_)) => problems.push(problem(
                    "tree",
                    "`tree` is not allowed with `activity: worksheet`".to_string(),
                    "remove `tree:`, or set `activity: tree-of-life`",
                )),
                _ => {}
            }
        }
        let version = match &front.version {
            None | Some(serde_yaml::Value::Null) => None,
            Some(value) => {
                let text = super::frontmatter::version_text(value);
                if text.is_none() {
                    problems.push(problem(
                        "version",
                        "`version` should be a number or text".to_string(),
                        "write it as `version: 2` or `version: \"2a\"`",
                    ));
                }
                text
            }
        };
        let review = review::resolve(chain, review_months, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let tree_parts: Vec<TreePart> = front
            .tree
            .as_ref()
            .map(|t| {
                t.bottom_up()
                    .into_iter()
                    .map(|(part, prompt)| TreePart {
                        part: part.to_string(),
                        prompt,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let extra = match front.extra.map(serde_json::to_value).transpose() {
            Ok(extra) => extra.unwrap_or_else(|| serde_json::Value::Object(Default::default())),
            Err(error) => {
                return Err(vec![problem(
                    "extra",
                    format!("`extra` cannot be given to templates: {error}"),
                    "use text, numbers, booleans, lists and maps whose keys are text",
                )]);
            }
        };
        Ok(Meta {
            title,
            summary: front.summary,
            weight: front.weight,
            kind,
            draft: front.draft.unwrap_or(false),
            pdf: front.pdf.unwrap_or(kind.printable()),
            paper: front.paper.unwrap_or_default(),
            orientation: front.orientation.unwrap_or_default(),
            toc: front.toc.unwrap_or(true),
            picture: front.picture,
            extra,
            activity: front.activity,
            duration: front.duration,
            tree: tree_parts
                .iter()
                .map(|p| (p.part.clone(), serde_json::Value::String(p.prompt.clone())))
                .collect(),
            tree_parts,
            audiences: front
                .audiences
                .unwrap_or_else(|| audiences.iter().map(|a| a.to_string()).collect()),
            slug: front.slug,
            version,
            reviewed: review.reviewed,
            next_review: review.next_review,
            next_review_at: review.next_review_at,
        })
    }
}
