//! A page version's settings: its front-matter merged with its base page's,
//! checked against its kind, with every default filled in.

use super::frontmatter::{Activity, FrontMatter, Kind, Orientation, Paper, SourceFile};
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
            extra: serde_json::Value::Object(Default::default()),
            activity: None,
            duration: None,
            tree: Default::default(),
            tree_parts: Vec::new(),
            audiences: Vec::new(),
            slug: None,
        }
    }

    /// Merges a variant (if any) over its base (if any) and checks the result.
    /// At least one of the two is given; `audiences` are the site's, for the
    /// default of `audiences`.
    pub(crate) fn resolve(
        base: Option<&SourceFile>,
        variant: Option<&SourceFile>,
        audiences: &[&str],
    ) -> Result<Meta, Vec<Diagnostic>> {
        let empty = FrontMatter::default();
        let front = match (variant, base) {
            (Some(v), Some(b)) => v.front.over(&b.front),
            (Some(v), None) => v.front.clone(),
            (None, Some(b)) => b.front.clone(),
            (None, None) => empty,
        };
        // The file that set a key, for placing a problem with it.
        let setter = |key: &str| -> (&SourceFile, Option<(usize, usize)>) {
            for file in [variant, base].into_iter().flatten() {
                if let Some(place) = file.key_place(key) {
                    return (file, Some(place));
                }
            }
            let file = variant.or(base).expect("a page version has a file");
            (file, None)
        };
        let mut problems = Vec::new();
        let problem = |key: &str, message: String, hint: &str| {
            let (file, place) = setter(key);
            // A variant that changes the kind is what makes an inherited key
            // wrong: point at the variant's `kind`.
            if let Some(variant) = variant.filter(|v| !std::ptr::eq(*v, file)) {
                if let Some(kind_place) = variant.key_place("kind") {
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
            }
            Diagnostic::error(&file.path, message)
                .at_opt(place)
                .with_hint(hint)
        };

        if let Some(variant) = variant {
            for key in ["audiences", "slug"] {
                if let Some(place) = variant.key_place(key) {
                    problems.push(
                        Diagnostic::error(&variant.path, format!("a variant may not set `{key}`"))
                            .at(place.0, place.1)
                            .with_hint(format!("set `{key}` on the base page instead")),
                    );
                }
            }
        }
        let title = match front.title {
            Some(title) if !title.trim().is_empty() => title,
            _ => {
                let file = variant.filter(|_| base.is_none()).or(base).or(variant);
                let file = file.expect("a page version has a file");
                problems.push(
                    Diagnostic::error(&file.path, "the page has no `title`")
                        .at(2, 1)
                        .with_hint("add a line `title: ...` to the front-matter"),
                );
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
            extra,
            activity: front.activity,
            duration: front.duration,
            tree: tree_parts
                .iter()
                .map(|p| (p.part.clone(), serde_json::Value::String(p.prompt.clone())))
                .collect(),
            tree_parts,
            audiences: base
                .and_then(|b| b.front.audiences.clone())
                .unwrap_or_else(|| audiences.iter().map(|a| a.to_string()).collect()),
            slug: base.and_then(|b| b.front.slug.clone()),
        })
    }
}
