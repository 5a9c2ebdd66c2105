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
