//! Pages to HTML files: each version's body inside its theme's templates,
//! with the navigation every page has (breadcrumbs, the audience switcher,
//! previous and next) and the values the templates document.

pub(crate) mod css;
pub(crate) mod page;
pub(crate) mod statement;
pub(crate) mod theme;
pub(crate) mod tree;

pub(crate) use page::{
    audience_name, collection, downloads, not_found, page, search, statement_page, CollectionPart,
    Download, PdfFile, PdfZip,
};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Style;
use crate::phrases::{PhraseBook, Phrases};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use theme::Theme;

/// A theme ready to render with: templates parsed once, style sheet built.
pub(crate) struct LoadedTheme {
    /// Its files and settings.
    pub theme: Theme,
    /// Its templates, parsed (Tera 2, as page bodies are).
    pub tera: tera::Tera,
    /// Its minified `style.css`.
    pub css: String,
}

impl LoadedTheme {
    /// The phrases this theme's pages in `language` say: easy-read ones
    /// when its theme.yaml says `phrases: easy-read`.
    pub(crate) fn phrases<'b>(&self, book: &'b PhraseBook, language: &str) -> &'b Arc<Phrases> {
        let easy_read = self.theme.settings.phrases == theme::PhraseSet::EasyRead;
        book.phrases(language, easy_read)
    }
}

/// How bodies are rendered for an audience, by its theme, in a language.
pub(crate) fn style_for(
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    site: &crate::content::Site,
    audience: &str,
    language: &str,
) -> Style {
    site.config
        .audience(audience)
        .and_then(|a| themes.get(&a.theme))
        .map(|loaded| Style {
            picture_rows: loaded.theme.settings.picture_rows,
            phrases: loaded.phrases(book, language).clone(),
        })
        .unwrap_or_default()
}

/// Loads every theme the site's audiences use, by name, each on its own
/// thread.
pub(crate) fn load_themes(
    root: &Path,
    config: &Config,
) -> Result<BTreeMap<String, LoadedTheme>, Vec<Diagnostic>> {
    let mut names: Vec<&str> = config.audiences.iter().map(|a| a.theme.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let highlight_css = crate::markdown::highlight::css();
    let results: Vec<(&str, Result<LoadedTheme, Vec<Diagnostic>>)> = names
        .par_iter()
        .map(|name| (*name, load_theme(root, name, config, highlight_css)))
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
        Err(problems.into_sorted())
    } else {
        Ok(loaded)
    }
}

/// Loads one theme: its files, its templates parsed, its style sheet built.
fn load_theme(
    root: &Path,
    name: &str,
    config: &Config,
    highlight_css: &str,
) -> Result<LoadedTheme, Vec<Diagnostic>> {
    let theme = Theme::load(root, name)?;
    let mut problems = Diagnostics::default();
    let sources: Vec<(&str, String)> = theme
        .templates()
        .map(|(name, file)| (name, String::from_utf8_lossy(&file.bytes).into_owned()))
        .collect();
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(crate::util::html::write_escaped);
    // Filters must be known before templates are added: Tera 2 checks that
    // every filter a template uses exists.
    tera.register_filter("css_string", css_string);
    tera.register_filter("css_counters", css_counters);
    tera.register_filter("urlencode", urlencode);
    crate::phrases::register(&mut tera);
    // A theme may call the fill-in shortcodes too: there they write the
    // control itself.
    crate::markdown::shortcodes::register(&mut tera, crate::markdown::shortcodes::Made::Control);
    // The same for every page, so given once rather than with each page.
    tera.global_context().insert("site", config);
    tera.global_context().insert("params", &config.params);
    if let Err(error) = tera.add_raw_templates(sources.iter().map(|(name, text)| (name, text))) {
        problems.extend(template_diagnostics(&theme, &error));
    }
    match css::bundle(&theme, highlight_css) {
        Ok(css) if !problems.has_errors() => Ok(LoadedTheme { theme, tera, css }),
        Ok(_) => Err(problems.into_sorted()),
        Err(found) => {
            problems.extend(found);
            Err(problems.into_sorted())
        }
    }
}

