//! The template dialect of page bodies, pinned: every body example in
//! docs/content.md, and the cases where template engines are known to
//! differ (`default`, a missing nested field inside `if`, how numbers
//! print, `list.0`, `{#id}` against comments), built into pages and
//! compared with the HTML recorded in tests/snapshots/body_dialect.html.
//!
//! A change to the template engine, or to how bodies are read, must keep
//! every one of these pages as it is. When a change is meant (say, a fix),
//! run `UPDATE_SNAPSHOTS=1 cargo test --test testsuite body_dialect::` and
//! read the difference in the snapshot file before committing it.

use crate::harness::TestSite;
use std::fmt::Write as _;
use std::path::Path;

/// The recorded HTML of every case.
const SNAPSHOT: &str = "tests/snapshots/body_dialect.html";

/// Values the cases use, beyond the example pack's own `params`.
const EXTRA_PARAMS: &str = "
  dialect_nested: { inner: { value: 7 } }
  dialect_list: [first, second, third]
  dialect_ratio: 2.0
  dialect_half: 0.5
  dialect_big: 1000000
  dialect_empty: \"\"
  dialect_false: false
  dialect_words: \"  mixed Case words  \"
  dialect_people: [{ name: Asha, role: mentor }, { name: Ben, role: mentee }]
";

/// Cases written for the known differences between engines, by name.
const CASES: &[(&str, &str)] = &[
    (
        "default-filter",
        "Missing: {{ page.extra.missing | default(value=\"none\") }}.\n\
         Empty: [{{ params.dialect_empty | default(value=\"filled\") }}].\n\
         False: {{ params.dialect_false | default(value=true) }}.\n\
         Set: {{ params.sessions_min | default(value=0) }}.\n",
    ),
    (
        "missing-nested-field-in-if",
        "{% if params.dialect_nested.inner.value %}value set{% endif %}\n\n\
         {% if page.extra.nothing %}extra set{% else %}no extra{% endif %}\n\n\
         {% if params.dialect_nested.inner.value == 7 %}seven{% endif %}\n",
    ),
    (
        "numbers",
        "Float: {{ params.dialect_ratio }}. Half: {{ params.dialect_half }}.\n\
         Sum: {{ params.sessions_min + params.sessions_max }}.\n\
         Product: {{ params.dialect_half * 4 }}. Quotient: {{ 7 / 2 }}.\n\
         Float sum: {{ 1.5 + 1.5 }}. Big: {{ params.dialect_big }}.\n\
         Comparison: {% if params.sessions_max > params.sessions_min %}more{% endif %}.\n",
    ),
    (
        "list-index",
        "Dot: {{ params.dialect_list.0 }}. Bracket: {{ params.dialect_list[1] }}.\n\
         Length: {{ params.dialect_list | length }}. Joined: {{ params.dialect_list | join(sep=\", \") }}.\n",
    ),
    (
        "heading-ids-and-comments",
        "## Matching {#matching}\n\n\
         {# a comment on its own line #}\n\n\
         Text {# an inline comment #} goes on.\n\n\
         ## With a class {#styled .note}\n\n\
         ## Not an id {# a comment #}\n",
    ),
    (
        "loops",
        "{% for item in params.dialect_list %}\n\
         - {{ loop.index }}. {{ item }}{% if loop.first %} (first){% endif %}{% if loop.last %} (last){% endif %}\n\
         {% endfor %}\n",
    ),
    (
        "set-and-concatenate",
        "{% set who = site.organisation ~ \" team\" %}Run by {{ who }}.\n",
    ),
    (
        "raw",
        "{% raw %}Write {{ params.sessions_min }} to show a value.{% endraw %}\n",
    ),
    (
        "whitespace-control",
        "Before\n{%- if true %}\nInside\n{%- endif %}\nAfter\n",
    ),
    (
        "tests-and-logic",
        "{% if params.dialect_list is defined and not params.dialect_false %}both{% endif %}\n\n\
         {% if audience == \"easy-read\" or audience == \"carer\" %}plain{% else %}professional{% endif %}\n\n\
         {% if \"second\" in params.dialect_list %}in the list{% endif %}\n\n\
         {% if params.sessions_min is odd %}odd{% else %}even{% endif %}\n",
    ),
    (
        "string-filters",
        "{{ params.dialect_words | trim }} / {{ params.dialect_words | upper }} / \
         {{ params.dialect_words | lower | trim }} / {{ params.dialect_words | title | trim }} / \
         {{ site.organisation | replace(from=\"Council\", to=\"council\") }} / \
         {{ params.frequency | capitalize }}\n",
    ),
    (
        "escaping",
        "{{ params.dialect_words }} & {{ \"<b>bold</b>\" }} and {{ \"<b>safe</b>\" | safe }}\n",
    ),
    (
        "page-and-site-values",
        "{{ page.title }} in {{ site.title }} for {{ audience }}: {{ site.contact.email }}\n",
    ),
    (
        "version-one-filters",
        "{{ params.dialect_list | concat(with=\"fourth\") | join(sep=\",\") }} / \
         {{ params.dialect_list | slice(start=1) | join(sep=\",\") }} / \
         {{ \"<b>bold</b> text\" | striptags }} / \
         {{ params.dialect_words | trim_start_matches(pat=\" \") }}| / \
         {{ params.dialect_people | map(attribute=\"name\") | join(sep=\", \") }} / \
         {{ params.dialect_people | filter(attribute=\"role\", value=\"mentee\") | length }} / \
         {{ params.dialect_list | json_encode }}\n",
    ),
    (
        "version-one-tests",
        "{% if params.dialect_list is containing(\"second\") %}has second{% endif %}, \
         {% if params.sessions_min is divisibleby(2) %}even count{% endif %}, \
         {% if site.contact is object %}a map{% endif %}, \
         {% if params.frequency is starting_with(\"every\") %}starts{% endif %}\n",
    ),
    (
        "whole-numbers-and-joins",
        "{{ 6 / 3 }} and {{ params.dialect_ratio * 2 }}; {{ \"Run by \" ~ site.organisation }}; \
         {{ \"a\nb\" | indent(prefix=\"> \") }}\n",
    ),
    (
        "shortcodes",
        "{{ field(label=\"Mentor's name\") }}\n\n\
         {{ date(label=\"Date of the meeting\") }}\n\n\
         {{ signature(label=\"Mentor signature\") }}\n\n\
         Useful? {{ checkbox(label=\"Yes\") }}\n",
    ),
];

