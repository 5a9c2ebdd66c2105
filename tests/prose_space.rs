//! The space of prose note styles, as a property test: a generated notice
//! (sections, tasks, measures with units and deadlines; see
//! `space::GenNotice`) is written as prose the ways offices write it, and
//! parsing it must give the notice back as that style states it.
//!
//! The dimensions (see [`Style`]): the note's brackets (`（）`, `〔〕`,
//! `【】`, `()`); a task's measures each on a numbered line of its own, or
//! all in the task's paragraph, each followed by its note (several notes per
//! paragraph); units in notes or in label lines under the item (`牵头单位：`,
//! `配合单位：`, `责任单位：`, `完成时限：`); 牵头 + 配合 roles, or all
//! responsible (`负责`), or guiding (`指导`); notes naming units with a verb
//! or with field words (`（责任单位：A、B）`); items labelled `1.`, `（1）`,
//! `①`, `⑴`, `⒈` or `1﹒`; an item as a title line over a body paragraph that
//! ends in the note; deadlines stated or not; the page pasted as one line
//! (line breaks become spaces); label lines run into their item's line,
//! after a space or with nothing between, labels on one line separated by
//! the same or by `；`, `，` or `：` (`牵头单位：A：配合单位：B`); task headings
//! ending in `。`; a note's deadline before or after its units; labelled
//! notes' words with a qualifier (`牵头考核单位：`); task headings that state
//! who answers for their items (`（一）A牵头工作（3项）`, items without notes);
//! a note standing alone after a task's items, answering for all of them;
//! an item's paragraph going on after its note with a sentence that states
//! no responsibility; labelled notes run in after a comma without brackets;
//! the first note stating `列第一位者为牵头单位，下同`; a stray line break
//! putting a note at the start of the next line (`…甲。` / `（X负责）乙。…`);
//! 主办 / 协办 for 牵头 / 配合 in notes; lines indented with `??` (ideographic
//! spaces lost in a conversion); a task heading with a note of its own over
//! items with theirs; the official in charge named first in a statement,
//! a labelled note or a label line (`（责任领导：X；牵头单位：A）`), a person
//! and not a unit; a plan sent by a cover letter that does not name it
//! (its instructions, issuer and date before the plan's title); section
//! numerals glossed in pinyin (`一(yī)、`).
//!
//! What a style cannot state is not asked for: a task paragraph holding a
//! single note is one numbered measure (its title sentence and the
//! measure's text), not a heading over one measure.
//! A task's items run on in its paragraph under one note
//! (`（一）T：1.甲；2.乙。（X负责）`).
//!
//! Not yet generated (issue 12): run-on enumerations on a page pasted as one
//! line, title lines run into their items on one line.

use gongwen::model::{Notice, Role};
use gongwen::normalize::comparable;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

#[allow(dead_code, unused_imports)]
mod space;

use space::{chinese, Expected, GenMeasure, GenNotice, GenTask, Layout};

/// How units are attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Roles {
    /// `A牵头，B、C配合`.
    LeadSupport,
    /// `A、B负责`.
    Responsible,
    /// `A、B指导`.
    Guide,
}

