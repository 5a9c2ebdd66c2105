//! Header cells wrapped over two lines in a table pasted one cell per line
//! (`责任` / `领导` for `责任领导`, `第二季度` / `完成情况`): a web page's
//! header cell with a line break inside comes out as two lines.
//!
//! The first row says how many columns there are (its lines from one
//! running number to the next); where the header has more lines than that,
//! and at most twice as many, the lines are joined into as many cells, two
//! lines at most each, each join making a header word: a word's head that
//! is no header word on its own and its tail (`责任` / `领导`), or two lines
//! of one field (`攻坚目标` / `任务`). It only regroups the header's lines; reading the
//! rows is [`super::vertical`]'s.

use crate::grammar::lexicon::header_field;
use crate::grammar::units::looks_like_units;

/// Scores of one header cell made of one line or of two (see the module
/// page): the best grouping has the highest sum.
const KNOWN_LINE: i32 = 1;
const HEAD_JOINED: i32 = 3;
const WORD_JOINED: i32 = 2;
const NARROW_HEAD_BONUS: i32 = 1;
/// Longest head of a header word wrapped in a narrow column, in chars.
const NARROW_HEAD_CHARS: usize = 2;

/// How `lines` (the header's lines) group into `width` cells: each cell's
/// number of lines (1 or 2), or `None` where they cannot (more than twice
/// as many lines as cells, or fewer, or lines that join into no header
/// word).
pub(super) fn group_lines(lines: &[&str], width: usize) -> Option<Vec<usize>> {
    let n = lines.len();
    if width == 0 || n < width || n > 2 * width {
        return None;
    }
    let known = |t: &str| header_field(t).is_some();
    let single = |i: usize| if known(lines[i]) { KNOWN_LINE } else { 0 };
    // Two lines join only into a header word: a word's head and its tail
    // (`责任` / `领导`), or two lines of one field (`攻坚目标` / `任务`).
    // (A wrapped cell's second line holds what its first could not: no
    // more; unless the break was the writer's, after a unit's name that
    // qualifies a header word: `市政府` / `分管领导`. A name heads no column.)
    let pair = |i: usize| {
        let (a, b) = (lines[i], lines[i + 1]);
        let qualifier = !known(a) && known(b) && looks_like_units(a);
        if b.chars().count() > a.chars().count() && !qualifier {
            return None;
        }
        let joined = format!("{a}{b}");
        match (known(a), known(&joined)) {
            (_, false) => None,
            // (A narrow column wraps after two chars: of heads, the
            // shortest are likeliest, `责任` rather than `民生实事`.)
            (false, true) if a.chars().count() <= NARROW_HEAD_CHARS => {
                Some(HEAD_JOINED + NARROW_HEAD_BONUS)
            }
            (false, true) => Some(HEAD_JOINED),
            // (Two words of one field as long as each other are two
            // cells, `工作重点` / `工作任务`: a wrap leaves the second line
            // shorter.)
            (true, true) => {
                (same_field(a, b) && b.chars().count() < a.chars().count()).then_some(WORD_JOINED)
            }
        }
    };
    // best[i][c]: the best score of lines[i..] in c cells, and the first
    // cell's size.
    let mut best: Vec<Vec<Option<(i32, usize)>>> = vec![vec![None; width + 1]; n + 1];
    best[n][0] = Some((0, 0));
    for i in (0..n).rev() {
        for c in 1..=width {
            let one = best[i + 1][c - 1].map(|(s, _)| (s + single(i), 1));
            let two = (i + 1 < n)
                .then(|| Some((best[i + 2][c - 1]?.0 + pair(i)?, 2)))
                .flatten();
            best[i][c] = match (one, two) {
                (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
                (a, b) => a.or(b),
            };
        }
    }
    let mut sizes = Vec::with_capacity(width);
    let (mut i, mut c) = (0, width);
    while c > 0 {
        let (_, size) = best[i][c]?;
        sizes.push(size);
        i += size;
        c -= 1;
    }
    Some(sizes)
}

fn same_field(a: &str, b: &str) -> bool {
    matches!((header_field(a), header_field(b)), (Some((fa, _)), Some((fb, _))) if fa == fb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_header_words_join() {
        let lines = [
            "序号",
            "重点工作",
            "责任",
            "领导",
            "责任",
            "科室",
            "攻坚目标",
            "任务",
            "工作任务安排",
            "第二季度",
            "完成情况",
        ];
        assert_eq!(group_lines(&lines, 7), Some(vec![1, 1, 2, 2, 2, 1, 2]));
    }

    #[test]
    fn a_head_that_is_no_word_joins_a_longer_word() {
        // The writer broke the cell after its qualifier: `市政府` / `分管领导`.
        let lines = [
            "序号",
            "重点工作",
            "市政府",
            "分管领导",
            "牵头单位",
            "配合单位",
        ];
        assert_eq!(group_lines(&lines, 5), Some(vec![1, 1, 2, 1, 1]));
        // A word of its own, known or not, stays a cell before a longer one.
        let lines = ["序号", "措施", "分管领导", "牵头单位"];
        assert_eq!(group_lines(&lines, 3), None);
        let lines = ["序号", "具体", "举措", "节点", "牵头部门"];
        assert_eq!(group_lines(&lines, 4), Some(vec![1, 2, 1, 1]));
    }

    #[test]
    fn a_short_head_joins_before_a_word_of_its_own() {
        // `民生实事` heads a column of its own; `完成` / `时限` is one cell.
        let lines = [
            "序号",
            "重点",
            "任务",
            "民生实事",
            "责任领导",
            "责任",
            "单位",
            "完成",
            "时限",
        ];
        assert_eq!(group_lines(&lines, 6), Some(vec![1, 2, 1, 1, 2, 2]));
    }

    #[test]
    fn lines_that_make_no_header_word_do_not_join() {
        // A row that left its 备注 out is one line short, not a wrap.
        let lines = ["序号", "具体措施", "备注", "责任单位", "完成时限"];
        assert_eq!(group_lines(&lines, 4), None);
    }

    #[test]
    fn two_words_of_one_field_as_long_as_each_other_stay_apart() {
        // A 备注 no row fills makes the header a cell wider than the rows.
        let lines = [
            "序号",
            "工作重点",
            "工作任务",
            "工作措施",
            "责任",
            "部门",
            "完成",
            "时间",
            "备注",
        ];
        assert_eq!(group_lines(&lines, 6), None);
        assert_eq!(group_lines(&lines, 7), Some(vec![1, 1, 1, 1, 2, 2, 1]));
    }

    #[test]
    fn as_many_lines_as_cells_stay_apart() {
        let lines = ["序号", "工作任务", "责任单位", "完成时限"];
        assert_eq!(group_lines(&lines, 4), Some(vec![1, 1, 1, 1]));
        assert_eq!(group_lines(&lines, 1), None);
        assert_eq!(group_lines(&lines, 5), None);
    }
}
