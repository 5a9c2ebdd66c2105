//! Notice-wide conventions: rules a notice states once that change how
//! every later responsibility note reads.
//!
//! - *First listed leads*: `列第一位者为牵头单位，下同`, `排在第一位的部门为牵头部门`,
//!   `第一个单位为牵头单位，其他为配合单位` — the first unit of each note leads
//!   (and, with the second clause, the others support).
//! - *Responsible units lead*: `无牵头单位的，责任单位即为牵头单位`.
//! - *Default units*: `以下均需各设区市落实，不再列出` — units that answer for every
//!   measure without being printed in each note; kept once as
//!   [`crate::model::DefaultUnits`], not copied into every measure.
//!
//! The conventions are found in folded text (see [`crate::normalize::fold`]):
//! in a note's last clause (which is then cut from the note's units) or in
//! any paragraph. This module only recognises the sentences; the prose
//! reader keeps the state they set.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::fold;

/// The first-listed-leads sentence, without anchors (folded text).
const FIRST_LEADS_CORE: &str = r"(?:(?:列|排)(?:在)?|排名|位列|名列)?(?:第一(?:位|个|名)?|首位)(?:的)?(?:者|单位|部门)?\s*(?:为|是|系)\s*牵头(?:或汇总)?(?:单位|部门)?(?:\s*[,;]?\s*其(?:他|余|它)(?:的)?(?:者|单位|部门)?\s*(?:为|是|系)\s*(?P<support>配合|协同|参与|协办)(?:单位|部门)?)?";

/// The first-listed-leads sentence closing a note: `，列第一位者为牵头单位，下同`.
static FIRST_LEADS_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[。,;]?\s*{FIRST_LEADS_CORE}\s*(?:[,(]?\s*下同\s*\)?)?\s*[。]?\s*$"
    ))
    .expect("valid regex")
});

/// The first-listed-leads sentence anywhere in a paragraph.
static FIRST_LEADS_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(FIRST_LEADS_CORE).expect("valid regex"));

/// The rule `无牵头单位的，责任单位即为牵头单位` (folded text).
static RESPONSIBLE_LEADS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:无|没有|未(?:明确|注明|列明|列)?)牵头(?:单位|部门)(?:的)?\s*,?\s*(?:其)?责任(?:单位|部门)(?:即|均|即均|就)?(?:为|是|视为|作为)牵头(?:单位|部门)",
    )
    .expect("valid regex")
});

/// `以下均需X落实，不再列出`: the units in group `units` (folded text).
static DEFAULT_UNITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:以下|下列|上述|本方案|各项)(?:各项|所有)?(?:任务|工作|措施|事项)?\s*,?\s*(?:均|都|皆)(?:需|需要|须|要|由)?(?P<units>[^,;。]{2,80}?)(?:负责)?(?:抓好|认真|贯彻|组织)?(?:落实|实施|执行|推进)\s*,?\s*(?:不再|不)(?:一一|逐一|单独|重复)?(?:列出|列举|列明|注明)",
    )
    .expect("valid regex")
});

/// `具体任务均涉及X，不再做分工，下同`: the same standing rule, said of
/// the tasks rather than of the units.
static DEFAULT_UNITS_INVOLVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:具体|以下|各项)?(?:任务|工作|措施|事项)\s*(?:均|都)(?:涉及|需|由)(?P<units>[^,;。]{2,80}?)\s*,?\s*不再(?:做|作|进行)?(?:分工|列出|一一列出)(?:\s*,?\s*下同)?",
    )
    .expect("valid regex")
});

/// A first-listed-leads sentence at the end of a note's folded content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstLeads {
    /// Where the sentence starts (a byte offset into the folded content).
    pub start: usize,
    /// Whether it also says the other units support (`其他为配合单位`).
    pub others_support: bool,
}

/// The first-listed-leads sentence that ends a note's folded content.
pub fn first_leads_tail(folded: &str) -> Option<FirstLeads> {
    let caps = FIRST_LEADS_TAIL.captures(folded)?;
    Some(FirstLeads {
        start: caps.get(0)?.start(),
        others_support: caps.name("support").is_some(),
    })
}

/// Whether a paragraph (folded) states that the first-listed unit leads;
/// `Some(true)` when it also says the others support.
pub fn states_first_leads(folded: &str) -> Option<bool> {
    if !folded.contains("牵头") {
        return None;
    }
    let caps = FIRST_LEADS_ANYWHERE.captures(folded)?;
    Some(caps.name("support").is_some())
}

