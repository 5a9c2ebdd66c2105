//! Front matter: which of a notice's leading paragraphs are its document
//! number, addressees, date of writing, annotation, copies-to line and
//! issuer ([`read_meta_lines`]), and which are its title ([`find_title`]),
//! in the layouts notices use (title over the number, the standard banner,
//! number, title and addressees, a plan with no front matter, a page's
//! catalogue that names the title).
//!
//! It only marks paragraphs' roles and fills [`Meta`]; the interpreter
//! decides what the remaining paragraphs are.

use crate::document::Paragraph;
use crate::grammar::label::parse_label;
use crate::model::Meta;
use crate::normalize::fold;

use super::meta::{classify, looks_like_issuer, looks_like_title, MetaLine};
use super::{catalog, cover, Role};

/// Document number, addressees, date, annotation and issuer.
pub(super) fn read_meta_lines(
    paragraphs: &[(usize, &Paragraph)],
    meta: &mut Meta,
    roles: &mut [Role],
) {
    for (k, (i, p)) in paragraphs.iter().enumerate() {
        if catalog::read_catalog_line(&p.text, &p.pos, meta) {
            roles[*i] = Role::Meta;
            continue;
        }
        let Some(line) = classify(&p.text) else {
            continue;
        };
        match line {
            MetaLine::DocNumber(n) if meta.doc_number.is_none() => meta.doc_number = Some(n),
            MetaLine::Addressees(a) if meta.addressees.is_empty() => meta.addressees = a,
            MetaLine::Date(d) if meta.date.is_none() => {
                meta.date = Some(d);
                if let Some((j, prev)) = k.checked_sub(1).and_then(|k| paragraphs.get(k)) {
                    if roles[*j] == Role::Unknown && looks_like_issuer(&prev.text) {
                        meta.issuer = Some(prev.text.trim().to_owned());
                        roles[*j] = Role::Issuer;
                    }
                }
            }
            MetaLine::Annotation(a) if meta.annotation.is_none() => meta.annotation = Some(a),
            MetaLine::Cc(list) if meta.cc.is_empty() => meta.cc = list,
            _ => continue,
        }
        roles[*i] = Role::Meta;
    }
}

/// The title: the leading title lines above the document number or
/// addressees (a title may wrap over several lines), or else the title line
/// standing just before the first table (a plan's own title). A title line
/// that opens with the attachment word (`附件 XX清单`, `附件2：XX方案`, a page
/// that ran the two lines together) names the plan after it.
pub(super) fn find_title(
    paragraphs: &[(usize, &Paragraph)],
    first_table: Option<usize>,
    meta: &mut Meta,
    roles: &mut [Role],
) {
    title_lines(paragraphs, first_table, meta, roles);
    if let Some(title) = &meta.title {
        if let Some(cover::PlanStart::Attachment(Some(name))) =
            cover::plan_start(title, None, false)
        {
            // (The attachment word stays for the body, as its line would.)
            let word = title.trim().strip_suffix(name.as_str()).unwrap_or("附件");
            meta.body.push(word.trim().to_owned());
            meta.title = Some(name);
        }
    }
}

