//! `brand:` in site.yaml: a council's logo and colour, checked so that
//! every theme can show them without breaking its contrast.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The least contrast text needs against its background (WCAG 2.2 AA).
const LEAST_CONTRAST: f64 = 4.5;

/// The backgrounds the built-in themes put links and headings on: white
/// and their pale panels (base's `--colour-panel` and the carer theme's).
const TEXT_BACKGROUNDS: [Rgb; 3] = [
    Rgb(0xff, 0xff, 0xff),
    Rgb(0xf3, 0xf2, 0xf1),
    Rgb(0xfc, 0xf3, 0xe6),
];

/// `brand:` as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct BrandEntry {
    /// The logo, a file in static/ or content/, such as /logo.svg.
    logo: Option<String>,
    /// What the logo says, for people who cannot see it. Default: the
    /// organisation.
    logo_alt: Option<String>,
    /// The council's colour for the header and accents, such as "#00594f"
    /// (in quotes). It must give at least 4.5:1 contrast with white text.
    colour: Option<String>,
}

/// The site's branding, checked, as templates see it (`site.brand`).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Brand {
    /// The logo's address from the top of the site, starting `/`.
    pub logo: Option<String>,
    /// The logo's text alternative: `logo_alt`, or the organisation.
    pub logo_alt: String,
    /// The colour of the header and accents, as `#rrggbb`.
    pub colour: Option<String>,
    /// The colour for links and headings: `colour`, darkened where needed
    /// to keep 4.5:1 contrast on the themes' pale panels as well as white.
    pub text_colour: Option<String>,
}

/// A colour in sRGB.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    /// `#rrggbb` or `#rgb`, in either case.
    fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb(pair(0)?, pair(2)?, pair(4)?))
            }
            _ => None,
        }
    }

    /// WCAG's relative luminance: 0 for black, 1 for white.
    fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG's contrast ratio between two colours, from 1 to 21.
    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The colour with each channel scaled by `percent` / 100.
    fn scaled(self, percent: u16) -> Rgb {
        let scale = |c: u8| ((u16::from(c) * percent + 50) / 100) as u8;
        Rgb(scale(self.0), scale(self.1), scale(self.2))
    }

    /// The lightest shade of this colour (the same hue, darker) with at
    /// least 4.5:1 contrast against every one of `backgrounds`.
    fn readable_on(self, backgrounds: &[Rgb]) -> Rgb {
        (0..=100)
            .rev()
            .map(|percent| self.scaled(percent))
            .find(|shade| {
                backgrounds
                    .iter()
                    .all(|b| shade.contrast(*b) >= LEAST_CONTRAST)
            })
            .unwrap_or(Rgb(0, 0, 0))
    }

    /// `#rrggbb`.
    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A contrast ratio as people read it, rounded down to one decimal place
/// so that a colour just short of 4.5:1 never shows as 4.5:1.
fn ratio_words(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}

/// Where `key:` is under `brand:` in site.yaml's text, for its problems.
fn place(text: &str, key: &str) -> Option<(usize, usize)> {
    let line = crate::yaml::key_line(text, "brand")?;
    let start: usize = text.lines().take(line - 1).map(|l| l.len() + 1).sum();
    let below = &text[start.min(text.len())..];
    let offset = below
        .match_indices(key)
        .find(|(i, _)| below[i + key.len()..].trim_start().starts_with(':'))
        .map(|(i, _)| start + i)
        .unwrap_or(start);
    Some(crate::diagnostic::line_column(text, offset))
}

/// Checks `brand:` for the site in `root`, whose site.yaml is `text`,
/// pushing a problem for each mistake.
pub(super) fn check(
    entry: BrandEntry,
    organisation: &str,
    root: &Path,
    text: &str,
    problems: &mut Diagnostics,
) -> Brand {
    let shown = Path::new("site.yaml");
    let logo = entry.logo.and_then(|logo| {
        let url = format!("/{}", logo.trim_start_matches('/'));
        match logo_problem(root, &url) {
            None => Some(url),
            Some(problem) => {
                problems.push(
                    Diagnostic::error(shown, problem)
                        .at_opt(place(text, "logo"))
                        .with_hint(
                            "put the logo in static/ (or content/) and write its address \
                             from the top of the site: static/logo.svg is `logo: /logo.svg`",
                        ),
                );
                None
            }
        }
    });
    let logo_alt = entry.logo_alt.unwrap_or_else(|| organisation.to_string());
    if logo_alt.trim().is_empty() {
        problems.push(
            Diagnostic::error(shown, "brand.logo_alt is empty")
                .at_opt(place(text, "logo_alt"))
                .with_hint(
                    "the logo links to the home page, so screen readers need words for it: \
                     leave logo_alt out to use the organisation's name",
                ),
        );
    }
    let colour = match entry.colour {
        Some(written) => colour(&written, text, problems),
        None => {
            // `colour: #00594f` unquoted is a YAML comment, so no value.
            if place(text, "colour").is_some_and(|(line, _)| {
                text.lines()
                    .nth(line - 1)
                    .is_some_and(|l| l.contains("colour") && l.contains('#'))
            }) {
                problems.push(
                    Diagnostic::error(shown, "brand.colour has no value")
                        .at_opt(place(text, "colour"))
                        .with_hint(
                            "in YAML a # starts a comment: put the colour in quotes, \
                             colour: \"#00594f\"",
                        ),
                );
            }
            None
        }
    };
    Brand {
        logo,
        logo_alt,
        colour: colour.map(Rgb::hex),
        text_colour: colour.map(|c| c.readable_on(&TEXT_BACKGROUNDS).hex()),
    }
}

