//! The generated accessibility statement and privacy notice of an
//! audience in a language, in its theme's `statement.html`, with the
//! navigation the downloads page has: the audience and language
//! switchers go to the same page for the others.

use super::{alternate_url, bare_page, context, item, render, Alternate, Reader, Switch};
use crate::content::meta::Meta;
use crate::content::{PageId, Site};
use crate::diagnostic::Diagnostic;
use crate::phrases::PhraseBook;
use crate::render::statement::{sections, title, Source, Statement};
use crate::render::LoadedTheme;
use crate::url::relative;
use std::collections::BTreeMap;

/// The address of `which` for `audience` in `language`.
pub(crate) fn statement_url(
    site: &Site,
    which: Statement,
    audience: &str,
    language: &str,
) -> String {
    format!(
        "{}{}/",
        site.config.prefix(audience, language),
        which.folder()
    )
}

/// The page `which` for `audience` in `language`.
pub(crate) fn statement_page(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    audience: &str,
    language: &str,
    which: Statement,
) -> Result<String, Diagnostic> {
    let reader = Reader::new(site, themes, book, audience, language);
    let source = Source {
        config: &site.config,
        language: reader.language,
        phrases: reader.phrases,
    };
    let url = statement_url(site, which, audience, language);
    let meta = Meta::generated(&title(which, &source));
    let mut context = context(site, reader, &url, bare_page(&meta, format!("/{url}")));
    context.statement = sections(which, &source);
    if !reader.theme.theme.settings.picture_rows {
        for point in context.statement.iter_mut().flat_map(|s| &mut s.points) {
            point.picture = "";
        }
    }
    for switch in &mut context.languages {
        let other = statement_url(site, which, audience, switch.id);
        switch.url = relative(&url, &other, site.options.offline);
        switch.translated = true;
        switch.home_note = None;
        context.alternates.push(Alternate {
            hreflang: switch.id,
            url: alternate_url(site, &url, &other),
        });
    }
    if let Some(home) = site
        .version(PageId::HOME, audience, language)
        .filter(|v| v.built)
    {
        context.breadcrumbs.push(item(site, &url, home));
    }
    context.switcher = site
        .config
        .audiences
        .iter()
        .map(|a| Switch {
            id: &a.id,
            label: reader.name_of(site, a),
            url: relative(
                &url,
                &statement_url(site, which, &a.id, language),
                site.options.offline,
            ),
            current: a.id == audience,
        })
        .collect();
    let what = format!("the generated page /{url}");
    render(site, reader, "statement.html", &context, &what)
}
