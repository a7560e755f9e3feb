//! `signpost check`: what a build checks (links, images, anchors), and the
//! reading rules and audience coverage a council must meet before
//! publishing.
//!
//! Every page version that is built is read from the Markdown its build
//! rendered, after the Tera pass (`prose`); pages built with the
//! easy-read theme get the easy-read rules and every other page the
//! plain-English rules (`reading`), each rule a row of `rules::RULES`,
//! with thresholds from site.yaml's `check:` section (`settings`); only
//! versions in English are held to them, since they are made for it.
//! `coverage` tables which audiences have which pages in which language,
//! and `--external` asks other websites whether their links still work
//! (`external`); `formats` prints the report for GitHub and GitLab. docs/check.md describes every rule for site authors.

pub(crate) mod audience_links;
pub(crate) mod coverage;
pub(crate) mod external;
pub mod formats;
pub(crate) mod overdue;
pub(crate) mod printed;
pub(crate) mod prose;
pub(crate) mod readability;
pub(crate) mod reading;
pub(crate) mod rules;
pub(crate) mod settings;
pub(crate) mod statement;

use crate::content::{IdVec, Site, VersionId};
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::{Rendered, SourceMap};
use coverage::Coverage;
use rayon::prelude::*;
use rules::finding::{Finding, Findings, Level, Rule};
use rules::page::{printed_pages, Page};
use rules::thresholds::trim_number;
use serde::ser::SerializeStruct;
use serde::Serialize;
use settings::Settings;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use overdue::{Overdue, Today};
pub use printed::PrintedIn;

/// What `signpost check` was asked for.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Also check `http(s)` links on the web.
    pub external: bool,
    /// An earlier build's output, whose PDFs (where newer than their
    /// pages) give the real printed pages instead of an estimate.
    pub printed: Option<PrintedIn>,
    /// The day review dates and the accessibility statement's review are
    /// judged against (`--today`); `None` for this computer's day.
    pub today: Option<Today>,
}

/// Where a page version's printed pages come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PagesFrom {
    /// Counted from its PDF, which an earlier `build --pdf` made.
    Pdf,
    /// Estimated from its words (easy read only).
    Estimate,
}

/// What `signpost check` found. The JSON form
/// (`serde_json::to_string(&report)`) and [`Report::to_text`] hold all of it.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Which audiences have a version of each page in each language
    /// (empty when the site could not be rendered).
    pub coverage: Coverage,
    /// Each checked page version's readability.
    pub scores: Vec<Score>,
    /// The languages whose page versions the reading rules were not run
    /// on, being made for English.
    pub not_read: Vec<NotRead>,
    /// The day review dates were judged against (`None` when the site
    /// could not be read).
    pub today: Option<Today>,
    /// The pages whose next review is before `today`.
    pub overdue: Vec<Overdue>,
}

/// Page versions in one language that the reading rules were not run on.
#[derive(Clone, Debug, Serialize)]
pub struct NotRead {
    /// The language's tag (`cy`).
    pub language: String,
    /// Its name in itself (`Cymraeg`).
    pub label: String,
    /// How many page versions in it were not read.
    pub versions: usize,
}

/// The readability of one page version.
#[derive(Clone, Debug, Serialize)]
pub struct Score {
    /// The file it is made from.
    pub file: PathBuf,
    /// Its URL path (`/easy-read/guide/prepare/`).
    pub url: String,
    /// Its audience.
    pub audience: String,
    /// Its language, for a site in more than one (left out of the JSON
    /// for a site in one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Which rules it is held to: `easy-read`, `plain-english`, or `none`
    /// for a version in a language other than English.
    pub rules: &'static str,
    /// Words in its paragraphs and list items.
    pub words: usize,
    /// Sentences in them.
    pub sentences: usize,
    /// Syllables in them.
    pub syllables: usize,
    /// The Flesch reading ease, to one decimal place; `None` for a version
    /// in a language other than English, for which the formula is not made.
    pub reading_ease: Option<f64>,
    /// The least reading ease its rules ask for; `None` when it has none.
    pub min_reading_ease: Option<f64>,
    /// Whether it has words enough for its reading ease to be judged.
    pub judged: bool,
    /// Its printed pages: counted from its PDF where an earlier build
    /// made one that is newer than the page, else, for easy read, estimated.
    pub printed_pages: Option<usize>,
    /// Where `printed_pages` comes from; `None` when there are none.
    pub printed_pages_from: Option<PagesFrom>,
}

/// What checking one page version found.
struct Checked {
    version: VersionId,
    file: PathBuf,
    start: (usize, usize),
    findings: Vec<Finding>,
    score: Score,
    /// Whether it is built with the easy-read theme, in any language.
    easy: bool,
    printed_words: usize,
    web_links: Vec<(String, (usize, usize))>,
}

