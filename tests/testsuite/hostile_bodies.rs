//! Hostile page bodies: what a pull request could put in a page to read the
//! build machine, exhaust it or crash signpost. Each one is an error at its
//! file:line:column, with exit status 1 (never 101, never a signal), the
//! output folder untouched, and the same error from `signpost check`.

use crate::harness::tree::files;
use crate::harness::TestSite;

// ---------------------------------------------------------------- helpers

/// What one run of `signpost` left: its exit code and what it printed.
struct Outcome {
    code: Option<i32>,
    /// Standard error then standard output: `check` prints its report on
    /// standard output.
    stderr: String,
}

/// Runs `signpost COMMAND --root SITE`, with a secret in its environment.
fn run(site: &TestSite, command: &str) -> Outcome {
    let root = site.root().to_str().unwrap();
    let run = site.run_with_env(&[command, "--root", root], &[("SECRET_TOKEN", SECRET)]);
    Outcome {
        code: run.code,
        stderr: run.stderr + &run.stdout,
    }
}

/// A value no page may ever show.
const SECRET: &str = "s3cr3t-value-of-the-build-machine";

/// A site whose site.yaml has a few params, and which was built once with
/// a harmless page so that its output folder exists.
fn built_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\nparams:\n  zero: 0\n  sessions_min: 4\n  \
         names: [Asha, Ben, Cai]\n",
    );
    site.page("x.md", "title: X", "Harmless.\n");
    site.build_ok(&[]);
    site
}

/// Asserts that a run failed cleanly with `message` at `place`.
#[track_caller]
fn assert_refused(outcome: &Outcome, command: &str, place: &str, message: &str) {
    assert_eq!(
        outcome.code,
        Some(1),
        "`signpost {command}` should exit with 1:\n{}",
        outcome.stderr
    );
    let expected = format!("error: {message}\n  --> {place}\n");
    assert!(
        outcome.stderr.contains(&expected),
        "`signpost {command}` should say {expected:?}:\n{}",
        outcome.stderr
    );
    for crash in ["panicked", "fault in signpost itself", "overflowed", SECRET] {
        assert!(
            !outcome.stderr.contains(crash),
            "`signpost {command}` printed {crash:?}:\n{}",
            outcome.stderr
        );
    }
}

/// Puts `body` in `content/x.md` (its first line is line 4 of the file) of
/// a site built before, and asserts that `build` and `check` both refuse it
/// with `message` at `place`, leaving the output as it was.
#[track_caller]
fn assert_body_refused(body: &str, place: &str, message: &str) {
    let site = built_site();
    let before = files(&site.output(""));
    site.page("x.md", "title: X", body);
    assert_refused(&run(&site, "build"), "build", place, message);
    assert_eq!(files(&site.output("")), before, "the output folder changed");
    assert_refused(&run(&site, "check"), "check", place, message);
}

// ------------------------------------------------- what a page can reach

#[test]
fn a_page_cannot_read_the_environment() {
    assert_body_refused(
        "Token: {{ get_env(name=\"SECRET_TOKEN\") }}\n",
        "content/x.md:4:11",
        "a page cannot read the build machine's environment",
    );
}

#[test]
fn a_page_cannot_read_the_environment_even_with_a_default() {
    assert_body_refused(
        "Intro.\n\n{{ get_env(name=\"SECRET_TOKEN\", default=\"none\") | upper }}\n",
        "content/x.md:6:4",
        "a page cannot read the build machine's environment",
    );
}

#[test]
fn a_page_cannot_read_the_clock() {
    assert_body_refused(
        "Built {{ now() }}.\n",
        "content/x.md:4:10",
        "a page cannot read the clock: the same files always build the same site",
    );
}

#[test]
fn a_page_cannot_include_a_file() {
    assert_body_refused(
        "Intro.\n{% include \"../../etc/passwd\" %}\n",
        "content/x.md:5:1",
        "`{% include %}` is not allowed in a page: a page cannot include other files",
    );
}

#[test]
fn a_page_cannot_import_macros() {
    assert_body_refused(
        "{% import \"macros.html\" as m %}\nText.\n",
        "content/x.md:4:1",
        "`{% import %}` is not allowed in a page: a page cannot import macros from other files",
    );
}

