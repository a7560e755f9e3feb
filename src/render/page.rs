//! Whole HTML pages: each page version in its theme's template, and the
//! pages signpost makes itself (404, each audience's downloads, and the
//! printable collection of a section), all from one set of template values.

mod statement;

pub(crate) use statement::{statement_page, statement_url};

use super::{template_diagnostics, tree, LoadedTheme};
use crate::config::{Audience, Language};
use crate::content::frontmatter::Day;
use crate::content::meta::Meta;
use crate::content::{PageId, Site, Version, VersionId, ASSETS_FOLDER};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, Rendered};
use crate::phrases::{PhraseBook, Phrases};
use crate::url::relative;
use serde::Serialize;
use std::collections::BTreeMap;

/// A page's PDF, for the link to it.
#[derive(Clone, Debug)]
pub(crate) struct PdfFile {
    /// Its path from the output root.
    pub path: String,
    /// Its size in bytes, once printed.
    pub bytes: Option<u64>,
    /// Its number of pages, once printed.
    pub pages: Option<usize>,
}

/// One line of an audience's downloads page.
#[derive(Clone, Debug)]
pub(crate) struct Download {
    /// The page version the PDF is of.
    pub version: VersionId,
    /// The PDF.
    pub file: PdfFile,
}

/// The zip file of all the PDFs on a downloads page.
#[derive(Clone, Debug)]
pub(crate) struct PdfZip {
    /// Its path from the output root.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// How many PDFs it holds.
    pub count: usize,
}

/// One page in a section's printable collection, with its body.
pub(crate) struct CollectionPart<'a> {
    /// The page version.
    pub version: VersionId,
    /// Its body, rendered.
    pub body: &'a Rendered,
    /// How deep it is below the section (1 for the section's own pages).
    pub depth: usize,
}

/// A link in navigation or a listing.
#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    kind: &'static str,
    is_section: bool,
    /// Its front-matter `picture`, from the page at `from`, if it has one.
    picture: Option<String>,
}

/// A link from the page at `from` to `to`, for navigation or a listing.
fn item<'a>(site: &'a Site, from: &str, to: &'a Version) -> Item<'a> {
    Item {
        title: &to.meta.title,
        summary: to.meta.summary.as_deref(),
        url: relative(from, &to.url, site.options.offline),
        kind: to.meta.kind.name(),
        is_section: site.pages[to.page].is_section,
        picture: site.picture(to).map(|path| relative(from, &path, false)),
    }
}

/// A link of the service navigation in the header: a top-level section,
/// or the downloads page.
#[derive(Serialize)]
struct NavLink<'a> {
    title: &'a str,
    url: String,
    /// `page` on the linked page itself, `true` on a page within its
    /// section; `None` elsewhere.
    current: Option<&'static str>,
    /// The page version it goes to; `None` for the downloads page.
    #[serde(skip)]
    page: Option<PageId>,
}

/// One entry of the audience switcher.
#[derive(Serialize)]
struct Switch<'a> {
    id: &'a str,
    label: &'a str,
    url: String,
    current: bool,
}

/// One entry of the language switcher: the language's name in itself, and
/// where this page is in it (or, with no version in it, that language's
/// home page).
#[derive(Serialize)]
struct LanguageSwitch<'a> {
    id: &'a str,
    label: &'a str,
    dir: &'static str,
    url: String,
    current: bool,
    /// Whether it goes to this page in that language, not to its home page.
    translated: bool,
    /// For a link to that language's home page, the words that say so, in
    /// that language: "(hafan)".
    home_note: Option<&'a str>,
}

/// A version of this page in another language, for `<link rel="alternate"
/// hreflang>`.
#[derive(Serialize)]
struct Alternate<'a> {
    hreflang: &'a str,
    url: String,
}

/// The 404 page's words in another of the site's languages: a server shows
/// one 404 page to every reader, so on a site in several languages it says
/// its few words in each.
#[derive(Serialize)]
struct NotFoundIn<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    t: tera::Value,
    homes: Vec<Switch<'a>>,
}