/// The ```markdown examples of docs/content.md, numbered in order, each
/// without front-matter (the page gets its own).
fn doc_examples() -> Vec<(String, String)> {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"))
            .expect("docs/content.md");
    let mut examples = Vec::new();
    let mut current: Option<String> = None;
    for line in docs.lines() {
        let fence = line.trim_start();
        match &mut current {
            None if fence == "```markdown" => current = Some(String::new()),
            Some(text) if fence.starts_with("```") => {
                examples.push((
                    format!("docs-example-{}", examples.len() + 1),
                    body_of(text),
                ));
                current = None;
            }
            Some(text) => {
                text.push_str(line.trim_start());
                text.push('\n');
            }
            None => {}
        }
    }
    examples
}

/// A page's text without its front-matter.
fn body_of(page: &str) -> String {
    page.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(page, |(_, body)| body)
        .to_string()
}

/// Whom each case is written for: the professional and easy-read
/// audiences, whose themes it is rendered in (the pack shows easy-read
/// readers no page that is not written for them).
const WRITTEN_FOR: &str = "audiences: [professional, easy-read]";

/// The example pack, with each case as a page of its own under
/// content/dialect/.
fn site_with_cases(cases: &[(String, String)]) -> TestSite {
    let site = TestSite::example();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    // The site's own `params:` starts a line; a language's is indented.
    let yaml = yaml.replacen("\nparams:\n", &format!("\nparams:{EXTRA_PARAMS}"), 1);
    site.write("site.yaml", &yaml);
    // The docs' examples link to pages beside them.
    for sibling in ["evaluate", "implement"] {
        site.page(
            &format!("dialect/{sibling}.md"),
            &format!("title: {sibling}\n{WRITTEN_FOR}"),
            "## Matching\n\nText.\n",
        );
    }
    for (name, body) in cases {
        site.page(
            &format!("dialect/{name}.md"),
            &format!("title: Case {name}\n{WRITTEN_FOR}"),
            body,
        );
    }
    site
}

/// The body of a built page: what the theme puts in `<div class="content">`.
fn body_html(page: &str) -> &str {
    let start = page
        .find("<div class=\"content\">")
        .map(|at| at + "<div class=\"content\">".len())
        .expect("a page has a content block");
    // The theme indents the block's closing tag; body HTML starts its
    // lines at the margin.
    let inner = &page[start..];
    let end = inner
        .find("\n  </div>")
        .expect("the content block is closed");
    inner[..end].trim()
}

#[test]
fn bodies_render_as_recorded() {
    let mut cases: Vec<(String, String)> = CASES
        .iter()
        .map(|(name, body)| (name.to_string(), body.to_string()))
        .collect();
    cases.extend(doc_examples());
    assert!(
        cases.len() > CASES.len() + 5,
        "docs/content.md should have its ```markdown examples"
    );
    let site = site_with_cases(&cases);
    site.build_ok(&[]);
    let mut rendered = String::new();
    for (name, _) in &cases {
        for prefix in ["", "easy-read/"] {
            let path = format!("{prefix}dialect/{name}/index.html");
            if !site.exists(&path) {
                continue;
            }
            let page = site.read(&path);
            writeln!(rendered, "=== {path}\n{}\n", body_html(&page)).unwrap();
        }
    }
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &rendered).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&snapshot).unwrap_or_else(|e| {
        panic!("{SNAPSHOT} should exist ({e}); make it with UPDATE_SNAPSHOTS=1")
    });
    if rendered != recorded {
        let first_difference = rendered
            .lines()
            .zip(recorded.lines())
            .enumerate()
            .find(|(_, (new, old))| new != old)
            .map(|(line, (new, old))| {
                format!("line {}:\n  recorded: {old}\n  now:      {new}", line + 1)
            })
            .unwrap_or_else(|| "one is longer than the other".to_string());
        panic!("a page body renders differently from {SNAPSHOT}, first at {first_difference}");
    }
}
