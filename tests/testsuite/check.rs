//! `signpost check`: the easy-read and plain-English rules, each with its
//! name, file, line, column and hint; thresholds from site.yaml; audience
//! coverage; the JSON and text reports; exit statuses; `--external`
//! against a server on this machine; and the bundled example pack.

use crate::harness::{Run, TestSite};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

// ---------------------------------------------------------------- helpers

/// A tiny picture, so image links resolve.
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>";

/// A site with the three built-in audiences and a picture at
/// `content/pen.svg`. These tests are about pages, so the rule that asks
/// site.yaml for an `accessibility:` block is off
/// (help_and_statements.rs tests it).
fn new_site() -> TestSite {
    let site = TestSite::with_site_yaml(NO_STATEMENT_RULE);
    site.write("content/pen.svg", SVG);
    site
}

/// site.yaml's lines that turn off the `accessibility/statement` rule.
const NO_STATEMENT_RULE: &str = "check:\n  rules:\n    accessibility/statement: off\n";

/// Runs `signpost check --format json` and parses what it prints.
fn check_json(site: &TestSite, args: &[&str]) -> (Run, Value) {
    let run = site.check(&[&["--format", "json"][..], args].concat());
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check --format json prints JSON ({e}):\n{}", run.stdout));
    (run, json)
}

/// The diagnostics of a JSON report.
fn diagnostics(json: &Value) -> Vec<Value> {
    json["diagnostics"].as_array().expect("diagnostics").clone()
}

/// The diagnostics of one rule.
fn of_rule(json: &Value, rule: &str) -> Vec<Value> {
    diagnostics(json)
        .into_iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// `file:line:column` of a diagnostic.
fn place(d: &Value) -> String {
    format!(
        "{}:{}:{}",
        d["file"].as_str().unwrap_or("?"),
        d["line"],
        d["column"]
    )
}

/// The line and column (1-based) of `needle` in `text`, after the
/// `nth` (0-based) occurrence of `after` in it.
fn find(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} is in the text"));
    let at = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} after {after:?}"));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// Asserts that exactly one diagnostic of `rule` is at `file:line:column`,
/// is a warning, and its hint holds `hint`; returns it.
#[track_caller]
fn assert_one(json: &Value, rule: &str, at: &str, hint: &str) -> Value {
    let found: Vec<Value> = of_rule(json, rule)
        .into_iter()
        .filter(|d| place(d) == at)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {rule} at {at}; the report has:\n{}",
        summary(json)
    );
    let d = found[0].clone();
    assert_eq!(d["severity"], "warning", "{d}");
    let got = d["hint"].as_str().unwrap_or_default();
    assert!(
        got.contains(hint),
        "the hint of {rule} is {got:?}, not with {hint:?}"
    );
    d
}

/// One line per diagnostic: rule, place, message.
fn summary(json: &Value) -> String {
    diagnostics(json)
        .iter()
        .map(|d| {
            format!(
                "{} {} {} | {}\n",
                d["rule"],
                place(d),
                d["message"],
                d["hint"]
            )
        })
        .collect()
}

/// The text of an easy-read page whose body has these lines, with its
/// front-matter (3 lines) before it.
fn page_text(body: &str) -> String {
    format!("---\ntitle: A\n---\n{body}")
}

// ------------------------------------------------------- easy-read rules

/// One easy-read page that breaks every easy-read rule once.
const EASY: &str = "\
![A pen](pen.svg) We meet on Monday. We talk. We listen. We go home.

This paragraph has no picture.

![A pen](pen.svg) This sentence is far too long because it keeps going on and on and on without a stop.

![A pen](pen.svg) Read the *small print* first.

![A pen](pen.svg) This is <u>important</u> to us.

![A pen](pen.svg) PLEASE READ THIS now. Call the DWP. It is VITAL.

![A pen](pen.svg) Bring your letter, e.g. the blue one.

![A pen](pen.svg) We meet three times. Some people, 50%, come.

![A pen](pen.svg) We facilitate the meeting in order to help.

![A pen](pen.svg) Ten per cent stay.
";

fn easy_site() -> (TestSite, String) {
    let site = new_site();
    let text = page_text(EASY);
    site.write("content/a.easy-read.md", &text);
    (site, text)
}

