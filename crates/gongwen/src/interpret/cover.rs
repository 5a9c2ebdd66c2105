//! Cover notice and plan: where the plan a notice sends starts.
//!
//! A notice that sends a plan (`关于印发《XX实施方案》的通知`) has a cover with its
//! own numbered instructions to the recipients (`一、高度重视…`, `二、…`), then
//! the plan, which starts at an attachment line (`附件`, `附件1`, `附件：XX`) or
//! at the plan's title line, often the 《…》 title of the cover repeated, or
//! any title line right after the cover's closing issuer and date. The
//! cover's instructions are not measures or headings of the plan; the
//! interpreter moves them into the notice's body when the plan starts.
//!
//! This module only recognises the lines; it does not move anything.

use crate::grammar::label::parse_label;
use crate::model::{Heading, Measure};
use crate::normalize::fold;

use super::meta::looks_like_title;

/// What a paragraph says about the start of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanStart {
    /// An attachment line (`附件`, `附件2：`, `附件：XX方案`); the title it
    /// names, if any.
    Attachment(Option<String>),
    /// The plan's title line.
    Title(String),
}

/// Longest attachment line, in chars.
const MAX_ATTACHMENT_LINE: usize = 60;

/// Whether `text` starts the plan: an attachment line, or a title line that
/// repeats the 《…》 title named by the cover's `cover_title` or follows an
/// attachment line (`after_attachment`).
pub fn plan_start(
    text: &str,
    cover_title: Option<&str>,
    after_attachment: bool,
) -> Option<PlanStart> {
    let trimmed = text.trim();
    if trimmed.chars().count() > MAX_ATTACHMENT_LINE * 2 {
        return None;
    }
    let folded = fold(trimmed);
    if let Some(rest) = folded.strip_prefix("附件") {
        if trimmed.chars().count() > MAX_ATTACHMENT_LINE {
            return None;
        }
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let rest = rest.trim_start_matches(':').trim();
        if rest.is_empty() {
            return Some(PlanStart::Attachment(None));
        }
        // `附件：1.XX方案` lists attachments; their names are no plan start
        // unless they read as a title.
        let skip = trimmed.chars().count() - rest.chars().count();
        let name: String = trimmed.chars().skip(skip).collect();
        let name = name.trim();
        if parse_label(name).is_none() && looks_like_title(name) {
            return Some(PlanStart::Attachment(Some(name.to_owned())));
        }
        return None;
    }
    if parse_label(trimmed).is_some() || folded.contains(['。', ';', ':']) {
        return None;
    }
    // Compared without white space: titles are often spaced or wrapped
    // (`《…任务分解 和责任分工方案》`).
    let named = cover_title.and_then(inner_title).map(|n| title_key(&n));
    let line = title_key(trimmed);
    let repeats = named.is_some_and(|n| !n.is_empty() && line.ends_with(&n));
    ((repeats || after_attachment) && looks_like_title(trimmed))
        .then(|| PlanStart::Title(trimmed.to_owned()))
}

/// How many of the cover's first body paragraphs are searched for 《…》
/// names.
const BODY_NAMES_SEARCHED: usize = 20;

/// A title line naming a plan the cover's body names in 《…》 (`现将《X》印发给
/// 你们`, `《X》和《Y》已经市政府同意`): the start of that plan.
pub fn plan_named_in_body(text: &str, body: &[String]) -> Option<PlanStart> {
    let trimmed = text.trim();
    if trimmed.chars().count() > MAX_ATTACHMENT_LINE * 2 || parse_label(trimmed).is_some() {
        return None;
    }
    let folded = fold(trimmed);
    if folded.contains(['。', ';', ':']) || !looks_like_title(trimmed) {
        return None;
    }
    let line = title_key(trimmed);
    let named = body.iter().take(BODY_NAMES_SEARCHED).any(|p| {
        p.split('《')
            .skip(1)
            .filter_map(|rest| rest.split_once('》').map(|(name, _)| title_key(name)))
            .any(|name| name.chars().count() >= 4 && line.ends_with(&name))
    });
    named.then(|| PlanStart::Title(trimmed.to_owned()))
}

/// A title as compared: folded, without white space and without the
/// quotation marks a title may nest or drop (`《2021年市〈政府工作报告〉任务分解》`
/// names the plan printed `2021年市《政府工作报告》任务分解`).
fn title_key(title: &str) -> String {
    fold(title)
        .chars()
        .filter(|c| !c.is_whitespace() && !"《》〈〉“”‘’\"'".contains(*c))
        .collect()
}

