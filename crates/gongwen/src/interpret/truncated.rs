//! A text cut off inside its last item's note or label lines: a page
//! excerpt or a file copied in part that ends `…5.进出口实现正增长。⏎
//! 部门分工:`, `…责任单位:县财`, `…牵头责` or `…（牵头单位：省商`.
//!
//! What such an item states of its units (or deadline) is lost; reading
//! the rest as its note would make units of a name's first chars. This
//! pass finds where the last paragraph is cut and takes the item out with
//! its label lines, each reported as a diagnostic with its position: never
//! dropped in silence. The last paragraph is cut when it is
//! - a label word and colon with nothing after it (`部门分工:`);
//! - a units label line whose last name is cut (`责任单位:县财`: no unit
//!   head noun at its end);
//! - the start of a label word alone (`牵头责`, see
//!   [`lexicon::starts_label_word`]);
//! - or an item whose bracket opens and never closes, no sentence ending
//!   after it, holding a note's words or a name's first chars
//!   (`…（牵头单位：省商`, `…（市财`); a note alone on its line takes the
//!   item above it out with it.
//!
//! A text table (pasted, not a word processor's) ending the text has its
//! last row taken out when that row's last cell is a list of units cut
//! inside its last name (`区财政局、区商务局、区`), or, the row short of its
//! columns, ends after a clause (`…进行改造，`).
//!
//! A name is cut when it is one or two chars of a name starting with its
//! region (`县财`, `区`); short names that are whole (`乡镇`, `武警`) are not.
//!
//! It looks at the end of the text only, and does not decide what the
//! paragraphs before are; it tells the label form of the item it took out,
//! which answered for itself (its note or label lines were cut), so that
//! the item above it is still read as its parent.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Block, Document, Row, Table, TableLayout};
use crate::grammar::deadline::looks_like_deadline;
use crate::grammar::label::{parse_label, LabelKind};
use crate::grammar::lexicon;
use crate::grammar::units::{looks_like_units, GROUP_WORDS};
use crate::model::{Diagnostic, DiagnosticCode};
use crate::normalize::{fold, fold_width};

use super::columns::{find_header, ColumnRole};
use super::prose::{label_line, label_line_parts, note_bracket, LabelLine};
use super::vertical::is_section;

/// A label word and its colon with nothing after it.
static EMPTY_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\p{Han}{2,8})\s*:\s*$").expect("valid regex"));

/// A text with its cut tail taken out.
pub struct Cut {
    /// The text without the cut item (or row).
    pub doc: Document,
    /// One per paragraph (or the row) taken out.
    pub diagnostics: Vec<Diagnostic>,
    /// The label form of the item taken out, where it had a label.
    pub item: Option<LabelKind>,
}

/// Takes out an item cut at the end of the text; `None` when the text is
/// not cut there.
pub fn cut_tail(doc: &Document) -> Option<Cut> {
    let last = doc.blocks.iter().rposition(|b| match b {
        Block::Paragraph(p) => !p.text.trim().is_empty(),
        Block::Table(_) => true,
    })?;
    let p = match &doc.blocks[last] {
        Block::Paragraph(p) => p,
        Block::Table(t) => return cut_row(doc, last, t),
    };
    let text = p.text.trim();
    let from = if cut_label_line(text) {
        // The item the label lines go with: the paragraph before them.
        let mut k = last;
        while k > 0 {
            k -= 1;
            match &doc.blocks[k] {
                Block::Paragraph(q) if q.text.trim().is_empty() => {}
                Block::Paragraph(q) if label_line(q.text.trim()).is_some() => {}
                Block::Paragraph(_) => break,
                Block::Table(_) => return None,
            }
        }
        k
    } else if cut_note(text) {
        // A note alone on its line (its bracket the line's first char)
        // goes with the item above it.
        let alone = open_bracket(text) == Some(0);
        // (Only a paragraph just before it: a table between stays.)
        let before = doc.blocks[..last].iter().rposition(|b| match b {
            Block::Paragraph(q) => !q.text.trim().is_empty(),
            Block::Table(_) => true,
        });
        match before {
            Some(k) if alone && matches!(doc.blocks[k], Block::Paragraph(_)) => k,
            _ => last,
        }
    } else {
        return None;
    };
    let mut diagnostics = Vec::new();
    for b in &doc.blocks[from..] {
        if let Block::Paragraph(q) = b {
            if !q.text.trim().is_empty() {
                diagnostics.push(Diagnostic {
                    code: DiagnosticCode::TextNotPlaced,
                    message: "the text ends inside this item's note or label lines: item left out"
                        .to_owned(),
                    position: Some(q.pos.clone()),
                    text: Some(q.text.clone()),
                });
            }
        }
    }
    let item = match &doc.blocks[from] {
        Block::Paragraph(q) => parse_label(q.text.trim_start()).map(|l| l.kind),
        Block::Table(_) => None,
    };
    let mut blocks = doc.blocks.clone();
    blocks.truncate(from);
    Some(Cut {
        doc: Document { blocks },
        diagnostics,
        item,
    })
}