#[test]
fn every_easy_read_rule_fires_with_its_name_place_and_hint() {
    let (site, text) = easy_site();
    let (run, json) = check_json(&site, &[]);
    assert!(run.success, "warnings only: {}", run.stdout);
    let file = "content/a.easy-read.md";
    let at = |after: &str, needle: &str| {
        let (line, column) = find(&text, after, needle);
        format!("{file}:{line}:{column}")
    };

    let d = assert_one(
        &json,
        "easy-read/paragraph-length",
        &at("We meet on", "We meet"),
        "new paragraph",
    );
    assert!(
        d["message"].as_str().unwrap().contains("4 sentences"),
        "{d}"
    );
    assert_one(
        &json,
        "easy-read/pictures",
        &at("This paragraph", "This"),
        "![A calendar]",
    );
    let d = assert_one(
        &json,
        "easy-read/sentence-length",
        &at("This sentence", "This"),
        "shorter sentences",
    );
    assert!(d["message"].as_str().unwrap().contains("18 words"), "{d}");
    assert_one(
        &json,
        "easy-read/italics",
        &at("Read the", "*small"),
        "**bold**",
    );
    assert_one(&json, "easy-read/underline", &at("This is", "<u>"), "<u>");
    assert_one(
        &json,
        "easy-read/capitals",
        &at("PLEASE", "PLEASE"),
        "ordinary letters",
    );
    assert_one(
        &json,
        "easy-read/abbreviations",
        &at("Call the", "DWP"),
        "explained",
    );
    assert_one(
        &json,
        "easy-read/capitals",
        &at("It is", "VITAL"),
        "ordinary letters",
    );
    assert_one(
        &json,
        "easy-read/abbreviations",
        &at("Bring", "e.g."),
        "for example",
    );
    assert_one(
        &json,
        "easy-read/numbers",
        &at("We meet three", "three"),
        "digits: 3",
    );
    assert_one(
        &json,
        "easy-read/numbers",
        &at("Ten per", "Ten"),
        "digits: 10",
    );
    assert_one(
        &json,
        "easy-read/percentages",
        &at("Some people", "50%"),
        "1 in 4",
    );
    assert_one(
        &json,
        "easy-read/percentages",
        &at("Ten per", "Ten per cent"),
        "1 in 4",
    );
    assert_one(
        &json,
        "easy-read/words-to-avoid",
        &at("We facilitate", "facilitate"),
        "“help”",
    );
    assert_one(
        &json,
        "easy-read/words-to-avoid",
        &at("We facilitate", "in order to"),
        "“to”",
    );

    // Nothing else: the blue *one* is a pronoun, the picture rows are fine.
    let count = diagnostics(&json).len();
    assert_eq!(count, 15, "{}", summary(&json));
}

#[test]
fn easy_read_rules_apply_to_the_easy_read_theme_only() {
    let (site, _) = easy_site();
    // The same words as a page for professionals get plain-English rules.
    std::fs::rename(
        site.root().join("content/a.easy-read.md"),
        site.root().join("content/a.md"),
    )
    .unwrap();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n",
    );
    let (_, json) = check_json(&site, &[]);
    let easy: Vec<Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| {
            d["rule"]
                .as_str()
                .unwrap_or_default()
                .starts_with("easy-read/")
        })
        .collect();
    assert!(easy.is_empty(), "{}", summary(&json));
}

#[test]
fn an_audience_with_the_easy_read_theme_gets_easy_read_rules_whatever_its_id() {
    let site = new_site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\naudiences:\n  staff: { label: Staff, theme: professional }\n  simple: { label: Simple, theme: easy-read }\n",
    );
    site.write("content/a.simple.md", &page_text("No picture here.\n"));
    let (_, json) = check_json(&site, &[]);
    assert_one(
        &json,
        "easy-read/pictures",
        "content/a.simple.md:4:1",
        "picture",
    );
}

#[test]
fn a_page_long_in_words_is_too_long_to_print() {
    let site = new_site();
    let sentence = "![A pen](pen.svg) We sit down and we talk.\n\n";
    site.write("content/a.easy-read.md", &page_text(&sentence.repeat(500)));
    let (_, json) = check_json(&site, &[]);
    let d = assert_one(
        &json,
        "easy-read/length",
        "content/a.easy-read.md:4:1",
        "split",
    );
    let message = d["message"].as_str().unwrap();
    // 500 × 6 words = 3,000 words, at 120 a page.
    assert!(message.contains("about 25 pages"), "{message}");
    assert_eq!(json["scores"][0]["printed_pages"], 25, "{}", json["scores"]);
}

#[test]
fn a_hard_page_has_a_low_reading_ease_with_its_score_shown() {
    let site = new_site();
    let hard = "![A pen](pen.svg) Organisational accountability necessitates comprehensive institutional documentation.\n\n";
    site.write("content/a.easy-read.md", &page_text(&hard.repeat(10)));
    let (_, json) = check_json(&site, &[]);
    let d = assert_one(
        &json,
        "easy-read/reading-ease",
        "content/a.easy-read.md:4:19",
        "shorter",
    );
    let score = json["scores"][0]["reading_ease"].as_f64().unwrap();
    assert!(score < 70.0, "{score}");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(&format!("{score:.1}")),
        "the message shows the score {score}: {d}"
    );
    assert!(d["hint"].as_str().unwrap().contains("line"), "{d}");
}

