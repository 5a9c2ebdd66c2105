//! The flat, one-row-per-measure view of a [`Notice`]: the single row
//! definition behind the CLI's `--format csv` and `--format jsonl` (and the
//! Python binding's `to_pandas()`).
//!
//! Rows come in the order of [`Notice::measures_with_path`]: measures under
//! no heading first, then the outline depth first. The columns, in order, are
//! [`COLUMNS`]; each is documented on its [`MeasureRow`] field. Columns are
//! only ever added at the end, never renamed, reordered or removed within
//! notice JSON v1.
//!
//! Serialized with serde (JSON lines), list columns (`units`, `unit_roles`)
//! are JSON arrays and missing values are `null`. [`MeasureRow::to_csv_record`]
//! gives the CSV form: lists joined with [`LIST_SEP`], missing values empty,
//! booleans `true`/`false`.
//!
//! ```
//! let notice = gongwen::parse_str("一、总体要求\n(一)加强领导。(办公室负责)");
//! let rows = gongwen::rows::measure_rows(&notice);
//! assert_eq!(rows.len(), notice.measure_count());
//! for row in &rows {
//!     assert_eq!(row.to_csv_record().len(), gongwen::rows::COLUMNS.len());
//! }
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Frequency, Heading, Measure, Notice, Precision, Recurrence, Role};

/// The column names, in order; the CSV header and the key order of a JSON row.
pub const COLUMNS: &[&str] = &[
    "measure_index",
    "h1_label",
    "h1_title",
    "h2_label",
    "h2_title",
    "h3_label",
    "h3_title",
    "heading_path",
    "label",
    "ordinal",
    "text",
    "deadline_raw",
    "due",
    "precision",
    "ongoing",
    "recurrence",
    "recurrence_freq",
    "event",
    "deadline_inherited",
    "units",
    "unit_roles",
    "lead_unit",
    "units_inherited",
    "note",
    "leader",
    "position",
];

/// The separator of list values in a CSV cell (`units`, `unit_roles`), the
/// enumeration comma 、.
pub const LIST_SEP: &str = "、";

/// The separator of heading titles in [`MeasureRow::heading_path`].
pub const PATH_SEP: &str = " / ";

/// One measure as a flat row. Field order is [`COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureRow {
    /// 0-based index of the measure in [`Notice::measures_with_path`] order.
    pub measure_index: usize,
    /// The label of the level-1 heading above the measure (e.g. `一、`);
    /// `None` if the measure stands under no heading.
    pub h1_label: Option<String>,
    /// The title of the level-1 heading above the measure.
    pub h1_title: Option<String>,
    /// The label of the level-2 heading above the measure (e.g. `（一）`);
    /// `None` if the measure is less than two headings deep.
    pub h2_label: Option<String>,
    /// The title of the level-2 heading above the measure.
    pub h2_title: Option<String>,
    /// The label of the level-3 heading above the measure; `None` if the
    /// measure is less than three headings deep. Deeper headings appear
    /// only in `heading_path`.
    pub h3_label: Option<String>,
    /// The title of the level-3 heading above the measure.
    pub h3_title: Option<String>,
    /// The titles of all headings above the measure, outermost first, joined
    /// with ` / `; empty for a measure under no heading.
    pub heading_path: String,
    /// The measure's label as printed, e.g. `(1)`; `None` if unnumbered.
    pub label: Option<String>,
    /// The label's number.
    pub ordinal: Option<u32>,
    /// The measure's text without its label.
    pub text: String,
    /// The deadline text as printed; `None` if the measure has no deadline.
    pub deadline_raw: Option<String>,
    /// The due date as an ISO date (`2024-06-30`).
    pub due: Option<NaiveDate>,
    /// How precise `due` is: `day`, `month`, `quarter`, `half_year` or `year`.
    pub precision: Option<Precision>,
    /// Whether the work continues indefinitely (`false` without a deadline).
    pub ongoing: bool,
    /// A repeating deadline in compact form: the frequency, then `:` and the
    /// set fields as `key=value` joined with `,` in the order `month`,
    /// `quarter`, `day`; e.g. `yearly:month=12`, `monthly:day=5`,
    /// `quarterly`.
    pub recurrence: Option<String>,
    /// The repeating deadline's frequency alone: `yearly`, `half_yearly`,
    /// `quarterly`, `monthly` or `weekly`.
    pub recurrence_freq: Option<Frequency>,
    /// The event the deadline follows.
    pub event: Option<String>,
    /// Whether the deadline came from a merged (or empty) cell above
    /// (`false` without a deadline).
    pub deadline_inherited: bool,
    /// The responsible units' names in printed order: a list in JSON, joined
    /// with 、 in CSV.
    pub units: Vec<String>,
    /// Each unit's role, parallel to `units`: `lead`, `support`, `guide`,
    /// `responsible`, or `null` (an empty item in CSV) when none is stated.
    pub unit_roles: Vec<Option<Role>>,
    /// The first unit whose role is `lead`, else the first unit; `None`
    /// without units.
    pub lead_unit: Option<String>,
    /// Whether the units came from a merged (or empty) cell above.
    pub units_inherited: bool,
    /// Prose found among the units that names no unit.
    pub note: Option<String>,
    /// The leading official named for the measure (a person, no unit).
    pub leader: Option<String>,
    /// Where the measure's text came from, in words (e.g. `line 12`,
    /// `table 1 row 3 column 2 (line 9)`).
    pub position: Option<String>,
}

