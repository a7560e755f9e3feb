//! The bundled example pack builds, with every audience's pages.

use crate::harness::html::decode;
use crate::harness::TestSite;

#[test]
fn the_example_pack_builds_for_every_audience() {
    let site = TestSite::example();
    let run = site.build_ok(&[]);
    // The one warning is that it has no base_url (docs/themes.md, 404.html).
    let warnings = crate::harness::diagnostics::diagnostics(&run.stderr);
    assert!(
        warnings.len() == 1 && warnings[0].contains("there is no base_url"),
        "the example pack builds without warnings but the one for base_url:\n{}",
        run.stderr
    );
    for home in ["index.html", "carer/index.html", "easy-read/index.html"] {
        let html = site.read(home);
        assert!(html.contains("<html lang=\"en-GB\">"), "{home}");
        assert!(
            html.contains("Harbourside Borough Council"),
            "{home} names the organisation"
        );
    }
    let agreement = site.read("resources/mentoring-agreement/index.html");
    assert!(
        agreement.contains("<input type=\"text\""),
        "the agreement has fields to fill in"
    );
    let tree = site.read("resources/tree-of-life/index.html");
    assert!(
        tree.contains("<svg class=\"tree-of-life\""),
        "the Tree of Life is drawn"
    );
    let easy = site.read("easy-read/guide/prepare/index.html");
    assert!(
        easy.contains("<div class=\"picture-row\">"),
        "easy read has picture rows"
    );
}

#[test]
fn the_example_pack_is_in_welsh_too_with_welsh_words_around_its_pages() {
    let site = TestSite::example();
    site.build_ok(&[]);
    for (home, skip_link) in [
        ("cy/index.html", "Neidio i'r prif gynnwys"),
        ("cy/carer/index.html", "Neidio i'r prif gynnwys"),
        ("cy/easy-read/index.html", "Mynd i brif ran y dudalen hon"),
    ] {
        let html = site.read(home);
        assert!(html.contains("<html lang=\"cy\">"), "{home}");
        // The skip link and the switchers speak Welsh, easy read its own.
        assert!(decode(&html).contains(skip_link), "{home}");
        assert!(
            html.contains("lang=\"en-GB\" hreflang=\"en-GB\" dir=\"ltr\">English</a>"),
            "{home} links to its English version"
        );
    }
    let english = site.read("index.html");
    assert!(english.contains("hreflang=\"cy\" dir=\"ltr\">Cymraeg</a>"));
    let agreement = site.read("cy/resources/mentoring-agreement/index.html");
    assert!(
        decode(&agreement).contains(">Enw'r mentor</label>"),
        "Welsh field labels"
    );
    let log = site.read("cy/easy-read/resources/meeting-log/index.html");
    assert!(
        log.contains("<div class=\"picture-row\">"),
        "Welsh easy read has picture rows"
    );
    for box_label in ["Diwrnod", "Mis", "Blwyddyn"] {
        assert!(
            log.contains(&format!(">{box_label}</label>")),
            "the date boxes are in Welsh"
        );
    }
    assert!(
        !log.contains("type=\"date\""),
        "no date picker that shows mm/dd/yyyy"
    );
    // A Welsh page with no Welsh version of a page it links to says so.
    let prepare = site.read("cy/guide/prepare/index.html");
    if prepare.contains("hreflang=\"en-GB\">") {
        assert!(prepare.contains("(yn Saesneg)</span>"));
    }
}
