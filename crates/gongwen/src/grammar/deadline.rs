//! The deadline grammar: 2024年6月, 每年第一季度, 长期坚持, 6月底前 …
//!
//! Turns one deadline text (a table cell such as `2024年12月前完成，并長期堅持`)
//! into a [`DeadlineTerm`]. Knows nothing of tables or inheritance.
//!
//! # What it does
//!
//! The text is folded ([`crate::normalize::fold`]: simplified script,
//! half-width punctuation), white space is dropped, and the rest is read
//! left to right as a sequence of deadline words. Every part of the text
//! must be one of them, or the text is not understood (`None`), so that the
//! caller can report it:
//!
//! - dates, with Arabic or Chinese numerals (`2024年6月`, `二〇二四年六月`,
//!   `2024年6月30日`, `2024.6`, `2024/6`, `2024-06-30`, `6月` with the
//!   notice's year), year ends (`2024年`, `2024年底`, `年底`), half years
//!   (`2024年上半年`, `年中`), quarters (`2024年第三季度`, `三季度`), thirds of a
//!   month (`6月上旬`), relative years (`今年`, `明年`, `年内`, `全年`) and ranges
//!   (`2024—2025年`, `2024年6月至12月`: the range's end counts);
//! - recurrences: `每年` / `每半年` / `每学期` (half-yearly) / `每季度` / `每月` / `每周` (also `按…`),
//!   refined by what follows (`每年12月`, `每年1月31日前`, `每年第一季度`,
//!   `每年年底` → month 12, `每年上半年` → month 6, `每月5日前` → day 5);
//! - ongoing work: `长期坚持`, `长期`, `持续推进`, `持续开展`, `常态化`,
//!   `逐年推进`, `逐步推进`, `动态调整`, `常抓不懈`, `久久为功` …;
//! - immediacy (`立即`, `即时`, `即日起`, `马上`, `及时`, `立行立改`) and work on
//!   schedule (`按进度推进`, `按计划实施`): understood, but they name no
//!   calendar day and no lasting work, so they set nothing (no `due`,
//!   `ongoing` false);
//! - words that do not change the meaning: `前`, `底`, `末`, `以前`, `之前`,
//!   `完成`, `前完成`, `启动`, `起`, `截至`, `力争`, `于`, separators
//!   (`，` `、` `；` `。` brackets) and connectors (`并`, `且`, `和`, `同时`);
//! - events, only where a clause is not otherwise understood: `与X(时间)同步`,
//!   `随X同步`, `X期间`, `X(结束|召开|开始|启动)前`, `X后(N个月内)` where X has
//!   no digits; X is cut from the original text, so traditional input keeps
//!   its traditional characters.
//!
//! `due` is the last day of the named period. A month, quarter or half year
//! without a year takes the last year written before it, or else the
//! notice's year; without one, `due` is `None` but `precision` is set. When a
//! text names several periods, the last one counts (the end of a range, the
//! final stage of `2024年6月启动，2024年12月完成`). Dates and ongoing work
//! combine (`2024年12月前完成，并长期坚持`, `2024年6月起长期坚持`: `due` is the
//! named period's last day, `ongoing` is true), as do dates and recurrences.
//!
//! # What it does not do
//!
//! It does not compute dates relative to an event or to the notice's day
//! (`印发后3个月内` keeps only the event), does not keep a start date apart
//! from a due date (`起` is ignored), holds one recurrence and one event
//! (two different ones are not understood), and rejects impossible dates
//! (`2024年13月`, `2月30日`) and years outside 1900–2199. Texts longer than
//! 100 characters (white space aside) are never deadlines.

use std::sync::LazyLock;

use chrono::{Months, NaiveDate};
use regex::{Captures, Regex};

use crate::grammar::numeral::parse_number;
use crate::model::{Frequency, Precision, Recurrence};
use crate::normalize::{fold, fold_char};

/// What a deadline text means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeadlineTerm {
    /// The last day of the named period.
    pub due: Option<NaiveDate>,
    /// The granularity of `due`.
    pub precision: Option<Precision>,
    /// Whether the work goes on indefinitely.
    pub ongoing: bool,
    /// A repeating deadline.
    pub recurrence: Option<Recurrence>,
    /// An event the deadline follows.
    pub event: Option<String>,
}

/// Texts longer than this (in chars, white space aside) are not deadlines.
const MAX_CHARS: usize = 100;
/// [`looks_like_deadline`] accepts cells up to this many chars.
pub const CELL_MAX_CHARS: usize = 40;
/// The years a written year may name.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;
/// A leap year, to check a month and day whose year is unknown.
const ANY_LEAP_YEAR: i32 = 2000;

/// A year: four Arabic or Chinese digits.
const YEAR: &str = "([0-9]{4}|[〇零○一二三四五六七八九]{4})";
/// A month number: 1–12 in Arabic or Chinese numerals.
const MONTH: &str = "([0-9]{1,2}|十[一二]?|[一二三四五六七八九])";
/// A day number: 1–31 in Arabic or Chinese numerals.
const DAY: &str = "([0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";
/// What an event's name may be made of: no separators, no digits.
const EVENT_CHAR: &str = r"[^,;、。./:()\[\]{}【】<>《》“”‘’'!?|·…0-9\-—–~]";

