//! The fill-in shortcodes (`field`, `date`, `signature`, `checkbox`, and
//! `help`): Tera functions that leave a placeholder in the Markdown, which
//! the Markdown writer turns into a [`Field`] and then a labelled form
//! control. `help` is a call to action: a tick box on paper, and on screen
//! a panel saying who to contact, with links to call and email them
//! (site.yaml's `contact` in the page's language, which the placeholder
//! carries).
//!
//! The placeholder is the build's secret [`token`], an `f`, the arguments
//! hex-encoded and a `z`: digits and letters, which Markdown (smart quotes,
//! emphasis) leaves alone. Only a shortcode can write the token, so text
//! the author wrote, whatever characters it holds, is never taken for a
//! field.

use super::headings::{slugify, IdSet};
use super::token::token;
use crate::phrases::Phrases;
use crate::util::hex::hex;
use std::ops::Range;
use tera::{Kwargs, State, Value};

/// The shortcodes and the arguments each takes.
const SHORTCODES: [(&str, &[&str]); 5] = [
    ("field", &["label", "lines"]),
    ("date", &["label"]),
    ("signature", &["label"]),
    ("checkbox", &["label"]),
    ("help", &["label"]),
];

/// The names of the shortcodes, for a did-you-mean.
pub(crate) const NAMES: [&str; 5] = ["field", "date", "signature", "checkbox", "help"];

/// What a shortcode gives back where it is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Made {
    /// A placeholder in a page's body, which the Markdown writer turns
    /// into the control (with an id distinct from the page's others).
    Placeholder,
    /// The control's HTML itself, for a theme template; its id comes from
    /// its label alone.
    Control,
}

/// Registers the shortcodes as functions on a Tera instance, once: the
/// page bodies' engine gets placeholders, a theme's engine the controls.
pub(crate) fn register(tera: &mut tera::Tera, made: Made) {
    for (name, allowed) in SHORTCODES {
        let call = move |args: Kwargs, state: &State| -> tera::TeraResult<Value> {
            let mut field = read_field(name, allowed, &args)?;
            if name == "help" {
                // Bodies and theme pages alike have site.yaml as `site`,
                // in the page's language.
                field.help = Some(HelpContact::from_site(state.get::<Value>("site")?.as_ref()));
            }
            Ok(match made {
                Made::Placeholder => Value::from(field.placeholder()),
                Made::Control => {
                    // A theme's page has its phrase table as `t`.
                    let table = state.get::<Value>("t")?;
                    let words = |key: &str| match table.as_ref().and_then(|t| t.as_map()) {
                        Some(map) => map
                            .get(&tera::value::Key::from(key.to_string()))
                            .and_then(Value::as_str)
                            .map_or_else(
                                || Phrases::english().get(key).to_string(),
                                str::to_string,
                            ),
                        None => Phrases::english().get(key).to_string(),
                    };
                    let mut ids = IdSet::default();
                    Value::safe_string(&field.control(&mut ids, &words, true))
                }
            })
        };
        tera.register_function(name, call);
    }
}

