//! The no-loss checker: every content character of an input ends up in the
//! parsed notice or in a diagnostic's leftover text.
//!
//! # What is compared
//!
//! Characters are compared in the parser's folded view
//! ([`gongwen::normalize::fold_char`]: traditional script to simplified,
//! full-width ASCII to ASCII), one folded char per input char. A
//! **content character** is a folded char that is alphanumeric
//! ([`char::is_alphanumeric`]: letters of every script, CJK ideographs
//! included, digits, circled and other numerals such as `①` and `〇`).
//! White space, punctuation and symbols are **structural** and never counted:
//! cell separators (`|`, `｜`, tabs), brackets around labels and notes,
//! colons after role words, list separators (`、`, `，`, `；`), full stops
//! cut off after a responsibility note, Markdown delimiter rows, quotes of
//! tab-separated cells. Losing a word always loses content characters, so
//! this is what "nothing lost" checks.
//!
//! The check runs in two steps, each a comparison of multisets (how many
//! times each content character occurs):
//!
//! 1. **Reader** ([`reader_losses`], text inputs only): the content
//!    characters of the input text and those of the [`Document`]'s
//!    paragraphs and cells must be *equal* (a reader only drops structure;
//!    the letters of HTML line-break tags `<br>`, which the reader turns into
//!    line breaks in Markdown cells, are counted on neither side).
//! 2. **Interpreter** ([`interpreter_losses`]): each content character's
//!    count in the document, less the exempt characters below, must be at
//!    most its count in the notice's *primary* text fields plus the
//!    diagnostics' texts. Equality is not required: the model holds some text
//!    twice by design (a deadline or unit cell inherited by the measures
//!    under a merge, a note's deadline clause both in `units_raw` and in
//!    `deadline.raw`, a paragraph kept whole after a `text_not_placed`
//!    diagnostic names its unreadable note).
//!
//! The primary text fields are: `meta.title`, `doc_number`, `addressees`,
//! `issuer`, `annotation`, `cc`, `body`, `plan_title`, `default_units.raw`
//! and each `catalog` entry's `label` and `value`; each heading's `label`,
//! `text` and `body`; each measure's `label`, `text`, `units_raw`, `note`,
//! `leader` and `deadline.raw`; each diagnostic's `text`. Derived fields are left out on purpose (a
//! heading's `title` is a prefix of its `text`; unit names, scopes and a
//! deadline's `event` are cut from `units_raw` and `deadline.raw`), so
//! text held only in a derived field counts as lost.
//!
//! # Exempt content
//!
//! Whole words the interpreter consumes as structure (kept as meaning, not
//! as text), found from the document's paragraphs as the interpreter reads
//! them (tables pasted one row per line, cells between spaces, rebuilt by
//! [`gongwen::interpret::spaced`], tables written as records (field-name
//! lines, each followed by its value) by [`gongwen::interpret::records`],
//! whose field names after the first record's are exempt, and one cell
//! per line by
//! [`gongwen::interpret::vertical`], rows above a table's header lifted
//! to paragraphs, run-on items split apart by
//! [`gongwen::interpret::runon`]):
//!
//! - the header row of every table the interpreter reads as a task table
//!   (the row [`find_header`] picks: `重点任务 | 完成时限 | 责任单位`, and a
//!   second header row under it: `牵头单位 | 配合单位`), and a row printing
//!   the header's words again (a table broken over pages);
//! - a task or section cell printed again, on a row with a measure cell,
//!   under the same text in the row above (repeated rather than merged);
//! - in a task table with a sequence number column (`序号`), the data cells
//!   that are a running number ([`is_running_number`]: digits of any width,
//!   maybe followed by `.` or `、`; the interpreter drops them in that column
//!   and reports any other text there);
//! - the role word before the colon of each label of a label line
//!   (`牵头单位：`, `完成时限：`, `牵头负责领导：` …; see [`label_line_parts`]);
//! - the date of writing, which the model keeps as a date: the first
//!   paragraph that is only a date, when it is `meta.date` (a task table's
//!   rows above its header count as paragraphs here, as the interpreter
//!   reads them so);
//! - the word `抄送` of each copies-to line (`抄送：A，B。`);
//! - one copy of a title the leading lines print twice in a row (the model
//!   keeps `meta.title` once), perhaps after a page's own lines.
//!
//! [`invented`] checks the other direction loosely: every content character
//! of the primary fields occurs somewhere in the document.