/// `page.pdf_file` as templates see it.
#[derive(Serialize)]
struct PdfValue {
    url: String,
    size: Option<String>,
    pages: Option<usize>,
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
    pdf_file: Option<PdfValue>,
    /// "Version 2 · Reviewed 3 March 2026", for the foot of printed sheets.
    edition: Option<String>,
    /// The days it was last reviewed and is next due for review, in its
    /// language, for the foot of the screen page.
    review: Option<ReviewValue>,
    /// For the default audience's page shown to another audience, the
    /// banner's words saying who it was written for.
    written_for: Option<String>,
    /// Its `##` headings for a contents list at the top: with four or
    /// more, unless its front-matter says `toc: false`; else none.
    contents: Vec<&'a Heading>,
}

/// `page.review` as templates see it: the page's review dates in words
/// ("1 March 2026"), each only when the page has it.
#[derive(Serialize)]
struct ReviewValue {
    reviewed: Option<String>,
    next_review: Option<String>,
    /// Whether the theme puts a picture beside each point (easy read).
    pictures: bool,
}

/// A line of the downloads page, as templates see it.
#[derive(Serialize)]
struct DownloadValue<'a> {
    title: &'a str,
    kind: &'static str,
    paper: String,
    orientation: String,
    page_url: String,
    url: String,
    size: Option<String>,
    pages: Option<usize>,
}

/// The downloads page's zip file of all its PDFs, as templates see it.
#[derive(Serialize)]
struct PdfZipValue {
    url: String,
    size: String,
    count: usize,
}

/// A page of a printable collection, as templates see it.
#[derive(Serialize)]
struct CollectionValue<'a> {
    id: String,
    title: &'a str,
    kind: &'static str,
    depth: usize,
    content: String,
    tree_svg: Option<String>,
}

/// Everything a page template receives, besides `site` and `params`,
/// which each theme holds once for every page (`load_theme`).
#[derive(Serialize)]
struct Context<'a> {
    audience: &'a str,
    audience_label: &'a str,
    lang: &'a str,
    dir: &'static str,
    language_label: &'a str,
    languages: Vec<LanguageSwitch<'a>>,
    alternates: Vec<Alternate<'a>>,
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
    logo_url: Option<String>,
    homes: Vec<Switch<'a>>,
    translations: Vec<NotFoundIn<'a>>,
    downloads_url: Option<String>,
    downloads: Vec<DownloadValue<'a>>,
    downloads_zip: Option<PdfZipValue>,
    collection: Vec<CollectionValue<'a>>,
    /// The header's links to the top-level sections (and the downloads
    /// page, with PDFs).
    service_nav: Vec<NavLink<'a>>,
    /// Whether the theme lays out pictures beside points (easy read): then
    /// listings and Previous/Next links have a picture each.
    picture_rows: bool,
    /// Whether the page's body links every page its listing would list,
    /// so the listing is left out.
    listing_linked: bool,
    /// The reader's accessibility statement and privacy notice, for the
    /// footer.
    accessibility_url: String,
    privacy_url: String,
    /// A generated statement's sections.
    statement: Vec<crate::render::statement::Section>,
    search_url: Option<String>,
    contents: Vec<ContentsEntry<'a>>,
}

/// One line of the list of every page on the search page: a link to the
/// page, and how deep it is in the pack (0 for the home page).
#[derive(Serialize)]
struct ContentsEntry<'a> {
    #[serde(flatten)]
    item: Item<'a>,
    depth: usize,
}

/// Whose page it is: an audience in a language, and the words its pages
/// say.
#[derive(Clone, Copy)]
struct Reader<'a> {
    audience: &'a Audience,
    language: &'a Language,
    phrases: &'a Phrases,
    /// The theme its pages are rendered with.
    theme: &'a LoadedTheme,
    /// The site's phrase tables, for words in another language.
    book: &'a PhraseBook,
}

