//! `signpost check`: what a build checks (links, images, anchors), and the
//! reading rules and audience coverage a council must meet before
//! publishing.

pub mod readability;

use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use serde::Serialize;

/// What `signpost check` was asked for.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Also check `http(s)` links on the web.
    pub external: bool,
}

/// What `signpost check` found.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Every problem, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a site whose bodies are rendered (`None` for a body that failed
/// to render, already reported).
pub fn run(_site: &Site, _bodies: &[Option<Rendered>], _options: &CheckOptions) -> Report {
    Report::default()
}

impl Report {
    /// The report as readable text: every problem, then a summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            out.push_str(&diagnostic.to_string());
            out.push('\n');
        }
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = self.diagnostics.len() - errors;
        out.push_str(&format!("{errors} errors, {warnings} warnings\n"));
        out
    }
}