use std::collections::BTreeMap;

use gongwen::document::{Block, Document};
use gongwen::interpret::cell_text::is_running_number;
use gongwen::interpret::columns::ColumnRole;
use gongwen::interpret::meta::{classify, MetaLine};
use gongwen::interpret::prose::label_line_parts;
use gongwen::interpret::table::{header_of, keeps_tables_adjacent, next_adjacent_table};
use gongwen::model::{Heading, Measure, Notice};
use gongwen::normalize::fold_char;

/// Counts of content characters.
pub type Counts = BTreeMap<char, usize>;

/// A content character found fewer times in the output than in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The folded character.
    pub ch: char,
    /// How many times the input holds it (less exempt occurrences).
    pub input: usize,
    /// How many times the output holds it.
    pub output: usize,
}

/// The folded form of `c` when it is a content character.
pub fn content(c: char) -> Option<char> {
    let f = fold_char(c);
    f.is_alphanumeric().then_some(f)
}

/// Adds the content characters of `s` to `counts`.
pub fn count_into(counts: &mut Counts, s: &str) {
    for f in s.chars().filter_map(content) {
        *counts.entry(f).or_default() += 1;
    }
}

/// The content characters of `s`.
pub fn counts_of(s: &str) -> Counts {
    let mut c = Counts::new();
    count_into(&mut c, s);
    c
}

/// Every text of a document's paragraphs and cells, in reading order.
pub fn document_texts(doc: &Document) -> Vec<&str> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => out.push(p.text.as_str()),
            Block::Table(t) => {
                for row in &t.rows {
                    out.extend(row.cells.iter().map(|c| c.text.as_str()));
                }
            }
            _ => {}
        }
    }
    out
}

/// The notice's primary text fields (see the module documentation), in
/// model order.
pub fn primary_texts(notice: &Notice) -> Vec<&str> {
    fn measure<'a>(m: &'a Measure, out: &mut Vec<&'a str>) {
        out.extend(m.label.as_deref());
        out.push(&m.text);
        out.extend(m.units_raw.as_deref());
        out.extend(m.note.as_deref());
        out.extend(m.leader.as_deref());
        out.extend(m.deadline.as_ref().map(|d| d.raw.as_str()));
    }
    fn heading<'a>(h: &'a Heading, out: &mut Vec<&'a str>) {
        out.push(&h.label);
        out.push(&h.text);
        out.extend(h.body.iter().map(|p| p.text.as_str()));
        for m in &h.measures {
            measure(m, out);
        }
        for c in &h.children {
            heading(c, out);
        }
    }
    let meta = &notice.meta;
    let mut out: Vec<&str> = Vec::new();
    out.extend(meta.title.as_deref());
    out.extend(meta.doc_number.as_deref());
    out.extend(meta.addressees.iter().map(String::as_str));
    out.extend(meta.issuer.as_deref());
    out.extend(meta.annotation.as_deref());
    out.extend(meta.cc.iter().map(String::as_str));
    out.extend(meta.body.iter().map(String::as_str));
    out.extend(meta.plan_title.as_deref());
    out.extend(meta.default_units.as_ref().map(|d| d.raw.as_str()));
    for entry in &meta.catalog {
        out.push(&entry.label);
        out.push(&entry.value);
    }
    for h in &notice.outline {
        heading(h, &mut out);
    }
    for m in &notice.measures {
        measure(m, &mut out);
    }
    out.extend(notice.diagnostics.iter().filter_map(|d| d.text.as_deref()));
    out
}