impl<'a> Reader<'a> {
    /// The reader of a version.
    fn of(
        site: &'a Site,
        themes: &'a BTreeMap<String, LoadedTheme>,
        book: &'a PhraseBook,
        version: &Version,
    ) -> Reader<'a> {
        Reader::new(site, themes, book, &version.audience, &version.language)
    }

    /// The reader of `audience` in `language`, both ids of the site's (the
    /// default where one is not).
    fn new(
        site: &'a Site,
        themes: &'a BTreeMap<String, LoadedTheme>,
        book: &'a PhraseBook,
        audience: &str,
        language: &str,
    ) -> Reader<'a> {
        let config = &site.config;
        let audience = config
            .audience(audience)
            .or_else(|| config.audience(&config.default_audience))
            .unwrap_or(&config.audiences[0]);
        let language = config
            .language(language)
            .or_else(|| config.language(&config.language))
            .unwrap_or(&config.languages[0]);
        let theme = &themes[&audience.theme];
        Reader {
            audience,
            language,
            phrases: theme.phrases(book, &language.id),
            theme,
            book,
        }
    }

    /// The words this reader's theme says in another language.
    fn phrases_in(&self, language: &str) -> &'a Phrases {
        self.theme.phrases(self.book, language)
    }

    /// What this reader's pages call an audience in the audience switcher:
    /// the name site.yaml gives it in the reader's language; else, in a
    /// language other than the default, the phrase table's name for a
    /// built-in audience; else its `label`.
    fn name_of(&self, site: &'a Site, audience: &'a Audience) -> &'a str {
        if let Some(given) = self.language.audience_labels.get(&audience.id) {
            return given;
        }
        if self.language.id != site.config.language {
            let built_in = self.phrases.get(&format!("audience_{}", audience.id));
            if !built_in.is_empty() {
                return built_in;
            }
        }
        &audience.label
    }
}

/// What pages for `audience` in `language` call that audience, as the
/// audience switcher does (see [`Reader::name_of`]): for a PDF's title.
pub(crate) fn audience_name(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    audience: &str,
    language: &str,
) -> String {
    let reader = Reader::new(site, themes, book, audience, language);
    reader.name_of(site, reader.audience).to_string()
}

/// A page's edition as its printed sheets say it at the foot: "Version 2
/// · Reviewed 3 March 2026", from its `version` and `reviewed`; `None`
/// when it has neither.
fn edition(meta: &Meta, phrases: &Phrases) -> Option<String> {
    let version = meta
        .version
        .as_deref()
        .map(|v| phrases.fill("edition_version", &[("version", v)]));
    let reviewed = meta.reviewed.map(|day| {
        let date = phrases.date(day.year, day.month, day.day);
        phrases.fill("edition_reviewed", &[("date", &date)])
    });
    let parts: Vec<String> = version.into_iter().chain(reviewed).collect();
    (!parts.is_empty()).then(|| parts.join(phrases.get("edition_separator")))
}

/// A page's review dates in its language for the foot of the screen page;
/// `None` when it has neither.
fn review(meta: &Meta, reader: Reader) -> Option<ReviewValue> {
    let words = |day: Day| reader.phrases.date(day.year, day.month, day.day);
    (meta.reviewed.is_some() || meta.next_review.is_some()).then(|| ReviewValue {
        reviewed: meta.reviewed.map(words),
        next_review: meta.next_review.map(words),
        pictures: reader.theme.theme.settings.picture_rows,
    })
}

