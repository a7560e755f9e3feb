//! Where a link or image written in a page goes: a relative path is relative
//! to the Markdown file, a path starting with `/` to the site root, and a
//! link to a `.md` file goes to the right audience's version of that page.

use super::{join, FileKey, PageId, Site, Version, VersionId};
use percent_encoding::percent_decode_str;

/// A link that was resolved.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Link {
    /// Leave the address as written (another site, `mailto:`, and so on).
    AsWritten,
    /// Write this address instead; where it has a `#fragment` into a page,
    /// the heading id must exist in that page version.
    Rewritten {
        /// The relative address to write.
        href: String,
        /// The page version and heading id that must exist, if any.
        anchor: Option<(VersionId, String)>,
        /// The language of the page it goes to, when that is not the
        /// linking page's: a page with no version in the reader's language.
        language: Option<OtherLanguage>,
    },
}

/// The language of a page a link goes to, when it is not the linking
/// page's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OtherLanguage {
    /// Its tag, for `hreflang`.
    pub tag: String,
    /// Its name in itself, for a linking page whose phrase table does not
    /// name it.
    pub label: String,
}

/// Why a link cannot be resolved: the message and a hint.
pub(crate) type LinkProblem = (String, String);

/// Where an address written in a file goes, worked out once for the file;
/// [`Site::link_for`] finishes it for each version made from the file.
#[derive(Debug)]
pub(crate) struct Destination {
    /// The query and fragment as written (`?a=b#part`), to keep.
    suffix: String,
    /// The fragment, without `#`, when it names a heading.
    fragment: Option<String>,
    kind: DestinationKind,
}

/// What kind of place a [`Destination`] is.
#[derive(Debug)]
enum DestinationKind {
    /// Another site, `mailto:` and the like, or a file whose own problem
    /// has been reported: left as written.
    AsWritten,
    /// Only a query or fragment: a place in the same page.
    SamePage,
    /// A page, by its Markdown file (and whose version that file is).
    Page { page: PageId, key: FileKey },
    /// A file copied into the output, by its path there.
    Copied(String),
    /// Neither of those: perhaps a PDF or downloads page, else missing.
    Other {
        /// The path from the site root.
        target: String,
        /// Whether it was written from the root (`/...`).
        from_root: bool,
    },
}

impl Site {
    /// Works out where `dest`, written in a file in content folder
    /// `folder`, goes, as far as that is the same for every version made
    /// from the file.
    pub(crate) fn link_destination(
        &self,
        folder: &str,
        dest: &str,
    ) -> Result<Destination, LinkProblem> {
        let as_written = |kind| Destination {
            suffix: String::new(),
            fragment: None,
            kind,
        };
        if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
            return Ok(as_written(DestinationKind::AsWritten));
        }
        let (rest, fragment) = match dest.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (dest, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        let mut suffix = String::new();
        if let Some(query) = query {
            suffix.push('?');
            suffix.push_str(query);
        }
        if let Some(fragment) = fragment {
            suffix.push('#');
            suffix.push_str(fragment);
        }
        let destination = |kind| Destination {
            suffix: suffix.clone(),
            fragment: fragment.filter(|f| !f.is_empty()).map(str::to_string),
            kind,
        };
        if path.is_empty() {
            return Ok(destination(DestinationKind::SamePage));
        }
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let target = if let Some(from_root) = decoded.strip_prefix('/') {
            crate::util::path::fold("", from_root)
        } else {
            crate::util::path::fold(folder, &decoded)
        }
        .ok_or_else(|| {
            (
                format!("`{dest}` points outside the site"),
                "a relative path starts from the folder of the Markdown file; use fewer `../`"
                    .to_string(),
            )
        })?;

        // A page, by its Markdown file or (for a section) its folder.
        let as_section = join(target.trim_end_matches('/'), "_index.md");
        let md = if target.ends_with(".md") {
            Some(target.clone())
        } else if self.by_file.contains_key(&as_section) || target.is_empty() {
            Some(as_section)
        } else {
            None
        };
        if let Some(md) = md {
            if self.broken_files.contains(&md) {
                // Already reported: the file itself has a problem.
                return Ok(as_written(DestinationKind::AsWritten));
            }
            let named = self
                .by_file
                .get(&md)
                .cloned()
                .or_else(|| self.audience_named(&md));
            let Some((page, key)) = named else {
                return Err((
                    format!("the link `{dest}` goes to content/{md}, which does not exist"),
                    "check the file name; a link to a page names its .md file, relative to this file".to_string(),
                ));
            };
            return Ok(destination(DestinationKind::Page { page, key }));
        }
        if self.copied.contains_key(&target) {
            return Ok(destination(DestinationKind::Copied(target)));
        }
        Ok(destination(DestinationKind::Other {
            target,
            from_root: decoded.starts_with('/'),
        }))
    }

