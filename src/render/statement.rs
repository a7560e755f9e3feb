//! What the generated accessibility statement and privacy notice say:
//! their sections, each a heading and points of HTML, in the words of the
//! page's phrase table, filled in from site.yaml. The accessibility
//! statement follows the sections of GOV.UK's model statement for a public
//! sector website; the privacy notice says what happens to the answers a
//! reader types into a page's fields. Easy-read phrase tables say each
//! point in short sentences, and leave out the points (and so the
//! sections) an easy-read reader does not need; in an easy-read theme
//! each point has a picture beside it.

use crate::config::{Accessibility, Compliance, Config, Contact, Enforcement, Language};
use crate::phrases::Phrases;
use crate::util::html::escape_html;
use serde::Serialize;

/// Which generated page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Statement {
    /// The accessibility statement, at `accessibility/`.
    Accessibility,
    /// The privacy notice for saved answers, at `privacy/`.
    Privacy,
}

impl Statement {
    /// Both, in the order they are written.
    pub(crate) const ALL: [Statement; 2] = [Statement::Accessibility, Statement::Privacy];

    /// Its folder under an audience's prefix.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Statement::Accessibility => "accessibility",
            Statement::Privacy => "privacy",
        }
    }
}

/// One section of a statement, as templates see it.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Section {
    /// Its heading (none for the opening section).
    pub heading: Option<String>,
    /// 2, or 3 for a section inside the one before.
    pub level: u8,
    /// Its heading's id.
    pub id: String,
    /// Its points, in order.
    pub points: Vec<Point>,
}

/// One point of a section: a paragraph or a list, as HTML.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Point {
    /// The HTML, escaped.
    pub html: String,
    /// The file name of its picture in the theme's `pictures/` folder,
    /// which easy-read themes show beside it.
    pub picture: &'static str,
}

/// What a statement is written from: the site, the language and the
/// phrases of the page.
pub(crate) struct Source<'a> {
    /// The site's settings.
    pub config: &'a Config,
    /// The page's language, with its title, organisation and contact.
    pub language: &'a Language,
    /// The page's words.
    pub phrases: &'a Phrases,
}

impl Source<'_> {
    /// A phrase with `{title}` and `{organisation}` filled in, and the
    /// other `args`; escaped.
    fn say(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut all = vec![
            ("title", self.language.title.as_str()),
            ("organisation", self.language.organisation.as_str()),
        ];
        all.extend_from_slice(args);
        escape_html(&self.phrases.fill(key, &all))
    }

    /// A phrase whose `{link}` is the name in phrase `name`: the body the
    /// reader is sent to. It is named, not linked, as every link signpost
    /// writes stays on the site.
    fn say_naming(&self, key: &str, name: &str) -> String {
        self.say(key, &[("link", self.phrases.get(name))])
    }

    /// Who to contact: for `which` the accessibility statement, the
    /// accessibility block's contact; else (or without one) the site's in
    /// this language.
    fn contact(&self, which: Statement) -> Option<&Contact> {
        self.config
            .accessibility
            .as_ref()
            .filter(|_| which == Statement::Accessibility)
            .and_then(|a| a.contact.as_ref())
            .or(self.language.contact.as_ref())
            .filter(|c| c.email.is_some() || c.phone.is_some() || c.url.is_some())
    }

    /// The contact for `which` as a list of links, or a sentence saying to ask the
    /// organisation when site.yaml gives none.
    fn contact_html(&self, which: Statement) -> String {
        let Some(contact) = self.contact(which) else {
            return format!("<p>{}</p>", self.say("statement_contact_none", &[]));
        };
        let mut html = String::from("<ul class=\"contact\">");
        if let Some(name) = &contact.name {
            html.push_str(&format!(
                "<li class=\"contact-name\">{}</li>",
                escape_html(name)
            ));
        }
        let mut line = |class: &str, key: &str, href: String, shown: &str| {
            html.push_str(&format!(
                "<li class=\"contact-{class}\">{} <a href=\"{}\">{}</a></li>",
                escape_html(self.phrases.get(key)),
                escape_html(&href),
                escape_html(shown)
            ));
        };
        if let Some(email) = &contact.email {
            line("email", "contact_email", format!("mailto:{email}"), email);
        }
        if let Some(phone) = &contact.phone {
            let href = crate::markdown::autolink::tel_href(phone);
            line("phone", "contact_phone", href, phone);
        }
        if let Some(url) = &contact.url {
            line("url", "contact_website", url.clone(), url);
        }
        html.push_str("</ul>");
        html
    }

    /// A day in the page's language.
    fn date(&self, day: crate::content::frontmatter::Day) -> String {
        self.phrases.date(day.year, day.month, day.day)
    }
}

