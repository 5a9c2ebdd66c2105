//! Golden tests: each fixture notice reproduces its hand-checked gold file.

use gongwen_tests::{assert_matches_gold, assert_notice_matches_gold, fixture};

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

/// The comparison itself must catch a wrong answer: change one unit name,
/// one due date and drop one measure, and each shows up as a difference.
#[test]
fn comparison_catches_wrong_answers() {
    use gongwen_tests::{compare_to_gold, fixture, read_gold};
    let notice = gongwen::parse_path(&fixture("seed/seed-hans.txt")).expect("seed parses");
    let mut ours = serde_json::to_value(&notice).expect("serializes");
    let gold = read_gold("seed/seed.gold.json");
    assert!(compare_to_gold(&ours, &gold).is_empty());

    let first = "/outline/0/children/0/measures/0";
    *ours
        .pointer_mut(&format!("{first}/units/0/name"))
        .expect("unit") = "别的单位".into();
    *ours
        .pointer_mut("/outline/0/children/2/measures/0/deadline/due")
        .expect("due") = "2024-06-29".into();
    ours.pointer_mut("/outline/6/children/2/measures")
        .and_then(|m| m.as_array_mut())
        .expect("measures")
        .pop();
    let diffs = compare_to_gold(&ours, &gold);
    assert_eq!(diffs.len(), 3, "{diffs:#?}");
    assert!(diffs[0].contains("units[0].name"), "{diffs:#?}");
}

/// `--format docx` output read back by the DOCX reader gives the seed's
/// gold answer again, and the same notice as the text it was made from.
#[test]
fn seed_round_trips_through_the_docx_writer() {
    use gongwen_tests::{compare_to_gold, fixture, read_gold};
    let original = gongwen::parse_path(&fixture("seed/seed-hant.txt")).expect("seed parses");
    let bytes = gongwen::write::docx::notice_to_docx(&original).expect("writes");
    let back = gongwen::parse_bytes(&bytes, std::path::Path::new("round-trip.docx"))
        .expect("written DOCX parses");
    let ours = serde_json::to_value(&back).expect("serializes");
    let diffs = compare_to_gold(&ours, &read_gold("seed/seed.gold.json"));
    assert!(diffs.is_empty(), "{diffs:#?}");

    let mut want = serde_json::to_value(&original).expect("serializes");
    let mut got = ours;
    for v in [&mut want, &mut got] {
        strip(v, &["position", "source", "diagnostics", "units_raw"]);
    }
    let diffs = compare_to_gold(&got, &want);
    assert!(diffs.is_empty(), "{diffs:#?}");
}

/// Removes `keys` from every object in `v`.
fn strip(v: &mut serde_json::Value, keys: &[&str]) {
    match v {
        serde_json::Value::Object(map) => {
            for k in keys {
                map.remove(*k);
            }
            for child in map.values_mut() {
                strip(child, keys);
            }
        }
        serde_json::Value::Array(items) => {
            for child in items {
                strip(child, keys);
            }
        }
        _ => {}
    }
}

/// Every other rendering of the seed — the original DOCX and XLSX and what
/// LibreOffice made of them (DOCX, XLSX, ODS, XLS, HTML) — gives the gold.
#[test]
fn seed_in_every_office_format_matches_gold() {
    for input in [
        "seed/seed.docx",
        "seed/seed.xlsx",
        "seed/renderings/seed-lo.docx",
        "seed/renderings/seed-lo.xlsx",
        "seed/renderings/seed.ods",
        "seed/renderings/seed.xls",
        "seed/renderings/seed-xlsx.html",
        "seed/renderings/seed-docx.html",
        "seed/renderings/seed-docx-xhtml.html",
    ] {
        assert_matches_gold(input, "seed/seed.gold.json");
    }
}

/// A real State Council opinion: five sections, fifteen measures each
/// ending in a responsibility note, and the 列第一位者为牵头单位 rule.
#[test]
fn real_jiuye_text_matches_gold() {
    assert_matches_gold(
        "real/govcn_guofa_2018_39_jiuye.txt",
        "real/govcn_guofa_2018_39_jiuye.gold.json",
    );
}

