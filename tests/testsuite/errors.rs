//! Broken sites: every error the content format (docs/content.md) names is
//! reported with the file, the line (and column where known) and the
//! problem; a failed build leaves the output as it was; and no input,
//! however odd, makes signpost panic.

use crate::harness::diagnostics::{assert_diagnostic, assert_error, error_count};
use crate::harness::tree::snapshot;
use crate::harness::{Run, TestSite};

// ---------------------------------------------------------------- helpers

/// A site whose only page is `content/PATH`.
fn site_with_page(path: &str, front: &str, body: &str) -> TestSite {
    let site = TestSite::new();
    site.page(path, front, body);
    site
}

/// A site with this site.yaml and one good page.
fn site_with_yaml(yaml: &str) -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", yaml);
    site.page("a.md", "title: A", "Hello.\n");
    site
}

/// Builds with `args`, expecting failure with one error at `at` mentioning
/// every one of `words`; returns the messages.
#[track_caller]
fn fails_at(site: &TestSite, args: &[&str], at: &str, words: &[&str]) -> String {
    let stderr = site.build_fails(args);
    assert_error(&stderr, at, words);
    stderr
}

/// Asserts that a build did not crash: it succeeded, or it failed naming
/// `file` in a readable error and the summary line.
#[track_caller]
fn assert_handled(run: &Run, file: &str) {
    for crash in [
        "panicked",
        "RUST_BACKTRACE",
        "fault in signpost",
        "overflowed its stack",
    ] {
        assert!(
            !run.stderr.contains(crash),
            "signpost crashed:\n{}",
            run.stderr
        );
    }
    if !run.success {
        assert_error(&run.stderr, file, &[]);
        assert!(
            run.stderr.contains("Build failed with"),
            "no summary line:\n{}",
            run.stderr
        );
    }
}

/// Builds a site whose only page is `content/a.md` with these bytes, and
/// asserts that signpost handles it.
#[track_caller]
fn assert_page_bytes_handled(bytes: &[u8]) {
    let site = TestSite::new();
    std::fs::write(site.root().join("content/a.md"), bytes).unwrap();
    assert_handled(&site.build(&[]), "content/a.md");
}

// -------------------------------------------------------------- site.yaml

#[test]
fn a_site_without_site_yaml_says_so() {
    let site = TestSite::new();
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    fails_at(&site, &[], "site.yaml", &["site.yaml"]);
}

#[test]
fn a_yaml_syntax_error_in_site_yaml_names_its_line() {
    let site = site_with_yaml("title: Test pack\norganisation: Test Council\nlanguage: en-GB: x\n");
    fails_at(&site, &[], "site.yaml:3:", &[]);
}

#[test]
fn a_misspelt_key_in_site_yaml_names_its_line_and_suggests_the_right_one() {
    let site = site_with_yaml("title: Test pack\norganisation: Test Council\nlanguge: en-GB\n");
    fails_at(
        &site,
        &[],
        "site.yaml:3:1",
        &["languge", "did you mean `language`"],
    );
}

#[test]
fn site_yaml_without_a_title_says_title_is_missing() {
    let site = site_with_yaml("organisation: Test Council\n");
    fails_at(&site, &[], "site.yaml", &["title"]);
}

#[test]
fn site_yaml_without_an_organisation_says_organisation_is_missing() {
    let site = site_with_yaml("title: Test pack\n");
    fails_at(&site, &[], "site.yaml", &["organisation"]);
}

#[test]
fn an_audience_that_is_not_a_built_in_theme_needs_a_theme() {
    let site = site_with_yaml(
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n  youth: { label: Young people }\n",
    );
    fails_at(&site, &[], "site.yaml:5:", &["youth", "theme"]);
}

#[test]
fn an_audience_id_in_capitals_is_not_valid() {
    let site = site_with_yaml(
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n  Carer: { label: Carers, theme: carer }\n",
    );
    fails_at(&site, &[], "site.yaml:5:", &["Carer", "lowercase"]);
}

#[test]
fn a_default_audience_that_is_not_listed_is_an_error() {
    let site = site_with_yaml(
        "title: T\norganisation: O\ndefault_audience: carers\naudiences:\n  professional: { label: Staff }\n  carer: { label: Carers }\n",
    );
    fails_at(&site, &[], "site.yaml:3:", &["carers", "default_audience"]);
}