#[test]
fn findings_are_placed_in_the_file_after_tera_changes_lines() {
    let site = new_site();
    let body = "{% if audience == \"professional\" %}\nThis goes.\n\nSo does this.\n{% endif %}\n![A pen](pen.svg) We meet {{ params.times }} times a year.\n\n![A pen](pen.svg) We facilitate it.\n";
    site.write(
        "site.yaml",
        "title: T\norganisation: O\nparams: { times: twelve }\n",
    );
    site.write("content/a.easy-read.md", &page_text(body));
    let (_, json) = check_json(&site, &[]);
    // Tera dropped lines 4 to 8: the findings are on the file's lines.
    assert_one(
        &json,
        "easy-read/words-to-avoid",
        "content/a.easy-read.md:11:22",
        "help",
    );
    // `twelve` came from site.yaml; it is placed on the line of its tag.
    let numbers = of_rule(&json, "easy-read/numbers");
    assert_eq!(numbers.len(), 1, "{}", summary(&json));
    assert_eq!(numbers[0]["line"], 9, "{}", summary(&json));
}

#[test]
fn code_headings_tables_and_fields_are_not_prose() {
    let site = new_site();
    let body = "## Call the DWP in order to facilitate\n\n```\nFACILITATE THE NHS\n```\n\n| DWP | three |\n| --- | --- |\n| NHS | 50% |\n\n{{ field(label=\"Your name\") }}\n\n![A pen](pen.svg) We use `NHS` in code.\n";
    site.write("content/a.easy-read.md", &page_text(body));
    let (_, json) = check_json(&site, &[]);
    assert_eq!(diagnostics(&json).len(), 0, "{}", summary(&json));
}

#[test]
fn drafts_are_checked_only_with_drafts() {
    let site = new_site();
    site.write(
        "content/a.easy-read.md",
        "---\ntitle: A\ndraft: true\n---\nNo picture here.\n",
    );
    let (_, json) = check_json(&site, &[]);
    assert!(
        of_rule(&json, "easy-read/pictures").is_empty(),
        "{}",
        summary(&json)
    );
    let (_, json) = check_json(&site, &["--drafts"]);
    assert_one(
        &json,
        "easy-read/pictures",
        "content/a.easy-read.md:5:1",
        "picture",
    );
}

// --------------------------------------------------- plain-English rules

#[test]
fn plain_english_rules_fire_on_other_themes() {
    let site = new_site();
    let long = "This sentence for the professionals who run the programme goes on for a great deal longer than it needs to, with more words than anyone needs to read.";
    let hard = "Organisational accountability necessitates comprehensive institutional documentation procedures.";
    let body = format!("{long}\n\n{}\n", [hard; 8].join(" "));
    site.write("content/a.md", &page_text(&body));
    site.write(
        "site.yaml",
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n",
    );
    let (run, json) = check_json(&site, &[]);
    assert!(run.success);
    let d = assert_one(
        &json,
        "plain-english/sentence-length",
        "content/a.md:4:1",
        "split it",
    );
    assert!(d["message"].as_str().unwrap().contains("28 words"), "{d}");
    let d = assert_one(
        &json,
        "plain-english/reading-ease",
        "content/a.md:4:1",
        "shorter",
    );
    assert!(
        d["message"].as_str().unwrap().contains("needs 50 or more"),
        "{d}"
    );
    assert_eq!(json["scores"][0]["rules"], "plain-english");
    assert_eq!(json["scores"][0]["printed_pages"], Value::Null);
}

// ------------------------------------------------------------- settings

#[test]
fn thresholds_from_site_yaml_change_the_outcome() {
    let (site, _) = easy_site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncheck:\n  easy_read:\n    max_sentence_words: 20\n    max_paragraph_sentences: 4\n    explained: [DWP]\n    avoid: { facilitate: ~, bring: take }\n  rules:\n    easy-read/pictures: off\n    easy-read/italics: error\n",
    );
    let (run, json) = check_json(&site, &[]);
    for gone in [
        "easy-read/sentence-length",
        "easy-read/paragraph-length",
        "easy-read/pictures",
    ] {
        assert!(
            of_rule(&json, gone).is_empty(),
            "{gone}: {}",
            summary(&json)
        );
    }
    let abbreviations = of_rule(&json, "easy-read/abbreviations");
    assert!(
        abbreviations
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("DWP")),
        "{}",
        summary(&json)
    );
    let avoid: Vec<String> = of_rule(&json, "easy-read/words-to-avoid")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert!(avoid.iter().all(|m| !m.contains("facilitate")), "{avoid:?}");
    assert!(avoid.iter().any(|m| m.contains("Bring")), "{avoid:?}");
    let italics = of_rule(&json, "easy-read/italics");
    assert_eq!(italics[0]["severity"], "error");
    assert!(!run.success, "a rule set to error fails the check");
}