/// The compiled token patterns, each anchored at the start.
struct Grammar {
    sep: Regex,
    dotted: Regex,
    year: Regex,
    bare_year: Regex,
    rel_year: Regex,
    year_end: Regex,
    half: Regex,
    quarter: Regex,
    month: Regex,
    xun: Regex,
    day: Regex,
    recur: Regex,
    ongoing: Regex,
    immediate: Regex,
    scheduled: Regex,
    connector: Regex,
    range: Regex,
    filler: Regex,
    events: [Regex; 4],
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

impl Grammar {
    fn new() -> Self {
        let x = format!("(?:于|在)?(?P<x>{EVENT_CHAR}{{2,30}}?)");
        Grammar {
            sep: re(r"^[,;、。./:()\[\]{}【】<>《》“”‘’'!?|·…]+"),
            dotted: re(r"^([0-9]{4})[./-]([0-9]{1,2})(?:[./-]([0-9]{1,2}))?"),
            year: re(&format!("^{YEAR}年度?")),
            bare_year: re(&format!("^{YEAR}(?:[-—–~]+|至|到)")),
            rel_year: re("^(?:(今年|本年度?|当年度?)|(明年|次年|来年)|(年内|全年))"),
            year_end: re("^(?:年底|年末|年终|岁末)"),
            half: re("^(?:([上下])半年|(年中))"),
            quarter: re("^第?([1-4一二三四])季度"),
            month: re(&format!("^{MONTH}月份?(?:{DAY}[日号])?")),
            xun: re("^([上中下])旬"),
            day: re(&format!("^{DAY}[日号]")),
            recur: re("^(?:每|按)(半年|学期|年|季|个月|月|周|星期)度?"),
            ongoing: re(concat!(
                "^(?:长期(?:坚持|推进|开展|实施|执行|落实|有效)?",
                "|持续(?:推进|开展|实施|进行|抓好|深化|落实|做好|加强|优化|完善|提升|改进)?",
                "|常态化(?:推进|开展|实施|进行)?",
                "|逐年(?:推进|实施|落实)|逐步推进|分(?:阶段|步|年度)(?:推进|实施|落实)|动态(?:调整|更新|管理)",
                "|常抓不懈|久久为功|长效)"
            )),
            immediate: re("^(?:立即(?:执行|开展|启动|实施)?|即时|即日起?|马上|立行立改|即知即改|及时)"),
            scheduled: re("^按(?:进度|计划|节点|时序)(?:推进|实施|完成|落实)"),
            connector: re("^(?:并且|并|且|同时|以及|和|及|然后|此后)"),
            range: re("^(?:[-—–~]+|至|到)"),
            filler: re(concat!(
                "^(?:底前完成|前完成|之前|以前|前|月底|月末|季末|底|末",
                "|基本完成|全面完成|初步完成|完成|启动|开始|起",
                "|截止到|截止|截至|为止|止|以内|之内|内|左右|份|于|在",
                "|最迟|最晚|不晚于|不迟于|力争|争取|确保",
                "|实施|推进|开展|进行|到位|见效|建成|一次|[0-9]次",
                // What is due (`2024年10月底前出台`).
                "|出台|印发|制定|建立|上线|投用|投入使用|交付使用|开工|动工|竣工|完工|投产|通车|验收|落地|部署",
                // A time of day after a date (a spreadsheet date-time cell):
                // 09:00, 09:00:00, 18时, 18时30分, 18点.
                "|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{1,2}[时点](?:[0-9]{1,2}分)?)"
            )),
            events: [
                re(&format!(
                    "^(?:与|随|跟随|伴随)(?P<x>{EVENT_CHAR}{{2,30}}?)(?:工作)?(?:时间|进度|节奏|进程)?(?:同步|同期|一致)"
                )),
                re(&format!("^{x}(?:期间|过程中)")),
                re(&format!("^{x}(?:结束|开始|召开|启动)?(?:之前|以前|前)")),
                re(&format!(
                    "^{x}(?:结束|开始|召开|启动)?(?:之后|以后|后)(?:[0-9一二三四五六七八九十两]{{1,3}}个?(?:月|日|天|周|星期|工作日)(?:之内|以内|内))?"
                )),
            ],
        }
    }
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::new);

/// A named period: its last day (when its year is known) and granularity.
#[derive(Debug, Clone, Copy)]
struct Period {
    due: Option<NaiveDate>,
    precision: Precision,
}

/// What one token did.
enum Step {
    /// Consumed this many bytes.
    Took(usize),
    /// Consumed this many bytes and ended a clause (separator, connector).
    Clause(usize),
    /// No token starts here.
    NoMatch,
}

/// What has been read so far.
#[derive(Debug, Clone, Default)]
struct State {
    /// The last year written in the text (or named by 今年 …).
    cur_year: Option<i32>,
    /// The last period named.
    period: Option<Period>,
    /// The month just read (with its year), for a following 上旬/中旬/下旬.
    prev_month: Option<(Option<i32>, u32)>,
    recur: Option<Recurrence>,
    /// Whether dates refine `recur` rather than name a period.
    in_recur: bool,
    ongoing: bool,
    immediate: bool,
    /// Whether the text says the work follows its schedule (`按进度推进`).
    scheduled: bool,
    /// The event's byte range in the compact text.
    event: Option<(usize, usize)>,
}

/// Whether `c` is dropped before matching.
fn ignorable(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The number in capture group `i`.
fn num(caps: &Captures<'_>, i: usize) -> Option<u32> {
    caps.get(i).and_then(|m| parse_number(m.as_str()))
}

/// A written year, if in range.
fn year_of(caps: &Captures<'_>, i: usize) -> Option<i32> {
    let y = i32::try_from(num(caps, i)?).ok()?;
    YEARS.contains(&y).then_some(y)
}

/// The last day of month `m` of year `y`.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Checks a month (and day) and gives its date when the year is known:
/// `None` if impossible, `Some(None)` if valid but the year is unknown.
fn check_date(y: Option<i32>, m: u32, d: Option<u32>) -> Option<Option<NaiveDate>> {
    let date = |y: i32| match d {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d),
        None => month_end(y, m),
    };
    match y {
        Some(y) => date(y).map(Some),
        None => date(ANY_LEAP_YEAR).map(|_| None),
    }
}

fn recurrence(freq: Frequency) -> Recurrence {
    Recurrence {
        freq,
        month: None,
        quarter: None,
        day: None,
    }
}

impl State {
    /// The year a month without a year belongs to.
    fn year(&self, notice_year: Option<i32>) -> Option<i32> {
        self.cur_year.or(notice_year)
    }

    fn set_period(&mut self, due: Option<NaiveDate>, precision: Precision) {
        self.period = Some(Period { due, precision });
    }

    /// A yearly recurrence not yet refined by a month or quarter.
    fn open_yearly(&mut self) -> Option<&mut Recurrence> {
        self.recur
            .as_mut()
            .filter(|r| r.freq == Frequency::Yearly && r.month.is_none() && r.quarter.is_none())
    }

