//! Pages to HTML files: each version's body inside its theme's templates,
//! with the navigation every page has (breadcrumbs, the audience switcher,
//! previous and next) and the values the templates document.

pub mod css;
pub mod theme;
pub mod tree;

use crate::config::Config;
use crate::content::meta::Meta;
use crate::content::{Site, Version, ASSETS_FOLDER};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{Heading, Rendered, Style};
use crate::url::relative;
use serde::Serialize;
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

/// Loads every theme the site's audiences use, by name.
pub fn load_themes(
    root: &Path,
    config: &Config,
) -> Result<BTreeMap<String, LoadedTheme>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut loaded = BTreeMap::new();
    let highlight_css = crate::markdown::highlight::css();
    for audience in &config.audiences {
        if loaded.contains_key(&audience.theme) {
            continue;
        }
        let theme = match Theme::load(root, &audience.theme) {
            Ok(theme) => theme,
            Err(found) => {
                problems.extend(found.into_sorted());
                continue;
            }
        };
        // Parse each template alone first, so that an error names its file.
        let mut sources = Vec::new();
        for (name, file) in theme.templates() {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            match tera::Template::new(name, None, &text) {
                Ok(_) => sources.push((name.to_string(), text)),
                Err(error) => problems.push(template_diagnostic(&file.shown, &error)),
            }
        }
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        tera.register_filter("css_string", css_string);
        if let Err(error) = tera.add_raw_templates(sources) {
            problems.push(template_diagnostic(
                format!("themes/{}/templates", theme.name),
                &error,
            ));
        }
        let css = match css::bundle(&theme, &highlight_css) {
            Ok(css) => css,
            Err(found) => {
                problems.extend(found.into_sorted());
                String::new()
            }
        };
        loaded.insert(audience.theme.clone(), LoadedTheme { theme, tera, css });
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(loaded)
    }
}

/// Escapes text for HTML text and attribute values. Unlike Tera's own, it
/// leaves `/` alone, so addresses stay readable in the output.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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
    use std::error::Error as _;
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push('\n');
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    let place = text.split_once("--> ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
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

/// A link in navigation or a listing.
#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    kind: &'static str,
    is_section: bool,
}

/// A link from the page `from` to `to`, for navigation or a listing.
fn item<'a>(site: &'a Site, from: &Version, to: &'a Version) -> Item<'a> {
    Item {
        title: &to.meta.title,
        summary: to.meta.summary.as_deref(),
        url: relative(&from.url, &to.url, site.options.offline),
        kind: to.meta.kind.name(),
        is_section: site.pages[to.page].is_section,
    }
}

/// One entry of the audience switcher.
#[derive(Serialize)]
struct Switch<'a> {
    id: &'a str,
    label: &'a str,
    url: String,
    current: bool,
}

/// `page` as templates see it.
#[derive(Serialize)]
struct PageValue<'a> {
    #[serde(flatten)]
    meta: &'a Meta,
    content: &'a str,
    toc: &'a [Heading],
    has_fields: bool,
    is_section: bool,
    is_home: bool,
    path: String,
    permalink: Option<String>,
    tree_svg: Option<String>,
    source: Option<String>,
}

/// Everything a page template receives.
#[derive(Serialize)]
struct Context<'a> {
    site: &'a Config,
    params: &'a serde_json::Value,
    audience: &'a str,
    audience_label: &'a str,
    lang: &'a str,
    page: PageValue<'a>,
    pages: Vec<Item<'a>>,
    breadcrumbs: Vec<Item<'a>>,
    previous: Option<Item<'a>>,
    next: Option<Item<'a>>,
    switcher: Vec<Switch<'a>>,
    root: String,
    home: String,
    assets: String,
    canonical: String,
}

