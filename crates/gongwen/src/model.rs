//! The notice model: what gongwen extracts from a notice, serialized as
//! "notice JSON v1" (`"schema": "gongwen/notice@1"`).
//!
//! Field names follow the hand-checked gold files in `fixtures/`. Every
//! extracted value keeps the document's own characters (traditional or
//! simplified, full- or half-width) and, where it has one, the
//! [`Position`] it came from. This module holds data only; building it is
//! the interpreter's job ([`crate::interpret`]).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::document::Position;

/// The value of [`Notice::schema`] for this version of the model.
pub const SCHEMA_ID: &str = "gongwen/notice@1";

/// A parsed notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Notice {
    /// Always [`SCHEMA_ID`].
    pub schema: String,
    /// The GB/T 9704 elements found in the notice.
    pub meta: Meta,
    /// Headings as a tree, each with its sub-headings and measures.
    pub outline: Vec<Heading>,
    /// Measures that stand under no heading.
    pub measures: Vec<Measure>,
    /// What could not be understood or placed, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// What the input was.
    pub source: SourceInfo,
}

impl Notice {
    /// All measures in document order, each with the headings above it
    /// (outermost first).
    pub fn measures_with_path(&self) -> Vec<(Vec<&Heading>, &Measure)> {
        fn walk<'a>(
            h: &'a Heading,
            path: &mut Vec<&'a Heading>,
            out: &mut Vec<(Vec<&'a Heading>, &'a Measure)>,
        ) {
            path.push(h);
            for m in &h.measures {
                out.push((path.clone(), m));
            }
            for c in &h.children {
                walk(c, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        for m in &self.measures {
            out.push((Vec::new(), m));
        }
        let mut path = Vec::new();
        for h in &self.outline {
            walk(h, &mut path, &mut out);
        }
        out
    }

    /// The number of measures in the whole notice.
    pub fn measure_count(&self) -> usize {
        fn count(h: &Heading) -> usize {
            h.measures.len() + h.children.iter().map(count).sum::<usize>()
        }
        self.measures.len() + self.outline.iter().map(count).sum::<usize>()
    }
}

/// The notice's document elements (GB/T 9704), as far as the text has them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// The title (标题), e.g. the plan's title line.
    pub title: Option<String>,
    /// The document number (发文字号) such as `赣市监法〔2024〕3号`.
    pub doc_number: Option<String>,
    /// The addressees (主送机关), in printed order.
    pub addressees: Vec<String>,
    /// The issuing authority's signature (发文机关署名).
    pub issuer: Option<String>,
    /// The date of writing (成文日期).
    pub date: Option<NaiveDate>,
    /// The annotation (附注) such as `此件公开发布`, without its brackets.
    pub annotation: Option<String>,
    /// Copies to (抄送), in printed order.
    pub cc: Vec<String>,
    /// Body paragraphs of the cover notice that are not structure: the
    /// paragraphs before the first heading or measure, and a cover's own
    /// numbered instructions to its recipients once the plan it sends
    /// starts (see [`Meta::plan_title`]).
    pub body: Vec<String>,
    /// The title of the plan the notice sends (`附件` … `XX实施方案`), when
    /// it stands apart from the cover's title.
    #[serde(default)]
    pub plan_title: Option<String>,
    /// Units the notice names once for every measure (`以下均需各设区市落实，不再列出`),
    /// kept here rather than copied into each measure.
    #[serde(default)]
    pub default_units: Option<DefaultUnits>,
    /// The site's catalogue record printed above a notice on its web page
    /// (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期 …), entry by entry
    /// as printed; its title, number, issuer and date also fill the fields
    /// above when the notice's own lines do not.
    #[serde(default)]
    pub catalog: Vec<CatalogEntry>,
}

/// One entry of a web page's catalogue table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CatalogEntry {
    /// The label as printed, e.g. `索 引 号：`.
    pub label: String,
    /// The value as printed (empty when the page prints none).
    pub value: String,
    /// Where the value stands.
    pub position: Option<Position>,
}

/// Units a notice names once for all its measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DefaultUnits {
    /// The sentence as printed.
    pub raw: String,
    /// The units it names, in printed order.
    pub units: Vec<Unit>,
    /// Where the sentence stands.
    pub position: Option<Position>,
}

/// A paragraph of running text kept where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Passage {
    /// The paragraph's text as printed.
    pub text: String,
    /// Where it stands.
    pub position: Option<Position>,
}

/// A heading of the notice's outline (一、 / 1. / （一） …) with what stands under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Heading {
    /// Depth in the outline, 1 for the outermost headings.
    pub level: u8,
    /// The label as printed, e.g. `一、` or `1.`; empty for a heading
    /// printed without one (a task table's task cell with no number).
    pub label: String,
    /// The label's number, e.g. 1 for `一、`; 0 when there is no label.
    pub ordinal: u32,
    /// The heading's title: its text up to the first full stop.
    pub title: String,
    /// The heading's whole text without the label.
    pub text: String,
    /// Sub-headings.
    pub children: Vec<Heading>,
    /// Measures directly under this heading.
    pub measures: Vec<Measure>,
    /// Paragraphs under this heading that are neither sub-headings nor
    /// measures (a section's introduction, a closing section's prose).
    #[serde(default)]
    pub body: Vec<Passage>,
    /// Where the heading's label stands.
    pub position: Option<Position>,
}