#[test]
fn an_unknown_key_in_an_audience_entry_names_its_line() {
    let site = site_with_yaml(
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n  carer:\n    label: Carers\n    colour: red\n",
    );
    fails_at(&site, &[], "site.yaml:7:", &["colour"]);
}

#[test]
fn an_audience_entry_without_a_label_is_an_error() {
    let site = site_with_yaml(
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n  carer: { theme: carer }\n",
    );
    fails_at(&site, &[], "site.yaml:5:", &["label"]);
}

#[test]
fn an_unknown_key_in_contact_names_its_line_and_suggests_the_right_one() {
    let site = site_with_yaml(
        "title: T\norganisation: O\ncontact:\n  name: Team\n  emial: team@example.org\n",
    );
    fails_at(
        &site,
        &[],
        "site.yaml:5:",
        &["emial", "did you mean `email`"],
    );
}

// ------------------------------------------------------------ brand

/// A site whose site.yaml ends with `brand` (the rest of its lines), and
/// that has `static/logo.svg`.
fn site_with_brand(brand: &str) -> TestSite {
    let site = site_with_yaml(&format!("title: T\norganisation: O\n{brand}"));
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site
}

#[test]
fn a_brand_colour_white_text_cannot_be_read_on_gives_its_ratio_and_a_darker_shade() {
    let site = site_with_brand("brand:\n  colour: \"#ffcc00\"\n");
    let stderr = fails_at(
        &site,
        &[],
        "site.yaml:4:3",
        &[
            "brand.colour #ffcc00 gives 1.5:1 contrast with white text; it needs at least 4.5:1",
            "darker shade",
        ],
    );
    assert!(
        stderr.contains("(4.5:1)"),
        "the hint's shade passes: {stderr}"
    );
    // Just short of 4.5:1 (#777777 is 4.48:1) is not shown as 4.5:1.
    let grey = site_with_brand("brand: { colour: \"#777\" }\n");
    fails_at(&grey, &[], "site.yaml:3:", &["#777 gives 4.4:1"]);
}

#[test]
fn a_brand_colour_that_is_not_hex_is_an_error_at_its_line() {
    let site = site_with_brand("brand:\n  logo: /logo.svg\n  colour: dark green\n");
    fails_at(
        &site,
        &[],
        "site.yaml:5:3",
        &["`dark green` is not a hex colour"],
    );
}

#[test]
fn an_unquoted_brand_colour_is_read_by_yaml_as_a_comment_and_the_hint_says_to_quote_it() {
    let site = site_with_brand("brand:\n  colour: #00594f\n");
    fails_at(
        &site,
        &[],
        "site.yaml:4:3",
        &["brand.colour has no value", "colour: \"#00594f\""],
    );
}

#[test]
fn a_brand_logo_that_is_not_a_file_of_the_site_names_the_path() {
    let site = site_with_brand("brand:\n  logo: /images/crest.png\n");
    fails_at(
        &site,
        &[],
        "site.yaml:4:3",
        &["/images/crest.png", "static/images/crest.png"],
    );
    let outside = site_with_brand("brand:\n  logo: /../site.yaml\n");
    fails_at(
        &outside,
        &[],
        "site.yaml:4:3",
        &["not an address inside the site"],
    );
}

#[test]
fn an_unknown_key_in_brand_names_its_line_and_suggests_the_right_one() {
    let site = site_with_brand("brand:\n  logo: /logo.svg\n  color: \"#00594f\"\n");
    fails_at(
        &site,
        &[],
        "site.yaml:5:",
        &["color", "did you mean `colour`"],
    );
}

#[test]
fn an_empty_brand_logo_alt_is_an_error() {
    let site = site_with_brand("brand:\n  logo: /logo.svg\n  logo_alt: \"\"\n");
    fails_at(&site, &[], "site.yaml:5:3", &["brand.logo_alt is empty"]);
}

#[test]
fn a_theme_that_does_not_exist_is_named_with_its_line() {
    let site = site_with_yaml(
        "title: T\norganisation: O\naudiences:\n  professional: { label: Staff }\n  youth: { label: Young people, theme: sparkly }\n",
    );
    fails_at(&site, &[], "site.yaml:5:", &["sparkly"]);
}

