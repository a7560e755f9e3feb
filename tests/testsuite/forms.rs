//! The forms on screen: the notice above a page's first field saying where
//! answers are kept, the controls that need JavaScript hidden in the HTML,
//! the wording of the blank PDF's link, and, in headless Chromium
//! (tests/a11y/forms.mjs), what a reader does with them: answers kept for
//! the session or remembered, a log's saved copies, Clear asking first, the
//! page without JavaScript, and the Tree of Life on a phone.

use std::process::Command;

use crate::harness::a11y::{a11y_dir, run_checker, tools_ready, Need};
use crate::harness::browser::{browser_or_skip, checkers_chromium};
use crate::harness::html::{between, text_of};
use crate::harness::TestSite;

/// The example pack's pages with fields, by audience and language, and
/// whether each is a log (which keeps saved copies).
const FORM_PAGES: [(&str, bool); 8] = [
    ("resources/meeting-log/index.html", true),
    ("resources/reflection-log/index.html", true),
    ("resources/mentoring-agreement/index.html", false),
    ("resources/tree-of-life/index.html", false),
    ("easy-read/resources/meeting-log/index.html", true),
    ("easy-read/resources/tree-of-life/index.html", false),
    ("cy/resources/mentoring-agreement/index.html", false),
    ("cy/easy-read/resources/meeting-log/index.html", true),
];

/// Runs tests/a11y/forms.mjs's `check` on the example pack, built.
fn run_forms_check(check: &str) {
    if !tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        return;
    }
    let site = TestSite::example();
    site.build_ok(&[]);
    run_checker(
        &format!("the forms check `{check}` (tests/a11y/forms.mjs)"),
        Command::new("node")
            .arg(a11y_dir().join("forms.mjs"))
            .arg(site.output(""))
            .arg(check)
            .env("CHROMIUM", checkers_chromium()),
    );
}

/// Every opening tag in `html` that has `attribute` in it.
fn tags_with<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    html.match_indices(attribute)
        .map(|(at, _)| {
            let start = html[..at].rfind('<').expect("a tag");
            &html[start..at + html[at..].find('>').expect("the tag's end")]
        })
        .collect()
}

#[test]
fn the_notice_comes_before_the_first_field_and_says_nothing_is_saved_until_the_script_runs() {
    let site = TestSite::example();
    site.build_ok(&[]);
    for (page, is_log) in FORM_PAGES {
        let html = site.read(page);
        let main = between(&html, "<main", "</main>");
        let notice = main
            .find("data-notice=\"unsaved\"")
            .unwrap_or_else(|| panic!("{page} has no notice"));
        let first_field = main.find(" data-keep>").expect("a field");
        assert!(notice < first_field, "{page}: the notice is below a field");
        // Without the script the reader sees that nothing is saved; the
        // other notices and every control the script works are hidden.
        for tag in tags_with(main, "data-notice=\"unsaved\"") {
            assert!(!tag.contains(" hidden"), "{page}: {tag}");
        }
        for attribute in [
            "data-notice=\"session\"",
            "data-notice=\"remembered\"",
            "data-needs-script",
            "data-print",
            "data-clear-fields",
            "data-confirm ",
        ] {
            let tags = tags_with(main, attribute);
            assert!(!tags.is_empty(), "{page} has no {attribute}");
            for tag in tags {
                assert!(
                    tag.contains(" hidden"),
                    "{page}: {tag} shows without the script"
                );
            }
        }
        assert_eq!(
            main.contains("data-new-log"),
            is_log,
            "{page}: Start a new log"
        );
        assert!(main.contains("id=\"form_remember\""), "{page}: Remember");
        // The notice links to the privacy notice, which says more.
        let more = between(main, "<p class=\"form-notice-more\">", "</p>");
        assert!(more.contains("privacy/\""), "{page}: {more}");
        assert!(notice < main.find("form-notice-more").unwrap());
    }
}

/// The easy-read pages of the example pack that have fields.
const EASY_READ_FORMS: [&str; 5] = [
    "easy-read/resources/meeting-log/index.html",
    "easy-read/resources/reflection-log/index.html",
    "easy-read/resources/mentoring-agreement/index.html",
    "cy/easy-read/resources/meeting-log/index.html",
    "cy/easy-read/resources/mentoring-agreement/index.html",
];

