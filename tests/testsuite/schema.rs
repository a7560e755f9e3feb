//! `signpost schema`: the JSON Schemas an editor uses to check site.yaml
//! and front-matter as they are typed.

use crate::harness::TestSite;

/// The JSON that `signpost schema FILE` prints.
fn schema(file: &str) -> serde_json::Value {
    let run = TestSite::new().run(&["schema", file]);
    assert!(
        run.success,
        "signpost schema {file} failed:\n{}",
        run.stderr
    );
    serde_json::from_str(&run.stdout).expect("the schema is JSON")
}

#[test]
fn the_site_yaml_schema_describes_every_key_and_refuses_others() {
    let json = schema("site-yaml");
    assert_eq!(
        json["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for key in [
        "title",
        "organisation",
        "audiences",
        "contact",
        "params",
        "base_url",
    ] {
        assert!(
            json["properties"][key]["description"].is_string(),
            "{key} has no description in {json}"
        );
    }
    assert_eq!(json["additionalProperties"], false);
}

#[test]
fn the_front_matter_schema_lists_the_kinds_of_page() {
    let text = schema("front-matter").to_string();
    for kind in ["page", "contract", "log", "poster", "activity"] {
        assert!(
            text.contains(&format!("\"const\":\"{kind}\"")),
            "{kind} in {text}"
        );
    }
    assert!(text.contains("tree-of-life"), "{text}");
}

#[test]
fn an_unknown_schema_is_refused_with_the_choices() {
    let run = TestSite::new().run(&["schema", "pages"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("site-yaml") && run.stderr.contains("front-matter"),
        "{}",
        run.stderr
    );
}