#[test]
fn params_may_hold_any_keys() {
    let site = site_with_yaml(
        "title: T\norganisation: O\nparams:\n  anything: 1\n  nested: { deep: [1, 2] }\n",
    );
    site.build_ok(&[]);
}

#[test]
fn a_site_without_a_content_folder_says_so() {
    let site = TestSite::new();
    std::fs::remove_dir(site.root().join("content")).unwrap();
    fails_at(&site, &[], "content", &["content"]);
}

// ------------------------------------------------------------------ pages

#[test]
fn a_page_without_front_matter_says_so() {
    let site = TestSite::new();
    site.write("content/guide/a.md", "# Hello\n\nNo front-matter here.\n");
    fails_at(&site, &[], "content/guide/a.md", &["front-matter"]);
}

#[test]
fn a_yaml_syntax_error_in_front_matter_names_the_line_in_the_file() {
    let site = site_with_page("guide/a.md", "title: A\nsummary: one: two", "Body\n");
    fails_at(&site, &[], "content/guide/a.md:3:", &[]);
}

#[test]
fn a_misspelt_front_matter_key_names_file_line_and_key() {
    let site = site_with_page("guide/a.md", "title: A\nkind: page\ntitel: B", "Body\n");
    fails_at(
        &site,
        &[],
        "content/guide/a.md:4:1",
        &["titel", "did you mean `title`"],
    );
}

#[test]
fn a_page_without_a_title_says_title_is_missing() {
    let site = site_with_page("guide/a.md", "summary: No title here.", "Body\n");
    fails_at(&site, &[], "content/guide/a.md", &["title"]);
}

#[test]
fn a_variant_with_no_base_page_needs_its_own_title() {
    let site = site_with_page("guide/a.carer.md", "summary: For carers only.", "Body\n");
    fails_at(&site, &[], "content/guide/a.carer.md", &["title"]);
}

#[test]
fn a_variant_may_inherit_its_title_from_the_base_page() {
    let site = site_with_page("guide/a.md", "title: Getting ready", "Base.\n");
    site.page("guide/a.carer.md", "summary: For carers.", "Carer words.\n");
    site.build_ok(&[]);
    let html = site.read("carer/guide/a/index.html");
    assert!(
        html.contains("Getting ready"),
        "the carer version has the base title:\n{html}"
    );
    assert!(
        html.contains("Carer words."),
        "the carer version has its own body"
    );
}

#[test]
fn an_unknown_kind_names_its_line_and_the_kinds() {
    let site = site_with_page("a.md", "title: A\nkind: leaflet", "Body\n");
    fails_at(&site, &[], "content/a.md:3:", &["leaflet", "poster"]);
}

#[test]
fn an_unknown_paper_size_names_its_line_and_the_sizes() {
    let site = site_with_page("a.md", "title: A\npaper: A2", "Body\n");
    fails_at(&site, &[], "content/a.md:3:", &["A2", "A4"]);
}

#[test]
fn an_unknown_orientation_names_its_line_and_the_choices() {
    let site = site_with_page("a.md", "title: A\norientation: sideways", "Body\n");
    fails_at(&site, &[], "content/a.md:3:", &["sideways", "landscape"]);
}

#[test]
fn audiences_naming_an_unknown_audience_is_an_error() {
    let site = site_with_page(
        "a.md",
        "title: A\naudiences: [professional, carers]",
        "Body\n",
    );
    fails_at(&site, &[], "content/a.md:3:", &["carers"]);
}

// ---------------------------------------------------------------- clashes

#[test]
fn two_pages_at_the_same_url_through_a_slug_name_both_files() {
    let site = site_with_page("guide/a.md", "title: A\nslug: b", "A\n");
    site.page("guide/b.md", "title: B", "B\n");
    let stderr = site.build_fails(&[]);
    assert_diagnostic(
        &stderr,
        "error",
        &["content/guide/a.md", "content/guide/b.md", "/guide/b/"],
    );
}

#[test]
fn a_page_and_a_section_of_the_same_name_name_both_files() {
    let site = site_with_page("guide.md", "title: Guide page", "A\n");
    site.page("guide/_index.md", "title: Guide section", "B\n");
    let stderr = site.build_fails(&[]);
    assert_diagnostic(
        &stderr,
        "error",
        &["content/guide.md", "content/guide/_index.md"],
    );
}