#[test]
fn each_easy_read_question_in_a_picture_row_is_the_label_of_the_field_after_it() {
    let site = TestSite::example();
    site.build_ok(&[]);
    let questions = questions_are_labels(&site, &EASY_READ_FORMS);
    assert!(
        questions >= 15,
        "only {questions} questions in picture rows"
    );
}

#[test]
fn the_starter_packs_easy_read_questions_are_the_labels_of_their_fields_too() {
    let site = TestSite::empty();
    let run = site.run(&["init", site.root().to_str().unwrap(), "--no-input"]);
    assert!(run.success, "{}", run.stderr);
    site.build_ok(&[]);
    let questions = questions_are_labels(
        &site,
        &[
            "easy-read/resources/meeting-log/index.html",
            "easy-read/resources/reflection-log/index.html",
        ],
    );
    assert!(questions >= 6, "only {questions} questions in picture rows");
}

/// Asserts that on each of `pages`, each picture row that asks a question
/// is followed by a field whose label is that question; gives how many
/// questions there were.
fn questions_are_labels(site: &TestSite, pages: &[&str]) -> usize {
    let mut questions = 0;
    for page in pages {
        let html = site.read(page);
        // Each picture row, and what follows it up to the next one.
        for row in html.split("<div class=\"picture-row\">").skip(1) {
            let words = text_of(between(row, "<div class=\"picture-row-words\">", "</div>"));
            let after = &row[row.find("</div></div>").expect("the row's end")..];
            if !words.ends_with('?') {
                continue;
            }
            questions += 1;
            let field = after
                .trim_start_matches("</div></div>")
                .trim_start()
                .strip_prefix("<div class=\"field-row\">")
                .unwrap_or_else(|| panic!("{page}: no field after the question \"{words}\""));
            let label = if field.starts_with("<fieldset") {
                between(field, "<legend>", "</legend>")
            } else {
                between(field, "<label", "</label>")
            };
            assert_eq!(
                text_of(label),
                words,
                "{page}: the field's label is not its question"
            );
        }
    }
    questions
}

#[test]
fn a_page_with_fields_links_to_its_pdf_as_a_blank_copy_and_other_pages_do_not() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::with_site_yaml("languages:\n  cy:\n    label: Cymraeg\n");
    let form = "{{ field(label=\"Name\") }}";
    site.page("form.md", "title: Form\nkind: contract", form);
    site.page("form.easy-read.md", "title: Form", form);
    site.page(
        "form.cy.md",
        "title: Ffurflen",
        "{{ field(label=\"Enw\") }}",
    );
    site.page("poster.md", "title: Poster\nkind: poster", "Come along.");
    site.build_pdf_ok(&[]);
    for (page, words) in [
        ("form/index.html", ">Download a blank copy to print</a>"),
        (
            "easy-read/form/index.html",
            ">Print an empty copy of this page</a>",
        ),
        (
            "cy/form/index.html",
            ">Lawrlwytho copi gwag i&#39;w argraffu</a>",
        ),
        ("poster/index.html", ">Download this page to print</a>"),
    ] {
        let html = site.read(page);
        let link = between(&html, "<p class=\"pdf-link\">", "</p>");
        assert!(link.contains(words), "{page}: {link}");
    }
}

#[test]
fn typed_answers_last_the_session_and_reach_local_storage_only_when_remembered() {
    run_forms_check("session");
}

#[test]
fn a_log_keeps_dated_copies_to_reopen_or_delete_after_asking() {
    run_forms_check("logs");
}

#[test]
fn clear_asks_first_and_clears_only_on_yes() {
    run_forms_check("clear");
}

#[test]
fn the_notice_is_above_the_first_field_and_without_javascript_no_control_is_dead() {
    run_forms_check("notice");
}

#[test]
fn the_tree_of_life_on_a_phone_shows_no_words_too_small_to_read_nor_write_on_lines() {
    run_forms_check("tree");
}
