//! Places in a body after the template pass as lines and columns of the
//! file the body was written in: the one way a problem found in the
//! expanded Markdown (by the Markdown writer or by `signpost check`) is
//! placed in the file.
//!
//! The template pass may add lines (a value spanning lines), remove them
//! (an `{% if %}` block left out) or change them (`{{ value }}`), so an
//! offset in the expanded Markdown is not an offset in the body. The
//! expanded lines that the pass left as they were are matched with the
//! body's lines, in order (the longest common subsequence); a place on
//! another line is looked for among the body's lines between the matched
//! ones above and below it.

use std::collections::HashMap;

/// Places in the Markdown after the template pass as lines and columns of
/// the file its body came from. Made once for each expanded text, then
/// asked for as many places as there are problems.
pub(crate) struct SourceMap<'a> {
    /// The expanded Markdown, by lines.
    markdown: Lines<'a>,
    /// How its lines match the body's; `None` when the template pass left
    /// the body as written, so that every place is the same in both.
    changed: Option<Matching<'a>>,
    /// The line of the file where the body starts.
    first_line: usize,
}

/// The body's lines and which of them each expanded line is.
struct Matching<'a> {
    /// The body as written, by lines.
    body: Lines<'a>,
    /// For each line of the expanded Markdown, the body's line it is.
    matched: Vec<Option<usize>>,
}

impl<'a> SourceMap<'a> {
    /// Matches `markdown`, the text the template pass made from `body`,
    /// with `body`, which starts on line `first_line` (1-based) of its
    /// file.
    pub(crate) fn new(body: &'a str, markdown: &'a str, first_line: usize) -> SourceMap<'a> {
        let markdown = Lines::new(markdown);
        let changed = (body != markdown.text).then(|| {
            let body = Lines::new(body);
            let matched = match_lines(&markdown.all(), &body.all());
            Matching { body, matched }
        });
        SourceMap {
            markdown,
            changed,
            first_line,
        }
    }

    /// The 1-based line and column (in characters) in the file of byte
    /// `offset` of the expanded Markdown, where `written` is the Markdown
    /// that starts there (what to look for in the body when the template
    /// pass changed that line; empty when nothing in particular is).
    pub(crate) fn place(&self, offset: usize, written: &str) -> (usize, usize) {
        let (line, column) = self.markdown.place(offset);
        let Some(matching) = &self.changed else {
            return (line + self.first_line - 1, column);
        };
        let (body_line, column) = matching.place(&self.markdown, line - 1, column, written);
        (body_line + self.first_line, column)
    }
}

impl Matching<'_> {
    /// The 0-based line of the body and 1-based column of the place at
    /// `column` of the expanded Markdown's line `index` (0-based).
    fn place(
        &self,
        markdown: &Lines,
        index: usize,
        column: usize,
        written: &str,
    ) -> (usize, usize) {
        if let Some(Some(body_line)) = self.matched.get(index) {
            return (*body_line, column);
        }
        // Between the nearest matched lines above and below.
        let above = self.matched[..index.min(self.matched.len())]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, m)| m.map(|m| (i, m)));
        let below = self
            .matched
            .iter()
            .enumerate()
            .skip(index + 1)
            .find_map(|(i, m)| m.map(|m| (i, m)));
        let low = above.map_or(0, |(_, m)| m);
        let high = below.map_or(self.body.count().saturating_sub(1), |(_, m)| m);
        let expected = match (above, below) {
            (Some((i, m)), _) => m + (index - i),
            (None, Some((i, m))) => m.saturating_sub(i - index),
            (None, None) => index,
        }
        .clamp(low, high.max(low));
        let candidates = low..=high.max(low);
        let needle = written.trim();
        let found = (!needle.is_empty())
            .then(|| {
                candidates
                    .clone()
                    .filter(|&j| self.body.line(j).is_some_and(|l| l.contains(needle)))
                    .min_by_key(|&j| j.abs_diff(expected))
            })
            .flatten();
        if let Some(j) = found {
            let text = self.body.line(j).unwrap_or_default();
            let best = text
                .match_indices(needle)
                .map(|(at, _)| text[..at].chars().count() + 1)
                .min_by_key(|c| c.abs_diff(column))
                .unwrap_or(1);
            return (j, best);
        }
        // Not written in the file as it reads (a `{{ value }}` made it):
        // the line most like the Markdown's, and the place in it where
        // they part; among lines no more alike, one the pass changes.
        let line_text = markdown.line(index).unwrap_or_default();
        let best = candidates
            .filter_map(|j| Some((j, self.body.line(j)?)))
            .max_by_key(|(j, body)| {
                let (prefix, suffix) = common_ends(line_text, body);
                let template = body.contains("{{") || body.contains("{%");
                (
                    prefix + suffix,
                    template,
                    std::cmp::Reverse(j.abs_diff(expected)),
                )
            });
        match best {
            Some((j, body)) => {
                let (prefix, suffix) = common_ends(line_text, body);
                let md_length = line_text.chars().count();
                let body_length = body.chars().count();
                let column = if column <= prefix + 1 {
                    column
                } else if column > md_length.saturating_sub(suffix) {
                    (body_length + column).saturating_sub(md_length).max(1)
                } else {
                    prefix + 1
                };
                (j, column.min(body_length + 1))
            }
            None => (expected, column),
        }
    }
}