#[test]
fn a_top_level_page_named_after_an_audience_is_an_error() {
    let site = site_with_page("easy-read.md", "title: Easy read", "A\n");
    fails_at(&site, &[], "content/easy-read.md", &["easy-read"]);
}

#[test]
fn a_top_level_folder_named_after_an_audience_is_an_error() {
    let site = site_with_page("carer/x.md", "title: X", "A\n");
    fails_at(&site, &[], "content/carer/x.md", &["carer"]);
}

#[test]
fn a_downloads_page_is_an_error_only_while_pdfs_are_made() {
    let site = site_with_page("downloads.md", "title: Downloads", "A\n");
    site.build_ok(&[]);
    fails_at(&site, &["--pdf"], "content/downloads.md", &["downloads"]);
}

#[test]
fn a_downloads_page_for_one_audience_is_an_error_while_pdfs_are_made() {
    let site = site_with_page("downloads.carer.md", "title: Downloads", "A\n");
    fails_at(
        &site,
        &["--pdf"],
        "content/downloads.carer.md",
        &["downloads"],
    );
}

#[test]
fn a_downloads_folder_is_an_error_while_pdfs_are_made() {
    let site = site_with_page("downloads/forms.md", "title: Forms", "A\n");
    site.build_ok(&[]);
    fails_at(
        &site,
        &["--pdf"],
        "content/downloads/forms.md",
        &["downloads"],
    );
}

#[test]
fn pdf_true_in_site_yaml_reserves_downloads_too() {
    let site = site_with_page("downloads.md", "title: Downloads", "A\n");
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\npdf: true\n",
    );
    fails_at(&site, &[], "content/downloads.md", &["downloads"]);
}

#[test]
fn a_slug_that_makes_an_audience_url_is_an_error() {
    let site = site_with_page("people.md", "title: People\nslug: carer", "A\n");
    fails_at(&site, &[], "content/people.md", &["carer"]);
}

#[test]
fn a_section_slug_that_makes_an_audience_url_is_an_error() {
    let site = site_with_page("people/_index.md", "title: People\nslug: easy-read", "A\n");
    fails_at(&site, &[], "content/people/_index.md", &["easy-read"]);
}

#[test]
fn a_slug_that_makes_the_downloads_url_is_an_error_while_pdfs_are_made() {
    let site = site_with_page("files.md", "title: Files\nslug: downloads", "A\n");
    site.build_ok(&[]);
    fails_at(&site, &["--pdf"], "content/files.md", &["downloads"]);
}

#[test]
fn the_same_file_in_static_and_content_names_both() {
    let site = site_with_page("a.md", "title: A", "A\n");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let stderr = site.build_fails(&[]);
    assert_diagnostic(&stderr, "error", &["static/logo.svg", "content/logo.svg"]);
}

// --------------------------------------------------------------- variants

#[test]
fn a_file_name_with_a_dot_that_is_not_an_audience_suggests_a_hyphen() {
    let site = site_with_page("guide/prepare.md", "title: Prepare", "A\n");
    site.page("guide/prepare.easyread.md", "title: Prepare", "A\n");
    fails_at(
        &site,
        &[],
        "content/guide/prepare.easyread.md",
        &["easyread", "prepare-easyread.md"],
    );
}

#[test]
fn a_variant_may_not_set_audiences() {
    let site = site_with_page("a.md", "title: A", "A\n");
    site.page(
        "a.carer.md",
        "title: A for carers\naudiences: [carer]",
        "A\n",
    );
    fails_at(&site, &[], "content/a.carer.md:3:", &["audiences"]);
}

#[test]
fn a_variant_may_not_set_slug() {
    let site = site_with_page("a.md", "title: A", "A\n");
    site.page("a.carer.md", "title: A for carers\nslug: for-carers", "A\n");
    fails_at(&site, &[], "content/a.carer.md:3:", &["slug"]);
}

#[test]
fn a_variant_that_changes_the_kind_must_suit_it_even_with_inherited_keys() {
    let site = site_with_page(
        "tree.md",
        "title: Tree\nkind: activity\nactivity: tree-of-life\ntree:\n  roots: Where you come from",
        "Draw.\n",
    );
    site.page("tree.easy-read.md", "kind: poster", "A poster.\n");
    // The base page is a fine activity; the variant is the file to change,
    // so the error must name it (as its place or in its message).
    let stderr = site.build_fails(&[]);
    assert_diagnostic(
        &stderr,
        "error",
        &["content/tree.easy-read.md", "`tree`", "poster"],
    );
}

