//! Hostile and broken inputs: each fixture in `fixtures/hostile/` (see its
//! README) ends in the expected typed error or in a bounded result, through
//! the library (`crates/gongwen-cli/tests/cli.rs` checks the same files
//! through the command line).

use std::path::Path;

use gongwen_tests::{fixture, generated};

/// Each hostile file and the error kind it must give (`None`: it parses).
pub const CASES: &[(&str, Option<&str>)] = &[
    ("hostile/truncated.docx", Some("corrupt")),
    ("hostile/truncated.xlsx", Some("corrupt")),
    ("hostile/not-a-docx.docx", Some("corrupt")),
    ("hostile/missing-document.docx", Some("corrupt")),
    ("hostile/zip-bomb.docx", Some("limit_exceeded")),
    ("hostile/encrypted.docx", Some("encrypted")),
    ("hostile/encrypted.xlsx", Some("encrypted")),
    ("hostile/huge-dimension.xlsx", None),
    ("hostile/whole-sheet-merge.xlsx", None),
    ("hostile/overlapping-merges.xlsx", None),
    ("hostile/nul-bytes.txt", Some("binary")),
    ("hostile/invalid-utf8.txt", None),
    ("seed/renderings/seed.doc", Some("unsupported_format")),
];

#[test]
fn hostile_files_give_typed_errors_or_bounded_results() {
    for (file, want) in CASES {
        let got = gongwen::parse_path(&fixture(file));
        match (got, want) {
            (Ok(_), None) => {}
            (Err(e), Some(kind)) => {
                assert_eq!(e.kind(), *kind, "{file}: {e}");
                assert!(
                    e.to_string()
                        .contains(file.rsplit('/').next().unwrap_or(file)),
                    "{file}: the message must name the file: {e}"
                );
            }
            (Ok(n), Some(kind)) => panic!(
                "{file}: parsed ({} measures), expected a {kind} error",
                n.measure_count()
            ),
            (Err(e), None) => panic!("{file}: expected a result, got {e}"),
        }
    }
}

/// Stray bytes in UTF-8 text are replaced and reported, not a failure.
#[test]
fn invalid_utf8_bytes_are_a_diagnostic() {
    let n = gongwen::parse_path(&fixture("hostile/invalid-utf8.txt")).expect("parses");
    assert_eq!(n.source.encoding.as_deref(), Some("UTF-8"));
    let d = n
        .diagnostics
        .iter()
        .find(|d| d.code == gongwen::model::DiagnosticCode::InvalidText)
        .expect("an invalid_text diagnostic");
    assert!(d.message.contains("byte 332"), "{}", d.message);
}

/// The seed.doc error says what to do.
#[test]
fn legacy_doc_error_says_to_save_as_docx() {
    let e =
        gongwen::parse_path(&fixture("seed/renderings/seed.doc")).expect_err("seed.doc must fail");
    assert!(e.to_string().contains(".docx"), "{e}");
}

/// Entity declarations are never expanded: either the part is refused or
/// the seed is read without the billion laughs.
#[test]
fn entity_expansion_is_not_expanded() {
    match gongwen::parse_path(&fixture("hostile/entity-expansion.docx")) {
        Err(e) => assert_eq!(e.kind(), "corrupt", "{e}"),
        Ok(n) => {
            let json = serde_json::to_string(&n).unwrap_or_default();
            assert!(json.len() < 2_000_000, "expanded: {} bytes", json.len());
            assert!(!json.contains("lollollol"), "entities were expanded");
        }
    }
}

/// Tables nested 50 deep: a limit error or a result, no stack overflow.
#[test]
fn deeply_nested_tables_are_bounded() {
    match gongwen::parse_path(&fixture("hostile/nested-tables.docx")) {
        Err(e) => assert_eq!(e.kind(), "limit_exceeded", "{e}"),
        Ok(n) => assert_eq!(n.source.format, gongwen::model::Format::Docx),
    }
}

/// A 10 MiB single line is read (linear time: the test would time out
/// otherwise) and nothing of it is lost.
#[test]
fn ten_megabyte_line_is_read() {
    let text = generated::long_line();
    let n = gongwen::parse_bytes(text.as_bytes(), Path::new("long-line.txt")).expect("parses");
    // The line is one labelled paragraph: a heading holding all its text.
    let json = serde_json::to_string(&n).expect("serializes");
    assert!(
        json.len() >= text.len(),
        "text lost: {} of {}",
        json.len(),
        text.len()
    );
    assert_eq!(n.outline.len(), 1);
    assert_eq!(n.outline[0].text.len() + "(1)".len(), text.len());
}

/// A task table of 100,000 measures is read whole, in order, with no
/// diagnostic (`crates/gongwen-cli/tests/limits.rs` times it).
#[test]
fn hundred_thousand_measures_are_read() {
    let text = generated::many_measures();
    let n = gongwen::parse_bytes(text.as_bytes(), Path::new("many-measures.txt")).expect("parses");
    assert_eq!(n.measure_count(), generated::MANY_MEASURES);
    assert_eq!(n.outline.len(), 100);
    assert!(
        n.diagnostics.is_empty(),
        "{} diagnostics, first {:?}",
        n.diagnostics.len(),
        n.diagnostics.first()
    );
    let last_task = &n.outline[99].children[9];
    assert_eq!(last_task.text, "落实第100部分第10项任务。");
    let last = &last_task.measures[99];
    assert_eq!(last.text, "开展第100000项具体工作。");
    let due = last.deadline.as_ref().and_then(|d| d.due);
    assert_eq!(due.map(|d| d.to_string()).as_deref(), Some("2024-06-30"));
    assert_eq!(last.units_raw.as_deref(), Some("法规处"));
}
