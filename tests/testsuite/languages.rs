//! Sites in more than one language: which file each page version comes
//! from, the addresses under `/L/`, what is inherited and what is not, the
//! language switcher and alternates, links to pages with no translation,
//! and the mistakes a site can make with them.

use crate::harness::diagnostics::error_at;
use crate::harness::html::{attr_values, href_of, links};
use crate::harness::site::TestSite;

/// A site in English (the default) and Welsh.
fn bilingual() -> TestSite {
    TestSite::with_site_yaml(
        "base_url: https://council.example/pack\nlanguages:\n  cy: { label: Cymraeg, title: Pecyn mentora }\n",
    )
}

#[test]
fn each_page_version_comes_from_the_most_specific_file_in_its_language() {
    let site = bilingual();
    site.page(
        "guide/prepare.md",
        "title: Prepare\nweight: 2",
        "English for all.",
    )
    .page(
        "guide/prepare.easy-read.md",
        "title: Get ready",
        "English easy read.",
    )
    .page("guide/prepare.cy.md", "title: Paratoi", "Cymraeg i bawb.")
    .page(
        "guide/prepare.easy-read.cy.md",
        "title: Bod yn barod",
        "Cymraeg hawdd ei ddeall.",
    );
    site.build_ok(&[]);
    let body = |path: &str| site.read(&format!("{path}index.html"));
    assert!(body("guide/prepare/").contains("English for all."));
    assert!(body("easy-read/guide/prepare/").contains("English easy read."));
    assert!(body("carer/guide/prepare/").contains("English for all."));
    assert!(body("cy/guide/prepare/").contains("Cymraeg i bawb."));
    assert!(body("cy/carer/guide/prepare/").contains("Cymraeg i bawb."));
    assert!(body("cy/easy-read/guide/prepare/").contains("Cymraeg hawdd ei ddeall."));
    for (path, lang) in [
        ("guide/prepare/", "en-GB"),
        ("cy/guide/prepare/", "cy"),
        ("cy/easy-read/guide/prepare/", "cy"),
    ] {
        assert!(
            body(path).contains(&format!("<html lang=\"{lang}\">")),
            "{path}"
        );
    }
}

#[test]
fn a_page_without_a_file_in_a_language_has_no_version_in_it() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "").page(
        "guide/review.md",
        "title: Review",
        "",
    );
    site.page("guide/prepare.cy.md", "title: Paratoi", "");
    site.build_ok(&[]);
    assert!(site.exists("cy/guide/prepare/index.html"));
    assert!(!site.exists("cy/guide/review/index.html"));
    // Every audience has a home page in every language, made up if need be.
    for home in [
        "cy/index.html",
        "cy/carer/index.html",
        "cy/easy-read/index.html",
    ] {
        assert!(site.read(home).contains("Pecyn mentora"), "{home}");
    }
}

#[test]
fn settings_are_inherited_across_languages_but_titles_and_summaries_are_not() {
    let site = bilingual();
    site.page(
        "resources/agreement.md",
        "title: Agreement\nsummary: What we agree.\nkind: contract\npdf: false",
        "",
    )
    .page("resources/agreement.cy.md", "title: Cytundeb", "");
    site.build_ok(&[]);
    let welsh = site.read("cy/resources/agreement/index.html");
    // `kind` came from the English file: the contract template was used.
    assert!(welsh.contains("page-contract"), "{welsh}");
    // The English summary did not cross into the Welsh page.
    assert!(!welsh.contains("What we agree."), "{welsh}");
}

#[test]
fn a_language_version_without_its_own_title_is_an_error_naming_its_file() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "").page(
        "guide/prepare.cy.md",
        "weight: 3",
        "Cymraeg.",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/guide/prepare.cy.md:2:1",
        &["no `title` in `cy`", "never taken from another language"],
    );
}

#[test]
fn a_language_version_may_not_move_the_page() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "").page(
        "guide/prepare.cy.md",
        "title: Paratoi\nslug: paratoi",
        "",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/guide/prepare.cy.md:3:",
        &["a page in another language may not set `slug`"],
    );
}

