//! The zip file of an audience's PDFs in one language, written beside its
//! downloads page so that staff can take the whole pack at once: every PDF
//! under its own file name, in the pack's order, deflated, with a fixed
//! date, permissions and system, so that the same PDFs always make the
//! same bytes.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Cursor, Seek, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// One PDF to put in a zip file.
pub(crate) struct Entry<'a> {
    /// Its name in the zip file.
    pub name: String,
    /// The PDF on disk.
    pub file: &'a Path,
}

/// The names the PDFs at `paths` (from the output root, all under
/// `prefix`, the audience's and language's folder) take in their zip
/// file: each its file name, but where an earlier PDF already took that
/// name (two pages called `log` in different sections), its path under
/// `prefix`, which no other PDF has.
pub(crate) fn entry_names(paths: &[&str], prefix: &str) -> Vec<String> {
    let mut taken = HashSet::new();
    paths
        .iter()
        .map(|path| {
            let name = path.rsplit('/').next().unwrap_or(path);
            let name = if taken.contains(name) {
                path.strip_prefix(prefix).unwrap_or(path)
            } else {
                name
            };
            taken.insert(name.to_string());
            name.to_string()
        })
        .collect()
}

/// The bytes of the zip file of `entries`, in their order.
pub(crate) fn zipped(entries: &[Entry]) -> io::Result<Vec<u8>> {
    Ok(zip_into(Cursor::new(Vec::new()), entries)?.into_inner())
}

/// Writes a zip file of `entries` to `out`, returning `out` once the zip's
/// directory is written.
fn zip_into<W: Write + Seek>(out: W, entries: &[Entry]) -> io::Result<W> {
    // Deflate, not store: a PDF's streams are compressed already, but its
    // objects and cross-reference table are not, and deflating them saves
    // about a fifth (the example pack's easy-read PDFs: 679 KB, zipped
    // 544 KB). The date is the earliest a zip file can hold (1 January
    // 1980), and the system and permissions are fixed, so nothing in the
    // zip depends on when or where it was made.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(out);
    for entry in entries {
        zip.start_file(entry.name.as_str(), options)?;
        io::copy(&mut File::open(entry.file)?, &mut zip)?;
    }
    Ok(zip.finish()?)
}

#[cfg(test)]
mod tests {
    use super::{entry_names, zipped, Entry};
    use std::io::{Cursor, Read};

    #[test]
    fn entries_take_their_file_names_and_a_repeated_name_its_path() {
        let paths = [
            "easy-read/guide/guide-easy-read.pdf",
            "easy-read/resources/log/log-easy-read.pdf",
            "easy-read/guide/log/log-easy-read.pdf",
        ];
        assert_eq!(
            entry_names(&paths, "easy-read/"),
            [
                "guide-easy-read.pdf",
                "log-easy-read.pdf",
                "guide/log/log-easy-read.pdf"
            ]
        );
    }

    #[test]
    fn the_same_files_make_the_same_zip_with_their_bytes_in_order() {
        let folder = tempfile::tempdir().unwrap();
        let files = [
            ("b.pdf", b"%PDF-1.7 second".as_slice()),
            ("a.pdf", b"%PDF-1.7 first"),
        ];
        for (name, bytes) in files {
            std::fs::write(folder.path().join(name), bytes).unwrap();
        }
        let paths: Vec<_> = files.iter().map(|(n, _)| folder.path().join(n)).collect();
        let entries: Vec<Entry> = files
            .iter()
            .zip(&paths)
            .map(|((name, _), file)| Entry {
                name: name.to_string(),
                file,
            })
            .collect();
        let first = zipped(&entries).unwrap();
        let again = zipped(&entries).unwrap();
        assert_eq!(first, again, "a zip of the same files differs");
        let mut archive = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        assert_eq!(archive.len(), 2);
        for (n, (name, bytes)) in files.iter().enumerate() {
            let mut entry = archive.by_index(n).unwrap();
            assert_eq!(entry.name().unwrap(), *name);
            // Nothing of when it was made: the earliest date a zip holds.
            assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
            assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(read, *bytes);
        }
    }
}