/// The colour written as `brand.colour`, when it is a hex colour that
/// white text is readable on; otherwise a problem is pushed.
fn colour(written: &str, text: &str, problems: &mut Diagnostics) -> Option<Rgb> {
    let shown = Path::new("site.yaml");
    let at = place(text, "colour");
    let Some(rgb) = Rgb::parse(written.trim()) else {
        problems.push(
            Diagnostic::error(
                shown,
                format!("brand.colour `{written}` is not a hex colour"),
            )
            .at_opt(at)
            .with_hint("write it as # and six hex digits, in quotes: colour: \"#00594f\""),
        );
        return None;
    };
    let white = Rgb(0xff, 0xff, 0xff);
    let ratio = rgb.contrast(white);
    if ratio < LEAST_CONTRAST {
        let darker = rgb.readable_on(&[white]);
        problems.push(
            Diagnostic::error(
                shown,
                format!(
                    "brand.colour {} gives {} contrast with white text; it needs at least 4.5:1",
                    written.trim(),
                    ratio_words(ratio)
                ),
            )
            .at_opt(at)
            .with_hint(format!(
                "the header's text is white on this colour: use a darker shade, such as \"{}\" \
                 ({})",
                darker.hex(),
                ratio_words(darker.contrast(white))
            )),
        );
        return None;
    }
    Some(rgb)
}

/// What is wrong with the logo at the site address `url`, if anything: it
/// must be a file in static/ or content/, inside the site.
fn logo_problem(root: &Path, url: &str) -> Option<String> {
    let rel = url.trim_start_matches('/');
    let outside = rel
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty());
    if outside || rel.contains('\\') {
        return Some(format!(
            "brand.logo `{url}` is not an address inside the site"
        ));
    }
    let found = ["static", "content"].into_iter().find(|folder| {
        let candidate = format!("{folder}/{rel}");
        root.join(&candidate).is_file()
            && crate::source::walk::leaves_site(root, &candidate).is_none()
    });
    match found {
        Some(_) => None,
        None => Some(format!(
            "brand.logo `{url}` is not a file: there is no static/{rel} or content/{rel}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{ratio_words, Rgb, LEAST_CONTRAST, TEXT_BACKGROUNDS};

    #[test]
    fn hex_colours_are_read_in_both_lengths_and_cases() {
        assert_eq!(Rgb::parse("#00594F"), Some(Rgb(0x00, 0x59, 0x4f)));
        assert_eq!(Rgb::parse("#fc0"), Some(Rgb(0xff, 0xcc, 0x00)));
        for bad in ["00594f", "#00594", "#0059zz", "green", "#", "#ffcc00ff"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_is_wcags_ratio() {
        let white = Rgb(255, 255, 255);
        assert_eq!(ratio_words(Rgb(0, 0, 0).contrast(white)), "21.0:1");
        // GOV.UK's blue and a yellow, as WebAIM's checker gives them.
        assert_eq!(ratio_words(Rgb(0x1d, 0x70, 0xb8).contrast(white)), "5.1:1");
        assert_eq!(ratio_words(Rgb(0xff, 0xcc, 0x00).contrast(white)), "1.5:1");
        // Rounded down: 4.48:1 is not shown as 4.5:1.
        assert_eq!(ratio_words(4.48), "4.4:1");
    }

    #[test]
    fn a_readable_shade_is_the_colour_itself_when_dark_enough_or_darker() {
        let dark = Rgb(0x00, 0x59, 0x4f);
        assert_eq!(dark.readable_on(&TEXT_BACKGROUNDS), dark);
        let pale = Rgb(0xff, 0xcc, 0x00);
        let shade = pale.readable_on(&TEXT_BACKGROUNDS);
        assert!(TEXT_BACKGROUNDS
            .iter()
            .all(|b| shade.contrast(*b) >= LEAST_CONTRAST));
        assert_ne!(shade, pale);
    }
}