impl MeasureRow {
    /// Builds the row of `measure`, the `index`-th measure, standing under
    /// `path` (outermost heading first).
    pub fn new(index: usize, path: &[&Heading], measure: &Measure) -> Self {
        let heading = |depth: usize| path.get(depth);
        // A heading printed without a label has none here either.
        let label_at = |depth: usize| {
            heading(depth)
                .map(|h| h.label.clone())
                .filter(|l| !l.is_empty())
        };
        let title_at = |depth: usize| heading(depth).map(|h| h.title.clone());
        let titles: Vec<&str> = path.iter().map(|h| h.title.as_str()).collect();
        let deadline = measure.deadline.as_ref();
        let recurrence = deadline.and_then(|d| d.recurrence.as_ref());
        let lead_unit = measure
            .units
            .iter()
            .find(|u| u.role == Some(Role::Lead))
            .or_else(|| measure.units.first())
            .map(|u| u.name.clone());
        MeasureRow {
            measure_index: index,
            h1_label: label_at(0),
            h1_title: title_at(0),
            h2_label: label_at(1),
            h2_title: title_at(1),
            h3_label: label_at(2),
            h3_title: title_at(2),
            heading_path: titles.join(PATH_SEP),
            label: measure.label.clone(),
            ordinal: measure.ordinal,
            text: measure.text.clone(),
            deadline_raw: deadline.map(|d| d.raw.clone()),
            due: deadline.and_then(|d| d.due),
            precision: deadline.and_then(|d| d.precision),
            ongoing: deadline.is_some_and(|d| d.ongoing),
            recurrence: recurrence.map(recurrence_string),
            recurrence_freq: recurrence.map(|r| r.freq),
            event: deadline.and_then(|d| d.event.clone()),
            deadline_inherited: deadline.is_some_and(|d| d.inherited),
            units: measure.units.iter().map(|u| u.name.clone()).collect(),
            unit_roles: measure.units.iter().map(|u| u.role).collect(),
            lead_unit,
            units_inherited: measure.units_inherited,
            note: measure.note.clone(),
            leader: measure.leader.clone(),
            position: measure.position.as_ref().map(ToString::to_string),
        }
    }

    /// The row as CSV cells in [`COLUMNS`] order: lists joined with
    /// [`LIST_SEP`], `None` as an empty cell, booleans as `true`/`false`.
    pub fn to_csv_record(&self) -> Vec<String> {
        fn opt<T: ToString>(v: &Option<T>) -> String {
            v.as_ref().map(ToString::to_string).unwrap_or_default()
        }
        let roles: Vec<&str> = self
            .unit_roles
            .iter()
            .map(|r| r.map(role_name).unwrap_or(""))
            .collect();
        vec![
            self.measure_index.to_string(),
            opt(&self.h1_label),
            opt(&self.h1_title),
            opt(&self.h2_label),
            opt(&self.h2_title),
            opt(&self.h3_label),
            opt(&self.h3_title),
            self.heading_path.clone(),
            opt(&self.label),
            opt(&self.ordinal),
            self.text.clone(),
            opt(&self.deadline_raw),
            opt(&self.due),
            self.precision.map(precision_name).unwrap_or("").to_owned(),
            self.ongoing.to_string(),
            opt(&self.recurrence),
            self.recurrence_freq
                .map(frequency_name)
                .unwrap_or("")
                .to_owned(),
            opt(&self.event),
            self.deadline_inherited.to_string(),
            self.units.join(LIST_SEP),
            roles.join(LIST_SEP),
            opt(&self.lead_unit),
            self.units_inherited.to_string(),
            opt(&self.note),
            opt(&self.leader),
            opt(&self.position),
        ]
    }
}

