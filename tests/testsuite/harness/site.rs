//! A small site in a temporary folder, and the runs of the real `signpost`
//! binary on it.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::server::Server;

/// A site in a temporary folder, removed when dropped.
pub(crate) struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of `signpost` printed, and whether it succeeded.
#[derive(Debug)]
pub(crate) struct Run {
    /// Exit status was 0.
    pub success: bool,
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error: diagnostics and the summary line.
    pub stderr: String,
}

impl TestSite {
    /// A site with a minimal site.yaml and nothing else.
    pub(crate) fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        site.write(
            "site.yaml",
            "title: Test pack\norganisation: Test Council\n",
        );
        std::fs::create_dir_all(site.root().join("content")).unwrap();
        site
    }

    /// An empty temporary folder, for `signpost init` to start a pack in.
    pub(crate) fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// A site whose site.yaml has the usual title and organisation and then
    /// `more` (further top-level keys).
    pub(crate) fn with_site_yaml(more: &str) -> TestSite {
        let site = TestSite::new();
        site.write(
            "site.yaml",
            &format!("title: Test pack\norganisation: Test Council\n{more}"),
        );
        site
    }

    /// A copy of the bundled example pack (site.yaml and content/).
    pub(crate) fn example() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
        copy_dir(&repo.join("content"), &site.root().join("content"));
        if repo.join("static").is_dir() {
            copy_dir(&repo.join("static"), &site.root().join("static"));
        }
        site
    }

    /// The site's folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (making its folders), relative to the site root.
    pub(crate) fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Writes a page with the given front-matter lines and body.
    pub(crate) fn page(&self, path: &str, front: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{path}"),
            &format!("---\n{front}\n---\n{body}"),
        )
    }

    /// Runs `signpost build` with extra arguments.
    pub(crate) fn build(&self, args: &[&str]) -> Run {
        self.run(
            &[
                &["build", "--root"],
                &[self.root().to_str().unwrap()][..],
                args,
            ]
            .concat(),
        )
    }

    /// Runs `signpost` with these arguments.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `signpost` with these arguments and these environment
    /// variables set.
    pub(crate) fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_signpost"))
            .args(args)
            .envs(env.iter().copied())
            .env_remove("RUST_BACKTRACE")
            .output()
            .expect("signpost runs");
        Run {
            success: output.status.success(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs `signpost check --root ROOT` with more arguments; panics if it
    /// crashed.
    pub(crate) fn check(&self, args: &[&str]) -> Run {
        let root = self.root().to_str().unwrap().to_string();
        let run = self.run(&[&["check", "--root", root.as_str()][..], args].concat());
        assert!(
            !run.stderr.contains("panicked") && !run.stdout.contains("fault in signpost"),
            "{}{}",
            run.stdout,
            run.stderr
        );
        run
    }

    /// Starts `signpost serve` on a free port; returns once it answers.
    pub(crate) fn serve(&self) -> Server {
        Server::start_at(self.root(), 0)
    }

    /// Builds and panics with the messages if the build fails.
    pub(crate) fn build_ok(&self, args: &[&str]) -> Run {
        let run = self.build(args);
        assert!(run.success, "the build failed:\n{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run
    }

    /// Builds with `--pdf` and the browser the harness found, then `extra`;
    /// panics if the build fails. Call `browser_or_skip()` first.
    pub(crate) fn build_pdf_ok(&self, extra: &[&str]) -> Run {
        let browser = super::browser::find_browser().expect("browser_or_skip() is called first");
        let browser = browser.to_str().expect("the browser's path is UTF-8");
        self.build_ok(&[&["--pdf", "--browser", browser][..], extra].concat())
    }

    /// The PDF at `path` in the output, parsed.
    pub(crate) fn pdf(&self, path: &str) -> lopdf::Document {
        lopdf::Document::load(self.output(path)).unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }

    /// Builds and panics if the build succeeds; returns its messages.
    pub(crate) fn build_fails(&self, args: &[&str]) -> String {
        let run = self.build(args);
        assert!(
            !run.success,
            "the build should have failed:\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        run.stderr
    }

    /// The path of a file in the output.
    pub(crate) fn output(&self, path: &str) -> PathBuf {
        self.root().join("public").join(path)
    }

    /// The text of a file in the output.
    pub(crate) fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.output(path))
            .unwrap_or_else(|e| panic!("public/{path} should exist: {e}"))
    }

    /// Whether a file exists in the output.
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.output(path).exists()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