#[test]
fn a_page_cannot_extend_a_template() {
    assert_body_refused(
        "{% extends \"base.html\" %}\n",
        "content/x.md:4:1",
        "`{% extends %}` is not allowed in a page: a page cannot extend a template: its layout comes from its theme",
    );
}

#[test]
fn a_recursive_macro_is_refused_before_it_can_recurse() {
    assert_body_refused(
        "Intro.\n\n{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}{{ self::f(n=1) }}\n",
        "content/x.md:6:1",
        "`{% macro %}` is not allowed in a page: a page cannot define macros",
    );
}

#[test]
fn a_page_cannot_define_blocks() {
    assert_body_refused(
        "Intro.\n  {%- block main -%}x{% endblock %}\n",
        "content/x.md:5:3",
        "`{% block %}` is not allowed in a page: a page cannot have blocks: they belong in theme templates",
    );
}

#[test]
fn a_page_cannot_define_or_call_components() {
    assert_body_refused(
        "Intro.\n{% component card(title) %}{{ title }}{% endcomponent %}\n",
        "content/x.md:5:1",
        "`{% component %}` is not allowed in a page: a page cannot define components: they belong in theme templates",
    );
    assert_body_refused(
        "{% <card(title=\"x\")> %}text{% </card> %}\n",
        "content/x.md:4:1",
        "a page cannot call components: they belong in theme templates",
    );
}

#[test]
fn a_list_made_with_for_inside_brackets_is_refused() {
    // Its rounds would not be counted: loops inside it multiply unseen.
    assert_body_refused(
        "Intro.\n\n{{ [x for x in range(end=10000)] | length }}\n",
        "content/x.md:6:1",
        "a list made with `for` inside `[…]` is not available in a page",
    );
}

#[test]
fn a_name_that_is_not_set_is_an_error_even_joined_with_a_tilde() {
    assert_body_refused(
        "Intro.\n\nCall {{ \"us on \" ~ params.phon }} today.\n",
        "content/x.md:6:20",
        "`params.phon` is not set",
    );
}

// ----------------------------------------------------------------- limits

#[test]
fn a_huge_range_is_refused_at_its_place() {
    assert_body_refused(
        "{{ range(end=200000000) }}\n",
        "content/x.md:4:10",
        "`range` here would give 200000000 numbers; it may give at most 10000",
    );
    assert_body_refused(
        "{% for i in range(end=3) %}{{ i }}{% endfor %}\n{% for i in range(end=200000000) %}{{ i }}{% endfor %}\n",
        "content/x.md:5:19",
        "`range` here would give 200000000 numbers; it may give at most 10000",
    );
}

#[test]
fn a_range_that_never_ends_is_refused() {
    assert_body_refused(
        "{% for i in range(end=10, step_by=0) %}{% endfor %}\n",
        "content/x.md:4:19",
        "`step_by` in `range` cannot be 0",
    );
}

#[test]
fn ranges_are_bounded_in_all_per_page() {
    assert_body_refused(
        "{% for i in range(end=100) %}{% set r = range(end=10000) %}{% endfor %}\n",
        "content/x.md:4:47",
        "the `range` calls of this page give more than 100000 numbers in all",
    );
}

#[test]
fn loops_inside_loops_over_params_lists_are_bounded() {
    // Eleven loops over a list of three go round 3^11 = 177,147 times in
    // the innermost loop alone. The error names the loop whose round is the
    // 100,001st of the page: the one over `i`, on line 13.
    let names = "abcdefghijk";
    let opening: String = names
        .chars()
        .map(|name| format!("{{% for {name} in params.names %}}\n"))
        .collect();
    let body = format!(
        "Intro.\n{opening}.\n{}\n",
        "{% endfor %}".repeat(names.len())
    );
    assert_body_refused(
        &body,
        "content/x.md:13:4",
        "the `{% for %}` loops of this page go round more than 100000 times in all",
    );
}

#[test]
fn a_body_expanding_past_ten_megabytes_is_refused() {
    let line = "x".repeat(1_100);
    assert_body_refused(
        &format!("{{% for i in range(end=10000) %}}{line}\n{{% endfor %}}\n"),
        "content/x.md:4:4",
        "this page's text comes to more than 10 MB once its values are filled in",
    );
}

#[test]
fn text_doubled_in_a_loop_is_stopped() {
    assert_body_refused(
        "{% set_global s = \"xxxxxxxx\" %}\n{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}\n",
        "content/x.md:5:29",
        "`{% set %}` here keeps more than 10 MB of text",
    );
}

