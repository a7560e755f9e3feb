//! The bundled example pack builds, with every audience's pages.

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
