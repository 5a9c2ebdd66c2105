//! Unit tests of the spreadsheet reader's grid building: used ranges, spans,
//! merge clamping and overlaps, A1 references, the bit grid, and the XLS
//! pre-scan's record arithmetic. Whole files are tested in
//! `tests/sheet.rs`.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use super::*;

/// A raw sheet from `(row, col, text)` cells and `(top, left, bottom, right)` merges.
fn raw(name: &str, cells: &[(u32, u32, &str)], merges: &[(u32, u32, u32, u32)]) -> RawSheet {
    RawSheet {
        name: name.to_owned(),
        cells: cells
            .iter()
            .map(|&(row, col, text)| RawCell {
                row,
                col,
                text: text.to_owned(),
            })
            .collect(),
        merges: merges
            .iter()
            .map(|&(top, left, bottom, right)| Region {
                top,
                left,
                bottom,
                right,
            })
            .collect(),
    }
}

/// [`build_table`] with the default limits.
fn build(sheet: RawSheet) -> Result<Option<Table>> {
    let limits = Limits::default();
    let mut budget = Budget::new(Path::new("t"), &limits);
    build_table(sheet, 0, &mut budget)
}

/// `(row, col, text, row_span, col_span, A1)` of every cell.
fn cells(t: &Table) -> Vec<(usize, u32, &str, u32, u32, String)> {
    t.rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.cells.iter().map(move |c| {
                let Position::SheetCell { cell, .. } = &c.pos else {
                    panic!("not a sheet cell")
                };
                (
                    r,
                    c.col,
                    c.text.as_str(),
                    c.row_span,
                    c.col_span,
                    cell.clone(),
                )
            })
        })
        .collect()
}

/// A1 references, bijective base 26.
#[test]
fn a1_references() {
    assert_eq!(a1_ref(0, 0), "A1");
    assert_eq!(a1_ref(11, 1), "B12");
    assert_eq!(a1_ref(0, 25), "Z1");
    assert_eq!(a1_ref(0, 26), "AA1");
    assert_eq!(a1_ref(0, 701), "ZZ1");
    assert_eq!(a1_ref(0, 702), "AAA1");
    assert_eq!(a1_ref(1_048_575, 16_383), "XFD1048576");
    assert_eq!(a1_ref(u32::MAX, u32::MAX), "MWLQKWV4294967296");
}

/// No non-empty cell, no table, whatever the merges.
#[test]
fn empty_sheet_gives_nothing() {
    assert_eq!(build(raw("s", &[], &[(0, 0, 5, 5)])).unwrap(), None);
    assert_eq!(build(raw("s", &[(3, 3, "")], &[])).unwrap(), None);
}

/// The used range, empty rows, duplicate cells (the last wins).
#[test]
fn used_range_rows_and_duplicates() {
    let t = build(raw(
        "s",
        &[(4, 2, "后"), (2, 3, "先"), (2, 3, "覆盖"), (6, 2, "")],
        &[],
    ))
    .unwrap()
    .unwrap();
    // The empty-text cell at row 7 does not extend the used range C3:D5.
    assert_eq!(t.rows.len(), 3);
    assert_eq!(
        cells(&t),
        [
            (0, 1, "覆盖", 1, 1, "D3".to_owned()),
            (2, 0, "后", 1, 1, "C5".to_owned())
        ]
    );
    assert!(t.rows[1].cells.is_empty());
    assert_eq!(
        t.rows[1].pos,
        Position::SheetCell {
            sheet: "s".to_owned(),
            cell: "C4".to_owned()
        }
    );
}

/// Merges: clamped, overlapping, one-cell and outside ones.
#[test]
fn merges_clamp_overlap_and_cover() {
    let t = build(raw(
        "s",
        &[
            (0, 0, "A1"),
            (1, 1, "B2 covered"),
            (3, 3, "D4"),
            (0, 3, "D1"),
            (2, 3, "D3"),
        ],
        &[
            (0, 0, 2, 2),               // A1:C3
            (1, 1, 3, 3),               // B2:D4 overlaps: ignored
            (0, 3, 0, 3),               // one cell: nothing to do
            (2, 3, 9, 9),               // D3:J10 clamped to D3:D4, kept
            (u32::MAX, 0, u32::MAX, 5), // outside the used range
        ],
    ))
    .unwrap()
    .unwrap();
    assert_eq!(
        cells(&t),
        [
            (0, 0, "A1", 3, 3, "A1".to_owned()),
            (0, 3, "D1", 1, 1, "D1".to_owned()),
            (2, 3, "D3", 2, 1, "D3".to_owned()),
        ]
    );
}

/// A merge whose top-left cell is outside the used range is empty.
#[test]
fn clamped_merge_keeps_its_own_empty_value() {
    // A1:C3 with A1 empty: Excel shows A1's (empty) value over the region
    // and hides B2 and C3; the used range is B2:C3.
    let t = build(raw(
        "s",
        &[(1, 1, "藏"), (2, 2, "也藏"), (3, 1, "外")],
        &[(0, 0, 2, 2)],
    ))
    .unwrap()
    .unwrap();
    assert_eq!(
        cells(&t),
        [
            (0, 0, "", 2, 2, "B2".to_owned()),
            (2, 0, "外", 1, 1, "B4".to_owned())
        ]
    );
}