    /// Reads one token at the start of `rest`. `None`: the text is not
    /// understood (an impossible date, a misplaced word).
    fn step(&mut self, g: &Grammar, rest: &str, notice_year: Option<i32>) -> Option<Step> {
        let prev_month = self.prev_month.take();
        let len = |c: &Captures<'_>| c.get(0).map_or(0, |m| m.end());

        if let Some(m) = g.sep.find(rest) {
            return Some(Step::Clause(m.end()));
        }
        if let Some(c) = g.dotted.captures(rest) {
            let n = len(&c);
            let next = rest[n..].chars().next();
            if !next.is_some_and(|ch| ch.is_ascii_digit() || matches!(ch, '年' | '月' | '日')) {
                let y = year_of(&c, 1)?;
                let m = num(&c, 2)?;
                let d = num(&c, 3);
                let due = check_date(Some(y), m, d)?;
                self.cur_year = Some(y);
                self.in_recur = false;
                if d.is_some() {
                    self.set_period(due, Precision::Day);
                } else {
                    self.set_period(due, Precision::Month);
                    self.prev_month = Some((Some(y), m));
                }
                return Some(Step::Took(n));
            }
        }
        for pattern in [&g.year, &g.bare_year] {
            if let Some(c) = pattern.captures(rest) {
                let y = year_of(&c, 1)?;
                self.cur_year = Some(y);
                self.in_recur = false;
                self.set_period(month_end(y, 12), Precision::Year);
                return Some(Step::Took(len(&c)));
            }
        }
        if let Some(c) = g.rel_year.captures(rest) {
            if c.get(3).is_some() {
                // 年内, 全年: within the year, the whole year.
                let yearly = self
                    .recur
                    .as_ref()
                    .is_some_and(|r| r.freq == Frequency::Yearly);
                if !(self.in_recur && yearly) {
                    let due = self.year(notice_year).and_then(|y| month_end(y, 12));
                    self.set_period(due, Precision::Year);
                }
            } else {
                let offset = if c.get(2).is_some() { 1 } else { 0 };
                let y = notice_year.and_then(|y| y.checked_add(offset));
                self.cur_year = y;
                self.in_recur = false;
                self.set_period(y.and_then(|y| month_end(y, 12)), Precision::Year);
            }
            return Some(Step::Took(len(&c)));
        }
        if let Some(m) = g.year_end.find(rest) {
            if self.in_recur {
                self.open_yearly()?.month = Some(12);
            } else {
                let due = self.year(notice_year).and_then(|y| month_end(y, 12));
                self.set_period(due, Precision::Year);
            }
            return Some(Step::Took(m.end()));
        }
        if let Some(c) = g.half.captures(rest) {
            let m = if c.get(1).is_some_and(|h| h.as_str() == "下") {
                12
            } else {
                6
            };
            if self.in_recur {
                self.open_yearly()?.month = Some(m);
            } else {
                let due = self
                    .year(notice_year)
                    .and_then(|y| month_end(y, u32::from(m)));
                self.set_period(due, Precision::HalfYear);
            }
            return Some(Step::Took(len(&c)));
        }
        if let Some(c) = g.quarter.captures(rest) {
            let q = num(&c, 1).filter(|q| (1..=4).contains(q))?;
            if self.in_recur {
                self.open_yearly()?.quarter = u8::try_from(q).ok();
            } else {
                let due = self.year(notice_year).and_then(|y| month_end(y, q * 3));
                self.set_period(due, Precision::Quarter);
            }
            return Some(Step::Took(len(&c)));
        }
        if let Some(c) = g.month.captures(rest) {
            let m = num(&c, 1)?;
            let d = match c.get(2) {
                Some(d) => Some(parse_number(d.as_str())?),
                None => None,
            };
            if self.in_recur {
                check_date(None, m, d)?;
                let r = self.open_yearly()?;
                r.month = u8::try_from(m).ok();
                r.day = d.and_then(|d| u8::try_from(d).ok());
            } else {
                let y = self.year(notice_year);
                let due = check_date(y, m, d)?;
                if d.is_some() {
                    self.set_period(due, Precision::Day);
                } else {
                    self.set_period(due, Precision::Month);
                    self.prev_month = Some((y, m));
                }
            }
            return Some(Step::Took(len(&c)));
        }
        if let Some(c) = g.xun.captures(rest) {
            let (y, m) = prev_month?;
            let due = match c.get(1).map(|x| x.as_str()) {
                Some("上") => check_date(y, m, Some(10))?,
                Some("中") => check_date(y, m, Some(20))?,
                _ => check_date(y, m, None)?,
            };
            self.set_period(due, Precision::Day);
            return Some(Step::Took(len(&c)));
        }
        if let Some(c) = g.day.captures(rest) {
            // A day alone only refines a monthly recurrence (每月5日前).
            let d = num(&c, 1).filter(|d| (1..=31).contains(d))?;
            let r = self
                .recur
                .as_mut()
                .filter(|r| r.freq == Frequency::Monthly && r.day.is_none())?;
            if !self.in_recur {
                return None;
            }
            r.day = u8::try_from(d).ok();
            return Some(Step::Took(len(&c)));
        }
        if let Some(c) = g.recur.captures(rest) {
            let freq = match c.get(1).map(|x| x.as_str()) {
                // Two terms a school year.
                Some("半年" | "学期") => Frequency::HalfYearly,
                Some("年") => Frequency::Yearly,
                Some("季") => Frequency::Quarterly,
                Some("周" | "星期") => Frequency::Weekly,
                _ => Frequency::Monthly,
            };
            match &self.recur {
                Some(r) if r.freq != freq => return None,
                Some(_) => {}
                None => self.recur = Some(recurrence(freq)),
            }
            self.in_recur = true;
            return Some(Step::Took(len(&c)));
        }
        if let Some(m) = g.ongoing.find(rest) {
            self.ongoing = true;
            return Some(Step::Took(m.end()));
        }
        if let Some(m) = g.immediate.find(rest) {
            self.immediate = true;
            return Some(Step::Took(m.end()));
        }
        if let Some(m) = g.scheduled.find(rest) {
            self.scheduled = true;
            return Some(Step::Took(m.end()));
        }
        if let Some(m) = g.connector.find(rest) {
            return Some(Step::Clause(m.end()));
        }
        if let Some(m) = g.range.find(rest) {
            return Some(Step::Took(m.end()));
        }
        if let Some(m) = g.filler.find(rest) {
            return Some(Step::Took(m.end()));
        }
        Some(Step::NoMatch)
    }

