//! What a successful build writes: one test per behaviour a reader or an
//! author would notice, each building a small site and looking at the HTML
//! (and other files) in `public/`. Every promise of the content format
//! (docs/content.md) that is not an error is covered here; the errors are
//! in `tests/testsuite/errors.rs`.
//!
//! Attribute values are compared after decoding HTML character references,
//! so `href="..&#x2F;prepare&#x2F;"` and `href="../prepare/"` are the same
//! link, as they are to a browser.

use crate::harness::html::{
    attr, attr_values, between, decode, href_of, links, listing, rel_link, text_of,
};
use crate::harness::TestSite;
use std::process::Command;

// ---------------------------------------------------------------------------
// Sites

/// A built site with the one page `guide/a.md`.
fn one_page(front: &str, body: &str) -> TestSite {
    let site = TestSite::new();
    site.page("guide/a.md", front, body);
    site.build_ok(&[]);
    site
}

/// The default audience's HTML of a one-page site with this body.
fn body_html(body: &str) -> String {
    one_page("title: A", body).read("guide/a/index.html")
}

/// The text of every HTML file in the output, by path from `public/`.
fn all_html(site: &TestSite) -> Vec<(String, String)> {
    let public = site.output("");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Reading HTML

/// The page's `<main>` element.
fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// The audience switcher's links: (label, href).
fn switcher(html: &str) -> Vec<(String, String)> {
    match html.find("class=\"switcher\"") {
        Some(_) => links(between(html, "class=\"switcher\"", "</nav>")),
        None => Vec::new(),
    }
}

/// The breadcrumb trail's links: (title, href).
fn breadcrumbs(html: &str) -> Vec<(String, String)> {
    links(between(html, "aria-label=\"Breadcrumb\"", "</nav>"))
}

/// The opening tag of the element with this `id`.
fn element_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id:?} in:\n{html}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// The opening tag of the form control that the `<label>` reading `label`
/// is for; panics if there is no such label or control.
fn control_for<'a>(html: &'a str, label: &str) -> &'a str {
    let mut rest = html;
    while let Some(start) = rest.find("<label for=\"") {
        let tag_end = start + rest[start..].find('>').unwrap();
        let close = tag_end + rest[tag_end..].find("</label>").unwrap();
        if text_of(&rest[tag_end + 1..close]) == label {
            let id = attr(&rest[start..=tag_end], "for").unwrap();
            return element_with_id(html, &id);
        }
        rest = &rest[close..];
    }
    panic!("no <label for=...> reading {label:?} in:\n{html}")
}

/// The `id` of every heading `<h2>`–`<h6>` in order.
fn heading_ids(html: &str) -> Vec<String> {
    html.match_indices("<h")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1])
        .filter(|tag| {
            tag.len() > 3 && (b'2'..=b'6').contains(&tag.as_bytes()[2]) && tag.as_bytes()[3] == b' '
        })
        .filter_map(|tag| attr(tag, "id"))
        .collect()
}

/// The `id`s that appear more than once in `html`.
fn repeated_ids(html: &str) -> Vec<String> {
    let mut ids = attr_values(html, "id");
    ids.sort();
    let mut repeated: Vec<String> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].clone())
        .collect();
    repeated.dedup();
    repeated
}

// ---------------------------------------------------------------------------
// URLs

#[test]
fn a_page_is_built_at_its_path_for_every_audience() {
    let site = TestSite::new();
    site.page("guide/prepare.md", "title: Prepare", "Words.");
    site.build_ok(&[]);
    for path in [
        "guide/prepare/index.html",
        "carer/guide/prepare/index.html",
        "easy-read/guide/prepare/index.html",
    ] {
        assert!(site.read(path).contains("<h1>Prepare</h1>"), "{path}");
    }
    assert!(
        site.exists("index.html")
            && site.exists("carer/index.html")
            && site.exists("easy-read/index.html")
    );
    assert!(
        !site.exists("professional"),
        "the default audience lives at the root, not under /professional/"
    );
}

#[test]
fn default_audience_decides_which_audience_is_at_the_root() {
    let site = TestSite::with_site_yaml("default_audience: easy-read\n");
    site.page("guide/prepare.md", "title: Prepare", "Words.");
    site.build_ok(&[]);
    assert!(site
        .read("guide/prepare/index.html")
        .contains("audience-easy-read"));
    assert!(site
        .read("professional/guide/prepare/index.html")
        .contains("audience-professional"));
    assert!(site.exists("carer/guide/prepare/index.html"));
    assert!(
        !site.exists("easy-read"),
        "the default audience has no folder of its own"
    );
    assert_eq!(
        switcher(&site.read("guide/prepare/index.html")),
        [
            (
                "For professionals".to_string(),
                "../../professional/guide/prepare/".to_string()
            ),
            (
                "For carers and families".to_string(),
                "../../carer/guide/prepare/".to_string()
            ),
            ("Easy read".to_string(), "./".to_string()),
        ],
        "the switcher keeps the order of the audiences"
    );
}

#[test]
fn slug_replaces_the_file_name_in_the_url() {
    let site = TestSite::new();
    site.page(
        "guide/prepare.md",
        "title: Prepare\nslug: get-ready",
        "Words.",
    );
    site.page(
        "guide/review.md",
        "title: Review",
        "[Get ready](prepare.md)",
    );
    site.build_ok(&[]);
    assert!(site.exists("guide/get-ready/index.html"));
    assert!(site.exists("easy-read/guide/get-ready/index.html"));
    assert!(!site.exists("guide/prepare"));
    assert_eq!(
        href_of(&site.read("guide/review/index.html"), "Get ready"),
        "../get-ready/"
    );
}

#[test]
fn slug_on_a_section_renames_its_folder_in_every_url_below_it() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide\nslug: handbook", "");
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page("guide/more/tips.md", "title: Tips", "");
    site.build_ok(&[]);
    for path in [
        "handbook/index.html",
        "handbook/prepare/index.html",
        "handbook/more/tips/index.html",
        "easy-read/handbook/prepare/index.html",
    ] {
        assert!(site.exists(path), "{path}");
    }
    assert!(!site.exists("guide"));
    assert_eq!(href_of(&site.read("index.html"), "Guide"), "handbook/");
}

// ---------------------------------------------------------------------------
// The home page

#[test]
fn content_index_is_the_home_page() {
    let site = TestSite::new();
    site.page(
        "_index.md",
        "title: Welcome\nsummary: All about mentoring.",
        "Start here.",
    );
    site.build_ok(&[]);
    let home = site.read("index.html");
    assert!(home.contains("<h1>Welcome</h1>"), "{home}");
    assert!(main_of(&home).contains("Start here."));
    assert!(
        home.contains("<title>Welcome – Test pack</title>"),
        "{home}"
    );
    assert!(site.read("easy-read/index.html").contains("Start here."));
}

#[test]
fn a_site_without_a_home_page_gets_one_listing_its_sections_and_pages() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page("about.md", "title: About", "");
    site.build_ok(&[]);
    let home = site.read("index.html");
    assert!(
        home.contains("<title>Test pack</title>"),
        "the generated home page is titled after the site:\n{home}"
    );
    assert!(home.contains("<h1>Test pack</h1>"));
    assert_eq!(listing(&home), ["About", "Guide"]);
    assert_eq!(href_of(&home, "About"), "about/");
    assert_eq!(href_of(&home, "Guide"), "guide/");
    assert_eq!(
        listing(&site.read("easy-read/index.html")),
        ["About", "Guide"]
    );
}

// ---------------------------------------------------------------------------
// Sections

#[test]
fn a_section_lists_by_weight_then_title_ignoring_case_with_unweighted_last() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/b.md", "title: Banana\nweight: 2", "");
    site.page("guide/a.md", "title: apple\nweight: 2", "");
    site.page("guide/v.md", "title: Avocado\nweight: 2", "");
    site.page("guide/c.md", "title: Cherry\nweight: 1", "");
    site.page("guide/z.md", "title: zebra", "");
    site.page("guide/aa.md", "title: Aardvark", "");
    site.page("guide/more/_index.md", "title: More\nweight: 3", "");
    site.build_ok(&[]);
    let expected = [
        "Cherry", "apple", "Avocado", "Banana", "More", "Aardvark", "zebra",
    ];
    assert_eq!(listing(&site.read("guide/index.html")), expected);
    assert_eq!(listing(&site.read("easy-read/guide/index.html")), expected);
}

#[test]
fn a_section_lists_its_subsections_with_its_pages() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page("guide/stages/_index.md", "title: Stages", "");
    site.page("guide/stages/first.md", "title: First stage", "");
    site.build_ok(&[]);
    let guide = site.read("guide/index.html");
    assert_eq!(listing(&guide), ["Prepare", "Stages"]);
    assert_eq!(href_of(&guide, "Stages"), "stages/");
    assert_eq!(
        listing(&site.read("guide/stages/index.html")),
        ["First stage"]
    );
    assert_eq!(
        listing(&site.read("index.html")),
        ["Guide"],
        "the home page lists only what is directly in it"
    );
}

#[test]
fn a_section_list_shows_each_summary() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page(
        "guide/prepare.md",
        "title: Prepare\nsummary: What to do before you start.",
        "",
    );
    site.build_ok(&[]);
    let guide = site.read("guide/index.html");
    let item = between(&guide, "<li class=\"listing-item", "</li>");
    assert!(
        item.contains(">Prepare</a>") && text_of(item).contains("What to do before you start."),
        "{item}"
    );
}

