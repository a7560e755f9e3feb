//! JSON Schemas of site.yaml and of a page's front-matter, for editors
//! that check YAML as it is typed. They are made from the very types the
//! loader reads those files into (`config` and `content::frontmatter`),
//! so a key the loader accepts is in the schema and a key it refuses is
//! not: the two cannot drift apart.

/// A file signpost has a schema for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schema {
    /// site.yaml.
    SiteYaml,
    /// The YAML front-matter at the top of a page.
    FrontMatter,
}

impl Schema {
    /// The schema as pretty-printed JSON.
    pub fn to_json(self) -> String {
        let schema = match self {
            Schema::SiteYaml => crate::config::schema(),
            Schema::FrontMatter => crate::content::frontmatter::FrontMatter::schema(),
        };
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The names of a schema's top-level properties.
    fn properties(schema: Schema) -> Vec<String> {
        let json: Value = serde_json::from_str(&schema.to_json()).expect("JSON");
        json["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect()
    }

    /// The keys of a YAML mapping.
    fn keys(yaml: &str) -> Vec<String> {
        let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("YAML");
        value
            .as_mapping()
            .map(|map| {
                map.keys()
                    .filter_map(|key| key.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn every_key_of_the_example_site_yaml_is_in_its_schema() {
        let site = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/site.yaml"))
            .expect("the example pack's site.yaml");
        let known = properties(Schema::SiteYaml);
        for key in keys(&site) {
            assert!(known.contains(&key), "{key} is not in {known:?}");
        }
        let json: Value = serde_json::from_str(&Schema::SiteYaml.to_json()).unwrap();
        let required: Vec<&str> = json["required"]
            .as_array()
            .expect("required keys")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(required, ["title", "organisation"]);
        assert_eq!(json["additionalProperties"], Value::Bool(false));
    }

    #[test]
    fn every_front_matter_key_and_kind_of_the_example_pack_is_in_its_schema() {
        let known = properties(Schema::FrontMatter);
        let schema = Schema::FrontMatter.to_json();
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(content) {
            let entry = entry.expect("content/ can be read");
            if entry.path().extension().is_none_or(|ext| ext != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("a page");
            let Some(front) = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---"))
                .map(|(front, _)| front)
            else {
                continue;
            };
            pages += 1;
            for key in keys(front) {
                assert!(
                    known.contains(&key),
                    "{key} ({}) is not in {known:?}",
                    entry.path().display()
                );
            }
            let value: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
            if let Some(kind) = value.get("kind").and_then(serde_yaml::Value::as_str) {
                assert!(
                    schema.contains(&format!("\"{kind}\"")),
                    "kind {kind} is not in the schema"
                );
            }
        }
        assert!(pages > 10, "the example pack has pages with front-matter");
    }
}