/// [`find_title`], the title as its lines print it.
fn title_lines(
    paragraphs: &[(usize, &Paragraph)],
    first_table: Option<usize>,
    meta: &mut Meta,
    roles: &mut [Role],
) {
    // A plan sent alone may start with its attachment line (`附件1`): the
    // title follows it; the line itself stays for the body.
    let marker = paragraphs.first().is_some_and(|(i, p)| {
        roles[*i] == Role::Unknown
            && cover::plan_start(&p.text, None, false) == Some(cover::PlanStart::Attachment(None))
    });
    let skip = usize::from(marker);
    let leading: Vec<&(usize, &Paragraph)> = paragraphs
        .iter()
        .skip(skip)
        .take_while(|(i, p)| {
            roles[*i] == Role::Unknown && no_sentence_end(&p.text) && parse_label(&p.text).is_none()
        })
        .collect();
    // A title known already (from a page's catalogue table): the lines that
    // print it again are the title.
    if let Some(title) = meta.title.as_deref() {
        let compact = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
        let want = compact(title);
        for start in 0..paragraphs.len().min(30) {
            let mut joined = String::new();
            for (k, (i, p)) in paragraphs.iter().enumerate().skip(start).take(5) {
                if roles[*i] != Role::Unknown {
                    break;
                }
                joined.push_str(&compact(&p.text));
                if joined.is_empty() || !want.starts_with(&joined) {
                    break;
                }
                if joined == want {
                    for (i, _) in &paragraphs[start..=k] {
                        roles[*i] = Role::Title;
                    }
                    return;
                }
            }
        }
        return;
    }
    let first_meta = paragraphs.get(skip + leading.len());
    let before_meta = first_meta.is_some_and(|(i, _)| roles[*i] == Role::Meta);
    // (A page's tag lines, `【法宝引证码】CLI.1.304262`, are no title's.)
    let leading: Vec<&(usize, &Paragraph)> = leading
        .into_iter()
        .filter(|(_, p)| !is_page_tag(&p.text))
        .collect();
    if before_meta && !leading.is_empty() && leading.len() <= 5 {
        let mut joined: String = leading.iter().map(|(_, p)| p.text.trim()).collect();
        // A page that prints the title twice (once whole, once wrapped).
        let chars: Vec<char> = joined.chars().filter(|c| !c.is_whitespace()).collect();
        let half = chars.len() / 2;
        if chars.len().is_multiple_of(2) && half > 0 && chars[..half] == chars[half..] {
            joined = chars[..half].iter().collect();
        }
        if looks_like_title(&joined) {
            meta.title = Some(joined);
            for (i, _) in leading {
                roles[*i] = Role::Title;
            }
            return;
        }
    }
    // The standard layout (GB/T 9704): the issuer's banner (`XX文件`), the
    // document number, then the title over up to five lines, then the
    // addressees.
    if let Some(k) = paragraphs.iter().position(|(i, p)| {
        roles[*i] == Role::Meta && matches!(classify(&p.text), Some(MetaLine::DocNumber(_)))
    }) {
        let lines: Vec<&(usize, &Paragraph)> = paragraphs[k + 1..]
            .iter()
            .take_while(|(i, p)| {
                roles[*i] == Role::Unknown
                    && no_sentence_end(&p.text)
                    && parse_label(&p.text).is_none()
            })
            .collect();
        let then_meta = paragraphs
            .get(k + 1 + lines.len())
            .is_some_and(|(i, _)| roles[*i] == Role::Meta);
        if then_meta && (1..=5).contains(&lines.len()) {
            // The lines up to the first that ends like a title's last line
            // (`…的通知`: a title wrapped, then maybe a page's stray line);
            // else all of them, or the fewest that read as a title.
            let joined =
                |n: usize| -> String { lines[..n].iter().map(|(_, p)| p.text.trim()).collect() };
            let n = (1..=lines.len())
                .find(|&n| ends_like_title(&joined(n)))
                .or_else(|| looks_like_title(&joined(lines.len())).then_some(lines.len()))
                .or_else(|| (1..lines.len()).find(|&n| looks_like_title(&joined(n))));
            if let Some(n) = n {
                meta.title = Some(lines[..n].iter().map(|(_, p)| p.text.trim()).collect());
                for (i, _) in &lines[..n] {
                    roles[*i] = Role::Title;
                }
                return;
            }
        }
    }
    // A notice with no front matter: its title lines, then its first
    // numbered item or its first sentence.
    let next_labelled = first_meta.is_some_and(|(_, p)| {
        parse_label(&p.text).is_some() || fold(p.text.trim()).ends_with('。')
    });
    let starts_document = leading
        .first()
        .is_some_and(|(i, _)| first_table.is_none_or(|t| *i < t));
    if starts_document && next_labelled && (1..=2).contains(&leading.len()) {
        let joined: String = leading.iter().map(|(_, p)| p.text.trim()).collect();
        if parse_label(&joined).is_none() && looks_like_title(&joined) {
            meta.title = Some(joined);
            for (i, _) in leading {
                roles[*i] = Role::Title;
            }
            return;
        }
    }
    // A web page saved as text: the title stands after the page's own
    // lines (a breadcrumb, 索引号, 发布日期, 来源) and before the body (its
    // first labelled item, sentence or table): the first of the leading
    // lines that ends like a title; the same line printed again is the
    // title too.
    let body: Vec<&(usize, &Paragraph)> = paragraphs
        .iter()
        .take(PAGE_LINES_BEFORE_TITLE)
        .take_while(|(i, p)| {
            first_table.is_none_or(|t| *i < t)
                && parse_label(&p.text).is_none()
                && !fold(p.text.trim()).ends_with('。')
        })
        .filter(|(i, _)| roles[*i] == Role::Unknown)
        .collect();
    if let Some(k) = body.iter().position(|(_, p)| ends_like_title(&p.text)) {
        let title = body[k].1.text.trim().to_owned();
        roles[body[k].0] = Role::Title;
        if let Some((i, _)) = body
            .get(k + 1)
            .filter(|(i, p)| *i == body[k].0 + 1 && p.text.trim() == title)
        {
            roles[*i] = Role::Title;
        }
        meta.title = Some(title);
        return;
    }
    // Only a paragraph right before a table, and never a labelled one.
    let Some(first_table) = first_table else {
        return;
    };
    let before_table = paragraphs
        .iter()
        .rev()
        .find(|(i, _)| *i < first_table)
        .filter(|(i, _)| *i + 1 == first_table);
    if let Some((i, p)) = before_table {
        if roles[*i] == Role::Unknown && parse_label(&p.text).is_none() && looks_like_title(&p.text)
        {
            meta.title = Some(p.text.trim().to_owned());
            roles[*i] = Role::Title;
        }
    }
}