/// A text and where each of its lines starts, to turn many byte offsets
/// into lines and columns without counting from the top each time.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// How many lines there are (one more than there are line breaks).
    fn count(&self) -> usize {
        self.starts.len()
    }

    /// Line `index` (0-based), without its line break.
    fn line(&self, index: usize) -> Option<&'a str> {
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        Some(&self.text[start..end])
    }

    /// Every line, without line breaks.
    fn all(&self) -> Vec<&'a str> {
        (0..self.count()).filter_map(|i| self.line(i)).collect()
    }

    /// The 1-based line and column (in characters) of byte `offset`; the
    /// same as [`crate::diagnostic::line_column`].
    fn place(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// How many characters two lines share at their start and at their end
/// (not overlapping).
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// Pairs equal, non-blank lines of `a` and `b` in order (the longest common
/// subsequence; a greedy match for very long files).
fn match_lines<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<Option<usize>> {
    let mut matched = vec![None; a.len()];
    // Each different line (trailing spaces aside) gets a number; blank
    // lines get none and match nothing.
    let mut ids: HashMap<&'t str, usize> = HashMap::new();
    let mut id = |line: &'t str| -> Option<usize> {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            return None;
        }
        let next = ids.len();
        Some(*ids.entry(line).or_insert(next))
    };
    let a_ids: Vec<Option<usize>> = a.iter().map(|&l| id(l)).collect();
    let b_ids: Vec<Option<usize>> = b.iter().map(|&l| id(l)).collect();
    let same = |i: usize, j: usize| a_ids[i].is_some() && a_ids[i] == b_ids[j];

    if a.len().saturating_mul(b.len()) > 4_000_000 {
        let mut from = 0;
        for (i, slot) in matched.iter_mut().enumerate() {
            if let Some(j) = (from..b.len()).find(|&j| same(i, j)) {
                *slot = Some(j);
                from = j + 1;
            }
        }
        return matched;
    }
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lengths = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i * width + j] = if same(i, j) {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if same(i, j) {
            matched[i] = Some(j);
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_column;

    /// `body` after the template pass, with `values` (names and their
    /// text).
    fn expanded(body: &str, values: &[(&str, &str)]) -> String {
        let mut context = tera::Context::new();
        for (name, value) in values {
            context.insert(name.to_string(), value);
        }
        crate::markdown::template::expand(body, &context).expect("expands")
    }

    /// The place in the file of the first `needle` in `markdown`.
    fn place_of(map: &SourceMap, markdown: &str, needle: &str) -> (usize, usize) {
        let offset = markdown.find(needle).expect("in the markdown");
        map.place(offset, needle)
    }

    #[test]
    fn lines_place_every_offset_as_line_column_does() {
        for text in ["first\nsé cond\nthird", "", "\n\nx\n", "no newline"] {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    lines.place(offset),
                    line_column(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn a_body_the_pass_left_as_written_is_placed_as_it_is() {
        let body = "Intro.\n\nSee [the plan](plan.md).\n";
        let map = SourceMap::new(body, body, 4);
        assert_eq!(place_of(&map, body, "(plan.md"), (6, 15));
        assert_eq!(map.place(0, ""), (4, 1));
        assert_eq!(map.place(body.len(), ""), (7, 1));
    }

    #[test]
    fn places_after_a_removed_if_block_are_on_their_own_lines() {
        let body = "Intro.\n\n{% if x %}\nGone.\n\nAlso gone.\n{% endif %}\nSee [the plan](missing.md).\n\nAgain, [the plan](missing.md).\n";
        let markdown = expanded(body, &[]);
        assert!(!markdown.contains("Gone"));
        let map = SourceMap::new(body, &markdown, 4);
        // The same text twice: each is placed at its own line.
        let first = markdown.find("(missing.md").unwrap();
        let second = markdown.rfind("(missing.md").unwrap();
        assert_eq!(map.place(first, "(missing.md"), (11, 15));
        assert_eq!(map.place(second, "(missing.md"), (13, 18));
    }

    #[test]
    fn places_after_a_value_spanning_lines_are_on_their_own_lines() {
        let body = "Write to:\n\n{{ address }}\n\nSee [the form](form.md).\n";
        let markdown = expanded(body, &[("address", "1 High Street\nTown\nAB1 2CD")]);
        assert!(markdown.contains("Town\n"));
        let map = SourceMap::new(body, &markdown, 1);
        assert_eq!(place_of(&map, &markdown, "(form.md"), (5, 15));
        // The value's lines are where the value was written.
        assert_eq!(place_of(&map, &markdown, "Town").0, 3);
    }

    #[test]
    fn places_survive_values_and_removed_lines() {
        let body = "Intro.\n\n{% if x %}\nGone.\n{% endif %}\nWe meet in {{ month }} at the hall.\n\nLast line.\n";
        let markdown = "Intro.\n\n\nWe meet in August at the hall.\n\nLast line.\n";
        let map = SourceMap::new(body, markdown, 4);
        assert_eq!(place_of(&map, markdown, "Last"), (11, 1));
        assert_eq!(place_of(&map, markdown, "hall"), (9, 31));
        // Made by the value: placed where the value was written.
        assert_eq!(place_of(&map, markdown, "August"), (9, 12));
    }

    #[test]
    fn lines_added_above_move_places_down() {
        let body = "{% for i in [1, 2, 3] %}\n- item {{ i }}\n{% endfor %}\nEnd [here](x.md).\n";
        let markdown = expanded(body, &[]);
        let map = SourceMap::new(body, &markdown, 2);
        assert_eq!(place_of(&map, &markdown, "(x.md"), (5, 11));
        assert_eq!(place_of(&map, &markdown, "- item 3").0, 3);
    }
}