/// The same notice as the gov.cn HTML content.
#[test]
fn real_jiuye_html_matches_gold() {
    assert_matches_gold(
        "real/govcn_guofa_2018_39_jiuye.html",
        "real/govcn_guofa_2018_39_jiuye.gold.json",
    );
}

/// A real General Office notice: thirty top-level measures, each ending in
/// （X负责） or （X会同Y负责）, and no headings.
#[test]
fn real_jili_text_matches_gold() {
    assert_matches_gold(
        "real/govcn_guobanfa_2018_117_jili.txt",
        "real/govcn_guobanfa_2018_117_jili.gold.json",
    );
}

/// The same notice as the gov.cn HTML content.
#[test]
fn real_jili_html_matches_gold() {
    assert_matches_gold(
        "real/govcn_guobanfa_2018_117_jili.html",
        "real/govcn_guobanfa_2018_117_jili.gold.json",
    );
}

/// Both real notices with their line breaks lost between the front matter
/// and the signature
/// (text copied from a page that ran the paragraphs together) still give
/// their gold: headings and items are found mid-line.
#[test]
fn real_notices_run_together_match_gold() {
    for name in ["govcn_guofa_2018_39_jiuye", "govcn_guobanfa_2018_117_jili"] {
        let input = format!("real/{name}.txt");
        let text = std::fs::read_to_string(fixture(&input)).expect("fixture reads");
        let lines: Vec<&str> = text.lines().collect();
        // Title, number and addressees stay on their lines, and so do the
        // signature, date and annotation; the body between runs together.
        let (head, rest) = lines.split_at(4);
        let (body, tail) = rest.split_at(rest.len() - 3);
        let run_on = format!(
            "{}\n{}\n{}\n",
            head.join("\n"),
            body.concat(),
            tail.join("\n")
        );
        assert_eq!(run_on.lines().count(), 8, "{name}");
        let notice = gongwen::parse_str(&run_on);
        assert_notice_matches_gold(
            &format!("{input} run together"),
            &notice,
            &format!("real/{name}.gold.json"),
        );
    }
}

/// Hand-written notices of the wider family (see `fixtures/family/README.md`),
/// each with a hand-written gold file.
#[test]
fn family_cover_and_plan_matches_gold() {
    assert_matches_gold(
        "family/cover-and-plan.txt",
        "family/cover-and-plan.gold.json",
    );
}

/// Responsibility-note wordings, the first-listed-leads convention with
/// `其他为配合单位`, and unit lists with 等和, 及, nested brackets and regions.
#[test]
fn family_note_variants_match_gold() {
    assert_matches_gold(
        "family/notes-variants.txt",
        "family/notes-variants.gold.json",
    );
}

/// Two task tables under prose headings (序号, 牵头单位/配合单位, 时间节点 and
/// 责任单位/完成时间 layouts) and a prose measure after a table.
#[test]
fn family_tables_match_gold() {
    assert_matches_gold("family/tables.txt", "family/tables.gold.json");
}

/// Tables as pasted text: a tab-separated table broken by section lines
/// (`一、…` between its rows), tasks without numbers, a 改革举措 | 主要内容
/// table with 指导部门 and 推广范围 columns, a table pasted one cell per line,
/// and `附件1` over the title.
#[test]
fn family_pasted_tables_match_gold() {
    assert_matches_gold("family/tables-pasted.txt", "family/tables-pasted.gold.json");
}

/// A notice copied from a web page: the site's metadata line under the
/// title, the plan named in 《》 by the cover's body, and its table pasted one
/// cell per line with section rows and a row short of its deadline cell.
#[test]
fn family_page_pasted_matches_gold() {
    assert_matches_gold("family/page-pasted.txt", "family/page-pasted.gold.json");
}

/// A real cover notice in traditional script (盘政办发〔2021〕1号, its cover as
/// published, two plan items written for the test): numbered `1.` instructions
/// and a contact line stay in the cover's body; the plan starts at its title,
/// printed `2021年市《政府工作报告》…` where the cover named it `《…〈政府工作报告〉…》`.
#[test]
fn family_traditional_cover_matches_gold() {
    assert_matches_gold("family/cover-hant.txt", "family/cover-hant.gold.json");
}