// ------------------------------------------------------------- activities

#[test]
fn an_activity_without_activity_says_which_to_add() {
    let site = site_with_page("a.md", "title: A\nkind: activity", "A\n");
    fails_at(
        &site,
        &[],
        "content/a.md",
        &["activity:", "worksheet", "tree-of-life"],
    );
}

#[test]
fn a_tree_of_life_without_tree_is_an_error() {
    let site = site_with_page(
        "a.md",
        "title: A\nkind: activity\nactivity: tree-of-life",
        "A\n",
    );
    fails_at(&site, &[], "content/a.md", &["tree"]);
}

#[test]
fn a_worksheet_with_tree_names_the_line_of_tree() {
    let site = site_with_page(
        "a.md",
        "title: A\nkind: activity\nactivity: worksheet\ntree:\n  roots: R",
        "A\n",
    );
    fails_at(&site, &[], "content/a.md:5:", &["tree", "worksheet"]);
}

#[test]
fn activity_keys_on_an_ordinary_page_are_each_named_with_their_line() {
    let site = site_with_page(
        "a.md",
        "title: A\nactivity: worksheet\nduration: 30 minutes\ntree:\n  roots: R",
        "A\n",
    );
    let stderr = fails_at(&site, &[], "content/a.md:3:", &["activity"]);
    assert_error(&stderr, "content/a.md:4:", &["duration"]);
    assert_error(&stderr, "content/a.md:5:", &["tree"]);
}

#[test]
fn an_unknown_tree_part_names_its_line() {
    let site = site_with_page(
        "a.md",
        "title: A\nkind: activity\nactivity: tree-of-life\ntree:\n  roots: R\n  sky: S",
        "A\n",
    );
    fails_at(&site, &[], "content/a.md:7:", &["sky"]);
}

// ------------------------------------------------------- links and images

#[test]
fn a_link_to_a_missing_page_names_its_line() {
    let site = site_with_page(
        "guide/a.md",
        "title: A",
        "Intro.\n\nSee [the next step](missing.md).\n",
    );
    fails_at(&site, &[], "content/guide/a.md:6:", &["missing.md"]);
}

#[test]
fn the_same_broken_link_written_twice_is_placed_at_each() {
    let site = site_with_page(
        "guide/a.md",
        "title: A",
        "See [the plan](missing.md).\n\nIntro.\n\nAgain, [the plan](missing.md).\n",
    );
    let stderr = fails_at(&site, &[], "content/guide/a.md:4:15", &["missing.md"]);
    assert_error(&stderr, "content/guide/a.md:8:18", &["missing.md"]);
}

/// The template pass took lines out above the links, so the Markdown read
/// is shorter than the file: each problem is still placed at its own line
/// of the file, even where the same text is written twice or the address
/// is not written in the link.
#[test]
fn broken_links_below_an_if_that_took_lines_out_are_placed_at_their_lines() {
    let site = site_with_page(
        "guide/a.md",
        "title: A",
        "{% if audience == \"nobody\" %}\nGone.\n\nAlso gone.\n{% endif %}\n\
         See [the plan](missing.md).\n\nAgain, [the plan](missing.md).\n\n\
         And [the plan][plan].\n\n![A map](map.png)\n\n[plan]: missing.md\n",
    );
    let stderr = fails_at(&site, &[], "content/guide/a.md:9:15", &["missing.md"]);
    assert_error(&stderr, "content/guide/a.md:11:18", &["missing.md"]);
    assert_error(&stderr, "content/guide/a.md:13:5", &["missing.md"]);
    assert_error(&stderr, "content/guide/a.md:15:9", &["map.png"]);
}

#[test]
fn a_link_to_a_missing_heading_on_another_page_names_its_line() {
    let site = site_with_page("a.md", "title: A", "Intro.\n\nSee [B](b.md#nope).\n");
    site.page("b.md", "title: B", "## Yes\n");
    fails_at(&site, &[], "content/a.md:6:", &["nope"]);
}

#[test]
fn a_link_to_a_missing_heading_on_the_same_page_names_its_line() {
    let site = site_with_page("a.md", "title: A", "## Here\n\nSee [above](#nope).\n");
    fails_at(&site, &[], "content/a.md:6:", &["nope"]);
}

