//! Which templates each template uses (Tera's extends, include and import), as one fingerprint
//! per template over everything it uses, so a change to a partial marks every page whose
//! template uses it.

use crate::graph::reads::fingerprint;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Each template of `dir` with what it extends, includes and imports, as one fingerprint, so a
/// change to a partial marks every page whose template uses it.
pub(super) fn template_prints(dir: &Path) -> HashMap<String, u64> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(dir) else { continue };
        let name = rel.to_string_lossy().replace('\\', "/");
        if let Ok(text) = std::fs::read_to_string(e.path()) {
            sources.insert(name, text);
        }
    }
    let uses: BTreeMap<&str, Vec<String>> = sources.iter().map(|(n, s)| (n.as_str(), used_templates(s))).collect();
    sources
        .keys()
        .map(|name| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![name.clone()];
            while let Some(t) = todo.pop() {
                if seen.insert(t.clone()) {
                    todo.extend(uses.get(t.as_str()).into_iter().flatten().cloned());
                }
            }
            let closure: Vec<(&String, Option<&String>)> = seen.iter().map(|t| (t, sources.get(t))).collect();
            (name.clone(), fingerprint(closure))
        })
        .collect()
}

/// The templates a Tera template names in `extends`, `include` and `import` tags.
pub(super) fn used_templates(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_start_matches('-').trim_start();
        if ["extends", "include", "import"].iter().any(|k| tag.starts_with(k)) {
            for (i, part) in tag.split('"').enumerate() {
                if i % 2 == 1 {
                    out.push(part.to_string());
                }
            }
        }
        rest = &after[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_named_by_tags() {
        let t = r#"{% extends "base.html" %}{%- include "partials/nav.html" -%}
            {% import "macros.html" as m %}{% block x %}{{ "not.html" }}{% endblock %}"#;
        assert_eq!(used_templates(t), ["base.html", "partials/nav.html", "macros.html"]);
    }
}