#[test]
fn pages_in_a_folder_without_an_index_belong_to_the_nearest_section_above() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/extra/tips.md", "title: Tips", "");
    site.page("loose/note.md", "title: Note", "");
    site.build_ok(&[]);
    let guide = site.read("guide/index.html");
    assert_eq!(listing(&guide), ["Tips"]);
    assert_eq!(href_of(&guide, "Tips"), "extra/tips/");
    let tips = site.read("guide/extra/tips/index.html");
    assert!(
        breadcrumbs(&tips)
            .iter()
            .any(|(title, href)| title == "Guide" && href == "../../"),
        "{tips}"
    );
    assert_eq!(listing(&site.read("index.html")), ["Guide", "Note"]);
    assert_eq!(href_of(&site.read("index.html"), "Note"), "loose/note/");
}

#[test]
fn a_subsection_is_listed_for_the_audiences_its_index_has_a_version_for() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/family/_index.carer.md", "title: For families", "");
    site.page(
        "guide/staff/_index.md",
        "title: For staff\naudiences: [professional]",
        "",
    );
    site.build_ok(&[]);
    assert_eq!(listing(&site.read("guide/index.html")), ["For staff"]);
    assert_eq!(
        listing(&site.read("carer/guide/index.html")),
        ["For families"]
    );
    assert!(!site
        .read("easy-read/guide/index.html")
        .contains("<ul class=\"listing\""));
    assert!(site.exists("carer/guide/family/index.html"));
    assert!(!site.exists("guide/family") && !site.exists("easy-read/guide/family"));
}

// ---------------------------------------------------------------------------
// Audiences

#[test]
fn audiences_limits_a_page_to_those_listed() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page(
        "guide/staff.md",
        "title: Staff only\naudiences: [professional]",
        "",
    );
    site.page("guide/all.md", "title: Everyone", "");
    site.build_ok(&[]);
    assert!(site.exists("guide/staff/index.html"));
    assert!(!site.exists("carer/guide/staff") && !site.exists("easy-read/guide/staff"));
    assert_eq!(
        listing(&site.read("guide/index.html")),
        ["Everyone", "Staff only"]
    );
    assert_eq!(listing(&site.read("carer/guide/index.html")), ["Everyone"]);
    assert!(
        switcher(&site.read("guide/staff/index.html")).is_empty(),
        "one version: nothing to switch to"
    );
}

#[test]
fn a_variant_replaces_the_page_for_its_audience_alone() {
    let site = TestSite::new();
    site.page("guide/prepare.md", "title: Prepare", "Words for everyone.");
    site.page(
        "guide/prepare.easy-read.md",
        "title: Get ready",
        "Easy words.",
    );
    site.build_ok(&[]);
    let easy = site.read("easy-read/guide/prepare/index.html");
    assert!(
        easy.contains("Easy words.") && !easy.contains("Words for everyone."),
        "{easy}"
    );
    assert!(easy.contains("<h1>Get ready</h1>"));
    for path in ["guide/prepare/index.html", "carer/guide/prepare/index.html"] {
        let html = site.read(path);
        assert!(
            html.contains("Words for everyone.") && !html.contains("Easy words."),
            "{path}"
        );
    }
}

#[test]
fn a_variant_inherits_the_keys_it_leaves_out() {
    let site = TestSite::new();
    site.page("resources/_index.md", "title: Resources", "");
    site.page("resources/other.md", "title: Other\nweight: 5", "");
    site.page(
        "resources/agreement.md",
        "title: Agreement\nsummary: For both of you.\nkind: contract\nweight: 1",
        "Base.",
    );
    site.page(
        "resources/agreement.easy-read.md",
        "summary: An easy summary.",
        "Easy.",
    );
    site.build_ok(&[]);
    let easy = site.read("easy-read/resources/agreement/index.html");
    assert!(
        easy.contains("<h1>Agreement</h1>"),
        "the title comes from the base page:\n{easy}"
    );
    assert!(easy.contains("<title>Agreement – Test pack</title>"));
    assert!(
        easy.contains("page-contract"),
        "the kind comes from the base page"
    );
    assert!(
        easy.contains("content=\"An easy summary.\""),
        "the variant's own summary wins"
    );
    assert_eq!(
        listing(&site.read("easy-read/resources/index.html")),
        ["Agreement", "Other"],
        "and its weight"
    );
}

#[test]
fn a_variant_makes_its_page_exist_where_the_base_page_leaves_its_audience_out() {
    let site = TestSite::new();
    site.page(
        "guide/prepare.md",
        "title: Prepare\naudiences: [professional]",
        "Base.",
    );
    site.page("guide/prepare.easy-read.md", "title: Get ready", "Easy.");
    site.build_ok(&[]);
    assert!(site.exists("guide/prepare/index.html"));
    assert!(site
        .read("easy-read/guide/prepare/index.html")
        .contains("Easy."));
    assert!(!site.exists("carer/guide/prepare"));
}

#[test]
fn a_variant_without_a_base_page_is_a_page_for_its_audience_only() {
    let site = TestSite::new();
    site.page(
        "guide/tips.carer.md",
        "title: Tips for families",
        "Family words.",
    );
    site.build_ok(&[]);
    let carer = site.read("carer/guide/tips/index.html");
    assert!(carer.contains("Family words."));
    assert!(!site.exists("guide/tips") && !site.exists("easy-read/guide/tips"));
    assert!(
        switcher(&carer).is_empty(),
        "there is no other version to link to"
    );
    assert_eq!(
        listing(&site.read("carer/index.html")),
        ["Tips for families"]
    );
    assert!(!site.read("index.html").contains("Tips for families"));
}

#[test]
fn the_audience_switcher_links_to_each_version_that_exists_and_no_other() {
    let site = TestSite::new();
    site.page(
        "guide/prepare.md",
        "title: Prepare\naudiences: [professional]",
        "",
    );
    site.page("guide/prepare.easy-read.md", "title: Get ready", "");
    site.build_ok(&[]);
    let professional = site.read("guide/prepare/index.html");
    assert_eq!(
        switcher(&professional),
        [
            ("For professionals".to_string(), "./".to_string()),
            (
                "Easy read".to_string(),
                "../../easy-read/guide/prepare/".to_string()
            ),
        ]
    );
    assert!(between(&professional, "class=\"switcher\"", "</nav>")
        .contains("aria-current=\"page\">For professionals"));
    assert_eq!(
        switcher(&site.read("easy-read/guide/prepare/index.html")),
        [
            (
                "For professionals".to_string(),
                "../../../guide/prepare/".to_string()
            ),
            ("Easy read".to_string(), "./".to_string()),
        ]
    );
}

#[test]
fn a_site_without_audiences_has_the_three_built_in_ones() {
    let site = TestSite::new();
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    let labels: Vec<String> = switcher(&site.read("guide/a/index.html"))
        .into_iter()
        .map(|(label, _)| label)
        .collect();
    assert_eq!(
        labels,
        ["For professionals", "For carers and families", "Easy read"]
    );
    for (path, theme) in [
        ("guide/a/index.html", "professional"),
        ("carer/guide/a/index.html", "carer"),
        ("easy-read/guide/a/index.html", "easy-read"),
    ] {
        let html = site.read(path);
        let sheet = attr_values(&html, "href")
            .into_iter()
            .find(|h| h.ends_with("style.css"))
            .unwrap();
        assert!(
            sheet.contains(&format!("/{theme}/")),
            "{path} uses the {theme} theme: {sheet}"
        );
    }
}

#[test]
fn custom_audiences_use_the_built_in_theme_they_name() {
    let site = TestSite::with_site_yaml(
        "audiences:\n  staff: { label: Staff, theme: professional }\n  young: { label: Young people, theme: easy-read }\n",
    );
    site.write(
        "content/guide/calendar.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page(
        "guide/a.md",
        "title: A",
        "![A calendar](calendar.svg) We meet once a month.",
    );
    site.build_ok(&[]);
    let staff = site.read("guide/a/index.html");
    let young = site.read("young/guide/a/index.html");
    assert_eq!(
        switcher(&staff),
        [
            ("Staff".to_string(), "./".to_string()),
            (
                "Young people".to_string(),
                "../../young/guide/a/".to_string()
            )
        ]
    );
    assert!(
        !staff.contains("picture-row"),
        "the professional theme keeps paragraphs"
    );
    assert!(
        young.contains("<div class=\"picture-row\">"),
        "the easy-read theme makes picture rows:\n{young}"
    );
    let sheet = attr_values(&young, "href")
        .into_iter()
        .find(|h| h.ends_with("style.css"))
        .unwrap();
    assert!(sheet.contains("/easy-read/"), "{sheet}");
    assert!(!site.exists("professional") && !site.exists("easy-read/guide"));
}

#[test]
fn an_audience_may_use_a_theme_from_the_site_themes_folder() {
    let site = TestSite::with_site_yaml("audiences:\n  staff: { label: Staff, theme: council }\n");
    site.write(
        "themes/council/assets/theme.css",
        ".council-colours { color: #004b87 }\n",
    );
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    let html = site.read("guide/a/index.html");
    let sheet = attr_values(&html, "href")
        .into_iter()
        .find(|h| h.ends_with("style.css"))
        .unwrap();
    assert!(sheet.contains("/council/"), "{sheet}");
    let css = std::fs::read_to_string(site.output("guide/a").join(&sheet)).unwrap();
    assert!(
        css.contains(".council-colours"),
        "the site's theme.css is in the style sheet"
    );
}