/// What tells apart template errors that may be one mistake: their file,
/// line, column, message and hint, everything but what was being rendered.
type Mistake = (
    Option<PathBuf>,
    Option<usize>,
    Option<usize>,
    String,
    Option<String>,
);

/// Template errors that differ only in what was being rendered (their
/// context), as one error naming the first and counting the rest: a
/// mistake in a template that every page uses is then one error, not one
/// for every page. Problems with no context are left as they are.
pub(crate) fn merge_repeated_template_errors(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    // Where each mistake is in `merged`.
    let mut at: HashMap<Mistake, usize> = HashMap::new();
    for diagnostic in found {
        if diagnostic.context.is_none() {
            merged.push((diagnostic, 1));
            continue;
        }
        let mistake = (
            diagnostic.file.clone(),
            diagnostic.line,
            diagnostic.column,
            diagnostic.message.clone(),
            diagnostic.hint.clone(),
        );
        match at.get(&mistake) {
            Some(&index) => merged[index].1 += 1,
            None => {
                at.insert(mistake, merged.len());
                merged.push((diagnostic, 1));
            }
        }
    }
    merged
        .into_iter()
        .map(|(diagnostic, times)| match (times, &diagnostic.context) {
            (2.., Some(first)) => {
                let others = times - 1;
                let noun = if others == 1 { "page" } else { "pages" };
                let context = format!("{first} and {others} other {noun}");
                diagnostic.with_context(context)
            }
            _ => diagnostic,
        })
        .collect()
}

/// The `urlencode` filter: text percent-encoded for a part of an address
/// (every byte but ASCII letters and digits), as a theme's field spot
/// (`?signpost-field=lines/NAME`) names its form field.
fn urlencode(value: &str, _: tera::Kwargs, _: &tera::State) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The `css_string` filter: text as a quoted CSS string, for `content:` in
/// print style sheets (`@top-left { content: {{ page.title | css_string }} }`).
/// Its result is safe to print with `| safe` inside `<style>`.
fn css_string(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> String {
    let text = match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string(),
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
    out
}

/// The `css_counters` filter: a phrase with `{page}` and `{pages}` as CSS
/// `content:`, quoted strings around the page counters
/// (`"Page " counter(page) " of " counter(pages)`), for the foot of each
/// printed sheet. Its result is safe to print with `| safe` inside
/// `<style>`.
fn css_counters(value: tera::Value, kwargs: tera::Kwargs, state: &tera::State) -> String {
    let text = value.as_str().unwrap_or_default();
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("{page") {
        let (counter, name) = if rest[at..].starts_with("{pages}") {
            ("counter(pages)", "{pages}")
        } else if rest[at..].starts_with("{page}") {
            ("counter(page)", "{page}")
        } else {
            break;
        };
        if at > 0 {
            parts.push(css_string(rest[..at].into(), kwargs.clone(), state));
        }
        parts.push(counter.to_string());
        rest = &rest[at + name.len()..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(css_string(rest.into(), kwargs, state));
    }
    parts.join(" ")
}

/// Diagnostics for an error Tera reported in a theme's templates, each
/// naming the template's file and, where Tera points at one, its line and
/// column.
pub(crate) fn template_diagnostics(theme: &Theme, error: &tera::Error) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    let template = |name: &str| {
        theme
            .templates()
            .find(|(template, _)| *template == name)
            .map(|(_, file)| file)
    };
    let file_of = |name: &str| -> PathBuf {
        template(name)
            .map(|file| file.shown.clone())
            .unwrap_or_else(|| format!("themes/{}/templates/{name}", theme.name).into())
    };
    let problem = |file: PathBuf, message: &str, place: Option<(usize, usize)>| {
        let hint = if message.contains("is not defined in any parent template") {
            // Most often a site's own page.html or base.html without a block
            // that a built-in template extending it fills.
            "a template may only fill blocks that a template it extends defines; if you \
             replaced that one, keep the block in it (docs/themes.md lists every block)"
        } else {
            "see docs/themes.md for each template and the values it receives"
        };
        Diagnostic::error(file, format!("template error: {message}"))
            .at_opt(place)
            .with_hint(hint)
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![problem(
                file_of(report.filename()),
                report.message(),
                Some((span.start_line, span.start_col + 1)),
            )]
        }
        ErrorKind::MissingParent { current, parent } => {
            // Tera gives no place for this one: point at the parent's name.
            let place = template(current).and_then(|file| {
                let text = String::from_utf8_lossy(&file.bytes);
                crate::diagnostic::locate(&text, &format!("\"{parent}\""))
                    .or_else(|| crate::diagnostic::locate(&text, &format!("'{parent}'")))
            });
            vec![problem(file_of(current), &error.to_string(), place)]
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            vec![problem(file_of(tpl), &error.to_string(), None)]
        }
        _ => {
            let text = error.to_string();
            let reports = reports_in(&text);
            if reports.is_empty() {
                let folder = format!("themes/{}/templates", theme.name).into();
                return vec![problem(folder, text.trim(), None)];
            }
            reports
                .into_iter()
                .map(|(message, name, place)| problem(file_of(name), message, Some(place)))
                .collect()
        }
    }
}