    /// Finishes a link to `to`, written as `dest`, for the version
    /// `from_id`: the address relative to that version's page.
    pub(crate) fn link_for(
        &self,
        from_id: VersionId,
        to: &Destination,
        dest: &str,
    ) -> Result<Link, LinkProblem> {
        let from = &self.versions[from_id];
        let rewritten = |href: String, anchor| {
            Ok(Link::Rewritten {
                href: format!("{href}{}", to.suffix),
                anchor,
                language: None,
            })
        };
        match &to.kind {
            DestinationKind::AsWritten => Ok(Link::AsWritten),
            DestinationKind::SamePage => {
                rewritten(String::new(), to.fragment.clone().map(|f| (from_id, f)))
            }
            DestinationKind::Page { page, key } => {
                let target = self.link_target(from, *page, key).ok_or_else(|| {
                    let wanted = key.audience.as_deref().unwrap_or(&from.audience);
                    let default = &self.config.default_audience;
                    let audiences = if key.audience.is_some() || wanted == default {
                        format!("the `{wanted}` audience")
                    } else {
                        format!("the `{wanted}` audience nor for the default audience `{default}`")
                    };
                    (
                        format!("the link `{dest}` goes to a page with no version for {audiences}"),
                        "link to a version that exists, or add the missing audience to the page"
                            .to_string(),
                    )
                })?;
                let target_version = &self.versions[target];
                if !target_version.built && !from.meta.draft {
                    return Err((
                        format!("the link `{dest}` goes to a draft, which is not built"),
                        "publish the page (`draft: false`), build with --drafts, or remove the link"
                            .to_string(),
                    ));
                }
                let href =
                    crate::url::relative(&from.url, &target_version.url, self.options.offline);
                let language = (target_version.language != from.language)
                    .then(|| self.other_language(&target_version.language));
                Ok(Link::Rewritten {
                    href: format!("{href}{}", to.suffix),
                    anchor: to.fragment.clone().map(|f| (target, f)),
                    language,
                })
            }
            DestinationKind::Copied(target) => {
                rewritten(crate::url::relative(&from.url, target, false), None)
            }
            DestinationKind::Other { target, from_root } => {
                // An accessibility statement or privacy notice, which
                // every reader has.
                if let Some(made) = self.statement(from, target) {
                    return rewritten(
                        crate::url::relative(&from.url, &made, self.options.offline),
                        None,
                    );
                }
                // A PDF (`resources/agreement/agreement.pdf`) or a downloads
                // page (`/downloads/`, `/easy-read/downloads/`): made only
                // with PDFs.
                if let Some(made) = self.made_with_pdfs(from, target) {
                    if !self.options.pdf {
                        return Err((
                            format!(
                                "`{dest}` goes to /{made}, which is made only when PDFs are made"
                            ),
                            "build with --pdf, or set `pdf: true` in site.yaml; or remove the link"
                                .to_string(),
                        ));
                    }
                    let page = made.ends_with('/');
                    let href = crate::url::relative(&from.url, &made, page && self.options.offline);
                    return rewritten(href, None);
                }
                let place = if *from_root {
                    "static/ or content/"
                } else {
                    "content/"
                };
                Err((
                    format!("`{dest}` goes to {target}, which is not a file in {place}"),
                    "check the spelling and the folder; paths are relative to this Markdown file, or to the site root when they start with /".to_string(),
                ))
            }
        }
    }

    /// The page and audience a link to `NAME.AUDIENCE.md` names when the
    /// page has no such file: `guide/prepare.professional.md` is the
    /// professional audience's version of `guide/prepare.md`, whichever
    /// file it is made from, so that a page can link to another
    /// audience's version of a page it has a version of itself.
    fn audience_named(&self, md: &str) -> Option<(PageId, FileKey)> {
        let (base, audience) = md.strip_suffix(".md")?.rsplit_once('.')?;
        self.config.audience(audience)?;
        let (page, _) = self.by_file.get(&format!("{base}.md"))?;
        Some((*page, FileKey::new(Some(audience), None)))
    }