#[test]
fn a_replace_that_multiplies_text_is_stopped_before_it_runs() {
    let mut body = "{% set s = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" %}\n".to_string();
    for _ in 0..6 {
        body.push_str("{% set s = s | replace(from=\"x\", to=s) %}\n");
    }
    assert_body_refused(
        &body,
        "content/x.md:7:16",
        "the filter `replace` here makes more than 10 MB of text",
    );
}

#[test]
fn blocks_nested_too_deep_are_refused_where_they_go_too_deep() {
    let body = "{% if true %}\n".repeat(40) + &"{% endif %}\n".repeat(40);
    assert_body_refused(
        &body,
        "content/x.md:36:1",
        "more than 32 blocks are open inside one another here",
    );
}

#[test]
fn a_tag_with_a_long_chain_of_operators_is_refused() {
    let chain = vec!["1"; 1_000].join(" + ");
    assert_body_refused(
        &format!("Intro.\n\nSum: {{{{ {chain} }}}}\n"),
        "content/x.md:6:6",
        "this tag has more than 100 operators, brackets and commas",
    );
    let brackets = format!("{}1{}", "(".repeat(500), ")".repeat(500));
    assert_body_refused(
        &format!("{{{{ {brackets} }}}}\n"),
        "content/x.md:4:1",
        "this tag has more than 100 operators, brackets and commas",
    );
}

// -------------------------------------------------------------- no panic

#[test]
fn an_empty_block_tag_is_an_unclosed_tag_not_a_crash() {
    assert_body_refused(
        "Intro.\n{%}\n",
        "content/x.md:5:1",
        "`{%` is not closed with `%}`",
    );
}

#[test]
fn a_number_too_large_for_tera_is_an_error_not_a_crash() {
    let huge = "9".repeat(400);
    assert_body_refused(
        &format!("{{{{ {huge}.0 }}}}\n"),
        "content/x.md:4:1",
        "a number here is too large to work with",
    );
    assert_body_refused(
        &format!("Sum: {{{{ 1.5 * {huge}.0 }}}}\n"),
        "content/x.md:4:6",
        "a number here is too large to work with",
    );
}

#[test]
fn integer_overflow_is_said_without_rust_types() {
    let huge = "9".repeat(40);
    assert_body_refused(
        &format!("Big: {{{{ {huge} }}}}\n"),
        "content/x.md:4:9",
        &format!("the number `{huge}` is too large to work with"),
    );
    assert_body_refused(
        "Big: {{ 9223372036854775807 * 9223372036854775807 * 9223372036854775807 }}\n",
        "content/x.md:4:9",
        "a number here is too large to work with",
    );
}

#[test]
fn odd_tags_build_or_fail_cleanly_never_crash() {
    let odd = [
        "{{}}",
        "{#",
        "{% if %}",
        "{%-%}",
        "{",
        "{{ \u{1F600} }}",
        "{% for %}",
        "{{ x[ }}",
        "{% set %}",
        "{{ 1 + }}",
        "{% endraw %}",
        "{% raw %}",
        "{{ \"\\\" }}",
        "{% break %}",
    ];
    let site = built_site();
    for body in odd {
        site.page(
            "x.md",
            "title: X",
            &format!("Intro.\n{body}\n{}\n", "y".repeat(20_000)),
        );
        let outcome = run(&site, "build");
        assert!(
            outcome.code == Some(0)
                || (outcome.code == Some(1) && outcome.stderr.contains("--> content/x.md")),
            "{body:?} was not handled:\n{}",
            outcome.stderr
        );
        assert!(
            !outcome.stderr.contains("panicked"),
            "{body:?}:\n{}",
            outcome.stderr
        );
        assert!(
            !outcome.stderr.contains("fault in signpost"),
            "{body:?}:\n{}",
            outcome.stderr
        );
    }
}

// ------------------------------------------------------------ arithmetic

#[test]
fn a_remainder_by_zero_is_an_error_at_its_place() {
    assert_body_refused(
        "Intro.\n\nLeft: {{ 5 % 0 }}\n",
        "content/x.md:6:12",
        "division by zero",
    );
}