#[test]
fn file_names_in_the_wrong_order_or_misspelt_are_errors_with_the_name_meant() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "")
        .page("guide/prepare.cy.easy-read.md", "title: A", "")
        .page("guide/review.cym.md", "title: B", "")
        .page("guide/evaluate.en-GB.md", "title: C", "");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/guide/prepare.cy.easy-read.md",
        &["language before the audience", "`prepare.easy-read.cy.md`"],
    );
    error_at(
        &stderr,
        "content/guide/review.cym.md",
        &[
            "not an audience or a language",
            "did you mean `review.cy.md`",
        ],
    );
    error_at(
        &stderr,
        "content/guide/evaluate.en-GB.md",
        &["default language", "`evaluate.md`"],
    );
}

#[test]
fn a_folder_or_page_named_after_a_language_is_a_clash() {
    let site = bilingual();
    site.page("cy/about.md", "title: About", "");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/cy/about.md",
        &["reserved", "the language `cy`"],
    );
    let site = bilingual();
    site.page("cy.md", "title: Welsh", "");
    site.build_fails(&[]);
}

#[test]
fn a_language_may_not_share_an_audience_id_and_needs_a_name() {
    let site = TestSite::with_site_yaml(
        "audiences:\n  en: { label: English readers, theme: professional }\nlanguages:\n  en: { label: English }\n  xq: {}\n",
    );
    site.page("a.md", "title: A", "");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "site.yaml:",
        &["`en` is both a language and an audience"],
    );
    error_at(&stderr, "site.yaml:", &["language `xq` has no `label`"]);
}

#[test]
fn the_language_switcher_names_each_language_in_itself_and_links_its_version() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "")
        .page("guide/prepare.cy.md", "title: Paratoi", "")
        .page("guide/review.md", "title: Review", "");
    site.build_ok(&[]);
    let english = site.read("guide/prepare/index.html");
    let switcher = crate::harness::html::between(&english, "class=\"language-switcher\"", "</nav>");
    assert!(
        switcher.contains(
            "<a href=\"../../cy/guide/prepare/\" lang=\"cy\" hreflang=\"cy\" dir=\"ltr\">Cymraeg</a>"
        ),
        "{switcher}"
    );
    assert!(
        switcher.contains("aria-current=\"page\">English</a>"),
        "{switcher}"
    );
    // With no Welsh version, the switcher goes to the Welsh home page, and
    // says so in Welsh ("hafan" is "home page").
    let review = site.read("guide/review/index.html");
    assert_eq!(href_of(&review, "Cymraeg (hafan)"), "../../cy/");
    // A site in one language has no language switcher.
    let single = TestSite::new();
    single.page("a.md", "title: A", "");
    single.build_ok(&[]);
    assert!(!single.read("a/index.html").contains("language-switcher"));
}

#[test]
fn each_page_names_its_versions_in_other_languages_as_alternates_and_so_does_the_sitemap() {
    let site = bilingual();
    site.page("guide/prepare.md", "title: Prepare", "")
        .page("guide/prepare.cy.md", "title: Paratoi", "")
        .page("guide/review.md", "title: Review", "");
    site.build_ok(&[]);
    let welsh = site.read("cy/guide/prepare/index.html");
    assert!(welsh.contains(
        "<link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://council.example/pack/guide/prepare/\">"
    ));
    assert!(welsh.contains(
        "<link rel=\"alternate\" hreflang=\"cy\" href=\"https://council.example/pack/cy/guide/prepare/\">"
    ));
    // A page with no other language has no alternates.
    assert!(!site
        .read("guide/review/index.html")
        .contains("rel=\"alternate\""));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "<loc>https://council.example/pack/cy/guide/prepare/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://council.example/pack/guide/prepare/\"/>"
    ), "{sitemap}");
}

#[test]
fn a_link_to_a_page_with_no_translation_goes_to_the_default_language_and_says_so() {
    let site = bilingual();
    site.page(
        "_index.cy.md",
        "title: Croeso",
        "Darllenwch [paratoi](guide/prepare.md) ac [adolygu](guide/review.md).",
    )
    .page("guide/prepare.md", "title: Prepare", "")
    .page("guide/prepare.cy.md", "title: Paratoi", "")
    .page("guide/review.md", "title: Review", "");
    site.build_ok(&[]);
    let home = site.read("cy/index.html");
    assert_eq!(href_of(&home, "paratoi"), "guide/prepare/");
    let to_english: Vec<_> = links(&home)
        .into_iter()
        .filter(|(text, _)| text.starts_with("adolygu"))
        .collect();
    assert_eq!(to_english.len(), 1, "{home}");
    assert_eq!(to_english[0].1, "../guide/review/");
    // It says so in Welsh: "(yn Saesneg)" is "(in English)".
    assert!(
        home.contains(
            "hreflang=\"en-GB\">adolygu <span class=\"link-language\">(yn Saesneg)</span></a>"
        ),
        "{home}"
    );
}

