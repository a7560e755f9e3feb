//! The Tree of Life drawing, made from a page's `tree:` prompts: a tree whose
//! parts (from the roots up) each carry a label, their prompt and ruled
//! space to write on.

use crate::content::meta::TreePart;
use crate::phrases::Phrases;
use std::fmt::Write;

const WIDTH: f32 = 1200.0;
const HEIGHT: f32 = 900.0;
const CENTRE: f32 = WIDTH / 2.0;

/// Where on the tree a part is: its height from the top of the drawing, and
/// how far from the centre line its pointer stops.
fn part_place(part: &str) -> (f32, f32) {
    match part {
        "roots" => (730.0, 95.0),
        "ground" => (640.0, 200.0),
        "trunk" => (520.0, 30.0),
        "branches" => (370.0, 70.0),
        "leaves" => (250.0, 190.0),
        "fruits" => (170.0, 40.0),
        _ => (70.0, 70.0), // storms
    }
}

/// The SVG for a Tree of Life with these parts, titled `title`. Its words
/// are drawn `text_scale` times the usual size (a theme's `tree_text_scale`);
/// its part names and description are from `phrases`.
pub(crate) fn svg(parts: &[TreePart], title: &str, text_scale: f32, phrases: &Phrases) -> String {
    let scale = text_scale.clamp(0.5, 2.0);
    let (label_size, prompt_size, leading) = (26.0 * scale, 19.0 * scale, 22.0 * scale);
    // Callouts: parts alternate left and right, from the bottom up, each
    // box as near its part as the boxes below it allow.
    let box_width = 360.0;
    let mut floor = [HEIGHT - 10.0, HEIGHT - 10.0];
    let mut boxes = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let side = i % 2;
        let (y, reach) = part_place(&part.part);
        let lines = wrap(&part.prompt, (38.0 / scale) as usize);
        let box_height = label_size + 52.0 + lines.len() as f32 * leading + 3.0 * 45.0;
        let top = (y - box_height / 2.0).min(floor[side] - box_height);
        floor[side] = top - 12.0;
        boxes.push((part, side == 0, y, reach, lines, top, box_height));
    }
    // Where the boxes climb above the top, the drawing grows downwards.
    let shift = boxes.iter().map(|b| 10.0 - b.5).fold(0.0_f32, f32::max);
    let height = HEIGHT + shift;
    let mut out = String::with_capacity(8 * 1024);
    let title = crate::util::html::escape_html(title);
    let described: Vec<String> = parts
        .iter()
        .map(|p| format!("{}: {}", part_name(phrases, &p.part), p.prompt))
        .collect();
    let _ = write!(
        out,
        "<svg class=\"tree-of-life\" viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         aria-labelledby=\"tree_title\" aria-describedby=\"tree_desc\"><title id=\"tree_title\">{title}</title>\
         <desc id=\"tree_desc\">{} {}</desc>",
        crate::util::html::escape_html(phrases.get("tree_description")),
        crate::util::html::escape_html(&described.join(". "))
    );
    let has = |name: &str| parts.iter().any(|p| p.part == name);
    let _ = write!(out, "<g transform=\"translate(0 {shift})\">");
    out.push_str("<g class=\"tree-drawing\" aria-hidden=\"true\">");
    if has("storms") {
        out.push_str("<path class=\"tree-storm\" d=\"M470 95 q-10 -45 40 -50 q20 -35 65 -15 q40 -25 70 15 q45 0 40 45 z\"/>\
                       <path class=\"tree-bolt\" d=\"M560 100 l-18 40 h22 l-14 38\"/>");
    }
    // Ground, roots, trunk, branches, leaves, fruits: always drawn, so the
    // tree reads as a tree; only the parts given carry labels.
    out.push_str("<path class=\"tree-ground\" d=\"M330 640 H870\"/>");
    out.push_str(
        "<path class=\"tree-roots\" d=\"M600 640 C590 690 540 720 490 760 M600 640 C605 700 600 740 610 790 \
         M600 640 C620 690 670 720 720 755 M585 650 C560 670 520 680 470 690 M615 650 C650 670 690 675 735 690\"/>",
    );
    out.push_str("<path class=\"tree-trunk\" d=\"M565 640 C575 560 575 470 570 400 L630 400 C625 470 625 560 635 640 Z\"/>");
    out.push_str(
        "<path class=\"tree-branches\" d=\"M590 410 C560 360 510 330 450 310 M610 410 C640 360 690 330 750 310 \
         M600 405 C600 350 600 320 600 280 M570 380 C540 330 520 290 500 250 M630 380 C660 330 680 290 700 250\"/>",
    );
    out.push_str(
        "<g class=\"tree-leaves\"><circle cx=\"600\" cy=\"220\" r=\"95\"/><circle cx=\"480\" cy=\"260\" r=\"75\"/>\
         <circle cx=\"720\" cy=\"260\" r=\"75\"/><circle cx=\"530\" cy=\"170\" r=\"70\"/><circle cx=\"670\" cy=\"170\" r=\"70\"/></g>",
    );
    out.push_str(
        "<g class=\"tree-fruits\"><circle cx=\"560\" cy=\"200\" r=\"14\"/><circle cx=\"650\" cy=\"230\" r=\"14\"/>\
         <circle cx=\"490\" cy=\"280\" r=\"14\"/><circle cx=\"715\" cy=\"190\" r=\"14\"/><circle cx=\"610\" cy=\"150\" r=\"14\"/></g>",
    );
    out.push_str("</g>");

    for (part, left, y, reach, lines, top, box_height) in boxes {
        let x = if left { 20.0 } else { WIDTH - 20.0 - box_width };
        let pointer_y = y.clamp(top + 20.0, top + box_height - 20.0);
        let anchor_x = if left { x + box_width } else { x };
        let target_x = if left { CENTRE - reach } else { CENTRE + reach };
        let _ = write!(
            out,
            "<g class=\"tree-part tree-part-{name}\"><path class=\"tree-pointer\" d=\"M{anchor_x} {pointer_y} L{target_x} {y}\"/>\
             <rect class=\"tree-box\" x=\"{x}\" y=\"{top}\" width=\"{box_width}\" height=\"{box_height}\" rx=\"12\"/>\
             <text class=\"tree-label\" x=\"{tx}\" y=\"{ly}\" font-size=\"{label_size}\">{label}</text>",
            name = part.part,
            tx = x + 16.0,
            ly = top + 6.0 + label_size,
            label = crate::util::html::escape_html(part_name(phrases, &part.part)),
        );
        for (n, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text class=\"tree-prompt\" x=\"{}\" y=\"{}\" font-size=\"{prompt_size}\">{}</text>",
                x + 16.0,
                top + 14.0 + label_size + (n + 1) as f32 * leading,
                crate::util::html::escape_html(line)
            );
        }
        let first_rule = top + 52.0 + label_size + lines.len() as f32 * leading;
        for n in 0..3 {
            let ry = first_rule + n as f32 * 45.0;
            let _ = write!(
                out,
                "<path class=\"tree-rule\" d=\"M{} {ry} H{}\"/>",
                x + 16.0,
                x + box_width - 16.0
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</g></svg>");
    out
}

/// A part's name, as the phrase table says it: `roots` → `Roots`.
fn part_name<'p>(phrases: &'p Phrases, part: &str) -> &'p str {
    phrases.get(&format!("tree_part_{part}"))
}

