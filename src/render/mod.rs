//! Pages to HTML files: each version's body inside its theme's templates,
//! with the navigation every page has (breadcrumbs, the audience switcher,
//! previous and next) and the values the templates document.

pub mod css;
pub mod page;
pub mod theme;
pub mod tree;

pub use page::{collection, downloads, not_found, page, CollectionPart, Download, PdfFile};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Style;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use theme::Theme;

/// A theme ready to render with: templates parsed once, style sheet built.
pub struct LoadedTheme {
    /// Its files and settings.
    pub theme: Theme,
    /// Its templates, parsed.
    pub tera: tera::Tera,
    /// Its minified `style.css`.
    pub css: String,
}

impl LoadedTheme {
    /// How bodies are rendered for this theme.
    pub fn style(&self) -> Style {
        Style {
            picture_rows: self.theme.settings.picture_rows,
        }
    }
}

/// How bodies are rendered for an audience, by its theme.
pub fn style_for(
    themes: &BTreeMap<String, LoadedTheme>,
    site: &crate::content::Site,
    audience: &str,
) -> Style {
    site.config
        .audience(audience)
        .and_then(|a| themes.get(&a.theme))
        .map(LoadedTheme::style)
        .unwrap_or_default()
}

/// Loads every theme the site's audiences use, by name, each on its own
/// thread.
pub fn load_themes(
    root: &Path,
    config: &Config,
) -> Result<BTreeMap<String, LoadedTheme>, Diagnostics> {
    let mut names: Vec<&str> = config.audiences.iter().map(|a| a.theme.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let highlight_css = crate::markdown::highlight::css();
    let results: Vec<(&str, Result<LoadedTheme, Vec<Diagnostic>>)> = names
        .par_iter()
        .map(|name| (*name, load_theme(root, name, highlight_css)))
        .collect();
    let mut problems = Diagnostics::default();
    let mut loaded = BTreeMap::new();
    for (name, result) in results {
        match result {
            Ok(theme) => {
                loaded.insert(name.to_string(), theme);
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(loaded)
    }
}

/// Loads one theme: its files, its templates parsed, its style sheet built.
fn load_theme(
    root: &Path,
    name: &str,
    highlight_css: &str,
) -> Result<LoadedTheme, Vec<Diagnostic>> {
    let theme = Theme::load(root, name).map_err(|found| found.into_sorted())?;
    let mut problems = Vec::new();
    let sources: Vec<(&str, String)> = theme
        .templates()
        .map(|(name, file)| (name, String::from_utf8_lossy(&file.bytes).into_owned()))
        .collect();
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_filter("css_string", css_string);
    if let Err(error) = tera.add_raw_templates(sources.iter().map(|(name, text)| (name, text))) {
        problems.extend(template_errors(&theme, &sources, &error));
    }
    match css::bundle(&theme, highlight_css) {
        Ok(css) if problems.is_empty() => Ok(LoadedTheme { theme, tera, css }),
        Ok(_) => Err(problems),
        Err(found) => {
            problems.extend(found.into_sorted());
            Err(problems)
        }
    }
}

/// What is wrong with a theme's templates, once Tera has refused them:
/// each template that does not parse on its own, named by its file, or
/// else Tera's error for the set (a missing parent or include).
fn template_errors(
    theme: &Theme,
    sources: &[(&str, String)],
    error: &tera::Error,
) -> Vec<Diagnostic> {
    let files: BTreeMap<&str, &theme::ThemeFile> = theme.templates().collect();
    let alone: Vec<Diagnostic> = sources
        .iter()
        .filter_map(|(name, text)| {
            let error = tera::Template::new(name, None, text).err()?;
            Some(template_diagnostic(&files[name].shown, &error))
        })
        .collect();
    if !alone.is_empty() {
        return alone;
    }
    // Tera names the template at fault in quotes: "Template 'page.html' is
    // inheriting from 'nothere.html', which doesn't exist".
    let text = crate::markdown::template::messages(error).join(" ");
    let named = files
        .iter()
        .find(|(name, _)| text.contains(&format!("Template '{name}'")))
        .map(|(_, file)| file.shown.clone());
    let file = named.unwrap_or_else(|| format!("themes/{}/templates", theme.name).into());
    vec![template_diagnostic(file, error)]
}

/// Escapes text for HTML text and attribute values. Unlike Tera's own, it
/// leaves `/` alone, so addresses stay readable in the output.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // These are ASCII, so `at` is on a character boundary.
        out.push_str(&text[plain_from..at]);
        out.push_str(entity);
        plain_from = at + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

/// The `css_string` filter: text as a quoted CSS string, for `content:` in
/// print style sheets (`@top-left { content: {{ page.title | css_string }} }`).
/// Its result is safe to print with `| safe` inside `<style>`.
fn css_string(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // Line breaks and `<` (which could close the <style>) as escapes.
            '\n' | '\r' | '<' | '>' => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(tera::Value::String(out))
}

/// A diagnostic for an error in a theme's template, with its line.
fn template_diagnostic(file: impl AsRef<Path>, error: &tera::Error) -> Diagnostic {
    use crate::markdown::template::{messages, syntax_error_place};
    let text = messages(error).join("\n");
    let place = syntax_error_place(&text);
    let message = text
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .trim_start_matches("= ")
        .to_string();
    Diagnostic::error(file, format!("template error: {message}"))
        .at_opt(place)
        .with_hint("see docs/themes.md for each template and the values it receives")
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escaping_replaces_the_five_special_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("Tom & Jerry's <b>\"café\"</b> / 50%"),
            "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;café&quot;&lt;/b&gt; / 50%"
        );
        assert_eq!(escape_html("plain"), "plain");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("é<"), "é&lt;");
    }
}