#[test]
fn a_site_template_replaces_the_theme_one_for_that_theme_only() {
    let site = TestSite::new();
    site.write(
        "themes/professional/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}<p class=\"ours\">{{ page.title }} by {{ site.organisation }}</p>\
         {% block heading %}{% endblock heading %}{% block before_content %}{% endblock before_content %}\
         {% block after_content %}{% endblock after_content %}{% endblock main %}\n",
    );
    site.page("guide/a.md", "title: Agreement", "Body text.");
    site.build_ok(&[]);
    let professional = site.read("guide/a/index.html");
    assert!(
        professional.contains("<p class=\"ours\">Agreement by Test Council</p>"),
        "{professional}"
    );
    assert!(
        !professional.contains("Body text."),
        "the site's page.html replaced the built-in one"
    );
    let easy_read = site.read("easy-read/guide/a/index.html");
    assert!(
        easy_read.contains("Body text.") && !easy_read.contains("class=\"ours\""),
        "other themes keep their own page.html"
    );
}

#[test]
fn a_theme_template_may_call_the_fill_in_shortcodes() {
    let site = TestSite::new();
    site.write(
        "themes/professional/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}<form>{{ field(label=\"Programme name\") }}\
         {{ checkbox(label=\"Read it\") }}</form>\
         {% block heading %}{% endblock heading %}{% block before_content %}{% endblock before_content %}\
         {% block after_content %}{% endblock after_content %}{% endblock main %}\n",
    );
    site.page("guide/a.md", "title: Agreement", "Body text.");
    site.build_ok(&[]);
    let page = site.read("guide/a/index.html");
    assert!(
        page.contains("<label for=\"field_programme-name\">Programme name</label>")
            && page.contains("<input type=\"text\" id=\"field_programme-name\""),
        "{page}"
    );
    assert!(
        page.contains("<input type=\"checkbox\" id=\"field_read-it\""),
        "{page}"
    );
}

/// The contents-list example in docs/themes.md, as written there.
/// The whole-file examples of docs/themes.md: each fenced block whose
/// first line is a comment naming the file it replaces
/// (`{# themes/… #}` or `/* themes/… */`), as (that path, the block).
fn themes_guide_examples() -> Vec<(String, String)> {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/themes.md"),
    )
    .unwrap();
    let mut found = Vec::new();
    let mut lines = docs.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with("```") || line.len() == 3 {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        let first = block.first().map_or("", |l| l.trim());
        let named = first
            .strip_prefix("{# ")
            .and_then(|rest| rest.strip_suffix(" #}"))
            .or_else(|| {
                first
                    .strip_prefix("/* ")
                    .and_then(|rest| rest.strip_suffix(" */"))
            });
        if let Some(path) = named.filter(|p| p.starts_with("themes/")) {
            found.push((path.to_string(), block.join("\n") + "\n"));
        }
    }
    found
}

#[test]
fn every_whole_file_example_in_the_themes_guide_builds_and_shows_what_it_promises() {
    // For each example's file: the page (or style sheet) to read and what
    // it must hold with the example in place.
    let promises: &[(&str, &str, &[&str])] = &[
        (
            "themes/base/templates/partials/footer.html",
            "large-print/guide/a/index.html",
            &["How we use your information", "Published by Test Council."],
        ),
        (
            "themes/professional/assets/extra.css",
            "_signpost/professional/style.css",
            &["--colour-accent:#00703c"],
        ),
        (
            "themes/large-print/assets/theme.css",
            "_signpost/large-print/style.css",
            &["--font-size:1.75rem"],
        ),
        (
            "themes/professional/templates/page.html",
            "guide/a/index.html",
            &[
                "<p class=\"lede\">About A.</p>",
                "<ul><li><a href=\"#one\">One</a></li><li><a href=\"#two\">Two</a></li></ul>",
            ],
        ),
        (
            "themes/professional/templates/poster.html",
            "guide/poster/index.html",
            &[
                "<h2>Ask us</h2>",
                "<p class=\"poster-publisher\">Test Council</p>",
            ],
        ),
    ];
    let examples = themes_guide_examples();
    let mut named: Vec<&str> = examples.iter().map(|(path, _)| path.as_str()).collect();
    named.sort_unstable();
    let mut promised: Vec<&str> = promises.iter().map(|(path, _, _)| *path).collect();
    promised.sort_unstable();
    assert_eq!(
        named, promised,
        "each example in docs/themes.md has a promise here"
    );
    for (path, text) in &examples {
        let (_, page, shows) = promises.iter().find(|(p, _, _)| p == path).unwrap();
        let site = TestSite::with_site_yaml(
            "contact: { name: Team }\naudiences:\n  professional: { label: Staff }\n  \
             large-print: { label: Large print, theme: large-print }\n",
        );
        site.write("themes/large-print/assets/.keep", "");
        site.write(path, text);
        site.page(
            "guide/a.md",
            "title: A\nsummary: About A.",
            "## One\n\nText.\n\n### Detail\n\nText.\n\n## Two\n\nText.\n",
        );
        site.page("guide/b.md", "title: B", "## Only\n\nText.\n");
        site.page(
            "guide/poster.md",
            "title: Come along\nkind: poster",
            "Tuesdays.\n",
        );
        site.build_ok(&[]);
        let html = site.read(page);
        for needle in *shows {
            assert!(
                html.contains(needle),
                "{path}: {page} should hold {needle:?}:\n{html}"
            );
        }
        if path.ends_with("footer.html") {
            assert!(
                text.contains("All printable PDFs") && text.contains("downloads_url"),
                "the footer example keeps the link to the downloads page"
            );
        }
        if path.ends_with("page.html") {
            let b = site.read("guide/b/index.html");
            assert!(!b.contains("toc_title"), "no list for one heading: {b}");
        }
    }
}

// ---------------------------------------------------------------------------
// Drafts

#[test]
fn drafts_are_built_only_with_drafts() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/done.md", "title: Done", "");
    site.page("guide/wip.md", "title: Work in progress\ndraft: true", "");
    site.build_ok(&[]);
    assert!(!site.exists("guide/wip") && !site.exists("easy-read/guide/wip"));
    assert_eq!(listing(&site.read("guide/index.html")), ["Done"]);
    site.build_ok(&["--drafts"]);
    assert!(site.exists("guide/wip/index.html") && site.exists("easy-read/guide/wip/index.html"));
    assert_eq!(
        listing(&site.read("guide/index.html")),
        ["Done", "Work in progress"]
    );
}

#[test]
fn a_draft_may_link_to_another_draft() {
    let site = TestSite::new();
    site.page("guide/one.md", "title: One\ndraft: true", "[Two](two.md)");
    site.page("guide/two.md", "title: Two\ndraft: true", "");
    site.build_ok(&[]);
    assert!(!site.exists("guide/one"));
    site.build_ok(&["--drafts"]);
    assert_eq!(
        href_of(&site.read("guide/one/index.html"), "Two"),
        "../two/"
    );
}

// ---------------------------------------------------------------------------
// The Tera pass

#[test]
fn site_params_and_page_values_fill_in_a_body() {
    let site = TestSite::with_site_yaml("params:\n  sessions_min: 4\n  session_length: 1 hour\n");
    site.page(
        "guide/a.md",
        "title: Meeting\nextra: { colour: green }",
        "{{ site.organisation }} asks for {{ params.sessions_min }} sessions of {{ params.session_length }} \
         in {{ page.title }}, a {{ page.kind }} in {{ page.extra.colour }}.",
    );
    site.build_ok(&[]);
    assert!(site.read("guide/a/index.html").contains(
        "<p>Test Council asks for 4 sessions of 1 hour in Meeting, a page in green.</p>"
    ));
}

#[test]
fn yes_in_site_yaml_is_text() {
    let site = TestSite::with_site_yaml("params:\n  answer: yes\n  flag: true\n");
    site.page(
        "guide/a.md",
        "title: A",
        "Answer {{ params.answer }}. {% if params.flag %}Flag on.{% endif %}",
    );
    site.build_ok(&[]);
    assert!(site
        .read("guide/a/index.html")
        .contains("<p>Answer yes. Flag on.</p>"));
}

#[test]
fn the_audience_being_built_can_choose_words() {
    let site = one_page(
        "title: A",
        "{% if audience == \"easy-read\" %}Easy words.{% else %}Other words for {{ audience }}.{% endif %}",
    );
    assert!(site
        .read("easy-read/guide/a/index.html")
        .contains("<p>Easy words.</p>"));
    assert!(site
        .read("guide/a/index.html")
        .contains("<p>Other words for professional.</p>"));
    assert!(site
        .read("carer/guide/a/index.html")
        .contains("<p>Other words for carer.</p>"));
}

#[test]
fn raw_keeps_braces_as_they_are() {
    let html = body_html("Write {% raw %}{{ kept }} and {% if %}{% endraw %} as they are.");
    assert!(
        html.contains("<p>Write {{ kept }} and {% if %} as they are.</p>"),
        "{html}"
    );
}

#[test]
fn a_heading_id_is_not_a_tera_comment() {
    let html = body_html(
        "## Matching pairs {#matching}\n\nAt least {{ page.title }}.\n\n### Later {#later .wide}\n",
    );
    assert!(
        html.contains("<h2 id=\"matching\">Matching pairs</h2>"),
        "{html}"
    );
    assert!(html.contains("<p>At least A.</p>"));
    assert!(heading_ids(&html).contains(&"later".to_string()), "{html}");
}

