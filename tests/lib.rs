//! Helpers shared by the end-to-end tests: fixture paths and comparison of
//! a parsed notice with a hand-checked gold file.
//!
//! The gold files fix field names and values; a notice may hold more fields
//! than its gold (positions, raw texts), so only the fields a gold object
//! holds are compared. Strings compare equal after folding script
//! (traditional/simplified), width and white space, as
//! `fixtures/README.md` says.

use std::path::PathBuf;

pub mod generated;
pub mod noloss;

use serde_json::Value;

/// Top-level gold keys that are not part of the notice JSON.
const GOLD_ONLY_KEYS: &[&str] = &["columns", "measure_notes", "url", "source", "notes"];

/// The path of a file under the repository's `fixtures/` folder.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("fixtures")
        .join(rel)
}

/// Reads a gold file.
pub fn read_gold(rel: &str) -> Value {
    let text = std::fs::read_to_string(fixture(rel)).expect("gold file readable");
    serde_json::from_str(&text).expect("gold file is JSON")
}

/// The form two strings are compared in: simplified script, half-width
/// punctuation, no white space.
pub fn comparable(s: &str) -> String {
    gongwen::normalize::comparable(s)
}

/// Compares `ours` with `gold` on every field `gold` holds; returns one line
/// per difference, naming the JSON path.
pub fn compare_to_gold(ours: &Value, gold: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    compare(ours, gold, "$", &mut diffs);
    if let (Some(notes), Some(ours)) = (gold.get("measure_notes"), ours.as_object()) {
        let _ = ours;
        compare_notes(
            ours_measures(&Value::Object(ours.clone())),
            notes,
            &mut diffs,
        );
    }
    diffs
}

fn ours_measures(notice: &Value) -> Vec<Value> {
    fn walk(h: &Value, out: &mut Vec<Value>) {
        if let Some(ms) = h.get("measures").and_then(Value::as_array) {
            out.extend(ms.iter().cloned());
        }
        if let Some(cs) = h.get("children").and_then(Value::as_array) {
            for c in cs {
                walk(c, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(ms) = notice.get("measures").and_then(Value::as_array) {
        out.extend(ms.iter().cloned());
    }
    if let Some(hs) = notice.get("outline").and_then(Value::as_array) {
        for h in hs {
            walk(h, &mut out);
        }
    }
    out
}

/// `measure_notes` maps a measure's ordinal to the note cut from its unit
/// cell; every other measure must have no note.
fn compare_notes(measures: Vec<Value>, notes: &Value, diffs: &mut Vec<String>) {
    for m in measures {
        let ordinal = m.get("ordinal").map(|o| o.to_string()).unwrap_or_default();
        let want = notes.get(&ordinal).and_then(Value::as_str);
        let got = m.get("note").and_then(Value::as_str);
        let same = match (want, got) {
            (Some(w), Some(g)) => comparable(w) == comparable(g),
            (None, None) => true,
            _ => false,
        };
        if !same {
            diffs.push(format!(
                "measure {ordinal} note: gold {want:?}, ours {got:?}"
            ));
        }
    }
}

fn compare(ours: &Value, gold: &Value, path: &str, diffs: &mut Vec<String>) {
    match (gold, ours) {
        (Value::Object(g), Value::Object(o)) => {
            for (k, gv) in g {
                if path == "$" && GOLD_ONLY_KEYS.contains(&k.as_str()) {
                    continue;
                }
                let p = format!("{path}.{k}");
                match o.get(k) {
                    Some(ov) => compare(ov, gv, &p, diffs),
                    None if gv.is_null() => {}
                    None => diffs.push(format!("{p}: missing, gold {gv}")),
                }
            }
        }
        (Value::Array(g), Value::Array(o)) => {
            if g.len() != o.len() {
                diffs.push(format!("{path}: {} items, gold {}", o.len(), g.len()));
            }
            for (i, (gv, ov)) in g.iter().zip(o.iter()).enumerate() {
                compare(ov, gv, &format!("{path}[{i}]"), diffs);
            }
        }
        (Value::String(g), Value::String(o)) => {
            if comparable(g) != comparable(o) {
                diffs.push(format!("{path}: {o:?}, gold {g:?}"));
            }
        }
        (g, o) => {
            if g != o {
                diffs.push(format!("{path}: {o}, gold {g}"));
            }
        }
    }
}

/// Parses a fixture file and compares it with a gold file; panics listing
/// the differences.
pub fn assert_matches_gold(input: &str, gold: &str) {
    let notice = gongwen::parse_path(&fixture(input)).expect("fixture parses");
    assert_notice_matches_gold(input, &notice, gold);
}

/// Compares a parsed notice (named `input` in messages) with a gold file;
/// panics listing the differences.
pub fn assert_notice_matches_gold(input: &str, notice: &gongwen::model::Notice, gold: &str) {
    let ours = serde_json::to_value(notice).expect("notice serializes");
    let errors: Vec<String> = validator()
        .iter_errors(&ours)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{input}: output does not fit the schema:\n{}",
        errors.join("\n")
    );
    let gold = read_gold(gold);
    let diffs = compare_to_gold(&ours, &gold);
    assert!(
        diffs.is_empty(),
        "{input} differs from {gold_name} in {n} places:\n{list}",
        gold_name = gold.get("meta").map(|_| "gold").unwrap_or("gold"),
        n = diffs.len(),
        list = diffs
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// How to regenerate the committed schema file.
pub const REGENERATE: &str = "cargo run -q -p gongwen-cli -- schema > schema/notice-v1.schema.json";

/// The committed JSON Schema of notice JSON v1.
pub fn committed_schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/notice-v1.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; generate it with: {REGENERATE}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}); regenerate it with: {REGENERATE}",
            path.display()
        )
    })
}

/// A validator for the committed schema, checking formats (dates) too.
pub fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&committed_schema())
        .expect("the committed schema compiles")
}
