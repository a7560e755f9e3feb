//! Asking for help and the pages a public body must publish: the `help`
//! shortcode (a panel with call and email links on screen, a tick box on
//! paper), phone numbers and email addresses made links, warnings as
//! GOV.UK warning text, and the generated accessibility statement and
//! privacy notice of every audience in every language, with what `signpost
//! check` says of them (docs/content.md).

use crate::harness::browser::browser_or_skip;
use crate::harness::diagnostics::assert_diagnostic;
use crate::harness::html::{attr_values, between, links, text_of};
use crate::harness::TestSite;
use std::path::Path;

/// site.yaml's contact, used by most tests here.
const CONTACT: &str = "contact:\n  name: Mentoring Team\n  email: mentoring@council.example\n  \
                       phone: \"01632 960 000\"\n";

/// The HTML inside a page's `<main>`.
fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// The page body's HTML (inside `<div class="content">`).
fn content_of(html: &str) -> &str {
    let start = "<div class=\"content\">";
    &between(html, start, "\n  </div>")[start.len()..]
}

/// A style sheet's rules for the screen (outside `@media print`), and its
/// rules for print, each run together.
fn screen_and_print(css: &str) -> (String, String) {
    let (mut screen, mut print) = (String::new(), String::new());
    let mut rest = css;
    while let Some(at) = rest.find("@media print{") {
        screen.push_str(&rest[..at]);
        let inside = &rest[at + "@media print{".len()..];
        let mut depth = 1;
        let end = inside
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(inside.len(), |(i, _)| i);
        print.push_str(&inside[..end]);
        rest = &inside[(end + 1).min(inside.len())..];
    }
    screen.push_str(rest);
    (screen, print)
}

/// A site with `CONTACT` and one page, `guide/a.md`, with `body`, built.
fn built_page(body: &str) -> (TestSite, String) {
    let site = TestSite::with_site_yaml(CONTACT);
    site.page("guide/a.md", "title: A", body);
    site.build_ok(&[]);
    let html = site.read("guide/a/index.html");
    (site, html)
}

/// The `tel:` and `mailto:` links in `html`, as (text, href).
fn call_links(html: &str) -> Vec<(String, String)> {
    links(html)
        .into_iter()
        .filter(|(_, href)| href.starts_with("tel:") || href.starts_with("mailto:"))
        .collect()
}

#[test]
fn a_help_shortcode_is_a_panel_with_call_and_email_links_on_screen_and_a_tick_box_on_paper() {
    let (site, html) =
        built_page("How do you feel?\n\n{{ help(label=\"I would like to talk to someone\") }}\n");
    let content = content_of(&html);
    let panel = between(content, "<div class=\"help-panel\">", "</div>");
    assert!(
        text_of(panel).starts_with("I would like to talk to someone"),
        "{panel}"
    );
    assert!(
        text_of(panel).contains("does not tell anyone")
            && text_of(panel).contains("Mentoring Team"),
        "the panel says the page tells nobody, and whom to contact: {panel}"
    );
    assert_eq!(
        call_links(panel),
        [
            (
                "Call 01632 960 000".to_string(),
                "tel:+441632960000".to_string()
            ),
            (
                "Email mentoring@council.example".to_string(),
                "mailto:mentoring@council.example".to_string()
            ),
        ]
    );
    assert!(!panel.contains("<input"), "no tick box on screen: {panel}");
    // The tick box, with its label, is there for paper.
    let print = between(content, "<span class=\"help-print\">", "</label>");
    assert!(print.contains("type=\"checkbox\""), "{print}");
    assert!(
        print.contains(">I would like to talk to someone"),
        "the tick box keeps its label: {print}"
    );
    // The style sheet shows each in its own medium.
    let (screen, print) = screen_and_print(&site.read("_signpost/professional/style.css"));
    assert!(screen.contains(".help-print{display:none}"), "{screen}");
    assert!(!screen.contains(".help-panel{display:none}"), "{screen}");
    assert!(print.contains(".help-panel{display:none}"), "{print}");
    assert!(print.contains(".help-print{display:inline}"), "{print}");
}