#[test]
fn a_tera_comment_vanishes() {
    let html =
        body_html("Before {# a note for editors #}after.\n\n{# a whole\nline comment #}\n\nEnd.");
    let content = main_of(&html);
    assert!(content.contains("<p>Before after.</p>"), "{content}");
    assert!(
        !content.contains("note for editors")
            && !content.contains("line comment")
            && !content.contains("{#")
    );
}

// ---------------------------------------------------------------------------
// Markdown

#[test]
fn tables_are_tables() {
    let html = body_html("| Who | When |\n|-----|:----:|\n| Mentor | Monthly |\n");
    let content = main_of(&html);
    assert!(
        content.contains("<table>") && content.contains("<th>Who</th>"),
        "{content}"
    );
    assert!(content.contains("<td>Mentor</td>"));
    // In a box of its own that the keyboard reaches, which scrolls
    // sideways on a narrow screen rather than the page.
    assert!(
        content.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>"
        ) && content.contains("</table>\n</div>"),
        "{content}"
    );
    // Under a heading, the box is named after it too.
    let html =
        body_html("## Meeting times\n\n| Who | When |\n|-----|------|\n| Mentor | Monthly |\n");
    assert!(
        main_of(&html).contains("aria-label=\"Table: Meeting times\">\n<table>"),
        "{html}"
    );
}

#[test]
fn task_lists_show_what_is_done() {
    let html = body_html("- [x] Meet your mentor\n- [ ] Agree the ground rules\n");
    let content = main_of(&html);
    assert!(
        !content.contains("[x]") && !content.contains("[ ]"),
        "the brackets are not shown:\n{content}"
    );
    let done = between(content, "<li>", "Meet your mentor");
    let to_do = between(content, "Meet your mentor", "Agree the ground rules");
    assert!(
        done.contains("checked") || text_of(done).contains("Done"),
        "the done item says so: {done}"
    );
    assert!(
        !to_do.contains("checked") && !text_of(to_do).contains("Done"),
        "{to_do}"
    );
}

#[test]
fn strikethrough_is_deleted_text() {
    assert!(body_html("It was ~~monthly~~ weekly.").contains("<del>monthly</del> weekly"));
}

#[test]
fn footnotes_link_to_their_notes() {
    let html = body_html("Mentoring helps.[^study]\n\n[^study]: A study in 2020.\n");
    let content = main_of(&html);
    let reference = between(content, "<sup", "</sup>");
    let target = attr(reference, "href").expect("the reference is a link");
    let id = target.strip_prefix('#').expect("to a place on the page");
    let note = &content[content.find(element_with_id(content, id)).unwrap()..];
    assert!(note.contains("A study in 2020."), "{content}");
}

#[test]
fn smart_punctuation_curls_quotes() {
    let html = body_html("\"Listen first,\" she said -- it's fine...");
    let content = main_of(&html);
    assert!(
        content.contains("\u{201c}Listen first,\u{201d}"),
        "{content}"
    );
    assert!(content.contains("it\u{2019}s"));
    assert!(content.contains("\u{2013}"), "-- is an en dash");
    assert!(content.contains("fine\u{2026}"), "... is an ellipsis");
}

#[test]
fn alerts_are_boxes_with_a_visible_title() {
    let html = body_html(
        "> [!NOTE]\n> Read this.\n\n> [!TIP]\n> Try this.\n\n> [!IMPORTANT]\n> Know this.\n\n\
         > [!WARNING]\n> Mind this.\n\n> [!CAUTION]\n> Avoid this.\n",
    );
    let content = main_of(&html);
    for (kind, title, words) in [
        ("note", "Note", "Read this."),
        ("tip", "Tip", "Try this."),
        ("important", "Important", "Know this."),
        ("warning", "Warning", "Mind this."),
        ("caution", "Caution", "Avoid this."),
    ] {
        let start = content
            .find(&format!("class=\"alert alert-{kind}\""))
            .unwrap_or_else(|| panic!("{kind}: {content}"));
        let start = content[..start].rfind('<').unwrap();
        assert!(content[start..].starts_with("<div"), "{kind} is a div");
        let alert = between(&content[start..], "<div", &format!("{words}</p>"));
        assert!(
            text_of(alert).starts_with(title),
            "{kind} shows its title: {alert}"
        );
        assert!(!alert.contains("[!"), "{alert}");
    }
}

#[test]
fn headings_get_ids_from_their_text() {
    let html = body_html(
        "## Who makes a good mentor?\n\n## Stage 2: Prepare — the basics\n\n## Don't panic\n\n\
         ## Notes\n\n## Notes\n\n### Notes\n",
    );
    assert_eq!(
        heading_ids(main_of(&html)),
        [
            "who-makes-a-good-mentor",
            "stage-2-prepare-the-basics",
            "don-t-panic",
            "notes",
            "notes-1",
            "notes-2"
        ]
    );
}

#[test]
fn explicit_heading_ids_are_used_and_links_may_target_any_heading_id() {
    let site = TestSite::new();
    site.page(
        "guide/implement.md",
        "title: Implement",
        "## Matching pairs {#matching}\n\n## Ground rules\n",
    );
    site.page(
        "guide/review.md",
        "title: Review",
        "[M](implement.md#matching) [G](implement.md#ground-rules) [Here](#our-review)\n\n## Our review\n",
    );
    site.build_ok(&[]);
    assert!(site
        .read("guide/implement/index.html")
        .contains("<h2 id=\"matching\">Matching pairs</h2>"));
    let review = site.read("guide/review/index.html");
    assert_eq!(href_of(&review, "M"), "../implement/#matching");
    assert_eq!(href_of(&review, "G"), "../implement/#ground-rules");
    assert_eq!(href_of(&review, "Here"), "#our-review");
    assert_eq!(
        href_of(&site.read("easy-read/guide/review/index.html"), "M"),
        "../implement/#matching"
    );
}

#[test]
fn raw_html_passes_through() {
    let raw =
        "<div class=\"callout\" data-x=\"1\">Ask <abbr title=\"Human Resources\">HR</abbr></div>";
    let html = body_html(&format!("{raw}\n\nText with <kbd>Ctrl</kbd> in it.\n"));
    assert!(html.contains(raw), "{html}");
    assert!(html.contains("<kbd>Ctrl</kbd>"));
}

#[test]
fn fenced_code_with_a_language_is_highlighted() {
    let html =
        body_html("```rust\nfn main() { let x = \"<b>\"; }\n```\n\n```\nplain <i>text</i>\n```\n");
    let content = main_of(&html);
    let rust = between(content, "<pre", "</pre>");
    assert!(rust.contains("class=\"hl-"), "{rust}");
    assert!(
        text_of(rust).contains("fn main() { let x = \"<b>\"; }"),
        "the code reads the same: {rust}"
    );
    assert!(!rust.contains("<b>"), "the code is escaped");
    let plain = between(
        &content[content.find("</pre>").unwrap()..],
        "<pre",
        "</pre>",
    );
    assert!(
        !plain.contains("<i>") && text_of(plain) == "plain <i>text</i>",
        "{plain}"
    );
}

// ---------------------------------------------------------------------------
// Links

#[test]
fn a_link_to_a_page_file_goes_to_the_same_audience_version() {
    let site = TestSite::new();
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page("guide/prepare.easy-read.md", "title: Get ready", "");
    site.page(
        "guide/review.md",
        "title: Review",
        "[P](prepare.md) and [P2](./prepare.md)",
    );
    site.build_ok(&[]);
    for path in [
        "guide/review/index.html",
        "carer/guide/review/index.html",
        "easy-read/guide/review/index.html",
    ] {
        let html = site.read(path);
        assert_eq!(href_of(&html, "P"), "../prepare/", "{path}");
        assert_eq!(href_of(&html, "P2"), "../prepare/", "{path}");
    }
}

#[test]
fn a_link_goes_to_the_default_audience_version_where_its_own_is_missing() {
    let site = TestSite::new();
    site.page(
        "guide/prepare.md",
        "title: Prepare\naudiences: [professional]",
        "",
    );
    site.page("guide/review.md", "title: Review", "[P](prepare.md)");
    site.build_ok(&[]);
    assert_eq!(
        href_of(&site.read("guide/review/index.html"), "P"),
        "../prepare/"
    );
    assert_eq!(
        href_of(&site.read("easy-read/guide/review/index.html"), "P"),
        "../../../guide/prepare/"
    );
}

#[test]
fn a_link_to_a_section_index_goes_to_the_section() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page(
        "resources/list.md",
        "title: List",
        "[S](../guide/_index.md) [H](../_index.md)",
    );
    site.build_ok(&[]);
    let html = site.read("resources/list/index.html");
    assert_eq!(href_of(&html, "S"), "../../guide/");
    assert_eq!(href_of(&html, "H"), "../../");
    assert_eq!(
        href_of(&site.read("easy-read/resources/list/index.html"), "S"),
        "../../guide/"
    );
}

#[test]
fn a_link_to_a_variant_file_goes_to_that_audience_version() {
    let site = TestSite::new();
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page("guide/prepare.easy-read.md", "title: Get ready", "");
    site.page(
        "guide/review.md",
        "title: Review",
        "[Easy version](prepare.easy-read.md)",
    );
    site.build_ok(&[]);
    assert_eq!(
        href_of(&site.read("guide/review/index.html"), "Easy version"),
        "../../easy-read/guide/prepare/"
    );
    assert_eq!(
        href_of(&site.read("carer/guide/review/index.html"), "Easy version"),
        "../../../easy-read/guide/prepare/"
    );
    assert_eq!(
        href_of(
            &site.read("easy-read/guide/review/index.html"),
            "Easy version"
        ),
        "../prepare/"
    );
}