/// One point of the prose space.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// Index into [`BRACKETS`].
    bracket: usize,
    /// All of a task's measures in the task's paragraph, each with its note.
    grouped: bool,
    /// Units (and deadline) in label lines under each item, not in a note.
    label_lines: bool,
    roles: Roles,
    deadlines: bool,
    /// The numbered items' label form: index into [`ITEM_LABELS`].
    item_label: usize,
    /// Notes name their units with field words (`责任单位：A、B`) rather
    /// than with a verb (`A、B负责`).
    labelled_notes: bool,
    /// Label lines in their other common words: one `责任分工：A牵头，B配合`
    /// line, `落实单位：`, `指导部门：`, `时间节点：`.
    other_label_words: bool,
    /// Each numbered item is a title line, its body and note the next
    /// paragraph (`1.标题` / `正文。（X负责）`); with label lines, its body
    /// the next paragraph, then the label lines (`1.标题` / `正文。` /
    /// `责任单位：X`).
    titled: bool,
    /// The page pasted as one line after the title: line breaks became
    /// spaces (`…。 一、… （一）… 1.…（X负责） 2.…`).
    one_line: bool,
    /// With [`Style::one_line`], the line breaks lost with nothing in their
    /// place (`…。（X负责）2.…`, `…】2.…`).
    tight: bool,
    /// Label lines run into their item's line: after a space
    /// (`1.…。 牵头单位：A 配合单位：B`) or with nothing between
    /// (`1.…。牵头单位：A配合单位：B`).
    label_run: Option<&'static str>,
    /// With [`Style::label_run`], what stands between two labels on the
    /// line: the same, or a separator (`牵头单位：A；配合单位：B`, `…A，配合…`,
    /// `…A：配合…`).
    label_sep: Option<&'static str>,
    /// Task headings end in a full stop (`（一）优化服务。`).
    titles_stop: bool,
    /// A note's deadline clause stands before its units
    /// (`（6月底完成，牵头单位：A）`).
    note_deadline_first: bool,
    /// Each task heading states who answers for its items, which carry no
    /// note (`（一）A、B牵头工作（3项）`, `（二）C负责的任务`).
    heading_units: bool,
    /// A task's items carry no note; one paragraph that is only a note
    /// (with [`Style::label_lines`], the label lines) follows them and
    /// answers for all of them.
    note_alone: bool,
    /// A task's items run on in its paragraph (`（一）T。（1）甲；（2）乙。（X负责）`),
    /// the one note after the last answering for all of them.
    run_on: bool,
    /// The first note states `列第一位者为牵头单位，下同`: from there on the
    /// first-listed unit of each note leads (with `负责` notes).
    first_leads_rule: bool,
    /// Labelled notes' words carry a qualifier of their own before the
    /// unit noun (`牵头考核单位：`, `配合考核单位：`).
    qualified_labels: bool,
    /// With [`Style::grouped`], a stray line break before the first note
    /// of a paragraph of several: the note starts the next line
    /// (`…甲。` / `（X负责）乙。（Y负责）`).
    stray_break: bool,
    /// The text cut off inside the last item's note or units label line,
    /// after the first char of its last unit (`…（市财政局、市` ): the item
    /// is left out.
    cut_tail: bool,
    /// Notes name the lead and support units with 主办 / 协办
    /// (`A主办，B、C协办`) rather than 牵头 / 配合.
    host_words: bool,
    /// Every line after the title indented with `??`: ideographic spaces
    /// an earlier conversion could not encode.
    lost_indent: bool,
    /// Each task heading carries a note of its own over its items with
    /// theirs (`（一）T。（X负责）` / `1.甲。（Y负责）`): a heading over an
    /// unnumbered measure (its title) and its items.
    task_note: bool,
    /// With [`Style::label_lines`], who answers is a paragraph of clauses,
    /// not label lines: `由A牵头，B配合，2024年底前完成，抓好落实。`,
    /// `由A、B负责，…`, `A指导，…`.
    statement: bool,
    /// With [`Style::statement`], the statement is the value of a label
    /// naming the work, its units run into the work (`整改措施：由A、B负责
    /// 抓好落实。`; a unit list of several split over numbered works,
    /// `整改措施：（1）由A负责抓好落实。（2）由B负责督促检查。`, or as pages
    /// print it, `1)…；(2)…`); a deadline
    /// on a label line of its own after it.
    work_label: bool,
    /// A numbered item's paragraph goes on after its note with a sentence
    /// that states no responsibility (`1.甲。（X负责）目前进展顺利。`, a
    /// progress bulletin): the sentence is no measure's.
    after_note: bool,
    /// Labelled notes run into the item's sentence after a comma, without
    /// brackets (`1.甲，牵头单位：A；配合单位：B。`).
    comma_note: bool,
    /// The note is a sentence closing the item's paragraph, without
    /// brackets, that states who answers (`1.甲。由A、B负责，2024年底前完成。`).
    statement_note: bool,
    /// The official in charge is named first: in a statement
    /// (`由分管副县长负责，A牵头，…`), a labelled note
    /// (`（责任领导：分管副县长；牵头单位：A）`) or a label line: the item's
    /// leader, a person, not a unit.
    official: bool,
    /// The plan is sent by a cover letter: its own title, an addressee,
    /// numbered instructions (`一、请高度重视…`), the issuer and the date,
    /// then the plan's title, which the cover does not name. The cover's
    /// instructions are no headings of the plan.
    cover: bool,
    /// The page is printed with pinyin glosses after some characters,
    /// section numerals among them (`一(yī)、`): the label as printed.
    glossed: bool,
}

/// The official a statement, a labelled note or a label line names
/// ([`Style::official`]).
const OFFICIAL: &str = "分管副县长";

/// A cover letter ([`Style::cover`]): up to its closing date.
const COVER: [&str; 7] = [
    "关于做好重点工作的通知",
    "各区人民政府，市政府各部门：",
    "现将有关事项通知如下，请认真贯彻执行。",
    "一、请高度重视，抓好落实。",
    "二、请于每季度末报送工作进展情况。",
    "某市人民政府办公室",
    "2024年3月7日",
];

