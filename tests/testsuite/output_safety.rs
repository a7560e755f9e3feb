//! The output folder is only ever one signpost made: a build never writes
//! into the site's own folders or a folder of the user's, never follows a
//! link to delete what it points to, and a killed, crashed or concurrent
//! build never leaves the output broken or temporary folders behind.
//! Unix only: the tests make links and mounts.
#![cfg(unix)]

use crate::harness::tree::snapshot;
use crate::harness::TestSite;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `signpost build --root SITE ARGS`; returns the exit code and what
/// it printed on standard error.
fn build(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let run = site.build(args);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (run.code, run.stderr)
}

/// A site with pages, a static file, a theme of its own and a built
/// `public/`: every kind of file a user keeps in a site.
fn full_site() -> TestSite {
    let site = TestSite::new();
    site.page("_index.md", "title: Home", "Welcome.");
    site.page("guide/start.md", "title: Start", "First steps.");
    site.write("static/leaflet.txt", "a file of the user's");
    site.write("themes/local/theme.yaml", "name: local\n");
    site.build_ok(&[]);
    site
}

/// Builds `site` into `out`, expects it refused with exit status 1 and a
/// message saying `why`, and checks that nothing in the site changed.
fn assert_refused(site: &TestSite, out: &Path, why: &str) {
    let before = snapshot(site.root());
    let (code, stderr) = build(site, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(why), "expected {why:?} in:\n{stderr}");
    assert!(stderr.contains("hint: build into another folder with --out"));
    assert!(
        stderr.contains(&format!("{} was not changed", out.display())),
        "{stderr}"
    );
    assert!(
        snapshot(site.root()) == before,
        "building into {} changed the site",
        out.display()
    );
}

// ---------------------------------------------------------------------------
// Outputs that are the site's own folders

#[test]
fn the_content_folder_is_refused_as_output_and_every_file_kept() {
    let site = full_site();
    assert_refused(
        &site,
        &site.root().join("content"),
        "it is the site's content/ folder",
    );
}

#[test]
fn the_site_folder_is_refused_as_output_and_every_file_kept() {
    let site = full_site();
    assert_refused(&site, site.root(), "it is the site's own folder");
}

#[test]
fn a_folder_above_the_site_is_refused_as_output_and_every_file_kept() {
    let site = full_site();
    let above = site.root().parent().unwrap();
    assert_refused(&site, above, "it holds the site's folder");
}

#[test]
fn the_static_and_themes_folders_and_folders_inside_them_are_refused() {
    let site = full_site();
    assert_refused(
        &site,
        &site.root().join("static"),
        "it is the site's static/ folder",
    );
    assert_refused(
        &site,
        &site.root().join("themes"),
        "it is the site's themes/ folder",
    );
    assert_refused(
        &site,
        &site.root().join("content/guide/site"),
        "it is inside the site's content/ folder",
    );
}

#[test]
fn a_link_to_the_content_folder_is_refused_and_kept_as_a_link() {
    let site = full_site();
    let link = site.root().join("public-link");
    std::os::unix::fs::symlink(site.root().join("content"), &link).unwrap();
    assert_refused(&site, &link, "(it leads to ");
    let (_, stderr) = build(&site, &["--out", link.to_str().unwrap()]);
    assert!(
        stderr.contains("it is the site's content/ folder"),
        "{stderr}"
    );
}

#[test]
fn the_default_output_inside_the_site_folder_is_fine() {
    let site = full_site();
    site.build_ok(&["--out", site.root().join("public").to_str().unwrap()]);
    assert!(site.exists("guide/start/index.html"));
}

// ---------------------------------------------------------------------------
// Outputs that hold the user's files