#[test]
fn a_path_from_the_root_reaches_static_and_content_files_relatively() {
    let site = TestSite::new();
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("content/forms/form.txt", "A form.");
    site.page(
        "guide/a.md",
        "title: A",
        "![Our logo](/logo.svg) [Form](/forms/form.txt)",
    );
    site.build_ok(&[]);
    let professional = site.read("guide/a/index.html");
    assert!(
        attr_values(&professional, "src").contains(&"../../logo.svg".to_string()),
        "{professional}"
    );
    assert_eq!(href_of(&professional, "Form"), "../../forms/form.txt");
    let easy = site.read("easy-read/guide/a/index.html");
    assert!(
        attr_values(&easy, "src").contains(&"../../../logo.svg".to_string()),
        "{easy}"
    );
    assert_eq!(href_of(&easy, "Form"), "../../../forms/form.txt");
}

#[test]
fn an_image_beside_a_page_is_copied_once_and_shown_in_every_version() {
    let site = TestSite::new();
    site.write(
        "content/guide/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page(
        "guide/a.md",
        "title: A",
        "A picture:\n\n![Two people talking](pic.svg)\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(site.output("guide/pic.svg")).unwrap(),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    assert!(
        !site.exists("easy-read/guide/pic.svg") && !site.exists("carer/guide/pic.svg"),
        "copied once"
    );
    for (path, src) in [
        ("guide/a/index.html", "../pic.svg"),
        ("carer/guide/a/index.html", "../../../guide/pic.svg"),
        ("easy-read/guide/a/index.html", "../../../guide/pic.svg"),
    ] {
        assert!(
            attr_values(&site.read(path), "src").contains(&src.to_string()),
            "{path} shows {src}"
        );
    }
}

#[test]
fn web_mail_and_phone_links_are_left_alone() {
    let html = body_html(
        "[W](https://example.org/a?b=c#d) [H](http://example.org/) [M](mailto:team@example.gov.uk) \
         [T](tel:+441000000000) [P](//example.org/x) [X](x-app:open)",
    );
    assert_eq!(href_of(&html, "W"), "https://example.org/a?b=c#d");
    assert_eq!(href_of(&html, "H"), "http://example.org/");
    assert_eq!(href_of(&html, "M"), "mailto:team@example.gov.uk");
    assert_eq!(href_of(&html, "T"), "tel:+441000000000");
    assert_eq!(href_of(&html, "P"), "//example.org/x");
    assert_eq!(href_of(&html, "X"), "x-app:open");
}

#[test]
fn every_link_the_site_writes_is_relative_and_nothing_loads_from_elsewhere() {
    let site = TestSite::with_site_yaml(
        "contact:\n  name: Team\n  email: team@example.gov.uk\n  phone: 0100 000 0000\n",
    );
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/guide/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page("_index.md", "title: Home", "[Guide](guide/_index.md)");
    site.page("guide/_index.md", "title: Guide", "![Logo](/logo.svg)");
    site.page(
        "guide/a.md",
        "title: A\nweight: 1",
        "![Picture](pic.svg) [B](b.md)\n\n{{ field(label=\"Name\") }}\n\n## Top {#top}\n",
    );
    site.page(
        "guide/b.md",
        "title: B\nweight: 2",
        "[A](a.md#top) [Up](_index.md)",
    );
    site.build_ok(&[]);
    // 404.html is shown at any depth, so its links start from the root
    // (the_not_found_page_works_at_any_depth_from_the_domain_root_…).
    for (path, html) in all_html(&site).into_iter().filter(|(p, _)| p != "404.html") {
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let has_scheme = url
                .split_once(':')
                .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'));
            assert!(
                !url.starts_with('/'),
                "{path} has a link from the root: {url}"
            );
            assert!(
                !has_scheme || url.starts_with("mailto:") || url.starts_with("tel:"),
                "{path} links to another host: {url}"
            );
        }
    }
    for css in walkdir::WalkDir::new(site.output(""))
        .into_iter()
        .map(Result::unwrap)
    {
        if css.path().extension().is_some_and(|x| x == "css") {
            let text = std::fs::read_to_string(css.path()).unwrap();
            assert!(
                !text.contains("url(http") && !text.contains("url(//") && !text.contains("@import"),
                "{css:?}"
            );
        }
    }
}

