//! Search: each audience's pages in each language made into a search index
//! with Pagefind, in the build, so that the audience's search page finds
//! that audience's pages in that language and no others, from any web
//! server, with nothing loaded from another host. The index is made from
//! what [`document`] gives of each page, never from the page the theme
//! makes. Only the index files are kept: the search page has its own
//! script, which reads the index with Pagefind's `pagefind.js`.

mod document;
mod folder;
mod reuse;

pub(crate) use document::{document, Details, Document};

use crate::output::Output;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// The pages of one audience in one language, and where their index goes.
#[derive(Debug)]
pub(crate) struct Collection {
    /// The output folder the index is written into, ending in `/`.
    pub folder: String,
    /// Their language, as a BCP 47 tag.
    pub language: String,
    /// The pages, as the index reads them.
    pub documents: Vec<Document>,
}

/// The files of every collection's index, and how many were made and
/// how many kept from the last build.
#[derive(Debug, Default)]
pub(crate) struct Indexes {
    /// Every file, with the record of what each index was made from, by
    /// output path.
    pub files: BTreeMap<String, Output>,
    /// How many indexes were made.
    pub made: usize,
    /// How many were kept from the last build, their pages unchanged.
    pub unchanged: usize,
}

/// Makes the index of every collection, but copies from the output in
/// `previous` (the last build's, if there was one) each index whose pages
/// have not changed since; `Err` says why one could not be made.
pub(crate) fn index_or_keep(
    collections: Vec<Collection>,
    previous: &std::path::Path,
) -> Result<Indexes, String> {
    let recorded = reuse::recorded(previous);
    let mut indexes = Indexes::default();
    let mut record = BTreeMap::new();
    let mut to_make = Vec::new();
    for collection in collections {
        let digest = reuse::digest(&collection);
        let kept = (recorded.get(&collection.folder) == Some(&digest))
            .then(|| reuse::kept(previous, &collection.folder))
            .flatten();
        record.insert(collection.folder.clone(), digest);
        match kept {
            Some(files) => {
                indexes.files.extend(files);
                indexes.unchanged += 1;
            }
            None => to_make.push(collection),
        }
    }
    indexes.made = to_make.len();
    indexes.files.extend(index_all(to_make)?);
    if !record.is_empty() {
        let json = serde_json::to_vec_pretty(&record).unwrap_or_default();
        indexes
            .files
            .insert(reuse::RECORD.to_string(), Output::Bytes(json));
    }
    Ok(indexes)
}

/// Makes the index of every collection, side by side, and gives its files
/// by output path; `Err` says why one could not be made.
pub(crate) fn index_all(collections: Vec<Collection>) -> Result<BTreeMap<String, Output>, String> {
    if collections.is_empty() {
        return Ok(BTreeMap::new());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("could not start making the search index: {error}"))?;
    let made = runtime.block_on(futures::future::join_all(
        collections.into_iter().map(index_one),
    ));
    let mut files = BTreeMap::new();
    for collection in made {
        files.extend(collection?);
    }
    Ok(files)
}

/// Makes one collection's index, and gives the files it needs by output
/// path.
async fn index_one(collection: Collection) -> Result<BTreeMap<String, Output>, String> {
    let options = PagefindServiceConfig::builder()
        .force_language(index_language(&collection.language))
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(failed)?;
    let pages = folder::write(&collection.documents)?;
    let read = index
        .add_directory(pages.path.to_string_lossy().into_owned(), None)
        .await
        .map_err(failed)?;
    if read != collection.documents.len() {
        return Err(failed(format!(
            "{read} of its {} pages could be read",
            collection.documents.len()
        )));
    }
    let files = index.get_files().await.map_err(failed)?;
    Ok(files
        .into_iter()
        .filter(|file| is_needed(&file.filename))
        .map(|file| {
            let name = crate::util::path::slashed(&file.filename);
            (
                format!("{}{name}", collection.folder),
                Output::Bytes(file.contents),
            )
        })
        .collect())
}

/// Why an index could not be made, in words.
fn failed(error: impl std::fmt::Display) -> String {
    format!("the search index could not be made: {error}")
}

/// The language an index is made for: the first part of the tag
/// (`en-GB` is `en`), which is how Pagefind names languages and picks the
/// word endings it folds together (Welsh has none, and is matched as
/// written).
fn index_language(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_lowercase()
}

/// Whether a file Pagefind makes is needed by the search page: the index
/// and the script that reads it, not Pagefind's own search interfaces.
fn is_needed(name: &std::path::Path) -> bool {
    let name = name.to_string_lossy();
    ![
        "pagefind-ui",
        "pagefind-modular-ui",
        "pagefind-component-ui",
        "pagefind-highlight",
        "playground",
    ]
    .iter()
    .any(|ui| name.starts_with(ui))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_language_is_the_first_part_of_the_tag() {
        assert_eq!(index_language("en-GB"), "en");
        assert_eq!(index_language("cy"), "cy");
    }
}