/// The exempt content of a document (see the module documentation) for the
/// notice parsed from it.
pub fn exempt_counts(doc: &Document, notice: &Notice) -> Counts {
    let mut exempt = Counts::new();
    // Paragraphs as the interpreter reads them: run-on items split apart
    // (the split keeps every char).
    let spaced = gongwen::interpret::spaced::fold_spaced_tables(doc);
    let doc = spaced.as_ref().unwrap_or(doc);
    let records = gongwen::interpret::records::fold_records(doc);
    if let Some(folded) = &records {
        // The field names of records after the first: the rebuilt table
        // names each field once, in its header.
        let after = counts_of(&document_texts(folded).concat());
        for (c, n) in counts_of(&document_texts(doc).concat()) {
            let dropped = n.saturating_sub(after.get(&c).copied().unwrap_or(0));
            if dropped > 0 {
                *exempt.entry(c).or_default() += dropped;
            }
        }
    }
    let doc = records.as_ref().unwrap_or(doc);
    let rebuilt = gongwen::interpret::vertical::fold_vertical_tables(doc);
    let doc = rebuilt.as_ref().unwrap_or(doc);
    let lifted = gongwen::interpret::lift_title_rows(doc);
    let doc = lifted.as_ref().unwrap_or(doc);
    let split = gongwen::interpret::runon::split_run_on(doc);
    let doc = split.as_ref().unwrap_or(doc);
    // Paragraphs in the interpreter's order: a task table's rows above its
    // header are read as paragraphs (a spreadsheet's title and date rows).
    let mut paragraphs: Vec<&str> = Vec::new();
    // The header of the last task table, for a table continuing it.
    let mut last_header = None;
    let mut adjacent = true;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Paragraph(p) = block {
            adjacent &= keeps_tables_adjacent(&p.text);
        }
        match block {
            Block::Table(t) => {
                let next = next_adjacent_table(&doc.blocks[i + 1..]);
                last_header = header_of(t, last_header.as_ref(), adjacent, next);
                adjacent = true;
                let Some(header) = last_header.as_ref() else {
                    continue;
                };
                for row in &t.rows[..header.row] {
                    paragraphs.extend(row.cells.iter().map(|c| c.text.as_str()));
                }
                // (A header read with the next table's rows may end past
                // this table's.)
                let end = header.data_start.min(t.rows.len());
                let header_rows = &t.rows[header.row.min(end)..end];
                for row in header_rows {
                    for cell in &row.cells {
                        count_into(&mut exempt, &cell.text);
                    }
                }
                // The header printed again (a table broken over pages).
                let header_words: Vec<&str> = header_rows
                    .iter()
                    .flat_map(|r| r.cells.iter().map(|c| c.text.trim()))
                    .filter(|w| !w.is_empty())
                    .collect();
                let words_of = |row: &gongwen::document::Row| -> Vec<String> {
                    row.cells
                        .iter()
                        .map(|c| c.text.trim().to_owned())
                        .filter(|w| !w.is_empty())
                        .collect()
                };
                let prints_header = |words: &[String]| {
                    words.len() >= 2 && words.iter().all(|w| header_words.contains(&w.as_str()))
                };
                for row in t.rows.iter().skip(header.data_start) {
                    let words = words_of(row);
                    if prints_header(&words) {
                        words.iter().for_each(|w| count_into(&mut exempt, w));
                    }
                }
                // A task or section cell printed again on a row of one of
                // its measures (repeated rather than merged).
                let grouping = [ColumnRole::Task, ColumnRole::Section]
                    .into_iter()
                    .filter_map(|r| header.column(r));
                for (group, measure) in
                    grouping.filter_map(|g| Some((g, header.column(ColumnRole::Measure)?)))
                {
                    let cell_at = |row: &gongwen::document::Row, col: usize| {
                        row.cells
                            .iter()
                            .find(|c| c.col as usize == col)
                            .map(|c| c.text.trim().to_owned())
                            .filter(|t| !t.is_empty())
                    };
                    // The cell above: the last such cell of a row that is
                    // not the header printed again (rows between without one
                    // are its own, merged).
                    let mut above: Option<String> = None;
                    for row in t.rows.get(header.data_start..).unwrap_or(&[]) {
                        let words = words_of(row);
                        if words.is_empty() || prints_header(&words) {
                            continue;
                        }
                        let here = cell_at(row, group);
                        if here.is_some() && here == above && cell_at(row, measure).is_some() {
                            count_into(&mut exempt, here.as_deref().unwrap_or_default());
                        }
                        if here.is_some() {
                            above = here;
                        }
                    }
                }
                if header.column(ColumnRole::Seq).is_none() {
                    continue;
                }
                for row in t.rows.iter().skip(header.data_start) {
                    for cell in row.cells.iter().filter(|c| is_running_number(&c.text)) {
                        count_into(&mut exempt, &cell.text);
                    }
                }
            }
            Block::Paragraph(p) => paragraphs.push(&p.text),
            _ => {}
        }
    }
    if let Some(title) = printed_twice(&paragraphs, notice) {
        count_into(&mut exempt, title);
    }
    let mut date_seen = false;
    for text in paragraphs {
        let text = text.trim();
        if let Some(parts) = label_line_parts(text) {
            for (word, _) in parts {
                count_into(&mut exempt, &word);
            }
            continue;
        }
        match classify(text) {
            Some(MetaLine::Date(d)) if !date_seen => {
                date_seen = true;
                if notice.meta.date == Some(d) {
                    count_into(&mut exempt, text);
                }
            }
            Some(MetaLine::Cc(_)) => count_into(&mut exempt, "抄送"),
            _ => {}
        }
    }
    exempt
}

