//! Nothing outside the site is read, and mistakes are named in plain
//! words: links that leave the site, names that would drive a terminal,
//! curly quotes pasted from Word, file names that almost name a page or an
//! audience, raw HTML images, byte-order marks, and the YAML and reading
//! errors whose wording used to come straight from the libraries.

use crate::harness::diagnostics::{error_at, find};
use crate::harness::html::decode;
use crate::harness::TestSite;
use std::path::Path;

// ---------------------------------------------------------------- helpers

/// A site with one good page, `content/a.md`.
fn site() -> TestSite {
    let site = TestSite::new();
    site.page("a.md", "title: A", "Hello.\n");
    site
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    if !dir.exists() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            std::fs::read(entry.path())
                .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(needle))
        })
        .map(|entry| entry.path().display().to_string())
        .collect()
}

/// A folder outside the site holding `secret.txt` with `secret` in it, and
/// `assets/secret.txt` too (the shape of a theme).
fn private_folder(secret: &str) -> tempfile::TempDir {
    let private = tempfile::tempdir().unwrap();
    std::fs::write(private.path().join("secret.txt"), secret).unwrap();
    std::fs::create_dir(private.path().join("assets")).unwrap();
    std::fs::write(private.path().join("assets/secret.txt"), secret).unwrap();
    private
}

