//! Slugs: text made into an id or a file name, lowercased, each run of
//! characters that are not kept made one hyphen, trimmed.

/// `text` as a slug, keeping the characters `keep` accepts: letters and
/// digits of any script for heading ids, ASCII ones for file names.
pub(crate) fn slug(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if keep(c) {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn runs_of_other_characters_become_one_hyphen_and_the_ends_are_trimmed() {
        assert_eq!(
            slug("  Set the Aims!  ", char::is_alphanumeric),
            "set-the-aims"
        );
        assert_eq!(
            slug("Café für Kinder", char::is_alphanumeric),
            "café-für-kinder"
        );
        assert_eq!(
            slug("Café für Kinder", |c| c.is_ascii_alphanumeric()),
            "caf-f-r-kinder"
        );
        assert_eq!(slug("--", char::is_alphanumeric), "");
    }
}