/// Breaks text into lines of at most about `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_is_labelled_with_its_prompt() {
        let parts = vec![
            TreePart {
                part: "roots".into(),
                prompt: "Where you come from".into(),
            },
            TreePart {
                part: "fruits".into(),
                prompt: "Your gifts & skills".into(),
            },
        ];
        let svg = svg(&parts, "My tree", 1.0, &Phrases::english());
        assert!(svg.contains("<title id=\"tree_title\">My tree</title>"));
        assert!(svg.contains(">Roots</text>") && svg.contains(">Where you come from</text>"));
        assert!(svg.contains(">Your gifts &amp; skills</text>"));
        assert!(!svg.contains(">Storms</text>"));
        assert_eq!(svg.matches("class=\"tree-rule\"").count(), 6);
    }

    #[test]
    fn all_seven_parts_fit_without_overlapping() {
        let parts: Vec<TreePart> = [
            "roots", "ground", "trunk", "branches", "leaves", "fruits", "storms",
        ]
        .iter()
        .map(|p| TreePart {
            part: p.to_string(),
            prompt: "A prompt long enough to wrap onto a second line of the box".into(),
        })
        .collect();
        let svg = svg(&parts, "T", 1.4, &Phrases::english());
        let number = |text: &str, key: &str| -> f32 {
            let at = text.find(key).unwrap() + key.len();
            text[at..]
                .split(['"', ')'])
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let view_height: f32 = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(['"', ' '])
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let shift = number(&svg, "translate(0 ");
        let mut boxes: Vec<(f32, f32, f32)> = svg
            .split("<rect ")
            .skip(1)
            .map(|r| {
                (
                    number(r, "x=\""),
                    number(r, "y=\"") + shift,
                    number(r, "height=\""),
                )
            })
            .collect();
        assert_eq!(boxes.len(), 7);
        boxes.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
        for pair in boxes.windows(2) {
            let ((x1, y1, h1), (x2, y2, _)) = (pair[0], pair[1]);
            assert!(x1 != x2 || y1 + h1 <= y2, "boxes overlap: {pair:?}");
        }
        assert!(
            boxes
                .iter()
                .all(|(_, y, h)| *y >= 0.0 && y + h <= view_height),
            "{boxes:?} in {view_height}"
        );
    }

    #[test]
    fn long_prompts_wrap() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
    }
}
