//! Languages on screen and on paper: a language written right to left
//! (Urdu) is built as right-to-left pages that pass the accessibility
//! checkers and whose layout is the mirror image of their English twins;
//! a second language (Welsh) gets its own PDFs, with its own /Lang, and
//! its own downloads pages.
//!
//! The Chromium and accessibility checks skip without their tools, and
//! fail under CI, as in `accessibility` and `pdf`.

use std::process::Command;

use lopdf::decode_text_string;

use crate::harness::a11y::{axe, tools_ready, vnu, AXE_NEEDS, VNU_NEEDS};
use crate::harness::browser::{browser_or_skip, find_browser};
use crate::harness::TestSite;

// ---------------------------------------------------------------------------
// Right to left

/// A two-language site, English and Urdu, with a home page and a page with
/// a list and picture rows in each, for every audience.
fn urdu_site() -> TestSite {
    let site = TestSite::with_site_yaml("languages:\n  ur: { label: اردو }\n");
    site.page(
        "_index.md",
        "title: Mentoring pack\nsummary: A pack for mentors.",
        "Welcome to the pack.",
    );
    site.page(
        "_index.ur.md",
        "title: رہنمائی کا پیک\nsummary: رہنماؤں کے لیے ایک پیک۔",
        "پیک میں خوش آمدید۔",
    );
    site.write(
        "content/meet.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">\
         <rect x=\"5\" y=\"5\" width=\"90\" height=\"90\" fill=\"#fc0\"/></svg>",
    );
    let english = "Things to do:\n\n- Read the guide.\n- Write down your questions.\n\n\
         ![A calendar](meet.svg) Pick a day to meet.\n\n\
         ![A pen](meet.svg) Bring a pen.\n";
    let urdu = "کرنے کے کام:\n\n- رہنما کتاب پڑھیں۔\n- اپنے سوال لکھیں۔\n\n\
         ![ایک کیلنڈر](meet.svg) ملنے کے لیے ایک دن چنیں۔\n\n\
         ![ایک قلم](meet.svg) ایک قلم ساتھ لائیں۔\n";
    site.page("prepare.md", "title: Before you meet", english);
    site.page("prepare.easy-read.md", "title: Before you meet", english);
    site.page("prepare.ur.md", "title: ملنے سے پہلے", urdu);
    site.page("prepare.easy-read.ur.md", "title: ملنے سے پہلے", urdu);
    site
}

#[test]
fn an_urdu_page_is_right_to_left_and_its_switcher_names_each_language() {
    let site = urdu_site();
    site.build_ok(&[]);
    for page in ["ur/index.html", "ur/easy-read/prepare/index.html"] {
        let html = site.read(page);
        assert!(
            html.contains("<html lang=\"ur\" dir=\"rtl\">"),
            "{page}:\n{html}"
        );
        for (id, url_end) in [("en-GB", "prepare/"), ("ur", "prepare/")] {
            let link = html
                .split("<a ")
                .find(|a| a.contains(&format!("hreflang=\"{id}\"")))
                .unwrap_or_else(|| panic!("{page} has no link with hreflang={id}:\n{html}"));
            assert!(link.contains(&format!("lang=\"{id}\"")), "{page}: {link}");
            if page.contains("prepare") {
                assert!(link.contains(url_end), "{page}: {link}");
            }
        }
    }
    let english = site.read("easy-read/prepare/index.html");
    assert!(english.contains("<html lang=\"en-GB\">"), "{english}");
    let urdu = site.read("ur/easy-read/prepare/index.html");
    assert!(urdu.contains("class=\"picture-row\""), "{urdu}");
    assert!(urdu.contains("alt=\"ایک کیلنڈر\""), "{urdu}");
}

#[test]
fn axe_finds_no_wcag_violations_on_the_urdu_pages() {
    if !tools_ready(&AXE_NEEDS) {
        return;
    }
    let site = urdu_site();
    site.build_ok(&[]);
    axe(&site.output(""));
}

#[test]
fn the_urdu_pages_are_valid_html() {
    if !tools_ready(&VNU_NEEDS) {
        return;
    }
    let site = urdu_site();
    site.build_ok(&[]);
    vnu(&site.output(""));
}

