//! Properties (proptest) of the whole parser on hostile and generated input:
//!
//! - **no panic**: arbitrary bytes through [`gongwen::parse_bytes_with`]
//!   with the format detected and with every format forced, damaged copies
//!   of the seed's DOCX and XLSX, arbitrary strings and notice-shaped
//!   generated strings through [`gongwen::parse_str`];
//! - **no loss** (see [`gongwen_tests::noloss`]): on every text fixture, on
//!   every fixture of the other formats (interpreter step), on arbitrary
//!   strings and on generated notices;
//! - **invariance**: a generated notice written in simplified or
//!   traditional script, with ASCII or full-width punctuation, has the same
//!   structure ([`shape`]); so do the seed's renderings.
//!
//! Case counts are modest so that `cargo test` stays quick in a debug
//! build; set `PROPTEST_CASES` to run more.

use std::path::{Path, PathBuf};

use gongwen::model::{Format, Heading, Measure, Notice};
use gongwen::normalize::{comparable, fold};
use gongwen::ParseOptions;
use gongwen_tests::{fixture, noloss};
use proptest::prelude::*;
use serde_json::{json, Value};

/// `cases` unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

// ------------------------------------------------------------------ shape

/// The structure of a notice, without its texts: the heading tree (levels,
/// labels compared folded, ordinals), each measure's label, ordinal,
/// deadline (due, ongoing, recurrence, precision), unit count and roles,
/// and the diagnostics' codes.
fn shape(n: &Notice) -> Value {
    fn measure(m: &Measure) -> Value {
        json!({
            "label": m.label.as_deref().map(comparable),
            "ordinal": m.ordinal,
            "deadline": m.deadline.as_ref().map(|d| json!({
                "due": d.due, "ongoing": d.ongoing, "recurrence": d.recurrence,
                "precision": d.precision, "inherited": d.inherited,
            })),
            "units": m.units.len(),
            "roles": m.units.iter().map(|u| u.role).collect::<Vec<_>>(),
            "note": m.note.is_some(),
        })
    }
    fn heading(h: &Heading) -> Value {
        json!({
            "level": h.level,
            "label": comparable(&h.label),
            "ordinal": h.ordinal,
            "children": h.children.iter().map(heading).collect::<Vec<_>>(),
            "measures": h.measures.iter().map(measure).collect::<Vec<_>>(),
        })
    }
    json!({
        "outline": n.outline.iter().map(heading).collect::<Vec<_>>(),
        "measures": n.measures.iter().map(measure).collect::<Vec<_>>(),
        "diagnostics": n.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        "title": n.meta.title.is_some(),
        "date": n.meta.date,
        "body": n.meta.body.len(),
    })
}

/// ASCII punctuation (and, with `digits`, ASCII letters and digits) to the
/// full-width forms U+FF01–U+FF5E; spaces to U+3000.
fn full_width(text: &str, digits: bool) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' if digits || !c.is_ascii_alphanumeric() => {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

// -------------------------------------------------------------- generator

