//! Golden tests: each fixture notice reproduces its hand-checked gold file.

use gongwen_tests::assert_matches_gold;

#[test]
fn seed_traditional_text_matches_gold() {
    assert_matches_gold("seed/seed-hant.txt", "seed/seed.gold.json");
}

#[test]
fn seed_simplified_text_matches_gold() {
    assert_matches_gold("seed/seed-hans.txt", "seed/seed.gold.json");
}

#[test]
fn seed_with_bom_and_crlf_matches_gold() {
    assert_matches_gold("seed/renderings/seed-hant-crlf.txt", "seed/seed.gold.json");
}

#[test]
fn seed_with_full_width_punctuation_matches_gold() {
    assert_matches_gold(
        "seed/renderings/seed-hans-fullwidth.txt",
        "seed/seed.gold.json",
    );
}

#[test]
fn seed_as_spreadsheet_clipboard_matches_gold() {
    assert_matches_gold(
        "seed/renderings/seed-hant-clipboard.tsv",
        "seed/seed.gold.json",
    );
}

#[test]
fn seed_as_markdown_table_matches_gold() {
    assert_matches_gold("seed/renderings/seed-hant.md", "seed/seed.gold.json");
}
