//! Publishing (docs/publish.md): the starter CI workflows in scaffold/ci
//! run only real `signpost` commands, which work on a small site exactly
//! as written; `check --format github` and `--format gitlab` put each
//! problem at its file and line; the Dockerfile copies and builds what
//! exists; and the Netlify, Azure and IIS recipes in docs/publish.md work
//! as written.

use crate::harness::browser::{find_browser, skip_or_fail};
use crate::harness::TestSite;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's folder.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, parsed as YAML.
fn yaml(path: &str) -> Yaml {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

/// A shell command a workflow runs, with the environment variables its
/// step or job sets.
#[derive(Debug)]
struct Step {
    /// The workflow it is in, for messages.
    workflow: &'static str,
    /// The command line, as written.
    line: String,
    /// Environment variables set for it.
    env: Vec<(String, String)>,
}

/// The name-value pairs of a YAML mapping (`env:` or `variables:`).
fn pairs(mapping: Option<&Yaml>) -> Vec<(String, String)> {
    mapping
        .and_then(Yaml::as_mapping)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
        .collect()
}

/// Every line of every `run:` of the GitHub workflow.
fn github_steps() -> Vec<Step> {
    let workflow = yaml("scaffold/ci/github-pages.yml");
    let mut steps = Vec::new();
    for (_, job) in workflow["jobs"].as_mapping().expect("jobs") {
        for step in job["steps"].as_sequence().expect("steps") {
            let Some(run) = step["run"].as_str() else {
                continue;
            };
            for line in run.lines().filter(|l| !l.trim().is_empty()) {
                steps.push(Step {
                    workflow: "github-pages.yml",
                    line: line.trim().to_string(),
                    env: pairs(step.get("env")),
                });
            }
        }
    }
    steps
}

/// Every line of every `before_script:` and `script:` of the GitLab
/// pipeline, the default's first.
fn gitlab_steps() -> Vec<Step> {
    let pipeline = yaml("scaffold/ci/gitlab-ci.yml");
    let mut steps = Vec::new();
    let mut add = |job: &Yaml| {
        for key in ["before_script", "script"] {
            for line in job[key].as_sequence().into_iter().flatten() {
                steps.push(Step {
                    workflow: "gitlab-ci.yml",
                    line: line.as_str().expect("a script line").to_string(),
                    env: pairs(job.get("variables")),
                });
            }
        }
    };
    add(&pipeline["default"]);
    for (name, job) in pipeline.as_mapping().unwrap() {
        if job.get("script").is_some() && name.as_str() != Some("default") {
            add(job);
        }
    }
    steps
}

/// The lines that run signpost, split into words, with the file standard
/// output is sent to (`> file`), if any.
fn signpost_commands(steps: &[Step]) -> Vec<(&Step, Vec<String>, Option<String>)> {
    steps
        .iter()
        .filter(|step| step.line.split_whitespace().next() == Some("signpost"))
        .map(|step| {
            let mut words: Vec<String> = step
                .line
                .split_whitespace()
                .skip(1)
                .map(str::to_string)
                .collect();
            let out = words.iter().position(|w| w == ">").map(|i| {
                let file = words.get(i + 1).cloned().expect("a file after >");
                words.truncate(i);
                file
            });
            for word in &words {
                assert!(
                    !word.contains(['|', '&', ';', '$', '"', '\'']),
                    "{}: `{}` is more than one plain command",
                    step.workflow,
                    step.line
                );
            }
            (step, words, out)
        })
        .collect()
}

/// A small site with nothing wrong in it and a printable page, so that
/// `--pdf` has something to print.
fn clean_site() -> TestSite {
    let site = TestSite::new();
    site.page("guide/start.md", "title: Start here", "Read this first.");
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        "We agree to meet once a month.",
    );
    site
}

/// A site with a link to a page that does not exist: the link's target
/// is on line 6, column 21 of content/guide/start.md.
fn broken_site() -> TestSite {
    let site = TestSite::new();
    site.page(
        "guide/start.md",
        "title: Start here",
        "Read this first.\n\nThen [the next page](missing.md).\n",
    );
    site
}

/// Runs `signpost` with `args` in `dir`, with `env` set.
fn run_in(dir: &Path, args: &[String], env: &[(String, String)]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(args)
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("signpost runs")
}