/// Pinyin of the numerals 一 … 十, as pages printed with ruby text gloss
/// them ([`Style::glossed`]).
const NUMERAL_PINYIN: [&str; 10] = [
    "yī", "èr", "sān", "sì", "wǔ", "liù", "qī", "bā", "jiǔ", "shí",
];

/// A section's label: `一、`, or `一(yī)、` with glosses.
fn section_label(si: usize, style: &Style) -> String {
    match NUMERAL_PINYIN.get(si).filter(|_| style.glossed) {
        Some(gloss) => format!("{}({gloss})、", chinese(si + 1)),
        None => format!("{}、", chinese(si + 1)),
    }
}

/// The label word naming the official in a note or a label line.
const LEADER_LABEL: &str = "责任领导：";

/// Item label forms: `1.`, `（1）`, `①`, `⑴`, `⒈`, `1﹒` (a small form dot),
/// `1。` (a full stop).
const ITEM_LABELS: usize = 7;

fn item_label(form: usize, n: usize) -> String {
    let one_char = |first: char| {
        char::from_u32(first as u32 + n as u32 - 1)
            .unwrap_or(first)
            .to_string()
    };
    match form {
        0 => format!("{n}."),
        1 => format!("（{n}）"),
        2 => one_char('①'),
        3 => one_char('⑴'),
        4 => one_char('⒈'),
        5 => format!("{n}﹒"),
        _ => format!("{n}。"),
    }
}

/// A titled item's title line: the measure's first clause.
fn title_of(m: &GenMeasure) -> String {
    m.text.split('，').next().unwrap_or(&m.text).to_owned()
}

const BRACKETS: [(&str, &str); 5] = [
    ("（", "）"),
    ("〔", "〕"),
    ("【", "】"),
    ("(", ")"),
    ("[", "]"),
];

