//! Front matter: recognizes the GB/T 9704 elements among a notice's
//! paragraphs — title, document number, addressees, issuer, date of writing
//! and annotation.
//!
//! Each recognizer looks at one paragraph (and its neighbours, for the
//! issuer); none of them reads tables or builds the outline. Paragraphs that
//! are none of these are left to the caller.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::grammar::numeral::parse_number;
use crate::grammar::units::looks_like_units;
use crate::normalize::fold;

/// What a front-matter paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaLine {
    /// The document number (发文字号), e.g. `赣市监法〔2024〕3号`.
    DocNumber(String),
    /// The addressees (主送机关), split.
    Addressees(Vec<String>),
    /// The date of writing (成文日期).
    Date(NaiveDate),
    /// The annotation (附注), without its brackets.
    Annotation(String),
    /// Copies to (抄送), split.
    Cc(Vec<String>),
}

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,20}\s*[〔\[(【]\s*[0-9]{4}\s*[〕\])】]\s*[0-9]{1,5}\s*号$")
        .expect("valid regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9〇零○一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月\s*([0-9一二三四五六七八九十]{1,3})\s*日$")
        .expect("valid regex")
});

/// Recognizes a paragraph that is wholly a document number, a date of
/// writing, an annotation or an addressee line.
pub fn classify(text: &str) -> Option<MetaLine> {
    let trimmed = text.trim();
    let folded = fold(trimmed);
    if DOC_NUMBER.is_match(&folded) {
        return Some(MetaLine::DocNumber(trimmed.to_owned()));
    }
    if let Some(date) = parse_date_line(&folded) {
        return Some(MetaLine::Date(date));
    }
    if let Some(list) = copies_to(trimmed, &folded) {
        return Some(MetaLine::Cc(list));
    }
    if let Some(note) = annotation(trimmed, &folded) {
        return Some(MetaLine::Annotation(note));
    }
    if let Some(list) = addressees(trimmed, &folded) {
        return Some(MetaLine::Addressees(list));
    }
    None
}