#[test]
fn a_help_panel_speaks_the_pages_language_with_its_contact() {
    let site = TestSite::with_site_yaml(&format!(
        "{CONTACT}languages:\n  cy:\n    label: Cymraeg\n    contact:\n      name: Tîm Mentora\n"
    ));
    site.page("_index.cy.md", "title: Hafan", "Croeso.\n");
    site.page(
        "a.md",
        "title: A",
        "{{ help(label=\"Hoffwn siarad â rhywun\") }}\n",
    );
    site.page(
        "a.cy.md",
        "title: A",
        "{{ help(label=\"Hoffwn siarad â rhywun\") }}\n",
    );
    site.build_ok(&[]);
    let welsh = site.read("cy/a/index.html");
    let panel = between(content_of(&welsh), "<div class=\"help-panel\">", "</div>");
    assert!(
        text_of(panel).contains("cysylltwch â Tîm Mentora"),
        "{panel}"
    );
    assert!(
        call_links(panel).contains(&(
            "Ffoniwch 01632 960 000".to_string(),
            "tel:+441632960000".to_string()
        )),
        "{panel}"
    );
}

#[test]
fn a_help_panel_without_a_contact_says_whom_to_ask_and_the_build_warns() {
    let site = TestSite::new();
    site.page(
        "guide/a.md",
        "title: A",
        "Words.\n\n{{ help(label=\"I would like to talk to someone\") }}\n",
    );
    let run = site.build_ok(&[]);
    assert_diagnostic(
        &run.stderr,
        "warning",
        &[
            "content/guide/a.md:6:4",
            "help panel has no contact to show",
        ],
    );
    let html = site.read("guide/a/index.html");
    let panel = between(content_of(&html), "<div class=\"help-panel\">", "</div>");
    assert!(
        text_of(panel)
            .contains("speak to the person who gave you this pack, or contact Test Council"),
        "{panel}"
    );
    assert_eq!(call_links(panel), []);
    // Check says it too.
    let run = site.check(&[]);
    assert_diagnostic(
        &run.stdout,
        "warning",
        &["help panel has no contact to show"],
    );
}

#[test]
fn phone_numbers_and_email_addresses_in_words_become_links() {
    let (_, html) = built_page(
        "Call 0300 123 4567 or 020 7946 0000, or 01632 960 000 in the evening.\n\n\
         From abroad, +44 20 7946 0000. Email help@council.example today.\n\n\
         - mobile: 07700 900123\n- in a table below\n\n\
         | who | number |\n| --- | --- |\n| Team | (020) 7946 0001 |\n",
    );
    assert_eq!(
        call_links(content_of(&html)),
        [
            ("0300 123 4567", "tel:+443001234567"),
            ("020 7946 0000", "tel:+442079460000"),
            ("01632 960 000", "tel:+441632960000"),
            ("+44 20 7946 0000", "tel:+442079460000"),
            ("help@council.example", "mailto:help@council.example"),
            ("07700 900123", "tel:+447700900123"),
            ("(020) 7946 0001", "tel:+442079460001"),
        ]
        .map(|(text, href)| (text.to_string(), href.to_string()))
    );
}

#[test]
fn numbers_in_code_links_headings_and_attributes_and_other_numbers_are_left_alone() {
    let (_, html) = built_page(
        "## Call 0300 123 4567\n\n\
         Type `0300 123 4567` or `me@council.example`.\n\n\
         ```\ncall 0300 123 4567\n```\n\n\
         Ring [our team on 0300 123 4567](tel:03001234567) or \
         <a href=\"https://example.org/\">0300 765 4321</a>.\n\n\
         [A link](https://example.org/ \"Phone 0300 123 4567\") and \
         <span title=\"0300 123 4567\">a title</span>.\n\n\
         In 2026, 1,200 people; reference 0123 4567 8901 2345; code AB0300 123 4567; \
         0300 123 45678 is too long.\n",
    );
    let content = content_of(&html);
    let calls = call_links(content);
    assert_eq!(
        calls,
        [(
            "our team on 0300 123 4567".to_string(),
            "tel:03001234567".to_string()
        )],
        "only the author's own link calls: {content}"
    );
    assert!(
        content.contains("<code>0300 123 4567</code>"),
        "code is as written: {content}"
    );
    assert!(
        content.contains("<h2 id=\"call-0300-123-4567\">Call 0300 123 4567</h2>"),
        "a heading keeps its words and id: {content}"
    );
    assert!(
        content.contains("<a href=\"https://example.org/\">0300 765 4321</a>"),
        "a raw link is not nested: {content}"
    );
    assert!(
        content.contains("title=\"Phone 0300 123 4567\"")
            && content.contains("title=\"0300 123 4567\""),
        "attributes are left alone: {content}"
    );
}

