//! The filters and tests that version 1 of the content format promised
//! ("Tera's built-in filters and tests") and that Tera 2 dropped or
//! renamed, written for page bodies so that every body written for
//! version 1 still builds. Each does what Tera 1's did. (`indent`'s
//! `prefix` and `linebreaksbr`, also from Tera 1, are in
//! [`super::filters`].)

use super::sandbox::{record, too_many_items, weight, MAX_TEXT_BYTES};
use tera::{Kwargs, State, Value};

/// Adds version 1's filters and tests to the engine of page bodies.
pub(super) fn install(tera: &mut tera::Tera) {
    tera.register_filter("trim_start_matches", trim_start_matches);
    tera.register_filter("trim_end_matches", trim_end_matches);
    // Tera 2 calls it `newlines_to_br`.
    tera.register_filter("linebreaksbr", super::filters::newlines_to_br);
    tera.register_filter("striptags", striptags);
    tera.register_filter("spaceless", spaceless);
    tera.register_filter("addslashes", addslashes);
    tera.register_filter("slice", slice);
    tera.register_filter("filter", filter);
    tera.register_filter("map", map);
    tera.register_filter("concat", concat);
    tera.register_filter("json_encode", json_encode);
    tera.register_filter("as_str", |value: Value, _: Kwargs, _: &State| {
        value.to_string()
    });
    tera.register_test("divisibleby", divisible_by);
    tera.register_test("object", |value: Value, _: Kwargs, _: &State| {
        value.is_map()
    });
}

/// The names of tests whose one argument version 1 wrote without a name
/// (`is containing("x")`), and the name Tera 2 wants for it.
pub(super) const POSITIONAL_TESTS: [(&str, &str); 5] = [
    ("starting_with", "pat"),
    ("ending_with", "pat"),
    ("containing", "pat"),
    ("divisibleby", "divisor"),
    ("divisible_by", "divisor"),
];

/// `trim_start_matches(pat=…)`: the text without `pat` repeated at its start.
fn trim_start_matches(text: &str, args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let pat = args.must_get::<&str>("pat")?;
    Ok(text.trim_start_matches(pat).to_string())
}

/// `trim_end_matches(pat=…)`: the text without `pat` repeated at its end.
fn trim_end_matches(text: &str, args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let pat = args.must_get::<&str>("pat")?;
    Ok(text.trim_end_matches(pat).to_string())
}

/// `striptags`: the text without HTML tags and comments.
fn striptags(text: &str, _: Kwargs, _: &State) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let close = if tag.starts_with("<!--") {
            tag.find("-->").map(|end| end + 3)
        } else {
            tag.find('>').map(|end| end + 1)
        };
        match close {
            Some(end) => rest = &tag[end..],
            None => {
                out.push_str(tag);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `spaceless`: the text without the white space between HTML tags.
fn spaceless(text: &str, _: Kwargs, _: &State) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(close) = rest.find('>') {
        out.push_str(&rest[..=close]);
        let after = &rest[close + 1..];
        let gap = after.len() - after.trim_start().len();
        rest = if gap > 0 && after[gap..].starts_with('<') {
            &after[gap..]
        } else {
            after
        };
    }
    out.push_str(rest);
    out
}

/// `addslashes`: `\`, `"` and `'` with a backslash before them.
fn addslashes(text: &str, _: Kwargs, _: &State) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\'', "\\'")
}

/// The index `i` of a list of `len` items, counting from the end when it
/// is negative.
fn index(i: f64, len: usize) -> usize {
    if i >= 0.0 {
        i as usize
    } else {
        (len as f64 + i).max(0.0) as usize
    }
}

/// `slice(start=…, end=…)`: part of a list; negative numbers count from
/// its end.
fn slice(items: &[Value], args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let start = args
        .get::<f64>("start")?
        .map_or(0, |i| index(i, items.len()));
    let end = args
        .get::<f64>("end")?
        .map_or(items.len(), |i| index(i, items.len()))
        .min(items.len());
    Ok(Value::from(if start >= end {
        Vec::new()
    } else {
        items[start..end].to_vec()
    }))
}

/// The value at a dotted `path` (`extra.kind`) inside a map.
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |value, key| {
        value
            .as_map()?
            .iter()
            .find(|(name, _)| name.as_str() == Some(key))
            .map(|(_, item)| item)
    })
}

