//! `signpost init`: the pack it starts builds, passes `signpost check` and
//! the accessibility checkers, has every kind of page for each audience
//! chosen, and nothing already in a folder is ever written over.

use std::path::Path;

use crate::harness::a11y::{axe, tools_ready, vnu, AXE_NEEDS, VNU_NEEDS};
use crate::harness::browser::browser_or_skip;
use crate::harness::tree::snapshot;
use crate::harness::{Run, TestSite};

/// Every page of the starter pack, by its address under an audience, with
/// the `kind-…` class its body should have.
const PAGES: [(&str, &str); 11] = [
    ("index.html", "kind-page"),
    ("guide/index.html", "kind-page"),
    ("guide/evaluate/index.html", "kind-page"),
    ("guide/prepare/index.html", "kind-page"),
    ("guide/implement/index.html", "kind-page"),
    ("guide/review/index.html", "kind-page"),
    ("resources/mentoring-agreement/index.html", "kind-contract"),
    ("resources/meeting-log/index.html", "kind-log"),
    ("resources/reflection-log/index.html", "kind-log"),
    ("resources/tree-of-life/index.html", "kind-activity"),
    ("resources/adjustments-poster/index.html", "kind-poster"),
];

/// Runs `signpost init DIR` with these flags.
fn init(site: &TestSite, dir: &Path, flags: &[&str]) -> Run {
    let run = site.run(&[&["init", dir.to_str().unwrap()][..], flags].concat());
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// An empty folder with a pack started in it by `init --no-input` and these
/// flags.
fn started(flags: &[&str]) -> TestSite {
    let site = TestSite::empty();
    let run = init(&site, site.root(), &[&["--no-input"][..], flags].concat());
    assert!(run.success, "init failed:\n{}", run.stderr);
    site
}

/// Asserts that every kind of page was built for `audience` (its folder in
/// the output, "" for the default audience).
fn assert_every_kind(site: &TestSite, audience: &str) {
    for (page, kind) in PAGES {
        let path = format!("{audience}{page}");
        let html = site.read(&path);
        assert!(html.contains(kind), "{path} should be {kind}");
    }
    let tree = site.read(&format!("{audience}resources/tree-of-life/index.html"));
    assert!(
        tree.contains("tree-drawing"),
        "the Tree of Life has no drawing"
    );
}

#[test]
fn a_pack_started_without_questions_builds_and_checks_clean() {
    let site = started(&[]);
    let built = site.build_ok(&[]);
    // The one warning: base_url is left for the council to set once it
    // knows where the pack will live (404.html needs it under a path).
    let warnings: Vec<&str> = built
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning"))
        .collect();
    assert!(
        warnings.len() == 1 && warnings[0].contains("there is no base_url"),
        "{}",
        built.stderr
    );
    let checked = site.check(&[]);
    assert!(checked.success, "{}{}", checked.stdout, checked.stderr);
    assert!(checked.stdout.contains("0 errors"), "{}", checked.stdout);
    for audience in ["", "carer/", "easy-read/"] {
        assert_every_kind(&site, audience);
    }
    let home = site.read("index.html");
    assert!(
        home.contains("Our mentoring programme"),
        "the default title is missing"
    );
    assert!(
        home.contains("mentoring@council.example"),
        "the contact is missing"
    );
    // Easy read puts a picture beside each point.
    assert!(site.read("easy-read/index.html").contains("picture-row"));
    for file in [".gitignore", "README.md", "site.yaml"] {
        assert!(site.root().join(file).is_file(), "{file} was not written");
    }
    assert!(!site.root().join(".github").exists());
    assert!(!site.root().join(".gitlab-ci.yml").exists());
}

#[test]
fn the_answers_given_as_flags_are_on_the_pages() {
    let site = started(&[
        "--title",
        "Northby: \"reverse\" mentoring",
        "--organisation",
        "Northby Borough Council",
        "--email",
        "mentoring@northby.gov.uk",
        "--phone",
        "0300 123 4567",
    ]);
    site.build_ok(&[]);
    let home = site.read("index.html");
    assert!(
        home.contains("Northby: “reverse” mentoring")
            || home.contains("Northby: &quot;reverse&quot; mentoring"),
        "{home}"
    );
    assert!(home.contains("Northby Borough Council"));
    assert!(home.contains("mailto:mentoring@northby.gov.uk"));
    assert!(home.contains("0300 123 4567"));
    let readme = std::fs::read_to_string(site.root().join("README.md")).unwrap();
    assert!(readme.contains("Northby Borough Council"), "{readme}");
}

#[test]
fn only_the_chosen_audiences_get_pages() {
    let site = started(&["--audiences", "professional,easy-read"]);
    site.build_ok(&[]);
    assert_every_kind(&site, "");
    assert_every_kind(&site, "easy-read/");
    assert!(!site.exists("carer"), "a carer site was built");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    assert!(!yaml.contains("carer:"), "{yaml}");
    let carer_files: Vec<_> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".carer.md"))
        .collect();
    assert!(carer_files.is_empty(), "{carer_files:?}");
}