#[test]
fn a_link_to_a_draft_is_an_error_unless_drafts_are_built() {
    let site = site_with_page("a.md", "title: A", "Intro.\n\nSee [B](b.md).\n");
    site.page("b.md", "title: B\ndraft: true", "Not yet.\n");
    fails_at(&site, &[], "content/a.md:6:", &["b.md", "draft"]);
    site.build_ok(&["--drafts"]);
}

#[test]
fn a_draft_may_link_to_another_draft() {
    let site = site_with_page("a.md", "title: A\ndraft: true", "See [B](b.md).\n");
    site.page("b.md", "title: B\ndraft: true", "Not yet.\n");
    site.page("c.md", "title: C", "Published.\n");
    site.build_ok(&[]);
}

#[test]
fn a_link_to_a_page_with_no_version_for_the_audience_is_an_error() {
    let site = site_with_page("a.md", "title: A\naudiences: [carer]", "For carers.\n");
    site.page("b.easy-read.md", "title: B", "Intro.\n\nSee [A](a.md).\n");
    fails_at(&site, &[], "content/b.easy-read.md:6:", &["a.md"]);
}

#[test]
fn a_missing_image_names_its_line() {
    let site = site_with_page("a.md", "title: A", "Intro.\n\n![A cat](cat.png)\n");
    fails_at(&site, &[], "content/a.md:6:", &["cat.png"]);
}

#[test]
fn an_image_without_alt_text_names_its_line() {
    let site = site_with_page("a.md", "title: A", "Intro.\n\n![](cat.svg)\n");
    site.write(
        "content/cat.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    fails_at(&site, &[], "content/a.md:6:", &["alt"]);
}

#[test]
fn a_missing_file_from_the_site_root_names_its_line() {
    let site = site_with_page(
        "guide/a.md",
        "title: A",
        "Intro.\n\n![Logo](/missing.svg)\n",
    );
    fails_at(&site, &[], "content/guide/a.md:6:", &["/missing.svg"]);
}

#[test]
fn a_path_that_climbs_out_of_content_names_its_line() {
    let site = site_with_page(
        "guide/a.md",
        "title: A",
        "Intro.\n\nSee [x](../../../x.md).\n",
    );
    fails_at(
        &site,
        &[],
        "content/guide/a.md:6:",
        &["../../../x.md", "outside"],
    );
}

#[test]
fn links_with_a_scheme_or_to_another_host_are_left_alone() {
    let links = [
        "http://example.org/a",
        "https://example.org/b",
        "mailto:team@example.org",
        "tel:+440100000000",
        "x:anything",
        "//example.org/c",
    ];
    let body: String = links.iter().map(|l| format!("[link]({l})\n\n")).collect();
    let site = site_with_page("a.md", "title: A", &body);
    site.build_ok(&[]);
    let html = site.read("a/index.html");
    for link in links {
        assert!(
            html.contains(&format!("href=\"{link}\"")),
            "{link} is left as written:\n{html}"
        );
    }
}

// ------------------------------------------------------------- shortcodes

#[test]
fn a_shortcode_with_an_unknown_argument_names_its_line() {
    let body = "{{ field(label=\"Name\") }}\n\n{{ field(label=\"A\", colour=\"red\") }}\n";
    let site = site_with_page("a.md", "title: A\nkind: contract", body);
    fails_at(&site, &[], "content/a.md:7:", &["colour", "field"]);
}

#[test]
fn a_shortcode_without_a_label_names_its_line() {
    let site = site_with_page("a.md", "title: A", "Intro.\n\n{{ field(lines=3) }}\n");
    fails_at(&site, &[], "content/a.md:6:", &["label"]);
}

#[test]
fn lines_on_a_date_shortcode_names_its_line() {
    let site = site_with_page(
        "a.md",
        "title: A",
        "Intro.\n\n{{ date(label=\"Date\", lines=2) }}\n",
    );
    fails_at(&site, &[], "content/a.md:6:", &["lines", "date"]);
}

// ------------------------------------------------------------------- Tera

#[test]
fn an_unknown_variable_names_its_line_in_the_file() {
    let site = site_with_page(
        "a.md",
        "title: A\nkind: page",
        "Intro.\n\nWe meet {{ params.nope }} times.\n",
    );
    fails_at(&site, &[], "content/a.md:7:", &["params.nope"]);
}

#[test]
fn an_if_without_endif_names_the_file_and_a_line() {
    let site = site_with_page(
        "a.md",
        "title: A",
        "Intro.\n\n{% if audience %}\nEasy words.\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(&stderr, "content/a.md:", &["endif"]);
}

#[test]
fn an_unknown_function_names_its_line() {
    let site = site_with_page(
        "a.md",
        "title: A",
        "Intro.\n\n{{ feild(label=\"Name\") }}\n",
    );
    fails_at(&site, &[], "content/a.md:6:", &["feild"]);
}

// --------------------------------------------------------- theme templates

/// A site whose `professional` theme has this `templates/page.html`.
fn site_with_page_template(template: &str) -> TestSite {
    let site = site_with_page("a.md", "title: A", "Hello.\n");
    site.write("themes/professional/templates/page.html", template);
    site
}

#[test]
fn a_broken_theme_template_names_its_file_line_and_column() {
    let site = site_with_page_template(
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title </p>\n{% endblock main %}\n",
    );
    fails_at(
        &site,
        &[],
        "themes/professional/templates/page.html:3:18",
        &["template error"],
    );
}

#[test]
fn a_template_extending_a_missing_one_names_both() {
    let site =
        site_with_page_template("{# A page of our own. #}\n{% extends \"nothere.html\" %}\n");
    fails_at(
        &site,
        &[],
        "themes/professional/templates/page.html:2:12",
        &["nothere.html"],
    );
}

#[test]
fn a_template_including_a_missing_partial_names_its_line() {
    let site = site_with_page("a.md", "title: A", "Hello.\n");
    site.write(
        "themes/professional/templates/partials/footer.html",
        "<footer>\n{% include \"partials/socials.html\" %}\n</footer>\n",
    );
    fails_at(
        &site,
        &[],
        "themes/professional/templates/partials/footer.html:2:12",
        &["partials/socials.html"],
    );
}

#[test]
fn a_template_using_an_unknown_value_names_it_and_the_page() {
    let site = site_with_page_template(
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.nosuch }}\n\
         {% block heading %}{% endblock heading %}\
         {% block before_content %}{% endblock before_content %}\
         {% block after_content %}{% endblock after_content %}{% endblock main %}\n",
    );
    fails_at(
        &site,
        &[],
        "themes/professional/templates/page.html:3:9",
        &[
            "nosuch",
            "while rendering the generated home page and 1 other page",
        ],
    );
}