#[test]
fn plain_english_thresholds_from_site_yaml() {
    let site = new_site();
    let long = "This sentence for the professionals who run the programme goes on for a great deal longer than it needs to, with more words than anyone needs to read.";
    site.write("content/a.md", &page_text(&format!("{long}\n")));
    site.write(
        "site.yaml",
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\ncheck:\n  plain_english:\n    max_sentence_words: 30\n",
    );
    let (_, json) = check_json(&site, &[]);
    assert!(
        of_rule(&json, "plain-english/sentence-length").is_empty(),
        "{}",
        summary(&json)
    );
}

#[test]
fn an_unknown_check_key_is_an_error_at_its_line() {
    let (site, _) = easy_site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncheck:\n  easy_read:\n    max_sentence_word: 20\n",
    );
    let run = site.check(&[]);
    assert!(!run.success, "an error fails the check");
    assert!(
        run.stdout.contains("--> site.yaml:5:"),
        "the error names site.yaml's line 5:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("did you mean `max_sentence_words`?"),
        "{}",
        run.stdout
    );

    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncheck:\n  rules:\n    easy-read/picture: off\n",
    );
    let (run, json) = check_json(&site, &[]);
    assert!(!run.success);
    let errors: Vec<Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{}", summary(&json));
    assert_eq!(place(&errors[0]), "site.yaml:5:5");
    assert_eq!(errors[0]["hint"], "did you mean `easy-read/pictures`?");
}

// -------------------------------------------------------------- coverage

#[test]
fn the_coverage_table_shows_each_audience_version_fallback_or_none() {
    let site = new_site();
    site.page("a.md", "title: A", "Hello.\n");
    site.page("a.carer.md", "title: A for carers", "Hello.\n");
    site.page(
        "agreement.md",
        "title: Agreement\nkind: contract\naudiences: [professional]",
        "Sign here.\n",
    );
    site.page("carers-only.carer.md", "title: Only", "Hello.\n");
    let (run, json) = check_json(&site, &[]);
    assert!(run.success, "{}", run.stdout);
    let coverage = &json["coverage"];
    assert_eq!(
        coverage["audiences"],
        serde_json::json!(["professional", "carer", "easy-read"])
    );
    let row = |page: &str| {
        coverage["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["page"] == page)
            .unwrap_or_else(|| panic!("a row for {page}: {coverage}"))
            .clone()
    };
    assert_eq!(
        row("content/a.md")["audiences"],
        serde_json::json!({"professional": "base", "carer": "variant", "easy-read": "base"})
    );
    let agreement = row("content/agreement.md");
    assert_eq!(
        agreement["audiences"],
        serde_json::json!({"professional": "base", "carer": "fallback", "easy-read": "fallback"})
    );
    assert_eq!(agreement["kind"], "contract");
    assert_eq!(agreement["printable"], true);
    assert_eq!(
        row("content/carers-only.md")["audiences"],
        serde_json::json!({"professional": "none", "carer": "variant", "easy-read": "none"})
    );
    assert_eq!(
        row("content/_index.md")["audiences"],
        serde_json::json!({"professional": "generated", "carer": "generated", "easy-read": "generated"})
    );

    // The printable agreement has no easy-read version: a warning at its kind.
    let d = assert_one(
        &json,
        "coverage/easy-read",
        "content/agreement.md:3:1",
        "agreement.easy-read.md",
    );
    assert!(d["hint"].as_str().unwrap().contains("`audiences`"), "{d}");
    assert_eq!(
        of_rule(&json, "coverage/easy-read").len(),
        1,
        "{}",
        summary(&json)
    );

    // The text report has the same table.
    let text = site.check(&[]).stdout;
    let table = text
        .split("Audience coverage")
        .nth(1)
        .expect("a coverage table");
    let line = table
        .lines()
        .find(|l| l.starts_with("content/agreement.md"))
        .expect("a line for the agreement");
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "content/agreement.md",
            "contract",
            "base",
            "fallback",
            "fallback"
        ]
    );
}

// ------------------------------------------------------------- languages

/// A site in English and Welsh with the three built-in audiences.
fn welsh_site() -> TestSite {
    let site = TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg }\n");
    site.write("content/pen.svg", SVG);
    site
}

/// A sentence of 30 words, too long for plain English.
const LONG: &str = "This sentence for the professionals who run the programme goes on for a great deal longer than it needs to, with more words than anyone would ever need to read.";

