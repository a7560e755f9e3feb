//! `accessibility:` in site.yaml: what the generated accessibility
//! statement says that signpost cannot know (who to tell about a problem,
//! when the site was tested and the statement reviewed, what is known not
//! to work), laid out as GOV.UK's model statement for a public sector
//! website.

use super::Contact;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::util::day::Day;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// `accessibility:` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct AccessibilityEntry {
    /// Who to tell about an accessibility problem, or to ask for a page in
    /// another format. Default: the site's contact.
    contact: Option<Contact>,
    /// The day the site was last tested for accessibility, YYYY-MM-DD.
    tested: Option<String>,
    /// Who tested it: "the Workforce Equality Team", "Digital Access Ltd".
    tested_by: Option<String>,
    /// The day the statement was first prepared, YYYY-MM-DD.
    prepared: Option<String>,
    /// The day the statement was last reviewed, YYYY-MM-DD: `signpost
    /// check` warns when it is more than a year ago.
    reviewed: Option<String>,
    /// How far the site meets WCAG 2.2 AA: fully, partially or not.
    /// Default: partially.
    compliance: Option<Compliance>,
    /// What is known not to be accessible, one sentence each.
    known_issues: Option<Vec<String>>,
    /// Who enforces the regulations: ehrc (England, Scotland and Wales)
    /// or ecni (Northern Ireland). Default: ehrc.
    enforcement: Option<Enforcement>,
    /// How many working days the organisation takes to answer a request.
    /// Default: 5.
    response_days: Option<u32>,
}

/// How far a site meets WCAG 2.2 AA, as the statement's "Compliance
/// status" says.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Compliance {
    /// Fully compliant.
    Fully,
    /// Partially compliant, for the issues listed.
    #[default]
    Partially,
    /// Not compliant.
    Not,
}

/// Who enforces the accessibility regulations where the organisation is.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Enforcement {
    /// The Equality and Human Rights Commission: England, Scotland and
    /// Wales.
    #[default]
    Ehrc,
    /// The Equality Commission for Northern Ireland.
    Ecni,
}

/// How many working days a request is answered in, unless site.yaml says.
const RESPONSE_DAYS: u32 = 5;

/// The statement's settings, checked.
#[derive(Clone, Debug)]
pub(crate) struct Accessibility {
    /// Who to tell about a problem (`None`: the site's contact).
    pub contact: Option<Contact>,
    /// When the site was last tested.
    pub tested: Option<Day>,
    /// Who tested it.
    pub tested_by: Option<String>,
    /// When the statement was prepared.
    pub prepared: Option<Day>,
    /// When the statement was last reviewed.
    pub reviewed: Option<Day>,
    /// Where `reviewed:` is in site.yaml (line, column), for warnings.
    pub reviewed_at: Option<(usize, usize)>,
    /// How far the site meets WCAG 2.2 AA.
    pub compliance: Compliance,
    /// What is known not to be accessible.
    pub known_issues: Vec<String>,
    /// Who enforces the regulations.
    pub enforcement: Enforcement,
    /// Working days to answer a request.
    pub response_days: u32,
}

impl Default for Accessibility {
    /// What a site without `accessibility:` gets: nothing known but the
    /// defaults of each key.
    fn default() -> Self {
        Accessibility {
            contact: None,
            tested: None,
            tested_by: None,
            prepared: None,
            reviewed: None,
            reviewed_at: None,
            compliance: Compliance::default(),
            known_issues: Vec::new(),
            enforcement: Enforcement::default(),
            response_days: RESPONSE_DAYS,
        }
    }
}

/// Checks `accessibility:` as written in site.yaml (`text`), putting a
/// day not written `YYYY-MM-DD` in `problems` at its line.
pub(super) fn check(
    entry: AccessibilityEntry,
    text: &str,
    problems: &mut Diagnostics,
) -> Accessibility {
    let start = crate::yaml::key_line(text, "accessibility").unwrap_or(1);
    // Where `key:` is written inside the block, at or after its first line.
    let place = |key: &str| {
        let offset: usize = text.lines().take(start - 1).map(|l| l.len() + 1).sum();
        let needle = format!("{key}:");
        text.get(offset..)
            .and_then(|rest| rest.find(&needle))
            .map(|at| crate::diagnostic::line_column(text, offset + at))
    };
    let mut day = |key: &str, written: Option<String>| -> Option<Day> {
        let written = written?;
        let parsed = Day::parse(&written);
        if parsed.is_none() {
            problems.push(
                Diagnostic::error(
                    Path::new("site.yaml"),
                    format!(
                        "`accessibility.{key}` should be a day written YYYY-MM-DD, but here it is \"{written}\""
                    ),
                )
                .at_opt(place(key))
                .with_hint(format!("write it as year, month and day: `{key}: 2026-03-03`")),
            );
        }
        parsed
    };
    Accessibility {
        tested: day("tested", entry.tested),
        prepared: day("prepared", entry.prepared),
        reviewed: day("reviewed", entry.reviewed),
        reviewed_at: place("reviewed"),
        contact: entry.contact,
        tested_by: entry.tested_by.filter(|by| !by.trim().is_empty()),
        compliance: entry.compliance.unwrap_or_default(),
        known_issues: entry
            .known_issues
            .unwrap_or_default()
            .into_iter()
            .filter(|issue| !issue.trim().is_empty())
            .collect(),
        enforcement: entry.enforcement.unwrap_or_default(),
        response_days: entry.response_days.unwrap_or(RESPONSE_DAYS),
    }
}