/// Runs every signpost command of a workflow as written, in a clean site,
/// and checks that each succeeds and does what it is there for.
fn every_command_works(steps: &[Step]) {
    let commands = signpost_commands(steps);
    let names: Vec<&str> = commands.iter().map(|(_, w, _)| w[0].as_str()).collect();
    assert!(
        names.contains(&"check") && names.contains(&"build"),
        "the workflow should check and build: {steps:#?}"
    );
    let site = clean_site();
    for (step, mut args, out) in commands {
        let mut env = step.env.clone();
        if args.iter().any(|a| a == "--pdf") && args[0] == "build" {
            // The workflow names the browser of the machine it runs on;
            // here, use this machine's.
            env.retain(|(k, _)| k != "SIGNPOST_BROWSER");
            match find_browser() {
                Some(browser) => env.push((
                    "SIGNPOST_BROWSER".into(),
                    browser.to_string_lossy().into_owned(),
                )),
                None => {
                    skip_or_fail(
                        &format!("no Chromium or Chrome to run `{}`", step.line),
                        &format!(
                            "running `{}` without --pdf: no Chromium or Chrome",
                            step.line
                        ),
                    );
                    args.retain(|a| a != "--pdf");
                }
            }
        }
        let output = run_in(site.root(), &args, &env);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{}: `{}` failed on a site with nothing wrong:\n{stdout}\n{stderr}",
            step.workflow,
            step.line
        );
        assert!(!stderr.contains("fault in signpost"), "{stderr}");
        if let Some(file) = out {
            std::fs::write(site.root().join(&file), output.stdout.as_slice()).unwrap();
        }
        if args[0] == "build" {
            assert!(site.exists("index.html"), "`{}` wrote no site", step.line);
            if args.iter().any(|a| a == "--pdf") {
                assert!(
                    site.exists("resources/agreement/agreement.pdf"),
                    "`{}` printed no PDF:\n{stderr}",
                    step.line
                );
            }
        }
    }
}