#[test]
fn offline_links_to_pages_end_in_index_html() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page(
        "guide/prepare.md",
        "title: Prepare\nweight: 1",
        "## Top {#top}",
    );
    site.page(
        "guide/review.md",
        "title: Review\nweight: 2",
        "[P](prepare.md) [M](prepare.md#top)",
    );
    site.build_ok(&["--offline"]);
    let review = site.read("guide/review/index.html");
    assert_eq!(href_of(&review, "P"), "../prepare/index.html");
    assert_eq!(href_of(&review, "M"), "../prepare/index.html#top");
    assert_eq!(href_of(&review, "Test pack"), "../../index.html");
    let guide = site.read("guide/index.html");
    assert_eq!(href_of(&guide, "Test pack"), "../index.html");
    assert_eq!(href_of(&guide, "Prepare"), "prepare/index.html");
    for (path, html) in all_html(&site) {
        for href in attr_values(&html, "href") {
            assert!(
                !href.ends_with('/'),
                "{path} has a link to a folder: {href}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Files

#[test]
fn other_files_in_content_are_copied_to_the_same_path() {
    let site = TestSite::new();
    site.write("content/guide/form.docx", "not really a document");
    site.write("content/notes.txt", "notes");
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(site.output("guide/form.docx")).unwrap(),
        "not really a document"
    );
    assert_eq!(
        std::fs::read_to_string(site.output("notes.txt")).unwrap(),
        "notes"
    );
}

#[test]
fn static_files_are_copied_to_the_root() {
    let site = TestSite::new();
    site.write("static/robots.txt", "User-agent: *\n");
    site.write("static/img/logo.svg", "<svg/>");
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(site.output("robots.txt")).unwrap(),
        "User-agent: *\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.output("img/logo.svg")).unwrap(),
        "<svg/>"
    );
    assert!(!site.exists("static"));
}

#[test]
fn hidden_files_are_skipped() {
    let site = TestSite::new();
    site.write("content/.DS_Store", "junk");
    site.write("content/guide/.notes.md", "not a page at all");
    site.write("content/.git/config", "[core]");
    site.write("static/.htaccess", "Deny from all");
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    assert!(!site.exists(".DS_Store") && !site.exists(".git") && !site.exists(".htaccess"));
    assert!(!site.exists("guide/.notes.md") && !site.exists("guide/.notes"));
}

// ---------------------------------------------------------------------------
// Picture rows

/// A built site whose page starts a paragraph with a picture.
fn picture_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/guide/calendar.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page(
        "guide/a.md",
        "title: A",
        "![A calendar](calendar.svg) We meet once a month.\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn easy_read_lays_out_a_paragraph_starting_with_a_picture_as_a_row() {
    let html = picture_site().read("easy-read/guide/a/index.html");
    let row = between(
        &html,
        "<div class=\"picture-row\">",
        "We meet once a month.",
    );
    assert!(
        row.contains("<img") && row.contains("alt=\"A calendar\""),
        "{html}"
    );
    assert!(!main_of(&html).contains("<p><img"), "{html}");
}

#[test]
fn other_themes_keep_a_paragraph_starting_with_a_picture() {
    let site = picture_site();
    for path in ["guide/a/index.html", "carer/guide/a/index.html"] {
        let html = site.read(path);
        assert!(!html.contains("picture-row"), "{path}");
        let paragraph = between(&html, "<p><img", "</p>");
        assert!(
            paragraph.contains("We meet once a month."),
            "{path}: {paragraph}"
        );
    }
}

// ---------------------------------------------------------------------------
// Fill-in shortcodes

#[test]
fn field_is_a_labelled_text_box() {
    let html = body_html("{{ field(label=\"Mentor's name\") }}");
    let control = control_for(&html, "Mentor's name");
    assert!(
        control.starts_with("<input") && control.contains("type=\"text\""),
        "{control}"
    );
}

#[test]
fn field_with_lines_is_a_text_area_of_that_many_rows() {
    let html = body_html("{{ field(label=\"Areas discussed\", lines=8) }}");
    let control = control_for(&html, "Areas discussed");
    assert!(
        control.starts_with("<textarea") && control.contains("rows=\"8\""),
        "{control}"
    );
}

#[test]
fn date_is_a_fieldset_of_labelled_day_month_and_year_boxes() {
    let html = body_html("{{ date(label=\"Date of meeting\") }}");
    assert!(
        html.contains("<fieldset class=\"field field-date\"><legend>Date of meeting</legend>"),
        "{html}"
    );
    for label in ["Day", "Month", "Year"] {
        let control = control_for(&html, label);
        assert!(
            control.contains("type=\"text\"") && control.contains("inputmode=\"numeric\""),
            "{control}"
        );
    }
    assert!(!html.contains("type=\"date\""), "{html}");
}

#[test]
fn signature_is_a_signature_line_with_a_date() {
    let html = body_html("{{ signature(label=\"Mentor signature\") }}");
    let control = control_for(&html, "Mentor signature");
    assert!(
        control.starts_with("<input") && control.contains("type=\"text\""),
        "{control}"
    );
    let content = main_of(&html);
    assert!(
        content.contains(">Date<span class=\"visually-hidden\"> for Mentor signature</span>"),
        "a signature has a date: {content}"
    );
    for label in ["Day", "Month", "Year"] {
        let control = control_for(content, label);
        assert!(control.contains("inputmode=\"numeric\""), "{control}");
    }
}

#[test]
fn checkbox_is_a_labelled_checkbox() {
    let html = body_html("{{ checkbox(label=\"We have agreed the ground rules\") }}");
    let control = control_for(&html, "We have agreed the ground rules");
    assert!(
        control.starts_with("<input") && control.contains("type=\"checkbox\""),
        "{control}"
    );
}

#[test]
fn a_shortcode_in_a_sentence_stays_in_its_paragraph() {
    let html = body_html("I, {{ field(label=\"Your name\") }}, agree to meet monthly.");
    let paragraph = between(&html, "<p>I, ", "</p>");
    assert!(paragraph.contains(", agree to meet monthly."), "{html}");
    assert!(!paragraph.contains("<div"), "{paragraph}");
    assert!(paragraph.contains(&format!(
        "id=\"{}\"",
        attr(control_for(&html, "Your name"), "id").unwrap()
    )));
}

#[test]
fn a_page_with_fields_can_clear_them_and_loads_the_script() {
    let site = TestSite::new();
    site.page(
        "guide/form.md",
        "title: Form",
        "{{ field(label=\"Name\") }}",
    );
    site.page("guide/plain.md", "title: Plain", "No fields.");
    site.build_ok(&[]);
    let form = site.read("guide/form/index.html");
    let button = between(
        &form,
        "<button type=\"button\" class=\"button-secondary\" data-clear-fields",
        "</button>",
    );
    assert!(
        button.contains("Clear what I typed") && button.contains(" hidden"),
        "{button}"
    );
    let script = attr_values(&form, "src")
        .into_iter()
        .find(|s| s.ends_with("signpost.js"))
        .expect("the script");
    assert!(
        site.output("guide/form").join(&script).is_file(),
        "{script} is written"
    );
    assert!(!site
        .read("guide/plain/index.html")
        .contains("Clear what I typed"));
}

#[test]
fn a_label_is_tied_to_its_own_field_whatever_else_is_on_the_page() {
    let html = body_html(
        "## Field name\n\n{{ field(label=\"Name\") }}\n\n\
         {{ signature(label=\"Signed\") }}\n\n{{ field(label=\"Signed date\") }}\n",
    );
    for label in ["Name", "Signed", "Signed date"] {
        let control = control_for(&html, label);
        assert!(
            control.starts_with("<input") && control.contains("type=\"text\""),
            "the label {label:?} should be for its own text box, not {control}"
        );
    }
}

#[test]
fn every_id_on_a_page_is_unique() {
    let page = body_html(
        "## Main\n\n## 1\n\nMentoring helps.[^1]\n\n[^1]: A study.\n\n\
         ## Field name\n\n{{ field(label=\"Name\") }}\n",
    );
    assert_eq!(repeated_ids(&page), Vec::<String>::new(), "{page}");
    let tree = one_page(
        "title: A\nkind: activity\nactivity: tree-of-life\ntree:\n  roots: Where you come from",
        "## Tree roots\n\n## Write your tree\n",
    )
    .read("guide/a/index.html");
    assert_eq!(repeated_ids(&tree), Vec::<String>::new(), "{tree}");
}

// ---------------------------------------------------------------------------
// Kinds

#[test]
fn each_kind_of_page_gets_its_layout() {
    let site = TestSite::new();
    site.page("r/contract.md", "title: Agreement\nkind: contract", "");
    site.page("r/log.md", "title: Log\nkind: log", "");
    site.page("r/poster.md", "title: Poster\nkind: poster", "");
    site.page(
        "r/activity.md",
        "title: Activity\nkind: activity\nactivity: worksheet\nduration: 20 minutes",
        "",
    );
    site.page("r/page.md", "title: Page", "");
    site.build_ok(&[]);
    for kind in ["contract", "log", "poster", "activity", "page"] {
        let html = site.read(&format!("r/{kind}/index.html"));
        assert!(html.contains(&format!("page-{kind}")), "{kind}");
        assert!(
            site.read(&format!("easy-read/r/{kind}/index.html"))
                .contains(&format!("page-{kind}")),
            "{kind}"
        );
    }
    assert!(
        text_of(main_of(&site.read("r/activity/index.html"))).contains("20 minutes"),
        "the duration is shown"
    );
}

#[test]
fn a_poster_shows_the_contact_details() {
    let site = TestSite::with_site_yaml(
        "contact:\n  name: Talent Team\n  email: talent@example.gov.uk\n  phone: 0100 000 0000\n",
    );
    site.page(
        "poster.md",
        "title: Come along\nkind: poster",
        "Every month.",
    );
    site.build_ok(&[]);
    let main = text_of(main_of(&site.read("poster/index.html")));
    assert!(
        main.contains("Talent Team")
            && main.contains("talent@example.gov.uk")
            && main.contains("0100 000 0000"),
        "{main}"
    );
}

/// The `<text>` contents of the Tree of Life drawing on `html`, in order.
fn tree_texts(html: &str) -> Vec<String> {
    let svg = between(html, "<svg class=\"tree-of-life\"", "</svg>");
    svg.match_indices("<text")
        .map(|(i, _)| {
            let start = i + svg[i..].find('>').unwrap() + 1;
            text_of(&svg[start..start + svg[start..].find("</text>").unwrap()])
        })
        .collect()
}

/// The part names among `texts`, lowercased, in order.
fn tree_labels(texts: &[String]) -> Vec<String> {
    const PARTS: [&str; 7] = [
        "roots", "ground", "trunk", "branches", "leaves", "fruits", "storms",
    ];
    texts
        .iter()
        .map(|t| t.to_lowercase())
        .filter(|t| PARTS.contains(&t.as_str()))
        .collect()
}

#[test]
fn a_tree_of_life_labels_its_parts_from_the_roots_up() {
    let html = one_page(
        "title: My tree\nkind: activity\nactivity: tree-of-life\ntree:\n  storms: Hard times and how you got through them\n  \
         fruits: Your gifts\n  roots: Where you come from\n  trunk: Your values\n  ground: Where you are now",
        "",
    )
    .read("guide/a/index.html");
    let texts = tree_texts(&html);
    assert_eq!(
        tree_labels(&texts),
        ["roots", "ground", "trunk", "fruits", "storms"]
    );
    let words = texts.join(" ");
    for prompt in [
        "Hard times and how you got through them",
        "Your gifts",
        "Where you come from",
        "Your values",
        "Where you are now",
    ] {
        assert!(words.contains(prompt), "{prompt:?} is on the tree: {words}");
    }
}

#[test]
fn a_tree_of_life_leaves_out_the_parts_not_given() {
    let html = one_page(
        "title: My tree\nkind: activity\nactivity: tree-of-life\ntree:\n  leaves: What gives you strength\n  roots: Where you come from",
        "",
    )
    .read("guide/a/index.html");
    let texts = tree_texts(&html);
    assert_eq!(tree_labels(&texts), ["roots", "leaves"]);
    assert!(!text_of(main_of(&html)).contains("Storms"), "{html}");
}

// ---------------------------------------------------------------------------
// What every page has

#[test]
fn the_title_is_the_page_then_the_site() {
    assert!(body_html("").contains("<title>A – Test pack</title>"));
}

#[test]
fn the_language_is_en_gb_by_default() {
    assert!(body_html("").contains("<html lang=\"en-GB\">"));
}

#[test]
fn language_sets_the_language_of_every_page() {
    let site = TestSite::with_site_yaml("language: cy\n");
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    for (path, html) in all_html(&site) {
        assert!(html.contains("<html lang=\"cy\">"), "{path}");
    }
}

#[test]
fn the_meta_description_is_the_summary() {
    let html =
        one_page("title: A\nsummary: How to \"prepare\" & plan.", "").read("guide/a/index.html");
    let description = between(&html, "<meta name=\"description\"", ">");
    assert_eq!(
        attr(description, "content").as_deref(),
        Some("How to \"prepare\" & plan.")
    );
}

#[test]
fn the_canonical_link_is_absolute_from_base_url() {
    let site = TestSite::with_site_yaml("base_url: https://example.gov.uk/mentoring/\n");
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    let canonical = |path: &str| {
        attr(
            between(&site.read(path), "<link rel=\"canonical\"", ">"),
            "href",
        )
        .unwrap()
    };
    assert_eq!(
        canonical("guide/a/index.html"),
        "https://example.gov.uk/mentoring/guide/a/"
    );
    assert_eq!(
        canonical("easy-read/guide/a/index.html"),
        "https://example.gov.uk/mentoring/easy-read/guide/a/"
    );
    assert_eq!(canonical("index.html"), "https://example.gov.uk/mentoring/");
}

#[test]
fn a_skip_link_leads_to_the_main_content() {
    let html = body_html("Words.");
    let skip = html
        .find("class=\"skip-link\" href=\"#")
        .expect("a skip link");
    assert!(
        skip < html.find("<header").unwrap(),
        "it comes before the header"
    );
    let target = &html[skip + "class=\"skip-link\" href=\"#".len()..];
    let target = &target[..target.find('"').unwrap()];
    assert!(element_with_id(&html, target).starts_with("<main"));
}

#[test]
fn breadcrumbs_lead_from_the_home_page_through_each_section() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/stages/_index.md", "title: Stages", "");
    site.page("guide/stages/first.md", "title: First", "");
    site.build_ok(&[]);
    let expected = [
        ("Test pack", "../../../"),
        ("Guide", "../../"),
        ("Stages", "../"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, h)| (t.to_string(), h.to_string()))
        .collect();
    let html = site.read("guide/stages/first/index.html");
    assert_eq!(breadcrumbs(&html), expected);
    assert!(
        text_of(between(&html, "aria-label=\"Breadcrumb\"", "</nav>")).ends_with("First"),
        "ends at this page"
    );
    assert_eq!(
        breadcrumbs(&site.read("easy-read/guide/stages/first/index.html")),
        expected
    );
}