/// Checks a site whose bodies are rendered (`None` for a body that failed
/// to render, already reported).
pub(crate) fn run(
    site: &Site,
    bodies: &IdVec<VersionId, Option<Rendered>>,
    options: &CheckOptions,
) -> Report {
    let (settings, mut diagnostics) = Settings::load(&site.config.text);
    let mut checked: Vec<Checked> = site
        .versions
        .par_ids()
        .filter_map(|id| check_version(site, id, bodies.get(id)?.as_ref()?, &settings))
        .collect();
    checked.sort_by_key(|c| c.version);
    let counted = options
        .printed
        .as_ref()
        .map(|printed| printed::counted(site, printed))
        .unwrap_or_default();
    for page in &mut checked {
        if let Some(&pages) = counted.get(&page.version) {
            page.score.printed_pages = Some(pages);
            page.score.printed_pages_from = Some(PagesFrom::Pdf);
        }
    }

    for page in &checked {
        for finding in &page.findings {
            diagnostics.extend(diagnostic(&settings, &page.file, finding));
        }
    }
    length_rule(site, &settings, &checked, &counted, &mut diagnostics);

    let today = options.today.unwrap_or_else(Today::now);
    let rule = Rule::AccessibilityStatement;
    diagnostics.extend(
        statement::warnings(&site.config, today.date())
            .into_iter()
            .filter_map(|d| at_level(&settings, rule, d.with_rule(rule.name()))),
    );

    let (coverage, gaps) = coverage::coverage(site);
    diagnostics.extend(
        gaps.into_iter()
            .filter_map(|(rule, d)| at_level(&settings, rule, d)),
    );

    if options.external {
        let level = settings.level(Rule::LinksExternal);
        if level != Level::Off {
            let mut links: BTreeMap<String, Vec<external::Place>> = BTreeMap::new();
            for page in &checked {
                for (url, at) in &page.web_links {
                    let places = links.entry(url.clone()).or_default();
                    let place = external::Place {
                        file: page.file.clone(),
                        at: *at,
                    };
                    if !places.contains(&place) {
                        places.push(place);
                    }
                }
            }
            diagnostics.extend(external::check(&links, severity(level)));
        }
    }

    let overdue = overdue::find(site, today);
    diagnostics.extend(
        overdue
            .iter()
            .filter_map(|o| at_level(&settings, Rule::ReviewOverdue, overdue::warning(o, today))),
    );

    let not_read = not_read(site, &checked);
    let scores = checked.into_iter().map(|c| c.score).collect();
    Report {
        diagnostics,
        coverage,
        scores,
        not_read,
        today: Some(today),
        overdue,
    }
}

/// The languages, in switcher order, with page versions the reading rules
/// were not run on, and how many.
fn not_read(site: &Site, checked: &[Checked]) -> Vec<NotRead> {
    site.config
        .languages
        .iter()
        .filter(|l| !reading::made_for(&l.id))
        .map(|l| NotRead {
            language: l.id.clone(),
            label: l.label.clone(),
            versions: checked
                .iter()
                .filter(|c| site.versions[c.version].language == l.id)
                .count(),
        })
        .filter(|n| n.versions > 0)
        .collect()
}

/// Checks one built page version made from a file, from the Markdown its
/// build read (after the Tera pass), so that templates in it are not run
/// twice.
fn check_version(
    site: &Site,
    id: VersionId,
    body: &Rendered,
    settings: &Settings,
) -> Option<Checked> {
    let version = &site.versions[id];
    if !version.built {
        return None;
    }
    let file = site.source(version)?;
    let markdown: &str = body.markdown.as_deref().unwrap_or(file.body());
    let prose = prose::read(markdown);
    let map = SourceMap::new(file.body(), markdown, file.body_first_line());
    let page = Page::new(&prose, markdown, &map, file.body_first_line());
    let readability = page.readability();
    let easy = site
        .config
        .audience(&version.audience)
        .is_some_and(|a| a.theme == "easy-read");
    let english = reading::made_for(&version.language);
    let mut findings = if english {
        reading::apply(&page, &readability, settings, easy)
    } else {
        Vec::new()
    };
    findings.extend(audience_links::check(site, id, markdown, &map));
    let (min, min_words) = if easy {
        let e = &settings.easy_read;
        (e.min_reading_ease, e.reading_ease_min_words)
    } else {
        let p = &settings.plain_english;
        (p.min_reading_ease, p.reading_ease_min_words)
    };
    let printed_words = page.printed_words(&readability);
    let web_links = prose
        .web_links
        .iter()
        .map(|link| {
            // The address itself, after the link's `[text](` or `<`.
            let offset = markdown[link.offset..]
                .find(link.url.as_str())
                .map_or(link.offset, |i| link.offset + i);
            (link.url.clone(), map.place(offset, &link.url))
        })
        .collect();
    Some(Checked {
        version: id,
        file: file.path.clone(),
        start: (file.body_first_line(), 1),
        findings,
        score: Score {
            file: file.path.clone(),
            url: format!("/{}", version.url),
            audience: version.audience.clone(),
            language: site
                .config
                .is_multilingual()
                .then(|| version.language.clone()),
            rules: match (english, easy) {
                (false, _) => "none",
                (true, true) => "easy-read",
                (true, false) => "plain-english",
            },
            words: readability.words,
            sentences: readability.sentences,
            syllables: readability.syllables,
            reading_ease: english.then(|| {
                if readability.words == 0 {
                    0.0
                } else {
                    (readability.flesch_reading_ease * 10.0).round() / 10.0
                }
            }),
            min_reading_ease: english.then_some(min),
            judged: english && readability.words >= min_words && readability.words > 0,
            printed_pages: easy
                .then(|| printed_pages(printed_words, settings.easy_read.words_per_page)),
            printed_pages_from: easy.then_some(PagesFrom::Estimate),
        },
        printed_words,
        web_links,
        easy,
    })
}

