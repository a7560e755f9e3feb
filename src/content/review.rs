//! A page version's review dates: `reviewed`, the day its content was last
//! checked, and `next_review`, the day its next check is due, which is
//! `review_months` (site.yaml) after `reviewed` unless the page gives it.

use super::files::FileKey;
use super::frontmatter::{Day, FrontMatter, SourceFile};
use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

/// Where a review date is written: the file and the line of its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DatePlace {
    /// The file, as messages show it (`content/guide/prepare.md`).
    pub file: PathBuf,
    /// The 1-based line of the key.
    pub line: usize,
    /// The 1-based column of the key.
    pub column: usize,
}

/// A page version's review dates, read from the files that make it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Review {
    /// The day its content was last checked.
    pub reviewed: Option<Day>,
    /// The day its next check is due: as written, else counted from
    /// `reviewed`.
    pub next_review: Option<Day>,
    /// The line that decides `next_review`: its own, or, where it is
    /// counted, `reviewed`'s.
    pub next_review_at: Option<DatePlace>,
}

impl Day {
    /// The day as the calendar crate holds it; `None` for a year it
    /// cannot hold (none that `Day::parse` reads).
    pub(crate) fn civil(self) -> Option<jiff::civil::Date> {
        let year = i16::try_from(self.year).ok()?;
        let month = i8::try_from(self.month).ok()?;
        let day = i8::try_from(self.day).ok()?;
        jiff::civil::Date::new(year, month, day).ok()
    }

    /// The day from the calendar crate's.
    fn from_civil(date: jiff::civil::Date) -> Day {
        Day {
            year: i32::from(date.year()),
            month: date.month().unsigned_abs().into(),
            day: date.day().unsigned_abs().into(),
        }
    }

    /// The same day `months` months later, or the month's last day where
    /// it has no such day (31 January and a month is 28 or 29 February);
    /// `None` past the year 9999.
    pub(crate) fn after_months(self, months: u32) -> Option<Day> {
        let span = jiff::Span::new().try_months(i64::from(months)).ok()?;
        let later = self.civil()?.checked_add(span).ok()?;
        Some(Day::from_civil(later))
    }

    /// Today, in this computer's time zone.
    pub(crate) fn today() -> Day {
        Day::from_civil(jiff::ZonedDateTime::now().date())
    }
}

/// Reads the review dates of a version made of `chain` (its files, the
/// most specific first), counting a missing `next_review` from
/// `reviewed` with `months`. Each key comes from the first file that sets
/// it, but a `next_review` only from a file at least as specific as the
/// one that gives `reviewed`: a variant reviewed on a day of its own is
/// due for its next review from that day, not on the day its base page is.
/// Problems (a date that is not a day, a next review not after the last)
/// are pushed to `problems`, each at its key's line.
pub(crate) fn resolve(
    chain: &[(&FileKey, &SourceFile)],
    months: u32,
    problems: &mut Vec<Diagnostic>,
) -> Review {
    let setter = |key: fn(&FrontMatter) -> &Option<String>| {
        chain
            .iter()
            .position(|(_, file)| key(&file.front).is_some())
    };
    let reviewed_in = setter(|front| &front.reviewed);
    let next_in = setter(|front| &front.next_review)
        .filter(|&next| reviewed_in.is_none_or(|reviewed| next <= reviewed));
    let place = |index: usize, key: &str| {
        let file = chain[index].1;
        let (line, column) = file.key_place(key).unwrap_or((1, 1));
        DatePlace {
            file: file.path.clone(),
            line,
            column,
        }
    };
    let mut day = |index: usize, key: &str, text: &str, hint: &str| {
        let day = Day::parse(text);
        if day.is_none() {
            let at = place(index, key);
            problems.push(
                Diagnostic::error(
                    &at.file,
                    format!(
                        "`{key}` should be a day written YYYY-MM-DD, but here it is \"{text}\""
                    ),
                )
                .at(at.line, at.column)
                .with_hint(hint),
            );
        }
        day
    };
    let reviewed = reviewed_in.and_then(|index| {
        let text = chain[index].1.front.reviewed.as_deref().unwrap_or_default();
        day(
            index,
            "reviewed",
            text,
            "write the day it was reviewed as year, month and day: `reviewed: 2026-03-03`",
        )
    });
    let next_given = next_in.map(|index| {
        let text = chain[index].1.front.next_review.as_deref().unwrap_or_default();
        let hint = "write the day the next review is due as year, month and day: `next_review: 2027-03-03`";
        (index, day(index, "next_review", text, hint))
    });
    match (next_given, reviewed_in) {
        (Some((index, next)), _) => {
            let at = place(index, "next_review");
            if let (Some(next), Some(reviewed)) = (next, reviewed) {
                if next <= reviewed {
                    problems.push(
                        Diagnostic::error(
                            &at.file,
                            format!(
                                "`next_review` is {next}, which is not after the day the page was reviewed ({reviewed})"
                            ),
                        )
                        .at(at.line, at.column)
                        .with_hint(format!(
                            "give a day after `reviewed`, or leave `next_review` out: the next review is then due {months} months after it"
                        )),
                    );
                }
            }
            Review {
                reviewed,
                next_review: next,
                next_review_at: Some(at),
            }
        }
        (None, Some(index)) => {
            let at = place(index, "reviewed");
            let next = reviewed.and_then(|day| {
                let next = day.after_months(months);
                if next.is_none() {
                    problems.push(
                        Diagnostic::error(
                            &at.file,
                            format!("the next review, {months} months after `reviewed`, would fall after the year 9999"),
                        )
                        .at(at.line, at.column)
                        .with_hint("check the year of `reviewed`"),
                    );
                }
                next
            });
            Review {
                reviewed,
                next_review: next,
                next_review_at: Some(at),
            }
        }
        (None, None) => Review::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn months_later_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(day("2026-03-01").after_months(12), Some(day("2027-03-01")));
        assert_eq!(day("2026-01-31").after_months(1), Some(day("2026-02-28")));
        assert_eq!(day("2028-01-31").after_months(1), Some(day("2028-02-29")));
        assert_eq!(day("2026-11-15").after_months(3), Some(day("2027-02-15")));
        assert_eq!(day("9999-06-01").after_months(12), None);
    }
}