/// A text table ending the text whose last row is cut inside a list of
/// units (`… | 区财政局、区商务局、区`), or, short of its columns, after a
/// comma (`… | 开展专项整治，`): the row is taken out and reported.
fn cut_row(doc: &Document, last: usize, table: &Table) -> Option<Cut> {
    if table.layout == TableLayout::Grid {
        return None;
    }
    let row = table.rows.last()?;
    let cell = row.cells.iter().rev().find(|c| !c.text.trim().is_empty())?;
    let pieces = unit_pieces(&cell.text);
    let cut_short = pieces.split_last().is_some_and(|(cut, whole)| {
        // (A cell of one name cut after its region's char, `市发`, in a
        // units column: `县级` elsewhere is a word.)
        let alone = whole.is_empty()
            && cut.chars().count() == 2
            && find_header(table).is_some_and(|h| {
                matches!(h.roles.get(cell.col as usize), Some(ColumnRole::Units(_)))
            });
        (alone || (!whole.is_empty() && whole.iter().all(|p| looks_like_units(p))))
            && is_cut_stub(cut)
    });
    // (Or a row short of its columns whose last cell ends inside a
    // sentence, after a comma: `…运动场地进行改造，`. A cell may end in `；`
    // or `、`, a list's; a comma ends none.)
    // (A table's rows after a section line may stand as a table of their
    // own, without the header: the widest table says how wide rows are.)
    let width = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.width()),
            Block::Paragraph(_) => None,
        })
        .max()
        .unwrap_or(0);
    let cut_clause =
        (row.cells.len() as u32) < width && cell.text.trim_end().ends_with(['，', ',']);
    if !(cut_short || cut_clause) {
        return None;
    }
    // A cell alone in its row, pasted one cell per line, is the cut cell of
    // the row above (cut, it read as no list of units to join): that row
    // goes with it.
    let filled = |r: &Row| r.cells.iter().filter(|c| !c.text.trim().is_empty()).count();
    // (Not a section row above it: `二、…`.)
    let above = table.rows.len().checked_sub(2).map(|r| &table.rows[r]);
    let rows = if table.layout == TableLayout::Flattened
        && cut_short
        && filled(row) == 1
        && table.rows.len() > 2
        && above.is_some_and(|a| !a.cells.first().is_some_and(|c| is_section(&c.text)))
    {
        2
    } else {
        1
    };
    let taken = &table.rows[table.rows.len() - rows..];
    let diagnostics = taken
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| Diagnostic {
            code: DiagnosticCode::TextNotPlaced,
            message: "the text ends inside this row: row left out".to_owned(),
            position: Some(c.pos.clone()),
            text: Some(c.text.clone()),
        })
        .collect();
    let mut blocks = doc.blocks.clone();
    if let Some(Block::Table(t)) = blocks.get_mut(last) {
        t.rows.truncate(t.rows.len() - rows);
    }
    Some(Cut {
        doc: Document { blocks },
        diagnostics,
        item: None,
    })
}

/// Whether a last line is a label line cut short.
fn cut_label_line(text: &str) -> bool {
    let folded = fold(text);
    let empty_label = |line: &str| {
        EMPTY_LABEL
            .captures(line)
            .and_then(|c| c.get(1))
            .is_some_and(|w| lexicon::starts_label_word(w.as_str()) || is_field_word(w.as_str()))
    };
    if empty_label(&folded) {
        return true;
    }
    if !folded.contains(':') && lexicon::starts_label_word(folded.trim()) {
        return true;
    }
    if label_line(text).is_none() {
        return false;
    }
    // (Several labels on the line: the last is cut.)
    if folded.trim_end().ends_with(':') {
        let tail = folded.trim_end();
        let word: String = tail
            .chars()
            .rev()
            .skip(1)
            .take_while(|c| !c.is_whitespace() && !matches!(c, ';' | ',' | '。' | ':'))
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        if empty_label(&format!("{word}:")) {
            return true;
        }
    }
    let parts = label_line_parts(text).unwrap_or_default();
    match parts.last().map(|(_, l)| l) {
        Some(LabelLine::Units(_, value)) => unit_pieces(value)
            .last()
            .is_some_and(|last| is_cut_stub(last)),
        _ => false,
    }
}