/// Checks a shortcode's arguments and reads its field.
fn read_field(name: &str, allowed: &[&str], args: &Kwargs) -> tera::TeraResult<Field> {
    let mut keys: Vec<String> = args.iter().map(|(key, _)| key.to_string()).collect();
    keys.sort();
    for key in keys {
        if !allowed.contains(&key.as_str()) {
            return Err(tera::Error::message(format!(
                "`{name}` does not take the argument `{key}`; it takes {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )));
        }
    }
    let label = match args.get::<Value>("label")? {
        Some(value) if value.as_str().is_some_and(|l| !l.trim().is_empty()) => {
            value.as_str().unwrap_or_default().to_string()
        }
        Some(_) => {
            return Err(tera::Error::message(format!(
                "`{name}` needs a `label` in quotes, with some text"
            )))
        }
        None => {
            return Err(tera::Error::message(format!(
                "`{name}` needs a `label`, as in {name}(label=\"...\")"
            )))
        }
    };
    let lines = match args.get::<Value>("lines")? {
        None => 1,
        Some(value) => match value.as_u64() {
            Some(n @ 1..=60) => n,
            _ => {
                return Err(tera::Error::message(format!(
                    "`lines` on `{name}` must be a whole number from 1 to 60"
                )))
            }
        },
    };
    Ok(Field {
        name: name.to_string(),
        lines,
        label,
        help: None,
    })
}

/// Who a help panel tells its reader to contact: site.yaml's `contact` in
/// the page's language (each part empty where it gives none), and the
/// organisation, for a site with no contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HelpContact {
    /// The person or team.
    pub name: String,
    /// Their phone number, as site.yaml writes it.
    pub phone: String,
    /// Their email address.
    pub email: String,
    /// Their web address.
    pub url: String,
    /// The site's organisation.
    pub organisation: String,
}

impl HelpContact {
    /// The contact of `site`, the value templates see as `site`.
    fn from_site(site: Option<&Value>) -> HelpContact {
        let text = |value: Option<&Value>, key: &str| -> String {
            value
                .and_then(Value::as_map)
                .and_then(|map| map.get(&tera::value::Key::from(key.to_string())))
                .and_then(Value::as_str)
                .map(|text| text.trim().replace('\u{1f}', ""))
                .unwrap_or_default()
        };
        let contact = site
            .and_then(Value::as_map)
            .and_then(|map| map.get(&tera::value::Key::from("contact".to_string())));
        HelpContact {
            name: text(contact, "name"),
            phone: text(contact, "phone"),
            email: text(contact, "email"),
            url: text(contact, "url"),
            organisation: text(site, "organisation"),
        }
    }

    /// Whether it gives any way to reach someone: a phone number, an
    /// email address or a web address.
    pub(crate) fn has_way(&self) -> bool {
        !(self.phone.is_empty() && self.email.is_empty() && self.url.is_empty())
    }
}

/// A fill-in field, as its shortcode asked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// The shortcode: `field`, `date`, `signature` or `checkbox`.
    pub name: String,
    /// How many lines a `field` has (1 for the others).
    pub lines: u64,
    /// The visible label.
    pub label: String,
    /// For `help`, who to contact.
    pub help: Option<HelpContact>,
}

impl Field {
    /// The placeholder that stands for this field in a body until the
    /// Markdown writer makes its control.
    fn placeholder(&self) -> String {
        let contact = self.help.as_ref().map_or(String::new(), |c| {
            format!(
                "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}",
                c.name, c.phone, c.email, c.url, c.organisation
            )
        });
        let payload = format!(
            "{}\u{1f}{}\u{1f}{contact}{}",
            self.name, self.lines, self.label
        );
        format!("{}f{}z", token(), hex(payload.as_bytes()))
    }

    /// The lines to write on that the field makes on paper: a signature
    /// takes two (the name and the date).
    pub(crate) fn lines_to_write(&self) -> usize {
        match self.name.as_str() {
            "signature" => 2,
            "field" => usize::try_from(self.lines).unwrap_or(1).max(1),
            _ => 1,
        }
    }

    /// The field's form control, with ids taken from `ids` (so they differ
    /// from the page's heading ids) and words from `phrases`. A `block`
    /// field is a paragraph of its own, where a date's group can be a
    /// fieldset.
    pub(crate) fn control_html(&self, ids: &mut IdSet, phrases: &Phrases, block: bool) -> String {
        self.control(ids, &|key| phrases.get(key).to_string(), block)
    }

    /// The control, with each phrase it says from `words`.
    fn control(&self, ids: &mut IdSet, words: &dyn Fn(&str) -> String, block: bool) -> String {
        let id = ids.unique(&format!("field_{}", slugify(&self.label)));
        if let Some(contact) = &self.help {
            let checkbox = control("checkbox", 1, &self.label, (&id, ""), words, block);
            return help_panel(&self.label, contact, words, block, &checkbox);
        }
        let date_id = if self.name == "signature" {
            ids.unique(&format!("{id}-date"))
        } else {
            String::new()
        };
        control(
            &self.name,
            self.lines,
            &self.label,
            (&id, &date_id),
            words,
            block,
        )
    }
}

/// The first shortcode placeholder in `text`: where it is, and its field
/// (`None` if it was cut short or changed on the way, when it is dropped
/// rather than shown).
pub(crate) fn find_field(text: &str) -> Option<(Range<usize>, Option<Field>)> {
    let start = text.find(token())?;
    let after = &text[start + token().len()..];
    // A `{% filter upper %}` around the shortcode changes the letters.
    let Some(hex) = after.strip_prefix(['f', 'F']) else {
        return Some((start..start + token().len(), None));
    };
    let Some(len) = hex.find(['z', 'Z']) else {
        return Some((start..start + token().len(), None));
    };
    let end = start + token().len() + 1 + len + 1;
    Some((start..end, decode(&hex[..len])))
}

/// Text with its shortcode placeholders taken out, and their fields: for
/// text that cannot hold a form control (an attribute, a reading check).
pub(crate) fn without_fields(text: &str) -> (String, Vec<Field>) {
    let mut plain = String::with_capacity(text.len());
    let mut fields = Vec::new();
    let mut rest = text;
    while let Some((range, field)) = find_field(rest) {
        plain.push_str(&rest[..range.start]);
        fields.extend(field);
        rest = &rest[range.end..];
    }
    plain.push_str(rest);
    (plain, fields)
}

/// A placeholder's field, if it is one a shortcode could have made: a
/// page's template can take a shortcode's value apart (`truncate`,
/// `replace`) and make another, which must not ask for what the
/// shortcode refuses (a thousand lines to write on).
fn decode(hex: &str) -> Option<Field> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    let mut parts = text.splitn(3, '\u{1f}');
    let name = parts.next()?.to_string();
    let lines = parts.next()?.parse().ok()?;
    let mut rest = parts.next()?;
    let help = if name == "help" {
        let mut parts = rest.splitn(6, '\u{1f}');
        let mut part = || parts.next().map(str::to_string);
        let contact = HelpContact {
            name: part()?,
            phone: part()?,
            email: part()?,
            url: part()?,
            organisation: part()?,
        };
        rest = parts.next()?;
        Some(contact)
    } else {
        None
    };
    let field = Field {
        name,
        lines,
        label: rest.to_string(),
        help,
    };
    let known = SHORTCODES.iter().any(|(name, _)| *name == field.name);
    (known && (1..=60).contains(&field.lines) && !field.label.trim().is_empty()).then_some(field)
}