    /// The page version a link from version `from_id` to `to` goes to,
    /// when it goes to a page of the site.
    pub(crate) fn linked_version(&self, from_id: VersionId, to: &Destination) -> Option<VersionId> {
        match &to.kind {
            DestinationKind::Page { page, key } => {
                self.link_target(&self.versions[from_id], *page, key)
            }
            _ => None,
        }
    }

    /// A language of the site, for a link to a page in it.
    fn other_language(&self, language: &str) -> OtherLanguage {
        OtherLanguage {
            tag: language.to_string(),
            label: self
                .config
                .language(language)
                .map_or(language, |l| l.label.as_str())
                .to_string(),
        }
    }

    /// The address of a file made only with PDFs that `target` names: a
    /// planned PDF, or a downloads page (the linking audience's in the
    /// linking page's language for `downloads/`; `AUDIENCE/downloads/`,
    /// `LANGUAGE/downloads/` and `LANGUAGE/AUDIENCE/downloads/` as named,
    /// the rest as the linking page's).
    fn made_with_pdfs(&self, from: &Version, target: &str) -> Option<String> {
        let folder = target.trim_end_matches('/');
        let parts: Vec<&str> = folder.split('/').collect();
        let (&last, before) = parts.split_last()?;
        if last == "downloads" {
            let (audience, language) = self.reader_named(from, before)?;
            return Some(self.downloads_url(audience, language));
        }
        if target.ends_with(".pdf") && self.is_planned_pdf(target) {
            return Some(target.to_string());
        }
        None
    }

    /// The address of the generated accessibility statement or privacy
    /// notice that `target` names (`accessibility/`, `privacy/`, under an
    /// audience's or a language's folder as a downloads page is), which
    /// every reader has: signpost writes it unless a page of the site's is
    /// there, which is then found before this.
    fn statement(&self, from: &Version, target: &str) -> Option<String> {
        let folder = target.trim_end_matches('/');
        let parts: Vec<&str> = folder.split('/').collect();
        let (&last, before) = parts.split_last()?;
        if !["accessibility", "privacy"].contains(&last) {
            return None;
        }
        let (audience, language) = self.reader_named(from, before)?;
        Some(format!("{}{last}/", self.config.prefix(audience, language)))
    }

    /// The audience and language whose page a generated page's address
    /// names by the folders before its own: none for the linking page's
    /// reader's; `AUDIENCE`, `LANGUAGE` or `LANGUAGE/AUDIENCE` as named,
    /// the rest as the default.
    fn reader_named<'a>(
        &'a self,
        from: &'a Version,
        before: &[&'a str],
    ) -> Option<(&'a str, &'a str)> {
        let is_language = |l: &str| self.config.is_other_language(l);
        let is_audience = |a: &str| self.config.audience(a).is_some();
        Some(match before {
            [] => (from.audience.as_str(), from.language.as_str()),
            [a] if is_audience(a) => (*a, self.config.language.as_str()),
            [l] if is_language(l) => (self.config.default_audience.as_str(), *l),
            [l, a] if is_language(l) && is_audience(a) => (*a, *l),
            _ => return None,
        })
    }

    /// The version a link to `page` from `from` goes to. The audience is
    /// the one the linked file is for, if it is for one, else the linking
    /// page's, else the default audience; the language the one the linked
    /// file is in, if it is in one other than the default, else the
    /// linking page's, else the default language. A language or audience
    /// the link names is never given up; the reader's language is kept
    /// before the reader's audience.
    fn link_target(&self, from: &Version, page: PageId, key: &FileKey) -> Option<VersionId> {
        let audiences: Vec<&str> = match &key.audience {
            Some(audience) => vec![audience],
            None => vec![&from.audience, &self.config.default_audience],
        };
        let languages: Vec<&str> = match &key.language {
            Some(language) => vec![language],
            None => vec![&from.language, &self.config.language],
        };
        languages
            .iter()
            .flat_map(|l| audiences.iter().map(move |a| (*a, *l)))
            .find_map(|(audience, language)| self.version_id(page, audience, language))
    }
}

/// Whether an address starts with a scheme (`https:`, `mailto:`, `x:`).
fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) if i > 0 => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_left_alone() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(has_scheme("x:y"));
        assert!(!has_scheme("prepare.md"));
        assert!(!has_scheme("a/b:c"));
    }
}
