//! What `signpost check` says of the accessibility statement: a site
//! without an `accessibility:` block in site.yaml still gets one, written
//! from its title, organisation and contact, but a public body must say
//! when it tested its site and reviewed the statement; and a statement
//! not reviewed for more than a year is out of date (the regulations ask
//! for a review every year).

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use jiff::civil::Date;

/// The hint every warning gives: where the keys are described.
const SEE: &str = "docs/content.md, \"The accessibility statement\", lists its keys";

/// The warnings about site.yaml's `accessibility:` block, on `today`.
pub(crate) fn warnings(config: &Config, today: Date) -> Vec<Diagnostic> {
    let Some(settings) = &config.accessibility else {
        return vec![Diagnostic::warning(
            "site.yaml",
            "site.yaml has no `accessibility:` block, so the accessibility statement cannot say \
             when the site was tested or the statement last reviewed",
        )
        .with_hint(format!(
            "add `accessibility:` with `tested`, `reviewed`, `contact` and `known_issues`; {SEE}"
        ))];
    };
    let Some(reviewed) = settings.reviewed else {
        return vec![Diagnostic::warning(
            "site.yaml",
            "the accessibility statement does not say when it was last reviewed",
        )
        .at_opt(crate::yaml::key_line(&config.text, "accessibility").map(|line| (line, 1)))
        .with_hint(format!(
            "add `reviewed: YYYY-MM-DD` under `accessibility:`, the day someone last checked the statement; {SEE}"
        ))];
    };
    let Ok(day) = Date::new(
        i16::try_from(reviewed.year).unwrap_or(i16::MAX),
        i8::try_from(reviewed.month).unwrap_or(1),
        i8::try_from(reviewed.day).unwrap_or(1),
    ) else {
        return Vec::new();
    };
    let a_year_after = day
        .checked_add(jiff::Span::new().years(1))
        .unwrap_or(Date::MAX);
    if today <= a_year_after {
        return Vec::new();
    }
    vec![Diagnostic::warning(
        "site.yaml",
        format!(
            "the accessibility statement was last reviewed on {day}, more than a year before {today}"
        ),
    )
    .at_opt(settings.reviewed_at)
    .with_hint(
        "review the statement (test the site again if it has changed), then set `reviewed:` \
         under `accessibility:` to the day you did",
    )]
}
