//! The committed JSON Schema (`schema/notice-v1.schema.json`) is the one the
//! model derives, and it accepts real notices and rejects broken ones.
#![allow(clippy::unwrap_used)]

use gongwen::model::{
    CatalogEntry, Deadline, DefaultUnits, Format, Frequency, Heading, Measure, Meta, Notice,
    Passage, Position, Precision, Recurrence, Role, Script, SourceInfo, Unit, SCHEMA_ID,
};
use serde_json::{json, Value};

use gongwen_tests::{committed_schema, validator, REGENERATE};

/// A notice with every kind of value: meta, a two-level outline, measures
/// with and without deadlines, units, a loose measure and a diagnostic.
fn notice() -> Notice {
    let measure = Measure {
        label: Some("(1)".into()),
        ordinal: Some(1),
        text: "建立工作机制。".into(),
        deadline: Some(Deadline {
            raw: "每年12月底前".into(),
            due: "2024-12-31".parse().ok(),
            precision: Some(Precision::Month),
            ongoing: false,
            recurrence: Some(Recurrence {
                freq: Frequency::Yearly,
                month: Some(12),
                quarter: None,
                day: None,
            }),
            event: None,
            inherited: false,
            position: Some(Position::Cell {
                table: 0,
                row: 2,
                col: 3,
                line: Some(9),
            }),
        }),
        units: vec![Unit {
            name: "办公室".into(),
            role: Some(Role::Lead),
            scope: None,
        }],
        units_raw: Some("办公室牵头".into()),
        units_inherited: false,
        note: None,
        leader: Some("张三".into()),
        position: Some(Position::Line { line: 9 }),
    };
    let loose = Measure {
        label: None,
        ordinal: None,
        text: "其他工作。".into(),
        deadline: None,
        units: vec![],
        units_raw: None,
        units_inherited: true,
        note: Some("按职责分工负责".into()),
        leader: None,
        position: None,
    };
    let h2 = Heading {
        level: 2,
        label: "（一）".into(),
        ordinal: 1,
        title: "加强领导".into(),
        text: "加强领导。".into(),
        children: vec![],
        measures: vec![measure],
        body: vec![],
        position: Some(Position::Line { line: 8 }),
    };
    let h1 = Heading {
        level: 1,
        label: "一、".into(),
        ordinal: 1,
        title: "总体要求".into(),
        text: "总体要求".into(),
        children: vec![h2],
        measures: vec![],
        body: vec![Passage {
            text: "各地要高度重视。".into(),
            position: Some(Position::Line { line: 10 }),
        }],
        position: Some(Position::Line { line: 7 }),
    };
    Notice {
        schema: SCHEMA_ID.into(),
        meta: Meta {
            title: Some("任务分工".into()),
            doc_number: Some("赣市监法〔2024〕3号".into()),
            addressees: vec!["各处室".into()],
            issuer: Some("江西省市场监管局".into()),
            date: "2024-03-07".parse().ok(),
            annotation: Some("此件公开发布".into()),
            cc: vec![],
            body: vec!["现印发给你们，请遵照执行。".into()],
            plan_title: Some("2024年工作要点".into()),
            default_units: Some(DefaultUnits {
                raw: "以下均需各设区市落实，不再列出".into(),
                units: vec![Unit {
                    name: "各设区市".into(),
                    role: None,
                    scope: None,
                }],
                position: Some(Position::Line { line: 6 }),
            }),
            catalog: vec![CatalogEntry {
                label: "索 引 号：".into(),
                value: "000014349/2018-00212".into(),
                position: None,
            }],
        },
        outline: vec![h1],
        measures: vec![loose],
        diagnostics: vec![gongwen::model::Diagnostic {
            code: gongwen::model::DiagnosticCode::MeasureWithoutUnits,
            message: "measure has no responsible unit".into(),
            position: Some(Position::Line { line: 12 }),
            text: None,
        }],
        source: SourceInfo {
            format: Format::Text,
            script: Script::Simplified,
            encoding: None,
            path: Some("notice.txt".into()),
        },
    }
}

fn notice_json() -> Value {
    serde_json::to_value(notice()).unwrap()
}

/// Sets the value at a JSON pointer, or removes it if `value` is `None`.
fn edit(mut doc: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = doc.pointer_mut(parent).unwrap();
    match value {
        Some(v) => *parent.pointer_mut(&format!("/{key}")).unwrap() = v,
        None => {
            parent.as_object_mut().unwrap().remove(key).unwrap();
        }
    }
    doc
}

#[test]
fn committed_schema_is_up_to_date() {
    assert!(
        committed_schema() == gongwen::json_schema(),
        "schema/notice-v1.schema.json differs from gongwen::json_schema(); \
         regenerate it from the repository root with: {REGENERATE}"
    );
}

#[test]
fn committed_schema_is_a_valid_schema() {
    if let Err(e) = jsonschema::meta::validate(&committed_schema()) {
        panic!("schema/notice-v1.schema.json is not a valid JSON Schema: {e}");
    }
}

#[test]
fn hand_built_notice_validates() {
    let v = validator();
    let doc = notice_json();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(v.is_valid(&serde_json::to_value(gongwen::parse_str("")).unwrap()));
}

#[test]
fn broken_notices_do_not_validate() {
    let v = validator();
    let m = |field: &str| format!("/outline/0/children/0/measures/0/{field}");
    let broken = [
        ("schema missing", "/schema".to_owned(), None),
        ("ordinal a string", m("ordinal"), Some(json!("1"))),
        ("ordinal negative", m("ordinal"), Some(json!(-1))),
        (
            "due not a date",
            m("deadline/due"),
            Some(json!("2024-13-45")),
        ),
        (
            "unknown precision",
            m("deadline/precision"),
            Some(json!("week")),
        ),
        ("unknown role", m("units/0/role"), Some(json!("boss"))),
        ("units not a list", m("units"), Some(json!("办公室"))),
        ("position without kind", m("position/kind"), None),
        (
            "unknown input format",
            "/source/format".to_owned(),
            Some(json!("pdf")),
        ),
        ("heading title missing", "/outline/0/title".to_owned(), None),
    ];
    for (what, pointer, value) in broken {
        let doc = edit(notice_json(), &pointer, value);
        assert!(!v.is_valid(&doc), "{what}: accepted {doc:#}");
    }
}