fn style() -> impl Strategy<Value = Style> {
    (
        0..BRACKETS.len(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![
            Just(Roles::LeadSupport),
            Just(Roles::Responsible),
            Just(Roles::Guide)
        ],
        any::<bool>(),
        (0..ITEM_LABELS, any::<bool>(), any::<bool>(), any::<bool>()),
        (
            any::<bool>(),
            prop_oneof![Just(None), Just(Some(" ")), Just(Some(""))],
            any::<bool>(),
            prop_oneof![
                Just(None),
                Just(Some("；")),
                Just(Some("，")),
                Just(Some("：")),
                Just(Some("; "))
            ],
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            any::<bool>(),
            prop_oneof![3 => Just(false), 1 => Just(true)],
        ),
    )
        .prop_map(
            |(
                bracket,
                grouped,
                label_lines,
                roles,
                deadlines,
                (item_label, labelled_notes, titled, other_label_words),
                (one_line, label_run, titles_stop, label_sep),
                (note_deadline_first, qualified_labels, heading_units),
                (note_alone, first_leads_rule, run_on),
                (stray_break, cut_tail, host_words, lost_indent, tight),
                (task_note, statement, after_note, comma_note, official, cover, glossed),
                (work_label, statement_note),
            )| {
                // Label lines and titles stand under an item of its own.
                let label_lines = label_lines && !grouped;
                // (With label lines, the title line, then its description,
                // then the label lines: `1.项目名称` / `建设…。` / `责任单位：X`.)
                let titled = titled && !grouped;
                // A titled item's title line stands where a unit heading's
                // items would: not both.
                let heading_units = heading_units && !grouped && !label_lines && !titled;
                // (On one line the items and their note would run on.)
                let note_alone = note_alone && !grouped && !titled && !heading_units && !one_line;
                // TODO(issue 12): a run-on enumeration on a page pasted
                // as one line (its heading's title runs into item 1).
                let run_on = run_on
                    && !one_line
                    && !note_alone
                    && !grouped
                    && !label_lines
                    && !titled
                    && !heading_units;
                let task_note = task_note && !grouped && !heading_units && !note_alone && !run_on;
                // TODO(issue 12): a run-in note cut off (cut_tail) is not
                // told from a whole one.
                let comma_note = comma_note
                    && !cut_tail
                    && labelled_notes
                    && !grouped
                    && !label_lines
                    && !note_alone
                    && !heading_units
                    && !run_on;
                let mut style = Style {
                    bracket,
                    grouped,
                    label_lines,
                    roles,
                    deadlines,
                    item_label,
                    labelled_notes,
                    titled,
                    other_label_words,
                    // A title line run into its item cannot be told from
                    // the item's text: not generated on one line; label
                    // lines on one line run into their items.
                    one_line: one_line && !titled,
                    // TODO(issue 12): label lines on a tight line: the
                    // last unit runs into the next item's label
                    // (`…保障局2.强化…`).
                    // (①, ⑴ and ⒈ stand inside titles as references: a
                    // lost line break before them shows only as a space.)
                    tight: tight
                        && one_line
                        && !titled
                        && !label_lines
                        && matches!(item_label, 0 | 1 | 5 | 6),
                    // (Label lines standing alone after their items are
                    // lines of their own.)
                    label_run: if label_lines && one_line && label_run.is_none() {
                        Some(" ")
                    } else {
                        label_run.filter(|_| label_lines && !note_alone && !titled)
                    },
                    titles_stop: titles_stop && !grouped,
                    label_sep,
                    // (Without brackets, a deadline clause before the
                    // units cannot be told from the item's text.)
                    note_deadline_first: note_deadline_first && !comma_note,
                    qualified_labels: qualified_labels && labelled_notes && !label_lines,
                    heading_units,
                    note_alone,
                    run_on,
                    first_leads_rule: first_leads_rule
                        && roles == Roles::Responsible
                        && !labelled_notes
                        && !label_lines
                        && !(heading_units && !grouped && !titled),
                    stray_break: stray_break && grouped && !one_line,
                    // An item of its own, its note or label lines its own:
                    // cutting them takes out that item alone.
                    // TODO(issue 12): cut notes answering for several items.
                    cut_tail: cut_tail
                        && !grouped
                        && !one_line
                        && !titled
                        && !heading_units
                        && !note_alone
                        && !run_on,
                    host_words,
                    // TODO(issue 12): lost indents inside a page pasted as
                    // one line.
                    lost_indent: lost_indent && !one_line,
                    task_note,
                    // (A paragraph of its own: not run into its item's
                    // line.)
                    // TODO(issue 12): a statement cut off (cut_tail).
                    statement: statement
                        && label_lines
                        && !one_line
                        && !(label_run.is_some() && !titled && !note_alone)
                        && !cut_tail,
                    // (Who answers and the work, not a guide's words.)
                    work_label: work_label && roles != Roles::Guide,
                    // (Only an item's own note: a note standing for several
                    // items, or a heading's, stands after them.)
                    after_note: after_note
                        && !grouped
                        && !label_lines
                        && !note_alone
                        && !heading_units
                        && !run_on,
                    comma_note,
                    statement_note: false,
                    official,
                    // (A page pasted as one line has no date line.)
                    cover: cover && !one_line,
                    glossed,
                };
                // (An official is named in a statement, a labelled note
                // or a label line: `责任领导：X；牵头单位：A`; items under
                // a heading that states their units have no note.)
                style.official &= (style.statement || style.labelled_notes || style.label_lines)
                    && !style.heading_units;
                // (The item's own note, a statement closing its paragraph:
                // not one a convention sentence, a deadline before it or a
                // sentence after it ends, nor one that stands for several
                // items.)
                if statement_note {
                    style = Style {
                        statement_note: true,
                        comma_note: false,
                        labelled_notes: false,
                        host_words: false,
                        note_deadline_first: false,
                        first_leads_rule: false,
                        after_note: false,
                        cut_tail: false,
                        grouped: false,
                        label_lines: false,
                        note_alone: false,
                        heading_units: false,
                        run_on: false,
                        task_note: false,
                        official: false,
                        ..style
                    };
                }
                style
            },
        )
}

fn generate(seed: u64, style: &Style) -> GenNotice {
    let layout = Layout {
        roles: style.roles == Roles::LeadSupport,
        ..Layout::default()
    };
    GenNotice::generate(seed, &layout)
}

/// The note's words for a measure (without brackets).
fn note(m: &GenMeasure, style: &Style, first: bool) -> String {
    let mut note = match style.roles {
        _ if style.labelled_notes => label_lines(
            m,
            &Style {
                deadlines: false,
                statement: false,
                ..*style
            },
        )
        .join("；"),
        Roles::LeadSupport if style.host_words => {
            format!("{}主办，{}协办", m.lead.join("、"), m.support.join("、"))
        }
        Roles::LeadSupport => format!("{}牵头，{}配合", m.lead.join("、"), m.support.join("、")),
        Roles::Responsible => format!("{}负责", m.lead.join("、")),
        Roles::Guide => format!("{}指导", m.lead.join("、")),
    };
    if style.qualified_labels {
        note = note.replace("单位：", "考核单位：");
    }
    let note = match (style.deadlines, &m.deadline) {
        (true, Some(d)) if style.note_deadline_first => format!("{}，{note}", d.raw),
        (true, Some(d)) => format!("{note}，{}", d.raw),
        _ => note,
    };
    if first && style.first_leads_rule {
        format!("{note}。列第一位者为牵头单位，下同")
    } else {
        note
    }
}

/// A task heading that states who answers for its items: the first
/// measure's lead units, a role word, maybe the work's noun and a count.
fn heading_units(t: &GenTask, ti: usize, style: &Style) -> String {
    let verb = match style.roles {
        Roles::LeadSupport => "牵头",
        Roles::Responsible => "负责",
        Roles::Guide => "指导",
    };
    let noun = ["工作", "的任务", ""][ti % 3];
    let count = if ti.is_multiple_of(2) {
        format!("（{}项）", t.measures.len())
    } else {
        String::new()
    };
    format!("{}{verb}{noun}{count}", t.measures[0].lead.join("、"))
}

/// The label lines under an item.
fn label_lines(m: &GenMeasure, style: &Style) -> Vec<String> {
    if style.statement {
        let official = if style.official {
            format!("由{OFFICIAL}负责，")
        } else {
            String::new()
        };
        let who = match style.roles {
            Roles::LeadSupport => {
                format!("由{}牵头，{}配合", m.lead.join("、"), m.support.join("、"))
            }
            Roles::Responsible => format!("由{}负责", m.lead.join("、")),
            Roles::Guide => format!("{}指导", m.lead.join("、")),
        };
        if style.work_label {
            let work = match (style.roles, &m.lead[..]) {
                // (Pages print `1)` for `(1)` and a semicolon for a stop.)
                (Roles::Responsible, [first, rest @ ..])
                    if !rest.is_empty() && m.text.chars().count().is_multiple_of(2) =>
                {
                    format!(
                        "整改措施：1){official}由{first}负责抓好落实；(2)由{}负责督促检查。",
                        rest.join("、")
                    )
                }
                (Roles::Responsible, [first, rest @ ..]) if !rest.is_empty() => format!(
                    "整改措施：（1）{official}由{first}负责抓好落实。（2）由{}负责督促检查。",
                    rest.join("、")
                ),
                (Roles::Responsible, _) => format!("整改措施：{official}{who}抓好落实。"),
                _ => format!("整改措施：{official}{who}，抓好落实。"),
            };
            let when = match (style.deadlines, &m.deadline) {
                (true, Some(d)) => vec![format!("完成时限：{}", d.raw)],
                _ => Vec::new(),
            };
            return [vec![work], when].concat();
        }
        let when = match (style.deadlines, &m.deadline) {
            (true, Some(d)) => format!("，{}", d.raw),
            _ => String::new(),
        };
        return vec![format!("{official}{who}{when}，抓好落实。")];
    }
    let mut lines = match style.roles {
        Roles::LeadSupport if style.other_label_words => vec![format!(
            "责任分工：{}牵头，{}配合",
            m.lead.join("、"),
            m.support.join("、")
        )],
        Roles::Responsible if style.other_label_words => {
            vec![format!("落实单位：{}", m.lead.join("、"))]
        }
        Roles::Guide if style.other_label_words => {
            vec![format!("指导部门：{}", m.lead.join("、"))]
        }
        Roles::LeadSupport => vec![
            format!("牵头单位：{}", m.lead.join("、")),
            format!("配合单位：{}", m.support.join("、")),
        ],
        Roles::Responsible => vec![format!("责任单位：{}", m.lead.join("、"))],
        Roles::Guide => vec![format!("指导单位：{}", m.lead.join("、"))],
    };
    if style.official {
        // (First or last, as offices print it.)
        // TODO(issue 12): last, run into a 责任分工 line that ends in a role
        // word (`…B配合责任领导：X`), the longest label word there takes the
        // role word (`配合责任领导`, as `牵头负责领导`).
        let last_ok = !(style.other_label_words && style.label_run == Some(""));
        let at = if m.text.len() % 2 == 1 && last_ok {
            lines.len()
        } else {
            0
        };
        lines.insert(at, format!("{LEADER_LABEL}{OFFICIAL}"));
    }
    if let (true, Some(d)) = (style.deadlines, &m.deadline) {
        let word = if style.other_label_words {
            "时间节点"
        } else {
            "完成时限"
        };
        lines.push(format!("{word}：{}", d.raw));
    }
    lines
}

fn render(notice: &GenNotice, style: &Style) -> String {
    let (open, close) = BRACKETS[style.bracket];
    let mut lines = if style.cover {
        COVER.iter().map(|l| l.to_string()).collect()
    } else {
        Vec::new()
    };
    lines.push(notice.title.clone());
    // Whether a note has been written (the first states the rule).
    let mut noted = false;
    let mut note = |m: &GenMeasure| {
        let first = !noted;
        noted = true;
        note(m, style, first)
    };
    for (si, s) in notice.sections.iter().enumerate() {
        lines.push(format!("{}{}", section_label(si, style), s.title));
        for (ti, t) in s.tasks.iter().enumerate() {
            let task = format!("（{}）{}", chinese(ti + 1), t.title);
            if style.grouped {
                let mut p = format!("{task}。");
                for (mi, m) in t.measures.iter().enumerate() {
                    p.push_str(&format!("{}。", m.text));
                    if style.stray_break && mi == 0 && t.measures.len() > 1 {
                        lines.push(std::mem::take(&mut p));
                    }
                    p.push_str(&format!("{open}{}{close}", note(m)));
                }
                lines.push(p);
                continue;
            }
            if style.heading_units {
                lines.push(format!(
                    "（{}）{}",
                    chinese(ti + 1),
                    heading_units(t, ti, style)
                ));
                for (mi, m) in t.measures.iter().enumerate() {
                    lines.push(format!(
                        "{}{}。",
                        item_label(style.item_label, mi + 1),
                        m.text
                    ));
                }
                continue;
            }
            // (One item alone is no enumeration: written as items are.)
            if style.run_on && t.measures.len() > 1 {
                let items: Vec<String> = t
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(mi, m)| format!("{}{}", item_label(style.item_label, mi + 1), m.text))
                    .collect();
                let task = if style.titles_stop {
                    format!("{task}。")
                } else {
                    format!("{task}：")
                };
                lines.push(format!(
                    "{task}{}。{open}{}{close}",
                    items.join("；"),
                    note(&t.measures[0])
                ));
                continue;
            }
            let task = if style.titles_stop {
                format!("{task}。")
            } else {
                task
            };
            lines.push(
                if style.task_note && style.comma_note && !style.titles_stop {
                    // (Run in after a comma, as the items' notes are.)
                    format!("{task}，{}。", note(&t.measures[t.measures.len() - 1]))
                } else if style.task_note {
                    // (The last measure's note: not the first item's, so that
                    // a parse giving the heading's units to item 1 shows.)
                    format!(
                        "{task}{open}{}{close}",
                        note(&t.measures[t.measures.len() - 1])
                    )
                } else {
                    task
                },
            );
            if style.note_alone {
                for (mi, m) in t.measures.iter().enumerate() {
                    lines.push(format!(
                        "{}{}。",
                        item_label(style.item_label, mi + 1),
                        m.text
                    ));
                }
                if style.label_lines {
                    lines.extend(label_lines(&t.measures[0], style));
                } else {
                    lines.push(format!("{open}{}{close}", note(&t.measures[0])));
                }
                continue;
            }
            for (mi, m) in t.measures.iter().enumerate() {
                if style.label_lines && style.titled {
                    lines.push(format!(
                        "{}{}",
                        item_label(style.item_label, mi + 1),
                        title_of(m)
                    ));
                    lines.push(format!("{}。", m.text));
                    lines.extend(label_lines(m, style));
                } else if style.label_lines {
                    let item = format!("{}{}。", item_label(style.item_label, mi + 1), m.text);
                    match style.label_run {
                        Some(sep) => {
                            let labels = label_lines(m, style).join(style.label_sep.unwrap_or(sep));
                            lines.push(format!("{item}{sep}{labels}"));
                        }
                        None => {
                            lines.push(item);
                            lines.extend(label_lines(m, style));
                        }
                    }
                } else if style.titled {
                    lines.push(format!(
                        "{}{}",
                        item_label(style.item_label, mi + 1),
                        title_of(m)
                    ));
                    lines.push(noted_item(&m.text, &note(m), mi, style));
                } else {
                    lines.push(format!(
                        "{}{}",
                        item_label(style.item_label, mi + 1),
                        noted_item(&m.text, &note(m), mi, style)
                    ));
                }
            }
        }
    }
    if style.lost_indent {
        for line in lines.iter_mut().skip(1) {
            line.insert_str(0, "??");
        }
    }
    if style.one_line {
        let body = lines.split_off(1).join(if style.tight { "" } else { " " });
        lines.push(body);
    }
    let text = lines.join("\n") + "\n";
    match last_unit(notice).filter(|_| style.cut_tail) {
        // Cut after the first char of the last measure's last unit.
        Some(unit) => match text.rfind(unit) {
            Some(at) => {
                let first = unit.chars().next().map_or(0, char::len_utf8);
                text[..at + first].to_owned()
            }
            None => text,
        },
        None => text,
    }
}