#[test]
fn previous_and_next_link_the_pages_of_a_section() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "");
    site.page("guide/a.md", "title: Alpha\nweight: 1", "");
    site.page("guide/b.md", "title: Beta\nweight: 2", "");
    site.page("guide/c.md", "title: Gamma\nweight: 3", "");
    site.page("other/_index.md", "title: Other", "");
    site.page("other/d.md", "title: Delta", "");
    site.build_ok(&[]);
    let pager = |path: &str| {
        let html = site.read(path);
        ["prev", "next"]
            .iter()
            .filter_map(|rel| rel_link(&html, rel))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pager("guide/b/index.html"),
        [
            ("Previous Alpha".to_string(), "../a/".to_string()),
            ("Next Gamma".to_string(), "../c/".to_string())
        ]
    );
    assert_eq!(
        pager("guide/a/index.html"),
        [("Next Beta".to_string(), "../b/".to_string())]
    );
    assert_eq!(
        pager("guide/c/index.html"),
        [("Previous Beta".to_string(), "../b/".to_string())]
    );
    assert!(
        pager("other/d/index.html").is_empty(),
        "nothing crosses into another section"
    );
}

#[test]
fn the_footer_shows_the_contact_details() {
    let site = TestSite::with_site_yaml(
        "contact:\n  name: Talent Team\n  email: talent@example.gov.uk\n  phone: 0100 000 0000\n",
    );
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    for path in [
        "guide/a/index.html",
        "easy-read/guide/a/index.html",
        "index.html",
    ] {
        let html = site.read(path);
        let footer = between(&html, "<footer", "</footer>");
        assert!(text_of(footer).contains("Talent Team"), "{path}");
        assert_eq!(
            href_of(footer, "talent@example.gov.uk"),
            "mailto:talent@example.gov.uk",
            "{path}"
        );
        assert_eq!(
            href_of(footer, "0100 000 0000"),
            "tel:01000000000",
            "{path}"
        );
    }
}

// ---------------------------------------------------------------------------
// Whole-site files

#[test]
fn the_sitemap_lists_every_built_page_of_every_audience() {
    let site = TestSite::with_site_yaml("base_url: https://example.gov.uk/mentoring\n");
    site.page("guide/prepare.md", "title: Prepare", "");
    site.page(
        "guide/staff.md",
        "title: Staff\naudiences: [professional]",
        "",
    );
    site.page("guide/wip.md", "title: Draft\ndraft: true", "");
    site.build_ok(&[]);
    let xml = site.read("sitemap.xml");
    let mut locs: Vec<String> = xml
        .split("<loc>")
        .skip(1)
        .map(|l| decode(&l[..l.find("</loc>").unwrap()]))
        .collect();
    locs.sort();
    let base = "https://example.gov.uk/mentoring/";
    let mut expected: Vec<String> = [
        "",
        "carer/",
        "easy-read/",
        "guide/prepare/",
        "carer/guide/prepare/",
        "easy-read/guide/prepare/",
        "guide/staff/",
        // The statements signpost writes for each audience.
        "accessibility/",
        "privacy/",
        "carer/accessibility/",
        "carer/privacy/",
        "easy-read/accessibility/",
        "easy-read/privacy/",
    ]
    .iter()
    .map(|p| format!("{base}{p}"))
    .collect();
    expected.sort();
    assert_eq!(locs, expected);
}

#[test]
fn the_sitemap_lists_a_sites_own_statement_once_and_with_pdfs_the_downloads_pages() {
    let site = TestSite::with_site_yaml(
        "base_url: https://example.gov.uk/mentoring
",
    );
    site.page("accessibility.md", "title: Our accessibility statement", "");
    site.build_ok(&["--pdf"]);
    let xml = site.read("sitemap.xml");
    let count = |loc: &str| xml.matches(&format!("<loc>{loc}</loc>")).count();
    let base = "https://example.gov.uk/mentoring/";
    assert_eq!(count(&format!("{base}accessibility/")), 1, "{xml}");
    assert_eq!(count(&format!("{base}carer/privacy/")), 1, "{xml}");
    assert_eq!(count(&format!("{base}downloads/")), 1, "{xml}");
    assert_eq!(count(&format!("{base}easy-read/downloads/")), 1, "{xml}");
    assert_eq!(count(&format!("{base}search/")), 0, "{xml}");
}

#[test]
fn there_is_no_sitemap_without_base_url() {
    assert!(!one_page("title: A", "").exists("sitemap.xml"));
}

#[test]
fn a_not_found_page_is_written() {
    let html = one_page("title: A", "").read("404.html");
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(
        html.contains("<title>Page not found – Test pack</title>"),
        "{html}"
    );
}

/// Every `href` and `src` in the page, decoded, except in-page `#` links.
fn addresses(html: &str) -> Vec<String> {
    let mut all = attr_values(html, "href");
    all.extend(attr_values(html, "src"));
    all.into_iter()
        .map(|a| decode(&a))
        .filter(|a| !a.starts_with('#') && !a.starts_with("mailto:"))
        .collect()
}

/// A site in Welsh with three audiences, a logo and PDFs, for the 404 page.
fn site_for_404(more_yaml: &str) -> TestSite {
    let site = TestSite::with_site_yaml(&format!(
        "language: cy\npdf: true\nbrand: {{ logo: /logo.svg }}\n{more_yaml}"
    ));
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page("guide/prepare.md", "title: Prepare", "");
    site
}

/// The 404 page's list of each audience's home page: (label, href).
fn not_found_homes(html: &str) -> Vec<(String, String)> {
    links(between(html, "class=\"not-found-homes\"", "</ul>"))
}

#[test]
fn the_not_found_page_works_at_any_depth_from_the_domain_root_without_base_url() {
    let site = site_for_404("");
    // The PDFs are not printed here (no browser needed): only the page's
    // addresses are looked at.
    site.build_ok(&[]);
    let html = site.read("404.html");
    assert!(html.contains("<html lang=\"cy\">"), "{html}");
    let all = addresses(&html);
    assert!(all.len() >= 6, "{all:?}");
    for address in &all {
        assert!(
            address.starts_with('/'),
            "{address} is not from the root: {all:?}"
        );
    }
    assert!(
        all.contains(&"/_signpost/professional/style.css".to_string()),
        "{all:?}"
    );
    assert!(all.contains(&"/logo.svg".to_string()), "{all:?}");
    assert_eq!(
        not_found_homes(&html),
        [
            ("For professionals".to_string(), "/".to_string()),
            ("For carers and families".to_string(), "/carer/".to_string()),
            ("Easy read".to_string(), "/easy-read/".to_string()),
        ]
    );
}

#[test]
fn the_not_found_page_uses_full_addresses_under_base_url() {
    let site = site_for_404("base_url: https://example.gov.uk/mentoring/\n");
    let run = site.build_ok(&[]);
    assert!(
        !run.stderr.contains("base_url"),
        "no warning: {}",
        run.stderr
    );
    let html = site.read("404.html");
    let all = addresses(&html);
    for address in &all {
        assert!(
            address.starts_with("https://example.gov.uk/mentoring/"),
            "{address} is not under base_url: {all:?}"
        );
    }
    assert!(all.contains(
        &"https://example.gov.uk/mentoring/_signpost/professional/style.css".to_string()
    ));
    assert_eq!(
        not_found_homes(&html)[2],
        (
            "Easy read".to_string(),
            "https://example.gov.uk/mentoring/easy-read/".to_string()
        )
    );
}

