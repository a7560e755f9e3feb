//! Navigation and honest audiences: which pages an audience is shown of
//! the default audience's (site.yaml `fallback`), the banner on those it
//! is shown, check's warning for a link whose words name another audience,
//! the header's service navigation, the contents list of a long page, the
//! section listing left out when the body links every page, and
//! Previous/Next.

use crate::harness::html::{attr, between, href_of, links, listing, text_of};
use crate::harness::TestSite;
use serde_json::Value;

/// A site of the three built-in audiences, the carer's `fallback` as
/// given (`None`: left out), with a guide of a page for everyone, a page
/// with a carer variant, and a page whose base lists the carer.
fn audiences_site(carer_fallback: Option<bool>) -> TestSite {
    let fallback = carer_fallback.map_or(String::new(), |f| format!(", fallback: {f}"));
    let site = TestSite::with_site_yaml(&format!(
        "audiences:\n  professional: {{ label: For professionals }}\n  carer: {{ label: For carers and families{fallback} }}\n  easy-read: {{ label: Easy read }}\n"
    ));
    site.page("guide/_index.md", "title: Guide", "The stages.")
        .page("guide/_index.carer.md", "title: Guide", "What happens.")
        .page(
            "guide/prepare.md",
            "title: Prepare\nweight: 1",
            "Recruit and brief mentees.",
        )
        .page("guide/help.md", "title: Help\nweight: 2", "Who to call.")
        .page("guide/help.carer.md", "title: Help", "Who you can call.")
        .page(
            "guide/shared.md",
            "title: Shared\nweight: 3\naudiences: [professional, carer]",
            "Written for both.",
        )
        .page(
            "_index.carer.md",
            "title: Home",
            "Read [how to prepare](guide/prepare.md).",
        );
    site
}

/// The banner's words on a page, or `None` with no banner.
fn banner(html: &str) -> Option<String> {
    html.contains("class=\"written-for")
        .then(|| text_of(between(html, "class=\"written-for", "</div>\n</div>")))
}

#[test]
fn by_default_an_audience_is_shown_the_default_pages_it_lacks_with_a_banner() {
    let site = audiences_site(None);
    site.build_ok(&[]);
    let prepare = site.read("carer/guide/prepare/index.html");
    assert!(prepare.contains("Recruit and brief mentees."));
    let words = banner(&prepare).expect("a banner on the professional page shown to carers");
    assert!(
        words.contains("This page was written for professionals."),
        "{words}"
    );
    assert!(
        words.contains("Some of it may not apply to you."),
        "{words}"
    );
    // Pages written for carers, by a variant or by `audiences`, have none;
    // nor has the professional page itself.
    for page in ["carer/guide/help/", "carer/guide/shared/", "guide/prepare/"] {
        let html = site.read(&format!("{page}index.html"));
        assert_eq!(banner(&html), None, "{page}");
    }
    // The easy-read banner has a picture and easy words.
    let easy = site.read("easy-read/guide/prepare/index.html");
    let words = banner(&easy).expect("a banner in easy read");
    assert!(words.contains("This page is for people who work at the council."));
    let block = between(&easy, "class=\"written-for", "</div>\n</div>");
    assert!(
        block.contains("<img class=\"written-for-image\""),
        "{block}"
    );
}

#[test]
fn with_fallback_false_an_audience_has_no_copy_of_pages_it_lacks() {
    let site = audiences_site(Some(false));
    site.build_ok(&[]);
    assert!(!site.exists("carer/guide/prepare/index.html"));
    assert!(site.exists("carer/guide/help/index.html"));
    assert!(site.exists("carer/guide/shared/index.html"));
    // The other audiences are unchanged.
    assert!(site.exists("easy-read/guide/prepare/index.html"));
    let guide = site.read("carer/guide/index.html");
    assert_eq!(listing(&guide), ["Help", "Shared"]);
    // A link to a page the carers lack opens the professionals' page.
    let home = site.read("carer/index.html");
    assert_eq!(href_of(&home, "how to prepare"), "../guide/prepare/");
    // Nor is it in the sitemap (given an address to write one).
    let site_with_url = audiences_site(Some(false));
    let yaml = std::fs::read_to_string(site_with_url.root().join("site.yaml")).unwrap();
    site_with_url.write(
        "site.yaml",
        &format!("{yaml}base_url: https://council.example/pack/\n"),
    );
    site_with_url.build_ok(&[]);
    let sitemap = site_with_url.read("sitemap.xml");
    assert!(sitemap.contains("/carer/guide/help/"), "{sitemap}");
    assert!(!sitemap.contains("/carer/guide/prepare/"), "{sitemap}");
}