#[cfg(unix)]
fn link(target: impl AsRef<Path>, site: &TestSite, at: &str) {
    let at = site.root().join(at);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

// -------------------------------------------------------------- symlinks

#[cfg(unix)]
#[test]
fn a_link_to_the_build_machines_environment_fails_and_publishes_nothing() {
    let site = site();
    link("/proc/self/environ", &site, "content/env.txt");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/env.txt",
        &["content/env.txt is a link to /proc/self/environ, outside the site"],
    );
    assert!(
        !site.output("").exists(),
        "a failed first build wrote public/"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_private_folder_fails_and_leaves_the_last_output() {
    let site = site();
    site.build_ok(&[]);
    let private = private_folder("PRIVATE-4f1c");
    link(private.path(), &site, "static/private");
    let stderr = site.build_fails(&[]);
    let shown = format!("static/private is a link to {}", private.path().display());
    error_at(&stderr, "static/private", &[&shown, "outside the site"]);
    assert!(site.exists("a/index.html"), "the last output stays");
    assert_eq!(
        files_containing(&site.output(""), "PRIVATE-4f1c"),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_top_of_the_machine_is_not_walked() {
    let site = site();
    link("/", &site, "content/everything");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/everything",
        &["is a link to /, outside the site"],
    );
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "one error, for the link alone:\n{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_content_folder_that_is_a_link_outside_the_site_fails() {
    let site = TestSite::new();
    std::fs::remove_dir(site.root().join("content")).unwrap();
    let private = private_folder("PRIVATE-77aa");
    link(private.path(), &site, "content");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content",
        &["content is a link to", "outside the site"],
    );
}

#[cfg(unix)]
#[test]
fn a_site_yaml_that_is_a_link_outside_the_site_is_not_read() {
    let site = site();
    let private = private_folder("title: PRIVATE-91b2\norganisation: x\n");
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    link(private.path().join("secret.txt"), &site, "site.yaml");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "site.yaml",
        &["site.yaml is a link to", "outside the site"],
    );
    assert!(!stderr.contains("PRIVATE-91b2"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_theme_folder_that_is_a_link_outside_the_site_fails() {
    let site = site();
    let private = private_folder("PRIVATE-3c3c");
    link(private.path(), &site, "themes/professional");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "themes/professional",
        &["themes/professional is a link to", "outside the site"],
    );
    assert!(!site.output("").exists());
}

#[cfg(unix)]
#[test]
fn a_link_to_itself_is_a_loop_naming_the_link() {
    let site = site();
    link("loop.png", &site, "content/loop.png");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/loop.png",
        &["content/loop.png is a link to loop.png, which leads back to itself"],
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_that_holds_it_is_a_loop_naming_the_link() {
    let site = site();
    link("..", &site, "content/guide/up");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/guide/up",
        &["content/guide/up is a link to .., which leads back to itself"],
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_names_the_link() {
    let site = site();
    link("gone.png", &site, "content/cat.png");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/cat.png",
        &["content/cat.png is a link to gone.png, which does not exist"],
    );
}

#[cfg(unix)]
#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = TestSite::new();
    site.page("guide/a.md", "title: A", "![A cat](../pictures/cat.svg)\n");
    site.write(
        "shared/pictures/cat.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("shared/b.md", "---\ntitle: B\n---\nLinked page.\n");
    link("../shared/pictures", &site, "content/pictures");
    link("../shared/b.md", &site, "content/b.md");
    site.build_ok(&[]);
    assert!(site.read("pictures/cat.svg").contains("<svg"));
    assert!(site.read("b/index.html").contains("Linked page."));
    assert!(decode(&site.read("guide/a/index.html")).contains("src=\"../../pictures/cat.svg\""));
}

#[cfg(unix)]
#[test]
fn a_pipe_in_static_is_named_and_does_not_hang_the_build() {
    let site = site();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    let fifo = site.root().join("static/pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        println!("skipped: mkfifo is not installed");
        return;
    }
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "static/pipe",
        &["static/pipe is neither a file nor a folder"],
    );
}

// ----------------------------------------------------- control characters

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_escaped() {
    let site = site();
    site.write("content/x\u{1b}]0;owned\u{7}.MD", "# Hi\n");
    let stderr = site.build_fails(&[]);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    error_at(
        &stderr,
        "content/x\\u{1b}]0;owned\\u{7}.MD",
        &["rename it `x\\u{1b}]0;owned\\u{7}.md`"],
    );
}

#[test]
fn a_key_with_an_escape_sequence_is_shown_escaped() {
    let site = TestSite::new();
    // YAML allows a control character in a key only written as `\e`.
    site.page("a.md", "title: A\n\"ti\\e[2Jtle\": B", "Hello.\n");
    let stderr = site.build_fails(&[]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    error_at(
        &stderr,
        "content/a.md:3:1",
        &["unknown key `ti\\u{1b}[2Jtle`"],
    );
}

#[test]
fn a_control_character_in_yaml_is_named_at_its_place() {
    let site = TestSite::new();
    site.page("a.md", "title: A\nsummary: Hi\u{1b}[2J there", "Hello.\n");
    let stderr = site.build_fails(&[]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    error_at(
        &stderr,
        "content/a.md:3:12",
        &[
            "an invisible control character (\\u{1b}) is not allowed in YAML",
            "hint: delete it",
        ],
    );
}

#[test]
fn the_json_report_keeps_control_characters_escaped() {
    let site = TestSite::new();
    site.page("a.md", "title: A\n\"ti\\e[2Jtle\": B", "Hello.\n");
    let run = site.run(&[
        "check",
        "--root",
        site.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(run.stdout.contains("ti\\u001b[2Jtle"), "{}", run.stdout);
}

// ----------------------------------------------------------- curly quotes

#[test]
fn curly_quotes_around_a_site_yaml_value_are_a_warning_at_their_place() {
    let site = site();
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\ncontact:\n  phone: “01632 960 471”\n",
    );
    let run = site.build_ok(&[]);
    find(
        &run.stderr,
        "warning",
        "site.yaml:4:10",
        &[
            "“01632 960 471” is wrapped in curly quotes",
            "hint: these are curly quotes, so they are part of the value; use straight quotes \"01632 960 471\" or none",
        ],
    );
}

#[test]
fn curly_quotes_around_a_front_matter_value_are_a_warning_but_not_inside_one() {
    // With base_url, so that the only warning is the one looked for.
    let site = TestSite::with_site_yaml("base_url: https://example.org\n");
    site.page(
        "a.md",
        "title: It’s a page\nsummary: ‘Read me first’",
        "Hello.\n",
    );
    let run = site.build_ok(&[]);
    find(
        &run.stderr,
        "warning",
        "content/a.md:3:10",
        &[
            "‘Read me first’ is wrapped in curly quotes",
            "\"Read me first\"",
        ],
    );
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
}

// ------------------------------------------------------------- file names

#[test]
fn a_hyphen_before_an_audience_id_is_a_warning_and_still_a_page() {
    let site = site();
    site.page("prepare.md", "title: Prepare", "For all.\n");
    site.page("prepare-easy-read.md", "title: Prepare", "Easy.\n");
    let run = site.build_ok(&[]);
    find(
        &run.stderr,
        "warning",
        "content/prepare-easy-read.md",
        &[
            "`prepare-easy-read.md` is built as a page of its own",
            "rename it `prepare.easy-read.md`",
        ],
    );
    assert!(site.read("prepare-easy-read/index.html").contains("Easy."));
}

#[test]
fn a_dot_before_a_word_that_is_not_an_audience_suggests_the_nearest_first() {
    let site = site();
    site.page("prepare.md", "title: Prepare", "For all.\n");
    site.page("prepare.easyread.md", "title: Prepare", "Easy.\n");
    let stderr = site.build_fails(&[]);
    let error = error_at(
        &stderr,
        "content/prepare.easyread.md",
        &["`easyread` in the file name `prepare.easyread.md` is not an audience of this site"],
    );
    let nearest = error
        .find("did you mean `prepare.easy-read.md`")
        .expect(&error);
    let hyphen = error.find("`prepare-easyread.md`").expect(&error);
    assert!(
        nearest < hyphen,
        "the nearest audience comes first:\n{error}"
    );
}

#[test]
fn files_that_look_like_markdown_are_errors_and_never_copied() {
    let site = site();
    for name in ["b.md.txt", "c.MD", "d.Md", "e.markdown", "f.mdown", "g.mkd"] {
        site.write(&format!("content/{name}"), "---\ntitle: DRAFT-5e5e\n---\n");
    }
    let stderr = site.build_fails(&[]);
    for (name, renamed) in [
        ("b.md.txt", "b.md"),
        ("c.MD", "c.md"),
        ("d.Md", "d.md"),
        ("e.markdown", "e.md"),
        ("f.mdown", "f.md"),
        ("g.mkd", "g.md"),
    ] {
        error_at(
            &stderr,
            &format!("content/{name}"),
            &["looks like a page", &format!("hint: rename it `{renamed}`")],
        );
    }
    assert!(!site.output("").exists());
}

#[test]
fn pages_whose_names_differ_only_in_capitals_are_an_error_naming_both() {
    let site = site();
    site.page("About.md", "title: About", "One.\n");
    site.page("about.md", "title: about", "Two.\n");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/about.md",
        &[
            "this file and another file would be written to /about/ and /About/, which differ only in capitals",
            "--> content/About.md (the other file)",
        ],
    );
    assert_eq!(
        stderr.matches("error:").count(),
        1,
        "once, not per audience:\n{stderr}"
    );
}

#[test]
fn copied_files_whose_names_differ_only_in_capitals_are_an_error_naming_both() {
    let site = site();
    site.write(
        "content/Logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "static/logo.svg",
        &[
            "this file and another file would be written to /logo.svg and /Logo.svg",
            "--> content/Logo.svg (the other file)",
        ],
    );
}

// -------------------------------------------------------- raw HTML images

#[test]
fn a_raw_html_image_without_alt_is_an_error_at_its_line() {
    let site = TestSite::new();
    site.write(
        "content/cat.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page(
        "a.md",
        "title: A",
        "Intro.\n\nA cat: <img src=\"cat.svg\">\n",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:6:8",
        &[
            "an image needs alt text",
            "use alt=\"\" for a decorative one",
        ],
    );
}

#[test]
fn a_raw_html_image_of_a_missing_file_is_the_same_error_as_a_markdown_one() {
    let site = TestSite::new();
    site.page(
        "a.md",
        "title: A",
        "![A dog](missing.png)\n\n<p>\n<img alt=\"A cat\" src=\"missing.png\">\n</p>\n",
    );
    let stderr = site.build_fails(&[]);
    let markdown = error_at(&stderr, "content/a.md:4:", &["missing.png"]);
    let raw = error_at(&stderr, "content/a.md:7:23", &["missing.png"]);
    let words = |block: &str| {
        block
            .lines()
            .filter(|l| !l.contains("-->"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(words(&markdown), words(&raw));
}

#[test]
fn a_raw_html_image_over_several_lines_is_checked_and_its_address_settled() {
    let site = TestSite::new();
    site.write(
        "content/images/cat.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.page(
        "guide/a.md",
        "title: A",
        "<figure class=\"wide\">\n<img\n  src=\"../images/cat.svg\"\n  alt=\"A cat\">\n<!-- <img src=\"old.png\"> -->\n</figure>\n\nA dot: <IMG SRC='/images/cat.svg' ALT=''>\n",
    );
    site.build_ok(&[]);
    let html = decode(&site.read("guide/a/index.html"));
    assert!(
        html.contains(
            "<figure class=\"wide\">\n<img\n  src=\"../../images/cat.svg\"\n  alt=\"A cat\">"
        ),
        "{html}"
    );
    assert!(html.contains("<!-- <img src=\"old.png\"> -->"), "{html}");
    assert!(
        html.contains("<IMG SRC='../../images/cat.svg' ALT=''>"),
        "{html}"
    );
}

// ------------------------------------------------------- byte-order marks

#[test]
fn a_byte_order_mark_at_the_start_of_site_yaml_and_a_page_is_accepted() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "\u{feff}title: Test pack\norganisation: Test Council\nbase_url: https://example.org\n",
    );
    site.write(
        "content/a.md",
        "\u{feff}---\ntitle: Marked page\n---\nHello.\n",
    );
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    assert!(site.read("a/index.html").contains("Marked page"));
}

// ---------------------------------------------------------------- wording

#[test]
fn a_tab_in_yaml_indentation_is_named_at_its_place() {
    let site = TestSite::new();
    site.page("a.md", "title: A\nextra:\n\tcolour: red", "Hello.\n");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:4:1",
        &[
            "a tab is used for indentation; YAML needs spaces",
            "hint: replace the tab",
        ],
    );
}

#[test]
fn too_many_repeated_aliases_are_named_at_the_first_alias() {
    let mut yaml = String::from("title: A\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (i, name) in "bcdefghi".chars().enumerate() {
        let before = (b'a' + i as u8) as char;
        let items = vec![format!("*{before}"); 9].join(", ");
        yaml.push_str(&format!("  {name}: &{name} [{items}]\n"));
    }
    let site = TestSite::new();
    site.write("content/a.md", &format!("---\n{yaml}---\nHello.\n"));
    let stderr = site.build_fails(&[]);
    error_at(&stderr, "content/a.md:5:10", &["too many repeated aliases"]);
    assert!(!stderr.contains("repetition limit"), "{stderr}");
}

#[test]
fn a_number_too_large_is_said_in_words() {
    let site = TestSite::new();
    site.page(
        "a.md",
        "title: A\nweight: 99999999999999999999999",
        "Hello.\n",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:3:9",
        &[
            "`weight` is 99999999999999999999999, a number too large",
            "hint: use a whole number of at most 18 digits",
        ],
    );
    assert!(!stderr.contains("u128"), "{stderr}");
}

#[test]
fn a_key_given_twice_is_placed_at_the_second() {
    let site = TestSite::new();
    site.page("a.md", "title: A\nsummary: S\ntitle: B", "Hello.\n");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:4:1",
        &["`title` is given twice", "hint: remove one of them"],
    );
}

#[test]
fn a_key_given_twice_in_site_yaml_is_placed_at_the_second() {
    let site = site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncontact:\n  name: A\n  email: a@example.org\n  name: B\n",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "site.yaml:6:3",
        &["`name` is given twice", "remove one of them"],
    );
}

#[test]
fn front_matter_that_is_never_closed_says_so() {
    let site = TestSite::new();
    site.write("content/a.md", "---\ntitle: A\n\nHello.\n");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:1:1",
        &["the front-matter starting on line 1 is never closed with `---`"],
    );
}

#[test]
fn a_key_out_of_line_gets_the_indentation_hint() {
    let site = site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncontact:\n  name: A\n   email: a@example.org\n",
    );
    let stderr = site.build_fails(&[]);
    let error = error_at(
        &stderr,
        "site.yaml:5:",
        &["hint: check the indentation: every key at one level starts in the same column"],
    );
    assert!(!error.contains("quotes"), "{error}");
}

#[test]
fn a_value_with_a_colon_still_gets_the_quotes_hint() {
    let site = TestSite::new();
    site.page("a.md", "title: Stage 1: Evaluate", "Hello.\n");
    let stderr = site.build_fails(&[]);
    error_at(&stderr, "content/a.md:2:", &["must be in quotes"]);
}

#[test]
fn a_site_yaml_that_cannot_be_read_is_blamed_not_the_output() {
    let site = site();
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    std::fs::create_dir(site.root().join("site.yaml")).unwrap();
    let stderr = site.build_fails(&[]);
    error_at(&stderr, "site.yaml", &["cannot read site.yaml"]);
    assert!(!stderr.contains("cannot write"), "{stderr}");
}

#[test]
fn a_page_that_is_not_utf8_names_the_line_and_column_of_the_first_bad_byte() {
    let site = TestSite::new();
    std::fs::write(
        site.root().join("content/a.md"),
        b"---\ntitle: A\n---\nHello.\n\nCaf\xe9 at ten.\n",
    )
    .unwrap();
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:6:4",
        &[
            "content/a.md is not saved as UTF-8 text",
            "hint: save it as UTF-8",
        ],
    );
}

#[test]
fn a_site_yaml_that_is_not_utf8_names_the_line_and_column() {
    let site = site();
    std::fs::write(
        site.root().join("site.yaml"),
        b"title: Test pack\norganisation: Caf\xe9 Council\n",
    )
    .unwrap();
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "site.yaml:2:18",
        &["site.yaml is not saved as UTF-8 text"],
    );
}

#[test]
fn a_quote_never_closed_is_placed_where_it_opens() {
    let site = TestSite::new();
    site.page("a.md", "title: A\nsummary: \"Read me first", "Hello.\n");
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "content/a.md:3:10",
        &["a quote is opened here and never closed"],
    );
}

#[test]
fn a_key_less_indented_than_the_keys_above_is_named_in_words() {
    let site = site();
    site.write(
        "site.yaml",
        "title: T\norganisation: O\ncontact:\n    name: A\n  email: a@example.org\n",
    );
    let stderr = site.build_fails(&[]);
    error_at(
        &stderr,
        "site.yaml:5:3",
        &[
            "this key is not lined up with the keys above it",
            "hint: check the indentation",
        ],
    );
    assert!(!stderr.contains("block mapping"), "{stderr}");
}
