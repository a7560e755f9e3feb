use super::table::{self, Phrase};
use super::*;
use std::path::Path;

fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("phrases")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("phrases").join(name), text).unwrap();
    }
    dir
}

#[test]
fn every_built_in_table_has_every_english_key() {
    let english = table::english().unwrap();
    for tag in ["cy"] {
        let table = table::built_in(tag).unwrap();
        let missing: Vec<&String> = english
            .phrases
            .keys()
            .filter(|key| !table.phrases.contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        let missing: Vec<&String> = english
            .easy_read
            .keys()
            .filter(|key| !table.easy_read.contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks easy_read {missing:?}");
        assert_eq!(
            table.months.as_ref().map(Vec::len),
            Some(12),
            "{tag} months"
        );
        let missing: Vec<&String> = english
            .languages
            .keys()
            .filter(|key| !table.languages.contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks languages {missing:?}");
        // Each phrase has the form en-GB's has.
        for (key, phrase) in &table.phrases {
            let plural = matches!(phrase, Phrase::Plural(_));
            let english_plural = matches!(english.phrases[key], Phrase::Plural(_));
            assert_eq!(plural, english_plural, "{tag} {key}");
        }
    }
    // Every easy-read key is a standard one, and en-GB names its months.
    for key in english.easy_read.keys() {
        assert!(english.phrases.contains_key(key), "easy_read {key}");
    }
    assert_eq!(english.months.as_ref().map(Vec::len), Some(12));
}

#[test]
fn a_tag_finds_its_table_by_primary_subtag_and_english_by_en() {
    let book = PhraseBook::load(
        Path::new("/nowhere"),
        &["cy-GB", "en-US", "en-GB"],
        &mut Vec::new(),
    );
    assert_eq!(book.phrases("cy-GB", false).get("next"), "Nesaf");
    assert_eq!(book.phrases("en-US", false).get("next"), "Next");
    assert_eq!(book.phrases("fr", false).get("next"), "Next");
    assert_eq!(
        book.phrases("en-GB", true).get("pdf_download_page"),
        "Print this page"
    );
    assert_eq!(
        book.phrases("cy-GB", true).get("pdf_download_page"),
        "Argraffu'r dudalen hon"
    );
}

#[test]
fn words_are_filled_counted_and_dated() {
    let book = PhraseBook::load(Path::new("/nowhere"), &["en-GB", "cy"], &mut Vec::new());
    let en = book.phrases("en-GB", false);
    let cy = book.phrases("cy", false);
    assert_eq!(
        en.fill("published_by", &[("organisation", "Ceredigion")]),
        "Published by Ceredigion."
    );
    let count = |phrases: &Phrases, n: u64| {
        let mut tera = tera::Tera::new();
        register(&mut tera);
        tera.add_raw_template("t", "{{ t.pdf_pages | count(n=n) }}")
            .unwrap();
        let mut values = tera::Context::new();
        values.insert_value("t", phrases.value());
        values.insert("n", &n);
        tera.render("t", &values).unwrap()
    };
    assert_eq!(count(en, 1), "1 page");
    assert_eq!(count(en, 4), "4 pages");
    assert_eq!(count(cy, 4), "4 tudalen");
    assert_eq!(count(cy, 1), "1 tudalen");
    assert_eq!(en.date(2026, 12, 5), "5 December 2026");
    assert_eq!(cy.date(2026, 12, 5), "5 Rhagfyr 2026");
    assert_eq!(en.size(73 * 1024), "73 KB");
    assert_eq!(en.size(1_258_291), "1.2 MB");
    assert_eq!(en.language_name("cy-GB"), Some("Welsh"));
    assert_eq!(cy.language_name("en"), Some("Saesneg"));
    assert_eq!(fill_in("{a} {b} {", &[("a", "1")]), "1 {b} {");
}

#[test]
fn a_site_file_overrides_and_its_decimal_mark_is_used() {
    let site = site_with(&[(
        "cy.yaml",
        "next: Ymlaen\ndecimal_mark: \",\"\neasy_read:\n  next: Nesa\n",
    )]);
    let mut problems = Vec::new();
    let book = PhraseBook::load(site.path(), &["cy"], &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(book.phrases("cy", false).get("next"), "Ymlaen");
    assert_eq!(book.phrases("cy", true).get("next"), "Nesa");
    assert_eq!(book.phrases("cy", false).size(1_258_291), "1,2 MB");
    assert_eq!(book.phrases("cy", false).get("previous"), "Blaenorol");
}

#[test]
fn an_unknown_key_is_an_error_at_its_place_with_a_suggestion() {
    let site = site_with(&[("cy.yaml", "next: Nesaf\neasy_read:\n  skip_lnk: Neidio\n")]);
    let mut problems = Vec::new();
    PhraseBook::load(site.path(), &["cy"], &mut problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    assert!(shown.contains("`skip_lnk` is not a phrase"), "{shown}");
    assert!(shown.contains("phrases/cy.yaml:3:3"), "{shown}");
    assert!(shown.contains("did you mean `skip_link`?"), "{shown}");
}

#[test]
fn a_plural_given_as_text_and_bad_yaml_are_errors() {
    let site = site_with(&[
        ("cy.yaml", "pdf_pages: \"{n} tudalen\"\n"),
        ("pl.yaml", "next: [\n"),
    ]);
    let mut problems = Vec::new();
    PhraseBook::load(site.path(), &["cy", "pl"], &mut problems);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|s| s.contains("`pdf_pages` is a plural") && s.contains("cy.yaml:1:1")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|s| s.contains("phrases/pl.yaml:")),
        "{shown:?}"
    );
}

#[test]
fn a_language_with_no_table_warns_once_naming_what_is_left_in_english() {
    let site = site_with(&[("ur.yaml", "next: اگلا\n")]);
    let mut problems = Vec::new();
    let book = PhraseBook::load(site.path(), &["en-GB", "ur"], &mut problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    assert!(shown.starts_with("warning:"), "{shown}");
    assert!(shown.contains("skip_link, "), "{shown}");
    assert!(shown.contains("months"), "{shown}");
    assert!(
        !shown.contains(" next,") && !shown.contains(", next,"),
        "{shown}"
    );
    assert_eq!(book.phrases("ur", false).get("next"), "اگلا");
    assert_eq!(book.phrases("ur", false).get("previous"), "Previous");
}

#[test]
fn a_table_no_language_reads_is_a_warning_naming_the_files_that_would_be() {
    let site = site_with(&[
        ("cy.yaml", "next: Nesaf\n"),
        ("cy-GB.yaml", "next: Ymlaen\n"),
    ]);
    let mut problems = Vec::new();
    PhraseBook::load(site.path(), &["en-GB", "cy"], &mut problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let shown = problems[0].to_string();
    assert!(
        shown.starts_with("warning: phrases/cy-GB.yaml is read by no language"),
        "{shown}"
    );
    assert!(
        shown.contains("phrases/en-GB.yaml, phrases/cy.yaml"),
        "{shown}"
    );
}