/// The problems in Tera's report of several at once, as (message,
/// template, line and column): each is an `error: MESSAGE` line followed
/// by a ` --> TEMPLATE:LINE:COLUMN` line.
fn reports_in(text: &str) -> Vec<(&str, &str, (usize, usize))> {
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(said) = line.strip_prefix("error: ") {
            message = Some(said);
        } else if let (Some(said), Some(at)) = (message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line = parts.next().and_then(|l| l.parse().ok());
            if let (Some(line), Some(column), Some(name)) = (line, column, parts.next()) {
                found.push((said, name, (line, column)));
            }
            message = None;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::merge_repeated_template_errors;

    #[test]
    fn a_page_number_phrase_becomes_css_strings_around_the_counters() {
        let mut tera = tera::Tera::new();
        tera.register_filter("css_counters", super::css_counters);
        tera.add_raw_template("t", "{{ p | css_counters | safe }}")
            .unwrap();
        let render = |phrase: &str| {
            let mut context = tera::Context::new();
            context.insert("p", phrase);
            tera.render("t", &context).unwrap()
        };
        assert_eq!(
            render("Page {page} of {pages}"),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        assert_eq!(
            render("{page}/{pages}"),
            "counter(page) \"/\" counter(pages)"
        );
        assert_eq!(render("\"{x}\""), "\"\\\"{x}\\\"\"");
    }
    use crate::diagnostic::Diagnostic;

    #[test]
    fn template_errors_alike_but_for_the_page_become_one_naming_the_first() {
        let broken = |page: &str| {
            Diagnostic::error("themes/t/templates/page.html", "template error: `x`")
                .at(3, 9)
                .with_hint("see the docs")
                .with_context(page)
        };
        let elsewhere = broken("content/c.md").at(4, 1);
        let no_page = Diagnostic::error("themes/t/templates/page.html", "template error: `x`");
        let merged = merge_repeated_template_errors(vec![
            broken("the generated home page"),
            broken("content/a.md"),
            elsewhere.clone(),
            broken("content/b.md"),
            no_page.clone(),
            no_page.clone(),
        ]);
        assert_eq!(
            merged,
            [
                broken("the generated home page and 2 other pages"),
                elsewhere,
                no_page.clone(),
                no_page
            ]
        );
        assert_eq!(
            merge_repeated_template_errors(vec![broken("a"), broken("b")])[0].to_string(),
            "error: template error: `x` (while rendering a and 1 other page)\n  \
             --> themes/t/templates/page.html:3:9\n   = hint: see the docs\n"
        );
    }
}