/// The easy-read length rule, for every easy-read page version once all
/// are read, since a section's PDF holds its pages; `counted` holds the
/// pages of the PDFs an earlier build made, which are used instead.
fn length_rule(
    site: &Site,
    settings: &Settings,
    checked: &[Checked],
    counted: &BTreeMap<VersionId, usize>,
    out: &mut Vec<Diagnostic>,
) {
    let words_of: BTreeMap<VersionId, usize> = checked
        .iter()
        .map(|c| (c.version, c.printed_words))
        .collect();
    for page in checked.iter().filter(|c| c.easy) {
        let mut findings = Findings::new(Rule::EasyLength);
        rules::length::check(
            site,
            &settings.easy_read,
            &words_of,
            (page.version, page.start),
            counted.get(&page.version).copied(),
            &mut findings,
        );
        for finding in findings.into_vec() {
            out.extend(diagnostic(settings, &page.file, &finding));
        }
    }
}

/// The severity a level reports at.
fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        _ => Severity::Warning,
    }
}

/// A finding as a diagnostic in `file`, at its rule's level; `None` when
/// the rule is off.
fn diagnostic(settings: &Settings, file: &PathBuf, finding: &Finding) -> Option<Diagnostic> {
    let diagnostic = Diagnostic::warning(file, finding.message.clone())
        .at(finding.place.0, finding.place.1)
        .with_hint(finding.hint.clone())
        .with_rule(finding.rule.name());
    at_level(settings, finding.rule, diagnostic)
}

/// A rule's diagnostic at the level site.yaml gives the rule.
fn at_level(settings: &Settings, rule: Rule, diagnostic: Diagnostic) -> Option<Diagnostic> {
    match settings.level(rule) {
        Level::Off => None,
        level => Some(Diagnostic {
            severity: severity(level),
            ..diagnostic
        }),
    }
}

impl Report {
    /// How many errors and warnings there are.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, self.diagnostics.len() - errors)
    }

    /// The report as readable text: every problem, then the coverage
    /// table, then each page's readability, then the pages overdue for
    /// review, then a summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            out.push_str(&diagnostic.to_string());
            out.push('\n');
        }
        let coverage = self.coverage.to_text();
        if !coverage.is_empty() {
            out.push_str("Audience coverage\n\n");
            out.push_str(&coverage);
            out.push('\n');
        }
        if !self.scores.is_empty() {
            out.push_str("Readability (Flesch reading ease: higher is easier)\n\n");
            out.push_str(&scores_text(&self.scores));
            out.push('\n');
        }
        for not_read in &self.not_read {
            out.push_str(&format!(
                "Reading rules were not run on {} page version{} in {} ({}): they are made for English.\n\n",
                not_read.versions,
                if not_read.versions == 1 { "" } else { "s" },
                not_read.language,
                not_read.label
            ));
        }
        if let Some(today) = self.today {
            out.push_str(&overdue::to_text(&self.overdue, today));
        }
        out.push_str(&self.counts_text());
        out
    }

    /// The summary line: `2 errors, 1 warning`.
    pub fn counts_text(&self) -> String {
        let (errors, warnings) = self.counts();
        format!(
            "{errors} error{}, {warnings} warning{}\n",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )
    }
}