#[test]
fn coverage_covers_every_language_and_warns_of_pages_not_in_one() {
    let site = welsh_site();
    site.page("guide/a.md", "title: A", "Hello.\n");
    site.page("guide/a.cy.md", "title: A", "Helo.\n");
    site.page("guide/english-only.md", "title: E", "Hello.\n");
    // A contract with an easy-read version in English, but none in Welsh.
    site.page(
        "guide/agreement.md",
        "title: Agreement\nkind: contract\naudiences: [professional, carer]",
        "Sign here.\n",
    );
    site.page(
        "guide/agreement.easy-read.md",
        "title: Agreement",
        "Sign here.\n",
    );
    site.page(
        "guide/agreement.cy.md",
        "title: Cytundeb",
        "Llofnodwch yma.\n",
    );
    let (run, json) = check_json(&site, &[]);
    assert!(run.success, "{}", run.stdout);
    let coverage = &json["coverage"];
    assert_eq!(
        coverage["languages"],
        serde_json::json!([
            {"id": "en-GB", "label": "English"},
            {"id": "cy", "label": "Cymraeg"}
        ])
    );
    let row = |page: &str| {
        coverage["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["page"] == page)
            .unwrap_or_else(|| panic!("a row for {page}: {coverage}"))
            .clone()
    };
    let english_only = row("content/guide/english-only.md");
    assert_eq!(
        english_only["audiences"],
        serde_json::json!({"professional": "base", "carer": "base", "easy-read": "base"})
    );
    assert_eq!(
        english_only["languages"]["cy"]["audiences"],
        serde_json::json!({"professional": "untranslated", "carer": "untranslated", "easy-read": "untranslated"})
    );
    assert_eq!(
        row("content/guide/agreement.md")["languages"]["cy"]["audiences"],
        serde_json::json!({"professional": "base", "carer": "base", "easy-read": "fallback"})
    );

    // One warning for the page with no Welsh version, naming the file to write.
    let d = assert_one(
        &json,
        "coverage/language",
        "content/guide/english-only.md:1:1",
        "content/guide/english-only.cy.md",
    );
    assert_eq!(
        d["message"],
        "this page has no `cy` version, so readers of Cymraeg get the English page"
    );
    assert_eq!(
        of_rule(&json, "coverage/language").len(),
        1,
        "{}",
        summary(&json)
    );
    // One for the contract with no Welsh easy-read version.
    let d = assert_one(
        &json,
        "coverage/easy-read",
        "content/guide/agreement.cy.md:1:1",
        "content/guide/agreement.easy-read.cy.md",
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("no `easy-read` version in `cy`"),
        "{d}"
    );
    assert_eq!(
        of_rule(&json, "coverage/easy-read").len(),
        1,
        "{}",
        summary(&json)
    );

    // The text report has a table for each language.
    let text = site.check(&[]).stdout;
    let welsh = text.split("Cymraeg (cy)").nth(1).expect("a Welsh table");
    let line = welsh
        .lines()
        .find(|l| l.starts_with("content/guide/english-only.md"))
        .expect("a Welsh line for the page");
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        [
            "content/guide/english-only.md",
            "page",
            "untranslated",
            "untranslated",
            "untranslated"
        ]
    );
    assert!(text.contains("English (en-GB)\n"), "{text}");
}

#[test]
fn the_reading_rules_run_on_english_pages_only_and_the_report_says_so() {
    let site = welsh_site();
    site.page(
        "a.md",
        "title: A\naudiences: [professional]",
        &format!("{LONG}\n"),
    );
    site.page("a.cy.md", "title: A", &format!("{LONG}\n"));
    let (run, json) = check_json(&site, &[]);
    assert!(run.success, "{}", run.stdout);
    let found = of_rule(&json, "plain-english/sentence-length");
    assert_eq!(found.len(), 1, "{}", summary(&json));
    assert_eq!(found[0]["file"], "content/a.md");

    let scores = json["scores"].as_array().unwrap();
    let welsh: Vec<&Value> = scores.iter().filter(|s| s["language"] == "cy").collect();
    assert_eq!(welsh.len(), 1, "{scores:?}");
    assert_eq!(welsh[0]["file"], "content/a.cy.md");
    assert_eq!(welsh[0]["rules"], "none");
    assert_eq!(welsh[0]["reading_ease"], Value::Null);
    assert_eq!(welsh[0]["judged"], false);
    let english = scores.iter().find(|s| s["language"] == "en-GB").unwrap();
    assert_eq!(english["rules"], "plain-english");
    assert_eq!(
        json["reading_rules_not_run"],
        serde_json::json!([{"language": "cy", "label": "Cymraeg", "versions": 1}])
    );

    let text = site.check(&[]).stdout;
    assert!(
        text.contains(
            "Reading rules were not run on 1 page version in cy (Cymraeg): they are made for English."
        ),
        "{text}"
    );
    let header = text
        .lines()
        .find(|l| l.starts_with("file "))
        .expect("a score table");
    assert!(header.contains("language"), "{header}");
}