/// Builds sections, leaving out points whose phrase is empty and sections
/// left with none.
#[derive(Default)]
struct Writer {
    sections: Vec<Section>,
}

impl Writer {
    /// Starts a section headed `heading` (none for an empty phrase or the
    /// opening section) at `level`, with id `id`.
    fn section(&mut self, heading: Option<String>, level: u8, id: &str) {
        self.sections.push(Section {
            heading,
            level,
            id: id.to_string(),
            points: Vec::new(),
        });
    }

    /// A paragraph of `html`, unless it is empty.
    fn paragraph(&mut self, html: String, picture: &'static str) {
        if !html.trim().is_empty() {
            self.raw(format!("<p>{html}</p>"), picture);
        }
    }

    /// A list of `items` (each HTML), leaving out empty ones.
    fn list(&mut self, items: &[String], picture: &'static str) {
        let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
        if !items.is_empty() {
            let html: String = items.iter().map(|i| format!("<li>{i}</li>")).collect();
            self.raw(format!("<ul class=\"statement-list\">{html}</ul>"), picture);
        }
    }

    /// A point of HTML as it is.
    fn raw(&mut self, html: String, picture: &'static str) {
        if let Some(section) = self.sections.last_mut() {
            section.points.push(Point { html, picture });
        }
    }

    /// The sections that have points.
    fn finish(self) -> Vec<Section> {
        self.sections
            .into_iter()
            .filter(|s| !s.points.is_empty())
            .collect()
    }
}

/// The title of `which` in `phrases`, for the site titled `title`.
pub(crate) fn title(which: Statement, source: &Source) -> String {
    let key = match which {
        Statement::Accessibility => "a11y_title",
        Statement::Privacy => "privacy_title",
    };
    source
        .phrases
        .fill(key, &[("title", source.language.title.as_str())])
}

/// The sections of `which`.
pub(crate) fn sections(which: Statement, source: &Source) -> Vec<Section> {
    match which {
        Statement::Accessibility => accessibility(source),
        Statement::Privacy => privacy(source),
    }
}

/// A heading phrase, or `None` when the table leaves it empty.
fn heading(source: &Source, key: &str) -> Option<String> {
    Some(source.phrases.fill(key, &[])).filter(|h| !h.trim().is_empty())
}