/// The values every page has, for a page at `url` for `reader`.
fn context<'a>(site: &'a Site, reader: Reader<'a>, url: &str, page: PageValue<'a>) -> Context<'a> {
    let Reader {
        audience,
        language,
        theme,
        ..
    } = reader;
    let offline = site.options.offline;
    let permalink = site.config.base().map(|base| format!("{base}/{url}"));
    let downloads_url = (site.options.pdf).then(|| {
        relative(
            url,
            &site.downloads_url(&audience.id, &language.id),
            offline,
        )
    });
    let logo = site.config.brand.as_ref().and_then(|b| b.logo.as_deref());
    let homes = site
        .config
        .audiences
        .iter()
        .map(|a| Switch {
            id: &a.id,
            label: reader.name_of(site, a),
            url: relative(url, &site.config.prefix(&a.id, &language.id), offline),
            current: a.id == audience.id,
        })
        .collect();
    // Until a page says where it is in each language, each goes home.
    let languages = language_homes(site, url, reader);
    let service_nav = service_nav(site, reader, url, downloads_url.clone());
    let prefix = site.config.prefix(&audience.id, &language.id);
    let statement_url = |folder: &str| relative(url, &format!("{prefix}{folder}/"), offline);
    Context {
        audience: &audience.id,
        audience_label: reader.name_of(site, audience),
        lang: &language.id,
        dir: direction(language),
        language_label: &language.label,
        languages,
        alternates: Vec::new(),
        page: PageValue {
            permalink: permalink.clone(),
            ..page
        },
        pages: Vec::new(),
        breadcrumbs: Vec::new(),
        previous: None,
        next: None,
        switcher: Vec::new(),
        root: relative(url, "", offline),
        home: relative(
            url,
            &site.config.prefix(&audience.id, &language.id),
            offline,
        ),
        assets: relative(
            url,
            &format!("{ASSETS_FOLDER}/{}/", theme.theme.name),
            false,
        ),
        canonical: permalink.unwrap_or_else(|| relative(url, url, offline)),
        logo_url: logo.map(|logo| relative(url, logo, false)),
        homes,
        translations: Vec::new(),
        downloads_url,
        downloads: Vec::new(),
        downloads_zip: None,
        collection: Vec::new(),
        service_nav,
        picture_rows: theme.theme.settings.picture_rows,
        listing_linked: false,
        accessibility_url: statement_url("accessibility"),
        privacy_url: statement_url("privacy"),
        statement: Vec::new(),
        search_url: site
            .config
            .search
            .then(|| relative(url, &site.search_url(&audience.id, &language.id), offline)),
        contents: Vec::new(),
    }
}

/// The most top-level sections the header lists. A pack with more has
/// none of them in its header: a long row of links before every page's
/// words is a burden to anyone reading with a keyboard or a screen
/// reader, on every page, and the home page lists every section anyway.
const MOST_SECTIONS_IN_HEADER: usize = 8;

/// The service navigation of a page at `url` for `reader`: the built
/// top-level sections for its audience in its language (none if there
/// are more than [`MOST_SECTIONS_IN_HEADER`]), then the downloads page
/// when there is one (`downloads_url`, from `url`).
fn service_nav<'a>(
    site: &'a Site,
    reader: Reader<'a>,
    url: &str,
    downloads_url: Option<String>,
) -> Vec<NavLink<'a>> {
    let mut sections: Vec<_> = site
        .children(PageId::HOME, &reader.audience.id, &reader.language.id)
        .into_iter()
        .filter(|v| site.pages[v.page].is_section)
        .collect();
    if sections.len() > MOST_SECTIONS_IN_HEADER {
        sections.clear();
    }
    let sections = sections.into_iter().map(|v| NavLink {
        title: &v.meta.title,
        url: relative(url, &v.url, site.options.offline),
        current: None,
        page: Some(v.page),
    });
    let downloads = downloads_url.map(|url| NavLink {
        title: reader.phrases.get("downloads_title"),
        url,
        current: None,
        page: None,
    });
    sections.chain(downloads).collect()
}

/// Marks the service navigation's link to `page`, or to the section it is
/// in: `aria-current="page"` on the page itself, `"true"` within it.
fn mark_current(site: &Site, links: &mut [NavLink], page: PageId) {
    let mut above = Some(page);
    while let Some(at) = above {
        if let Some(link) = links.iter_mut().find(|l| l.page == Some(at)) {
            link.current = Some(if at == page { "page" } else { "true" });
            return;
        }
        above = site.pages[at].section;
    }
}

/// The addresses a body's links go to, without their `#fragment` or
/// `?query`: for seeing whether it links every page a listing would.
fn linked_addresses(html: &str) -> std::collections::HashSet<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.split(['#', '?']).next().unwrap_or_default())
        .collect()
}

/// The `##` headings a page lists at its top: four or more, unless its
/// front-matter turns the list off.
fn contents<'a>(meta: &Meta, headings: &'a [Heading]) -> Vec<&'a Heading> {
    let second: Vec<&Heading> = headings.iter().filter(|h| h.level == 2).collect();
    if meta.toc && second.len() >= 4 {
        second
    } else {
        Vec::new()
    }
}

