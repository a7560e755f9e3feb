//! The generated accessibility statement and privacy notice of an
//! audience in a language, in its theme's `statement.html`, with the
//! navigation the downloads page has: the audience and language
//! switchers go to the same page for the others.

use super::{generated_context, render, Reader};
use crate::content::meta::Meta;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::phrases::PhraseBook;
use crate::render::statement::{sections, title, Source, Statement};
use crate::render::LoadedTheme;
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
    let mut context =
        generated_context(site, reader, &meta, |a, l| statement_url(site, which, a, l));
    context.statement = sections(which, &source);
    if !reader.theme.theme.settings.picture_rows {
        for point in context.statement.iter_mut().flat_map(|s| &mut s.points) {
            point.picture = "";
        }
    }
    let what = format!("the generated page /{url}");
    render(site, reader, "statement.html", &context, &what)
}