/// `filter(attribute=…, value=…)`: the items whose `attribute` is `value`,
/// or, with no `value`, is set.
fn filter(items: &[Value], args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let attribute = args.must_get::<&str>("attribute")?;
    let wanted = args.get::<Value>("value")?.filter(|value| !value.is_none());
    let kept: Vec<Value> = items
        .iter()
        .filter(|item| {
            let found = at_path(item, attribute).filter(|value| !value.is_none());
            match &wanted {
                None => found.is_some(),
                Some(wanted) => found == Some(wanted),
            }
        })
        .cloned()
        .collect();
    Ok(Value::from(kept))
}

/// `map(attribute=…)`: the `attribute` of each item that has it.
fn map(items: &[Value], args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let attribute = args.must_get::<&str>("attribute")?;
    let values: Vec<Value> = items
        .iter()
        .filter_map(|item| at_path(item, attribute))
        .filter(|value| !value.is_none())
        .cloned()
        .collect();
    Ok(Value::from(values))
}

/// `concat(with=…)`: the list with `with` added at its end (each item of
/// `with`, when it is a list).
fn concat(items: &[Value], args: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let with = args.must_get::<Value>("with")?;
    let mut joined = items.to_vec();
    match with.as_array() {
        Some(more) => joined.extend(more.iter().cloned()),
        None => joined.push(with.clone()),
    }
    let list = Value::from(joined);
    if weight(&list, MAX_TEXT_BYTES) > MAX_TEXT_BYTES {
        return Err(record(too_many_items("the filter `concat` here makes")));
    }
    Ok(list)
}

/// `json_encode(pretty=false)`: the value as JSON.
fn json_encode(value: Value, args: Kwargs, _: &State) -> tera::TeraResult<String> {
    let pretty = args.get::<bool>("pretty")?.unwrap_or(false);
    let encoded = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    };
    encoded.map_err(tera::Error::message)
}

/// `is divisibleby(divisor=…)`: whether a whole number divides by another.
fn divisible_by(value: Value, args: Kwargs, _: &State) -> tera::TeraResult<bool> {
    let divisor = args.must_get::<i64>("divisor")?;
    let number = value
        .as_i64()
        .ok_or_else(|| tera::Error::message("`divisibleby` works on whole numbers only"))?;
    Ok(divisor != 0 && number % divisor == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(template: &str) -> String {
        let mut tera = tera::Tera::new();
        install(&mut tera);
        let mut context = tera::Context::new();
        context.insert(
            "people",
            &serde_json::json!([
                { "name": "Asha", "role": "mentor" },
                { "name": "Ben", "role": "mentee" },
                { "name": "Cai" }
            ]),
        );
        tera.render_str(template, &context, false)
            .unwrap_or_else(|error| panic!("{template}: {error}"))
    }

    #[test]
    fn version_one_filters_do_what_they_did() {
        assert_eq!(
            run("{{ \"xxaxx\" | trim_start_matches(pat=\"x\") }}"),
            "axx"
        );
        assert_eq!(run("{{ \"xxaxx\" | trim_end_matches(pat=\"x\") }}"), "xxa");
        assert_eq!(run("{{ \"a\nb\" | linebreaksbr }}"), "a<br>b");
        assert_eq!(
            run("{{ \"<p>a <!-- x --><b>b</b></p>\" | striptags }}"),
            "a b"
        );
        assert_eq!(
            run("{{ \"<p> <b>b</b>\n</p>\" | spaceless }}"),
            "<p><b>b</b></p>"
        );
        assert_eq!(run("{{ \"it's\" | addslashes }}"), "it\\'s");
        assert_eq!(
            run("{{ [1, 2, 3, 4] | slice(start=1, end=-1) | join(sep=\",\") }}"),
            "2,3"
        );
        assert_eq!(
            run("{{ people | filter(attribute=\"role\", value=\"mentee\") | map(attribute=\"name\") | join(sep=\",\") }}"),
            "Ben"
        );
        assert_eq!(run("{{ people | map(attribute=\"role\") | length }}"), "2");
        assert_eq!(
            run("{{ [1] | concat(with=[2, 3]) | concat(with=4) | length }}"),
            "4"
        );
        assert_eq!(run("{{ people[0].name | json_encode }}"), "\"Asha\"");
        assert_eq!(
            run("{% if 6 is divisibleby(divisor=3) %}yes{% endif %}"),
            "yes"
        );
        assert_eq!(run("{% if people[0] is object %}map{% endif %}"), "map");
    }
}