#[test]
fn a_warning_is_govuk_warning_text_and_the_carers_safety_note_is_one_at_the_top() {
    let (_, html) = built_page("> [!WARNING]\n> Do not wait: call 999.\n\nThe page goes on.\n");
    let content = content_of(&html).trim_start();
    assert!(
        content.starts_with("<div class=\"alert alert-warning\""),
        "{content}"
    );
    let warning = between(content, "<div class=\"alert alert-warning\"", "</div>");
    assert!(
        warning.contains("<span class=\"warning-icon\" aria-hidden=\"true\">!</span>"),
        "{warning}"
    );
    assert!(
        warning.contains("<p class=\"alert-title visually-hidden\">Warning</p>"),
        "screen readers hear \"Warning\" first: {warning}"
    );
    // The example pack's carer page puts its safety note first, as one.
    let site = TestSite::example();
    site.build_ok(&[]);
    let page = site.read("carer/guide/when-it-goes-wrong/index.html");
    let content = content_of(&page).trim_start();
    assert!(
        content.starts_with("<div class=\"alert alert-warning\""),
        "{content}"
    );
    let warning = between(content, "<div", "</div>");
    assert!(text_of(warning).contains("do not wait"), "{warning}");
    // And its reflection logs ask for help with a panel, not a lone tick box.
    for log in [
        "resources/reflection-log/index.html",
        "easy-read/resources/reflection-log/index.html",
    ] {
        let html = site.read(log);
        let panel = between(&html, "<div class=\"help-panel\">", "</div>");
        assert!(
            call_links(panel)
                .iter()
                .any(|(_, href)| href.starts_with("tel:")),
            "{log}: {panel}"
        );
    }
}

/// A site in English and Welsh, for three audiences, with an
/// `accessibility:` block.
fn statement_site() -> TestSite {
    let site = TestSite::with_site_yaml(&format!(
        "{CONTACT}base_url: https://council.example/pack/\n\
         languages:\n  cy:\n    label: Cymraeg\n    title: Pecyn prawf\n\
         accessibility:\n  contact:\n    email: access@council.example\n  tested: 2026-11-20\n  \
         tested_by: the digital team\n  reviewed: 2026-11-23\n  known_issues:\n    \
         - The tree drawing has no keyboard access.\n  enforcement: ecni\n"
    ));
    site.page("_index.md", "title: Home", "Welcome.\n");
    site.page("_index.cy.md", "title: Hafan", "Croeso.\n");
    site.page("guide/a.md", "title: A", "Words.\n");
    site.page("guide/a.cy.md", "title: A", "Geiriau.\n");
    site.build_ok(&[]);
    site
}

/// Every audience's prefix in both languages.
const PREFIXES: [&str; 6] = [
    "",
    "carer/",
    "easy-read/",
    "cy/",
    "cy/carer/",
    "cy/easy-read/",
];

#[test]
fn every_audience_in_every_language_has_a_statement_and_a_privacy_notice_from_site_yaml() {
    let site = statement_site();
    for prefix in PREFIXES {
        let statement = site.read(&format!("{prefix}accessibility/index.html"));
        let privacy = site.read(&format!("{prefix}privacy/index.html"));
        let words = text_of(main_of(&statement));
        assert!(
            links(main_of(&statement)).contains(&(
                "access@council.example".to_string(),
                "mailto:access@council.example".to_string()
            )),
            "{prefix}: the block's contact: {words}"
        );
        assert!(
            words.contains("The tree drawing has no keyboard access.")
                && words.contains("https://council.example/pack/"),
            "{prefix}: {words}"
        );
        let welsh = prefix.starts_with("cy/");
        assert!(
            words.contains(if welsh {
                "20 Tachwedd 2026"
            } else {
                "20 November 2026"
            }),
            "{prefix}: the test's date in the page's language: {words}"
        );
        assert!(
            statement.contains(&format!(
                "<html lang=\"{}\"",
                if welsh { "cy" } else { "en-GB" }
            )),
            "{prefix}"
        );
        assert!(
            text_of(main_of(&privacy)).contains(if welsh {
                "storfa sesiwn"
            } else {
                "session storage"
            }) || prefix.ends_with("easy-read/"),
            "{prefix}: {}",
            text_of(main_of(&privacy))
        );
        // Easy read: a picture beside each point; elsewhere none.
        let pictures = attr_values(main_of(&privacy), "src");
        if prefix.ends_with("easy-read/") {
            assert!(pictures.len() >= 5, "{prefix}: {pictures:?}");
            assert!(pictures.iter().all(|src| src.contains("/pictures/")));
            for src in &pictures {
                let file = Path::new(&format!("{prefix}privacy/")).join(src);
                let file = normalise(&file);
                assert!(site.exists(&file), "{prefix}: {src} is there");
            }
        } else {
            assert_eq!(pictures, Vec::<String>::new(), "{prefix}");
        }
    }
    // Northern Ireland's enforcement body, as the block asks.
    let statement = site.read("accessibility/index.html");
    assert!(
        text_of(&statement).contains("Equality Commission for Northern Ireland"),
        "{statement}"
    );
    // Easy read says it simply.
    let easy = text_of(main_of(&site.read("easy-read/privacy/index.html")));
    assert!(
        easy.contains("What you type stays on this computer or phone."),
        "{easy}"
    );
}

