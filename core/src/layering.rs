//! The modules of core depend on each other without a circle: each can be read, tested and changed
//! knowing only the modules below it. A test, not a convention: it reads every `crate::<module>`
//! path of the library's sources (test modules left out) and fails on a circle, naming it.

use std::collections::BTreeMap;

/// Every module's source. A module that is a folder (`locale`) is all of its files.
const SOURCES: &[(&str, &str)] = &[
    ("chart", include_str!("chart.rs")),
    ("classify", include_str!("classify.rs")),
    ("diagnostic", include_str!("diagnostic/mod.rs")),
    ("diagnostic", include_str!("diagnostic/probes.rs")),
    ("diagnostic", include_str!("diagnostic/report.rs")),
    ("diagnostic", include_str!("diagnostic/scrub.rs")),
    ("event_id", include_str!("event_id.rs")),
    ("export", include_str!("export.rs")),
    ("glance", include_str!("glance.rs")),
    ("health", include_str!("health.rs")),
    ("history", include_str!("history.rs")),
    ("import", include_str!("import.rs")),
    ("invite_api", include_str!("invite_api.rs")),
    ("ledger", include_str!("ledger.rs")),
    ("locale", include_str!("locale/mod.rs")),
    ("locale", include_str!("locale/de.rs")),
    ("locale", include_str!("locale/en.rs")),
    ("locale", include_str!("locale/es.rs")),
    ("locale", include_str!("locale/fr.rs")),
    ("locale", include_str!("locale/pt.rs")),
    ("message", include_str!("message.rs")),
    ("note_budget", include_str!("note_budget.rs")),
    ("pacing", include_str!("pacing.rs")),
    ("person", include_str!("person.rs")),
    ("policy", include_str!("policy.rs")),
    ("presets", include_str!("presets.rs")),
    ("privacy", include_str!("privacy.rs")),
    ("profile", include_str!("profile.rs")),
    ("reconcile", include_str!("reconcile.rs")),
    ("schema", include_str!("schema.rs")),
    ("self_check", include_str!("self_check.rs")),
    ("sent_page", include_str!("sent_page.rs")),
    ("settings", include_str!("settings.rs")),
    ("status", include_str!("status.rs")),
    ("sync", include_str!("sync.rs")),
    ("stored", include_str!("stored.rs")),
    ("stored_values", include_str!("stored_values.rs")),
    ("template", include_str!("template.rs")),
    ("theme", include_str!("theme.rs")),
    ("time", include_str!("time.rs")),
];

/// The lines of `src` that are code: comments and `#[cfg(test)]` items left out. An item ends at
/// the first line that is a lone `}` (rustfmt puts a top-level item's closing brace there).
fn code_lines(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_test = false;
    for line in src.lines() {
        if in_test {
            in_test = line != "}";
            continue;
        }
        if line.trim() == "#[cfg(test)]" {
            in_test = true;
            continue;
        }
        if !line.trim_start().starts_with("//") {
            out.push(line);
        }
    }
    out
}

/// The modules `src` names through `crate::<module>`.
fn uses(module: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in code_lines(src) {
        for (i, _) in line.match_indices("crate::") {
            let rest = &line[i + "crate::".len()..];
            assert!(
                !rest.starts_with('{'),
                "{module}: `{}`: write one `use crate::<module>::…` per module, which this test reads",
                line.trim()
            );
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != module && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<&'static str, Vec<String>> {
    let mut g: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (module, src) in SOURCES {
        let deps = g.entry(module).or_default();
        for d in uses(module, src) {
            if !deps.contains(&d) {
                deps.push(d);
            }
        }
    }
    g
}

/// A circle in `g`, as the path that closes it (its first module again at the end), if there is one.
fn circle(g: &BTreeMap<&str, Vec<String>>) -> Option<Vec<String>> {
    // Depth-first, with the path so far: a module met again on its own path closes a circle.
    fn visit(
        g: &BTreeMap<&str, Vec<String>>,
        m: &str,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut c = path[i..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.iter().any(|d| d == m) {
            return None;
        }
        path.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, d, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(m.to_string());
        None
    }
    let mut done = Vec::new();
    g.keys()
        .find_map(|m| visit(g, m, &mut Vec::new(), &mut done))
}

#[test]
fn every_module_is_read() {
    let listed = |name: &str| SOURCES.iter().any(|(m, _)| *m == name);
    for line in include_str!("lib.rs").lines() {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            assert!(
                listed(name),
                "core/src/{name}: add it to SOURCES in layering.rs"
            );
        }
    }
    let locale_files = SOURCES.iter().filter(|(m, _)| *m == "locale").count();
    let locale_mods = include_str!("locale/mod.rs")
        .lines()
        .filter(|l| l.starts_with("mod ") && l.ends_with(';'))
        .count();
    assert_eq!(
        locale_files,
        1 + locale_mods,
        "a locale file is missing from SOURCES"
    );
    // Every dependency read is a module: the parsing found real names.
    for (m, deps) in graph() {
        for d in deps {
            assert!(listed(&d), "{m} names crate::{d}, which is no module");
        }
    }
}

#[test]
fn no_module_depends_on_itself() {
    let g = graph();
    assert!(
        g["ledger"].contains(&"person".to_string()),
        "the parser reads `use` lines"
    );
    if let Some(c) = circle(&g) {
        panic!(
            "core's modules depend on each other in a circle: {}",
            c.join(" → ")
        );
    }
}

#[test]
fn a_circle_is_found() {
    let g: BTreeMap<&str, Vec<String>> = [
        ("a", vec!["b".to_string()]),
        ("b", vec!["c".to_string()]),
        ("c", vec!["a".to_string()]),
        ("d", vec![]),
    ]
    .into_iter()
    .collect();
    assert_eq!(circle(&g).unwrap(), ["a", "b", "c", "a"]);
    let src = "use crate::x::Y;\n// crate::z\n#[cfg(test)]\nmod tests {\n    use crate::w;\n}\nfn f() -> crate::v::V {}\n";
    assert_eq!(uses("m", src), ["x", "v"]);
}