/// Phrases as (simplified, traditional) pairs; the traditional form folds
/// to the simplified one (checked by `vocabulary_folds_to_simplified`).
const PHRASES: &[(&str, &str)] = &[
    ("加强组织领导", "加強組織領導"),
    ("完善工作机制", "完善工作機制"),
    ("开展专项检查", "開展專項檢查"),
    ("推进执法规范化建设", "推進執法規範化建設"),
    ("落实行政执法责任制", "落實行政執法責任制"),
    ("强化监督考核", "強化監督考核"),
    ("建立培训记录档案", "建立培訓記錄檔案"),
    (
        "深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育",
        "深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育",
    ),
];
const UNITS: &[(&str, &str)] = &[
    ("法规处", "法規處"),
    ("人事处", "人事處"),
    ("办公室", "辦公室"),
    ("省局机关各处(室、局)", "省局機關各處(室、局)"),
    ("省市场监管质量安全检查中心", "省市場監管質量安全檢查中心"),
    ("财政厅", "財政廳"),
    ("市发展改革委", "市發展改革委"),
];
const DEADLINES: &[(&str, &str)] = &[
    ("2024年6月底前", "2024年6月底前"),
    ("每季度", "每季度"),
    ("持续推进", "持續推進"),
    ("长期坚持", "長期堅持"),
    ("2024年12月前完成,并长期坚持", "2024年12月前完成,並長期堅持"),
    ("每年第一季度", "每年第一季度"),
    ("2025年上半年", "2025年上半年"),
    ("与主题教育时间同步", "與主題教育時間同步"),
];
const BODY: &[(&str, &str)] = &[
    ("现印发给你们,请遵照执行。", "現印發給你們,請遵照執行。"),
    ("为此,提出以下意见:", "為此,提出以下意見:"),
    ("各单位要高度重视。", "各單位要高度重視。"),
];
/// Role words of label lines.
const ROLES: &[(&str, &str)] = &[
    ("牵头单位", "牽頭單位"),
    ("责任单位", "責任單位"),
    ("配合单位", "配合單位"),
];
const WORDS: &[(&str, &str)] = &[
    ("负责", "負責"),
    ("牵头", "牽頭"),
    ("完成时限", "完成時限"),
    ("牵头负责领导", "牽頭負責領導"),
    (
        "工作任务 | 具体举措 | 完成时限 | 责任单位 |",
        "工作任務 | 具體舉措 | 完成時限 | 責任單位 |",
    ),
    ("江西省市场监管局任务分工", "江西省市場監管局任務分工"),
    ("江西省市场监管局", "江西省市場監管局"),
    ("抄送", "抄送"),
    ("张三", "張三"),
    ("序号", "序號"),
    ("编号", "編號"),
    ("重点任务", "重點任務"),
    ("责任单位", "責任單位"),
];
const W_FUZE: usize = 0;
const W_QIANTOU: usize = 1;
const W_DEADLINE: usize = 2;
const W_LEADER: usize = 3;
const W_HEADER: usize = 4;
const W_TITLE: usize = 5;
const W_ISSUER: usize = 6;
const W_CC: usize = 7;
const W_NAME: usize = 8;
/// Header words of a table pasted one cell per line: 序号, 编号, 重点任务, 责任单位.
const W_VERTICAL: [usize; 4] = [9, 10, 11, 12];
/// Script-neutral characters for noise lines, structural ones among them.
const NOISE: &[char] = &[
    '一', '二', '、', '(', ')', '（', '）', '1', '2', '.', '|', '｜', ':', '：', '年', '月', '底',
    '前', ' ', '\t', '。', ',', '，', ';', '甲', '乙', '丙', '工', '作', '①',
];

/// Pieces of notices for [`notice_pieces_in_any_order_lose_nothing`].
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "(2)",
    "①",
    "\n",
    "\n",
    "\n",
    "\r\n",
    " ",
    "\t",
    "\u{3000}",
    "|",
    " | ",
    "｜",
    "||",
    "|---|",
    "\"",
    "<br>",
    "\\|",
    "（",
    "）",
    "(",
    ")",
    "。",
    "，",
    "、",
    "；",
    ":",
    "：",
    "责任单位：",
    "牵头单位:",
    "配合单位：",
    "完成时限：",
    "牵头负责领导：",
    "负责",
    "牵头",
    "配合",
    "法规处",
    "人事處",
    "省局机关各处(室、局)",
    "2024年6月底前",
    "每季度",
    "持续推进",
    "长期坚持",
    "2024年3月7日",
    "抄送：",
    "此件公开发布",
    "国发〔2018〕39号",
    "工作任务",
    "具体举措",
    "完成时限",
    "责任单位",
    "序号",
    "备注",
    "12",
    "加强组织领导",
    "列第一位者为牵头单位，下同",
    "无牵头单位的，责任单位即为牵头单位",
    "关于印发方案的通知",
    "等",
    "与主题教育时间同步",
    "联动",
];

/// Label forms, outermost first.
#[derive(Debug, Clone, Copy)]
enum Kind {
    ChineseComma,
    ChineseParen,
    ArabicDot,
    ArabicParen,
    Circled,
}

/// How a prose measure's note names its units.
#[derive(Debug, Clone)]
enum Note {
    /// `(A、B负责)`.
    Fuze(Vec<usize>),
    /// `(A牵头,B、C配合)`.
    Qiantou(usize, Vec<usize>),
    /// `(A负责,<deadline>)`.
    WithDeadline(Vec<usize>, usize),
}