/// Label lines with other role and deadline words (责任主体, 参与部门, 负责单位,
/// 时间节点, 进度安排) and deadlines that name what is due (`…底前出台`) or
/// are phased (`分阶段推进`).
#[test]
fn family_label_words_match_gold() {
    assert_matches_gold("family/label-words.txt", "family/label-words.gold.json");
}

/// A table without running numbers pasted one cell per line: read while each
/// row's cells fit their columns; the closing sentence, issuer and date that
/// follow are front matter, not a row.
#[test]
fn family_table_lines_match_gold() {
    assert_matches_gold("family/table-lines.txt", "family/table-lines.gold.json");
}

/// Responsibilities stated inline: a deadline inside a unit line, two labels
/// on one line, `…。责任单位：X。完成时限：Y。` after the item, a note with a
/// 完成时限 clause, and `X牵头，Y落实，<deadline>`.
#[test]
fn family_inline_labels_match_gold() {
    assert_matches_gold("family/labels-inline.txt", "family/labels-inline.gold.json");
}

/// A table with a two-row header: `责任单位` spanning `牵头单位 | 配合单位`.
#[test]
fn family_two_row_header_matches_gold() {
    assert_matches_gold(
        "family/two-row-header.html",
        "family/two-row-header.gold.json",
    );
}

/// A notice in the standard layout (banner, number, title, addressees) with
/// a plan title wrapped over two lines, `1.` items numbered on from one
/// section into the （一） groups of the next, a `4.121…` item, short office
/// and district names, and deadlines printed after the note.
#[test]
fn family_prose_layout_matches_gold() {
    assert_matches_gold("family/prose-layout.txt", "family/prose-layout.gold.json");
}

/// A real State Council opinion taken after gongwen was built: items 1.–21.
/// under （一）…（五）, `排在第一位的部门为牵头部门，下同`.
#[test]
fn real_zongbao_text_matches_gold() {
    assert_matches_gold(
        "real/govcn_guofa_2019_3_zongbao.txt",
        "real/govcn_guofa_2019_3_zongbao.gold.json",
    );
}

/// A real cover notice and plan taken after gongwen was built: headings
/// whose first item runs on after the heading sentence, unnumbered items,
/// 指导 roles and `以下均需试点城市政府落实，不再列出`.
#[test]
fn real_wufei_text_matches_gold() {
    assert_matches_gold(
        "real/govcn_guobanfa_2018_128_wufei.txt",
        "real/govcn_guobanfa_2018_128_wufei.gold.json",
    );
}

/// More note wordings: 按职责分工负责, 督促指导, unit names alone after a
/// sentence, deadline clauses of every kind (one the grammar does not know,
/// reported), 等配合, and `各设区市党委、政府` sharing its region.
#[test]
fn family_more_note_wordings_match_gold() {
    assert_matches_gold("family/notes-more.txt", "family/notes-more.gold.json");
}

/// Both real notices as the stored gov.cn pages: the site's catalogue table
/// (索引号, 标题, 发文字号 …) gives front matter, not text left unplaced.
#[test]
fn real_pages_match_gold_without_diagnostics() {
    for name in ["govcn_guofa_2018_39_jiuye", "govcn_guobanfa_2018_117_jili"] {
        let input = format!("real/{name}.page.html");
        assert_matches_gold(&input, &format!("real/{name}.gold.json"));
        let n = gongwen::parse_path(&fixture(&input)).expect("page parses");
        assert_eq!(n.diagnostics, [], "{input}");
        let labels: Vec<String> = n
            .meta
            .catalog
            .iter()
            .map(|e| e.label.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        assert!(
            labels.contains(&"索引号：".to_owned()),
            "{input}: {labels:?}"
        );
    }
}

/// Items followed by label lines with ASCII colons: the first-listed-leads
/// convention stated in brackets inside a unit line, 分别牵头, and a leader.
#[test]
fn family_label_lines_match_gold() {
    assert_matches_gold("family/label-lines.txt", "family/label-lines.gold.json");
}