#[test]
fn a_broken_link_in_a_welsh_file_is_reported_at_its_place() {
    let site = welsh_site();
    site.page("a.md", "title: A", "Hello.\n");
    let text = page_text("Helo.\n\nGweler [y dudalen](missing.md).\n");
    site.write("content/a.cy.md", &text);
    let (run, json) = check_json(&site, &[]);
    assert!(!run.success);
    let errors: Vec<Value> = diagnostics(&json)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(!errors.is_empty(), "{}", summary(&json));
    // Where the build places a broken link in any file: at the `(`.
    let (line, column) = find(&text, "Gweler", "(missing.md)");
    for d in &errors {
        assert_eq!(place(d), format!("content/a.cy.md:{line}:{column}"), "{d}");
        assert!(d["message"].as_str().unwrap().contains("missing.md"), "{d}");
    }

    // And so do the CI formats, with the new rules as titles.
    let github = site.check(&["--format", "github"]).stdout;
    assert!(
        github.contains(&format!(
            "::error file=content/a.cy.md,line={line},col={column}::"
        )),
        "{github}"
    );
    let gitlab: Value =
        serde_json::from_str(&site.check(&["--format", "gitlab"]).stdout).expect("GitLab JSON");
    assert!(
        gitlab
            .as_array()
            .unwrap()
            .iter()
            .any(|issue| issue["location"]["path"] == "content/a.cy.md"),
        "{gitlab}"
    );
}

#[test]
fn the_coverage_rule_for_languages_shows_in_the_ci_formats() {
    let site = welsh_site();
    site.page("a.md", "title: A", "Hello.\n");
    let github = site.check(&["--format", "github"]).stdout;
    assert!(
        github.contains("::warning file=content/a.md,line=1,col=1,title=coverage/language::"),
        "{github}"
    );
    let gitlab: Value =
        serde_json::from_str(&site.check(&["--format", "gitlab"]).stdout).expect("GitLab JSON");
    assert!(
        gitlab
            .as_array()
            .unwrap()
            .iter()
            .any(|issue| issue["check_name"] == "coverage/language"),
        "{gitlab}"
    );
}

#[test]
fn a_site_in_one_language_reports_no_language_fields() {
    let site = new_site();
    site.page("a.md", "title: A", &format!("{LONG}\n"));
    let (_, json) = check_json(&site, &[]);
    assert!(json.get("reading_rules_not_run").is_none(), "{json}");
    assert!(json["coverage"].get("languages").is_none(), "{json}");
    for row in json["coverage"]["pages"].as_array().unwrap() {
        assert!(row.get("languages").is_none(), "{row}");
    }
    for score in json["scores"].as_array().unwrap() {
        assert!(score.get("language").is_none(), "{score}");
    }
    assert!(of_rule(&json, "coverage/language").is_empty());
    let text = site.check(&[]).stdout;
    assert!(text.contains("Audience coverage\n\npage "), "{text}");
    assert!(!text.contains("untranslated") && !text.contains("Reading rules were not run"));
    let header = text.lines().find(|l| l.starts_with("file ")).unwrap();
    assert!(!header.contains("language"), "{header}");
}

// ---------------------------------------------------------- the reports

#[test]
fn the_json_report_has_diagnostics_coverage_and_scores() {
    let (site, _) = easy_site();
    let (_, json) = check_json(&site, &[]);
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], diagnostics(&json).len());
    for d in diagnostics(&json) {
        for key in [
            "severity", "file", "line", "column", "message", "hint", "rule",
        ] {
            assert!(d.get(key).is_some(), "{key} in {d}");
        }
        let message = d["message"].as_str().unwrap();
        assert!(
            !message.ends_with(']'),
            "the rule is apart from the message: {message}"
        );
    }
    let score = &json["scores"][0];
    assert_eq!(score["file"], "content/a.easy-read.md");
    assert_eq!(score["url"], "/easy-read/a/");
    assert_eq!(score["audience"], "easy-read");
    assert_eq!(score["rules"], "easy-read");
    assert!(score["words"].as_u64().unwrap() > 50);
    assert!(score["reading_ease"].is_f64());
    assert_eq!(score["min_reading_ease"], 70.0);
    assert!(json["coverage"]["pages"].is_array());
}

