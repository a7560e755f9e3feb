//! `/`-separated paths, as in links and output paths (never the disk's own
//! separators).

/// A path on disk written with `/` between its parts, as output paths
/// and links are, whatever the disk's own separator.
pub(crate) fn slashed(path: &std::path::Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins the relative `path` onto `folder` and folds `.` and `..`; `None`
/// when it climbs above the top. A `path` ending in `/` keeps its `/`
/// (unless it folds to the top, which is the empty path).
pub(crate) fn fold(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn dots_fold_into_the_folder() {
        assert_eq!(
            fold("guide", "../images/a.svg").as_deref(),
            Some("images/a.svg")
        );
        assert_eq!(
            fold("guide", "./prepare.md").as_deref(),
            Some("guide/prepare.md")
        );
        assert_eq!(
            fold("guide/prepare/", "../review/").as_deref(),
            Some("guide/review/")
        );
        assert_eq!(fold("guide/", "..//./").as_deref(), Some(""));
    }

    #[test]
    fn climbing_above_the_top_is_none() {
        assert_eq!(fold("", "../x"), None);
        assert_eq!(fold("a", "../../x"), None);
    }
}