/// The smallest item a deadline or a responsibility applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    /// The label as printed, e.g. `(1)`; `None` for an unnumbered measure.
    pub label: Option<String>,
    /// The label's number.
    pub ordinal: Option<u32>,
    /// The measure's text without its label.
    pub text: String,
    /// When it is due, if the notice says.
    pub deadline: Option<Deadline>,
    /// Responsible units in printed order.
    pub units: Vec<Unit>,
    /// The unit text as printed, before splitting.
    pub units_raw: Option<String>,
    /// Whether the units came from a merged (or empty) cell above.
    pub units_inherited: bool,
    /// Prose found among the units that names no unit (e.g. how the work is split).
    pub note: Option<String>,
    /// The leading official named for the measure (`牵头负责领导：X`), as printed;
    /// a person, never a unit.
    #[serde(default)]
    pub leader: Option<String>,
    /// Where the measure's text came from.
    pub position: Option<Position>,
}

/// A deadline as printed and as understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// The deadline text as printed.
    pub raw: String,
    /// The last day of the named period (e.g. `2024-06-30` for 2024年6月).
    pub due: Option<NaiveDate>,
    /// How precise `due` is.
    pub precision: Option<Precision>,
    /// Whether the work continues indefinitely (长期坚持, 持续推进 …).
    pub ongoing: bool,
    /// A repeating deadline (每年12月, 每季度 …).
    pub recurrence: Option<Recurrence>,
    /// An event the deadline follows (与主题教育时间同步 → `主题教育`).
    pub event: Option<String>,
    /// Whether the deadline came from a merged (or empty) cell above.
    pub inherited: bool,
    /// Where the deadline text came from.
    pub position: Option<Position>,
}

/// The granularity of a deadline's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A day (2024年1月31日).
    Day,
    /// A month (2024年6月).
    Month,
    /// A quarter (2024年第一季度).
    Quarter,
    /// A half year (2024年上半年).
    HalfYear,
    /// A year (2024年底).
    Year,
}

/// A repeating deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Recurrence {
    /// How often.
    pub freq: Frequency,
    /// The month in the year (1–12), for yearly deadlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// The quarter (1–4), for yearly deadlines in a given quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
    /// The day of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// How often a recurring deadline repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Frequency {
    /// Every year (每年).
    Yearly,
    /// Every half year (每半年).
    HalfYearly,
    /// Every quarter (每季度).
    Quarterly,
    /// Every month (每月).
    Monthly,
    /// Every week (每周).
    Weekly,
}

/// A responsible unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The unit's name as printed (brackets kept, a trailing 等 dropped).
    pub name: String,
    /// Its role in the measure.
    pub role: Option<Role>,
    /// The part of the measure it answers for (`X联动:A` gives A the scope X).
    pub scope: Option<String>,
}

/// A unit's role in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Leads the work (牵头).
    Lead,
    /// Supports the lead (配合, 协同, 参与).
    Support,
    /// Guides the work (指导).
    Guide,
    /// Responsible, with no finer role stated (责任单位).
    Responsible,
}

/// Something the interpreter could not understand or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// What kind of problem this is.
    pub code: DiagnosticCode,
    /// A human-readable explanation.
    pub message: String,
    /// Where it happened.
    pub position: Option<Position>,
    /// The input text concerned, when text was left out of the model.
    pub text: Option<String>,
}

/// Kinds of [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticCode {
    /// A label's number skips one or more numbers.
    NumberingGap,
    /// A label's number repeats or goes backwards.
    NumberingRepeat,
    /// A deadline text was not understood.
    DeadlineNotUnderstood,
    /// A measure has no responsible unit.
    MeasureWithoutUnits,
    /// Input text that was not placed in the model.
    TextNotPlaced,
    /// The input has no task table or numbered items.
    NoStructure,
    /// The input had bytes that are not valid text.
    InvalidText,
}

/// What the input was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// The input format.
    pub format: Format,
    /// The script the notice is written in.
    pub script: Script,
    /// The text encoding of a text or HTML input (e.g. `UTF-8`, `GBK`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The file's path, when parsed from a file.
    pub path: Option<String>,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// Plain or pasted text (also tab-separated and Markdown tables).
    Text,
    /// A Word document (Office Open XML, `.docx`).
    Docx,
    /// An Excel workbook (Office Open XML, `.xlsx`, `.xlsm`).
    Xlsx,
    /// A legacy Excel workbook (BIFF8, `.xls`).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// A web page (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The format's usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Html => "html",
        }
    }

    /// The format a file extension names (case-insensitive), if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" | "markdown" | "tsv" | "csv" => Format::Text,
            "docx" | "docm" => Format::Docx,
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            _ => return None,
        })
    }
}

/// The script of Chinese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Script {
    /// Simplified characters.
    Simplified,
    /// Traditional characters.
    Traditional,
    /// No Chinese characters that tell the two apart.
    Unknown,
}