#[test]
fn a_build_without_base_url_warns_once_that_the_not_found_page_assumes_the_domain_root() {
    let site = site_for_404("");
    let run = site.build_ok(&[]);
    let warnings: Vec<String> = crate::harness::diagnostics::diagnostics(&run.stderr)
        .into_iter()
        .filter(|d| d.contains("base_url"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].starts_with("warning:"), "{}", warnings[0]);
    assert!(
        warnings[0].contains("root of its domain"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("--> site.yaml"), "{}", warnings[0]);
    assert!(
        warnings[0].contains("GitHub project site"),
        "{}",
        warnings[0]
    );
}

#[test]
fn an_offline_build_keeps_the_not_found_page_relative_and_does_not_warn() {
    let site = site_for_404("");
    let run = site.build_ok(&["--offline"]);
    assert!(!run.stderr.contains("base_url"), "{}", run.stderr);
    let html = site.read("404.html");
    assert!(
        addresses(&html).iter().all(|a| !a.starts_with('/')),
        "{html}"
    );
    assert_eq!(
        not_found_homes(&html)[1],
        (
            "For carers and families".to_string(),
            "carer/index.html".to_string()
        )
    );
}

// ---------------------------------------------------------------------------
// Branding

/// A one-page site with `brand` (the lines under `brand:`) and a logo
/// at `static/logo.svg`.
fn branded(brand: &str) -> TestSite {
    let site = TestSite::with_site_yaml(&format!("brand:\n{brand}"));
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page("guide/a.md", "title: A", "");
    site.build_ok(&[]);
    site
}

#[test]
fn the_brand_logo_is_in_every_themes_header_linking_home_with_the_organisation_as_alt() {
    let site = branded("  logo: /logo.svg\n");
    for (page, home) in [
        ("guide/a/index.html", "../../"),
        ("carer/guide/a/index.html", "../../"),
        ("easy-read/guide/a/index.html", "../../"),
        ("index.html", "./"),
    ] {
        let html = site.read(page);
        let header = between(&html, "<header", "</header>");
        let logo = between(header, "class=\"site-logo\"", "</p>");
        let img = between(logo, "<img", ">");
        assert_eq!(attr(img, "alt").as_deref(), Some("Test Council"), "{page}");
        let depth = page.matches('/').count();
        let src = format!("{}logo.svg", "../".repeat(depth));
        assert_eq!(attr(img, "src").map(|s| decode(&s)), Some(src), "{page}");
        assert_eq!(
            decode(&href_of(logo, "")),
            home,
            "{page}: the logo links home"
        );
    }
    assert!(site.exists("logo.svg"));
}

#[test]
fn brand_logo_alt_replaces_the_organisation_as_the_logos_text() {
    let site = branded("  logo: /logo.svg\n  logo_alt: Harbourside crest\n");
    let html = site.read("guide/a/index.html");
    assert!(html.contains("alt=\"Harbourside crest\""), "{html}");
}

#[test]
fn the_brand_colour_is_given_to_every_theme_as_custom_properties() {
    let site = branded("  colour: \"#00594F\"\n");
    for page in [
        "guide/a/index.html",
        "carer/guide/a/index.html",
        "easy-read/guide/a/index.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("<style>:root { --brand: #00594f; --brand-text: #00594f; }</style>"),
            "{page}: {html}"
        );
        assert!(!html.contains("site-logo"), "no logo was given: {page}");
    }
    for theme in ["professional", "carer", "easy-read"] {
        let css = site.read(&format!("_signpost/{theme}/style.css"));
        for property in [
            "--colour-header:var(--brand,",
            "--colour-accent:var(--brand,",
            "--colour-link:var(--brand-text,",
        ] {
            assert!(css.contains(property), "{theme} has no {property}");
        }
    }
}

#[test]
fn a_pale_brand_colour_that_passes_on_white_is_darkened_for_text_on_panels() {
    // #1d70b8 is 5.1:1 on white, 4.6:1 on the panels' grey: kept as it is.
    let site = branded("  colour: \"#1d70b8\"\n");
    assert!(site
        .read("guide/a/index.html")
        .contains("--brand-text: #1d70b8;"));
    // #d4351c is 4.9:1 on white but 4.3:1 on the panels' grey: the header
    // keeps it, links and headings get a darker shade of it.
    let site = branded("  colour: \"#d4351c\"\n");
    let html = site.read("guide/a/index.html");
    assert!(html.contains("--brand: #d4351c;"), "{html}");
    let text = &between(&html, "--brand-text: ", ";")["--brand-text: ".len()..];
    assert!(
        text.starts_with('#') && text.len() == 7 && text != "#d4351c",
        "{html}"
    );
}

#[test]
fn without_brand_no_page_has_a_logo_or_brand_colours() {
    let site = one_page("title: A", "");
    for (path, html) in all_html(&site) {
        assert!(
            !html.contains("--brand") && !html.contains("site-logo"),
            "{path}"
        );
    }
}

#[test]
fn a_second_build_replaces_the_output_fully() {
    let site = TestSite::new();
    site.page("guide/old.md", "title: Old", "");
    site.page("guide/new.md", "title: New", "");
    site.write("content/guide/old.txt", "old");
    site.build_ok(&[]);
    assert!(site.exists("guide/old/index.html"));
    std::fs::remove_file(site.root().join("content/guide/old.md")).unwrap();
    std::fs::remove_file(site.root().join("content/guide/old.txt")).unwrap();
    site.write("public/stray.html", "left from elsewhere");
    site.build_ok(&[]);
    assert!(site.exists("guide/new/index.html"));
    assert!(
        !site.exists("guide/old")
            && !site.exists("easy-read/guide/old")
            && !site.exists("guide/old.txt")
    );
    assert!(!site.exists("stray.html"));
}

#[test]
fn an_empty_site_warns_and_builds_a_generated_home_page() {
    let site = TestSite::new();
    let run = site.build_ok(&[]);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.read("index.html").contains("<h1>Test pack</h1>"));
    assert!(site.exists("easy-read/index.html") && site.exists("404.html"));
}

// ---------------------------------------------------------------------------
// PDFs

#[test]
fn without_pdfs_no_page_links_to_one_and_there_is_no_downloads_page() {
    let site = TestSite::new();
    site.page(
        "resources/agreement.md",
        "title: Agreement\nkind: contract",
        "",
    );
    site.build_ok(&[]);
    assert!(!site.exists("downloads") && !site.exists("easy-read/downloads"));
    for (path, html) in all_html(&site) {
        assert!(
            !attr_values(&html, "href")
                .iter()
                .any(|h| h.contains(".pdf")),
            "{path}"
        );
    }
}

#[test]
fn with_pdfs_each_printable_version_has_a_pdf_it_links_to() {
    let site = TestSite::new();
    site.page(
        "resources/agreement.md",
        "title: Agreement\nkind: contract",
        "",
    );
    site.build_ok(&["--pdf"]);
    for (path, pdf, href) in [
        (
            "resources/agreement/index.html",
            "resources/agreement/agreement.pdf",
            "agreement.pdf",
        ),
        (
            "easy-read/resources/agreement/index.html",
            "easy-read/resources/agreement/agreement-easy-read.pdf",
            "agreement-easy-read.pdf",
        ),
    ] {
        let bytes = std::fs::read(site.output(pdf)).unwrap_or_else(|e| panic!("{pdf}: {e}"));
        assert!(bytes.starts_with(b"%PDF"), "{pdf} is a PDF");
        assert!(
            attr_values(&site.read(path), "href").contains(&href.to_string()),
            "{path} links to {href}"
        );
    }
    let downloads = site.read("easy-read/downloads/index.html");
    assert!(
        attr_values(&downloads, "href")
            .iter()
            .any(|h| h.ends_with("agreement-easy-read.pdf")),
        "{downloads}"
    );
}

// ---------------------------------------------------------------------------
// Commands

#[test]
fn build_uses_the_current_folder_and_out_names_another() {
    let site = TestSite::new();
    site.page("guide/a.md", "title: A", "");
    let status = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .arg("build")
        .current_dir(site.root())
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    assert!(site.exists("guide/a/index.html"));
    let elsewhere = site.root().join("site-out");
    let run = site.build(&["--out", elsewhere.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(elsewhere.join("guide/a/index.html").is_file());
}

#[test]
fn headings_keep_their_own_ids_whatever_the_templates_and_fields_use() {
    let html = body_html("## Main\n\n## Field name\n\n{{ field(label=\"Name\") }}\n\nA note.[^1]\n\n## 1\n\n[^1]: The note.\n");
    assert!(element_with_id(&html, "main").starts_with("<h2"));
    assert!(element_with_id(&html, "field-name").starts_with("<h2"));
    assert!(element_with_id(&html, "1").starts_with("<h2"));
}

#[test]
fn the_body_sees_front_matter_and_site_yaml_as_written() {
    let site = TestSite::new();
    site.page(
        "tree.md",
        "title: Tree\nslug: my-tree\nkind: activity\nactivity: tree-of-life\ntree:\n  roots: Where from",
        "Roots: {{ page.tree.roots }}. Slug: {{ page.slug }}. For: {{ page.audiences | join(sep=\",\") }}. \
         Label: {{ site.audiences.carer.label }}.",
    );
    site.build_ok(&[]);
    let html = site.read("my-tree/index.html");
    assert!(html.contains("Roots: Where from."), "{html}");
    assert!(html.contains("Slug: my-tree."));
    assert!(html.contains("For: professional,carer,easy-read."));
    assert!(html.contains("Label: For carers and families."));
}

#[test]
fn a_draft_home_page_gives_way_to_a_generated_one() {
    let site = TestSite::new();
    site.page("_index.md", "title: Not yet\ndraft: true", "Secret.");
    site.page("about.md", "title: About", "");
    site.build_ok(&[]);
    let home = site.read("index.html");
    assert!(!home.contains("Secret."));
    assert!(home.contains("About"), "the generated home lists the pages");
    site.build_ok(&["--drafts"]);
    assert!(site.read("index.html").contains("Secret."));
}

#[test]
fn a_page_with_only_variants_is_reached_by_its_base_name() {
    let site = TestSite::new();
    site.page("only.carer.md", "title: For carers", "");
    site.page("links.carer.md", "title: Links", "[Only](only.md)");
    site.build_ok(&[]);
    let html = site.read("carer/links/index.html");
    assert_eq!(href_of(&html, "Only"), "../only/");
}

#[test]
fn a_theme_style_sheet_with_a_block_left_open_is_an_error_where_it_opens() {
    let site = TestSite::with_site_yaml("audiences:\n  staff: { label: Staff, theme: council }\n");
    site.write(
        "themes/council/assets/theme.css",
        "h1 { color: #004b87; }\n@media print {\n  h1 { color: black; }\n.after { color: red; }\n",
    );
    site.page("guide/a.md", "title: A", "");
    let stderr = site.build_fails(&[]);
    crate::harness::diagnostics::assert_error(
        &stderr,
        "themes/council/assets/theme.css:2:14",
        &["this `{` is never closed", "add the missing `}`"],
    );
}
