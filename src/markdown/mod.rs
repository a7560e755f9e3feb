//! A page version's body to HTML: the Tera pass (`template`, which the
//! build runs as a stage of its own), then CommonMark with GitHub's
//! extensions, with heading ids, rewritten links, alerts, picture rows,
//! highlighted code, fill-in fields, help panels, and phone numbers and
//! email addresses made links (`autolink`).
//!
//! The Markdown stage sees only a [`RenderContext`]: the file, its body
//! after the Tera pass and a [`Links`] resolver, never the whole site.
//!
//! No pass marks anything inside the text it hands on, so a body may hold
//! any character. The Markdown writer hands on typed [`pieces`]: HTML, and
//! where each address and picture-row edge goes, which each version fills
//! in by walking them. Only the fill-in shortcodes, which run in the Tera
//! pass before there is any Markdown, must leave something in the text:
//! a placeholder holding the build's secret `token`, which no author can
//! write (see `shortcodes`); the Tera pass hides heading ids the same way.

mod address;
pub(crate) mod autolink;
mod context;
pub(crate) mod headings;
pub(crate) mod highlight;
mod pieces;
mod raw_html;
pub(crate) mod shortcodes;
mod source_map;
pub(crate) mod template;
mod token;
mod writer;

pub(crate) use context::{Links, PageFile, RenderContext};
pub(crate) use source_map::SourceMap;

use crate::content::links::{Link, LinkProblem};
use crate::content::VersionId;
use crate::diagnostic::Diagnostic;
use crate::phrases::Phrases;
use address::Address;
use pieces::{Href, LinkLanguage, Pieces};
use pulldown_cmark::Options;
use serde::Serialize;
use std::sync::Arc;
use token::token;
use writer::Reading;

/// A heading of a page, for its table of contents and anchor checks.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The id links may target.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A `#fragment` in a link, to be checked once every page is rendered.
#[derive(Debug)]
pub(crate) struct AnchorCheck {
    /// The page version the link goes to.
    pub target: VersionId,
    /// The heading id it names.
    pub id: String,
    /// The address as written.
    pub dest: String,
    /// Where the link is in the file.
    pub place: Option<(usize, usize)>,
}

/// A body rendered to HTML.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The HTML, shared by the versions whose bodies came out the same.
    pub html: Arc<str>,
    /// Its headings, in order.
    pub headings: Arc<[Heading]>,
    /// The anchors its links name.
    pub anchors: Vec<AnchorCheck>,
    /// Whether it has fill-in fields.
    pub has_fields: bool,
    /// The Markdown it was rendered from, after the Tera pass, kept so that
    /// `signpost check` reads the same text without running Tera again;
    /// `None` when the pass left the file's body as it was (then read that:
    /// most bodies have no template syntax, and a copy of each would hold
    /// a whole site's text in memory for nothing).
    pub markdown: Option<Arc<str>>,
}

/// How a theme wants bodies rendered.
#[derive(Clone, Debug)]
pub(crate) struct Style {
    /// Lay out a paragraph that starts with an image as a picture row.
    pub picture_rows: bool,
    /// The words the writer adds (footnotes' labels, alerts' titles,
    /// fields' labels): the page's language's, easy-read ones for an
    /// easy-read theme.
    pub phrases: Arc<Phrases>,
}

impl Default for Style {
    /// No picture rows, in en-GB's standard phrases.
    fn default() -> Self {
        Style {
            picture_rows: false,
            phrases: Phrases::english(),
        }
    }
}

/// Renders version `version_id`'s body from the file in `context`, with
/// its theme's `style`. Problems are placed in the file.
pub(crate) fn render<L: Links>(
    context: &RenderContext<L>,
    version_id: VersionId,
    style: Style,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_group(context, &[(version_id, style)])
        .pop()
        .unwrap_or_else(|| Ok(Rendered::default()))
}