/// The HTML of one control, with a visible label tied to it. `ids` are
/// its id and the id of a signature's date; `words` gives each phrase.
fn control(
    name: &str,
    lines: u64,
    label: &str,
    (id, date_id): (&str, &str),
    words: &dyn Fn(&str) -> String,
    block: bool,
) -> String {
    let escape = crate::util::html::escape_html;
    let word = |key: &str| escape(&words(key));
    let date_for = crate::phrases::fill_in(&words("signature_date_for"), &[("label", label)]);
    let signature_date_name = format!("{} {date_for}", words("signature_date"));
    let for_label = escape(&date_for);
    // Each printed form field is named after the label as written.
    let spot = |kind: SpotKind, input: String| spotted(kind, label, &input);
    let date_name = label;
    let label = escape(label);
    match name {
        "field" if lines > 1 => format!(
            "<span class=\"field field-lines\" style=\"--lines: {lines}\"><label for=\"{id}\">{label}</label> {}</span>",
            spot(
                SpotKind::Lines,
                format!("<textarea id=\"{id}\" name=\"{id}\" rows=\"{lines}\" data-keep></textarea>")
            )
        ),
        // GOV.UK's date input: Day, Month and Year, each a labelled box
        // of digits, grouped under the field's label.
        "date" if block => format!(
            "<fieldset class=\"field field-date\"><legend>{label}</legend> {}</fieldset>",
            date_inputs(id, date_name, words)
        ),
        "date" => format!(
            "<span class=\"field field-date\" role=\"group\" aria-labelledby=\"{id}-legend\">\
             <span class=\"date-legend\" id=\"{id}-legend\">{label}</span> {}</span>",
            date_inputs(id, date_name, words)
        ),
        "signature" => format!(
            "<span class=\"field field-signature\"><span class=\"signature-line\"><label for=\"{id}\">{label}</label> \
             {}</span> \
             <span class=\"signature-date\" role=\"group\" aria-labelledby=\"{date_id}-legend\">\
             <span class=\"date-legend\" id=\"{date_id}-legend\">{}<span class=\"visually-hidden\"> {}</span></span> {}</span></span>",
            spot(
                SpotKind::Text,
                format!("<input type=\"text\" id=\"{id}\" name=\"{id}\" autocomplete=\"off\" data-keep>")
            ),
            word("signature_date"),
            for_label,
            date_inputs(date_id, &signature_date_name, words)
        ),
        "checkbox" => format!(
            "<span class=\"field field-checkbox\">{} <label for=\"{id}\">{label}</label></span>",
            spot(
                SpotKind::Checkbox,
                format!("<input type=\"checkbox\" id=\"{id}\" name=\"{id}\" data-keep>")
            )
        ),
        _ => format!(
            "<span class=\"field field-line\"><label for=\"{id}\">{label}</label> {}</span>",
            spot(
                SpotKind::Text,
                format!("<input type=\"text\" id=\"{id}\" name=\"{id}\" autocomplete=\"off\" data-keep>")
            )
        ),
    }
}

