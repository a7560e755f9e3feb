//! The reports `signpost check` prints for code-hosting sites, so that
//! every problem shows on the pull or merge request at its line:
//! [`github`] prints GitHub Actions workflow commands (`::error
//! file=…,line=…,col=…::…`), and [`gitlab`] a GitLab Code Quality report
//! (a JSON array of issues).
//!
//! Both name files as the text report does (relative to the site's
//! folder), under `base`: the site's folder as given on the command line
//! when it is a relative path, so that a site in a folder of its
//! repository (`--root pack`) is named from the repository's top, where
//! both sites look for files.

use crate::diagnostic::{Diagnostic, Severity};
use crate::util::hex::hex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Component, Path};

/// One GitHub Actions workflow command a problem (`::error …::message` or
/// `::warning …::message`), a line each.
pub fn github(diagnostics: &[Diagnostic], base: &Path) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        if let Some(file) = &diagnostic.file {
            properties.push(format!("file={}", property(&shown_path(base, file))));
            if let Some(line) = diagnostic.line {
                properties.push(format!("line={line}"));
                if let Some(column) = diagnostic.column {
                    properties.push(format!("col={column}"));
                }
            }
        }
        if let Some(rule) = &diagnostic.rule {
            properties.push(format!("title={}", property(rule)));
        }
        let properties = if properties.is_empty() {
            String::new()
        } else {
            format!(" {}", properties.join(","))
        };
        out.push_str(&format!(
            "::{command}{properties}::{}\n",
            data(&full_message(diagnostic, base, "\n"))
        ));
    }
    out
}

/// A workflow command's message with the characters GitHub reads as
/// special written as `%25`, `%0D` and `%0A`.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`data`], and `:` and `,`,
/// which end a value, written as `%3A` and `%2C`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One issue of a GitLab Code Quality report.
#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

/// Where an issue is: a file and its first line.
#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

/// The first line of an issue.
#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// A GitLab Code Quality report: a JSON array with one issue a problem.
/// Errors are `major` and warnings `minor`. GitLab needs a file and a line
/// for every issue: a problem with no file is put on site.yaml, and one
/// with no line on line 1. Each fingerprint is a hash of the rule, file,
/// line and message, so that the same problem has the same fingerprint in
/// every pipeline and GitLab can tell new problems from old ones; a second
/// problem with all four the same is told apart by how many came before it.
pub fn gitlab(diagnostics: &[Diagnostic], base: &Path) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Issue> = diagnostics
        .iter()
        .map(|diagnostic| {
            let path = match &diagnostic.file {
                Some(file) => shown_path(base, file),
                None => shown_path(base, Path::new("site.yaml")),
            };
            let line = diagnostic.line.unwrap_or(1);
            let rule = diagnostic.rule.as_deref().unwrap_or("signpost");
            let mut key = format!("{rule}\0{path}\0{line}\0{}", diagnostic.message);
            let earlier = seen.entry(key.clone()).or_insert(0);
            if *earlier > 0 {
                key.push_str(&format!("\0{earlier}"));
            }
            *earlier += 1;
            Issue {
                description: full_message(diagnostic, base, " "),
                check_name: rule.to_string(),
                fingerprint: hex(&Sha256::digest(key.as_bytes())),
                severity: match diagnostic.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string())
}

/// The message with what was being rendered, the second place and the
/// hint, joined by `separator`.
fn full_message(diagnostic: &Diagnostic, base: &Path, separator: &str) -> String {
    let mut text = diagnostic.message.clone();
    if let Some(context) = &diagnostic.context {
        text.push_str(&format!(" (while rendering {context})"));
    }
    if let Some(related) = &diagnostic.related {
        let mut place = shown_path(base, &related.file);
        if let Some(line) = related.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = related.column {
                place.push_str(&format!(":{column}"));
            }
        }
        text.push_str(&format!("{separator}See {place} ({}).", related.label));
    }
    if let Some(hint) = &diagnostic.hint {
        text.push_str(&format!("{separator}Hint: {hint}"));
    }
    text
}

