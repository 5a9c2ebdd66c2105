//! Large hostile inputs made at test time rather than committed (see
//! `fixtures/hostile/README.md`): the 10 MiB single line, the notice of
//! 100,000 measures and 120,000 lines of table header words. `scripts/make_hostile_fixtures.py --long-line PATH
//! --many-measures PATH` writes the same bytes.

/// The 90-byte unit [`long_line`] repeats: the seed's first measure.
pub const LONG_LINE_UNIT: &str = "(1)深入開展學習貫徹習近平新時代中國特色社會主義思想主題教育。";

/// How many times [`long_line`] repeats its unit (just under 10 MiB).
pub const LONG_LINE_REPEAT: usize = (10 << 20) / LONG_LINE_UNIT.len();

/// 10 MiB of notice text on one line, no line break (10,485,720 bytes).
pub fn long_line() -> String {
    LONG_LINE_UNIT.repeat(LONG_LINE_REPEAT)
}

/// Sections, tasks per section and measures per task of [`many_measures`].
pub const MANY: (u32, u32, u32) = (100, 10, 100);

/// The number of measures in [`many_measures`].
pub const MANY_MEASURES: usize = (MANY.0 * MANY.1 * MANY.2) as usize;

/// The byte length of [`many_measures`].
pub const MANY_MEASURES_BYTES: usize = 7_123_202;

/// 1–100 in Chinese numerals (一, 十二, 九十九, 一百).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 100 {
        return "一百".to_owned();
    }
    let (tens, ones) = (n / 10, n % 10);
    let mut s = match tens {
        0 => String::new(),
        1 => "十".to_owned(),
        t => format!("{}十", DIGITS[t as usize - 1]),
    };
    if ones > 0 {
        s.push_str(DIGITS[ones as usize - 1]);
    }
    s
}

/// A task table of 100,000 measures flattened to lines like the seed's:
/// 100 sections (`一、` … `一百、`), each of 10 tasks (`1.` … `10.`), each of
/// 100 measures (`(1)` … `(100)`), every measure with its own deadline and
/// unit; the first measure of a task follows its task cell.
pub fn many_measures() -> String {
    let mut out = String::with_capacity(MANY_MEASURES_BYTES);
    out.push_str("江西省市场监管局重点工作任务分工\n");
    out.push_str("工作任务 | 具体举措 | 完成时限 | 责任单位 |\n");
    let mut k = 0;
    for s in 1..=MANY.0 {
        out.push_str(&format!(
            "{}、第{s}部分重点工作 | |||\n",
            chinese_numeral(s)
        ));
        for t in 1..=MANY.1 {
            for m in 1..=MANY.2 {
                k += 1;
                if m == 1 {
                    out.push_str(&format!("{t}.落实第{s}部分第{t}项任务。 | "));
                }
                out.push_str(&format!(
                    "({m})开展第{k}项具体工作。 | 2024年6月底前 | 法规处 |\n"
                ));
            }
        }
    }
    out
}

/// How many times [`header_lines`] repeats its three header words.
pub const HEADER_LINES_REPEAT: usize = 40_000;

/// 120,000 lines that are each a task-table header word (`重点任务`, `责任单位`,
/// `完成时限`, over and over): every line could start a table pasted one cell
/// per line, none does. Once took quadratic time.
pub fn header_lines() -> String {
    "重点任务\n责任单位\n完成时限\n".repeat(HEADER_LINES_REPEAT)
}

/// How many lines [`spaced_header_lines`] has.
pub const SPACED_HEADER_LINES: usize = 100_000;

/// 100,000 lines that are each a whole task-table header with cells between
/// spaces (`序号 工作任务 责任单位`): every line could start a table pasted one
/// row per line, none does. Once took quadratic time.
pub fn spaced_header_lines() -> String {
    "序号 工作任务 责任单位\n".repeat(SPACED_HEADER_LINES)
}

/// How many run-in labels [`run_in_labels`] has.
pub const RUN_IN_LABELS: usize = 40_000;

/// An item and one label line of 40,000 colons (`牵头单位：市局:市局:…`):
/// every colon could end a label run into the value before it, none does.
/// Once took quadratic time.
pub fn run_in_labels() -> String {
    format!(
        "（一）建立机制。\n牵头单位：{}\n",
        "市局:".repeat(RUN_IN_LABELS)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_script() {
        assert_eq!(long_line().len(), 10_485_720);
        let text = many_measures();
        assert_eq!(text.len(), MANY_MEASURES_BYTES);
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(40), "四十");
        assert_eq!(chinese_numeral(99), "九十九");
        assert!(text.ends_with("(100)开展第100000项具体工作。 | 2024年6月底前 | 法规处 |\n"));
    }
}