/// A help panel: on screen, who to contact and links to call, email or
/// visit them (or, with no way to reach anyone in site.yaml, whom to
/// ask); on paper, `checkbox`, the tick box with the label. The theme's
/// style sheet shows each in its own medium. A `block` panel is a `div`
/// with a list; one inside a sentence is made of `span`s.
fn help_panel(
    label: &str,
    contact: &HelpContact,
    words: &dyn Fn(&str) -> String,
    block: bool,
    checkbox: &str,
) -> String {
    let escape = crate::util::html::escape_html;
    let (panel, line, list, item) = if block {
        ("div", "p", "ul", "li")
    } else {
        ("span", "span", "span", "span")
    };
    let name = if contact.name.is_empty() {
        &contact.organisation
    } else {
        &contact.name
    };
    let text = if contact.has_way() {
        crate::phrases::fill_in(&words("help_panel_text"), &[("name", name)])
    } else {
        crate::phrases::fill_in(
            &words("help_panel_no_contact"),
            &[("organisation", &contact.organisation)],
        )
    };
    let mut ways = Vec::new();
    if !contact.phone.is_empty() {
        let call =
            crate::phrases::fill_in(&words("help_panel_phone"), &[("phone", &contact.phone)]);
        ways.push(("phone", super::autolink::tel_href(&contact.phone), call));
    }
    if !contact.email.is_empty() {
        let email =
            crate::phrases::fill_in(&words("help_panel_email"), &[("email", &contact.email)]);
        ways.push(("email", format!("mailto:{}", contact.email), email));
    }
    if !contact.url.is_empty() {
        let visit = crate::phrases::fill_in(&words("help_panel_website"), &[("url", &contact.url)]);
        ways.push(("website", contact.url.clone(), visit));
    }
    let mut html = format!(
        "<{panel} class=\"help-panel\"><{line} class=\"help-panel-title\">{}</{line}> <{line} class=\"help-panel-text\">{}</{line}>",
        escape(label),
        escape(&text)
    );
    if !ways.is_empty() {
        html.push_str(&format!(" <{list} class=\"help-panel-ways\">"));
        for (kind, href, said) in ways {
            html.push_str(&format!(
                "<{item} class=\"help-panel-{kind}\"><a href=\"{}\">{}</a></{item}> ",
                escape(&href),
                escape(&said)
            ));
        }
        html.push_str(&format!("</{list}>"));
    }
    html.push_str(&format!(
        "</{panel}><span class=\"help-print\">{checkbox}</span>"
    ));
    html
}

/// A date's three boxes (Day, Month, Year), with ids `ID-day`,
/// `ID-month` and `ID-year`: text boxes of digits, two, two and four wide.
/// `name` is what the date is called (its label), which each box's
/// printed form field is named after.
fn date_inputs(id: &str, name: &str, words: &dyn Fn(&str) -> String) -> String {
    let boxes = [
        ("day", "date_day", 2, SpotKind::Day),
        ("month", "date_month", 2, SpotKind::Month),
        ("year", "date_year", 4, SpotKind::Year),
    ];
    let mut out = String::from("<span class=\"date-input\">");
    for (part, key, width, kind) in boxes {
        let part_name = words(key);
        let input = format!(
            "<input class=\"date-input-{width}\" type=\"text\" inputmode=\"numeric\" size=\"{width}\" \
             id=\"{id}-{part}\" name=\"{id}-{part}\" autocomplete=\"off\" data-keep>"
        );
        out.push_str(&format!(
            "<span class=\"date-input-item\"><label for=\"{id}-{part}\">{}</label> {}</span>",
            crate::util::html::escape_html(&part_name),
            spotted(kind, &format!("{name}: {part_name}"), &input)
        ));
    }
    out.push_str("</span>");
    out
}

/// What a printed PDF's form field for a control is: what the link that
/// marks its place says, after `signpost-field=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpotKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    Lines,
    /// A tick box.
    Checkbox,
    /// A date's day: two digits.
    Day,
    /// A date's month: two digits.
    Month,
    /// A date's year: four digits.
    Year,
}

