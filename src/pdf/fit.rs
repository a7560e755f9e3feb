//! Fitting a poster on one sheet: the poster is printed at its theme's full
//! type size, and printed again a step smaller each time it comes out on
//! more than one sheet, down to the smallest step. The sheet is measured by
//! the browser that prints it, with the page's own `@page` size and
//! margins, so what is measured is what is printed.
//!
//! The theme's print style sheet sizes a poster's type as a multiple of
//! the CSS variable `--poster-scale` on `<html>` (1 unless set); this
//! module sets it to each of [`SCALES`] in turn.

use super::tab::{ask, step, Printed};
use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;

/// The factors a poster's type is tried at, largest first: the full size,
/// then steps of a tenth down to six tenths.
pub(crate) const SCALES: [f64; 5] = [1.0, 0.9, 0.8, 0.7, 0.6];

/// Prints the poster loaded in the tab at the largest of [`SCALES`] at
/// which it fits on one sheet. When even the smallest overflows, that
/// printing is returned as it is, on more than one sheet (the build warns
/// about a poster of more than one page).
pub(crate) async fn print_poster(page: &chromiumoxide::Page, params: PrintToPdfParams) -> Printed {
    let mut smallest = Vec::new();
    for scale in SCALES {
        let scaled = format!(
            "document.documentElement.style.setProperty('--poster-scale', '{scale}'); true"
        );
        step(ask(page, &scaled)).await?;
        let bytes = step(page.pdf(params.clone())).await?;
        if super::count_pages(&bytes) <= 1 {
            return Ok(bytes);
        }
        smallest = bytes;
    }
    Ok(smallest)
}