/// Parses a line that is only a date such as `2024年3月7日` or `二〇二四年三月七日`.
pub fn parse_date_line(folded: &str) -> Option<NaiveDate> {
    let caps = DATE_LINE.captures(folded.trim())?;
    let y = parse_number(&caps[1])?;
    let m = parse_number(&caps[2])?;
    let d = parse_number(&caps[3])?;
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// `(此件公开发布)` → `此件公开发布`: a short line wholly in brackets that
/// says how the document is published or who to contact.
fn annotation(text: &str, folded: &str) -> Option<String> {
    let inner_folded = folded.strip_prefix('(')?.strip_suffix(')')?;
    let n = text.chars().count();
    if n > 60 || inner_folded.contains(['(', ')']) && !balanced(inner_folded) {
        return None;
    }
    let is_note = [
        "此件",
        "公开",
        "发布",
        "联系人",
        "联系电话",
        "删减",
        "依申请",
    ]
    .iter()
    .any(|w| inner_folded.contains(w));
    if !is_note {
        return None;
    }
    Some(text.chars().skip(1).take(n.saturating_sub(2)).collect())
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// `抄送:A,B,C。`: the organisations a notice is copied to.
fn copies_to(text: &str, folded: &str) -> Option<Vec<String>> {
    let rest = folded.strip_prefix("抄送")?.trim_start();
    let rest = rest.strip_prefix(':')?;
    let skip = text.chars().count() - rest.chars().count();
    let list: String = text.chars().skip(skip).collect();
    let list = list.trim().trim_end_matches(['。', '.']);
    Some(split_outside_brackets(list, &[',', '，', '、', ';', '；']))
}

/// An addressee line: organisation names followed by a colon, nothing after.
fn addressees(text: &str, folded: &str) -> Option<Vec<String>> {
    let body_folded = folded.strip_suffix(':')?;
    let n = body_folded.chars().count();
    if n == 0 || n > 200 || body_folded.contains(['。', ':']) {
        return None;
    }
    let body: String = text.chars().take(n).collect();
    let groups = split_outside_brackets(&body, &[',', '，', ';', '；']);
    let mut out = Vec::new();
    for group in groups {
        let pieces = split_outside_brackets(&group, &['、']);
        // Keep a 、-joined group whole when its first pieces are bare regions
        // sharing one head noun (各省、自治区、直辖市人民政府).
        let shared_head = pieces.len() > 1
            && pieces[..pieces.len() - 1].iter().all(|p| bare_region(p))
            && !pieces.last().is_some_and(|p| bare_region(p));
        if shared_head {
            out.push(group);
        } else if pieces.iter().all(|p| looks_like_units(p)) {
            out.extend(pieces);
        } else if looks_like_units(&group) || pieces.last().is_some_and(|p| looks_like_units(p)) {
            out.push(group);
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Splits on any of `seps` outside brackets; pieces are trimmed, empty ones dropped.
pub fn split_outside_brackets(s: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in s.chars() {
        match fold_char(c) {
            '(' | '[' | '〔' | '《' | '〈' | '“' | '【' => depth += 1,
            ')' | ']' | '〕' | '》' | '〉' | '”' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            push_trimmed(&mut out, &cur);
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    push_trimmed(&mut out, &cur);
    out
}

/// Whether a piece of an addressee group is a bare region word (`各省`,
/// `自治区`, `县级市`) that shares the group's last head noun.
fn bare_region(piece: &str) -> bool {
    crate::grammar::units::bare_region_name(piece)
}

fn fold_char(c: char) -> char {
    crate::normalize::fold_width(c)
}

fn push_trimmed(out: &mut Vec<String>, s: &str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t.to_owned());
    }
}

/// Whether a paragraph can be the issuer's signature: a short organisation
/// name with no punctuation.
pub fn looks_like_issuer(text: &str) -> bool {
    let folded = fold(text.trim());
    let n = folded.chars().count();
    (2..=40).contains(&n)
        && !folded.contains(['。', ',', ':', ';', '、'])
        && looks_like_units(text.trim())
}

/// Whether a paragraph can be a title: no sentence end, not too long, and
/// worded like a title (关于…的通知, …方案, …任务分工 …).
pub fn looks_like_title(text: &str) -> bool {
    let folded = fold(text.trim());
    let n = folded.chars().count();
    (4..=120).contains(&n)
        && !folded.ends_with(['。', ':', ',', ';'])
        && [
            "关于", "通知", "意见", "方案", "分工", "办法", "规划", "计划", "措施", "决定", "要点",
            "清单", "细则", "规定", "通告", "公告", "预案", "纲要", "指引", "指南", "分解",
        ]
        .iter()
        .any(|w| folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_front_matter_lines() {
        assert_eq!(
            classify("国发〔2018〕39号"),
            Some(MetaLine::DocNumber("国发〔2018〕39号".into()))
        );
        assert_eq!(
            classify("菏政办字 〔2023〕1号"),
            Some(MetaLine::DocNumber("菏政办字 〔2023〕1号".into()))
        );
        assert_eq!(
            classify("2024年3月7日"),
            NaiveDate::from_ymd_opt(2024, 3, 7).map(MetaLine::Date)
        );
        assert_eq!(
            classify("二〇二四年三月七日"),
            NaiveDate::from_ymd_opt(2024, 3, 7).map(MetaLine::Date)
        );
        assert_eq!(classify("2024年2月30日"), None);
        assert_eq!(
            classify("(此件公開發布)"),
            Some(MetaLine::Annotation("此件公開發布".into()))
        );
        assert_eq!(
            classify("（此件公开发布）"),
            Some(MetaLine::Annotation("此件公开发布".into()))
        );
        assert_eq!(classify("(2023-2025年)"), None);
        assert_eq!(
            classify("抄送：省委办公厅，省人大常委会办公厅、省政协办公厅。"),
            Some(MetaLine::Cc(vec![
                "省委办公厅".into(),
                "省人大常委会办公厅".into(),
                "省政协办公厅".into()
            ]))
        );
        assert_eq!(classify("一、总体要求"), None);
        assert_eq!(classify(""), None);
    }

    #[test]
    fn addressee_lines() {
        assert_eq!(
            classify("省局機關各處(室、局)、省市場監管質量安全檢查中心:"),
            Some(MetaLine::Addressees(vec![
                "省局機關各處(室、局)".into(),
                "省市場監管質量安全檢查中心".into()
            ]))
        );
        assert_eq!(
            classify("各省、自治区、直辖市人民政府，国务院各部委、各直属机构："),
            Some(MetaLine::Addressees(vec![
                "各省、自治区、直辖市人民政府".into(),
                "国务院各部委".into(),
                "各直属机构".into()
            ]))
        );
        assert_eq!(classify("为此，提出以下意见："), None);
        assert_eq!(classify("具体要求如下:"), None);
    }

    #[test]
    fn splits_date_only_when_whole_line() {
        assert_eq!(classify("2024年3月7日前完成"), None);
    }

    #[test]
    fn split_outside_brackets_keeps_bracket_groups() {
        assert_eq!(
            split_outside_brackets("省局机关各处(室、局)、省中心", &['、']),
            vec!["省局机关各处(室、局)".to_owned(), "省中心".to_owned()]
        );
        assert_eq!(
            split_outside_brackets("a(b、c", &['、']),
            vec!["a(b、c".to_owned()]
        );
    }

    #[test]
    fn titles() {
        assert!(looks_like_title(
            "江西省市场监管局贯彻落实《江西省提升行政执法质量三年行动计划实施方案(2023-2025年)》任务分工"
        ));
        assert!(!looks_like_title("现印发给你们,请遵照执行。"));
    }
}