/// The readability table: one page version a line, with each version's
/// language when the site has more than one.
fn scores_text(scores: &[Score]) -> String {
    let languages = scores.iter().any(|s| s.language.is_some());
    let mut header = vec!["file", "audience"];
    if languages {
        header.push("language");
    }
    header.extend(["words", "sentences", "ease", "target", "pages"]);
    let words_left = header.len() - 5;
    let rows: Vec<Vec<String>> = scores
        .iter()
        .map(|s| {
            let ease = match s.reading_ease {
                None => "-".to_string(),
                Some(_) if s.words == 0 => "-".to_string(),
                Some(ease) if !s.judged => format!("({ease:.1})"),
                Some(ease) if s.min_reading_ease.is_some_and(|min| ease < min) => {
                    format!("{ease:.1} below")
                }
                Some(ease) => format!("{ease:.1}"),
            };
            let mut row = vec![s.file.display().to_string(), s.audience.clone()];
            if languages {
                row.push(s.language.clone().unwrap_or_default());
            }
            row.extend([
                s.words.to_string(),
                s.sentences.to_string(),
                ease,
                s.min_reading_ease.map_or("-".to_string(), trim_number),
                match (s.printed_pages, s.printed_pages_from) {
                    (Some(pages), Some(PagesFrom::Pdf)) => format!("{pages} (PDF)"),
                    (Some(pages), _) => pages.to_string(),
                    (None, _) => "-".to_string(),
                },
            ]);
            row
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut text = String::new();
        for (i, (cell, &width)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            // Words left, numbers right.
            if i < words_left {
                text.push_str(&format!("{cell:<width$}"));
            } else {
                text.push_str(&format!("{cell:>width$}"));
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let header: Vec<String> = header.into_iter().map(String::from).collect();
    let mut out = line(&header);
    for row in &rows {
        out.push_str(&line(row));
    }
    out.push_str("ease in (brackets): too few words to judge; pages: estimated printed pages, for easy read\n");
    if scores
        .iter()
        .any(|s| s.printed_pages_from == Some(PagesFrom::Pdf))
    {
        out.push_str(
            "pages (PDF): counted from the PDF an earlier build --pdf made, newer than the page\n",
        );
    }
    if scores.iter().any(|s| s.rules == "none") {
        out.push_str(
            "ease and target -: the reading rules are made for English, and were not run\n",
        );
    }
    out
}

/// One diagnostic as the JSON report writes it: file names as text, even
/// those that are not UTF-8.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
    rule: Option<&'a str>,
    context: Option<&'a str>,
    related: Option<JsonPlace<'a>>,
}

/// A diagnostic's second place as the JSON report writes it.
#[derive(Serialize)]
struct JsonPlace<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    label: &'a str,
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let diagnostics: Vec<JsonDiagnostic> = self
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                file: d.file.as_ref().map(|f| f.display().to_string()),
                line: d.line,
                column: d.column,
                message: &d.message,
                hint: d.hint.as_deref(),
                rule: d.rule.as_deref(),
                context: d.context.as_deref(),
                related: d.related.as_ref().map(|place| JsonPlace {
                    file: place.file.display().to_string(),
                    line: place.line,
                    column: place.column,
                    label: &place.label,
                }),
            })
            .collect();
        let (errors, warnings) = self.counts();
        let mut report = serializer.serialize_struct("Report", 8)?;
        report.serialize_field("errors", &errors)?;
        report.serialize_field("warnings", &warnings)?;
        report.serialize_field("diagnostics", &diagnostics)?;
        report.serialize_field("coverage", &self.coverage)?;
        report.serialize_field("scores", &self.scores)?;
        if !self.not_read.is_empty() {
            report.serialize_field("reading_rules_not_run", &self.not_read)?;
        }
        if let Some(today) = self.today {
            report.serialize_field("today", &today)?;
            report.serialize_field("overdue", &self.overdue)?;
        }
        report.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Place;

    #[test]
    fn the_json_report_gives_rule_context_and_related_place_fields_of_their_own() {
        let report = Report {
            diagnostics: vec![
                Diagnostic::warning("content/a.md", "`two` is a number written in words")
                    .at(4, 9)
                    .with_rule(Rule::EasyNumbers.name()),
                Diagnostic::error("themes/t/page.html", "unknown variable `titel`")
                    .with_context("content/a.md")
                    .with_related(Place {
                        line: Some(2),
                        column: Some(1),
                        ..Place::new("content/b.md", "the other page")
                    }),
            ],
            ..Report::default()
        };
        let json = serde_json::to_value(&report).unwrap();
        let [numbers, template] = [&json["diagnostics"][0], &json["diagnostics"][1]];
        assert_eq!(numbers["message"], "`two` is a number written in words");
        assert_eq!(numbers["rule"], "easy-read/numbers");
        assert!(numbers["context"].is_null() && numbers["related"].is_null());
        assert_eq!(template["message"], "unknown variable `titel`");
        assert!(template["rule"].is_null());
        assert_eq!(template["context"], "content/a.md");
        assert_eq!(
            template["related"],
            serde_json::json!({
                "file": "content/b.md", "line": 2, "column": 1, "label": "the other page"
            })
        );
        assert_eq!(
            (json["errors"].clone(), json["warnings"].clone()),
            (1.into(), 1.into())
        );
    }
}