/// Splits a bracket group that states the first-listed-leads convention off
/// the end of a unit list (`市发改委、市经信局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)`):
/// the units before it and, when found, whether the others support.
pub fn split_convention(raw: &str) -> (&str, Option<bool>) {
    let trimmed = raw.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return (raw, None);
    };
    if !matches!(last, ')' | '）') || !trimmed.contains("牵头") && !trimmed.contains("牽頭") {
        return (raw, None);
    }
    // The opening bracket of the final group, as a byte offset.
    let chars: Vec<char> = trimmed.chars().collect();
    let Some(open) = super::prose::matching_open(&chars, chars.len() - 1, 0) else {
        return (raw, None);
    };
    let open: usize = chars[..open].iter().map(|c| c.len_utf8()).sum();
    match states_first_leads(&fold(&trimmed[open..])) {
        Some(others) => (trimmed[..open].trim_end(), Some(others)),
        None => (raw, None),
    }
}

/// Whether a paragraph (folded) states that responsible units lead where a
/// measure names no lead unit.
pub fn states_responsible_leads(folded: &str) -> bool {
    folded.contains("牵头") && RESPONSIBLE_LEADS.is_match(folded)
}

/// A default-units sentence in folded text: the byte range of the whole
/// sentence and of its units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultUnitsSentence {
    /// The whole sentence (bytes of the folded text).
    pub sentence: std::ops::Range<usize>,
    /// The units it names (bytes of the folded text).
    pub units: std::ops::Range<usize>,
}

/// A paragraph's default-units sentence: its text folded and where the
/// sentence stands in it; `None` without one. (Every such sentence says
/// `不再…`: a paragraph without `不` is not folded.)
pub fn default_units_of(text: &str) -> Option<(String, DefaultUnitsSentence)> {
    if !text.contains('不') {
        return None;
    }
    let folded = fold(text);
    let found = find_default_units(&folded)?;
    Some((folded, found))
}

/// Finds `以下均需X落实，不再列出` in folded text.
pub fn find_default_units(folded: &str) -> Option<DefaultUnitsSentence> {
    if !folded.contains("不") {
        return None;
    }
    let caps = DEFAULT_UNITS
        .captures(folded)
        .or_else(|| DEFAULT_UNITS_INVOLVED.captures(folded))?;
    Some(DefaultUnitsSentence {
        sentence: caps.get(0)?.range(),
        units: caps.name("units")?.range(),
    })
}

/// Whether the folded paragraph `folded` holds nothing but the default-units
/// sentence `found` (and brackets or punctuation around it).
pub fn only_the_sentence(folded: &str, found: &DefaultUnitsSentence) -> bool {
    folded[..found.sentence.start]
        .chars()
        .chain(folded[found.sentence.end..].chars())
        .all(|c| c.is_whitespace() || matches!(c, '(' | ')' | '。' | ',' | ';' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    #[test]
    fn first_leads_forms() {
        for (text, support) in [
            ("财政部负责。列第一位者为牵头单位,下同", false),
            (
                "税务总局、财政部负责,排在第一位的部门为牵头部门,下同",
                false,
            ),
            ("省人社厅、省财政厅负责,列第一位者为牵头单位(下同)", false),
            ("甲、乙负责,排名第一的为牵头单位", false),
            ("甲、乙负责;第一个单位为牵头单位,其他单位为配合单位", true),
        ] {
            let f = first_leads_tail(&fold(text)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(f.others_support, support, "{text}");
            assert!(fold(text)[..f.start].ends_with("负责"), "{text}");
        }
        assert_eq!(first_leads_tail("甲、乙负责"), None);
        assert_eq!(first_leads_tail("第一批试点"), None);
    }

    #[test]
    fn conventions_in_a_paragraph() {
        let p = fold("各项任务中排在第一位的单位为牵头单位，其他为配合单位，各地要抓好落实。");
        assert_eq!(states_first_leads(&p), Some(true));
        assert_eq!(states_first_leads(&fold("第一位的是质量。")), None);
        let raw = "市发改委、市经信局(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)";
        assert_eq!(split_convention(raw), ("市发改委、市经信局", Some(false)));
        assert_eq!(
            split_convention("市交通委（市道运局）"),
            ("市交通委（市道运局）", None)
        );
        assert!(states_responsible_leads(&fold(
            "无牵头单位的，责任单位即为牵头单位。"
        )));
        assert!(!states_responsible_leads(&fold("责任单位要牵头抓总。")));
    }

    #[test]
    fn default_units_sentence() {
        let text = fold("（以下均需各设区市、赣江新区管委会落实，不再列出）");
        let d = find_default_units(&text).expect("found");
        assert_eq!(&text[d.units.clone()], "各设区市、赣江新区管委会");
        let text = fold("各项任务均需各地各有关部门贯彻落实，不再一一列出。");
        let d = find_default_units(&text).expect("found");
        assert_eq!(&text[d.units], "各地各有关部门");
        let text = fold("具体任务均涉及相关市（州）人民政府，不再做分工，下同。");
        let d = find_default_units(&text).expect("found");
        assert_eq!(&text[d.units], "相关市(州)人民政府");
        assert_eq!(find_default_units(&fold("以下均为示例，不再赘述")), None);
        assert_eq!(
            find_default_units(&fold("各项工作均涉及民生，不容懈怠")),
            None
        );
    }
}