/// What a progress bulletin says after an item's note: no unit, no
/// deadline, no responsibility.
const AFTER_NOTE: [&str; 3] = ["目前进展顺利。", "完成进度相对较慢。", "工作已全面启动。"];

/// An item's text and its note: in brackets after its sentence, run in
/// after a comma ([`Style::comma_note`]), or a sentence of its own
/// ([`Style::statement_note`]); maybe a sentence after it
/// ([`Style::after_note`]).
fn noted_item(text: &str, note: &str, mi: usize, style: &Style) -> String {
    let (open, close) = BRACKETS[style.bracket];
    let mut item = if style.comma_note {
        format!("{text}，{note}。")
    } else if style.statement_note {
        format!("{text}。由{note}。")
    } else {
        format!("{text}。{open}{note}{close}")
    };
    if style.after_note {
        item.push_str(AFTER_NOTE[mi % AFTER_NOTE.len()]);
    }
    item
}

/// The last unit the last measure lists.
fn last_unit(notice: &GenNotice) -> Option<&'static str> {
    let m = notice.sections.last()?.tasks.last()?.measures.last()?;
    m.support.last().or(m.lead.last()).copied()
}

/// Text compared loosely, without a closing full stop.
fn loose(text: &str) -> String {
    comparable(text).trim_end_matches(['。', '.']).to_owned()
}