/// The banner of the default audience's page shown to another audience:
/// who the page was written for, in the reader's phrases
/// (`written_for_AUDIENCE` for a built-in audience, else `written_for`
/// naming it as the switcher does); `None` on a page written for them.
fn written_for(site: &Site, reader: Reader, version: &Version) -> Option<String> {
    if !version.fallback {
        return None;
    }
    let default = &site.config.default_audience;
    let own = reader.phrases.get(&format!("written_for_{default}"));
    if !own.is_empty() {
        return Some(own.to_string());
    }
    let audience = site.config.audience(default)?;
    let name = reader.name_of(site, audience);
    Some(reader.phrases.fill("written_for", &[("audience", name)]))
}

/// `ltr` or `rtl`, for the `dir` attribute.
fn direction(language: &Language) -> &'static str {
    match language.dir {
        crate::config::Direction::Ltr => "ltr",
        crate::config::Direction::Rtl => "rtl",
    }
}

/// The language switcher of a page with no versions in other languages
/// (a downloads page, the 404 page): each language's home page for the
/// reader's audience. Empty for a site in one language.
fn language_homes<'a>(site: &'a Site, url: &str, reader: Reader<'a>) -> Vec<LanguageSwitch<'a>> {
    if !site.config.is_multilingual() {
        return Vec::new();
    }
    site.config
        .languages
        .iter()
        .map(|language| LanguageSwitch {
            id: &language.id,
            label: &language.label,
            dir: direction(language),
            url: relative(
                url,
                &site.config.prefix(&reader.audience.id, &language.id),
                site.options.offline,
            ),
            current: language.id == reader.language.id,
            translated: false,
            home_note: (language.id != reader.language.id)
                .then(|| reader.phrases_in(&language.id).get("language_home")),
        })
        .collect()
}

/// The language switcher and the alternates of a version: for each
/// language, this page for the same audience in it (or, with none, for
/// the default audience), else that language's home page.
fn language_versions<'a>(
    site: &'a Site,
    version: &Version,
    reader: Reader<'a>,
) -> (Vec<LanguageSwitch<'a>>, Vec<Alternate<'a>>) {
    let mut switches = language_homes(site, &version.url, reader);
    let mut alternates = Vec::new();
    for switch in &mut switches {
        let translated = site
            .version(version.page, &version.audience, switch.id)
            .or_else(|| site.version(version.page, &site.config.default_audience, switch.id))
            .filter(|v| v.built);
        if let Some(other) = translated {
            switch.url = relative(&version.url, &other.url, site.options.offline);
            switch.translated = true;
            switch.home_note = None;
            if other.audience == version.audience {
                alternates.push(Alternate {
                    hreflang: switch.id,
                    url: alternate_url(site, &version.url, &other.url),
                });
            }
        }
    }
    // A page in one language has no alternates, not one naming itself.
    if alternates.len() < 2 {
        alternates.clear();
    }
    (switches, alternates)
}

/// The address of `to` for a `<link rel="alternate">` on the page at
/// `from`: a full one under `base_url`, as search engines ask, else
/// relative.
fn alternate_url(site: &Site, from: &str, to: &str) -> String {
    match site.config.base() {
        Some(base) => format!("{base}/{to}"),
        None => relative(from, to, site.options.offline),
    }
}

/// A page value with nothing but its settings.
fn bare_page<'a>(meta: &'a Meta, path: String) -> PageValue<'a> {
    PageValue {
        meta,
        content: "",
        toc: &[],
        has_fields: false,
        is_section: false,
        is_home: false,
        path,
        permalink: None,
        tree_svg: None,
        source: None,
        pdf_file: None,
        edition: None,
        review: None,
        written_for: None,
        contents: Vec::new(),
    }
}

fn pdf_value(from: &str, file: &PdfFile, phrases: &Phrases) -> PdfValue {
    PdfValue {
        url: relative(from, &file.path, false),
        size: file.bytes.map(|bytes| phrases.size(bytes)),
        pages: file.pages,
    }
}

