//! The `review/overdue` rule: pages whose next review (`next_review`, or
//! `review_months` after `reviewed`) has passed, each warned of at the
//! front-matter line that decides the day and listed in the report.

use super::rules::finding::Rule;
use crate::content::frontmatter::Day;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::path::PathBuf;

/// The day `check` judges review dates against: today, or the day
/// `--today` gives. The JSON report writes it `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(transparent)]
pub struct Today(Day);

impl Today {
    /// Reads `2026-03-03`, as `--today` is written.
    pub fn parse(text: &str) -> Result<Today, String> {
        Day::parse(text)
            .map(Today)
            .ok_or_else(|| format!("`{text}` is not a day written YYYY-MM-DD, such as 2026-03-03"))
    }

    /// The day as a calendar date.
    pub(crate) fn date(self) -> jiff::civil::Date {
        self.0
            .civil()
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    /// This computer's day, in its time zone.
    pub(crate) fn now() -> Today {
        Today(Day::today())
    }
}

/// A page whose next review has passed, as the JSON report lists it: one
/// entry for each front-matter line that decides the day, with every page
/// version that takes it.
#[derive(Clone, Debug, Serialize)]
pub struct Overdue {
    /// The file that gives the day.
    pub file: PathBuf,
    /// The line of `next_review`, or of `reviewed` when the day is
    /// counted from it.
    pub line: usize,
    /// The column of that key.
    pub column: usize,
    /// The day the page was last reviewed, `YYYY-MM-DD`, if it says.
    pub reviewed: Option<String>,
    /// The day its next review was due, `YYYY-MM-DD`.
    pub next_review: String,
    /// The URL paths of the page versions that take this day
    /// (`/guide/prepare/`, `/cy/guide/prepare/`).
    pub urls: Vec<String>,
}

/// The built page versions whose next review is before `today`, gathered
/// by the line that decides it, in the site's order.
pub(crate) fn find(site: &Site, today: Today) -> Vec<Overdue> {
    let mut found: Vec<Overdue> = Vec::new();
    for version in site.versions.iter().filter(|v| v.built) {
        let meta = &version.meta;
        let (Some(due), Some(at)) = (meta.next_review, &meta.next_review_at) else {
            continue;
        };
        if due >= today.0 {
            continue;
        }
        let url = format!("/{}", version.url);
        match found
            .iter_mut()
            .find(|o| o.file == at.file && o.line == at.line)
        {
            Some(entry) => entry.urls.push(url),
            None => found.push(Overdue {
                file: at.file.clone(),
                line: at.line,
                column: at.column,
                reviewed: meta.reviewed.map(|day| day.to_string()),
                next_review: due.to_string(),
                urls: vec![url],
            }),
        }
    }
    found
}

/// The warning for an overdue page, at its line, before the rule's level
/// is applied.
pub(crate) fn warning(overdue: &Overdue, today: Today) -> Diagnostic {
    let pages = match overdue.urls.as_slice() {
        [one] => one.clone(),
        many => format!("{} and {} more", many[0], many.len() - 1),
    };
    Diagnostic::warning(
        &overdue.file,
        format!(
            "this page's next review was due on {}, before today ({}): {pages}",
            overdue.next_review, today.0
        ),
    )
    .at(overdue.line, overdue.column)
    .with_rule(Rule::ReviewOverdue.name())
    .with_hint(
        "check that the page is still right, then set `reviewed` to the day you checked it (and `next_review`, if the page gives one)",
    )
}

/// The text report's list of overdue pages; empty when there are none.
pub(crate) fn to_text(overdue: &[Overdue], today: Today) -> String {
    if overdue.is_empty() {
        return String::new();
    }
    let mut out = format!("Pages overdue for review (today is {})\n\n", today.0);
    for entry in overdue {
        out.push_str(&format!(
            "{}:{}  due {}  {}\n",
            entry.file.display(),
            entry.line,
            entry.next_review,
            entry.urls.join(" ")
        ));
    }
    out.push('\n');
    out
}