/// A merge over the whole sheet costs the used range only.
#[test]
fn merge_over_everything_costs_the_used_range_only() {
    let t = build(raw(
        "s",
        &[(0, 0, "x"), (1_000, 10, "y")],
        &[(0, 0, 1_048_575, 16_383)],
    ))
    .unwrap()
    .unwrap();
    assert_eq!(t.rows.len(), 1_001);
    assert_eq!(cells(&t), [(0, 0, "x", 1_001, 11, "A1".to_owned())]);
}

/// The used range's area is checked before rows are built.
#[test]
fn area_over_the_limit_is_refused_before_rows_are_built() {
    let limits = Limits {
        max_cells: 99,
        ..Limits::default()
    };
    let mut budget = Budget::new(Path::new("t"), &limits);
    let err = build_table(raw("大", &[(0, 0, "x"), (9, 9, "y")], &[]), 0, &mut budget).unwrap_err();
    match err {
        Error::Limit { what, limit, .. } => {
            assert_eq!(limit, 99);
            assert!(what.contains("A1:J10"), "{what}");
            assert!(what.contains("大"), "{what}");
        }
        other => panic!("{other:?}"),
    }
}

/// Thousands of overlapping merges take bounded work.
#[test]
fn pathological_overlaps_are_bounded() {
    // One small region in the bottom-right corner, then thousands of
    // regions over the whole range that overlap it only there.
    let mut merges = vec![(98, 98, 99, 99)];
    merges.extend(std::iter::repeat_n((0, 0, 99, 98), 5));
    merges.extend(std::iter::repeat_n((0, 1, 99, 99), 10_000));
    let result = build(raw("s", &[(0, 0, "x"), (99, 99, "y")], &merges));
    // Either sorted out (the cheap corner check catches most) or refused;
    // never a long loop.
    match result {
        Ok(Some(t)) => assert_eq!(t.rows.len(), 100),
        Err(Error::Limit { .. }) => {}
        other => panic!("{other:?}"),
    }
}

/// Bit ranges across word boundaries.
#[test]
fn bit_grid_ranges() {
    let mut b = BitGrid::new(200);
    assert!(!b.any(0, 200));
    b.set_range(60, 130);
    assert!(b.get(60) && b.get(64) && b.get(129));
    assert!(!b.get(59) && !b.get(130));
    assert!(b.any(0, 61));
    assert!(!b.any(0, 60));
    assert!(!b.any(130, 200));
    assert!(b.any(129, 130));
    b.set_range(0, 200);
    assert!(b.any(199, 200));
    assert!(!b.get(200), "out of range reads as clear");
}

/// The capacity calamine reserves for a DIMENSIONS record.
#[test]
fn xls_dimensions_reserve_as_calamine_computes_it() {
    let rec = |r0: u32, r1: u32, c0: u16, c1: u16| {
        let mut d = Vec::new();
        d.extend_from_slice(&r0.to_le_bytes());
        d.extend_from_slice(&r1.to_le_bytes());
        d.extend_from_slice(&c0.to_le_bytes());
        d.extend_from_slice(&c1.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d
    };
    // Rows 2..5 (exclusive end) × columns 1..4.
    assert_eq!(xls::tests_api::dimensions_reserve(&rec(2, 5, 1, 4)), 9);
    assert_eq!(xls::tests_api::dimensions_reserve(&rec(0, 0, 0, 0)), 1);
    // End before start: calamine's 32-bit arithmetic wraps to billions.
    assert!(xls::tests_api::dimensions_reserve(&rec(10, 3, 0, 1)) > 1_000_000_000);
    assert_eq!(xls::tests_api::dimensions_reserve(&[0; 7]), 0);
}

/// Shared string lengths across CONTINUE records.
#[test]
fn xls_sst_lengths_follow_continue_records() {
    // Two strings; the second's characters continue in a CONTINUE record
    // that switches to 16-bit characters.
    let mut data = vec![0u8; 8];
    data.extend_from_slice(&3u16.to_le_bytes());
    data.push(0);
    data.extend_from_slice(b"abc");
    data.extend_from_slice(&4u16.to_le_bytes());
    data.push(0);
    data.extend_from_slice(b"de");
    let mut cont = vec![1u8];
    cont.extend_from_slice(&[0x2D, 0x4E, 0x87, 0x65]);
    // A rich string with one formatting run split over the next record.
    cont.extend_from_slice(&1u16.to_le_bytes());
    cont.push(0x8);
    cont.extend_from_slice(&1u16.to_le_bytes());
    cont.push(b'z');
    cont.extend_from_slice(&[0, 0]);
    let cont2 = vec![0u8, 0];
    assert_eq!(
        xls::tests_api::sst_lengths(&data, &[&cont, &cont2]),
        [3, 4, 1]
    );
}