/// Renders a built version into its full HTML page.
pub fn page<'a>(
    site: &'a Site,
    themes: &BTreeMap<String, LoadedTheme>,
    id: usize,
    body: &Rendered,
) -> Result<String, Diagnostic> {
    let version = &site.versions[id];
    let audience = site
        .config
        .audience(&version.audience)
        .expect("versions are of the site's audiences");
    let loaded = &themes[&audience.theme];
    let page = &site.pages[version.page];
    let offline = site.options.offline;
    let href = |to: &Version| relative(&version.url, &to.url, offline);
    let item = |to: &'a Version| item(site, version, to);

    let pages = if page.is_section {
        site.children(version.page, &version.audience)
    } else {
        Vec::new()
    };
    let mut breadcrumbs = Vec::new();
    let mut above = page.section;
    while let Some(section) = above {
        if let Some(v) = site.version(section, &version.audience).filter(|v| v.built) {
            breadcrumbs.push(item(v));
        }
        above = site.pages[section].section;
    }
    breadcrumbs.reverse();
    let (previous, next) = match page.section {
        Some(section) => {
            let siblings = site.children(section, &version.audience);
            match siblings.iter().position(|v| std::ptr::eq(*v, version)) {
                Some(i) => (
                    i.checked_sub(1).map(|p| item(siblings[p])),
                    siblings.get(i + 1).map(|n| item(n)),
                ),
                None => (None, None),
            }
        }
        None => (None, None),
    };
    let switcher = site
        .config
        .audiences
        .iter()
        .filter_map(|a| site.version(version.page, &a.id).filter(|v| v.built))
        .map(|v| Switch {
            id: &v.audience,
            label: site
                .config
                .audience(&v.audience)
                .map_or("", |a| a.label.as_str()),
            url: href(v),
            current: v.audience == version.audience,
        })
        .collect();
    let permalink = site
        .config
        .base()
        .map(|base| format!("{base}/{}", version.url));
    let tree_svg = (!version.meta.tree_parts.is_empty()).then(|| {
        tree::svg(
            &version.meta.tree_parts,
            &version.meta.title,
            loaded.theme.settings.tree_text_scale,
        )
    });
    let source = site.source(version);
    let context = Context {
        site: &site.config,
        params: &site.config.params,
        audience: &audience.id,
        audience_label: &audience.label,
        lang: &site.config.language,
        page: PageValue {
            meta: &version.meta,
            content: &body.html,
            toc: &body.headings,
            has_fields: body.has_fields,
            is_section: page.is_section,
            is_home: version.page == 0,
            path: format!("/{}", version.url),
            permalink: permalink.clone(),
            tree_svg,
            source: source.map(|s| s.path.display().to_string()),
        },
        pages: pages.into_iter().map(item).collect(),
        breadcrumbs,
        previous,
        next,
        switcher,
        root: relative(&version.url, "", offline),
        home: relative(
            &version.url,
            &site.config.prefix(&version.audience),
            offline,
        ),
        assets: relative(
            &version.url,
            &format!("{ASSETS_FOLDER}/{}/", loaded.theme.name),
            false,
        ),
        canonical: permalink.unwrap_or_else(|| relative(&version.url, &version.url, offline)),
    };
    let template = if version.page == 0 {
        "home.html".to_string()
    } else if page.is_section {
        "section.html".to_string()
    } else {
        format!("{}.html", version.meta.kind.name())
    };
    let context = tera::Context::from_serialize(&context)
        .map_err(|e| Diagnostic::error("", e.to_string()))?;
    loaded.tera.render(&template, &context).map_err(|error| {
        let file = format!("themes/{}/templates/{template}", loaded.theme.name);
        let mut diagnostic = template_diagnostic(&file, &error);
        diagnostic.message = format!(
            "{} (while rendering {})",
            diagnostic.message,
            source.map_or_else(
                || "the generated home page".to_string(),
                |s| s.path.display().to_string()
            )
        );
        diagnostic
    })
}

/// The `404.html` page, in the default audience's theme. Its links start
/// from the site root: the path of `base_url` when set, as a server shows
/// this page at any depth.
pub fn not_found(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
) -> Result<String, Diagnostic> {
    let config = &site.config;
    let audience = config
        .audience(&config.default_audience)
        .expect("the default audience exists");
    let loaded = &themes[&audience.theme];
    let root = config
        .base()
        .and_then(|url| url.split_once("://"))
        .map(|(_, rest)| {
            rest.find('/')
                .map_or("/".to_string(), |i| format!("{}/", &rest[i..]))
        })
        .unwrap_or_default();
    let home = if root.is_empty() {
        relative("", "", site.options.offline)
    } else {
        root.clone()
    };
    let meta = Meta::generated("Page not found");
    let context = Context {
        site: config,
        params: &config.params,
        audience: &audience.id,
        audience_label: &audience.label,
        lang: &config.language,
        page: PageValue {
            meta: &meta,
            content: "",
            toc: &[],
            has_fields: false,
            is_section: false,
            is_home: false,
            path: "/404.html".to_string(),
            permalink: None,
            tree_svg: None,
            source: None,
        },
        pages: Vec::new(),
        breadcrumbs: Vec::new(),
        previous: None,
        next: None,
        switcher: Vec::new(),
        root: home.clone(),
        home,
        assets: format!("{root}{ASSETS_FOLDER}/{}/", loaded.theme.name),
        canonical: format!("{root}404.html"),
    };
    let context = tera::Context::from_serialize(&context)
        .map_err(|e| Diagnostic::error("", e.to_string()))?;
    loaded.tera.render("404.html", &context).map_err(|error| {
        template_diagnostic(
            format!("themes/{}/templates/404.html", loaded.theme.name),
            &error,
        )
    })
}