/// Where the first picture row of the built page `page` puts its picture,
/// as Chromium lays it out at 1000px: "right" when the picture is wholly to
/// the right of its words, "left" when wholly to the left. The page is
/// copied beside itself with a script that measures the row, so that its
/// style sheets and picture load as they do from the built page.
fn picture_side(site: &TestSite, page: &str) -> String {
    let measure = "<script>addEventListener('load', () => {\
        const row = document.querySelector('.picture-row');\
        const picture = row.querySelector('img').getBoundingClientRect();\
        const words = row.querySelector('.picture-row-words').getBoundingClientRect();\
        const side = picture.left >= words.right ? 'right' : picture.right <= words.left ? 'left' : 'overlap';\
        document.body.setAttribute('data-picture-side', side);\
        });</script>";
    let html = site
        .read(page)
        .replace("</body>", &format!("{measure}</body>"));
    let copy = site.output(page).with_file_name("measured.html");
    std::fs::write(&copy, html).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(find_browser().expect("browser_or_skip() is called first"))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1000,1400",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", copy.display()))
        .output()
        .expect("Chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    dom.split("data-picture-side=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| {
            panic!(
                "{page}: the measuring script did not run:\n{dom}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        })
        .to_string()
}

#[test]
fn an_urdu_picture_row_is_the_mirror_image_of_the_english_one() {
    if !browser_or_skip() {
        return;
    }
    let site = urdu_site();
    site.build_ok(&[]);
    assert_eq!(picture_side(&site, "easy-read/prepare/index.html"), "left");
    assert_eq!(
        picture_side(&site, "ur/easy-read/prepare/index.html"),
        "right"
    );
}

// ---------------------------------------------------------------------------
// PDFs per language

/// The /Lang of the PDF at `path` in the output.
fn pdf_language(site: &TestSite, path: &str) -> Option<String> {
    let doc = site.pdf(path);
    let catalog = doc.catalog().unwrap();
    catalog
        .get_deref(b"Lang", &doc)
        .ok()
        .and_then(|lang| decode_text_string(lang).ok())
}

#[test]
fn each_language_has_its_own_pdfs_and_downloads_pages() {
    if !browser_or_skip() {
        return;
    }
    let site = TestSite::with_site_yaml("languages:\n  cy: { label: Cymraeg }\n");
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        "1. Be on time.\n2. Say if you cannot come.",
    );
    site.page(
        "resources/agreement.cy.md",
        "title: Cytundeb mentora\nkind: contract",
        "1. Byddwch ar amser.\n2. Dywedwch os na allwch ddod.",
    );
    site.page(
        "resources/agreement.easy-read.cy.md",
        "title: Cytundeb mentora\nkind: contract",
        "1. Dewch ar amser.\n2. Dywedwch os na allwch ddod.",
    );
    site.build_pdf_ok(&[]);

    let english = "resources/agreement/agreement.pdf";
    let welsh = "cy/resources/agreement/agreement-cy.pdf";
    let welsh_easy_read = "cy/easy-read/resources/agreement/agreement-easy-read-cy.pdf";
    for pdf in [english, welsh, welsh_easy_read] {
        assert!(site.exists(pdf), "public/{pdf} was not printed");
    }
    assert_eq!(pdf_language(&site, english).as_deref(), Some("en-GB"));
    assert_eq!(pdf_language(&site, welsh).as_deref(), Some("cy"));
    assert_eq!(pdf_language(&site, welsh_easy_read).as_deref(), Some("cy"));
    // The running foot is in the page's language.
    let foot = |path: &str| {
        let doc = site.pdf(path);
        let pages: Vec<u32> = doc.get_pages().into_keys().collect();
        let text = doc.extract_text(&pages).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(foot(english).contains("Page 1 of 1"), "{}", foot(english));
    let welsh_text = foot(welsh);
    assert!(welsh_text.contains("Tudalen 1 o 1"), "{welsh_text}");
    assert!(!welsh_text.contains("Page 1"), "{welsh_text}");
    // The language switcher is for the screen: paper has no links to follow.
    assert!(!welsh_text.contains("English"), "{welsh_text}");

    let listed = |page: &str, name: &str| site.read(page).contains(&format!("/{name}\""));
    let welsh_downloads = "cy/downloads/index.html";
    assert!(listed(welsh_downloads, "agreement-cy.pdf"));
    assert!(site
        .read(welsh_downloads)
        .contains("<link rel=\"alternate\" hreflang=\"en-GB\" href=\"../../downloads/\">"));
    assert!(!listed(welsh_downloads, "agreement.pdf"));
    let welsh_easy_read_downloads = "cy/easy-read/downloads/index.html";
    assert!(listed(
        welsh_easy_read_downloads,
        "agreement-easy-read-cy.pdf"
    ));
    assert!(!listed(
        welsh_easy_read_downloads,
        "agreement-easy-read.pdf"
    ));
    let english_downloads = site.read("downloads/index.html");
    assert!(listed("downloads/index.html", "agreement.pdf"));
    assert!(
        !english_downloads.contains("-cy.pdf"),
        "the English downloads page lists a Welsh PDF:\n{english_downloads}"
    );
}