#[test]
fn an_unknown_value_in_an_included_partial_names_the_partial_once_for_all_pages() {
    let site = site_with_page("a.md", "title: A", "Hello.\n");
    site.page("b.md", "title: B", "Hello.\n");
    site.page("c.md", "title: C", "Hello.\n");
    site.write(
        "themes/professional/templates/partials/footer.html",
        "<footer>\n<p>{{ site.contact.emial }}</p>\n</footer>\n",
    );
    let stderr = fails_at(
        &site,
        &[],
        "themes/professional/templates/partials/footer.html:2:",
        &[
            "emial",
            // a.md, b.md, c.md, the 404 page, the accessibility statement
            // and the privacy notice.
            "while rendering the generated home page and 6 other pages",
        ],
    );
    assert_eq!(
        error_count(&stderr),
        1,
        "one error for every page:\n{stderr}"
    );
}

#[test]
fn a_replaced_template_without_a_block_others_fill_says_which_to_keep() {
    let site = site_with_page_template(
        "{% extends \"base.html\" %}\n{% block main %}{{ page.content | safe }}{% endblock main %}\n",
    );
    let stderr = site.build_fails(&[]);
    assert_error(
        &stderr,
        "themes/base/templates/contract.html (built in):2:",
        &["before_content", "keep the block"],
    );
}

// --------------------------------------------------------------- warnings

#[test]
fn empty_content_is_a_warning_and_builds_a_home_page() {
    let site = TestSite::new();
    let run = site.build_ok(&[]);
    assert_diagnostic(&run.stderr, "warning", &["content"]);
    assert!(
        site.read("index.html").contains("Test pack"),
        "the generated home page names the site"
    );
}

