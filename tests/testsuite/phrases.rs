//! The words signpost writes around a page's own (the skip link, pagination,
//! the footer, field labels) come from the phrase table of the site's
//! language, with easy-read words for easy-read themes; a site overrides
//! them in `phrases/LANG.yaml`.

use crate::harness::diagnostics::{diagnostics, error_at};
use crate::harness::TestSite;

/// A site in `language` with two pages in a section (so each has a
/// previous or next page) and a contact, built.
fn site_in(language: &str, extra: &[(&str, &str)]) -> (TestSite, crate::harness::site::Run) {
    let site = TestSite::with_site_yaml(&format!(
        "language: {language}\ncontact:\n  email: team@example.gov.uk\n"
    ));
    site.page("guide/_index.md", "title: Guide", "The guide.");
    site.page("guide/a.md", "title: A\nweight: 1", "First.");
    site.page("guide/b.md", "title: B\nweight: 2", "Second.");
    for (path, text) in extra {
        site.write(path, text);
    }
    let run = site.build_ok(&[]);
    (site, run)
}

#[test]
fn a_welsh_site_has_welsh_page_chrome() {
    let (site, _) = site_in("cy", &[]);
    let html = site.read("guide/a/index.html");
    assert!(html.contains("<html lang=\"cy\">"), "{html}");
    for welsh in [
        ">Neidio i'r prif gynnwys</a>",
        "<span class=\"pagination-label\">Nesaf</span>",
        "aria-label=\"Tudalennau blaenorol a nesaf\"",
        "<h2 class=\"footer-title\">Cysylltu â ni</h2>",
        "Cyhoeddwr: Test Council.",
        "E-bost:",
        "content: \"Tudalen \" counter(page) \" o \" counter(pages);",
    ] {
        let welsh = welsh.replace('\'', "&#39;");
        assert!(html.contains(&welsh), "no {welsh} in {html}");
    }
    assert!(!html.contains("Skip to main content"), "{html}");
}

#[test]
fn easy_read_pages_say_their_own_words() {
    let (site, _) = site_in("en-GB", &[]);
    let professional = site.read("guide/a/index.html");
    let easy = site.read("easy-read/guide/a/index.html");
    assert!(
        professional.contains(">Skip to main content</a>"),
        "{professional}"
    );
    assert!(
        easy.contains(">Go to the main part of this page</a>"),
        "{easy}"
    );
    assert!(!easy.contains("Skip to main content"), "{easy}");
    let (site, _) = site_in("cy", &[]);
    let easy = site.read("easy-read/guide/a/index.html");
    assert!(
        easy.contains(">Mynd i brif ran y dudalen hon</a>"),
        "{easy}"
    );
}

#[test]
fn a_sites_phrases_file_overrides_the_built_in_words() {
    let (site, _) = site_in(
        "cy",
        &[(
            "phrases/cy.yaml",
            "next: Ymlaen\neasy_read:\n  next: Nesa\n",
        )],
    );
    let html = site.read("guide/a/index.html");
    assert!(
        html.contains("<span class=\"pagination-label\">Ymlaen</span>"),
        "{html}"
    );
    let easy = site.read("easy-read/guide/a/index.html");
    assert!(
        easy.contains("<span class=\"pagination-label\">Nesa</span>"),
        "{easy}"
    );
}

#[test]
fn an_unknown_phrase_fails_the_build_at_its_place_with_a_suggestion() {
    let site = TestSite::with_site_yaml("language: cy\n");
    site.page("a.md", "title: A", "Text.");
    site.write(
        "phrases/cy.yaml",
        "# Ours\nnext: Ymlaen\nskip_lnk: Neidio\n",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "phrases/cy.yaml:3:1",
        &["`skip_lnk` is not a phrase", "did you mean `skip_link`?"],
    );
}

#[test]
fn a_language_with_no_table_builds_with_one_warning_naming_what_is_left_in_english() {
    let (site, run) = site_in("ur", &[("phrases/ur.yaml", "next: اگلا\n")]);
    let warnings: Vec<String> = diagnostics(&run.stderr)
        .into_iter()
        .filter(|d| d.contains("left in English"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].starts_with("warning:"), "{}", warnings[0]);
    assert!(warnings[0].contains("skip_link"), "{}", warnings[0]);
    assert!(warnings[0].contains("months"), "{}", warnings[0]);
    let html = site.read("guide/a/index.html");
    assert!(
        html.contains("<span class=\"pagination-label\">اگلا</span>"),
        "{html}"
    );
    assert!(html.contains(">Skip to main content</a>"), "{html}");
}

#[test]
fn a_date_field_is_day_month_and_year_boxes_under_its_label() {
    let site = TestSite::new();
    site.page(
        "a.md",
        "title: A",
        "{{ date(label=\"Date of birth\") }}\n\n{{ signature(label=\"Signed\") }}\n",
    );
    site.build_ok(&[]);
    let html = site.read("a/index.html");
    assert!(!html.contains("type=\"date\""), "{html}");
    assert!(
        html.contains("<fieldset class=\"field field-date\"><legend>Date of birth</legend>"),
        "{html}"
    );
    for (part, label, width) in [
        ("day", "Day", 2),
        ("month", "Month", 2),
        ("year", "Year", 4),
    ] {
        let id = format!("field_date-of-birth-{part}");
        assert!(
            html.contains(&format!("<label for=\"{id}\">{label}</label>")),
            "{html}"
        );
        assert!(
            html.contains(&format!(
                "type=\"text\" inputmode=\"numeric\" size=\"{width}\" id=\"{id}\""
            )),
            "{html}"
        );
    }
    assert!(
        html.contains("<label for=\"field_signed-date-year\">Year</label>"),
        "{html}"
    );
    let (site, _) = site_in("cy", &[]);
    site.page("c.md", "title: C", "{{ date(label=\"Pryd\") }}\n");
    site.build_ok(&[]);
    let html = site.read("c/index.html");
    assert!(
        html.contains(">Diwrnod</label>") && html.contains(">Blwyddyn</label>"),
        "{html}"
    );
}