/// The accessibility statement, in the sections of GOV.UK's model.
fn accessibility(source: &Source) -> Vec<Section> {
    // Without an `accessibility:` block, its defaults: the statement then
    // says what site.yaml has not told it.
    let settings = source.config.accessibility.clone().unwrap_or_default();
    let Accessibility {
        compliance,
        enforcement,
        ref known_issues,
        ..
    } = settings;
    let say = |key: &str| source.say(key, &[]);
    let mut w = Writer::default();
    w.section(None, 2, "");
    let applies = match source.config.base_url.as_deref() {
        Some(url) => source.say("a11y_applies_at", &[("url", url)]),
        None => say("a11y_applies"),
    };
    w.paragraph(applies, "computer.svg");
    w.paragraph(say("a11y_run_by"), "people-group.svg");
    w.list(
        &[
            say("a11y_can_colours"),
            say("a11y_can_zoom"),
            say("a11y_can_keyboard"),
            say("a11y_can_screen_reader"),
            say("a11y_can_print"),
        ],
        "checklist.svg",
    );
    w.paragraph(say("a11y_simple"), "book.svg");
    w.paragraph(
        source.say_naming("a11y_abilitynet", "a11y_abilitynet_link"),
        "question.svg",
    );

    w.section(heading(source, "a11y_how_heading"), 2, "how-accessible");
    if known_issues.is_empty() {
        w.paragraph(say("a11y_no_issues"), "thumbs-up.svg");
    } else {
        w.paragraph(say("a11y_issues_intro"), "wheelchair.svg");
        let issues: Vec<String> = known_issues.iter().map(|i| escape_html(i)).collect();
        w.list(&issues, "checklist.svg");
    }

    w.section(heading(source, "a11y_feedback_heading"), 2, "feedback");
    w.paragraph(say("a11y_feedback"), "speech-bubble.svg");
    w.raw(source.contact_html(Statement::Accessibility), "phone.svg");
    let days = settings.response_days.to_string();
    w.paragraph(source.say("a11y_response", &[("n", &days)]), "clock.svg");

    w.section(heading(source, "a11y_reporting_heading"), 2, "reporting");
    w.paragraph(say("a11y_reporting"), "email.svg");

    w.section(
        heading(source, "a11y_enforcement_heading"),
        2,
        "enforcement",
    );
    let (key, name) = match enforcement {
        Enforcement::Ehrc => ("a11y_enforcement_ehrc", "a11y_eass"),
        Enforcement::Ecni => ("a11y_enforcement_ecni", "a11y_ecni"),
    };
    w.paragraph(source.say_naming(key, name), "help.svg");

    w.section(heading(source, "a11y_technical_heading"), 2, "technical");
    w.paragraph(say("a11y_technical"), "computer.svg");
    w.section(heading(source, "a11y_compliance_heading"), 3, "compliance");
    let key = match compliance {
        Compliance::Fully => "a11y_compliance_fully",
        Compliance::Partially if known_issues.is_empty() => "a11y_compliance_partially_unlisted",
        Compliance::Partially => "a11y_compliance_partially",
        Compliance::Not => "a11y_compliance_not",
    };
    w.paragraph(say(key), "checklist.svg");

    w.section(
        heading(source, "a11y_non_accessible_heading"),
        2,
        "non-accessible",
    );
    if known_issues.is_empty() {
        w.paragraph(say("a11y_non_accessible_none"), "thumbs-up.svg");
    } else {
        w.paragraph(say("a11y_non_accessible"), "wheelchair.svg");
        let issues: Vec<String> = known_issues.iter().map(|i| escape_html(i)).collect();
        w.list(&issues, "checklist.svg");
    }

    w.section(
        heading(source, "a11y_preparation_heading"),
        2,
        "preparation",
    );
    let mut prepared = Vec::new();
    if let Some(day) = settings.prepared {
        prepared.push(source.say("a11y_prepared", &[("date", &source.date(day))]));
    }
    match settings.reviewed {
        Some(day) => prepared.push(source.say("a11y_reviewed", &[("date", &source.date(day))])),
        None => prepared.push(say("a11y_not_reviewed")),
    }
    w.paragraph(prepared.join(" "), "calendar.svg");
    let mut tested = Vec::new();
    match settings.tested {
        Some(day) => {
            tested.push(source.say("a11y_tested", &[("date", &source.date(day))]));
            if let Some(by) = &settings.tested_by {
                tested.push(source.say("a11y_tested_by", &[("by", by)]));
            }
        }
        None => tested.push(say("a11y_not_tested")),
    }
    w.paragraph(tested.join(" "), "checklist.svg");
    w.finish()
}

/// The privacy notice for answers typed into pages' fields.
fn privacy(source: &Source) -> Vec<Section> {
    let say = |key: &str| source.say(key, &[]);
    let mut w = Writer::default();
    w.section(None, 2, "");
    w.paragraph(say("privacy_intro"), "pen-signing.svg");

    w.section(heading(source, "privacy_kept_heading"), 2, "where");
    w.paragraph(say("privacy_kept"), "computer.svg");
    w.paragraph(say("privacy_not_sent"), "lock.svg");
    w.paragraph(say("privacy_no_script"), "computer.svg");

    w.section(heading(source, "privacy_how_long_heading"), 2, "how-long");
    w.paragraph(say("privacy_session"), "clock.svg");
    w.paragraph(say("privacy_remember"), "calendar.svg");

    w.section(
        heading(source, "privacy_shared_heading"),
        2,
        "shared-computer",
    );
    w.paragraph(say("privacy_shared"), "people-group.svg");

    w.section(heading(source, "privacy_delete_heading"), 2, "delete");
    w.paragraph(say("privacy_delete_page"), "door-exit.svg");
    w.paragraph(say("privacy_delete_browser"), "computer.svg");

    w.section(heading(source, "privacy_cookies_heading"), 2, "cookies");
    w.paragraph(say("privacy_cookies"), "lock.svg");

    w.section(heading(source, "privacy_print_heading"), 2, "printing");
    w.paragraph(say("privacy_print"), "pen-signing.svg");

    w.section(heading(source, "privacy_contact_heading"), 2, "contact");
    w.paragraph(say("privacy_contact"), "question.svg");
    w.raw(source.contact_html(Statement::Privacy), "phone.svg");
    w.finish()
}