fn tree_svg(version: &Version, reader: Reader) -> Option<String> {
    (!version.meta.tree_parts.is_empty()).then(|| {
        tree::svg(
            &version.meta.tree_parts,
            &version.meta.title,
            reader.theme.theme.settings.tree_text_scale,
            reader.phrases,
        )
    })
}

/// Renders `template` with `context` and the phrase table as `t`; a
/// problem says, in its context, `what` was being rendered. Pages in the
/// default language see the theme's `site` and `params`; the others their
/// language's.
fn render(
    site: &Site,
    reader: Reader,
    template: &str,
    context: &Context,
    what: &str,
) -> Result<String, Diagnostic> {
    let loaded = reader.theme;
    let rendered = tera::Context::from_serialize(context)
        .map_err(|e| Diagnostic::general(e.to_string()))
        .map(|mut values| {
            if context.lang != site.config.language {
                let language = site.template_values(context.lang);
                values.insert_value("site", language.site.clone());
                values.insert_value("params", language.params.clone());
            }
            values.insert_value("t", reader.phrases.value());
            values
        })
        .and_then(|context| {
            loaded.tera.render(template, &context).map_err(|error| {
                template_diagnostics(&loaded.theme, &error)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Diagnostic::general(error.to_string()))
            })
        });
    rendered.map_err(|problem| problem.with_context(what))
}

/// Renders a built version into its full HTML page; `pdf` is its PDF, when
/// it has one.
pub(crate) fn page(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    id: VersionId,
    body: &Rendered,
    pdf: Option<&PdfFile>,
) -> Result<String, Diagnostic> {
    let version = &site.versions[id];
    let reader = Reader::of(site, themes, book, version);
    let page = &site.pages[version.page];
    let from = version.url.as_str();
    let source = site.source(version);
    let value = PageValue {
        content: &body.html,
        toc: &body.headings,
        has_fields: body.has_fields,
        is_section: page.is_section,
        is_home: version.page == PageId::HOME,
        tree_svg: tree_svg(version, reader),
        source: source.map(|s| s.path.display().to_string()),
        pdf_file: pdf.map(|file| pdf_value(from, file, reader.phrases)),
        edition: edition(&version.meta, reader.phrases),
        review: review(&version.meta, reader),
        written_for: written_for(site, reader, version),
        contents: contents(&version.meta, &body.headings),
        ..bare_page(&version.meta, format!("/{}", version.url))
    };
    let mut context = context(site, reader, from, value);
    mark_current(site, &mut context.service_nav, version.page);
    (context.languages, context.alternates) = language_versions(site, version, reader);
    let (audience, language) = (version.audience.as_str(), version.language.as_str());
    if page.is_section {
        context.pages = site
            .children(version.page, audience, language)
            .into_iter()
            .map(|v| item(site, from, v))
            .collect();
        let linked = linked_addresses(&body.html);
        context.listing_linked = !context.pages.is_empty()
            && context
                .pages
                .iter()
                .all(|item| linked.contains(item.url.as_str()));
    }
    let mut above = page.section;
    while let Some(section) = above {
        if let Some(v) = site
            .version(section, audience, language)
            .filter(|v| v.built)
        {
            context.breadcrumbs.push(item(site, from, v));
        }
        above = site.pages[section].section;
    }
    context.breadcrumbs.reverse();
    if let Some(section) = page.section {
        let siblings = site.children(section, audience, language);
        if let Some(i) = siblings.iter().position(|v| std::ptr::eq(*v, version)) {
            context.previous = i.checked_sub(1).map(|p| item(site, from, siblings[p]));
            context.next = siblings.get(i + 1).map(|n| item(site, from, n));
        }
    }
    context.switcher = site
        .config
        .audiences
        .iter()
        .filter_map(|a| {
            Some((
                a,
                site.version(version.page, &a.id, language)
                    .filter(|v| v.built)?,
            ))
        })
        .map(|(a, v)| Switch {
            id: &a.id,
            label: reader.name_of(site, a),
            url: relative(from, &v.url, site.options.offline),
            current: v.audience == version.audience,
        })
        .collect();
    let template = if version.page == PageId::HOME {
        "home.html".to_string()
    } else if page.is_section {
        "section.html".to_string()
    } else {
        format!("{}.html", version.meta.kind.name())
    };
    let what = source.map_or_else(
        || "the generated home page".to_string(),
        |s| s.path.display().to_string(),
    );
    render(site, reader, &template, &context, &what)
}