#[test]
fn with_fallback_false_a_section_the_audience_lacks_lists_its_own_pages() {
    let site = audiences_site(Some(false));
    site.page("forms/_index.md", "title: Forms", "All the forms.")
        .page("forms/log.md", "title: Log", "A log for staff.")
        .page("forms/log.carer.md", "title: Carer log", "A log for you.");
    site.build_ok(&[]);
    let forms = site.read("carer/forms/index.html");
    assert!(
        !forms.contains("All the forms."),
        "the body is not the staff's"
    );
    assert_eq!(listing(&forms), ["Carer log"]);
    assert_eq!(banner(&forms), None);
}

#[test]
fn a_link_naming_another_audience_is_warned_of_and_can_name_its_version() {
    let site = TestSite::new();
    site.page("poster.md", "title: Poster", "For staff.")
        .page("poster.carer.md", "title: Poster", "For carers.")
        .page(
            "posters.carer.md",
            "title: Posters",
            "See the poster [for staff and managers](poster.md).\n\nOr the one [in easy read](poster.easy-read.md).\n",
        );
    let run = site.check(&["--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let found: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "links/audience")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let warning = found[0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["file"], "content/posters.carer.md");
    assert_eq!(
        (warning["line"].clone(), warning["column"].clone()),
        (4.into(), 41.into())
    );
    let message = warning["message"].as_str().unwrap();
    assert!(message.contains("for staff and managers"), "{message}");
    assert!(message.contains("`carer`"), "{message}");
    assert!(
        warning["hint"]
            .as_str()
            .unwrap()
            .contains("poster.professional.md"),
        "{warning}"
    );

    // Naming the professional version fixes it, and the link goes there.
    site.page(
        "posters.carer.md",
        "title: Posters",
        "See the poster [for staff and managers](poster.professional.md).\n",
    );
    let run = site.check(&[]);
    assert!(!run.stderr.contains("links/audience"), "{}", run.stderr);
    site.build_ok(&[]);
    let posters = site.read("carer/posters/index.html");
    assert_eq!(href_of(&posters, "for staff and managers"), "../../poster/");
}

#[test]
fn the_example_packs_staff_poster_link_opens_the_staff_poster_for_carers() {
    let site = TestSite::example();
    site.build_ok(&[]);
    let resources = site.read("carer/resources/index.html");
    assert_eq!(
        href_of(&resources, "for staff and managers"),
        "../../resources/adjustments-poster/"
    );
    // Carers are not shown the staff pages as their own.
    assert!(!site.exists("carer/guide/prepare/index.html"));
    assert!(!site.exists("carer/resources/mentoring-agreement/index.html"));
}

/// The header's service navigation of a page, as (text, href, aria-current).
fn service_nav(html: &str) -> Vec<(String, String, Option<String>)> {
    let nav = between(html, "<nav class=\"service-nav\"", "</nav>");
    let mut found = Vec::new();
    for (n, (text, href)) in links(nav).into_iter().enumerate() {
        let tag_start = nav.match_indices("<a ").nth(n).unwrap().0;
        let tag = &nav[tag_start..tag_start + nav[tag_start..].find('>').unwrap() + 1];
        found.push((text, href, attr(tag, "aria-current")));
    }
    found
}

#[test]
fn the_header_links_the_top_level_sections_and_marks_the_current_one() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide\nweight: 1", "")
        .page("guide/prepare.md", "title: Prepare", "")
        .page("forms/_index.md", "title: Forms\nweight: 2", "")
        .page("about.md", "title: About", "");
    site.build_ok(&[]);
    let prepare = site.read("guide/prepare/index.html");
    let nav = between(&prepare, "<nav class=\"service-nav\"", ">");
    assert!(nav.contains("aria-label=\"Menu\""), "{nav}");
    assert_eq!(
        service_nav(&prepare),
        [
            (
                "Guide".to_string(),
                "../".to_string(),
                Some("true".to_string())
            ),
            ("Forms".to_string(), "../../forms/".to_string(), None),
        ]
    );
    let forms = site.read("forms/index.html");
    assert_eq!(service_nav(&forms)[1].2.as_deref(), Some("page"));
    let about = site.read("about/index.html");
    assert!(service_nav(&about)
        .iter()
        .all(|(_, _, current)| current.is_none()));
    // Each audience's menu goes to its own sections.
    let easy = site.read("easy-read/guide/prepare/index.html");
    assert_eq!(service_nav(&easy)[1].1, "../../forms/");
    // With PDFs, the downloads page is in the menu too.
    site.build_ok(&["--pdf"]);
    let downloads = site.read("downloads/index.html");
    let nav = service_nav(&downloads);
    assert_eq!(nav.last().unwrap().1, "./");
    assert_eq!(nav.last().unwrap().2.as_deref(), Some("page"));
}

#[test]
fn a_pack_with_more_than_eight_top_level_sections_lists_none_in_the_header() {
    let eight = TestSite::new();
    for i in 1..=8 {
        eight.page(&format!("s{i}/_index.md"), &format!("title: Part {i}"), "");
    }
    eight.build_ok(&[]);
    assert_eq!(service_nav(&eight.read("s1/index.html")).len(), 8);
    let nine = TestSite::new();
    for i in 1..=9 {
        nine.page(&format!("s{i}/_index.md"), &format!("title: Part {i}"), "");
    }
    nine.build_ok(&[]);
    let page = nine.read("s1/index.html");
    assert!(!page.contains("class=\"service-nav\""), "{page}");
    // The home page still lists every section.
    let home = nine.read("index.html");
    assert!(home.contains("Part 9"), "{home}");
}

/// A body with `n` second-level headings.
fn headings(n: usize) -> String {
    (1..=n)
        .map(|i| format!("## Part {i}\n\nWords.\n\n"))
        .collect()
}

#[test]
fn a_page_with_four_h2s_gets_a_contents_list_of_them() {
    let site = TestSite::new();
    site.page("four.md", "title: Four", &headings(4))
        .page("three.md", "title: Three", &headings(3))
        .page("off.md", "title: Off\ntoc: false", &headings(5));
    site.build_ok(&[]);
    let four = site.read("four/index.html");
    let list = between(&four, "<nav class=\"contents-list\"", "</nav>");
    assert_eq!(
        links(list),
        (1..=4)
            .map(|i| (format!("Part {i}"), format!("#part-{i}")))
            .collect::<Vec<_>>()
    );
    assert!(four.contains("<h2 id=\"part-1\""), "the anchors exist");
    assert!(!site.read("three/index.html").contains("contents-list"));
    assert!(!site.read("off/index.html").contains("contents-list"));
}

#[test]
fn a_section_whose_body_links_every_page_has_no_listing() {
    let site = TestSite::new();
    site.page(
        "guide/_index.md",
        "title: Guide",
        "Read [one](one.md) and [two](two.md#start).",
    )
    .page("guide/one.md", "title: One", "")
    .page("guide/two.md", "title: Two", "## Start\n")
    .page("other/_index.md", "title: Other", "Read [one](one.md).")
    .page("other/one.md", "title: One", "")
    .page("other/two.md", "title: Two", "");
    site.build_ok(&[]);
    let guide = site.read("guide/index.html");
    assert!(!guide.contains("listing-title"), "no listing");
    assert_eq!(listing(&guide), Vec::<String>::new());
    let other = site.read("other/index.html");
    assert_eq!(listing(&other), ["One", "Two"]);
}

#[test]
fn previous_and_next_sit_in_the_text_column_with_pictures_in_easy_read() {
    let site = TestSite::new();
    site.write(
        "content/images/pen.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    );
    site.page("guide/_index.md", "title: Guide", "")
        .page("guide/a.md", "title: A\nweight: 1", "")
        .page(
            "guide/b.md",
            "title: B\nweight: 2\npicture: ../images/pen.svg",
            "",
        )
        .page("guide/c.md", "title: C\nweight: 3", "");
    site.build_ok(&[]);
    let b = site.read("guide/b/index.html");
    let article = between(&b, "<article", "</article>");
    let nav = between(article, "<nav class=\"pagination\"", "</nav>");
    assert!(nav.contains("aria-label=\"Previous and next pages\""));
    assert_eq!(
        links(nav),
        [
            ("Previous A".to_string(), "../a/".to_string()),
            ("Next C".to_string(), "../c/".to_string())
        ]
    );
    assert!(nav.contains("rel=\"prev\"") && nav.contains("rel=\"next\""));
    assert!(!nav.contains("<img"), "no pictures outside easy read");

    let easy = site.read("easy-read/guide/b/index.html");
    let nav = between(&easy, "<nav class=\"pagination", "</nav>");
    assert!(
        nav.contains("src=\"../../../_signpost/easy-read/icons/previous.svg\""),
        "{nav}"
    );
    assert!(
        nav.contains("src=\"../../../_signpost/easy-read/icons/next.svg\""),
        "{nav}"
    );
    assert!(site.exists("_signpost/easy-read/icons/next.svg"));

    // An easy-read listing has a picture for each page: its own, or the
    // theme's.
    let guide = site.read("easy-read/guide/index.html");
    let list = between(&guide, "<ul class=\"listing\"", "</ul>");
    let pictures: Vec<String> = list
        .match_indices("<img ")
        .map(|(i, _)| attr(&list[i..i + list[i..].find('>').unwrap()], "src").unwrap())
        .collect();
    assert_eq!(
        pictures,
        [
            "../../_signpost/easy-read/icons/page.svg",
            "../../images/pen.svg",
            "../../_signpost/easy-read/icons/page.svg"
        ]
    );
    assert!(!site.read("guide/index.html").contains("listing-picture"));
}

#[test]
fn a_picture_that_is_not_a_file_is_an_error() {
    let site = TestSite::new();
    site.page("a.md", "title: A\npicture: missing.svg", "");
    let stderr = site.build_fails(&[]);
    crate::harness::diagnostics::assert_error(
        &stderr,
        "content/a.md:3:1",
        &["`picture` is `missing.svg`"],
    );
}

/// The example pack with every audience shown the pages it lacks, built:
/// its carer pages carry the banner, and the checkers see them.
fn example_with_banners() -> TestSite {
    let site = TestSite::example();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let shown = yaml.replace(", fallback: false", "");
    assert_ne!(shown, yaml, "the example pack sets `fallback: false`");
    site.write("site.yaml", &shown);
    site.build_ok(&[]);
    let prepare = site.read("carer/guide/prepare/index.html");
    assert!(banner(&prepare).is_some(), "the carers see the staff page");
    // The English pages of the default audience and the carers are enough.
    for other in ["easy-read", "cy"] {
        std::fs::remove_dir_all(site.output(other)).unwrap();
    }
    site
}

#[test]
fn the_banner_and_the_menu_pass_axe_the_html_checker_and_reflow() {
    use crate::harness::a11y::{a11y_dir, axe, run_checker, tools_ready, vnu, Need};
    use crate::harness::a11y::{AXE_NEEDS, VNU_NEEDS};
    if !tools_ready(&AXE_NEEDS) || !tools_ready(&VNU_NEEDS) {
        return;
    }
    let site = example_with_banners();
    axe(&site.output(""));
    vnu(&site.output(""));
    if tools_ready(&[Need::Node, Need::Chromium, Need::NodeModules]) {
        run_checker(
            "the reflow check at 320px (tests/a11y/reflow.mjs)",
            std::process::Command::new("node")
                .arg(a11y_dir().join("reflow.mjs"))
                .arg(site.output(""))
                .env("CHROMIUM", crate::harness::browser::checkers_chromium()),
        );
    }
}