fn expected(notice: &GenNotice, style: &Style) -> Vec<Expected> {
    let mut out = Vec::new();
    for (si, s) in notice.sections.iter().enumerate() {
        let section = (comparable(&section_label(si, style)), loose(&s.title));
        for (ti, t) in s.tasks.iter().enumerate() {
            let task_label = comparable(&format!("（{}）", chinese(ti + 1)));
            let single = style.grouped && t.measures.len() == 1;
            let role = match style.roles {
                Roles::LeadSupport => Role::Lead,
                Roles::Responsible => Role::Responsible,
                Roles::Guide => Role::Guide,
            };
            // The units a measure's note names.
            let units_of = |noted: &GenMeasure| -> Vec<(String, Role)> {
                if style.first_leads_rule {
                    noted
                        .lead
                        .iter()
                        .enumerate()
                        .map(|(k, u)| (comparable(u), if k == 0 { Role::Lead } else { role }))
                        .collect()
                } else if style.heading_units {
                    t.measures[0]
                        .lead
                        .iter()
                        .map(|u| (comparable(u), role))
                        .collect()
                } else {
                    noted
                        .lead
                        .iter()
                        .map(|u| (comparable(u), role))
                        .chain(noted.support.iter().map(|u| (comparable(u), Role::Support)))
                        .collect()
                }
            };
            if style.task_note {
                let own = &t.measures[t.measures.len() - 1];
                let dl = deadline_of(own, style);
                out.push(Expected {
                    path: vec![section.clone(), (task_label.clone(), loose(&t.title))],
                    label: None,
                    text: loose(&t.title),
                    due: dl.and_then(|d| d.due),
                    ongoing: dl.is_some_and(|d| d.ongoing),
                    recurs: dl.is_some_and(|d| d.recurs),
                    units: units_of(own),
                    leader: (style.official && style.labelled_notes).then(|| comparable(OFFICIAL)),
                });
            }
            for (mi, m) in t.measures.iter().enumerate() {
                let (path, label, text) = if style.heading_units {
                    (
                        vec![
                            section.clone(),
                            (task_label.clone(), loose(&heading_units(t, ti, style))),
                        ],
                        Some(comparable(&item_label(style.item_label, mi + 1))),
                        loose(&m.text),
                    )
                } else if single {
                    (
                        vec![section.clone()],
                        Some(task_label.clone()),
                        loose(&format!("{}。{}", t.title, m.text)),
                    )
                } else {
                    let label =
                        (!style.grouped).then(|| comparable(&item_label(style.item_label, mi + 1)));
                    let text = if style.titled {
                        format!("{}\n{}", title_of(m), m.text)
                    } else if style.run_on && mi + 1 < t.measures.len() {
                        // (An enumerated item keeps its separator, as the
                        // answers in fixtures/synth do.)
                        format!("{}；", m.text)
                    } else {
                        m.text.clone()
                    };
                    (
                        vec![section.clone(), (task_label.clone(), loose(&t.title))],
                        label,
                        loose(&text),
                    )
                };
                // The measure whose note answers for this one.
                let noted = if style.note_alone || (style.run_on && t.measures.len() > 1) {
                    &t.measures[0]
                } else {
                    m
                };
                let units = units_of(noted);
                let dl = deadline_of(noted, style);
                let cut = style.cut_tail
                    && si + 1 == notice.sections.len()
                    && ti + 1 == s.tasks.len()
                    && mi + 1 == t.measures.len();
                if cut {
                    continue;
                }
                out.push(Expected {
                    path,
                    label,
                    text,
                    due: dl.and_then(|d| d.due),
                    ongoing: dl.is_some_and(|d| d.ongoing),
                    recurs: dl.is_some_and(|d| d.recurs),
                    units,
                    leader: style.official.then(|| comparable(OFFICIAL)),
                });
            }
        }
    }
    out
}