/// The `404.html` page, in the default audience's theme. A server shows
/// it at any address, however deep, so its addresses start from the top
/// of the site: full addresses under `base_url` when it is set, otherwise
/// from the domain's root (`/`). An offline build has no server to show
/// it, so there they stay relative, as on any page at the top.
pub(crate) fn not_found(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
) -> Result<String, Diagnostic> {
    let config = &site.config;
    let reader = Reader::new(
        site,
        themes,
        book,
        &config.default_audience,
        &config.language,
    );
    let meta = Meta::generated(reader.phrases.get("not_found_title"));
    let mut context = context(site, reader, "", bare_page(&meta, "/404.html".to_string()));
    context.page.permalink = None;
    context.translations = config
        .languages
        .iter()
        .filter(|language| language.id != config.language)
        .map(|language| {
            let other = Reader::new(site, themes, book, &config.default_audience, &language.id);
            NotFoundIn {
                lang: &language.id,
                dir: direction(language),
                site_title: &language.title,
                t: other.phrases.value(),
                homes: config
                    .audiences
                    .iter()
                    .map(|a| Switch {
                        id: &a.id,
                        label: other.name_of(site, a),
                        url: relative(
                            "",
                            &config.prefix(&a.id, &language.id),
                            site.options.offline,
                        ),
                        current: false,
                    })
                    .collect(),
            }
        })
        .collect();
    if site.options.offline {
        context.canonical = "404.html".to_string();
    } else {
        let top = config
            .base()
            .map_or("/".to_string(), |base| format!("{base}/"));
        let from_top = |address: String| {
            let address = address.trim_start_matches("./");
            format!("{top}{address}")
        };
        context.root = top.clone();
        context.home = from_top(context.home);
        context.assets = from_top(context.assets);
        context.canonical = format!("{top}404.html");
        context.downloads_url = context.downloads_url.map(from_top);
        context.accessibility_url = from_top(context.accessibility_url);
        context.privacy_url = from_top(context.privacy_url);
        context.logo_url = context.logo_url.map(from_top);
        for home in &mut context.homes {
            home.url = from_top(std::mem::take(&mut home.url));
        }
        for link in &mut context.service_nav {
            link.url = from_top(std::mem::take(&mut link.url));
        }
        for language in &mut context.languages {
            language.url = from_top(std::mem::take(&mut language.url));
        }
        for home in context.translations.iter_mut().flat_map(|t| &mut t.homes) {
            home.url = from_top(std::mem::take(&mut home.url));
        }
    }
    // Each language's entry goes to its home page, which this page is not.
    for language in &mut context.languages {
        language.current = false;
    }
    render(site, reader, "404.html", &context, "the 404 page")
}

/// The values of a page signpost makes at the same place under every
/// audience's and language's prefix (downloads, search, the accessibility
/// statement and privacy notice), titled by `meta`: `address(audience,
/// language)` is its URL for each, so the language and audience switchers
/// go to the same page for the others, and its breadcrumbs start at the
/// reader's home page.
fn generated_context<'a>(
    site: &'a Site,
    reader: Reader<'a>,
    meta: &'a Meta,
    address: impl Fn(&str, &str) -> String,
) -> Context<'a> {
    let (audience, language) = (reader.audience.id.as_str(), reader.language.id.as_str());
    let url = address(audience, language);
    let offline = site.options.offline;
    let mut context = context(site, reader, &url, bare_page(meta, format!("/{url}")));
    for switch in &mut context.languages {
        let other = address(audience, switch.id);
        switch.url = relative(&url, &other, offline);
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
            url: relative(&url, &address(&a.id, language), offline),
            current: a.id == audience,
        })
        .collect();
    context
}