/// A page's tag line: `【法宝引证码】CLI.1.304262`, `【时效性】尚未施行`
/// (a bracketed word and a value that is no title).
fn is_page_tag(text: &str) -> bool {
    let t = text.trim();
    t.strip_prefix('【')
        .and_then(|r| r.split_once('】'))
        .is_some_and(|(_, value)| !looks_like_title(value))
}

/// Whether the brackets of a title are closed (`《…》`, `〈…〉`, `(…)`): a
/// line that leaves one open is a title wrapped, not its end.
fn brackets_closed(folded: &str) -> bool {
    [('《', '》'), ('〈', '〉'), ('(', ')'), ('“', '”')]
        .iter()
        .all(|(open, close)| folded.matches(*open).count() == folded.matches(*close).count())
}

/// How many of a notice's first paragraphs may be a page's own lines
/// before its title.
const PAGE_LINES_BEFORE_TITLE: usize = 12;

/// Whether a title ends here: with the name of a document's kind
/// (`…的通知`, `…实施意见`, `…工作方案`, `…的函`, `…责任分解(2023年)`).
fn ends_like_title(text: &str) -> bool {
    const KINDS: [&str; 18] = [
        "通知", "意见", "方案", "办法", "规定", "决定", "函", "报告", "批复", "通报", "公告",
        "要点", "计划", "清单", "细则", "规划", "分解", "分工",
    ];
    let folded = fold(text.trim());
    // (A line ending in a cited title, `根据《…实施方案》`, cites it: a
    // title ends so only where it is wholly that title or issues it,
    // `关于印发《…》`.)
    let cites = folded.ends_with('》') && !folded.starts_with('《') && !folded.contains("印发《");
    if !brackets_closed(&folded) || cites {
        return false;
    }
    // (A year in brackets after the kind: `…责任分解(2023年)`.)
    let folded = match folded.strip_suffix("年)").and_then(|f| f.rsplit_once('(')) {
        Some((head, year)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            head.to_owned()
        }
        _ => folded,
    };
    let folded = folded.trim_end_matches(|c: char| ")]》”".contains(c) || c.is_whitespace());
    KINDS.iter().any(|k| folded.ends_with(k)) && looks_like_title(text)
}

fn no_sentence_end(text: &str) -> bool {
    !fold(text).contains(['。', ':', ';'])
}