// ------------------------------------------------------ the build as whole

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let site = site_with_page("a.md", "title: A\ntitel: B", "A\n");
    site.page(
        "b.md",
        "title: B",
        "See [one](nope.md).\n\nSee [two](gone.md).\n",
    );
    site.page("guide/c.md", "title: C", "![A cat](cat.png)\n");
    site.page(
        "guide/d.md",
        "title: D\nkind: contract",
        "{{ field(colour=\"red\", label=\"X\") }}\n",
    );
    site.page("e.md", "title: E\nkind: activity", "E\n");
    let stderr = site.build_fails(&[]);
    assert_error(&stderr, "content/a.md:3:", &["titel"]);
    assert_error(&stderr, "content/b.md:4:", &["nope.md"]);
    assert_error(&stderr, "content/b.md:6:", &["gone.md"]);
    assert_error(&stderr, "content/guide/c.md:4:", &["cat.png"]);
    assert_error(&stderr, "content/guide/d.md:5:", &["colour"]);
    assert_error(&stderr, "content/e.md", &["activity"]);
    assert_eq!(error_count(&stderr), 6, "one error per problem:\n{stderr}");
}

#[test]
fn a_failed_build_leaves_everything_byte_for_byte() {
    let site = site_with_page(
        "_index.md",
        "title: Home",
        "Welcome. See [A](guide/a.md).\n",
    );
    site.page("guide/_index.md", "title: Guide", "The guide.\n");
    site.page("guide/a.md", "title: A", "Hello.\n");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok(&[]);
    assert!(site.exists("guide/a/index.html"));

    site.page(
        "guide/a.md",
        "title: A\ntitel: B",
        "Hello [x](missing.md).\n",
    );
    let before = snapshot(site.root());
    fails_at(&site, &[], "content/guide/a.md:3:", &["titel"]);
    let after = snapshot(site.root());
    let changed: Vec<&std::path::PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert!(
        changed.is_empty(),
        "a failed build changed or added {changed:?}"
    );
}

#[test]
fn a_first_build_that_fails_makes_no_output_folder() {
    let site = site_with_page("a.md", "title: A\ntitel: B", "A\n");
    let before = snapshot(site.root());
    fails_at(&site, &[], "content/a.md:3:", &["titel"]);
    assert_eq!(
        snapshot(site.root()),
        before,
        "a failed build wrote something"
    );
}

// ----------------------------------------------------------- never panics

#[test]
fn binary_garbage_in_a_page_does_not_crash() {
    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert_page_bytes_handled(&garbage);
}

#[test]
fn invalid_utf8_after_good_front_matter_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: A\n---\nCaf\xe9 \xff\xfe\n");
}

#[test]
fn an_empty_page_does_not_crash() {
    assert_page_bytes_handled(b"");
}

#[test]
fn a_page_that_is_only_a_dashed_line_does_not_crash() {
    assert_page_bytes_handled(b"---\n");
}

#[test]
fn front_matter_that_is_a_list_does_not_crash() {
    assert_page_bytes_handled(b"---\n- title\n- A\n---\nBody\n");
}

#[test]
fn front_matter_that_is_plain_text_does_not_crash() {
    assert_page_bytes_handled(b"---\nJust some words\n---\nBody\n");
}

#[test]
fn a_title_that_is_a_list_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: [1, 2]\n---\nBody\n");
}

#[test]
fn a_weight_that_is_a_word_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: A\nweight: \"heavy\"\n---\nBody\n");
}

#[test]
fn deeply_nested_extra_does_not_crash() {
    let depth = 5000;
    let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    assert_page_bytes_handled(format!("---\ntitle: A\nextra: {nested}\n---\nBody\n").as_bytes());
}

#[test]
fn an_open_tera_tag_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: A\n---\nHello {{\n");
}

#[test]
fn a_link_with_no_destination_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: A\n---\nSee [x]().\n");
}

#[test]
fn an_image_with_no_destination_does_not_crash() {
    assert_page_bytes_handled(b"---\ntitle: A\n---\n![A picture]()\n");
}

#[test]
fn a_two_megabyte_page_does_not_crash() {
    let paragraph = "Mentoring works both ways: each person learns from the other. ".repeat(16);
    let body = format!("{paragraph}\n\n").repeat(2 * 1024 * 1024 / (paragraph.len() + 2) + 1);
    assert_page_bytes_handled(format!("---\ntitle: A\n---\n{body}").as_bytes());
}