/// Renders the bodies of versions (each with its theme's style) made from
/// the file in `context`, whose body is the same Markdown for each (no Tera
/// syntax, or a single version). The Markdown is read once; only the
/// addresses of links and images, which depend on the version's place, and
/// the picture rows, which depend on its style, are settled for each. A
/// body that says words of the phrase table (a footnote's label, a date
/// field's boxes) is read again for each other table among the versions.
pub(crate) fn render_group<L: Links>(
    context: &RenderContext<L>,
    versions: &[(VersionId, Style)],
) -> Vec<Result<Rendered, Vec<Diagnostic>>> {
    // Each reading, with the table it was read with and the bodies put
    // together from it so far.
    type Read<'s, D> = (
        &'s Arc<Phrases>,
        Result<Shared<D>, Vec<Diagnostic>>,
        Vec<Assembled>,
    );
    let mut readings: Vec<Read<L::Destination>> = Vec::new();
    versions
        .iter()
        .map(|(id, style)| {
            let serves = |(table, read, _): &Read<L::Destination>| {
                Arc::ptr_eq(table, &style.phrases)
                    || read.as_ref().is_ok_and(|shared| !shared.says_phrases)
            };
            let index = match readings.iter().position(serves) {
                Some(index) => index,
                None => {
                    let read = Shared::read(context, &style.phrases);
                    readings.push((&style.phrases, read, Vec::new()));
                    readings.len() - 1
                }
            };
            let (_, read, assembled) = &mut readings[index];
            match read {
                Ok(shared) => shared.for_version(context, *id, style, assembled),
                Err(problems) => Err(problems.clone()),
            }
        })
        .collect()
}

/// A body read once: its HTML in pieces, with a piece where each address
/// goes.
struct Shared<D> {
    /// The HTML, in pieces.
    pieces: Pieces,
    headings: Arc<[Heading]>,
    has_fields: bool,
    /// Whether the reading said words from its phrase table; if not, it
    /// serves versions in every language's words.
    says_phrases: bool,
    /// The Markdown after the Tera pass, where it differs from the body.
    markdown: Option<Arc<str>>,
    addresses: Vec<Address>,
    /// Where each address goes, as far as that is the same for every
    /// version.
    destinations: Vec<Result<D, LinkProblem>>,
    problems: Vec<Diagnostic>,
}

/// A body put together for one version, kept so that another version
/// whose addresses and picture rows come out the same shares it.
struct Assembled {
    hrefs: Vec<Href>,
    picture_rows: bool,
    html: Arc<str>,
}

impl<D> Shared<D> {
    /// The Tera pass, then one reading of the Markdown, with each address's
    /// destination worked out from the file's folder, and the words the
    /// writer adds from `phrases`.
    fn read<L: Links<Destination = D>>(
        context: &RenderContext<L>,
        phrases: &Phrases,
    ) -> Result<Shared<D>, Vec<Diagnostic>> {
        let file = &context.file;
        let markdown = context.markdown;
        let Reading {
            pieces,
            headings,
            has_fields,
            says_phrases,
            addresses,
            problems,
        } = writer::read(markdown, file.body, file.path, file.first_line, phrases);
        let destinations = addresses
            .iter()
            .map(|address| context.links.destination(file.folder, &address.dest))
            .collect();
        Ok(Shared {
            pieces,
            headings: headings.into(),
            has_fields,
            says_phrases,
            markdown: (markdown != file.body).then(|| markdown.into()),
            addresses,
            destinations,
            problems,
        })
    }

    /// The body for one version: its addresses resolved from its place.
    /// `assembled` holds the bodies put together so far, to share.
    fn for_version<L: Links<Destination = D>>(
        &self,
        context: &RenderContext<L>,
        id: VersionId,
        style: &Style,
        assembled: &mut Vec<Assembled>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let (hrefs, anchors) = self.hrefs(context, id, &style.phrases)?;
        let picture_rows = style.picture_rows && self.pieces.has_rows();
        Ok(Rendered {
            html: self.html_for(hrefs, picture_rows, assembled),
            headings: self.headings.clone(),
            anchors,
            has_fields: self.has_fields,
            markdown: self.markdown.clone(),
        })
    }

