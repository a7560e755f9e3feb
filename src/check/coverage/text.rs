//! The coverage table as text: one page a line, with a key below; for a
//! site in more than one language, one table for each language.

use super::{Cells, Coverage};

impl Coverage {
    /// The table as text, one page a line, with a key below; a table for
    /// each language, under its name, when there are more than one.
    pub(crate) fn to_text(&self) -> String {
        let mut out = String::new();
        if self.pages.is_empty() {
            return out;
        }
        let mut key = String::from(
            "base: the page's own file; variant: a file for that audience; generated: a made-up home page or section list;\n\
             fallback: links from that audience go to the default audience's version; none: no version; *: a draft\n",
        );
        match self.languages.split_first() {
            None => out.push_str(&self.table(|row| Some(&row.cells))),
            Some((default, others)) => {
                out.push_str(&format!("{} ({})\n\n", default.label, default.id));
                out.push_str(&self.table(|row| Some(&row.cells)));
                for language in others {
                    out.push_str(&format!("\n{} ({})\n\n", language.label, language.id));
                    out.push_str(&self.table(|row| row.languages.get(&language.id)));
                }
                out.push('\n');
                key.push_str(&format!(
                    "untranslated: no version in that language; links go to the {} version\n",
                    default.label
                ));
            }
        }
        out.push_str(&key);
        out
    }

    /// One table: the cells `of` each row gives, for every audience.
    fn table<'a>(&'a self, of: impl Fn(&'a super::Row) -> Option<&'a Cells>) -> String {
        let mut out = String::new();
        let page_width = self
            .pages
            .iter()
            .map(|r| r.page.display().to_string().chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let widest = if self.languages.is_empty() {
            "generated"
        } else {
            "untranslated"
        };
        let widths: Vec<usize> = self
            .audiences
            .iter()
            .map(|a| a.chars().count().max(widest.len()))
            .collect();
        out.push_str(&format!("{:<page_width$}  {:<8}", "page", "kind"));
        for (audience, width) in self.audiences.iter().zip(&widths) {
            out.push_str(&format!("  {audience:<width$}"));
        }
        out = out.trim_end().to_string();
        out.push('\n');
        for row in &self.pages {
            let Some(cells) = of(row) else { continue };
            let mut line = format!(
                "{:<page_width$}  {:<8}",
                row.page.display().to_string(),
                row.kind
            );
            for (audience, width) in self.audiences.iter().zip(&widths) {
                let mut cell = cells.audiences[audience].word().to_string();
                if cells.drafts.contains(audience) {
                    cell.push('*');
                }
                line.push_str(&format!("  {cell:<width$}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