/// A units list's names: its pieces between `、，,；;` outside brackets
/// (`各县（市、区）` is one), trimmed. A bracket left open runs to the end.
fn unit_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (b, c) in text.char_indices() {
        match note_bracket(fold_width(c)) {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '、' | ',' | ';' if depth == 0 => {
                pieces.push(text[start..b].trim());
                start = b + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(text[start..].trim());
    pieces
}

/// Region chars a unit's name starts with (`县财…`, `区商…`).
const REGION_CHARS: &str = "省市区县州镇乡";

/// Whether a unit list's last name is cut short: one char, or two, of a
/// name that starts with its region (`市`, `县财`, `区商`), no unit itself
/// (`乡镇`, `团委`, `各地` are whole; so are `武警`, `媒体`).
fn is_cut_stub(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    // (Or a group word's first chars: `相` of `相关街道`; a whole one,
    // `属地`, is no cut.)
    let starts_group = GROUP_WORDS
        .iter()
        .any(|g| g.starts_with(name) && *g != name);
    match chars[..] {
        [c] => REGION_CHARS.contains(c) || starts_group,
        [c, d] => {
            (REGION_CHARS.contains(c) && !REGION_CHARS.contains(d) && !looks_like_units(name))
                || starts_group
        }
        _ => false,
    }
}

/// Whether a word names a field of a measure's label lines: units with a
/// role (`牵头单位`, `责任单位`; not a form's `填报单位`), a deadline, a
/// leader, or how units share the work (`部门分工`).
fn is_field_word(word: &str) -> bool {
    lexicon::label_role(word).is_some()
        || matches!(
            lexicon::header_field(word),
            Some((lexicon::Field::Deadline | lexicon::Field::Leader, _))
        )
        || word.ends_with("分工")
}

/// Where the bracket a text leaves open at its end opens (in chars).
fn open_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut open_at = None;
    for (k, c) in text.chars().enumerate() {
        match note_bracket(fold_width(c)) {
            '(' => {
                if depth == 0 {
                    open_at = Some(k);
                }
                depth += 1;
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    open_at.filter(|_| depth > 0)
}

/// Whether a last paragraph's note bracket opens and never closes.
fn cut_note(text: &str) -> bool {
    let chars: Vec<char> = text.chars().map(|c| note_bracket(fold_width(c))).collect();
    let Some(open) = open_bracket(text) else {
        return false;
    };
    // (A bracket left open by mistake in a whole text closes its sentence
    // before the end: `（详见附件。`.) What it holds starts a note or a
    // unit's name: a units or role word, or a name's first chars.
    let inside: String = chars[open + 1..].iter().collect();
    let inside = inside.trim();
    !inside.chars().any(|c| matches!(c, '。' | '!' | '?'))
        && (lexicon::NOTE_MARKERS.iter().any(|w| inside.contains(w))
            || lexicon::starts_label_word(inside)
            || is_name_stub(inside)
            || stub_after_clauses(inside))
}

/// A name's first chars alone (`市财`).
fn is_name_stub(text: &str) -> bool {
    (1..=MAX_NAME_STUB).contains(&text.chars().count()) && text.chars().all(char::is_alphabetic)
}

/// A note's clauses, each a deadline or a list of units, then a name's
/// first chars (`2024年1月底完成，市`, `市教育局、市`).
fn stub_after_clauses(inside: &str) -> bool {
    let pieces = unit_pieces(inside);
    let Some((stub, clauses)) = pieces.split_last() else {
        return false;
    };
    !clauses.is_empty()
        && is_name_stub(stub)
        && clauses
            .iter()
            .all(|c| looks_like_deadline(c) || looks_like_units(c))
}

/// Longest name's start a cut note may hold alone, in chars (`（市财`).
const MAX_NAME_STUB: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> Document {
        crate::test_util::doc_of_lines(lines)
    }

    fn kept(lines: &[&str]) -> Option<(usize, usize)> {
        cut_tail(&doc(lines)).map(|c| (c.doc.blocks.len(), c.diagnostics.len()))
    }

    #[test]
    fn an_item_whose_label_lines_are_cut_is_taken_out_and_reported() {
        let head = ["一、稳增长", "1.甲。", "责任单位:县财政局。", "2.乙。"];
        for cut in [
            "责任单位:县财",
            "部门分工:",
            "牵头责",
            "牵头单位：县财政局 配合单位：县",
            "牵头单位：县财政局 配合单位：",
            "分管领导:张三\n",
        ] {
            let mut lines = head.to_vec();
            lines.push("牵头负责领导:李四。");
            lines.push(cut);
            if cut.starts_with("分管") {
                // A leader's name is no cut: nothing to take out.
                assert_eq!(kept(&lines), None, "{cut}");
                continue;
            }
            // Item 2 and its two lines out, each reported.
            assert_eq!(kept(&lines), Some((3, 3)), "{cut}");
        }
    }

    #[test]
    fn a_note_left_open_takes_its_item_out() {
        assert_eq!(
            kept(&["一、稳增长", "1.甲。（牵头单位：省商"]),
            Some((1, 1))
        );
        assert_eq!(kept(&["一、稳增长", "1.甲。（市"]), Some((1, 1)));
        // Cut after a deadline clause, or after whole names.
        assert_eq!(
            kept(&["一、稳增长", "1.甲。（2024年1月底取得明显成效，市"]),
            Some((1, 1))
        );
        assert_eq!(
            kept(&["一、稳增长", "1.甲。（县财政局、县税务局，县"]),
            Some((1, 1))
        );
        assert_eq!(kept(&["一、稳增长", "1.甲。（县财政局、县"]), Some((1, 1)));
        // A note alone on its line takes its item with it.
        assert_eq!(
            kept(&["一、稳增长", "1.甲。", "（牵头单位：省商"]),
            Some((1, 2))
        );
        // A closed note, a bracket left open before a sentence's end, whole
        // label lines.
        for lines in [
            &["1.甲。（牵头单位：省商务厅）"][..],
            &["1.甲（详见附件。"][..],
            &["1.甲。", "责任单位:县财政局、县税务局等"][..],
            &["1.甲。", "完成时限:2024年底"][..],
            &["1.甲。", "责任单位：各县（市、区）"][..],
            &["1.甲。", "责任单位：县农业农村局、乡镇"][..],
            &["1.甲。", "填报单位："][..],
            &["联系人：张三，联系电话：12345678（"][..],
            &["1.甲（一是加快，二是"][..],
        ] {
            assert_eq!(kept(lines), None, "{lines:?}");
        }
    }

    #[test]
    fn a_pasted_table_whose_last_row_is_cut_in_its_units_loses_that_row() {
        let table = |last: &str| {
            Document {
            blocks: vec![crate::read::text::read_text(&format!(
                "序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 甲 | 区发改局 | 区财政局、区商务局\n2 | 乙 | 区发改局 | {last}"
            ))
            .blocks
            .remove(0)],
        }
        };
        let Cut {
            doc: d,
            diagnostics: diags,
            ..
        } = cut_tail(&table("区财政局、区商务局、区")).expect("cut");
        match &d.blocks[0] {
            Block::Table(t) => assert_eq!(t.rows.len(), 2),
            Block::Paragraph(_) => panic!("a table"),
        }
        assert_eq!(diags.len(), 4);
        for whole in [
            "区财政局、区商务局",
            "区财政局",
            "县农业农村局、乡镇",
            "市公安局、武警",
            "市委宣传部、媒体",
            "市委",
            "乡镇",
            "县财政局、属地",
        ] {
            assert!(cut_tail(&table(whole)).is_none(), "{whole}");
        }
        // One name alone, cut after its region's char, in a units column
        // (elsewhere a word: `县级`).
        assert!(cut_tail(&table("市发")).is_some());
        let level = crate::read::text::read_text(
            "序号 | 指标 | 牵头单位 | 级别\n1 | 甲 | 区发改局 | 县级\n2 | 乙 | 区发改局 | 县级",
        );
        assert!(cut_tail(&level).is_none());
    }

    #[test]
    fn a_pasted_row_short_of_its_columns_ending_after_a_clause_is_cut() {
        let text = |last: &str| {
            crate::read::text::read_text(&format!(
                "序号 | 工作任务 | 责任单位 | 完成时限
1 | 甲。 | 区发改局 | 2024年底前
{last}"
            ))
        };
        let cut = cut_tail(&text("2 | 开展专项整治，")).expect("cut");
        assert_eq!(cut.diagnostics.len(), 2);
        // A row that leaves merged cells out, its text whole, stays.
        assert!(cut_tail(&text("2 | 开展专项整治。")).is_none());
        assert!(cut_tail(&text("2 | 开展专项整治")).is_none());
    }
}
