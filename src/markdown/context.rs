//! What the Markdown stage needs to know about the rest of the site, and no
//! more: the file it renders, the values its Tera pass may use, and a way
//! to resolve the addresses it finds. Keeping this narrow lets the renderer
//! be tested with a fake link table, and changed without knowing the site.

use crate::content::links::{Link, LinkProblem};
use crate::content::VersionId;
use std::path::Path;

/// Resolves the addresses written in a body, in two steps so that versions
/// made from one file share the first: where an address goes from the
/// file's folder, then the link each version writes.
pub(crate) trait Links {
    /// Where an address goes, as far as that is the same for every version
    /// made from one file.
    type Destination;

    /// Works out where `dest`, written in a file in content folder
    /// `from_folder`, goes.
    fn destination(&self, from_folder: &str, dest: &str) -> Result<Self::Destination, LinkProblem>;

    /// Finishes a link to `to`, written as `dest`, for the page version
    /// `from_version`.
    fn link_for(
        &self,
        from_version: VersionId,
        to: &Self::Destination,
        dest: &str,
    ) -> Result<Link, LinkProblem>;
}

/// The Markdown file a body comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageFile<'a> {
    /// The path shown in messages (`content/guide/prepare.md`).
    pub path: &'a Path,
    /// The body, after the front-matter.
    pub body: &'a str,
    /// The line of the file the body starts on, so that problems are placed
    /// in the file rather than in the body.
    pub first_line: usize,
    /// The content folder the file is in, which relative addresses start
    /// from (`guide`, or empty at the top).
    pub folder: &'a str,
}

/// Everything the Markdown stage reads to render one file's body. The
/// theme's `Style` goes with each version rendered instead, since versions
/// that share one reading may have different themes.
pub(crate) struct RenderContext<'a, L: Links> {
    /// The file being rendered.
    pub file: PageFile<'a>,
    /// The body after the template pass, which the build runs before this
    /// stage; versions rendered together share it.
    pub markdown: &'a str,
    /// Resolves the body's links and images.
    pub links: &'a L,
}