#[test]
fn a_folder_of_the_users_is_refused_and_kept_unless_forced() {
    let site = full_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("docs");
    std::fs::create_dir_all(out.join("photos")).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let before = snapshot(elsewhere.path());
    let (code, stderr) = build(&site, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} already holds files signpost did not make: notes.txt, photos/",
            out.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("build again with --force"), "{stderr}");
    assert!(snapshot(elsewhere.path()) == before, "the folder changed");

    let (code, stderr) = build(&site, &["--out", out.to_str().unwrap(), "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.join("guide/start/index.html").is_file());
    assert!(!out.join("notes.txt").exists());
    assert_eq!(names_in(elsewhere.path()), ["docs"]);
}

#[test]
fn a_file_as_output_is_refused_and_kept() {
    let site = full_site();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let (code, stderr) = build(&site, &["--out", file.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), b"mine");
}

#[test]
fn an_output_signpost_made_takes_the_users_extra_files_away() {
    let site = full_site();
    assert!(
        site.exists(".signpost-output"),
        "the build marks its output"
    );
    site.write("public/stray.html", "left from elsewhere");
    site.build_ok(&[]);
    assert!(!site.exists("stray.html"));
    assert!(site.exists(".signpost-output"));
}

#[test]
fn an_output_of_an_earlier_signpost_without_the_marker_is_replaced() {
    let site = full_site();
    std::fs::remove_file(site.output(".signpost-output")).unwrap();
    site.page("guide/next.md", "title: Next", "");
    site.build_ok(&[]);
    assert!(site.exists("guide/next/index.html") && site.exists(".signpost-output"));
}

// ---------------------------------------------------------------------------
// Links

#[test]
fn a_linked_output_is_built_into_its_target_and_stays_a_link() {
    let site = full_site();
    let server = tempfile::tempdir().unwrap();
    let target = server.path().join("html");
    std::fs::create_dir(&target).unwrap();
    let link = site.root().join("www");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let link_arg = link.to_str().unwrap();
    build_ok_into(&site, link_arg);
    build_ok_into(&site, link_arg);
    assert_eq!(std::fs::read_link(&link).unwrap(), target, "still the link");
    assert!(target.join("guide/start/index.html").is_file());
    assert!(target.join(".signpost-output").is_file());
    assert_eq!(names_in(server.path()), ["html"], "nothing left beside it");
}

#[test]
fn a_link_to_a_folder_of_the_users_is_refused_and_both_are_kept() {
    let site = full_site();
    let server = tempfile::tempdir().unwrap();
    let target = server.path().join("html");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("their-page.html"), "theirs").unwrap();
    let link = site.root().join("www");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let before = snapshot(server.path());
    let (code, stderr) = build(&site, &["--out", link.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("their-page.html"), "{stderr}");
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert!(snapshot(server.path()) == before, "the target changed");
}

#[test]
fn a_link_in_the_old_output_is_removed_not_followed() {
    let site = full_site();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("precious.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.output("linked")).unwrap();
    site.build_ok(&[]);
    assert!(site.output("linked").symlink_metadata().is_err());
    assert_eq!(names_in(elsewhere.path()), ["precious.txt"]);
}

#[test]
fn a_link_to_nowhere_as_output_is_refused_with_where_it_leads() {
    let site = full_site();
    let link = site.root().join("www");
    std::os::unix::fs::symlink("/nonexistent/html", &link).unwrap();
    let (code, stderr) = build(&site, &["--out", link.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("is a link to /nonexistent/html, which does not exist"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("/nonexistent/html")
    );
}

fn build_ok_into(site: &TestSite, out: &str) {
    let (code, stderr) = build(site, &["--out", out]);
    assert_eq!(code, Some(0), "{stderr}");
}

// ---------------------------------------------------------------------------
// Killed and concurrent builds

#[test]
fn temporary_folders_of_dead_builds_are_removed_by_the_next_build() {
    let site = full_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("precious.txt"), "keep").unwrap();
    for stale in [
        ".public.signpost-new-4000001",
        ".public.signpost-old-4000002",
    ] {
        site.write(&format!("{stale}/guide/index.html"), "half a build");
        let link = site.root().join(stale).join("link");
        std::os::unix::fs::symlink(outside.path(), link).unwrap();
    }
    site.write(".other.signpost-new-1/index.html", "another output's");
    site.build_ok(&[]);
    assert!(!site.root().join(".public.signpost-new-4000001").exists());
    assert!(!site.root().join(".public.signpost-old-4000002").exists());
    assert!(site.root().join(".other.signpost-new-1").exists());
    assert_eq!(names_in(outside.path()), ["precious.txt"]);
}

#[test]
fn three_builds_at_once_all_succeed_and_leave_one_whole_output() {
    let site = TestSite::example();
    site.build_ok(&[]);
    let whole: Vec<PathBuf> = snapshot(&site.output("")).into_keys().collect();
    let builds: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_signpost"))
                .args(["build", "--root", site.root().to_str().unwrap()])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in builds {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
    let after: Vec<PathBuf> = snapshot(&site.output("")).into_keys().collect();
    assert_eq!(after, whole);
    assert_eq!(names_in(site.root()), ["content", "public", "site.yaml"]);
}

/// A site of `pages` pages, slow enough to build that it can be killed
/// part way.
fn big_site(pages: usize) -> TestSite {
    let site = TestSite::new();
    let body = "A paragraph of text about the programme.\n\n".repeat(20);
    for i in 0..pages {
        site.page(
            &format!("section-{}/page-{i}.md", i % 20),
            &format!("title: Page {i}"),
            &body,
        );
    }
    site
}

#[test]
fn a_killed_build_leaves_the_previous_output_whole_and_the_next_cleans_up() {
    let site = big_site(600);
    site.build_ok(&[]);
    let previous = snapshot(&site.output(""));
    site.page("section-0/page-0.md", "title: Changed", "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["build", "--root", site.root().to_str().unwrap()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let fresh = site
        .root()
        .join(format!(".public.signpost-new-{}", child.id()));
    wait_until_pages_are_written(&fresh);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(fresh.exists(), "the build was killed part way");
    assert!(
        snapshot(&site.output("")) == previous,
        "the previous output is whole"
    );
    site.build_ok(&[]);
    assert!(site.read("section-0/page-0/index.html").contains("Changed"));
    assert_eq!(names_in(site.root()), ["content", "public", "site.yaml"]);
}

/// Waits until a build has written page folders into `fresh`.
fn wait_until_pages_are_written(fresh: &Path) {
    let started = Instant::now();
    while !fresh.join("section-1").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

// ---------------------------------------------------------------------------
// Mount points

/// A folder bind-mounted over another, unmounted when dropped.
struct BindMount {
    at: PathBuf,
}

impl BindMount {
    /// Mounts `from` at `at`, or says why it cannot (it needs root).
    fn new(from: &Path, at: &Path) -> Option<BindMount> {
        let mounted = Command::new("mount")
            .arg("--bind")
            .args([from, at])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            // Straight to stderr, not eprintln!, so that it shows without --nocapture.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: `mount --bind` is not allowed here (it needs root); \
                 the unit test of output::tests covers the same code without a mount"
            );
            return None;
        }
        Some(BindMount {
            at: at.to_path_buf(),
        })
    }
}

impl Drop for BindMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

#[test]
fn a_mount_point_as_output_has_its_contents_replaced() {
    let site = full_site();
    let volume = tempfile::tempdir().unwrap();
    let (disk, out) = (volume.path().join("disk"), volume.path().join("out"));
    std::fs::create_dir_all(disk.join("theirs")).unwrap();
    std::fs::create_dir(&out).unwrap();
    let Some(_mount) = BindMount::new(&disk, &out) else {
        return;
    };
    let out_arg = out.to_str().unwrap();
    let (code, stderr) = build(&site, &["--out", out_arg]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("theirs/"), "{stderr}");
    assert!(disk.join("theirs").is_dir(), "kept when not forced");

    let (code, stderr) = build(&site, &["--out", out_arg, "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("busy"), "{stderr}");
    site.page("guide/next.md", "title: Next", "");
    let (code, stderr) = build(&site, &["--out", out_arg]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.join("guide/next/index.html").is_file());
    let names = names_in(&out);
    assert!(names.contains(&".signpost-output".to_string()));
    assert!(!names
        .iter()
        .any(|n| n == "theirs" || n.starts_with(".signpost-new")));
    assert!(!names
        .iter()
        .any(|n| n == ".signpost-lock" || n.starts_with(".signpost-old")));
    assert_eq!(
        names_in(volume.path()),
        ["disk", "out"],
        "nothing beside it"
    );
}

#[test]
fn a_failed_build_into_a_new_folder_leaves_no_folder_behind() {
    let site = full_site();
    site.page("guide/broken.md", "title: [unclosed", "");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("new/deep/public");
    let (code, stderr) = build(&site, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("guide/broken.md"), "{stderr}");
    assert!(
        names_in(elsewhere.path()).is_empty(),
        "{:?}",
        names_in(elsewhere.path())
    );
}