/// The deadline a measure's note states, where the style writes one.
fn deadline_of<'a>(noted: &'a GenMeasure, style: &Style) -> Option<&'a space::GenDeadline> {
    noted
        .deadline
        .as_ref()
        .filter(|_| style.deadlines && !style.heading_units)
}

/// The parsed measures in document order (a heading lists its own
/// measures before its sub-headings').
fn parsed(notice: &Notice) -> Vec<Expected> {
    let mut measures = notice.measures_with_path();
    measures.sort_by_key(|(_, m)| match &m.position {
        Some(gongwen::document::Position::Line { line }) => *line,
        _ => 0,
    });
    measures
        .into_iter()
        .map(|(path, m)| Expected {
            path: path
                .iter()
                .map(|h| (comparable(&h.label), loose(&h.title)))
                .collect(),
            label: m.label.as_deref().map(comparable),
            text: loose(&m.text),
            due: m.deadline.as_ref().and_then(|d| d.due),
            ongoing: m.deadline.as_ref().is_some_and(|d| d.ongoing),
            recurs: m.deadline.as_ref().is_some_and(|d| d.recurrence.is_some()),
            units: m
                .units
                .iter()
                .map(|u| (comparable(&u.name), u.role.unwrap_or(Role::Responsible)))
                .collect(),
            leader: m.leader.as_deref().map(comparable),
        })
        .collect()
}