/// The title, when the leading paragraphs print it twice in a row (a page's
/// heading over the document's own title line, perhaps wrapped differently):
/// the model keeps it once.
fn printed_twice<'a>(paragraphs: &[&str], notice: &'a Notice) -> Option<&'a str> {
    let title = notice.meta.title.as_deref()?;
    let compact = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let twice = compact(title).repeat(2);
    // (From any of the first lines: a page's own lines may stand before.)
    for start in 0..paragraphs.len().min(10) {
        let mut joined = String::new();
        for text in paragraphs.iter().skip(start).take(10) {
            joined.push_str(&compact(text));
            if joined == twice {
                return Some(title);
            }
            if !twice.starts_with(&joined) {
                break;
            }
        }
    }
    None
}

/// `text` without HTML line-break tags (`<br>`, `<BR/>`, `<br />`), which
/// the text reader turns into line breaks in Markdown table cells.
pub fn without_break_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let tag = tail.find('>').filter(|&end| {
            let inner: String = tail[1..end]
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '/')
                .collect();
            inner.eq_ignore_ascii_case("br")
        });
        match tag {
            Some(end) => rest = &tail[end + 1..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The content characters the input text has more often than the document
/// the reader made of it, and those the document has more often (a reader
/// must neither drop nor invent content).
pub fn reader_losses(text: &str, doc: &Document) -> Vec<Loss> {
    let input = counts_of(&without_break_tags(text));
    let mut output = Counts::new();
    for t in document_texts(doc) {
        count_into(&mut output, &without_break_tags(t));
    }
    let mut losses = Vec::new();
    for (ch, n) in &input {
        let got = output.get(ch).copied().unwrap_or(0);
        if got != *n {
            losses.push(Loss {
                ch: *ch,
                input: *n,
                output: got,
            });
        }
    }
    for (ch, got) in &output {
        if !input.contains_key(ch) {
            losses.push(Loss {
                ch: *ch,
                input: 0,
                output: *got,
            });
        }
    }
    losses
}

/// The content characters the document holds (less exempt ones) more often
/// than the notice's primary fields and diagnostics.
pub fn interpreter_losses(doc: &Document, notice: &Notice) -> Vec<Loss> {
    let mut input = Counts::new();
    for t in document_texts(doc) {
        count_into(&mut input, t);
    }
    for (ch, n) in exempt_counts(doc, notice) {
        if let Some(k) = input.get_mut(&ch) {
            *k = k.saturating_sub(n);
        }
    }
    let mut output = Counts::new();
    for t in primary_texts(notice) {
        count_into(&mut output, t);
    }
    input
        .into_iter()
        .filter_map(|(ch, n)| {
            let got = output.get(&ch).copied().unwrap_or(0);
            (got < n).then_some(Loss {
                ch,
                input: n,
                output: got,
            })
        })
        .collect()
}

/// Content characters of the notice's primary fields that the document
/// never holds.
pub fn invented(doc: &Document, notice: &Notice) -> Vec<char> {
    let mut input = Counts::new();
    for t in document_texts(doc) {
        count_into(&mut input, t);
    }
    let mut output = Counts::new();
    for t in primary_texts(notice) {
        count_into(&mut output, t);
    }
    output
        .into_keys()
        .filter(|c| !input.contains_key(c))
        .collect()
}

/// A readable report of `losses`: each character with its counts and the
/// first texts of `doc` that hold it.
pub fn report(losses: &[Loss], doc: &Document) -> String {
    let texts = document_texts(doc);
    let mut out = String::new();
    for l in losses.iter().take(20) {
        out.push_str(&format!(
            "{:?}: input {}, output {}",
            l.ch, l.input, l.output
        ));
        let holders: Vec<&str> = texts
            .iter()
            .filter(|t| t.chars().filter_map(content).any(|c| c == l.ch))
            .take(3)
            .copied()
            .collect();
        out.push_str(&format!(" — in {holders:?}\n"));
    }
    if losses.len() > 20 {
        out.push_str(&format!("… and {} more\n", losses.len() - 20));
    }
    out
}

/// Parses `text` and checks both steps; `Err` describes what was lost.
pub fn check_text(text: &str) -> Result<Notice, String> {
    let notice = gongwen::parse_str(text);
    let doc = gongwen::read::text::read_text(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    let lost = reader_losses(text, &doc);
    if !lost.is_empty() {
        return Err(format!(
            "the text reader changed content:\n{}",
            report(&lost, &doc)
        ));
    }
    check_document(&doc, &notice)?;
    Ok(notice)
}

/// Checks the interpreter step for a document and the notice made of it.
pub fn check_document(doc: &Document, notice: &Notice) -> Result<(), String> {
    let lost = interpreter_losses(doc, notice);
    if !lost.is_empty() {
        return Err(format!("text lost:\n{}", report(&lost, doc)));
    }
    let made_up = invented(doc, notice);
    if !made_up.is_empty() {
        return Err(format!("text not in the input: {made_up:?}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_characters_are_folded_alphanumerics() {
        assert_eq!(content('處'), Some('处'));
        assert_eq!(content('１'), Some('1'));
        assert_eq!(content('①'), Some('①'));
        assert_eq!(content('（'), None);
        assert_eq!(content('|'), None);
        assert_eq!(content('、'), None);
        assert_eq!(content('\u{3000}'), None);
    }

    #[test]
    fn a_dropped_word_is_a_loss() {
        let doc = gongwen::read::text::read_text("一、总体要求\n（一）加强领导。（办公室负责）");
        let mut notice = gongwen::parse_str("一、总体要求\n（一）加强领导。（办公室负责）");
        assert_eq!(check_document(&doc, &notice), Ok(()));
        notice.outline[0].measures[0].text = "加强".to_owned();
        let lost = interpreter_losses(&doc, &notice);
        let chars: Vec<char> = lost.iter().map(|l| l.ch).collect();
        assert_eq!(chars, ['导', '领']);
        notice.outline[0].text.push('甲');
        assert_eq!(invented(&doc, &notice), ['甲']);
    }

    #[test]
    fn header_rows_and_role_words_are_exempt() {
        let text = "重点任务 | 完成时限 | 责任单位 |\n1.加强领导 | 2024年6月底前 | 法规处 |\n\
                    （一）完善制度。\n牵头单位：人事处\n完成时限：2024年底";
        let notice = check_text(text).expect("nothing lost");
        assert_eq!(notice.measure_count(), 2);
    }

    #[test]
    fn field_names_of_records_are_exempt() {
        let text = "具体任务\n加强组织领导。\n责任单位\n法规处\n完成时限\n2024年底前\n\
                    具体任务\n完善工作机制。\n责任单位\n人事处\n完成时限\n长期坚持";
        let notice = check_text(text).expect("nothing lost");
        assert_eq!(notice.measure_count(), 2);
        // The values are not exempt: a lost one is a loss.
        let doc = gongwen::read::text::read_text(text);
        let mut notice = gongwen::parse_str(text);
        notice.measures[1].units_raw = None;
        assert!(!interpreter_losses(&doc, &notice).is_empty());
    }

    #[test]
    fn a_title_printed_twice_is_kept_once() {
        let text = "江西省市场监管局任务分工\n江西省市场监管局\n任务分工\n2024年3月7日";
        let notice = check_text(text).expect("nothing lost");
        assert_eq!(
            notice.meta.title.as_deref(),
            Some("江西省市场监管局任务分工")
        );
        // Printed once, the second copy's words would be a loss if dropped.
        let doc = gongwen::read::text::read_text("江西省市场监管局任务分工\n2024年3月7日");
        let mut notice = gongwen::parse_str("江西省市场监管局任务分工\n2024年3月7日");
        notice.meta.title = Some("江西省".to_owned());
        assert!(!interpreter_losses(&doc, &notice).is_empty());
    }
}