#[test]
fn pages_in_a_language_see_its_title_organisation_audience_names_and_params() {
    let site = TestSite::with_site_yaml(
        "params:\n  frequency: once a month\n  size: 12\ncontact: { name: Mentoring team, email: a@b.example }\nlanguages:\n  cy:\n    label: Cymraeg\n    title: Pecyn\n    organisation: Cyngor Prawf\n    audiences: { easy-read: Hawdd ei ddeall }\n    contact: { name: Tîm mentora }\n    params: { frequency: unwaith y mis }\n",
    );
    site.page(
        "a.md",
        "title: A",
        "{{ params.frequency }}, {{ params.size }}",
    )
    .page(
        "a.cy.md",
        "title: A",
        "{{ params.frequency }}, {{ params.size }} ({{ lang }})",
    );
    site.build_ok(&[]);
    let english = site.read("a/index.html");
    assert!(english.contains("once a month, 12"));
    let welsh = site.read("cy/a/index.html");
    assert!(welsh.contains("unwaith y mis, 12 (cy)"), "{welsh}");
    assert!(welsh.contains("Cyngor Prawf"));
    assert!(welsh.contains("<title>A – Pecyn</title>"), "{welsh}");
    assert!(welsh.contains(">Hawdd ei ddeall</a>"), "{welsh}");
    // The contact's name in Welsh, its email the site's.
    assert!(welsh.contains("contact-name\">Tîm mentora</li>"), "{welsh}");
    assert!(welsh.contains("mailto:a@b.example"), "{welsh}");
    assert!(english.contains("contact-name\">Mentoring team</li>"));
}

#[test]
fn breadcrumbs_listings_and_pagination_stay_in_the_language() {
    let site = bilingual();
    site.page("guide/_index.md", "title: Guide", "")
        .page("guide/_index.cy.md", "title: Canllaw", "")
        .page("guide/a.md", "title: A\nweight: 1", "")
        .page("guide/a.cy.md", "title: A cy", "")
        .page("guide/b.md", "title: B\nweight: 2", "")
        .page("guide/b.cy.md", "title: B cy", "");
    site.build_ok(&[]);
    let section = site.read("cy/guide/index.html");
    let listed = crate::harness::html::listing(&section);
    assert_eq!(listed, ["A cy", "B cy"]);
    let a = site.read("cy/guide/a/index.html");
    assert_eq!(href_of(&a, "Canllaw"), "../");
    assert!(attr_values(&a, "rel").contains(&"next".to_string()));
    // Welsh words for Welsh pages: "Nesaf" is "Next".
    assert_eq!(href_of(&a, "Nesaf B cy"), "../b/");
}

#[test]
fn built_in_audiences_are_named_in_the_language_when_site_yaml_does_not_name_them() {
    let site = bilingual();
    site.page("a.md", "title: A", "")
        .page("a.cy.md", "title: A", "");
    site.build_ok(&[]);
    let welsh = site.read("cy/a/index.html");
    let switcher = crate::harness::html::between(&welsh, "class=\"switcher\"", "</nav>");
    for name in [
        "I weithwyr proffesiynol",
        "I ofalwyr a theuluoedd",
        "Hawdd ei ddeall",
    ] {
        assert!(switcher.contains(name), "{switcher}");
    }
    let english = site.read("a/index.html");
    assert!(english.contains(">Easy read</a>"));
}

#[test]
fn the_one_404_page_says_its_words_in_every_language_of_the_site() {
    let site = bilingual();
    site.page("a.md", "title: A", "");
    site.build_ok(&[]);
    let html = site.read("404.html");
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("<h1>Page not found</h1>"), "{html}");
    let welsh = crate::harness::html::between(
        &html,
        "<article class=\"page not-found-translation\" lang=\"cy\">",
        "</article>",
    );
    assert!(
        welsh.contains("<h2>Heb ddod o hyd i&#39;r dudalen</h2>"),
        "{welsh}"
    );
    assert_eq!(
        href_of(welsh, "Hawdd ei ddeall"),
        "https://council.example/pack/cy/easy-read/"
    );
    // A site in one language has one.
    let single = TestSite::new();
    single.page("a.md", "title: A", "");
    single.build_ok(&[]);
    assert!(!single.read("404.html").contains("not-found-translation"));
}