/// The repository address Cargo.toml gives.
fn repository() -> String {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("repository = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("Cargo.toml names its repository")
        .to_string()
}

/// Checks that the workflow installs signpost from the repository
/// Cargo.toml names.
fn installs_from_the_repository(steps: &[Step]) {
    let install = format!("cargo install --locked --git {} signpost", repository());
    assert!(
        steps.iter().any(|s| s.line == install),
        "no step runs `{install}`: {steps:#?}"
    );
}

// ---------------------------------------------------------------------------
// The workflows

#[test]
fn the_github_workflow_runs_real_commands_that_work_on_a_clean_site() {
    let steps = github_steps();
    installs_from_the_repository(&steps);
    every_command_works(&steps);
    let check = signpost_commands(&steps)
        .into_iter()
        .find(|(_, w, _)| w[0] == "check")
        .unwrap();
    assert!(check.1.ends_with(&["--format".into(), "github".into()]));
}

#[test]
fn the_github_workflow_publishes_the_folder_the_build_writes_from_main_only() {
    let workflow = yaml("scaffold/ci/github-pages.yml");
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload-pages-artifact step");
    assert_eq!(upload["with"]["path"], "public");
    let publish = &workflow["jobs"]["publish"];
    assert_eq!(publish["needs"], "build");
    let condition = publish["if"].as_str().unwrap();
    assert!(condition.contains("refs/heads/main"), "{condition}");
    assert!(condition.contains("pull_request"), "{condition}");
    assert_eq!(publish["permissions"]["pages"], "write");
    assert_eq!(publish["permissions"]["id-token"], "write");
}

#[test]
fn the_gitlab_pipeline_runs_real_commands_that_work_on_a_clean_site() {
    let steps = gitlab_steps();
    installs_from_the_repository(&steps);
    every_command_works(&steps);
    let pipeline = yaml("scaffold/ci/gitlab-ci.yml");
    let check = &pipeline["check"];
    let report = check["artifacts"]["reports"]["codequality"]
        .as_str()
        .unwrap();
    let command = check["script"][0].as_str().unwrap();
    assert!(
        command.contains("--format gitlab") && command.ends_with(&format!("> {report}")),
        "the check job should write its Code Quality report to {report}: {command}"
    );
    assert_eq!(check["artifacts"]["when"], "always");
    let pages = &pipeline["pages"];
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    let stages: Vec<&str> = pipeline["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    let at = |job: &Yaml| {
        let stage = job["stage"].as_str().unwrap();
        stages.iter().position(|s| *s == stage).unwrap()
    };
    assert!(at(check) < at(pages), "pages must wait for check");
}

// ---------------------------------------------------------------------------
// The formats

#[test]
fn check_format_github_puts_an_error_at_its_file_line_and_column() {
    let site = broken_site();
    let run = site.check(&["--format", "github"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("no ::error command:\n{}", run.stdout));
    assert!(
        line.starts_with("::error file=content/guide/start.md,line=6,col=21::"),
        "{line}"
    );
    assert!(line.contains("missing.md"), "{line}");
    assert!(
        line.contains("%0AHint: "),
        "the hint is in the message: {line}"
    );
    assert!(
        run.stdout.lines().all(|l| l.starts_with("::")),
        "only workflow commands on stdout:\n{}",
        run.stdout
    );
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

#[test]
fn check_format_github_names_files_from_a_relative_root() {
    let parent = tempfile::tempdir().unwrap();
    let site = broken_site();
    let pack = parent.path().join("pack");
    std::fs::rename(site.root(), &pack).unwrap();
    let args: Vec<String> = ["check", "--root", "pack", "--format", "github"]
        .map(String::from)
        .into();
    let output = run_in(parent.path(), &args, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("::error file=pack/content/guide/start.md,line=6,col=21::"),
        "{stdout}"
    );
    std::fs::rename(&pack, site.root()).unwrap();
}

#[test]
fn check_format_gitlab_is_a_code_quality_report() {
    let site = broken_site();
    site.page(
        "easy/hard.md",
        "title: Hard\naudiences: [easy-read]",
        "Mentoring, e.g. weekly, is ninety per cent about listening.\n",
    );
    let run = site.check(&["--format", "gitlab"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let issues: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    let issues = issues.as_array().expect("an array of issues");
    let link = issues
        .iter()
        .find(|i| i["description"].as_str().unwrap().contains("missing.md"))
        .unwrap_or_else(|| panic!("no issue for the broken link: {issues:#?}"));
    assert_eq!(link["severity"], "major");
    assert_eq!(link["location"]["path"], "content/guide/start.md");
    assert_eq!(link["location"]["lines"]["begin"], 6);
    assert!(link["check_name"].is_string());
    for issue in issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[field].is_string(), "{field} in {issue}");
        }
        assert!(issue["location"]["path"].is_string(), "{issue}");
        assert!(issue["location"]["lines"]["begin"].is_u64(), "{issue}");
    }
    let warning = issues
        .iter()
        .find(|i| i["check_name"] == "easy-read/numbers")
        .unwrap_or_else(|| panic!("no easy-read/numbers warning: {issues:#?}"));
    assert_eq!(warning["severity"], "minor");
    assert_eq!(warning["location"]["path"], "content/easy/hard.md");
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    let again = site.check(&["--format", "gitlab"]);
    assert_eq!(
        again.stdout, run.stdout,
        "the same site gives the same report"
    );
    assert!(
        run.stderr.contains("--> content/guide/start.md:6:21"),
        "the log shows the problems as text:\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// The container recipe

/// The Dockerfile's instructions, one a line, continuation lines joined.
fn dockerfile() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("Dockerfile")).unwrap();
    text.replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_dockerfile_copies_what_exists_and_carries_the_binary_it_builds() {
    let lines = dockerfile();
    let from: Vec<&String> = lines.iter().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(from.len(), 2, "two stages: {from:?}");
    assert!(
        from[0].starts_with("FROM rust:1-bookworm AS "),
        "{}",
        from[0]
    );
    let stage = from[0].rsplit(' ').next().unwrap();
    assert!(
        from[1].starts_with("FROM debian:bookworm-slim"),
        "{}",
        from[1]
    );
    let build_stage = &lines[..lines.iter().position(|l| l == from[1]).unwrap()];
    let workdir = build_stage
        .iter()
        .find_map(|l| l.strip_prefix("WORKDIR "))
        .expect("the build stage has a WORKDIR");
    let mut copied = Vec::new();
    for line in build_stage.iter().filter(|l| l.starts_with("COPY ")) {
        let words: Vec<&str> = line.split_whitespace().skip(1).collect();
        for source in &words[..words.len() - 1] {
            let path = repo().join(source);
            assert!(
                path.exists(),
                "`{line}` copies {source}, which is not in the repository"
            );
            copied.push(path.canonicalize().unwrap());
        }
    }
    // Every file the compiler reads besides src/ must be copied in.
    for (file, included) in included_files() {
        assert!(
            copied.iter().any(|c| included.starts_with(c)),
            "{} includes {}, which the Dockerfile does not copy",
            file.display(),
            included.display()
        );
    }
    let build = build_stage
        .iter()
        .find(|l| l.starts_with("RUN cargo build"))
        .expect("a RUN cargo build line");
    assert!(
        build.contains("--release") && build.contains("--locked"),
        "{build}"
    );
    let carried = format!("COPY --from={stage} {workdir}/target/release/signpost ");
    let runtime = &lines[build_stage.len()..];
    assert!(
        runtime.iter().any(|l| l.starts_with(&carried)),
        "the runtime stage should copy the built binary ({carried}…): {runtime:#?}"
    );
    let install = runtime
        .iter()
        .find(|l| l.contains("apt-get install"))
        .expect("an apt-get install line");
    assert!(install.contains("chromium") && install.contains("fonts-liberation"));
    let user = runtime
        .iter()
        .find_map(|l| l.strip_prefix("USER "))
        .expect("a USER line");
    assert!(user != "root" && user != "0", "runs as {user}");
    assert!(runtime.contains(&"WORKDIR /site".to_string()));
    assert!(runtime.contains(&"ENTRYPOINT [\"signpost\"]".to_string()));
}

/// Every file or folder named by `include_str!`, `include_bytes!` or
/// `include_dir!` in src/, by the source file naming it; not those in a
/// file's unit tests (after its first `#[cfg(test)]`), which a release
/// build does not compile.
fn included_files() -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        for macro_name in ["include_str!(", "include_bytes!(", "include_dir!("] {
            for (at, _) in text.match_indices(macro_name) {
                let rest = &text[at + macro_name.len()..];
                let Some(quoted) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                let name = &quoted[..quoted.find('"').unwrap()];
                let path = match name.strip_prefix("$CARGO_MANIFEST_DIR/") {
                    Some(from_top) => repo().join(from_top),
                    None => entry.path().parent().unwrap().join(name),
                };
                let path = path.canonicalize().unwrap_or(path);
                found.push((entry.path().to_path_buf(), path));
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------
// The recipes in docs/publish.md

/// The text of the first fenced block after `marker` in docs/publish.md.
fn recipe(marker: &str) -> String {
    let docs = std::fs::read_to_string(repo().join("docs/publish.md")).unwrap();
    let after = &docs[docs
        .find(marker)
        .unwrap_or_else(|| panic!("docs/publish.md has no {marker}"))..];
    let start = after.find("```").unwrap();
    let body = &after[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

#[test]
fn the_azure_and_iis_files_in_the_docs_reach_the_top_of_the_site_and_name_its_404_page() {
    let site = clean_site();
    let azure = recipe("Save this as `static/staticwebapp.config.json`");
    let iis = recipe("Save this as `static/web.config`");
    site.write("static/staticwebapp.config.json", &azure);
    site.write("static/web.config", &iis);
    site.build_ok(&[]);
    let config: Json = serde_json::from_str(&site.read("staticwebapp.config.json"))
        .unwrap_or_else(|e| panic!("the Azure recipe is not JSON: {e}"));
    let page = config["responseOverrides"]["404"]["rewrite"]
        .as_str()
        .expect("a 404 rewrite");
    assert!(site.exists(page.trim_start_matches('/')), "{page}");
    let web_config = site.read("web.config");
    assert!(
        web_config.contains("<error statusCode=\"404\" path=\"/404.html\""),
        "{web_config}"
    );
    assert!(site.exists("404.html"));
}

#[test]
fn the_netlify_recipe_runs_real_commands_and_publishes_the_folder_they_write() {
    let netlify = recipe("Save this as `netlify.toml`");
    assert!(netlify.contains("publish = \"public\""), "{netlify}");
    let command = netlify
        .lines()
        .find_map(|l| l.trim().strip_prefix("command = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("a build command");
    let steps: Vec<Step> = command
        .split("&&")
        .map(|part| Step {
            workflow: "netlify.toml",
            line: part.trim().to_string(),
            env: Vec::new(),
        })
        .collect();
    installs_from_the_repository(&steps);
    every_command_works(&steps);
}