/// A path with its `..` and `.` parts worked out, `/`-separated.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn the_statement_has_the_sections_of_the_govuk_model() {
    let site = statement_site();
    let statement = site.read("accessibility/index.html");
    let headings: Vec<String> = main_of(&statement)
        .split("<h")
        .skip(1)
        .filter(|part| part.starts_with(['1', '2', '3']))
        .map(|part| text_of(&part[part.find('>').unwrap() + 1..part.find("</h").unwrap()]))
        .collect();
    assert_eq!(
        headings,
        [
            "Accessibility statement for Test pack",
            "How accessible this website is",
            "Feedback and contact information",
            "Reporting accessibility problems with this website",
            "Enforcement procedure",
            "Technical information about this website’s accessibility",
            "Compliance status",
            "Non-accessible content",
            "Preparation of this accessibility statement",
        ]
    );
}

#[test]
fn every_pages_footer_links_the_statement_and_the_notice_of_its_reader() {
    let site = statement_site();
    let public = site.output("");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !rel.ends_with("index.html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let footer = between(&html, "<footer", "</footer>");
        let folder = Path::new(&rel).parent().unwrap();
        let prefix = PREFIXES
            .iter()
            .filter(|p| rel.starts_with(*p))
            .max_by_key(|p| p.len())
            .unwrap();
        let listed = links(between(footer, "<ul class=\"footer-links\">", "</ul>"));
        assert_eq!(listed.len(), 2, "{rel}: {footer}");
        for (name, (_, href)) in ["accessibility", "privacy"].into_iter().zip(listed) {
            let target = normalise(&folder.join(&href));
            assert_eq!(
                target,
                format!("{prefix}{name}"),
                "{rel}: the {name} link goes to its reader's page"
            );
            assert!(
                site.exists(&format!("{target}/index.html")),
                "{rel}: {href}"
            );
        }
    }
    assert!(pages >= 18, "{pages} pages");
    // The 404 page, shown at any depth, links them under base_url.
    let not_found = site.read("404.html");
    let footer = between(&not_found, "<footer", "</footer>");
    assert!(
        links(footer)
            .iter()
            .any(|(_, href)| href == "https://council.example/pack/accessibility/"),
        "{footer}"
    );
}

#[test]
fn a_site_without_the_block_gets_both_pages_and_check_says_it_should_have_one() {
    let site = TestSite::with_site_yaml(CONTACT);
    site.page("a.md", "title: A", "Words.\n");
    site.build_ok(&[]);
    let statement = text_of(main_of(&site.read("accessibility/index.html")));
    assert!(
        statement.contains("Accessibility statement for Test pack")
            && statement.contains("published by Test Council")
            && statement.contains("mentoring@council.example")
            && statement
                .contains("Test Council has not yet said when this website was last tested")
            && statement.contains("within 5 working days"),
        "{statement}"
    );
    assert!(site.exists("easy-read/privacy/index.html"));
    let run = site.check(&[]);
    assert_diagnostic(
        &run.stdout,
        "warning",
        &["site.yaml", "has no `accessibility:` block"],
    );
}

#[test]
fn check_warns_when_the_statement_was_last_reviewed_more_than_a_year_ago() {
    let site = TestSite::with_site_yaml(&format!(
        "{CONTACT}accessibility:\n  tested: 2025-01-10\n  reviewed: 2025-01-10\n"
    ));
    site.page("a.md", "title: A", "Words.\n");
    let late = site.check(&["--today", "2026-01-11"]);
    assert_diagnostic(
        &late.stdout,
        "warning",
        &[
            "site.yaml:9:",
            "last reviewed on 2025-01-10, more than a year before 2026-01-11",
        ],
    );
    let in_time = site.check(&["--today", "2026-01-10"]);
    assert!(
        !in_time.stdout.contains("last reviewed on"),
        "a year to the day is in time: {}",
        in_time.stdout
    );
    assert!(
        !in_time.stdout.contains("accessibility:` block"),
        "{}",
        in_time.stdout
    );
    // A day that is not a day is an error at its line.
    site.write(
        "site.yaml",
        &format!("title: T\norganisation: O\n{CONTACT}accessibility:\n  reviewed: 2025-13-01\n"),
    );
    let stderr = site.build_fails(&[]);
    assert_diagnostic(
        &stderr,
        "error",
        &[
            "site.yaml:8:3",
            "`accessibility.reviewed` should be a day written YYYY-MM-DD",
        ],
    );
}