#[test]
fn a_division_by_zero_is_an_error_not_nan_or_inf() {
    assert_body_refused(
        "Each: {{ 1 / 0 }}\n",
        "content/x.md:4:12",
        "division by zero",
    );
    assert_body_refused(
        "Each: {{ 10 / params.zero }}\n",
        "content/x.md:4:13",
        "division by zero",
    );
}

// ---------------------------------------------- what a page may still do

#[test]
fn every_documented_feature_still_builds_the_same() {
    let site = built_site();
    site.page(
        "x.md",
        "title: X\nextra:\n  form_code: F-12",
        "## Matching {#matching}\n\n\
         {# a note for editors #}\
         At least {{ params.sessions_min }} sessions, {{ page.title | lower }}, {{ page.extra.form_code }}.\n\n\
         {% if audience == \"easy-read\" %}Easy.{% elif audience == \"carer\" %}Carer.{% else %}Other.{% endif %}\n\n\
         {% set first = params.names | first %}{% set greeting = \"Hello\" ~ \" \" ~ first %}{{ greeting }}.\n\n\
         {% for name in params.names %}{{ loop.index }}={{ name }} {% endfor %}\n\n\
         {% for i in range(start=1, end=4) %}{{ i }}{% endfor %} {{ 7 / 2 }} {{ 7 % 3 }} {{ params.nope | default(value=\"TBC\") }}\n\n\
         {% filter upper %}shout{% endfilter %} {% raw %}{{ not a value }}{% endraw %}\n\n\
         {% for id, a in site.audiences %}{{ a.label }};{% endfor %}\n\n\
         {{ field(label=\"Name\") }}\n",
    );
    site.build_ok(&[]);
    let html = crate::harness::html::decode(&site.read("x/index.html"));
    for expected in [
        "id=\"matching\"",
        "At least 4 sessions, x, F-12.",
        "Other.",
        "Hello Asha.",
        "1=Asha 2=Ben 3=Cai",
        "123 3.5 1 TBC",
        "SHOUT {{ not a value }}",
        "For professionals;For carers and families;Easy read;",
        "<label for=\"field_name\">Name</label>",
    ] {
        assert!(html.contains(expected), "{expected:?} is not in:\n{html}");
    }
    assert!(!html.contains("a note for editors"));
    let easy = crate::harness::html::decode(&site.read("easy-read/x/index.html"));
    assert!(easy.contains("Easy."), "{easy}");
}

#[test]
fn throw_stops_the_build_with_the_page_s_own_words_at_its_place() {
    assert_body_refused(
        "Intro.\n\n{% if not params.dates %}{{ throw(message=\"Fill in the dates\") }}{% endif %}\n",
        "content/x.md:6:29",
        "Fill in the dates",
    );
}

#[test]
fn lists_doubled_in_a_loop_are_stopped() {
    assert_body_refused(
        "{% set_global a = [1] %}\n{% for i in range(end=40) %}{% set_global a = [a, a] %}{% endfor %}\n",
        "content/x.md:5:29",
        "`{% set %}` here keeps a list of more than about 100000 items",
    );
    assert_body_refused(
        "{% set_global a = [1] %}\n{% for i in range(end=40) %}{% set_global a = a | concat(with=a) %}{% endfor %}\n",
        "content/x.md:5:51",
        "the filter `concat` here makes a list of more than about 100000 items",
    );
}

#[test]
fn lists_put_inside_lists_in_a_loop_are_stopped_before_the_stack_overflows() {
    assert_body_refused(
        "Intro.\n{% set_global a = [1] %}{% for i in range(end=5000) %}{% set_global a = [a] %}{% endfor %}\n",
        "content/x.md:5:55",
        "lists here are put inside one another more than 32 deep",
    );
}

#[test]
fn text_gathered_inside_a_filter_section_is_bounded() {
    let big = "{% set s = \"xxxxxxxxxx\" | replace(from=\"x\", to=\"xxxxxxxxxx\") | replace(from=\"x\", to=\"xxxxxxxxxx\") \
               | replace(from=\"x\", to=\"xxxxxxxxxx\") | replace(from=\"x\", to=\"xxxxxxxxxx\") %}";
    assert_body_refused(
        &format!("{big}\n{{% filter length %}}{{% for i in range(end=10000) %}}{{{{ s }}}}{{% endfor %}}{{% endfilter %}}\n"),
        "content/x.md:5:51",
        "this page's text comes to more than 10 MB once its values are filled in",
    );
}