#[test]
fn the_text_report_has_problems_then_coverage_then_scores() {
    let (site, _) = easy_site();
    let run = site.check(&[]);
    let text = &run.stdout;
    let problems = text.find("warning: ").expect("problems");
    let coverage = text.find("Audience coverage").expect("coverage");
    let scores = text.find("Readability").expect("scores");
    assert!(problems < coverage && coverage < scores, "{text}");
    assert!(
        text.contains("[easy-read/pictures]\n  --> content/a.easy-read.md:6:1\n   = hint: "),
        "{text}"
    );
    let row = text[scores..]
        .lines()
        .find(|l| l.starts_with("content/a.easy-read.md"))
        .expect("a score for the page");
    assert!(row.contains("easy-read"), "{row}");
    assert!(text.trim_end().ends_with("0 errors, 15 warnings"), "{text}");
}

#[test]
fn exit_status_is_1_with_errors_0_with_warnings_and_1_with_deny_warnings() {
    let (site, _) = easy_site();
    assert!(site.check(&[]).success, "warnings only exit 0");
    assert!(!site.check(&["--deny-warnings"]).success, "--deny-warnings");

    let clean = new_site();
    clean.write(
        "site.yaml",
        &format!(
            "title: T\norganisation: O\naudiences:\n  professional: {{ label: Staff }}\n{NO_STATEMENT_RULE}"
        ),
    );
    clean.write("content/a.md", &page_text("Hello.\n"));
    assert!(
        clean.check(&["--deny-warnings"]).success,
        "no warnings at all"
    );

    // A broken link is an error, as in a build.
    clean.write(
        "content/b.md",
        &page_text("See [the missing page](missing.md).\n"),
    );
    let (run, json) = check_json(&clean, &[]);
    assert!(!run.success, "errors exit 1");
    let error = diagnostics(&json)
        .into_iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert_eq!(place(&error), "content/b.md:4:23");
    assert_eq!(error["rule"], Value::Null);
}

#[test]
fn a_site_that_cannot_be_read_still_reports_in_json() {
    let site = TestSite::new();
    site.write("site.yaml", "title: T\n");
    let (run, json) = check_json(&site, &[]);
    assert!(!run.success);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["diagnostics"][0]["file"], "site.yaml");
}

// ---------------------------------------------------------------- PDFs

#[test]
fn links_to_pdfs_resolve_when_pdfs_are_made() {
    let site = new_site();
    site.page("_index.md", "title: Home", "Sign [the agreement](resources/agreement/agreement.pdf) or see [every PDF](/downloads/).\n");
    site.page(
        "resources/agreement.md",
        "title: Agreement\nkind: contract",
        "Sign.\n",
    );
    let (run, json) = check_json(&site, &["--pdf"]);
    assert!(run.success, "{}", summary(&json));
    let (run, json) = check_json(&site, &[]);
    assert!(!run.success, "without PDFs the link goes nowhere");
    assert!(
        summary(&json).contains("content/_index.md:4:"),
        "{}",
        summary(&json)
    );
}

// ------------------------------------------------------------- external

/// A web server on 127.0.0.1 that answers `/ok` with 200, `/gone` with
/// 404, `/no-head` with 405 to HEAD and 200 to GET, `/broken` with 500,
/// and records every request line.
fn serve() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    match reader.read_line(&mut header) {
                        Ok(0) | Err(_) => break,
                        Ok(_) if header.trim().is_empty() => break,
                        Ok(_) => {}
                    }
                }
                let mut parts = request.split_whitespace();
                let method = parts.next().unwrap_or_default().to_string();
                let path = parts.next().unwrap_or_default().to_string();
                log.lock().unwrap().push(format!("{method} {path}"));
                let status = match (method.as_str(), path.as_str()) {
                    (_, "/ok") => "200 OK",
                    (_, "/gone") => "404 Not Found",
                    ("HEAD", "/no-head") => "405 Method Not Allowed",
                    (_, "/no-head") => "200 OK",
                    (_, "/broken") => "500 Internal Server Error",
                    _ => "404 Not Found",
                };
                let body = if method == "HEAD" { "" } else { "hello" };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    (port, seen)
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn external_links_are_checked_only_with_external() {
    let (port, seen) = serve();
    let closed = closed_port();
    let site = new_site();
    let body = format!(
        "See [a page](http://127.0.0.1:{port}/ok) and [a gone page](http://127.0.0.1:{port}/gone).\n\n\
         A page that refuses HEAD: <http://127.0.0.1:{port}/no-head>.\n\n\
         - [Broken](http://127.0.0.1:{port}/broken)\n- [Nobody home](http://127.0.0.1:{closed}/)\n\n\
         [Gone again](http://127.0.0.1:{port}/gone)\n"
    );
    site.write("content/a.md", &page_text(&body));
    site.write(
        "site.yaml",
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n",
    );

    let (run, json) = check_json(&site, &[]);
    assert!(run.success);
    assert!(of_rule(&json, "links/external").is_empty());
    assert!(
        seen.lock().unwrap().is_empty(),
        "no requests without --external"
    );

    let (run, json) = check_json(&site, &["--external"]);
    assert!(run.success, "broken external links are warnings");
    let found = of_rule(&json, "links/external");
    let gone = format!("http://127.0.0.1:{port}/gone");
    let at = |needle: &str, nth: usize| {
        let text = page_text(&body);
        let offset = text.match_indices(needle).nth(nth).unwrap().0;
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        format!("content/a.md:{line}:{column}")
    };
    let d = assert_one(&json, "links/external", &at(&gone, 0), "moved");
    assert!(d["message"].as_str().unwrap().contains("404"), "{d}");
    assert_one(&json, "links/external", &at(&gone, 1), "moved");
    let d = assert_one(
        &json,
        "links/external",
        &at(&format!("http://127.0.0.1:{port}/broken"), 0),
        "down",
    );
    assert!(d["message"].as_str().unwrap().contains("500"), "{d}");
    let d = assert_one(
        &json,
        "links/external",
        &at(&format!("http://127.0.0.1:{closed}/"), 0),
        "typing",
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("could not be reached"),
        "{d}"
    );
    assert_eq!(found.len(), 4, "{}", summary(&json));

    let seen = seen.lock().unwrap().clone();
    assert!(seen.contains(&"HEAD /ok".to_string()), "{seen:?}");
    assert!(
        !seen.contains(&"GET /ok".to_string()),
        "HEAD is enough: {seen:?}"
    );
    assert!(
        seen.contains(&"GET /no-head".to_string()),
        "GET after 405: {seen:?}"
    );
    assert_eq!(
        seen.iter().filter(|s| s.ends_with("/gone")).count(),
        1,
        "each address is asked once: {seen:?}"
    );
}