#[test]
fn a_page_of_the_sites_own_takes_the_place_of_a_generated_one() {
    let site =
        TestSite::with_site_yaml(&format!("{CONTACT}languages:\n  cy:\n    label: Cymraeg\n"));
    site.page("_index.cy.md", "title: Hafan", "Croeso.\n");
    site.page(
        "accessibility.md",
        "title: Our accessibility statement",
        "Written by us.\n",
    );
    site.write(
        "static/privacy/index.html",
        "<!DOCTYPE html><title>Ours</title>",
    );
    site.build_ok(&[]);
    for prefix in ["", "carer/", "easy-read/"] {
        let ours = site.read(&format!("{prefix}accessibility/index.html"));
        assert!(ours.contains("Written by us."), "{prefix}: {ours}");
    }
    assert_eq!(
        site.read("privacy/index.html"),
        "<!DOCTYPE html><title>Ours</title>"
    );
    // Where the site has no page of its own, signpost still writes one.
    let welsh = site.read("cy/accessibility/index.html");
    assert!(welsh.contains("Datganiad hygyrchedd ar gyfer"), "{welsh}");
    assert!(site
        .read("carer/privacy/index.html")
        .contains("session storage"));
}

#[test]
fn a_help_panel_prints_as_a_tick_box_that_is_a_form_field_of_the_pdf() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::with_site_yaml(CONTACT);
    site.page(
        "log.md",
        "title: Log\nkind: log",
        "{{ field(label=\"How did it go?\") }}\n\n{{ help(label=\"I would like to talk to someone\") }}\n",
    );
    site.build_pdf_ok(&[]);
    let pdf = walkdir::WalkDir::new(site.output(""))
        .into_iter()
        .map(Result::unwrap)
        .find(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .expect("the log has a PDF")
        .into_path();
    let doc = lopdf::Document::load(&pdf).unwrap();
    let fields: Vec<(String, String)> = doc
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|dict| {
            let kind = dict.get(b"FT").ok()?.as_name().ok()?;
            let name = lopdf::decode_text_string(dict.get(b"T").ok()?).ok()?;
            Some((String::from_utf8_lossy(kind).into_owned(), name))
        })
        .collect();
    assert!(
        fields.contains(&(
            "Btn".to_string(),
            "I would like to talk to someone".to_string()
        )),
        "{fields:?}"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if !text.is_empty() {
        assert!(text.contains("I would like to talk to someone"), "{text}");
        assert!(
            !text.contains("does not tell anyone"),
            "no panel on paper: {text}"
        );
    }
}

#[test]
fn a_page_links_to_its_readers_statement_and_notice_by_their_folders() {
    let site = TestSite::with_site_yaml(CONTACT);
    site.page(
        "guide/a.md",
        "title: A",
        "Read [the statement](../accessibility/), [the notice](/privacy/) and \
         [the easy-read notice](/easy-read/privacy/).\n",
    );
    site.build_ok(&[]);
    for (page, statement, notice) in [
        (
            "guide/a/index.html",
            "../../accessibility/",
            "../../privacy/",
        ),
        (
            "carer/guide/a/index.html",
            "../../accessibility/",
            "../../privacy/",
        ),
    ] {
        let links = links(content_of(&site.read(page)));
        assert_eq!(
            links,
            [
                ("the statement".to_string(), statement.to_string()),
                ("the notice".to_string(), notice.to_string()),
                (
                    "the easy-read notice".to_string(),
                    if page.starts_with("carer/") {
                        "../../../easy-read/privacy/"
                    } else {
                        "../../easy-read/privacy/"
                    }
                    .to_string()
                ),
            ],
            "{page}"
        );
        let folder = Path::new(page).parent().unwrap();
        for (_, href) in &links {
            let target = normalise(&folder.join(href));
            assert!(
                site.exists(&format!("{target}/index.html")),
                "{page}: {href}"
            );
        }
    }
}
