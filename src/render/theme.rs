//! Themes: templates, style sheets and scripts. The built-in themes live in
//! the binary; a site's `themes/NAME/` overrides any of their files. A theme
//! is read from four layers, first match wins: the site's `themes/NAME/`,
//! the built-in `NAME`, the site's `themes/base/`, the built-in `base`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The style sheets bundled into a theme's `style.css`, in order.
pub(crate) const STYLE_SHEETS: [&str; 3] =
    ["assets/base.css", "assets/theme.css", "assets/extra.css"];

/// One file of a theme, and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct ThemeFile {
    /// Its contents.
    pub bytes: Vec<u8>,
    /// Where it came from, for messages (`themes/carer/assets/theme.css`,
    /// with "(built in)" for the binary's own).
    pub shown: PathBuf,
}

/// Settings in a theme's `theme.yaml`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// Lay out a paragraph that starts with a picture as a picture row.
    #[serde(default)]
    pub picture_rows: bool,
    /// How much larger than usual the Tree of Life's words are drawn.
    #[serde(default = "one")]
    pub tree_text_scale: f32,
    /// Which of a language's phrases its pages say.
    #[serde(default)]
    pub phrases: PhraseSet,
}

/// Which of a language's phrases a theme's pages say (`phrases:` in
/// theme.yaml).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PhraseSet {
    /// The standard ones.
    #[default]
    Standard,
    /// The easy-read ones: short, plain words.
    EasyRead,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            picture_rows: false,
            tree_text_scale: 1.0,
            phrases: PhraseSet::Standard,
        }
    }
}

fn one() -> f32 {
    1.0
}

/// A theme with every file resolved through its layers.
#[derive(Debug)]
pub(crate) struct Theme {
    /// Its name.
    pub name: String,
    /// Every file, by path within the theme (`templates/page.html`).
    pub files: BTreeMap<String, ThemeFile>,
    /// Its settings.
    pub settings: Settings,
}

/// Whether a theme of this name is built in.
pub(crate) fn is_built_in(name: &str) -> bool {
    BUILT_IN.get_dir(name).is_some()
}

impl Theme {
    /// Reads theme `name` for the site in `root`.
    pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let site_dir = root.join("themes").join(name);
        if !is_built_in(name) && !site_dir.is_dir() {
            return Err(vec![
                Diagnostic::error("site.yaml", format!("there is no theme `{name}`"))
                    .with_hint(format!(
                        "use a built-in theme (professional, carer, easy-read) or make a folder themes/{name}/"
                    )),
            ]);
        }
        let mut problems = Diagnostics::default();
        let mut files: BTreeMap<String, ThemeFile> = BTreeMap::new();
        let layers: [(&str, bool); 4] =
            [(name, false), (name, true), ("base", false), ("base", true)];
        for (layer, built_in) in layers {
            let found = if built_in {
                built_in_files(layer)
            } else {
                site_files(root, layer, &mut problems)
            };
            for (rel, file) in found {
                files.entry(rel).or_insert(file);
            }
        }
        let settings = match files.get("theme.yaml") {
            Some(file) => match serde_yaml::from_slice::<Option<Settings>>(&file.bytes) {
                Ok(settings) => settings.unwrap_or_default(),
                Err(error) => {
                    let text = String::from_utf8_lossy(&file.bytes);
                    problems.push(crate::yaml::yaml_diagnostic(&file.shown, &text, &error, 1));
                    Settings::default()
                }
            },
            None => Settings::default(),
        };
        if problems.has_errors() {
            return Err(problems.into_sorted());
        }
        Ok(Theme {
            name: name.to_string(),
            files,
            settings,
        })
    }

    /// The templates, as (name within `templates/`, text, file shown).
    pub(crate) fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(rel, file)| Some((rel.strip_prefix("templates/")?, file)))
            .filter(|(name, _)| name.ends_with(".html") || name.ends_with(".xml"))
    }

    /// The files copied to the theme's asset folder as they are, by path
    /// within `assets/` (everything but the bundled style sheets).
    pub(crate) fn assets(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter(|(rel, _)| !STYLE_SHEETS.contains(&rel.as_str()))
            .filter_map(|(rel, file)| Some((rel.strip_prefix("assets/")?, file)))
    }
}

fn built_in_files(name: &str) -> Vec<(String, ThemeFile)> {
    let Some(dir) = BUILT_IN.get_dir(name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let path = file.path();
            let rel = crate::util::path::slashed(path.strip_prefix(name).unwrap_or(path));
            out.push((
                rel,
                ThemeFile {
                    bytes: file.contents().to_vec(),
                    shown: PathBuf::from(format!("themes/{} (built in)", path.display())),
                },
            ));
        }
    }
    out
}

fn site_files(root: &Path, name: &str, problems: &mut Diagnostics) -> Vec<(String, ThemeFile)> {
    // The same walk as content/'s: a theme's links may not leave the site.
    let mut walk_problems = Vec::new();
    let files = crate::source::walk::walk(root, &format!("themes/{name}"), &mut walk_problems);
    problems.extend(walk_problems);
    let mut out = Vec::new();
    for (rel, path) in files {
        let shown = Path::new("themes").join(name).join(&rel);
        match std::fs::read(&path) {
            Ok(bytes) => out.push((rel, ThemeFile { bytes, shown })),
            Err(error) => problems.push(Diagnostic::error(
                &shown,
                format!("cannot read: {}", crate::diagnostic::io_words(&error)),
            )),
        }
    }
    out
}