/// An audience's downloads page in a language (`downloads/` under their
/// prefix), listing every PDF of that audience in that language, and
/// linking to `zip`, the zip file of them all.
pub(crate) fn downloads(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    audience: &str,
    language: &str,
    list: &[Download],
    zip: Option<&PdfZip>,
) -> Result<String, Diagnostic> {
    let reader = Reader::new(site, themes, book, audience, language);
    let phrases = reader.phrases;
    let url = site.downloads_url(audience, language);
    let mut meta = Meta::generated(phrases.get("downloads_title"));
    meta.summary = Some(phrases.get("downloads_summary").to_string());
    let mut context = generated_context(site, reader, &meta, |a, l| site.downloads_url(a, l));
    if let Some(link) = context.service_nav.iter_mut().find(|l| l.page.is_none()) {
        link.current = Some("page");
    }
    context.downloads = list
        .iter()
        .map(|download| {
            let version = &site.versions[download.version];
            DownloadValue {
                title: &version.meta.title,
                kind: if site.pages[version.page].is_section {
                    "collection"
                } else {
                    version.meta.kind.name()
                },
                paper: format!("{:?}", version.meta.paper),
                orientation: format!("{:?}", version.meta.orientation).to_lowercase(),
                page_url: relative(&url, &version.url, site.options.offline),
                url: relative(&url, &download.file.path, false),
                size: download.file.bytes.map(|bytes| phrases.size(bytes)),
                pages: download.file.pages,
            }
        })
        .collect();
    context.downloads_zip = zip.map(|zip| PdfZipValue {
        url: relative(&url, &zip.path, false),
        size: phrases.size(zip.bytes),
        count: zip.count,
    });
    render(
        site,
        reader,
        "downloads.html",
        &context,
        "the downloads page",
    )
}

/// An audience's search page in a language (`search/` under their
/// prefix): the search box, where its script shows what is found, and
/// `contents`, every page of that audience in that language with how
/// deep it is, which is what a reader without the script, or reading the
/// pack from its files, can use instead.
pub(crate) fn search(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    audience: &str,
    language: &str,
    contents: &[(&Version, usize)],
) -> Result<String, Diagnostic> {
    let reader = Reader::new(site, themes, book, audience, language);
    let phrases = reader.phrases;
    let url = site.search_url(audience, language);
    let mut meta = Meta::generated(phrases.get("search_title"));
    meta.summary = Some(phrases.get("search_summary").to_string());
    let mut context = generated_context(site, reader, &meta, |a, l| site.search_url(a, l));
    // The page's own box is the search box here.
    context.search_url = None;
    context.contents = contents
        .iter()
        .map(|&(version, depth)| ContentsEntry {
            item: item(site, &url, version),
            depth,
        })
        .collect();
    render(site, reader, "search.html", &context, "the search page")
}

/// The printable collection of a section (or of the home page: the whole
/// site for one audience): its pages in order after a contents list. It is
/// written beside the section's page, at `at`, so addresses in each part
/// are rebased from the part's own page to there.
pub(crate) fn collection(
    site: &Site,
    themes: &BTreeMap<String, LoadedTheme>,
    book: &PhraseBook,
    id: VersionId,
    own: &Rendered,
    parts: &[CollectionPart],
    at: &str,
) -> Result<String, Diagnostic> {
    let version = &site.versions[id];
    let reader = Reader::of(site, themes, book, version);
    let folder = &version.url;
    let value = PageValue {
        content: &own.html,
        toc: &own.headings,
        is_section: true,
        is_home: version.page == PageId::HOME,
        edition: edition(&version.meta, reader.phrases),
        ..bare_page(&version.meta, format!("/{at}"))
    };
    let mut context = context(site, reader, folder, value);
    context.collection = parts
        .iter()
        .enumerate()
        .map(|(n, part)| {
            let v = &site.versions[part.version];
            CollectionValue {
                id: format!("part_{}", n + 1),
                title: &v.meta.title,
                kind: v.meta.kind.name(),
                depth: part.depth,
                content: crate::url::rebase(&part.body.html, &v.url, folder),
                tree_svg: tree_svg(v, reader),
            }
        })
        .collect();
    render(
        site,
        reader,
        "collection.html",
        &context,
        &format!("the printable collection of /{}", version.url),
    )
}
