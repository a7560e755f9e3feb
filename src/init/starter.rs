//! The starter pack, kept as real files in `scaffold/starter/` and built
//! into signpost, and the plan of the files a new pack gets: the pages for
//! the chosen audiences, site.yaml and README.md with the answers filled
//! in, and the CI workflow asked for.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir, DirEntry};

use super::answers::{Answers, Ci, AUDIENCES};

/// `scaffold/starter/`, as it was when signpost was compiled.
static STARTER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scaffold/starter");

/// The GitHub Actions workflow `--ci github` writes.
const GITHUB_WORKFLOW: &str = include_str!("../../scaffold/ci/github-pages.yml");

/// The GitLab CI file `--ci gitlab` writes.
const GITLAB_CI: &str = include_str!("../../scaffold/ci/gitlab-ci.yml");

/// One file of the new pack.
#[derive(Debug)]
pub(crate) struct Planned {
    /// Where it goes, relative to the pack's folder.
    pub(crate) path: PathBuf,
    /// What it holds.
    pub(crate) bytes: Vec<u8>,
}

/// Every file the new pack gets, for these answers.
pub(crate) fn plan(answers: &Answers) -> Vec<Planned> {
    let mut files = Vec::new();
    collect(&STARTER, &mut files);
    let mut planned: Vec<Planned> = files
        .into_iter()
        .filter(|file| for_chosen_audiences(file.path(), &answers.audiences))
        .map(|file| {
            let path = destination(file.path());
            let bytes = match path.to_str() {
                Some("site.yaml") => fill(file.contents(), answers, yaml_quoted).into_bytes(),
                Some("README.md") => fill(file.contents(), answers, str::to_string).into_bytes(),
                _ => file.contents().to_vec(),
            };
            Planned { path, bytes }
        })
        .collect();
    match answers.ci {
        Some(Ci::Github) => planned.push(Planned {
            path: PathBuf::from(".github/workflows/publish.yml"),
            bytes: GITHUB_WORKFLOW.as_bytes().to_vec(),
        }),
        Some(Ci::Gitlab) => planned.push(Planned {
            path: PathBuf::from(".gitlab-ci.yml"),
            bytes: GITLAB_CI.as_bytes().to_vec(),
        }),
        None => {}
    }
    planned.sort_by(|a, b| a.path.cmp(&b.path));
    planned
}

/// Every file under `dir`, at any depth.
fn collect<'a>(dir: &'a Dir<'a>, files: &mut Vec<&'a include_dir::File<'a>>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(inner) => collect(inner, files),
            DirEntry::File(file) => files.push(file),
        }
    }
}

/// Whether a starter file belongs in a pack for these audiences: a variant
/// `NAME.AUDIENCE.md` only when its audience was chosen (a variant for an
/// audience the site does not have is an error in a build).
fn for_chosen_audiences(path: &Path, chosen: &[&str]) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    let Some(stem) = name.strip_suffix(".md") else {
        return true;
    };
    match stem.rsplit_once('.') {
        Some((_, audience)) => chosen.contains(&audience),
        None => true,
    }
}

/// Where a starter file goes: as it is, but `gitignore` becomes
/// `.gitignore` (kept without its dot in this repository so that it does
/// not apply to signpost's own files).
fn destination(path: &Path) -> PathBuf {
    if path == Path::new("gitignore") {
        PathBuf::from(".gitignore")
    } else {
        path.to_path_buf()
    }
}

/// `text` with each `@NAME@` placeholder replaced by its answer, each
/// written by `quote`; `@AUDIENCES@` becomes site.yaml's audience lines.
fn fill(contents: &[u8], answers: &Answers, quote: fn(&str) -> String) -> String {
    let text = String::from_utf8_lossy(contents);
    let audiences: String = AUDIENCES
        .iter()
        .filter(|(id, _)| answers.audiences.contains(id))
        .map(|(id, label)| format!("  {id}: {{ label: {label} }}\n"))
        .collect();
    text.replace("@TITLE@", &quote(&answers.title))
        .replace("@ORGANISATION@", &quote(&answers.organisation))
        .replace("@CONTACT_NAME@", &quote(&answers.contact_name))
        .replace("@EMAIL@", &quote(&answers.email))
        .replace("@PHONE@", &quote(&answers.phone))
        .replace("@AUDIENCES@\n", &audiences)
}

/// `text` as a YAML double-quoted scalar (a JSON string is one), so that
/// any title or name reads back as the text typed.
fn yaml_quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::answers::{from_flags, Flags};

    #[test]
    fn variants_for_audiences_not_chosen_are_left_out() {
        let answers = Answers {
            audiences: vec!["professional", "easy-read"],
            ..from_flags(&Flags::default()).unwrap()
        };
        let paths: Vec<String> = plan(&answers)
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        assert!(
            paths.contains(&"content/_index.easy-read.md".to_string()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"content/_index.md".to_string()),
            "{paths:?}"
        );
        assert!(paths.contains(&".gitignore".to_string()), "{paths:?}");
        assert!(!paths.iter().any(|p| p.ends_with(".carer.md")), "{paths:?}");
    }

    #[test]
    fn site_yaml_gets_the_answers_quoted() {
        let answers = Answers {
            title: "Pack: \"ours\" # 1".into(),
            audiences: vec!["carer"],
            ..from_flags(&Flags::default()).unwrap()
        };
        let site = plan(&answers)
            .into_iter()
            .find(|f| f.path == Path::new("site.yaml"))
            .unwrap();
        let text = String::from_utf8(site.bytes).unwrap();
        assert!(text.contains(r#"title: "Pack: \"ours\" # 1""#), "{text}");
        assert!(
            text.contains("  carer: { label: For carers and families }\n"),
            "{text}"
        );
        assert!(!text.contains("professional: {"), "{text}");
        for placeholder in [
            "@TITLE@",
            "@ORGANISATION@",
            "@CONTACT_NAME@",
            "@EMAIL@",
            "@PHONE@",
            "@AUDIENCES@",
        ] {
            assert!(
                !text.contains(placeholder),
                "{placeholder} left in:\n{text}"
            );
        }
    }
}