/// The title of the plan a cover's title names: inside its first 《…》 where
/// that stands right after `印发` (or there is no `印发`), or else between
/// `印发` and `的通知` (`关于印发“无废城市”建设试点工作方案的通知`,
/// `关于印发2016年《政府工作报告》量化指标任务分工的通知`).
fn inner_title(title: &str) -> Option<String> {
    // (A 《…》 inside the plan's name, `印发2016年《政府工作报告》量化指标任务分工的通知`,
    // is part of it: the name runs from 印发.)
    let quoted_after_verb = title
        .find("印发")
        .map(|v| &title[v + "印发".len()..])
        .is_none_or(|rest| rest.trim_start().starts_with('《'));
    let inner = match title.find('《').filter(|_| quoted_after_verb) {
        Some(open) => {
            let rest = &title[open + '《'.len_utf8()..];
            rest[..rest.find('》')?].trim()
        }
        None => {
            let start = title.find("印发")? + "印发".len();
            let rest = &title[start..];
            let end = ["的通知", "的函", "的意见"]
                .iter()
                .filter_map(|w| rest.rfind(w))
                .max()?;
            rest[..end].trim()
        }
    };
    (inner.chars().count() >= 4).then(|| inner.to_owned())
}

/// Whether the outline read so far is a cover's instructions: headings
/// only, no measure anywhere.
pub fn is_cover(headings: &[Heading], loose: &[Measure]) -> bool {
    fn no_measures(h: &Heading) -> bool {
        h.measures.is_empty() && h.children.iter().all(no_measures)
    }
    !headings.is_empty() && loose.is_empty() && headings.iter().all(no_measures)
}

/// The cover's headings as body paragraphs: each heading's label and text,
/// then its body, then its sub-headings, in document order.
pub fn cover_paragraphs(headings: &[Heading], out: &mut Vec<String>) {
    for h in headings {
        out.push(format!("{}{}", h.label, h.text));
        out.extend(h.body.iter().map(|p| p.text.clone()));
        cover_paragraphs(&h.children, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_lines() {
        assert_eq!(
            plan_start("附件", None, false),
            Some(PlanStart::Attachment(None))
        );
        assert_eq!(
            plan_start("附件2：", None, false),
            Some(PlanStart::Attachment(None))
        );
        assert_eq!(
            plan_start("附件：南昌市优化营商环境工作方案", None, false),
            Some(PlanStart::Attachment(Some(
                "南昌市优化营商环境工作方案".to_owned()
            )))
        );
        assert_eq!(plan_start("附件：1.任务清单", None, false), None);
        let body = [
            "《2023年重点工作责任分解》和《2023年民生实事》已经市政府同意，现印发给你们。"
                .to_owned(),
        ];
        assert_eq!(
            plan_named_in_body("2023年重点工作责任分解", &body),
            Some(PlanStart::Title("2023年重点工作责任分解".into()))
        );
        assert_eq!(plan_named_in_body("2023年工作要点", &body), None);
        assert_eq!(plan_named_in_body("一、2023年民生实事", &body), None);
        assert_eq!(plan_start("附件材料要按时报送。", None, false), None);
    }

    #[test]
    fn title_lines() {
        let cover = Some("关于印发《2024年全省市场监管法治建设工作要点》的通知");
        assert_eq!(
            plan_start("2024年全省市场监管法治建设工作要点", cover, false),
            Some(PlanStart::Title(
                "2024年全省市场监管法治建设工作要点".to_owned()
            ))
        );
        assert_eq!(plan_start("一、总体要求", cover, true), None);
        assert_eq!(
            plan_start("2024年全省市场监管法治建设工作要点", None, false),
            None
        );
        // A 《…》 inside the plan's name is part of it.
        let cover = Some("国务院办公厅关于印发2016年《政府工作报告》量化指标任务分工的通知");
        assert_eq!(
            plan_start("2016年《政府工作报告》量化指标任务分工", cover, false),
            Some(PlanStart::Title(
                "2016年《政府工作报告》量化指标任务分工".to_owned()
            ))
        );
        assert_eq!(plan_start("政府工作报告", cover, false), None);
        assert_eq!(
            plan_start("重点任务分工方案", None, true),
            Some(PlanStart::Title("重点任务分工方案".to_owned()))
        );
    }
}
