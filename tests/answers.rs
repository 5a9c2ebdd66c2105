//! Notices written by an independent tester, answered by hand
//! (`fixtures/synth/`, see its README): gongwen's measures must agree with
//! each answer on every measure's heading path, label, text, deadline and
//! units with roles, and with the title and document number.
//!
//! The answers' own shape is compared, not the notice JSON: `path` lists
//! the headings above a measure as label and title (`（一）深化…改革`). One
//! convention differs and is mapped: the answers call a recurring deadline
//! (`每季度`) ongoing, gongwen gives it a `recurrence` and `ongoing: false`.

use gongwen::model::Notice;
use gongwen::normalize::comparable;
use gongwen_tests::fixture;
use serde_json::Value;

/// Differences between gongwen's notice and an answer, one line each.
fn differences(notice: &Notice, answer: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let same = |a: Option<&str>, b: Option<&str>| a.map(comparable) == b.map(comparable);
    for (field, ours) in [
        ("title", notice.meta.title.as_deref()),
        ("doc_number", notice.meta.doc_number.as_deref()),
    ] {
        if !same(ours, answer[field].as_str()) {
            out.push(format!("{field}: {ours:?} vs {}", answer[field]));
        }
    }
    let ours = notice.measures_with_path();
    let want = answer["measures"].as_array().cloned().unwrap_or_default();
    if ours.len() != want.len() {
        out.push(format!("{} measures, answer {}", ours.len(), want.len()));
    }
    for (k, w) in want.iter().enumerate() {
        let at = format!("measure {k} ({})", w["text"]);
        // The measure with the answer's text (gongwen lists a heading's own
        // measures before its sub-headings', not in document order).
        let text = comparable(w["text"].as_str().unwrap_or_default());
        let Some((path, m)) = ours.iter().find(|(_, m)| comparable(&m.text) == text) else {
            out.push(format!("{at}: no measure with this text"));
            continue;
        };
        let our_path: Vec<String> = path
            .iter()
            .map(|h| comparable(&format!("{}{}", h.label, h.title)))
            .collect();
        let want_path: Vec<String> = w["path"]
            .as_array()
            .map(|p| p.iter().filter_map(Value::as_str).map(comparable).collect())
            .unwrap_or_default();
        if our_path != want_path {
            out.push(format!("{at}: path {our_path:?} vs {want_path:?}"));
        }
        if !same(m.label.as_deref(), w["label"].as_str()) {
            out.push(format!("{at}: label {:?} vs {}", m.label, w["label"]));
        }
        let d = m.deadline.as_ref();
        let due = d.and_then(|d| d.due).map(|d| d.to_string());
        if due.as_deref() != w["due"].as_str() {
            out.push(format!("{at}: due {due:?} vs {}", w["due"]));
        }
        let ongoing = d.is_some_and(|d| d.ongoing || d.recurrence.is_some());
        if ongoing != w["ongoing"].as_bool().unwrap_or(false) {
            out.push(format!("{at}: ongoing {ongoing} vs {}", w["ongoing"]));
        }
        let units: Vec<(String, String)> = m
            .units
            .iter()
            .map(|u| {
                let role = u.role.map(|r| format!("{r:?}").to_lowercase());
                (comparable(&u.name), role.unwrap_or_default())
            })
            .collect();
        let want_units: Vec<(String, String)> = w["units"]
            .as_array()
            .map(|us| {
                us.iter()
                    .map(|u| {
                        (
                            comparable(u["name"].as_str().unwrap_or_default()),
                            u["role"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if units != want_units {
            out.push(format!("{at}: units {units:?} vs {want_units:?}"));
        }
    }
    out
}

fn check(name: &str) -> Vec<String> {
    let notice = gongwen::parse_path(&fixture(&format!("synth/{name}.txt"))).expect("parses");
    let text = std::fs::read_to_string(fixture(&format!("synth/{name}.answer.json")))
        .expect("answer readable");
    let answer: Value = serde_json::from_str(&text).expect("answer is JSON");
    differences(&notice, &answer)
}

/// Every notice the tester wrote agrees with its answer, except where the
/// README names a disagreement.
#[test]
fn synthesized_notices_match_their_answers() {
    let mut failures = Vec::new();
    for name in [
        "01", "02", "03", "04", "05", "06", "07", "08", "11", "12", "13", "14", "15", "16", "17",
        "18",
    ] {
        for d in check(name) {
            failures.push(format!("{name}: {d}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The comparison can fail: a changed answer is a difference.
#[test]
fn a_wrong_answer_is_reported() {
    let notice = gongwen::parse_path(&fixture("synth/01.txt")).expect("parses");
    let text = std::fs::read_to_string(fixture("synth/01.answer.json")).expect("answer");
    let mut answer: Value = serde_json::from_str(&text).expect("JSON");
    answer["measures"][0]["units"][0]["role"] = Value::from("lead");
    answer["measures"][1]["due"] = Value::Null;
    answer["measures"][2]["text"] = Value::from("另一项措施。");
    let diffs = differences(&notice, &answer);
    assert_eq!(diffs.len(), 3, "{diffs:?}");
}