fn check(notice: &GenNotice, style: &Style) -> Result<(), TestCaseError> {
    let text = render(notice, style);
    let parsed_notice = gongwen::parse_str(&text);
    // The outline's top level is the notice's sections: a cover's
    // instructions are none of them.
    let tops: Vec<&str> = parsed_notice
        .outline
        .iter()
        .map(|h| h.title.as_str())
        .collect();
    prop_assert_eq!(
        tops.len(),
        notice.sections.len(),
        "{:?}\n{}\n{:?}",
        style,
        text,
        tops
    );
    if style.cover {
        prop_assert_eq!(
            parsed_notice.meta.plan_title.as_deref(),
            Some(notice.title.as_str()),
            "{:?}\n{}",
            style,
            text
        );
    }
    let mut got = parsed(&parsed_notice);
    let mut want = expected(notice, style);
    if style.one_line {
        // One line gives every measure the same position: document order
        // is not recoverable from it, so compare in the order of texts
        // (each unique).
        want.sort_by(|a, b| a.text.cmp(&b.text));
        got.sort_by(|a, b| a.text.cmp(&b.text));
    }
    if want != got {
        let first = want
            .iter()
            .zip(&got)
            .position(|(a, b)| a != b)
            .unwrap_or(want.len().min(got.len()));
        return Err(TestCaseError::fail(format!(
            "{style:?}\n{text}\n{} measures expected, {} parsed; first difference at {first}:\n  want {:?}\n  got  {:?}",
            want.len(),
            got.len(),
            want.get(first),
            got.get(first),
        )));
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Every note style of every generated notice parses back to it.
    #[test]
    fn prose_in_every_note_style_parses_back(seed in any::<u64>(), style in style()) {
        let notice = generate(seed, &style);
        check(&notice, &style)?;
    }
}

/// The comparison sees a wrong answer: another notice's parse differs.
#[test]
fn a_different_notice_does_not_compare_equal() {
    let style = Style {
        bracket: 0,
        grouped: false,
        label_lines: false,
        roles: Roles::Responsible,
        deadlines: true,
        item_label: 0,
        labelled_notes: false,
        titled: false,
        other_label_words: false,
        one_line: false,
        tight: false,
        label_run: None,
        label_sep: None,
        titles_stop: false,
        note_deadline_first: false,
        qualified_labels: false,
        stray_break: false,
        cut_tail: false,
        host_words: false,
        lost_indent: false,
        heading_units: false,
        note_alone: false,
        first_leads_rule: false,
        run_on: false,
        task_note: false,
        statement: false,
        work_label: false,
        after_note: false,
        comma_note: false,
        statement_note: false,
        official: false,
        cover: false,
        glossed: false,
    };
    let a = generate(1, &style);
    let b = generate(2, &style);
    let got = parsed(&gongwen::parse_str(&render(&b, &style)));
    assert!(expected(&a, &style).len() >= 2);
    assert_ne!(expected(&a, &style), got);
}