    /// Each address as version `id` writes it, escaped for an attribute,
    /// with the headings its links name; or every problem in the body.
    fn hrefs<L: Links<Destination = D>>(
        &self,
        context: &RenderContext<L>,
        id: VersionId,
        phrases: &Phrases,
    ) -> Result<(Vec<Href>, Vec<AnchorCheck>), Vec<Diagnostic>> {
        let mut problems = self.problems.clone();
        let mut anchors = Vec::new();
        let hrefs = self
            .addresses
            .iter()
            .zip(&self.destinations)
            .map(|(address, destination)| {
                let link = destination
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|to| context.links.link_for(id, to, &address.dest));
                let (href, other) = match link {
                    Ok(Link::AsWritten) => (address.dest.clone(), None),
                    Ok(Link::Rewritten {
                        href,
                        anchor,
                        language,
                    }) => {
                        if let Some((target, heading)) = anchor {
                            anchors.push(AnchorCheck {
                                target,
                                id: heading,
                                dest: address.dest.clone(),
                                place: address.place,
                            });
                        }
                        (href, language)
                    }
                    Err((message, hint)) => {
                        problems.push(
                            Diagnostic::error(context.file.path, message)
                                .at_opt(address.place)
                                .with_hint(hint),
                        );
                        (address.dest.clone(), None)
                    }
                };
                let mut escaped = String::with_capacity(href.len());
                let _ = pulldown_cmark_escape::escape_href(&mut escaped, &href);
                Href {
                    href: escaped,
                    other: other.map(|other| LinkLanguage {
                        note: phrases.fill(
                            "in_language",
                            &[(
                                "language",
                                phrases.language_name(&other.tag).unwrap_or(&other.label),
                            )],
                        ),
                        tag: other.tag,
                    }),
                }
            })
            .collect();
        if problems.is_empty() {
            Ok((hrefs, anchors))
        } else {
            Err(problems)
        }
    }

    /// The HTML with these addresses and picture rows: one already put
    /// together for another version if it is the same, else a new one.
    fn html_for(
        &self,
        hrefs: Vec<Href>,
        picture_rows: bool,
        assembled: &mut Vec<Assembled>,
    ) -> Arc<str> {
        if let Some(same) = assembled
            .iter()
            .find(|a| a.hrefs == hrefs && a.picture_rows == picture_rows)
        {
            return same.html.clone();
        }
        let html: Arc<str> = self.pieces.assemble(&hrefs, picture_rows).into();
        assembled.push(Assembled {
            hrefs,
            picture_rows,
            html: html.clone(),
        });
        html
    }
}