#[test]
fn a_folder_that_does_not_exist_is_made() {
    let site = TestSite::empty();
    let pack = site.root().join("packs").join("northby");
    let run = init(&site, &pack, &["--no-input", "--audiences", "easy-read"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("cd {}", pack.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("signpost build --pdf"),
        "{}",
        run.stderr
    );
    assert!(pack.join("content/_index.easy-read.md").is_file());
}

#[test]
fn a_folder_with_content_is_refused_and_left_as_it_was() {
    let site = TestSite::empty();
    site.write("content/_index.md", "---\ntitle: Mine\n---\nMy words.\n");
    site.write("README.md", "my readme");
    let before = snapshot(site.root());
    let run = init(&site, site.root(), &["--no-input"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{} already has a content/ folder",
            site.root().display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(site.root()), before, "init changed the folder");
}

#[test]
fn an_existing_file_it_would_write_stops_it_before_anything_is_written() {
    let site = TestSite::empty();
    site.write("README.md", "my readme");
    let before = snapshot(site.root());
    let run = init(&site, site.root(), &["--no-input"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("README.md is already there"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(site.root()), before, "init changed the folder");
}

#[test]
fn a_bad_email_without_questions_is_an_error_naming_the_flag() {
    let site = TestSite::empty();
    let run = init(
        &site,
        site.root(),
        &["--no-input", "--email", "mentoring at council"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--email: \"mentoring at council\" is not an email address"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(site.root()).unwrap().count(), 0);
}

#[test]
fn ci_github_writes_the_workflow_and_gitlab_its_file() {
    let github = started(&["--ci", "github"]);
    let workflow = std::fs::read_to_string(github.root().join(".github/workflows/publish.yml"))
        .expect("the GitHub workflow");
    assert!(workflow.contains("signpost build"), "{workflow}");
    let gitlab = started(&["--ci", "gitlab"]);
    let ci =
        std::fs::read_to_string(gitlab.root().join(".gitlab-ci.yml")).expect("the GitLab CI file");
    assert!(ci.contains("signpost build"), "{ci}");
    assert!(!gitlab.root().join(".github").exists());
}

#[test]
fn axe_finds_no_wcag_violations_in_a_new_pack() {
    if !tools_ready(&AXE_NEEDS) {
        return;
    }
    let site = started(&[]);
    site.build_ok(&[]);
    axe(&site.output(""));
}

#[test]
fn every_page_of_a_new_pack_is_valid_html() {
    if !tools_ready(&VNU_NEEDS) {
        return;
    }
    let site = started(&[]);
    site.build_ok(&[]);
    vnu(&site.output(""));
}

#[test]
fn a_new_pack_builds_with_its_pdfs() {
    if !browser_or_skip() {
        return;
    }
    let site = started(&[]);
    site.build_ok(&["--pdf"]);
    let pdfs: Vec<_> = walkdir::WalkDir::new(site.output(""))
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(
        pdfs.iter()
            .any(|p| p.display().to_string().contains("mentoring-agreement")),
        "no PDF of the agreement: {pdfs:?}"
    );
}
