//! Reading a text file of the site: UTF-8 only, with the byte-order mark
//! some Windows editors write first taken off.

use crate::diagnostic::{io_words, line_column, Diagnostic};
use std::path::Path;

/// The text of a file of the site (`path`, shown as `shown`), without the
/// byte-order mark some Windows editors put first, which would otherwise
/// be read as part of the first key. A file that is not UTF-8 is an error
/// placed at its first character that is not.
pub(crate) fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(
            shown,
            format!("cannot read {}: {}", shown.display(), io_words(&error)),
        )
    })?;
    let mut text = String::from_utf8(bytes).map_err(|error| not_utf8(shown, error.as_bytes()))?;
    if text.starts_with(BYTE_ORDER_MARK) {
        text.drain(..BYTE_ORDER_MARK.len_utf8());
    }
    Ok(text)
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The error for a file that is not UTF-8, at its first bad byte.
fn not_utf8(shown: &Path, bytes: &[u8]) -> Diagnostic {
    let valid = match std::str::from_utf8(bytes) {
        Ok(all) => all,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    };
    let valid = valid.strip_prefix(BYTE_ORDER_MARK).unwrap_or(valid);
    let (line, column) = line_column(valid, valid.len());
    Diagnostic::error(
        shown,
        format!("{} is not saved as UTF-8 text: the character here is in another encoding", shown.display()),
    )
    .at(line, column)
    .with_hint("save it as UTF-8 (in most editors: Save As, then choose the encoding UTF-8); letters such as é or £ saved another way are the usual cause")
}