/// One row per measure of `notice`, in [`Notice::measures_with_path`] order.
pub fn measure_rows(notice: &Notice) -> Vec<MeasureRow> {
    notice
        .measures_with_path()
        .into_iter()
        .enumerate()
        .map(|(i, (path, m))| MeasureRow::new(i, &path, m))
        .collect()
}

/// The compact form of a recurrence, e.g. `yearly:month=12`.
fn recurrence_string(r: &Recurrence) -> String {
    let fields: Vec<String> = [("month", r.month), ("quarter", r.quarter), ("day", r.day)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={v}")))
        .collect();
    let freq = frequency_name(r.freq);
    if fields.is_empty() {
        freq.to_owned()
    } else {
        format!("{freq}:{}", fields.join(","))
    }
}

// The names below are the serde names of the model's enums (checked by the
// tests), so CSV and JSON rows spell values alike.

fn frequency_name(f: Frequency) -> &'static str {
    match f {
        Frequency::Yearly => "yearly",
        Frequency::HalfYearly => "half_yearly",
        Frequency::Quarterly => "quarterly",
        Frequency::Monthly => "monthly",
        Frequency::Weekly => "weekly",
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Quarter => "quarter",
        Precision::HalfYear => "half_year",
        Precision::Year => "year",
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Lead => "lead",
        Role::Support => "support",
        Role::Guide => "guide",
        Role::Responsible => "responsible",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::{Deadline, Format, Meta, Position, Script, SourceInfo, Unit, SCHEMA_ID};
    use serde_json::json;

    fn heading(level: u8, label: &str, ordinal: u32, title: &str) -> Heading {
        Heading {
            level,
            label: label.into(),
            ordinal,
            title: title.into(),
            text: format!("{title}。"),
            children: vec![],
            measures: vec![],
            body: vec![],
            position: Some(Position::Line { line: ordinal }),
        }
    }

    fn unit(name: &str, role: Option<Role>) -> Unit {
        Unit {
            name: name.into(),
            role,
            scope: None,
        }
    }

    fn deadline(raw: &str) -> Deadline {
        Deadline {
            raw: raw.into(),
            due: None,
            precision: None,
            ongoing: false,
            recurrence: None,
            event: None,
            inherited: false,
            position: None,
        }
    }

    fn notice(measures: Vec<Measure>, outline: Vec<Heading>) -> Notice {
        Notice {
            schema: SCHEMA_ID.into(),
            meta: Meta::default(),
            outline,
            measures,
            diagnostics: vec![],
            source: SourceInfo {
                format: Format::Text,
                script: Script::Simplified,
                encoding: None,
                path: None,
            },
        }
    }

    /// 一、 > (一) with measures (1), (2); 一、 > (二) with an unnumbered,
    /// inherited measure.
    fn sample() -> Notice {
        let m1 = Measure {
            label: Some("(1)".into()),
            ordinal: Some(1),
            text: "建立工作机制。".into(),
            deadline: Some(Deadline {
                due: NaiveDate::from_ymd_opt(2024, 6, 30),
                precision: Some(Precision::Month),
                ..deadline("2024年6月底前")
            }),
            units: vec![
                unit("财务科", Some(Role::Support)),
                unit("办公室", Some(Role::Lead)),
            ],
            units_raw: Some("财务科配合，办公室牵头".into()),
            units_inherited: false,
            note: None,
            leader: None,
            position: Some(Position::Cell {
                table: 0,
                row: 1,
                col: 1,
                line: Some(5),
            }),
        };
        let m2 = Measure {
            label: Some("(2)".into()),
            ordinal: Some(2),
            text: "报送年度总结。".into(),
            deadline: Some(Deadline {
                recurrence: Some(Recurrence {
                    freq: Frequency::Yearly,
                    month: Some(12),
                    quarter: None,
                    day: None,
                }),
                ..deadline("每年12月")
            }),
            units: vec![unit("办公室", None)],
            units_raw: Some("办公室".into()),
            units_inherited: false,
            note: None,
            leader: None,
            position: Some(Position::Line { line: 6 }),
        };
        let m3 = Measure {
            label: None,
            ordinal: None,
            text: "持续开展督查。".into(),
            deadline: Some(Deadline {
                ongoing: true,
                inherited: true,
                ..deadline("长期坚持")
            }),
            units: vec![
                unit("市场监管局", None),
                unit("公安局", Some(Role::Support)),
            ],
            units_raw: Some("市场监管局、公安局".into()),
            units_inherited: true,
            note: Some("按职责分工负责".into()),
            leader: None,
            position: None,
        };
        let mut h2a = heading(2, "（一）", 1, "加强组织领导");
        h2a.measures = vec![m1, m2];
        let mut h2b = heading(2, "（二）", 2, "强化监督检查");
        h2b.measures = vec![m3];
        let mut h1 = heading(1, "一、", 1, "总体要求");
        h1.children = vec![h2a, h2b];
        notice(vec![], vec![h1])
    }

    #[test]
    fn rows_of_sample_have_exact_values() {
        let rows = measure_rows(&sample());
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            MeasureRow {
                measure_index: 0,
                h1_label: Some("一、".into()),
                h1_title: Some("总体要求".into()),
                h2_label: Some("（一）".into()),
                h2_title: Some("加强组织领导".into()),
                h3_label: None,
                h3_title: None,
                heading_path: "总体要求 / 加强组织领导".into(),
                label: Some("(1)".into()),
                ordinal: Some(1),
                text: "建立工作机制。".into(),
                deadline_raw: Some("2024年6月底前".into()),
                due: NaiveDate::from_ymd_opt(2024, 6, 30),
                precision: Some(Precision::Month),
                ongoing: false,
                recurrence: None,
                recurrence_freq: None,
                event: None,
                deadline_inherited: false,
                units: vec!["财务科".into(), "办公室".into()],
                unit_roles: vec![Some(Role::Support), Some(Role::Lead)],
                lead_unit: Some("办公室".into()),
                units_inherited: false,
                note: None,
                leader: None,
                position: Some("table 1 row 2 column 2 (line 5)".into()),
            }
        );
        assert_eq!(rows[1].measure_index, 1);
        assert_eq!(rows[1].heading_path, "总体要求 / 加强组织领导");
        assert_eq!(rows[1].recurrence.as_deref(), Some("yearly:month=12"));
        assert_eq!(rows[1].recurrence_freq, Some(Frequency::Yearly));
        assert_eq!(rows[1].due, None);
        assert_eq!(rows[1].lead_unit.as_deref(), Some("办公室"));
        assert_eq!(rows[1].position.as_deref(), Some("line 6"));

        let r = &rows[2];
        assert_eq!(r.measure_index, 2);
        assert_eq!(r.h2_label.as_deref(), Some("（二）"));
        assert_eq!(r.heading_path, "总体要求 / 强化监督检查");
        assert_eq!((r.label.as_deref(), r.ordinal), (None, None));
        assert!(r.ongoing && r.deadline_inherited && r.units_inherited);
        // No lead: the first unit.
        assert_eq!(r.lead_unit.as_deref(), Some("市场监管局"));
        assert_eq!(r.note.as_deref(), Some("按职责分工负责"));
        assert_eq!(r.position, None);
    }

    #[test]
    fn csv_records_are_flat_strings() {
        let rows = measure_rows(&sample());
        assert_eq!(
            rows[0].to_csv_record(),
            [
                "0",
                "一、",
                "总体要求",
                "（一）",
                "加强组织领导",
                "",
                "",
                "总体要求 / 加强组织领导",
                "(1)",
                "1",
                "建立工作机制。",
                "2024年6月底前",
                "2024-06-30",
                "month",
                "false",
                "",
                "",
                "",
                "false",
                "财务科、办公室",
                "support、lead",
                "办公室",
                "false",
                "",
                "",
                "table 1 row 2 column 2 (line 5)",
            ]
        );
        let r1 = rows[1].to_csv_record();
        assert_eq!(r1[15], "yearly:month=12");
        assert_eq!(r1[16], "yearly");
        let r2 = rows[2].to_csv_record();
        assert_eq!(r2[14], "true");
        assert_eq!(r2[18], "true");
        assert_eq!(r2[19], "市场监管局、公安局");
        assert_eq!(r2[20], "、support");
        assert_eq!(r2[22], "true");
        for row in &rows {
            assert_eq!(row.to_csv_record().len(), COLUMNS.len());
        }
    }

    #[test]
    fn json_rows_have_columns_in_order_and_real_lists() {
        let rows = measure_rows(&sample());
        let text = serde_json::to_string(&rows[2]).unwrap();
        let mut last = 0;
        for col in COLUMNS {
            let at = text
                .find(&format!("\"{col}\":"))
                .unwrap_or_else(|| panic!("no key {col} in {text}"));
            assert!(at >= last, "column {col} out of order in {text}");
            last = at;
        }
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value.as_object().unwrap().len(), COLUMNS.len());
        assert_eq!(value["units"], json!(["市场监管局", "公安局"]));
        assert_eq!(value["unit_roles"], json!([null, "support"]));
        assert_eq!(value["due"], json!(null));
        let v0 = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(v0["due"], json!("2024-06-30"));
        assert_eq!(v0["precision"], json!("month"));
        let v1 = serde_json::to_value(&rows[1]).unwrap();
        assert_eq!(v1["recurrence"], json!("yearly:month=12"));
        assert_eq!(v1["recurrence_freq"], json!("yearly"));
    }

    #[test]
    fn measures_outside_and_deep_in_the_outline() {
        let loose = Measure {
            label: None,
            ordinal: None,
            text: "总述。".into(),
            deadline: None,
            units: vec![],
            units_raw: None,
            units_inherited: false,
            note: None,
            leader: None,
            position: None,
        };
        let mut h4 = heading(4, "(1)", 1, "丁");
        h4.measures = vec![loose.clone()];
        let mut h3 = heading(3, "1.", 1, "丙");
        h3.children = vec![h4];
        let mut h2 = heading(2, "（一）", 1, "乙");
        h2.children = vec![h3];
        let mut h1 = heading(1, "一、", 1, "甲");
        h1.children = vec![h2];
        let rows = measure_rows(&notice(vec![loose], vec![h1]));
        assert_eq!(rows.len(), 2);

        let r = &rows[0];
        assert_eq!(r.heading_path, "");
        assert_eq!((&r.h1_label, &r.h1_title), (&None, &None));
        assert_eq!(
            (r.deadline_raw.as_ref(), r.ongoing, r.deadline_inherited),
            (None, false, false)
        );
        assert!(r.units.is_empty() && r.unit_roles.is_empty());
        assert_eq!(r.lead_unit, None);
        assert_eq!(r.to_csv_record()[19], "");

        let r = &rows[1];
        assert_eq!(r.measure_index, 1);
        assert_eq!(r.h3_label.as_deref(), Some("1."));
        assert_eq!(r.h3_title.as_deref(), Some("丙"));
        assert_eq!(r.heading_path, "甲 / 乙 / 丙 / 丁");
    }

    #[test]
    fn a_heading_without_a_label_has_no_label_column() {
        let mut task = heading(2, "", 0, "推进一网通办");
        task.measures = vec![Measure {
            label: Some("1".into()),
            ordinal: Some(1),
            text: "推动高频事项全程网办。".into(),
            deadline: None,
            units: vec![],
            units_raw: None,
            units_inherited: false,
            note: None,
            leader: None,
            position: None,
        }];
        let mut section = heading(1, "一、", 1, "提升政务服务效能");
        section.children = vec![task];
        let rows = measure_rows(&notice(vec![], vec![section]));
        assert_eq!(rows[0].h1_label.as_deref(), Some("一、"));
        assert_eq!(rows[0].h2_label, None);
        assert_eq!(rows[0].h2_title.as_deref(), Some("推进一网通办"));
    }

    #[test]
    fn recurrence_strings() {
        let r = |freq, month, quarter, day| {
            recurrence_string(&Recurrence {
                freq,
                month,
                quarter,
                day,
            })
        };
        assert_eq!(r(Frequency::Quarterly, None, None, None), "quarterly");
        assert_eq!(r(Frequency::Monthly, None, None, Some(5)), "monthly:day=5");
        assert_eq!(
            r(Frequency::Yearly, Some(12), None, Some(31)),
            "yearly:month=12,day=31"
        );
        assert_eq!(
            r(Frequency::Yearly, None, Some(4), None),
            "yearly:quarter=4"
        );
    }

    #[test]
    fn enum_names_match_serde() {
        fn serde_name<T: Serialize>(v: T) -> String {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        }
        use Frequency::*;
        for f in [Yearly, HalfYearly, Quarterly, Monthly, Weekly] {
            assert_eq!(frequency_name(f), serde_name(f));
        }
        use Precision::*;
        for p in [Day, Month, Quarter, HalfYear, Year] {
            assert_eq!(precision_name(p), serde_name(p));
        }
        use Role::*;
        for r in [Lead, Support, Guide, Responsible] {
            assert_eq!(role_name(r), serde_name(r));
        }
    }
}