impl SpotKind {
    /// The word for the kind in the link.
    fn word(self) -> &'static str {
        match self {
            SpotKind::Text => "text",
            SpotKind::Lines => "lines",
            SpotKind::Checkbox => "checkbox",
            SpotKind::Day => "day",
            SpotKind::Month => "month",
            SpotKind::Year => "year",
        }
    }
}

/// A control `input` in a box with a hidden, empty link over it, which
/// only print shows. A browser prints a link as a link annotation over
/// the link's box, and its address, the page itself with the query
/// `?signpost-field=KIND/NAME` (the name percent-encoded), says what form
/// field to put there in its place (see `pdf::form`). On screen the link
/// is hidden, so neither a keyboard nor a screen reader meets it; should
/// it be followed from a PDF that a browser printed, it leads back to the
/// page.
fn spotted(kind: SpotKind, name: &str, input: &str) -> String {
    let name = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    format!(
        "<span class=\"field-box\">{input}<a class=\"field-spot\" hidden href=\"?signpost-field={}/{name}\"></a></span>",
        kind.word()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: &[(&str, Value)]) -> tera::TeraResult<String> {
        let allowed = SHORTCODES.iter().find(|(n, _)| *n == name).unwrap().1;
        let map: tera::Map = args
            .iter()
            .map(|(k, v)| (tera::value::Key::from(k.to_string()), v.clone()))
            .collect();
        read_field(name, allowed, &Kwargs::new(std::sync::Arc::new(map)))
            .map(|field| field.placeholder())
    }

    #[test]
    fn a_placeholder_is_found_again_with_its_field() {
        let p = call(
            "field",
            &[
                ("label", Value::from("Mentor's name")),
                ("lines", Value::from(3)),
            ],
        )
        .unwrap();
        let text = format!("Name: {p} done");
        let (range, field) = find_field(&text).unwrap();
        assert_eq!(&text[range], p);
        let field = field.unwrap();
        assert_eq!(
            (field.name.as_str(), field.lines, field.label.as_str()),
            ("field", 3, "Mentor's name")
        );
        assert_eq!(field.lines_to_write(), 3);
        assert!(field
            .control_html(&mut IdSet::default(), &Phrases::english(), true)
            .contains("<label for=\"field_mentor-s-name\">Mentor&#39;s name</label>"));
    }

    #[test]
    fn a_placeholder_in_capitals_is_still_a_field() {
        let p = call("date", &[("label", Value::from("When"))]).unwrap();
        let (_, field) = find_field(&p.to_uppercase()).unwrap();
        assert_eq!(field.unwrap().label, "When");
    }

    #[test]
    fn a_placeholder_made_by_hand_asks_no_more_than_a_shortcode() {
        let made = |payload: &str| {
            find_field(&format!("{}f{}z", token(), hex(payload.as_bytes())))
                .and_then(|(_, field)| field)
        };
        assert!(made("field\u{1f}60\u{1f}x").is_some());
        assert_eq!(made("field\u{1f}9999\u{1f}x"), None);
        assert_eq!(made("script\u{1f}1\u{1f}x"), None);
        assert_eq!(made("date\u{1f}1\u{1f} "), None);
    }

    #[test]
    fn text_without_the_token_has_no_field() {
        // What the markers of old looked like, and a hex payload alone.
        let forged = "\u{E002}6669656c641f311f78\u{E003} f6669656c641f311f78z";
        assert_eq!(find_field(forged), None);
    }

    #[test]
    fn repeated_labels_get_distinct_ids() {
        let field = Field {
            name: "signature".to_string(),
            lines: 1,
            label: "Signed".to_string(),
            help: None,
        };
        let mut ids = IdSet::default();
        let html = format!(
            "{}{}",
            field.control_html(&mut ids, &Phrases::english(), true),
            field.control_html(&mut ids, &Phrases::english(), true)
        );
        assert!(html.contains("id=\"field_signed\""));
        assert!(html.contains("id=\"field_signed-1\""));
        assert!(html.contains("id=\"field_signed-date-day\""));
        assert!(html.contains("<label for=\"field_signed-date-year\">Year</label>"));
        assert!(html.contains(">Date<span class=\"visually-hidden\"> for Signed</span>"));
        assert!(!html.contains("type=\"date\""));
    }

    #[test]
    fn unknown_arguments_are_refused() {
        let error = call(
            "date",
            &[("label", Value::from("D")), ("lines", Value::from(3))],
        )
        .unwrap_err();
        assert!(error
            .to_string()
            .contains("`date` does not take the argument `lines`"));
        assert!(call("checkbox", &[]).is_err());
    }
}