/// One line of a generated notice.
#[derive(Debug, Clone)]
enum Line {
    Blank,
    Title,
    Issuer,
    Date,
    Cc(Vec<usize>),
    Body(usize),
    Heading(Kind, u32, usize),
    ProseMeasure(Kind, u32, usize, Note),
    /// `牵头单位:A、B` (role index, units).
    UnitsLabel(usize, Vec<usize>),
    /// `完成时限:<deadline>`.
    DeadlineLabel(usize),
    /// `牵头负责领导:张三`.
    LeaderLabel,
    TableHeader,
    /// Task, measure, deadline and units cells, each maybe empty.
    Row(
        Option<(u32, usize)>,
        Option<(u32, usize)>,
        Option<usize>,
        Vec<usize>,
    ),
    /// One cell of a table pasted one cell per line: a header word
    /// (index into [`W_VERTICAL`]), a running number, a phrase, units or a
    /// deadline.
    Cell(CellLine),
    /// A whole table pasted one cell per line: with a 序号 column or not,
    /// rows of (phrase, units, deadline), any cell maybe left out.
    VerticalTable(bool, Vec<(Option<usize>, Vec<usize>, Option<usize>)>),
    Noise(String),
}

/// What a [`Line::Cell`] holds.
#[derive(Debug, Clone)]
enum CellLine {
    Header(usize),
    Number(u32),
    Phrase(usize),
    Units(Vec<usize>),
    Deadline(usize),
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::ChineseComma),
        Just(Kind::ChineseParen),
        Just(Kind::ArabicDot),
        Just(Kind::ArabicParen),
        Just(Kind::Circled),
    ]
}

fn units() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..UNITS.len(), 1..4)
}

fn line() -> impl Strategy<Value = Line> {
    let n = 1u32..13;
    let phrase = 0..PHRASES.len();
    let deadline = 0..DEADLINES.len();
    let note = prop_oneof![
        units().prop_map(Note::Fuze),
        (0..UNITS.len(), units()).prop_map(|(a, b)| Note::Qiantou(a, b)),
        (units(), deadline.clone()).prop_map(|(u, d)| Note::WithDeadline(u, d)),
    ];
    prop_oneof![
        2 => Just(Line::Blank),
        1 => Just(Line::Title),
        1 => Just(Line::Issuer),
        1 => Just(Line::Date),
        1 => units().prop_map(Line::Cc),
        1 => (0..BODY.len()).prop_map(Line::Body),
        4 => (kind(), n.clone(), phrase.clone()).prop_map(|(k, n, p)| Line::Heading(k, n, p)),
        4 => (kind(), n.clone(), phrase.clone(), note)
            .prop_map(|(k, n, p, note)| Line::ProseMeasure(k, n, p, note)),
        2 => (0..ROLES.len(), units()).prop_map(|(r, u)| Line::UnitsLabel(r, u)),
        1 => deadline.clone().prop_map(Line::DeadlineLabel),
        1 => Just(Line::LeaderLabel),
        1 => Just(Line::TableHeader),
        4 => (
            prop::option::of((n.clone(), phrase.clone())),
            prop::option::of((n, phrase)),
            prop::option::of(deadline),
            prop::collection::vec(0..UNITS.len(), 0..3),
        )
            .prop_map(|(t, m, d, u)| Line::Row(t, m, d, u)),
        4 => prop_oneof![
            (0..W_VERTICAL.len()).prop_map(CellLine::Header),
            (1u32..6).prop_map(CellLine::Number),
            (0..PHRASES.len()).prop_map(CellLine::Phrase),
            units().prop_map(CellLine::Units),
            (0..DEADLINES.len()).prop_map(CellLine::Deadline),
        ]
        .prop_map(Line::Cell),
        1 => (
            any::<bool>(),
            prop::collection::vec(
                (
                    prop::option::weighted(0.9, 0..PHRASES.len()),
                    prop::collection::vec(0..UNITS.len(), 0..3),
                    prop::option::weighted(0.8, 0..DEADLINES.len()),
                ),
                1..5,
            ),
        )
            .prop_map(|(seq, rows)| Line::VerticalTable(seq, rows)),
        1 => prop::collection::vec(prop::sample::select(NOISE), 0..12)
            .prop_map(|cs| Line::Noise(cs.into_iter().collect())),
    ]
}

