//! `signpost init`: starts a new programme pack in a folder, from the
//! starter pack kept in `scaffold/starter/`, with the few facts (title,
//! organisation, contact) filled in from flags or answers to questions.
//!
//! The answers are gathered first ([`answers`] from flags, [`questions`] at
//! a terminal), the files planned from them ([`starter`]), and only then
//! written ([`write`]), after every path has been checked, so that nothing
//! a user wrote is ever replaced.

mod answers;
mod questions;
mod starter;
mod write;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub use answers::{Ci, Flags};

/// Starts a pack in `dir`. With `prompt`, asks for every answer the flags
/// did not give on `input`, writing the questions to `output`; without it,
/// uses the flags and the defaults, and fails on a flag that is not valid.
/// Returns the files written, relative to `dir`.
pub fn init(
    dir: &Path,
    flags: &Flags,
    prompt: Option<(&mut dyn BufRead, &mut dyn Write)>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    // Refuse before asking anything, so nobody answers questions in vain.
    write::refuse_a_pack(dir)?;
    let answers = match prompt {
        Some((input, output)) => questions::ask(flags, input, output)
            .map_err(|e| Diagnostic::general(format!("could not read the answers: {e}")))?,
        None => answers::from_flags(flags)?,
    };
    let files = starter::plan(&answers);
    write::write_all(dir, &files)?;
    Ok(files.into_iter().map(|file| file.path).collect())
}