/// `file` under `base`, with `/` between its parts and no `./`; a file
/// named by an absolute path is kept as it is.
fn shown_path(base: &Path, file: &Path) -> String {
    let joined = if file.is_absolute() {
        file.to_path_buf()
    } else {
        base.join(file)
    };
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => absolute = true,
            Component::Prefix(prefix) => parts.push(prefix.as_os_str().to_string_lossy().into()),
            Component::ParentDir => parts.push("..".to_string()),
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
        }
    }
    let path = parts.join("/");
    if absolute {
        format!("/{path}")
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Place;
    use std::path::PathBuf;

    fn broken_link() -> Diagnostic {
        Diagnostic::error("content/guide.md", "the link to `missing.md` goes nowhere")
            .at(12, 7)
            .with_hint("link to a page that exists")
    }

    fn long_sentence() -> Diagnostic {
        Diagnostic::warning(
            "content/easy.md",
            "this sentence has 20 words, 100% too many",
        )
        .at(3, 1)
        .with_rule("easy-read/sentence-length")
    }

    #[test]
    fn github_prints_one_error_or_warning_command_a_problem_at_its_place() {
        let out = github(&[broken_link(), long_sentence()], Path::new(""));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=content/guide.md,line=12,col=7::the link to `missing.md` goes nowhere%0AHint: link to a page that exists",
                "::warning file=content/easy.md,line=3,col=1,title=easy-read/sentence-length::this sentence has 20 words, 100%25 too many",
            ]
        );
    }

    #[test]
    fn github_leaves_out_what_is_not_known() {
        let whole_file = Diagnostic::error("site.yaml", "it is not YAML");
        let nowhere = Diagnostic::general("no browser was found");
        let out = github(&[whole_file, nowhere], Path::new(""));
        assert_eq!(
            out,
            "::error file=site.yaml::it is not YAML\n::error::no browser was found\n"
        );
    }

    #[test]
    fn github_escapes_what_would_end_a_property_or_the_command() {
        let odd = Diagnostic::error("content/a,b:c%.md", "line one\r\nline two").with_rule("x:y");
        let out = github(&[odd], Path::new(""));
        assert_eq!(
            out,
            "::error file=content/a%2Cb%3Ac%25.md,title=x%3Ay::line one%0D%0Aline two\n"
        );
    }

    #[test]
    fn files_are_named_from_a_relative_site_folder_without_dot_slash() {
        let out = github(&[broken_link()], Path::new("./pack"));
        assert!(
            out.starts_with("::error file=pack/content/guide.md,"),
            "{out}"
        );
        let related = broken_link().with_related(Place {
            file: PathBuf::from("content/other.md"),
            line: Some(4),
            column: None,
            label: "the other page".into(),
        });
        let out = gitlab(&[related], Path::new("pack"));
        assert!(
            out.contains("See pack/content/other.md:4 (the other page)."),
            "{out}"
        );
    }

    #[test]
    fn gitlab_gives_every_field_with_major_errors_and_minor_warnings() {
        let out = gitlab(
            &[
                broken_link(),
                long_sentence(),
                Diagnostic::general("no browser"),
            ],
            Path::new(""),
        );
        let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
        let issues = issues.as_array().unwrap();
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0]["severity"], "major");
        assert_eq!(issues[0]["check_name"], "signpost");
        assert_eq!(issues[0]["location"]["path"], "content/guide.md");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 12);
        assert_eq!(
            issues[0]["description"],
            "the link to `missing.md` goes nowhere Hint: link to a page that exists"
        );
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[1]["check_name"], "easy-read/sentence-length");
        assert_eq!(issues[2]["location"]["path"], "site.yaml");
        assert_eq!(issues[2]["location"]["lines"]["begin"], 1);
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 64);
    }

    #[test]
    fn gitlab_fingerprints_are_stable_and_differ_between_problems() {
        let fingerprints = |diagnostics: &[Diagnostic]| -> Vec<String> {
            let out: serde_json::Value =
                serde_json::from_str(&gitlab(diagnostics, Path::new(""))).unwrap();
            out.as_array()
                .unwrap()
                .iter()
                .map(|issue| issue["fingerprint"].as_str().unwrap().to_string())
                .collect()
        };
        let first = fingerprints(&[broken_link(), long_sentence()]);
        assert_eq!(first, fingerprints(&[broken_link(), long_sentence()]));
        assert_ne!(first[0], first[1]);
        let moved = broken_link().at(13, 7);
        assert_ne!(fingerprints(&[moved])[0], first[0]);
        let twice = fingerprints(&[broken_link(), broken_link().at(12, 9)]);
        assert_ne!(twice[0], twice[1]);
        assert_eq!(twice[0], first[0]);
    }

    #[test]
    fn gitlab_reports_nothing_as_an_empty_array() {
        assert_eq!(gitlab(&[], Path::new("")), "[]");
    }
}