/// A generated notice: its lines.
fn notice_lines() -> impl Strategy<Value = Vec<Line>> {
    prop::collection::vec(line(), 0..40)
}

/// Chinese numerals 1–99.
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

fn label(kind: Kind, n: u32) -> String {
    match kind {
        Kind::ChineseComma => format!("{}、", chinese(n)),
        Kind::ChineseParen => format!("({})", chinese(n)),
        Kind::ArabicDot => format!("{n}."),
        Kind::ArabicParen => format!("({n})"),
        Kind::Circled => char::from_u32('①' as u32 + n - 1)
            .unwrap_or('①')
            .to_string(),
    }
}

/// Writes a generated notice in simplified (`hant` false) or traditional
/// script, with ASCII punctuation.
fn render(lines: &[Line], hant: bool) -> String {
    let pick = |pair: &(&'static str, &'static str)| if hant { pair.1 } else { pair.0 };
    let list = |us: &[usize]| {
        us.iter()
            .map(|u| pick(&UNITS[*u]))
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut out = String::new();
    for line in lines {
        let text = match line {
            Line::Blank => String::new(),
            Line::Title => pick(&WORDS[W_TITLE]).to_owned(),
            Line::Issuer => pick(&WORDS[W_ISSUER]).to_owned(),
            Line::Date => "2024年3月7日".to_owned(),
            Line::Cc(us) => format!("{}:{}。", pick(&WORDS[W_CC]), list(us).replace('、', ",")),
            Line::Body(b) => pick(&BODY[*b]).to_owned(),
            Line::Heading(k, n, p) => format!("{}{}", label(*k, *n), pick(&PHRASES[*p])),
            Line::ProseMeasure(k, n, p, note) => {
                let note = match note {
                    Note::Fuze(us) => format!("{}{}", list(us), pick(&WORDS[W_FUZE])),
                    Note::Qiantou(a, us) => format!(
                        "{}{},{}{}",
                        pick(&UNITS[*a]),
                        pick(&WORDS[W_QIANTOU]),
                        list(us),
                        pick(&WORDS[W_FUZE])
                    ),
                    Note::WithDeadline(us, d) => format!(
                        "{}{},{}",
                        list(us),
                        pick(&WORDS[W_FUZE]),
                        pick(&DEADLINES[*d])
                    ),
                };
                format!("{}{}。({note})", label(*k, *n), pick(&PHRASES[*p]))
            }
            Line::UnitsLabel(r, us) => format!("{}:{}", pick(&ROLES[*r]), list(us)),
            Line::DeadlineLabel(d) => {
                format!("{}:{}", pick(&WORDS[W_DEADLINE]), pick(&DEADLINES[*d]))
            }
            Line::LeaderLabel => format!("{}:{}", pick(&WORDS[W_LEADER]), pick(&WORDS[W_NAME])),
            Line::TableHeader => pick(&WORDS[W_HEADER]).to_owned(),
            Line::Row(t, m, d, us) => {
                let task = t.map_or(String::new(), |(n, p)| {
                    format!("{}{}。", label(Kind::ArabicDot, n), pick(&PHRASES[p]))
                });
                let measure = m.map_or(String::new(), |(n, p)| {
                    format!("{}{}。", label(Kind::ArabicParen, n), pick(&PHRASES[p]))
                });
                let deadline = d.map_or("", |d| pick(&DEADLINES[d]));
                format!("{task} | {measure} | {deadline} | {} |", list(us))
            }
            Line::Cell(cell) => match cell {
                CellLine::Header(w) => pick(&WORDS[W_VERTICAL[*w]]).to_owned(),
                CellLine::Number(n) => n.to_string(),
                CellLine::Phrase(p) => format!("{}。", pick(&PHRASES[*p])),
                CellLine::Units(us) => list(us),
                CellLine::Deadline(d) => pick(&DEADLINES[*d]).to_owned(),
            },
            Line::VerticalTable(seq, rows) => {
                let mut cells: Vec<String> = Vec::new();
                if *seq {
                    cells.push(pick(&WORDS[W_VERTICAL[0]]).to_owned());
                }
                cells.push(pick(&WORDS[W_VERTICAL[2]]).to_owned());
                cells.push(pick(&WORDS[W_VERTICAL[3]]).to_owned());
                cells.push(pick(&WORDS[W_DEADLINE]).to_owned());
                for (n, (p, us, d)) in rows.iter().enumerate() {
                    if *seq {
                        cells.push((n + 1).to_string());
                    }
                    cells.extend(p.map(|p| format!("{}。", pick(&PHRASES[p]))));
                    if !us.is_empty() {
                        cells.push(list(us));
                    }
                    cells.extend(d.map(|d| pick(&DEADLINES[d]).to_owned()));
                }
                cells.join("\n")
            }
            Line::Noise(s) => s.clone(),
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

// ------------------------------------------------------------- no panic

const FORMATS: [Option<Format>; 7] = [
    None,
    Some(Format::Text),
    Some(Format::Docx),
    Some(Format::Xlsx),
    Some(Format::Xls),
    Some(Format::Ods),
    Some(Format::Html),
];

fn parse_forced(bytes: &[u8], format: Option<Format>) -> gongwen::Result<Notice> {
    let options = ParseOptions {
        format,
        ..ParseOptions::default()
    };
    gongwen::parse_bytes_with(bytes, Path::new("input"), &options)
}

proptest! {
    #![proptest_config(config(64))]

    /// Arbitrary bytes, detected and forced into every format: a result or
    /// a typed error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in FORMATS {
            let _ = parse_forced(&bytes, format);
        }
    }

    /// Bytes that start like a ZIP, an OLE2 file or an HTML page go further
    /// into the readers than random bytes do.
    #[test]
    fn magic_prefixed_bytes_never_panic(
        magic in prop::sample::select(vec![
            &b"PK\x03\x04"[..], &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &b"<html><table><tr><td>"[..],
            &b"\xEF\xBB\xBF"[..], &b"\xFF\xFE"[..],
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend(rest);
        for format in FORMATS {
            let _ = parse_forced(&bytes, format);
        }
    }

    /// The seed's DOCX and XLSX with a few bytes overwritten or cut short.
    #[test]
    fn damaged_office_files_never_panic(
        xlsx in any::<bool>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = std::fs::read(fixture(if xlsx { "seed/seed.xlsx" } else { "seed/seed.docx" }))
            .expect("seed readable");
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let _ = parse_forced(&bytes, None);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings: no panic, and nothing lost.
    #[test]
    fn arbitrary_text_loses_nothing(text in any::<String>()) {
        if let Err(e) = noloss::check_text(&text) {
            prop_assert!(false, "{e}\ninput: {text:?}");
        }
    }

    /// Generated notices in both scripts and both widths: no panic, nothing
    /// lost, and one structure.
    #[test]
    fn generated_notices_lose_nothing_and_keep_their_shape(lines in notice_lines()) {
        let hans = render(&lines, false);
        let hant = render(&lines, true);
        let wide = full_width(&hans, false);
        let wide_digits = full_width(&hant, true);
        let mut shapes = Vec::new();
        for text in [&hans, &hant, &wide, &wide_digits] {
            match noloss::check_text(text) {
                Ok(n) => shapes.push(shape(&n)),
                Err(e) => prop_assert!(false, "{e}\ninput:\n{text}"),
            }
        }
        prop_assert_eq!(&shapes[0], &shapes[1], "traditional script changed the structure:\n{}", hant);
        prop_assert_eq!(&shapes[0], &shapes[2], "full-width punctuation changed the structure:\n{}", wide);
        prop_assert_eq!(&shapes[0], &shapes[3], "full-width digits changed the structure:\n{}", wide_digits);
    }

    /// Strings made of the pieces notices are made of (labels, brackets,
    /// separators, role words, deadline words, line breaks) in any order:
    /// no panic, nothing lost.
    #[test]
    fn notice_pieces_in_any_order_lose_nothing(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60),
    ) {
        let text: String = pieces.concat();
        if let Err(e) = noloss::check_text(&text) {
            prop_assert!(false, "{e}\ninput: {text:?}");
        }
    }
}

// ------------------------------------------------------------- fixtures

/// Every file under `fixtures/` with one of `exts`, sorted.
fn fixture_files(exts: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, exts, out);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixture(""), exts, &mut out);
    out.sort();
    out
}

/// Every text fixture (plain, Markdown, tab-separated) loses nothing,
/// through the reader and the interpreter.
#[test]
fn text_fixtures_lose_nothing() {
    let files = fixture_files(&["txt", "md", "tsv"]);
    assert!(files.len() >= 8, "{files:?}");
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let name = path.display().to_string();
        if name.contains("/hostile/") || name.ends_with("README.md") {
            continue;
        }
        let bytes = std::fs::read(path).expect("fixture readable");
        let text = String::from_utf8(bytes).expect("text fixtures are UTF-8");
        checked += 1;
        if let Err(e) = noloss::check_text(&text) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(checked >= 7, "only {checked} text fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture of the other formats (and the hostile ones that parse):
/// nothing the reader produced is lost by the interpreter.
#[test]
fn office_and_html_fixtures_lose_nothing() {
    let files = fixture_files(&["docx", "xlsx", "xls", "ods", "html", "txt"]);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("fixture readable");
        let options = ParseOptions::default();
        let Ok(read) = gongwen::read::read(&bytes, path, &options) else {
            continue;
        };
        let notice = gongwen::parse_bytes_with(&bytes, path, &options).expect("read, so parses");
        checked += 1;
        if let Err(e) = noloss::check_document(&read.document, &notice) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(checked >= 15, "only {checked} fixtures read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The seed in traditional and simplified script, and with full-width
/// punctuation, has one structure; so has a generated-style rewrite of its
/// punctuation.
#[test]
fn seed_structure_is_independent_of_script_and_width() {
    let read = |rel: &str| std::fs::read_to_string(fixture(rel)).expect("fixture readable");
    let hans = read("seed/seed-hans.txt");
    let hant = read("seed/seed-hant.txt");
    let fullwidth = read("seed/renderings/seed-hans-fullwidth.txt");
    let base = shape(&gongwen::parse_str(&hans));
    assert_eq!(base["outline"].as_array().map(Vec::len), Some(7));
    assert_eq!(base, shape(&gongwen::parse_str(&hant)), "seed-hant.txt");
    assert_eq!(
        base,
        shape(&gongwen::parse_str(&fullwidth)),
        "seed-hans-fullwidth.txt"
    );
    assert_eq!(
        base,
        shape(&gongwen::parse_str(&full_width(&hant, false))),
        "seed-hant, full width"
    );
    assert_eq!(
        base,
        shape(&gongwen::parse_str(&full_width(&hans, true))),
        "seed-hans, full-width digits"
    );
    assert_eq!(
        base,
        shape(&gongwen::parse_str(&fold(&hant))),
        "seed-hant folded"
    );
}

/// The generator's traditional vocabulary folds to its simplified one, so
/// the two renderings of a notice differ in script only.
#[test]
fn vocabulary_folds_to_simplified() {
    for (hans, hant) in PHRASES
        .iter()
        .chain(UNITS)
        .chain(DEADLINES)
        .chain(BODY)
        .chain(ROLES)
        .chain(WORDS)
    {
        assert_eq!(fold(hant), fold(hans), "{hant}");
    }
    let lines = vec![
        Line::Title,
        Line::Heading(Kind::ChineseComma, 1, 0),
        Line::ProseMeasure(Kind::ChineseParen, 1, 1, Note::Fuze(vec![0, 1])),
    ];
    assert_eq!(
        render(&lines, false),
        "江西省市场监管局任务分工\n一、加强组织领导\n(一)完善工作机制。(法规处、人事处负责)\n"
    );
    assert_eq!(fold(&render(&lines, true)), render(&lines, false));
}

/// Found by `notice_pieces_in_any_order_lose_nothing` (3,000 cases): a
/// pipe table whose header cell is a label word (`责任单位：`) over rows of
/// no record loses the header's text. The session's start build loses it
/// too; left open in issue 12.
#[test]
#[ignore = "known loss, issue 12: a label-word header over no record"]
fn a_label_word_header_over_no_records_loses_nothing() {
    let text = "|责任单位：\n等|完成时限\n\n|<br>\"\\||---|";
    if let Err(e) = noloss::check_text(text) {
        panic!("{e}");
    }
}