#[test]
fn an_external_link_that_does_not_answer_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accept and say nothing.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let site = new_site();
    site.write(
        "content/a.md",
        &page_text(&format!("[Slow](http://127.0.0.1:{port}/slow)\n")),
    );
    let started = std::time::Instant::now();
    let (_, json) = check_json(&site, &["--external"]);
    assert!(started.elapsed().as_secs() < 20, "the timeout is short");
    let found = of_rule(&json, "links/external");
    assert_eq!(found.len(), 1, "{}", summary(&json));
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("no answer within 5 seconds"),
        "{}",
        found[0]
    );
}

// --------------------------------------------------------- example pack

#[test]
fn the_example_pack_checks_without_errors_or_warnings() {
    let site = TestSite::example();
    // On a day when none of its pages is due for review and within a year
    // of its accessibility statement's review (2026-11-23): as the
    // calendar moves on, its dates fall due, as a council's would.
    let (run, json) = check_json(&site, &["--today", "2026-12-05"]);
    // The pack is a council's first sight of signpost: it meets every rule.
    assert!(diagnostics(&json).is_empty(), "{}", summary(&json));
    assert!(run.success);
    // Every page version is scored, and every English easy-read page is
    // held to easy read; the Welsh pages to no English rules.
    let scores = json["scores"].as_array().unwrap();
    assert!(scores.len() > 30, "{}", scores.len());
    assert!(scores
        .iter()
        .filter(|s| s["audience"] == "easy-read" && s["language"] != "cy")
        .all(|s| s["rules"] == "easy-read"));
    assert!(scores
        .iter()
        .filter(|s| s["language"] == "cy")
        .all(|s| s["rules"] == "none"));
    assert!(scores.iter().any(|s| s["language"] == "cy"));
    // Every printable page has an easy-read version.
    assert!(
        of_rule(&json, "coverage/easy-read").is_empty(),
        "{}",
        summary(&json)
    );
}

#[test]
fn a_welsh_page_missing_the_carer_text_the_english_has_is_a_coverage_warning() {
    let site = TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg }\n");
    site.page("guide/prepare.md", "title: Prepare", "For everyone.")
        .page("guide/prepare.carer.md", "title: Prepare", "For carers.")
        .page("guide/prepare.cy.md", "title: Paratoi", "I bawb.")
        .page("guide/review.md", "title: Review", "For everyone.")
        .page("guide/review.carer.md", "title: Review", "For carers.")
        .page("guide/review.cy.md", "title: Adolygu", "I bawb.")
        .page("guide/review.carer.cy.md", "title: Adolygu", "I ofalwyr.");
    let (_, json) = check_json(&site, &[]);
    let d = assert_one(
        &json,
        "coverage/language",
        "content/guide/prepare.cy.md:1:1",
        "content/guide/prepare.carer.cy.md",
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("has a `carer` version in English but not in Cymraeg"),
        "{d}"
    );
    // The page with its Welsh carer text has no such warning.
    assert!(of_rule(&json, "coverage/language")
        .iter()
        .all(|d| !place(d).contains("review")));
}