/// The Markdown extensions docs/content.md promises.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::Path;

    /// A link table standing in for the site: each page, by the address
    /// written to it, with its version and the href a link to it gets.
    struct FakeLinks(HashMap<&'static str, (VersionId, &'static str)>);

    /// A fake destination: the page as written, and the fragment, if any.
    type FakeDestination = (&'static str, Option<String>);

    impl Links for FakeLinks {
        type Destination = FakeDestination;

        fn destination(
            &self,
            from_folder: &str,
            dest: &str,
        ) -> Result<FakeDestination, LinkProblem> {
            let (page, fragment) = match dest.split_once('#') {
                Some((page, fragment)) => (page, Some(fragment.to_string())),
                None => (dest, None),
            };
            match self.0.get_key_value(page) {
                Some((&page, _)) => Ok((page, fragment)),
                None => Err((
                    format!("the link `{dest}` goes to content/{from_folder}/{page}, which does not exist"),
                    "check the file name".to_string(),
                )),
            }
        }

        fn link_for(
            &self,
            _from_version: VersionId,
            (page, fragment): &FakeDestination,
            _dest: &str,
        ) -> Result<Link, LinkProblem> {
            let (version, href) = self.0[page];
            let href = match fragment {
                Some(fragment) => format!("{href}#{fragment}"),
                None => href.to_string(),
            };
            Ok(Link::Rewritten {
                href,
                anchor: fragment.clone().map(|fragment| (version, fragment)),
                language: None,
            })
        }
    }

    fn links() -> FakeLinks {
        FakeLinks(HashMap::from([
            ("prepare.md", (VersionId::at(7), "../prepare/")),
            ("calendar.svg", (VersionId::at(0), "../calendar.svg")),
        ]))
    }

    /// A context for `body`, which starts on line 5 of its file, and is
    /// `markdown` after the template pass.
    fn context<'a>(
        body: &'a str,
        markdown: &'a str,
        links: &'a FakeLinks,
    ) -> RenderContext<'a, FakeLinks> {
        RenderContext {
            file: PageFile {
                path: Path::new("content/guide/start.md"),
                body,
                first_line: 5,
                folder: "guide",
            },
            markdown,
            links,
        }
    }

    /// `body` after the template pass, with no values.
    fn expanded(body: &str) -> String {
        template::expand(body, &tera::Context::new()).expect("expands")
    }

    fn html(body: &str, style: Style) -> String {
        let links = links();
        render(
            &context(body, &expanded(body), &links),
            VersionId::at(1),
            style,
        )
        .expect("renders")
        .html
        .to_string()
    }

    #[test]
    fn a_link_to_a_page_gets_the_tables_address() {
        assert_eq!(
            html("See [how to prepare](prepare.md).\n", Style::default()),
            "<p>See <a href=\"../prepare/\">how to prepare</a>.</p>\n"
        );
    }

    #[test]
    fn a_link_to_a_heading_asks_for_that_heading_to_be_checked() {
        let links = links();
        let body = "# Start\n\nRead [matching](prepare.md#matching).\n";
        let rendered = render(
            &context(body, &expanded(body), &links),
            VersionId::at(1),
            Style::default(),
        )
        .expect("renders");
        assert!(rendered
            .html
            .contains("<a href=\"../prepare/#matching\">matching</a>"));
        let [anchor] = &rendered.anchors[..] else {
            panic!("one anchor: {:?}", rendered.anchors);
        };
        assert_eq!(
            (
                anchor.target,
                anchor.id.as_str(),
                anchor.dest.as_str(),
                anchor.place
            ),
            (
                VersionId::at(7),
                "matching",
                "prepare.md#matching",
                Some((7, 16))
            )
        );
        assert_eq!(rendered.headings[0].id, "start");
    }

    #[test]
    fn a_missing_page_is_an_error_at_its_link() {
        let links = links();
        let body = "Intro.\n\nSee [the old page](gone.md).\n";
        let problems = render(
            &context(body, &expanded(body), &links),
            VersionId::at(1),
            Style::default(),
        )
        .unwrap_err();
        let [problem] = &problems[..] else {
            panic!("one problem: {problems:?}");
        };
        assert_eq!(
            problem.message,
            "the link `gone.md` goes to content/guide/gone.md, which does not exist"
        );
        assert_eq!(
            problem.file.as_deref(),
            Some(Path::new("content/guide/start.md"))
        );
        // At the address's `(`, on the file's line, not the body's.
        assert_eq!((problem.line, problem.column), (Some(7), Some(19)));
    }

    #[test]
    fn an_image_is_rewritten_and_starts_a_picture_row_by_style() {
        let body = "![A calendar](calendar.svg) Put the date in.\n";
        let image = "<img src=\"../calendar.svg\" alt=\"A calendar\" />";
        assert_eq!(
            html(body, Style {
                picture_rows: true,
                ..Style::default()
            }),
            format!("<div class=\"picture-row\">{image}<div class=\"picture-row-words\"><p> Put the date in.</p></div></div>\n")
        );
        assert_eq!(
            html(body, Style::default()),
            format!("<p>{image} Put the date in.</p>\n")
        );
    }

    #[test]
    fn an_image_without_alt_text_is_an_error_at_its_address() {
        let links = links();
        let body = "Text.\n\n![](calendar.svg)\n";
        let problems = render(
            &context(body, &expanded(body), &links),
            VersionId::at(1),
            Style::default(),
        )
        .unwrap_err();
        assert_eq!(
            problems[0].message,
            "the image `calendar.svg` has no alt text"
        );
        assert_eq!((problems[0].line, problems[0].column), (Some(7), Some(3)));
    }

    #[test]
    fn versions_whose_bodies_come_out_the_same_share_one_html() {
        let links = links();
        let body = "See [how to prepare](prepare.md).\n";
        let rendered = render_group(
            &context(body, &expanded(body), &links),
            &[
                (VersionId::at(1), Style::default()),
                (VersionId::at(2), Style::default()),
            ],
        );
        let [Ok(first), Ok(second)] = &rendered[..] else {
            panic!("two bodies");
        };
        assert!(Arc::ptr_eq(&first.html, &second.html));
    }

    #[test]
    fn a_body_is_read_again_for_another_phrase_table_only_if_it_says_phrases() {
        let links = links();
        let book = crate::phrases::PhraseBook::load(
            std::path::Path::new("/nowhere"),
            &["en-GB"],
            &mut Vec::new(),
        );
        let style = |easy_read| Style {
            picture_rows: false,
            phrases: book.phrases("en-GB", easy_read).clone(),
        };
        let both = |body: &str| {
            let rendered = render_group(
                &context(body, &expanded(body), &links),
                &[
                    (VersionId::at(1), style(false)),
                    (VersionId::at(2), style(true)),
                ],
            );
            let [Ok(standard), Ok(easy)] = &rendered[..] else {
                panic!("two bodies");
            };
            (standard.html.clone(), easy.html.clone())
        };
        // No words of signpost's own: one reading, one HTML for both.
        let (standard, easy) = both("See [how to prepare](prepare.md).\n");
        assert!(Arc::ptr_eq(&standard, &easy));
        // A footnote says "Back to the text", or "Go back" in easy read.
        let (standard, easy) = both("A point.[^1]\n\n[^1]: A note.\n");
        assert!(standard.contains("Back to the text"), "{standard}");
        assert!(easy.contains("Go back"), "{easy}");
    }

    /// Every private-use character signpost's passes once used as markers.
    fn private_use() -> String {
        ('\u{E000}'..='\u{E013}').collect()
    }

    #[test]
    fn private_use_characters_come_out_as_written() {
        let all = private_use();
        let body = format!(
            "# Heading {all}\n\nText {all} and [link {all}](prepare.md).\n\n\
             ![Alt {all}](calendar.svg) Words {all}\n\n\
             {{{{ field(label=\"Label {all}\") }}}}\n\n```\n{all}\n```\n"
        );
        let links = links();
        let rendered = render(
            &context(&body, &expanded(&body), &links),
            VersionId::at(1),
            Style {
                picture_rows: true,
                ..Style::default()
            },
        )
        .expect("renders");
        assert_eq!(
            &*rendered.html,
            format!(
                "<h1 id=\"heading\">Heading {all}</h1>\n\
                 <p>Text {all} and <a href=\"../prepare/\">link {all}</a>.</p>\n\
                 <div class=\"picture-row\"><img src=\"../calendar.svg\" alt=\"Alt {all}\" />\
                 <div class=\"picture-row-words\"><p> Words {all}</p></div></div>\n\n\
                 <div class=\"field-row\"><span class=\"field field-line\">\
                 <label for=\"field_label\">Label {all}</label> \
                 <span class=\"field-box\"><input type=\"text\" id=\"field_label\" name=\"field_label\" autocomplete=\"off\" data-keep>\
                 <a class=\"field-spot\" hidden href=\"?signpost-field=text/{spot}\"></a></span></span></div>\n\
                 <pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"Code\"><code>{all}\n</code></pre>\n",
                spot = percent_encoding::utf8_percent_encode(
                    &format!("Label {all}"),
                    percent_encoding::NON_ALPHANUMERIC
                )
            )
        );
        assert_eq!(rendered.headings[0].text, format!("Heading {all}"));
    }

    #[test]
    fn a_body_cannot_forge_a_field() {
        // `field(label="x")` as the markers of old held it, and as a
        // placeholder holds it, but with a token the author made up.
        let hex = "6669656c641f311f78";
        let forged = format!("\u{E002}{hex}\u{E003} 00000000000000000000f{hex}z");
        let links = links();
        let body = format!("{forged}\n");
        let rendered = render(
            &context(&body, &expanded(&body), &links),
            VersionId::at(1),
            Style::default(),
        )
        .expect("renders");
        assert_eq!(&*rendered.html, format!("<p>{forged}</p>\n"));
        assert!(!rendered.has_fields);
    }

    #[test]
    fn a_field_alone_in_a_paragraph_is_a_row_and_one_in_words_stays_inline() {
        let body = "{{ date(label=\"When\") }}\n\nSign {{ checkbox(label=\"Yes\") }} here.\n";
        let html = html(body, Style::default());
        assert!(
            html.starts_with(
                "<div class=\"field-row\"><fieldset class=\"field field-date\"><legend>When</legend>"
            ),
            "{html}"
        );
        assert!(
            html.contains("</fieldset></div>\n<p>Sign <span class=\"field field-checkbox\">"),
            "{html}"
        );
    }

    #[test]
    fn addresses_and_rows_are_pieces_of_their_own() {
        let links = links();
        let body = "![A calendar](calendar.svg) Words [and](prepare.md) 50%EE%80%84.\n";
        let shared =
            Shared::read(&context(body, body, &links), &Phrases::english()).expect("reads");
        let list: Vec<String> = shared
            .pieces
            .list
            .iter()
            .map(|piece| match piece {
                pieces::Piece::Html(range) => shared.pieces.text[range.clone()].to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            list,
            [
                "Row(Open)",
                "<img src=\"",
                "Address(0)",
                "\" alt=\"A calendar\" />",
                "Row(Words)",
                " Words <a href=\"",
                "Address(1)",
                "HrefLang(1)",
                "\">and",
                "LanguageNote(1)",
                "</a> 50%EE%80%84.",
                "Row(Close)",
            ]
        );
    }

    #[test]
    fn a_field_in_code_is_a_field_and_leaves_no_placeholder() {
        let body = "Type `{{ date(label=\"A\") }}`.\n\n```\nx {{ date(label=\"B\") }} y\n```\n";
        let html = html(body, Style::default());
        assert!(
            html.contains("<p>Type <code><span class=\"field field-date\" role=\"group\""),
            "{html}"
        );
        assert!(
            html.contains("<code>x <span class=\"field field-date\" role=\"group\""),
            "{html}"
        );
        assert!(html.contains("</span> y\n</code></pre>\n"), "{html}");
        assert!(!html.contains(token()), "{html}");
    }

    #[test]
    fn a_field_in_an_html_block_is_a_field() {
        let body = "<div class=\"box\">\n{{ checkbox(label=\"Done\") }}\n</div>\n";
        let html = html(body, Style::default());
        assert!(
            html.starts_with("<div class=\"box\">\n<span class=\"field field-checkbox\">"),
            "{html}"
        );
        assert!(html.ends_with("</span>\n</div>\n"), "{html}");
    }

    #[test]
    fn a_field_in_a_title_or_alt_text_is_left_out() {
        let body = "[a](prepare.md \"T {{ date(label='x') }}\") \
                    <span title=\"{{ date(label='y') }}\">b</span>\n\n\
                    Words ![A {{ date(label='z') }}](calendar.svg \"U {{ date(label='w') }}\")\n";
        let html = html(body, Style::default());
        assert!(!html.contains(token()), "{html}");
        assert!(
            html.contains("<a href=\"../prepare/\" title=\"T \">a</a>"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"../calendar.svg\" alt=\"A \" title=\"U \" />"),
            "{html}"
        );
    }
}