    /// Whether anything with meaning was read.
    fn understood(&self) -> bool {
        self.period.is_some()
            || self.recur.is_some()
            || self.ongoing
            || self.immediate
            || self.scheduled
            || self.event.is_some()
    }
}

/// An event form at the start of `rest`: the event's byte range in `rest`
/// and the length of the whole form.
fn match_event(g: &Grammar, rest: &str) -> Option<((usize, usize), usize)> {
    g.events.iter().find_map(|pattern| {
        let c = pattern.captures(rest)?;
        let x = c.name("x")?;
        let all = c.get(0)?;
        Some(((x.start(), x.end()), all.end()))
    })
}

/// Parses a deadline text. `notice_year` is the year a month without a year
/// belongs to (the year of the notice's date). Returns `None` when the text
/// is not understood: empty, too long (over 100 chars), an impossible date,
/// or any part that is not deadline vocabulary nor an event form.
///
/// See the [module documentation](crate::grammar::deadline) for the forms and their meaning.
///
/// ```
/// use gongwen::grammar::deadline::parse_deadline;
/// let t = parse_deadline("2024年12月前完成，并長期堅持", None).unwrap();
/// assert_eq!(t.due, chrono::NaiveDate::from_ymd_opt(2024, 12, 31));
/// assert!(t.ongoing);
/// assert!(parse_deadline("法规处、人事处", Some(2024)).is_none());
/// ```
pub fn parse_deadline(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    read_deadline(raw, notice_year).map(|(term, _)| term)
}

/// [`parse_deadline`], and whether the reading needed scoped milestones
/// (clauses naming the part of the work each date is for), which only a
/// place where a deadline is expected may hold: such a text never makes a
/// cell [look like a deadline](looks_like_deadline).
pub(crate) fn read_deadline(raw: &str, notice_year: Option<i32>) -> Option<(DeadlineTerm, bool)> {
    match parse_cell(raw, notice_year) {
        Some(term) => Some((term, false)),
        None => parse_scoped_milestones(raw, notice_year).map(|term| (term, true)),
    }
}

/// A deadline as a cell states it: all deadline vocabulary, or milestones.
fn parse_cell(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    parse_whole(raw, notice_year).or_else(|| parse_milestones(raw, notice_year))
}

/// Longest text of scoped milestones, in chars.
const SCOPED_MAX_CHARS: usize = 200;
/// Most chars before a clause's date that name what it is for (`其它事项`).
const SCOPE_CHARS: usize = 8;

/// Milestones some of whose clauses name the part of the work they are
/// for: clauses with no date before a dated one (`方舱医院升级改造…，1月底前
/// 完成`), or a few words before a clause's date (`其它事项12月底前取得明显
/// 成效并长期坚持`). The dated clauses, their words before the date aside,
/// must read as [milestones](parse_milestones); the last clause is dated or
/// says the work goes on.
fn parse_scoped_milestones(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    if !raw.contains(['年', '月']) || raw.chars().count() > SCOPED_MAX_CHARS {
        return None;
    }
    // A date starts with a digit, or with 今 / 明 / 本 / 次 before 年, 月 or
    // 季 (`本年底前`; not the 本 of `本项工作`).
    let starts_date = |c: char, next: Option<char>| {
        fold_char(c).is_ascii_digit()
            || ("今明本次".contains(c) && next.is_some_and(|n| "年月季".contains(n)))
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut scoped = false;
    let mut last_kept = false;
    for clause in raw.split(['，', ',', '；', ';']).map(str::trim) {
        if clause.is_empty() {
            continue;
        }
        let mut chars = clause.char_indices().peekable();
        let mut date_at = None;
        for _ in 0..=SCOPE_CHARS {
            let Some((i, c)) = chars.next() else { break };
            if starts_date(c, chars.peek().map(|(_, n)| *n)) {
                date_at = Some(i);
                break;
            }
        }
        last_kept = true;
        match date_at {
            Some(i) => {
                scoped |= i > 0;
                kept.push(&clause[i..]);
            }
            None if parse_whole(clause, None).is_some_and(|t| t.ongoing) => kept.push(clause),
            None => {
                scoped = true;
                last_kept = false;
            }
        }
    }
    if !scoped || !last_kept {
        return None;
    }
    parse_milestones(&kept.join("；"), notice_year)
}

/// Verbs that name what is due after a date (`…底前出台实施方案`).
const DUE_VERBS: [&str; 11] = [
    "完成", "出台", "建成", "制定", "印发", "实现", "建立", "启动", "形成", "开展", "取得",
];

/// Longest text after a milestone's date, in chars (`完成试点县遴选`).
const MILESTONE_WORDS: usize = 12;
/// Longest text of milestones, in chars (bytes are counted: three per CJK char).
const MILESTONE_MAX_CHARS: usize = 60;

/// Milestones: clauses each made of a dated deadline and a few words of
/// what is then due (`2024年9月底前完成自评，2024年11月底前完成抽查验收`), or one
/// such clause whose words start with a verb of completion
/// (`2022年12月底前出台实施方案`). The term is due at the latest milestone; it
/// is ongoing when one of them is.
fn parse_milestones(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    // Cheap tests first: every text that is no deadline comes here.
    if raw.len() > 3 * MILESTONE_MAX_CHARS || !raw.contains(['年', '月']) {
        return None;
    }
    let clauses: Vec<&str> = raw
        .split(['，', ',', '；', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    // Each clause starts with its date.
    let dated = |c: &&str| {
        c.chars()
            .next()
            .is_some_and(|f| fold_char(f).is_ascii_digit() || "今明本次".contains(f))
    };
    // A clause that says the work goes on (`，持续优化`) may follow the
    // dated ones.
    let mut goes_on = false;
    let clauses: Vec<&str> = clauses
        .into_iter()
        .filter(|c| {
            let on = !dated(c)
                && parse_whole(c, None).is_some_and(|t| t.ongoing && t.precision.is_none());
            goes_on |= on;
            !on
        })
        .collect();
    if clauses.is_empty() || !clauses.iter().all(dated) {
        return None;
    }
    // One clause: a date, then what is due, named by a verb of completion
    // (`2022年12月底前出台实施方案`).
    let single = clauses.len() == 1;
    let mut best: Option<DeadlineTerm> = None;
    let mut ongoing = goes_on;
    for clause in clauses {
        let chars: Vec<char> = clause.chars().collect();
        // The longest prefix ending at a time word that the grammar reads
        // with a date, and only a few words after it.
        let term = (2..chars.len())
            .rev()
            .filter(|&n| "前底末月年日度份".contains(chars[n - 1]))
            .find_map(|n| {
                let rest: String = chars[n..].iter().collect();
                if rest.chars().count() > MILESTONE_WORDS
                    || rest.contains(|c: char| c.is_ascii_digit() || "。.年月".contains(c))
                    || (single && !DUE_VERBS.iter().any(|v| rest.starts_with(v)))
                {
                    return None;
                }
                let head: String = chars[..n].iter().collect();
                parse_whole(&head, notice_year).filter(|t| t.precision.is_some())
            })?;
        // What is due may say the work goes on (`取得成效并持续推进`).
        ongoing |= term.ongoing || says_ongoing(clause);
        if best.as_ref().is_none_or(|b| b.due < term.due) {
            best = Some(term);
        }
    }
    best.map(|b| DeadlineTerm {
        ongoing,
        recurrence: None,
        event: None,
        ..b
    })
}

/// Whether a text ends naming ongoing work (`…取得成效并持续推进`; not
/// `建立长效机制`, where the word names what is built).
fn says_ongoing(text: &str) -> bool {
    let folded = fold(text);
    let folded = folded.trim_end_matches(|c: char| c.is_whitespace() || "。.".contains(c));
    let g = &*GRAMMAR;
    folded.char_indices().any(|(i, _)| {
        g.ongoing
            .find(&folded[i..])
            .is_some_and(|m| i + m.end() == folded.len())
    })
}

/// [`parse_deadline`] of a text that is all deadline vocabulary.
fn parse_whole(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    if raw
        .chars()
        .filter(|c| !ignorable(*c))
        .take(MAX_CHARS + 1)
        .count()
        > MAX_CHARS
    {
        return None;
    }
    // The compact folded text, and for each of its chars the index of the
    // char of `raw` it came from (folding keeps one char per char).
    let mut text = String::new();
    let mut origin = Vec::new();
    for (i, c) in fold(raw).chars().enumerate() {
        if !ignorable(c) {
            text.push(c);
            origin.push(i);
        }
    }

    let g = &*GRAMMAR;
    let mut state = State::default();
    let mut pos = 0;
    // Where the current clause began, and what had been read by then: an
    // event form is tried there when the clause is not understood.
    let mut checkpoint = Some((0, state.clone()));
    while pos < text.len() {
        match state.step(g, &text[pos..], notice_year)? {
            Step::Took(n) => pos += n,
            Step::Clause(n) => {
                pos += n;
                checkpoint = Some((pos, state.clone()));
            }
            Step::NoMatch => {
                let (start, saved) = checkpoint.take()?;
                if saved.event.is_some() {
                    return None;
                }
                let ((a, b), n) = match_event(g, &text[start..])?;
                state = saved;
                state.in_recur = false;
                state.event = Some((start + a, start + b));
                pos = start + n;
            }
        }
    }
    if !state.understood() {
        return None;
    }

    let event = match state.event {
        Some((a, b)) => {
            let first = text[..a].chars().count();
            let count = text[a..b].chars().count();
            let from = *origin.get(first)?;
            let to = *origin.get(first + count.checked_sub(1)?)?;
            Some(raw.chars().skip(from).take(to + 1 - from).collect())
        }
        None => None,
    };
    Some(DeadlineTerm {
        due: state.period.and_then(|p| p.due),
        precision: state.period.map(|p| p.precision),
        ongoing: state.ongoing,
        recurrence: state.recur,
        event,
    })
}

/// Whether `text` looks like a deadline (used to align flattened table rows).
///
/// Strict and cheap: the text must be short (at most 40 chars, white space
/// aside) and [`parse_deadline`] must understand all of it, so prose that
/// merely contains a date (`于每年1月31日前将上年度…报送省司法厅。`) and unit
/// lists (`法规处、人事处`) are not deadlines.
pub fn looks_like_deadline(text: &str) -> bool {
    is_deadline_sized(text) && parse_cell(text, None).is_some()
}

/// Whether `text` is short enough to be a deadline cell (1 to 40 chars,
/// white space aside): the length half of [`looks_like_deadline`], for
/// callers that already hold the parse result.
pub fn is_deadline_sized(text: &str) -> bool {
    let n = text
        .chars()
        .filter(|c| !ignorable(*c))
        .take(CELL_MAX_CHARS + 1)
        .count();
    (1..=CELL_MAX_CHARS).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn parse(s: &str) -> DeadlineTerm {
        match parse_deadline(s, Some(2024)) {
            Some(t) => t,
            None => panic!("not understood: {s:?}"),
        }
    }

    fn dated(due: Option<NaiveDate>, precision: Precision) -> DeadlineTerm {
        DeadlineTerm {
            due,
            precision: Some(precision),
            ..DeadlineTerm::default()
        }
    }

    fn ongoing() -> DeadlineTerm {
        DeadlineTerm {
            ongoing: true,
            ..DeadlineTerm::default()
        }
    }

    fn recurring(
        freq: Frequency,
        month: Option<u8>,
        quarter: Option<u8>,
        day: Option<u8>,
    ) -> DeadlineTerm {
        DeadlineTerm {
            recurrence: Some(Recurrence {
                freq,
                month,
                quarter,
                day,
            }),
            ..DeadlineTerm::default()
        }
    }

    fn check(cases: &[(&str, DeadlineTerm)]) {
        for (s, want) in cases {
            assert_eq!(parse(s), *want, "{s:?}");
        }
    }

    fn rejects(cases: &[&str]) {
        for s in cases {
            assert_eq!(parse_deadline(s, Some(2024)), None, "{s:?}");
        }
    }

    #[test]
    fn grammar_compiles() {
        let _ = &*GRAMMAR;
    }

    #[test]
    fn seed_months() {
        for (s, y, m, d) in [
            ("2024年6月", 2024, 6, 30),
            ("2024年12月", 2024, 12, 31),
            ("2025年10月", 2025, 10, 31),
            ("2024年1月", 2024, 1, 31),
            ("2024年2月", 2024, 2, 29),
            ("2023年2月", 2023, 2, 28),
            ("2024年3月", 2024, 3, 31),
            ("2024年5月", 2024, 5, 31),
            ("2024年11月", 2024, 11, 30),
            ("2025年6月", 2025, 6, 30),
        ] {
            for notice in [None, Some(2024), Some(2019)] {
                let t = parse_deadline(s, notice);
                assert_eq!(t, Some(dated(date(y, m, d), Precision::Month)), "{s}");
            }
        }
    }

    #[test]
    fn a_milestone_after_the_date_is_what_is_due() {
        check(&[
            ("5月底前动工", dated(date(2024, 5, 31), Precision::Month)),
            ("9月投入使用", dated(date(2024, 9, 30), Precision::Month)),
            (
                "2025年6月底前完工",
                dated(date(2025, 6, 30), Precision::Month),
            ),
        ]);
    }

    #[test]
    fn seed_full_width_digits() {
        check(&[("２０２４年６月", dated(date(2024, 6, 30), Precision::Month))]);
    }

    #[test]
    fn seed_recurrences() {
        check(&[
            (
                "每年12月",
                recurring(Frequency::Yearly, Some(12), None, None),
            ),
            (
                "每年第一季度",
                recurring(Frequency::Yearly, None, Some(1), None),
            ),
            (
                "每年1月31日前",
                recurring(Frequency::Yearly, Some(1), None, Some(31)),
            ),
            (
                "每年１月３１日前",
                recurring(Frequency::Yearly, Some(1), None, Some(31)),
            ),
        ]);
        // The notice year changes nothing for a recurrence.
        assert_eq!(
            parse_deadline("每年12月", None),
            Some(recurring(Frequency::Yearly, Some(12), None, None))
        );
    }

    #[test]
    fn seed_ongoing() {
        check(&[
            ("長期堅持", ongoing()),
            ("长期坚持", ongoing()),
            (" 長期堅持 ", ongoing()),
        ]);
    }

    #[test]
    fn seed_dates_with_ongoing() {
        let dec = DeadlineTerm {
            ongoing: true,
            ..dated(date(2024, 12, 31), Precision::Month)
        };
        let with = |y, m, d| DeadlineTerm {
            ongoing: true,
            ..dated(date(y, m, d), Precision::Month)
        };
        check(&[
            ("2024年12月前完成,并長期堅持", dec.clone()),
            ("2024年12月前完成，并長期堅持", dec.clone()),
            ("2024年12月前完成，並長期堅持", dec.clone()),
            ("2024年12月前完成,并长期坚持", dec.clone()),
            ("2024年12月,長期堅持", dec),
            ("2024年6月,長期堅持", with(2024, 6, 30)),
            ("2024年6月，長期堅持", with(2024, 6, 30)),
            ("2025年6月,长期坚持", with(2025, 6, 30)),
            ("2025年6月，長期堅持", with(2025, 6, 30)),
            ("2024年3月，长期坚持", with(2024, 3, 31)),
            ("2024年3月,長期堅持", with(2024, 3, 31)),
            ("2024年6月前完成并长期坚持", with(2024, 6, 30)),
            ("2024年6月起长期坚持", with(2024, 6, 30)),
        ]);
    }

    #[test]
    fn seed_event() {
        let want = |event: &str| DeadlineTerm {
            ongoing: true,
            event: Some(event.to_owned()),
            ..DeadlineTerm::default()
        };
        check(&[
            ("與主題教育時間同步并長期堅持", want("主題教育")),
            ("与主题教育时间同步并长期坚持", want("主题教育")),
            ("與主題教育時間同步，並長期堅持", want("主題教育")),
            (" 與 主題教育 時間同步 并長期堅持", want("主題教育")),
            ("與主題 教育時間同步并長期堅持", want("主題 教育")),
        ]);
        assert_eq!(
            parse_deadline("與主題教育時間同步并長期堅持", None),
            Some(want("主題教育"))
        );
    }

    #[test]
    fn event_forms() {
        let ev = |event: &str| DeadlineTerm {
            event: Some(event.to_owned()),
            ..DeadlineTerm::default()
        };
        check(&[
            ("与主题教育同步", ev("主题教育")),
            ("与主题教育时间同步", ev("主题教育")),
            ("随主题教育同步推进", ev("主题教育")),
            ("与机构改革进度一致", ev("机构改革")),
            ("全国两会前", ev("全国两会")),
            ("全國兩會前", ev("全國兩會")),
            ("全国两会召开前完成", ev("全国两会")),
            ("主题教育结束前", ev("主题教育")),
            ("于主题教育结束前", ev("主题教育")),
            ("主题教育期间", ev("主题教育")),
            ("开展检查前", ev("开展检查")),
            ("文件印发后3个月内", ev("文件印发")),
            ("文件印发后三个月内", ev("文件印发")),
            ("审议通过后", ev("审议通过")),
            ("换届后", ev("换届")),
        ]);
        check(&[
            (
                "全国两会前,并长期坚持",
                DeadlineTerm {
                    ongoing: true,
                    ..ev("全国两会")
                },
            ),
            (
                "2024年6月,全国两会前",
                DeadlineTerm {
                    event: Some("全国两会".to_owned()),
                    ..dated(date(2024, 6, 30), Precision::Month)
                },
            ),
            (
                "每年全国两会前",
                // Read as one event name: a recurrence before an event
                // in the same clause is not separated.
                ev("每年全国两会"),
            ),
        ]);
        // A date is not an event; two events do not fit the model; an
        // event name needs two chars.
        rejects(&[
            "2024年两会前",
            "12两会前",
            "与主题教育同步,全国两会前",
            "会前",
            "与同步",
            "全国两会前后",
            "同步",
        ]);
    }

    #[test]
    fn month_with_notice_year() {
        check(&[
            ("6月底前", dated(date(2024, 6, 30), Precision::Month)),
            ("6月", dated(date(2024, 6, 30), Precision::Month)),
            ("6月份", dated(date(2024, 6, 30), Precision::Month)),
            ("六月底", dated(date(2024, 6, 30), Precision::Month)),
            ("十二月前", dated(date(2024, 12, 31), Precision::Month)),
            ("2月", dated(date(2024, 2, 29), Precision::Month)),
        ]);
        assert_eq!(
            parse_deadline("2月", Some(2023)),
            Some(dated(date(2023, 2, 28), Precision::Month))
        );
        // Without a notice year: understood, no due.
        for s in [
            "6月底前",
            "6月",
            "第三季度",
            "上半年",
            "年底前",
            "6月30日",
            "2月29日",
        ] {
            let t = parse_deadline(s, None);
            assert!(
                t.as_ref()
                    .is_some_and(|t| t.due.is_none() && t.precision.is_some()),
                "{s}: {t:?}"
            );
        }
    }

    #[test]
    fn month_forms() {
        let june = dated(date(2024, 6, 30), Precision::Month);
        check(&[
            ("2024年6月底前", june.clone()),
            ("2024年6月底", june.clone()),
            ("2024年6月前", june.clone()),
            ("2024年6月以前", june.clone()),
            ("2024年6月之前", june.clone()),
            ("2024年6月完成", june.clone()),
            ("2024年6月前完成", june.clone()),
            ("2024年6月底前完成", june.clone()),
            ("2024年6月启动", june.clone()),
            ("2024年6月末", june.clone()),
            ("截至2024年6月", june.clone()),
            ("于2024年6月底前完成", june.clone()),
            ("力争2024年6月底前全面完成", june.clone()),
            ("2024年6月底前出台", june.clone()),
            ("2024年6月底前建立", june.clone()),
            ("2024年6月份", june.clone()),
            ("2024 年 6 月", june.clone()),
            ("２０２４年６月底前", june.clone()),
            ("二〇二四年六月", june.clone()),
            ("二〇二四年六月底前", june.clone()),
            ("二○二四年六月", june.clone()),
            ("二零二四年六月", june.clone()),
            (
                "二〇二四年十二月",
                dated(date(2024, 12, 31), Precision::Month),
            ),
            ("2024.6", june.clone()),
            ("2024.06", june.clone()),
            ("2024/6", june.clone()),
            ("2024-06", june.clone()),
            ("2024.6底前", june),
        ]);
        // A month takes the year written before it, not the notice's.
        assert_eq!(
            parse_deadline("2025年6月", Some(2024)),
            Some(dated(date(2025, 6, 30), Precision::Month))
        );
    }

    #[test]
    fn day_forms() {
        let day = dated(date(2024, 6, 30), Precision::Day);
        check(&[
            ("2024年6月30日前", day.clone()),
            ("2024年6月30日", day.clone()),
            ("2024年6月30号", day.clone()),
            ("2024年6月30日之前完成", day.clone()),
            ("二〇二四年六月三十日", day.clone()),
            ("2024.6.30", day.clone()),
            ("2024-06-30", day.clone()),
            ("2024/06/30", day.clone()),
            ("6月30日前", day),
            ("2024年1月1日", dated(date(2024, 1, 1), Precision::Day)),
            (
                "2024年12月三十一日",
                dated(date(2024, 12, 31), Precision::Day),
            ),
            ("2024年6月上旬", dated(date(2024, 6, 10), Precision::Day)),
            ("2024年6月中旬前", dated(date(2024, 6, 20), Precision::Day)),
            ("2024年6月下旬", dated(date(2024, 6, 30), Precision::Day)),
            ("2024年2月下旬", dated(date(2024, 2, 29), Precision::Day)),
        ]);
    }

    #[test]
    fn year_forms() {
        let y2024 = dated(date(2024, 12, 31), Precision::Year);
        check(&[
            ("2024年", y2024.clone()),
            ("2024年底前", y2024.clone()),
            ("2024年底", y2024.clone()),
            ("2024年年底前", y2024.clone()),
            ("2024年年底", y2024.clone()),
            ("2024年末", y2024.clone()),
            ("2024年度", y2024.clone()),
            ("2024年内", y2024.clone()),
            ("2024年底前完成", y2024.clone()),
            ("年底前", y2024.clone()),
            ("年底", y2024.clone()),
            ("年末", y2024.clone()),
            ("年内", y2024.clone()),
            ("年内完成", y2024.clone()),
            ("全年", y2024.clone()),
            ("今年年底前", y2024.clone()),
            ("今年", y2024.clone()),
            ("本年度", y2024.clone()),
            ("二〇二四年底前", y2024),
            ("明年", dated(date(2025, 12, 31), Precision::Year)),
            ("明年6月", dated(date(2025, 6, 30), Precision::Month)),
            ("2025年底前", dated(date(2025, 12, 31), Precision::Year)),
        ]);
        assert_eq!(
            parse_deadline("年底前", None),
            Some(dated(None, Precision::Year))
        );
        assert_eq!(
            parse_deadline("今年", None),
            Some(dated(None, Precision::Year))
        );
    }

    #[test]
    fn half_year_and_quarter_forms() {
        check(&[
            (
                "2024年上半年",
                dated(date(2024, 6, 30), Precision::HalfYear),
            ),
            (
                "2024年下半年",
                dated(date(2024, 12, 31), Precision::HalfYear),
            ),
            (
                "2024年上半年前完成",
                dated(date(2024, 6, 30), Precision::HalfYear),
            ),
            ("上半年", dated(date(2024, 6, 30), Precision::HalfYear)),
            ("2024年年中", dated(date(2024, 6, 30), Precision::HalfYear)),
            (
                "2024年第一季度",
                dated(date(2024, 3, 31), Precision::Quarter),
            ),
            (
                "2024年第二季度",
                dated(date(2024, 6, 30), Precision::Quarter),
            ),
            (
                "2024年第三季度",
                dated(date(2024, 9, 30), Precision::Quarter),
            ),
            ("2024年三季度", dated(date(2024, 9, 30), Precision::Quarter)),
            (
                "2024年第4季度",
                dated(date(2024, 12, 31), Precision::Quarter),
            ),
            (
                "2024年四季度末",
                dated(date(2024, 12, 31), Precision::Quarter),
            ),
            ("第三季度", dated(date(2024, 9, 30), Precision::Quarter)),
            ("第二季度前", dated(date(2024, 6, 30), Precision::Quarter)),
            ("二季度", dated(date(2024, 6, 30), Precision::Quarter)),
        ]);
    }

    #[test]
    fn ranges_take_their_end() {
        let y2025 = dated(date(2025, 12, 31), Precision::Year);
        check(&[
            ("2024—2025年", y2025.clone()),
            ("2024-2025年", y2025.clone()),
            ("2024－2025年", y2025.clone()),
            ("2024–2025年", y2025.clone()),
            ("2024～2025年", y2025.clone()),
            ("2024年至2025年", y2025.clone()),
            ("2024至2025年", y2025.clone()),
            ("2024年—2025年", y2025.clone()),
            ("2024年到2025年底", y2025),
            (
                "2024年6月至12月",
                dated(date(2024, 12, 31), Precision::Month),
            ),
            (
                "2024年6月—12月",
                dated(date(2024, 12, 31), Precision::Month),
            ),
            (
                "2024年6月-2025年6月",
                dated(date(2025, 6, 30), Precision::Month),
            ),
            (
                "2024年6月至2025年",
                dated(date(2025, 12, 31), Precision::Year),
            ),
            ("2024-12月", dated(date(2024, 12, 31), Precision::Month)),
            (
                "2024年6月启动，2024年12月完成",
                dated(date(2024, 12, 31), Precision::Month),
            ),
        ]);
    }

    #[test]
    fn recurrence_forms() {
        use Frequency::*;
        check(&[
            ("每年", recurring(Yearly, None, None, None)),
            ("每年度", recurring(Yearly, None, None, None)),
            ("每年一次", recurring(Yearly, None, None, None)),
            ("每年12月底前", recurring(Yearly, Some(12), None, None)),
            ("每年十二月", recurring(Yearly, Some(12), None, None)),
            (
                "每年12月31日前",
                recurring(Yearly, Some(12), None, Some(31)),
            ),
            ("每年年底前", recurring(Yearly, Some(12), None, None)),
            ("每年上半年", recurring(Yearly, Some(6), None, None)),
            ("每年下半年", recurring(Yearly, Some(12), None, None)),
            ("每年第三季度", recurring(Yearly, None, Some(3), None)),
            ("每年一季度", recurring(Yearly, None, Some(1), None)),
            ("每年2月29日", recurring(Yearly, Some(2), None, Some(29))),
            ("每半年", recurring(HalfYearly, None, None, None)),
            ("每半年一次", recurring(HalfYearly, None, None, None)),
            ("每学期", recurring(HalfYearly, None, None, None)),
            ("每季度", recurring(Quarterly, None, None, None)),
            ("每季度末", recurring(Quarterly, None, None, None)),
            ("每季", recurring(Quarterly, None, None, None)),
            ("按季度", recurring(Quarterly, None, None, None)),
            ("每月", recurring(Monthly, None, None, None)),
            ("每个月", recurring(Monthly, None, None, None)),
            ("每月底前", recurring(Monthly, None, None, None)),
            ("每月5日前", recurring(Monthly, None, None, Some(5))),
            ("每周", recurring(Weekly, None, None, None)),
            ("每星期", recurring(Weekly, None, None, None)),
            ("每年12月,每年", recurring(Yearly, Some(12), None, None)),
        ]);
        check(&[(
            "每年12月,长期坚持",
            DeadlineTerm {
                ongoing: true,
                ..recurring(Yearly, Some(12), None, None)
            },
        )]);
        check(&[(
            "2024年6月前完成,此后每季度",
            DeadlineTerm {
                recurrence: Some(recurrence(Quarterly)),
                ..dated(date(2024, 6, 30), Precision::Month)
            },
        )]);
        rejects(&[
            "每年12月,每季度",
            "每年1月、7月",
            "每季度3月",
            "每月12月",
            "每年2月30日",
            "每年13月",
            "每年第五季度",
            "每周五",
            "每月32日",
            "5日前",
        ]);
    }

    #[test]
    fn milestones_are_due_at_the_last() {
        let t = parse_deadline("2024年9月底前完成自评，2024年11月底前完成抽查验收", None)
            .expect("milestones");
        assert_eq!(t.due, NaiveDate::from_ymd_opt(2024, 11, 30));
        let t = parse_deadline(
            "2024年6月底前完成试点县遴选，2025年6月底前试点县全覆盖",
            None,
        )
        .expect("milestones");
        assert_eq!(t.due, NaiveDate::from_ymd_opt(2025, 6, 30));
        let t = parse_deadline("2022年12月底前出台实施方案", None).expect("one milestone");
        assert_eq!(t.due, NaiveDate::from_ymd_opt(2022, 12, 31));
        assert!(parse_deadline("2024年6月底前市财政局", None).is_none());
        // Prose with dates is no deadline.
        assert!(parse_deadline("2024年底前完成改造任务的80%以上，2025年全面完成", None).is_none());
        assert!(parse_deadline("法规处，人事处", None).is_none());
    }

    #[test]
    fn ongoing_forms() {
        for s in [
            "持续推进",
            "持续開展",
            "长期",
            "長期",
            "长期坚持",
            "常态化",
            "常態化開展",
            "持续开展",
            "逐年推进",
            "逐步推进",
            "动态调整",
            "常抓不懈",
            "持续",
            "长期推进",
            "即日起长期坚持",
            "分阶段推进",
            "分步实施",
        ] {
            assert_eq!(parse(s), ongoing(), "{s}");
        }
    }

    #[test]
    fn results_due_by_a_date_and_work_on_schedule() {
        let t = parse("5月底取得明显成效并持续推进");
        assert_eq!((t.due, t.ongoing), (date(2024, 5, 31), true));
        let t = parse("6月取得阶段性成效，持续优化");
        assert_eq!((t.due, t.ongoing), (date(2024, 6, 30), true));
        let t = parse("11月份取得明显成效");
        assert_eq!((t.due, t.ongoing), (date(2024, 11, 30), false));
        let t = parse("2024年底前建立长效机制");
        assert_eq!((t.due, t.ongoing), (date(2024, 12, 31), false));
        let t = parse("持续优化");
        assert_eq!((t.due, t.ongoing), (None, true));
        let t = parse("按进度推进");
        assert_eq!((t.due, t.ongoing), (None, false));
        assert!(parse_deadline("按期", Some(2024)).is_none());
        assert!(parse_deadline("按要求", Some(2024)).is_none());
        assert!(parse_deadline("按进度", Some(2024)).is_none());
        // Without the notice's year: no day, but still a deadline.
        let t = parse_deadline("5月底取得明显成效", None).expect("understood");
        assert_eq!((t.due, t.precision), (None, Some(Precision::Month)));
    }

    #[test]
    fn immediate_is_understood_without_due() {
        for s in [
            "立即",
            "即时",
            "立即执行",
            "即日起",
            "马上",
            "及时",
            "立行立改",
        ] {
            assert_eq!(parse(s), DeadlineTerm::default(), "{s}");
        }
        check(&[(
            "立即启动,2024年6月底前完成",
            dated(date(2024, 6, 30), Precision::Month),
        )]);
    }

    #[test]
    fn invalid_dates_are_not_understood() {
        rejects(&[
            "2024年13月",
            "2024年0月",
            "13月",
            "2月30日",
            "2024年2月30日",
            "2023年2月29日",
            "2024年4月31日",
            "2024年6月32日",
            "2024.13",
            "2024.2.30",
            "1234年",
            "9999年6月",
            "2024年第五季度",
            "第0季度",
        ]);
        assert_eq!(parse_deadline("2月30日", None), None);
        assert_eq!(parse_deadline("13月", None), None);
    }

    #[test]
    fn leftover_text_is_not_understood() {
        rejects(&[
            "",
            " ",
            "\u{3000}\n\t",
            "，",
            "前",
            "底前完成",
            "并",
            "法规处",
            "法规处、人事处",
            "法規處、人事處",
            "省局机关各处(室、局)",
            "各有关直属单位",
            "abc",
            "2024",
            "2024年6月法规处",
            "法规处2024年6月",
            "2024年6月x",
            "2024年123月",
            "于每年1月31日前将上年度工作报告报送省司法厅。",
            "2019年1月1日至12月31日，对面临经营困难的企业",
            "督促个案整改,推动共性问题建章立制。",
            "30日前",
            "٢٠٢٤年6月",
            "2024年6月以后",
        ]);
    }

    #[test]
    fn event_text_keeps_original_offsets() {
        // Full-width and traditional characters before the event.
        let t = parse_deadline("（與主題教育時間同步）", None);
        assert_eq!(t.and_then(|t| t.event), Some("主題教育".to_owned()));
        let t = parse_deadline("2024年６月，全國兩會召開前", None);
        assert_eq!(t.and_then(|t| t.event), Some("全國兩會".to_owned()));
    }

    #[test]
    fn time_of_day_after_a_date_is_ignored() {
        for raw in [
            "2024年12月31日 09:00",
            "2024年12月31日09:00:00",
            "2024年12月31日18时前",
            "2024年12月31日18时30分前",
        ] {
            let t = parse_deadline(raw, None);
            assert_eq!(t.and_then(|t| t.due), date(2024, 12, 31), "{raw}");
        }
        assert_eq!(parse_deadline("09:00", None).and_then(|t| t.due), None);
    }

    #[test]
    fn long_input_is_fast_and_rejected() {
        let start = std::time::Instant::now();
        let long = "2024年6月".repeat(100_000);
        assert_eq!(parse_deadline(&long, Some(2024)), None);
        assert!(!looks_like_deadline(&long));
        let prose = "与".to_owned() + &"主题教育".repeat(50_000) + "同步";
        assert_eq!(parse_deadline(&prose, Some(2024)), None);
        // Just under the limit, full of near-misses.
        let near = "与主题教育时间同步并".repeat(9);
        let _ = parse_deadline(&near, Some(2024));
        let near = "每年".repeat(49);
        let _ = parse_deadline(&near, Some(2024));
        let near = "年".repeat(100);
        assert_eq!(parse_deadline(&near, Some(2024)), None);
        // A hang guard, not a speed target (criterion measures speed).
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "\u{FEFF}2024年6月",
            "\u{0}",
            "🙂",
            "年年年年",
            "每每每",
            "与与与与同步同步",
            "前前前前",
            "2024.",
            "2024..6",
            "2024年6月\u{200B}",
            "--",
            "至",
            "上旬",
            "6月份上旬",
            "第季度",
            "99999999999999999999年6月",
        ] {
            let _ = parse_deadline(s, Some(2024));
            let _ = parse_deadline(s, None);
            let _ = parse_deadline(s, Some(i32::MAX));
            let _ = parse_deadline(s, Some(i32::MIN));
            let _ = looks_like_deadline(s);
        }
        assert_eq!(
            parse_deadline("\u{FEFF}2024年6月", None),
            Some(dated(date(2024, 6, 30), Precision::Month))
        );
        assert_eq!(parse_deadline("上旬", Some(2024)), None);
        assert_eq!(
            parse_deadline("明年", Some(i32::MAX)),
            Some(dated(None, Precision::Year))
        );
    }

    #[test]
    fn looks_like_deadline_is_strict() {
        for s in [
            "2024年6月",
            "長期堅持",
            "每年12月",
            "每年第一季度",
            "2024年12月前完成,并長期堅持",
            "與主題教育時間同步并長期堅持",
            "6月底前",
            "年底前",
            "2024.6",
        ] {
            assert!(looks_like_deadline(s), "{s}");
        }
        for s in [
            "",
            "   ",
            "法规处、人事处",
            "法規處、人事處",
            "省局机关各处(室、局),省市场监管质量安全检查中心",
            "于每年1月31日前将上年度…报送省司法厅。",
            "2019年1月1日至12月31日，对面临…",
            "(4)制定年度培训工作计划。",
            &"2024年6月,长期坚持,".repeat(4),
        ] {
            assert!(!looks_like_deadline(s), "{s}");
        }
    }

    #[test]
    fn scoped_milestones_name_what_each_date_is_for() {
        let t = parse_deadline(
            "发热门诊应设尽设、应开尽开,1月底前完成;其它事项12月底前取得明显成效并长期坚持",
            Some(2023),
        )
        .expect("understood");
        assert_eq!(t.due, date(2023, 12, 31));
        assert!(t.ongoing);
        let t = parse_deadline("平台建设2024年6月底前完成，其余工作2024年底前完成", None)
            .expect("understood");
        assert_eq!(t.due, date(2024, 12, 31));
        assert!(!t.ongoing);
        // A scope's 本 is no date's (`本项工作`).
        let t = parse_deadline("本项工作2024年底前完成", None).expect("understood");
        assert_eq!(t.due, date(2024, 12, 31));
        // Only where a deadline is expected: a text ending in a date is no
        // deadline cell.
        assert!(!looks_like_deadline("加强组织领导，2024年底前完成"));
        // The last clause must be dated (or say the work goes on).
        assert!(parse_deadline("2024年底前完成，加强组织领导", None).is_none());
        assert!(parse_deadline("加强组织领导，落实各项工作", None).is_none());
    }
}
