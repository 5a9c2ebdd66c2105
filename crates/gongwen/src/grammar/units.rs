//! The unit-list grammar: `法规处、省局机关各处(室、局),省市场监管质量安全检查中心`.
//!
//! Splits one responsibility text (a table cell or a `（…负责）` note) into
//! [`Unit`]s with roles and scopes, and separates prose that names no unit
//! into a note. Knows nothing of tables, positions or the notice around the
//! text.
//!
//! # What it does
//!
//! All matching is done on the folded view of the text
//! ([`crate::normalize::fold`]: simplified script, half-width punctuation,
//! one char per char); names, scopes and the note are cut out of the
//! *original* text at the same char offsets, so they keep the document's own
//! characters (traditional script, full-width brackets).
//!
//! 1. **Splitting.** The text is split into *pieces* on `、` and into
//!    *groups* of pieces on `,` `;` (and their full-width forms) and line
//!    breaks, never inside brackets (`()` `[]` `〔〕` `《》` `〈〉` `“”` `‘’`
//!    `「」` `『』` `【】` `〖〗` `{}`, nested or not). An unclosed bracket is
//!    closed at the end of the text; a stray closing bracket is ignored. A line
//!    break right after a `、` is a wrapped line, not a new group. Join
//!    words split pieces too, when the text before them ends like a unit's
//!    name (rule 5's `unit_like`): `X会同Y`, `X及Y` (not `及其`, `及时`),
//!    `X和Y`, `X与Y` and `X联合Y` where `Y` names a unit of its own too, and
//!    `X等有关部门` / `X等相关单位`, which gives `X` (its `等` dropped) and the
//!    group `有关部门`, also after a short qualifier of level or place
//!    (`X等区政府有关部门`: no count, join word or unit noun). A name a cell
//!    wraps over a line break (`农产品流通工作` / `专班`: a line with no
//!    separator at its end, no role, label or sentence mark, that names no
//!    unit, person or place alone, before a line that starts with no region
//!    or group word) is one piece, the break dropped from the name.
//! 2. **Names.** Pieces are trimmed; empty pieces are dropped. A trailing
//!    `等`, `负责`, `按职责分工负责`, `分别负责`, `。` or `:` is not part of a name,
//!    nor is a mark after it (`区财政局*`, `※`, `★`; what a legend says
//!    such a mark means is not read), nor a word of four chars ending in
//!    `单位` that names the unit's part before its name (`包片单位县幼儿园`:
//!    `县幼儿园`), nor a leading `由` before a name (`由X对…`).
//! 3. **Roles.** A unit's role is, first of all, its own role word: a suffix
//!    `X牵头` (lead), `X配合` / `X协同` / `X参与` / `X协助` (support), `X指导`
//!    (guide), or a bracket `X(牵头)`; a leading `由` goes with such a suffix.
//!    A suffix role also covers the role-less units before it in the same
//!    group (`A、B牵头` → both lead). Otherwise the role of the last role label
//!    `牵头单位:` / `牵头:` (lead), `配合单位:` / `协同:` / `参与:` (support),
//!    `指导:` (guide), `责任单位:` / `责任部门:` (responsible) — which holds until
//!    the next label of any kind. Otherwise `default_role`.
//! 4. **Scopes.** A group that starts with `X:` (X not a role label) is
//!    labelled with the scope X. Each unit gets the scope of its group, where
//!    an unlabelled group's scope is, in this order of precedence:
//!    1. the scope of the last labelled group before it, when that group
//!       stands alone with no units (`X:` on its own line heads what follows);
//!    2. otherwise the scope of the next labelled group in the text (none when
//!       that is a role label);
//!    3. otherwise, when the group starts a new line and the line before
//!       ended with a separator (a wrapped continuation, `…执法稽查局,⏎省局…`),
//!       the scope of the group before it;
//!    4. otherwise none.
//!
//!    Rules 2–4 reproduce the hand-checked answers for the seed notice
//!    (measures 37 and 50); rule 1 only applies to label-only groups, which
//!    the seed does not have. A scope label that ends up naming no unit (a
//!    label-only group followed directly by another label, or at the end) is
//!    not a label: its piece is read as a plain piece.
//! 5. **Notes.** A piece containing a sentence end (`。` `!` `?`), a `《`
//!    title, longer than 40 chars, or not unit-like but with a prose word
//!    after a unit-like head, is prose: it is cut at the first prose word
//!    (按照, 根据, 负责, 要, 应, 将, 开展, …) that follows a unit-like head of at
//!    most 40 chars; the head becomes a unit and the text from the cut to the
//!    end of the whole input is the note. When only trailing words stand
//!    between the head and the first full stop (`财政部负责。列第一位者…`), the
//!    clause ends there and the note starts after the full stop. Prose with no
//!    unit-like head goes wholly (from the piece's start, or its label's
//!    start) to the note.
//!
//! Nothing is dropped except white space, separators, join words, brackets
//! of a bracketed role, role words and role labels, and the trailing words
//! of rule 2: every other char ends up in a unit name, a scope or the note.
//!
//! # What it does not do
//!
//! It does not split on `和` between a name and a unit noun or group word
//! (`有关部门和单位` is one name), does not give
//! `会同` a role, does not know "the first-listed unit leads"
//! conventions (`列第一位者为牵头单位`), and does not check that a name is a real
//! unit. [`looks_like_units`] is a cheap, strict guess, not a parser.

use crate::grammar::lexicon;
use crate::grammar::numeral::is_numeral_char;
use crate::model::{Role, Unit};
use crate::normalize::{fold, fold_char};

/// A parsed unit list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitList {
    /// Units in printed order.
    pub units: Vec<Unit>,
    /// Prose that names no unit (e.g. `按照《…》确定的分工开展…`), cut from the
    /// original text: from where the prose starts to the end of the text.
    pub note: Option<String>,
}

/// Parses a unit list. `default_role` is the role of units whose text states
/// none (the role the column header gives, e.g. 责任单位 → responsible).
///
/// Never panics and never loses text (see the module documentation for the
/// rules); an empty or blank text gives no units and no note.
pub fn parse_units(raw: &str, default_role: Option<Role>) -> UnitList {
    let text = Text::new(raw);
    let pieces = join_wrapped_names(&text, split(&text));
    let mut demoted = vec![false; pieces.len()];
    // Each round demotes every unused scope label at once; a demotion cannot
    // make another label unused, so this ends after one or two rounds. The
    // bound only guards against a mistake in that reasoning.
    for _ in 0..8 {
        let parsed = parse_pieces(&text, &pieces, &demoted);
        let resolved = resolve_scopes(&parsed.groups);
        let mut changed = false;
        for k in unused_scope_labels(&parsed.groups, &resolved) {
            if let Some(d) = demoted.get_mut(k) {
                if !*d {
                    *d = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return join_region_groups(
                raw,
                share_region(build(&text, &parsed, &resolved, default_role)),
            );
        }
    }
    let parsed = parse_pieces(&text, &pieces, &demoted);
    let resolved = resolve_scopes(&parsed.groups);
    join_region_groups(
        raw,
        share_region(build(&text, &parsed, &resolved, default_role)),
    )
}

/// Heads that stand alone after a unit of the same region:
/// `各设区市党委、政府` is 各设区市党委 and 各设区市政府.
const BARE_HEADS: [&str; 6] = ["政府", "人民政府", "党委", "党委政府", "管委会", "党工委"];

/// Gives a bare head (`政府`) the region of the unit before it when that
/// unit is the region and another bare head (`各设区市党委`).
fn share_region(mut list: UnitList) -> UnitList {
    for k in 1..list.units.len() {
        let name = fold(&list.units[k].name);
        if !BARE_HEADS.contains(&name.as_str()) {
            continue;
        }
        let prev = list.units[k - 1].name.clone();
        let prev_folded = fold(&prev);
        let Some(head) = BARE_HEADS
            .iter()
            .filter(|h| prev_folded.ends_with(*h))
            .max_by_key(|h| h.len())
        else {
            continue;
        };
        let region_chars = prev_folded.chars().count() - head.chars().count();
        if region_chars == 0 {
            continue;
        }
        let region: String = prev.chars().take(region_chars).collect();
        list.units[k].name = format!("{region}{}", list.units[k].name);
    }
    list
}

/// Region words a group of regions sharing one head is made of.
const GROUP_REGIONS: [&str; 13] = [
    "计划单列市",
    "自治区",
    "直辖市",
    "设区市",
    "县级市",
    "自治州",
    "自治县",
    "省",
    "市",
    "县",
    "区",
    "州",
    "盟",
];

/// A measure's units gathered from several lists (a 责任单位 column and a
/// 牵头单位 column, `区发改局` in both): a name one list states a role for
/// (lead, support, guide) and another lists as responsible (with the same
/// scope) is one unit at its first place, with the stated role. Names
/// repeated within one list, or under two stated roles, stay as listed:
/// the notice says so.
pub fn one_per_name(lists: Vec<Vec<Unit>>) -> Vec<Unit> {
    let plain = |r: Option<Role>| matches!(r, None | Some(Role::Responsible));
    let mut out: Vec<(usize, Unit)> = Vec::new();
    for (k, list) in lists.into_iter().enumerate() {
        for u in list {
            let same = out.iter_mut().find(|(from, o)| {
                *from != k
                    && o.name == u.name
                    && o.scope == u.scope
                    && plain(o.role) != plain(u.role)
            });
            match same {
                Some((_, o)) => {
                    if plain(o.role) {
                        o.role = u.role;
                    }
                }
                None => out.push((k, u)),
            }
        }
    }
    out.into_iter().map(|(_, u)| u).collect()
}

/// Whether `name` is only region words, maybe after `各` and maybe with
/// regions in brackets (`各市`, `自治区`, `市县`, `各县(市、区)`): a region
/// without a head noun of its own, sharing the one after it.
pub fn bare_region_name(name: &str) -> bool {
    // Cheap test first: every unit name is asked.
    if name.len() > 30 {
        return false;
    }
    let mut rest = fold(name.trim());
    if let Some(r) = rest.strip_prefix('各') {
        rest = r.to_owned();
    }
    // `县(市、区)`: the regions in brackets are region words too.
    if let Some(open) = rest.find('(').filter(|_| rest.ends_with(')')) {
        let inner = &rest[open + 1..rest.len() - 1];
        if !inner.split('、').all(bare_region_name) {
            return false;
        }
        rest.truncate(open);
    }
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        match GROUP_REGIONS.iter().find(|w| rest.starts_with(*w)) {
            Some(w) => rest = rest[w.len()..].to_owned(),
            None => return false,
        }
    }
    true
}

/// Keeps whole a group of regions that share the head noun of the last one
/// (`各市、县（市、区）人民政府`, `各省、自治区、直辖市及计划单列市农业农村厅`):
/// bare regions, then a unit that starts with a region word and ends with
/// a head noun, with the same role, printed in one stretch of `raw`. A group
/// whose last member has no head of its own (`各区、县级市`) stays split.
fn join_region_groups(raw: &str, mut list: UnitList) -> UnitList {
    let mut k = 0;
    while k < list.units.len() {
        let start = k;
        while k < list.units.len() && bare_region_name(&list.units[k].name) {
            k += 1;
        }
        let Some(last) = list.units.get(k).filter(|_| k > start) else {
            k += 1;
            continue;
        };
        let folded = fold(&last.name);
        // The shared head is a region's government or department
        // (人民政府, 党委, 管委会, 厅), never a city's own office (`各区、
        // 市直有关部门`, `各区、市财政局` stay two).
        let mut core = folded.as_str();
        while let Some(open) = core.strip_suffix(')').and_then(|c| c.rfind('(')) {
            core = &core[..open];
        }
        let region_head = ["人民政府", "政府", "党委", "管委会", "厅"]
            .iter()
            .any(|h| core.ends_with(h));
        let region_first = region_head && GROUP_REGIONS.iter().any(|w| folded.starts_with(w));
        let same_role = list.units[start..k]
            .iter()
            .all(|u| u.role == last.role && u.scope == last.scope);
        let stretch = raw.find(list.units[start].name.as_str()).and_then(|a| {
            let b = raw[a..].find(last.name.as_str())? + a + last.name.len();
            Some(raw[a..b].to_owned())
        });
        match stretch {
            Some(whole)
                if region_first
                    && same_role
                    && !bare_region_name(&last.name)
                    && whole.chars().count() <= 60 =>
            {
                list.units[start].name = whole;
                list.units.drain(start + 1..=k);
                k = start + 1;
            }
            _ => k += 1,
        }
    }
    list
}

/// Whether `text` looks like a list of units rather than prose or a deadline
/// (used to align flattened table rows and to join continued unit cells).
///
/// True when every piece (split as in [`parse_units`]) is a name of at most
/// 30 chars that ends with a unit head noun (处, 局, 室, 中心, 政府, 部门, …,
/// possibly followed by brackets such as `(室、局)`), optionally after a role
/// or scope label (`牵头单位:`, `双随机执法检查:`). False for the empty string,
/// sentences (any `。`), deadlines (`2024年6月`, `长期坚持`) and labelled
/// texts (`(1)深入开展…`).
pub fn looks_like_units(text: &str) -> bool {
    let trimmed = text.trim();
    // Cheap rejections first: a sentence end means prose.
    if trimmed.is_empty() || trimmed.len() > 6000 || trimmed.contains(['。', '｡']) {
        return false;
    }
    if super::label::parse_label(trimmed).is_some() {
        return false;
    }
    let t = Text::new(trimmed);
    if t.fold.iter().any(|&c| is_sentence_end(c)) {
        return false;
    }
    let mut units = 0usize;
    for p in split(&t) {
        let (label, rest) = detect_label(&t, p.s, p.e);
        let (rs, re) = t.trim(rest, p.e);
        if rs >= re {
            if label.is_some() {
                continue;
            }
            return false;
        }
        let core = unit_core(&t, rs, re);
        if core.e - core.s > MAX_LISTED_UNIT
            || role_word(&t.compact(core.s, core.e)).is_some()
            || !unit_like(&t, core.s, core.e)
            || starts_with_number(&t, core.s, core.e)
            || PROSE_MARKERS
                .iter()
                .any(|w| (core.s..core.e).any(|i| t.starts_with(i, core.e, w)))
            || verb_in_short_name(&t, core.s, core.e)
        {
            return false;
        }
        units += 1;
    }
    units > 0
}

// ---------------------------------------------------------------------------
// Word lists (folded: simplified script, half-width punctuation).

/// Longest name [`looks_like_units`] accepts, in chars.
const MAX_LISTED_UNIT: usize = 30;
/// Longest unit-like head before a prose word, in chars.
const MAX_HEAD: usize = 40;
/// Longest scope label, in chars.
const MAX_LABEL: usize = 40;
/// A piece longer than this (in chars) is read as prose unless it is a name.
const LONG_PIECE: usize = 40;
/// How far back a closing bracket's opener is looked for, in chars.
const MAX_BRACKET: usize = 80;

/// Bracket pairs that protect separators (folded forms).
const BRACKETS: [(char, char); 12] = [
    ('(', ')'),
    ('[', ']'),
    ('〔', '〕'),
    ('《', '》'),
    ('〈', '〉'),
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〖', '〗'),
    ('{', '}'),
];

/// Closing brackets that may follow a unit's head noun (`处(室、局)`).
const NAME_CLOSERS: [char; 7] = [')', ']', '〕', '】', '』', '〗', '〉'];

/// Head nouns of one char that end a unit's name.
const SINGLE_HEADS: [char; 18] = [
    '处', '局', '室', '厅', '部', '委', '办', '会', '院', '所', '站', '队', '组', '科', '司', '署',
    '社', '馆',
];

/// Head nouns of several chars that end a unit's name.
#[rustfmt::skip]
const MULTI_HEADS: [&str; 63] = [
    "中心", "政府", "单位", "部门", "机关", "机构", "党委", "党组", "公司", "集团", "协会", "法院",
    "检察院", "企业", "大学", "学校", "院校", "高校", "党校", "银行", "分行", "支行", "总行",
    "小学", "中学", "幼儿园",
    // The People's Bank of a place, as notices shorten it (`市人行`).
    "人行", "海关", "电视台",
    "广播电台", "妇联", "侨联", "文联", "残联", "工商联", "科协", "政协", "专班", "监狱", "小组",
    "共青团", "团中央", "团委", "艺术团", "指挥部", "委员会", "联合会", "合作社", "办公室",
    // Regions that answer for a measure as a whole (`各区、县级市负责`).
    "县级市", "设区市", "自治区", "直辖市", "自治州", "自治县", "开发区", "新区", "园区", "兵团",
    "示范区", "试验区", "保税区", "管理区",
];

/// Endings that look like a head noun but end ordinary words.
#[rustfmt::skip]
const NOT_HEADS: [&str; 48] = [
    "格局", "大局", "全局", "布局", "开局", "结局", "之处", "好处", "到处", "用处", "益处", "社会",
    "机会", "体会", "领会", "误会", "开会", "与会", "全部", "内部", "外部", "局部", "干部", "场所",
    "住所", "处所", "网站", "重组", "改组", "分组", "学科", "部署", "签署", "督办", "承办", "举办",
    "交办", "代办", "查办", "创办", "排队", "为中心",
    // How a service is delivered (`一网通办`, `全程网办`, `掌上办`, `就近办`,
    // `一次办`, `即来即办`): the verb 办, not an office.
    "通办", "网办", "上办", "近办", "次办", "即办",
];

/// Region words that make a unit after `各` (`各设区市`, `各县(市、区)`).
#[rustfmt::skip]
const REGIONS: [&str; 13] = [
    "省", "市", "县", "区", "地", "州", "盟", "乡", "镇", "街道", "地区", "村", "社区",
];

/// Words that make a unit of a region word after them (`各设区市`,
/// `相关街道`, `所在乡镇`), folded.
pub(crate) const GROUP_WORDS: [&str; 6] = ["各", "相关", "有关", "各相关", "所在", "属地"];

/// Trailing words that are not part of a name, with the role they state.
const SUFFIXES: [(&str, Option<Role>); 28] = [
    ("分别牵头", Some(Role::Lead)),
    ("按职责分工负责", None),
    // How a unit takes its part, before the role word stripped first
    // (`省商务厅按职责分工配合`).
    ("按照职责分工", None),
    ("按职责分工", None),
    ("按职责", None),
    ("按职责分工落实", None),
    ("组织实施", None),
    ("抓好落实", None),
    ("落实", None),
    ("督促指导", Some(Role::Guide)),
    ("统筹指导", Some(Role::Guide)),
    // A unit that coordinates the matter (`法规科统筹，各科室配合`): it
    // answers for it; the genre's lead word is 牵头.
    ("统筹", None),
    ("业务指导", Some(Role::Guide)),
    ("督导", Some(Role::Guide)),
    ("负责组织实施", None),
    ("负责落实", None),
    ("按职责负责", None),
    ("分别负责", None),
    ("负责", None),
    ("牵头", Some(Role::Lead)),
    // The office that handles a matter and those that assist it
    // (`省财政厅主办，省国税局、地税局协办`).
    ("主办", Some(Role::Lead)),
    ("协办", Some(Role::Support)),
    ("配合", Some(Role::Support)),
    ("协同", Some(Role::Support)),
    ("参与", Some(Role::Support)),
    ("协助", Some(Role::Support)),
    ("指导", Some(Role::Guide)),
    ("等", None),
];

/// Words that start prose after a unit's name (longer words first).
#[rustfmt::skip]
const PROSE_WORDS: [&str; 41] = [
    "按照", "根据", "依据", "依照", "结合", "对照", "参照", "负责", "开展", "做好", "抓好", "加强",
    "落实", "组织", "推进", "推动", "制定", "建立", "健全", "完善", "进行", "认真", "严格", "切实",
    "积极", "及时", "共同", "分别", "确定", "承担", "通过", "围绕", "按", "要", "应", "将", "在",
    "于", "对", "把", "向",
];

/// Words that start with a prose word but belong to unit names.
#[rustfmt::skip]
const NOT_PROSE: [&str; 11] = [
    "应急", "对外", "对口", "将乐", "于都", "在线", "组织部", "推进办", "落实办", "按摩", "向塘",
];

/// Verbs that stand in a name ending in `办` only inside a word of
/// [`NOT_PROSE`] (`推进办`): `深化审批改革推进一网通办` is a sentence ending
/// in the verb 办. (Names with other heads hold such verbs:
/// `省推进工业互联网创新发展专项工作组`, `…领导小组办公室`.)
/// Longest office name abbreviated to `…办` that may hold a verb, in chars
/// (`市优化办`, `区深改办`).
const MAX_ABBREVIATED_OFFICE: usize = 5;

#[rustfmt::skip]
const NAME_VERBS: [&str; 10] = [
    "推进", "推动", "深化", "优化", "提升", "实现", "促进", "强化", "提高", "扩大",
];

/// Whether `s..e` ends in `办` and holds one of [`NAME_VERBS`] outside a
/// word of [`NOT_PROSE`] (for [`looks_like_units`]).
fn verb_in_short_name(t: &Text, s: usize, e: usize) -> bool {
    // (An office's short name keeps its verb: `市优化办`.)
    if !t.ends_with(s, e, "办") || e - s <= MAX_ABBREVIATED_OFFICE {
        return false;
    }
    (s..e).any(|i| {
        NAME_VERBS.iter().any(|w| t.starts_with(i, e, w))
            && !NOT_PROSE.iter().any(|w| t.starts_with(i, e, w))
    })
}

/// Words that never stand in a unit's name (for [`looks_like_units`]).
#[rustfmt::skip]
const PROSE_MARKERS: [&str; 22] = [
    "按照", "根据", "依据", "依照", "对照", "开展", "落实", "加强", "建立", "健全", "完善", "确保",
    "做好", "进行", "要求", "成立", "印发", "探索",
    // Adverbs of how work is done (`扎实推进数字政府`, `持续优化营商环境`):
    // a task's title, never a name.
    "扎实", "持续", "着力", "大力",
];

fn opener(c: char) -> Option<usize> {
    BRACKETS.iter().position(|&(o, _)| o == c)
}

fn closer(c: char) -> Option<usize> {
    BRACKETS.iter().position(|&(_, cl)| cl == c)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The role a label or bracketed word states (`牵头单位`, `配合`, `责任部门`):
/// the lexicon's [`lexicon::label_role`].
fn role_word(word: &str) -> Option<Role> {
    lexicon::label_role(word)
}

// ---------------------------------------------------------------------------
// The text and its folded view.

/// One input: its original chars, their folded forms (same count), and
/// whether each char stands outside all brackets.
struct Text {
    orig: Vec<char>,
    fold: Vec<char>,
    top: Vec<bool>,
}

impl Text {
    fn new(raw: &str) -> Self {
        let orig: Vec<char> = raw.chars().collect();
        // Folding is one char per char, so offsets stay true.
        let folded: Vec<char> = orig.iter().map(|&c| fold_char(c)).collect();
        let top = outside_brackets(&folded);
        Text {
            orig,
            fold: folded,
            top,
        }
    }

    fn len(&self) -> usize {
        self.fold.len()
    }

    /// The folded char at `i`, or NUL past the end.
    fn at(&self, i: usize) -> char {
        self.fold.get(i).copied().unwrap_or('\0')
    }

    fn is_top(&self, i: usize) -> bool {
        self.top.get(i).copied().unwrap_or(false)
    }

    /// The original text of chars `s..e`.
    fn cut(&self, s: usize, e: usize) -> String {
        let e = e.min(self.orig.len());
        self.orig
            .get(s.min(e)..e)
            .map(|cs| cs.iter().collect())
            .unwrap_or_default()
    }

    /// `s..e` without white space at either end.
    fn trim(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        e = e.min(self.len());
        while s < e && self.at(s).is_whitespace() {
            s += 1;
        }
        while e > s && self.at(e - 1).is_whitespace() {
            e -= 1;
        }
        (s, e)
    }

    /// Whether the folded chars `s..e` end with `word`.
    fn ends_with(&self, s: usize, e: usize, word: &str) -> bool {
        let mut i = e;
        for w in word.chars().rev() {
            if i <= s {
                return false;
            }
            i -= 1;
            if self.at(i) != w {
                return false;
            }
        }
        true
    }

    /// Whether the folded chars from `i` (before `e`) start with `word`.
    fn starts_with(&self, i: usize, e: usize, word: &str) -> bool {
        (i..)
            .zip(word.chars())
            .all(|(j, w)| j < e && self.at(j) == w)
    }

    fn has(&self, s: usize, e: usize, f: impl Fn(char) -> bool) -> bool {
        (s..e).any(|i| f(self.at(i)))
    }

    /// The folded chars `s..e` without white space.
    fn compact(&self, s: usize, e: usize) -> String {
        (s..e)
            .map(|i| self.at(i))
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// For each char, whether no bracket is open before it. A closing bracket
/// closes the innermost open bracket of its kind (and any opened inside
/// it); one with no open bracket of its kind is ignored. Linear time.
fn outside_brackets(fold: &[char]) -> Vec<bool> {
    let mut top = Vec::with_capacity(fold.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut open = [0usize; BRACKETS.len()];
    for &c in fold {
        top.push(stack.is_empty());
        if let Some(k) = opener(c) {
            stack.push(k);
            if let Some(n) = open.get_mut(k) {
                *n += 1;
            }
        } else if let Some(k) = closer(c) {
            if open.get(k).copied().unwrap_or(0) > 0 {
                while let Some(t) = stack.pop() {
                    if let Some(n) = open.get_mut(t) {
                        *n = n.saturating_sub(1);
                    }
                    if t == k {
                        break;
                    }
                }
            }
        }
    }
    top
}

/// The opener matching the closing bracket at `close`, looking back no
/// further than `s` (nor more than [`MAX_BRACKET`] chars).
fn match_open_back(t: &Text, s: usize, close: usize) -> Option<usize> {
    let lo = s.max(close.saturating_sub(MAX_BRACKET));
    let mut depth = 0usize;
    let mut i = close;
    while i > lo {
        i -= 1;
        let c = t.at(i);
        if closer(c).is_some() {
            depth += 1;
        } else if opener(c).is_some() {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Splitting.

/// A non-blank piece of the text between separators.
#[derive(Debug, Clone, Copy)]
struct Span {
    s: usize,
    e: usize,
    /// Whether a group separator (or an unwrapped line break) precedes it.
    group_start: bool,
    /// Whether a line break precedes it.
    new_line: bool,
    /// Whether the line before it ended with a separator.
    continued: bool,
}

/// Most chars of a name wrapped over two lines (both parts together).
const MAX_WRAPPED_NAME: usize = 20;

/// Joins a name a cell wraps over a line break (`农产品流通工作` /
/// `专班`): a line with no separator at its end and no role, label or
/// sentence mark, that is no unit's name alone, joined with the next line
/// when the two make one. Two names on two lines stay two.
fn join_wrapped_names(t: &Text, pieces: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(pieces.len());
    // (A line that names a place, `城关街道`, `李家村`, or a line that starts
    // with a region or group word, `县民政局`, is a name of its own.)
    let names_place = |s: usize, e: usize| {
        GROUP_WORDS
            .iter()
            .chain(REGIONS.iter())
            .any(|w| t.ends_with(s, e, w))
    };
    for p in pieces {
        if let Some(prev) = out.last_mut() {
            // (Cheap tests first: every piece is asked.)
            let candidate = p.new_line
                && !p.continued
                && p.e - prev.s <= MAX_WRAPPED_NAME
                && !t.has(prev.s, prev.e, |c| is_sentence_end(c) || c == ':')
                && !names_place(prev.s, prev.e)
                && !starts_with_group_or_region(t, p.s, p.e);
            let joins =
                candidate && !starts_with_number(t, prev.s, prev.e) && unit_like(t, prev.s, p.e);
            let core = joins.then(|| unit_core(t, prev.s, prev.e));
            let wrapped = core.is_some_and(|core| {
                core.role.is_none()
                    && core.e == prev.e
                    && !unit_like(t, core.s, core.e)
                    && !lexicon::names_official(&t.compact(core.s, core.e))
            });
            if wrapped {
                prev.e = p.e;
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// The separators met since the last non-blank piece.
#[derive(Default)]
struct Run {
    group: bool,
    newline: bool,
    sep_before_newline: bool,
    dun_last_before_newline: bool,
}

enum Sep {
    Unit,
    Group,
    Line,
    End,
}

/// Splits the text into pieces at separators outside brackets.
fn split(t: &Text) -> Vec<Span> {
    let n = t.len();
    let mut out: Vec<Span> = Vec::new();
    let mut run = Run::default();
    let mut start = 0usize;
    let mut i = 0usize;
    while i <= n {
        // A separator covers `i..i + len`; the piece before it ends at `end`.
        let (sep, end, len) = if i == n {
            (Sep::End, i, 1)
        } else if !t.is_top(i) {
            i += 1;
            continue;
        } else {
            match t.at(i) {
                '、' | '﹑' | '､' => (Sep::Unit, i, 1),
                ',' | ';' | '﹐' | '﹔' => (Sep::Group, i, 1),
                c if is_line_break(c) => (Sep::Line, i, 1),
                _ => match join_word(t, start, i) {
                    Some((end, len)) => (Sep::Unit, end, len),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            }
        };
        let (s, e) = t.trim(start, end);
        if s < e {
            let first = out.is_empty();
            let wrapped = run.newline && !run.group && run.dun_last_before_newline;
            out.push(Span {
                s,
                e,
                group_start: first || run.group || (run.newline && !wrapped),
                new_line: run.newline && !first,
                continued: run.newline && run.sep_before_newline && !first,
            });
            run = Run::default();
        }
        match sep {
            Sep::Unit => {
                if !run.newline {
                    run.sep_before_newline = true;
                    run.dun_last_before_newline = true;
                }
            }
            Sep::Group => {
                run.group = true;
                if !run.newline {
                    run.sep_before_newline = true;
                    run.dun_last_before_newline = false;
                }
            }
            Sep::Line => run.newline = true,
            Sep::End => {}
        }
        start = i + len;
        i += len;
    }
    out
}

/// Most chars of a qualifier between `等` and its group word
/// (`等区政府有关部门`, `等市直相关单位`).
const MAX_GROUP_QUALIFIER: usize = 4;

/// Where the group word after the `等` at `i` starts: right after it
/// (`等有关部门`, `等各相关部门`) or after a short qualifier of Han chars
/// (`等区政府有关部门`).
fn group_after_deng(t: &Text, i: usize) -> Option<usize> {
    // (A qualifier is a level or a place, `区政府`, `市直`: no count,
    // `三个`, no join word, `部门及`, and not a unit noun, `单位`.)
    let qualifier_char = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c) && !is_numeral_char(c) && !"个及和与会同".contains(c)
    };
    let starts_noun = lexicon::UNIT_NOUNS
        .iter()
        .any(|n| t.starts_with(i + 1, t.len(), n));
    if starts_noun {
        return None;
    }
    (i + 1..=i + 1 + MAX_GROUP_QUALIFIER)
        .take_while(|&k| k == i + 1 || qualifier_char(t.at(k - 1)))
        .find(|&k| k < t.len() && GROUP_WORDS.iter().any(|g| t.starts_with(k, t.len(), g)))
}

/// A join word at `i` that separates two units, for a piece that started
/// at `start`: `X会同Y`, `X及Y`, `X等有关部门`, `X等各相关部门` (split after `等`, which
/// then drops as a trailing word, so `有关部门` is a unit of its own) and
/// `X等和Y` (`等和` dropped). The
/// text before must end like a unit's name and a unit must follow; returns
/// where the piece before ends and how far after `i` the next one starts.
fn join_word(t: &Text, start: usize, i: usize) -> Option<(usize, usize)> {
    let c = t.at(i);
    if !matches!(c, '会' | '及' | '等' | '和' | '与' | '联') || !unit_like(t, start, i) {
        return None;
    }
    let (end, len) = match c {
        '会' if t.at(i + 1) == '同' => (i, 2),
        // (`X和Y`, `X与Y`, `X联合Y` only between two names of units:
        // `有关部门和单位`, `部门与单位` stay one.)
        '和' | '与' if names_a_unit_after(t, i + 1) => (i, 1),
        '联' if t.at(i + 1) == '合' && names_a_unit_after(t, i + 2) => (i, 2),
        '及' if !matches!(t.at(i + 1), '其' | '时') => (i, 1),
        // (A group after it: `等有关部门`, `等各相关部门`, `等各单位`.)
        // `X等和Y` / `X等及Y`: `X` (its `等` dropped), then `Y`.
        '等' if matches!(t.at(i + 1), '和' | '及' | '与') => (i, 2),
        '等' if group_after_deng(t, i).is_some() => (i + 1, 1),
        _ => return None,
    };
    // Something that can start a name must follow.
    let next = t.at(i + len);
    (i + len < t.len() && !next.is_whitespace() && opener(next).is_none() && next != '、')
        .then_some((end, len))
}

/// Whether the text from `s` up to the next separator names a unit of its
/// own: it starts with its level (`省` `市` `县` `区` …), ends like a unit's
/// name (a trailing `负责` or `牵头` aside) and is no bare unit noun or
/// group word (`单位`, `有关部门`), which a join word before it makes part
/// of one name.
fn names_a_unit_after(t: &Text, s: usize) -> bool {
    let mut e = s;
    while e < t.len() && !"、,;:。，；：\n ".contains(t.at(e)) && opener(t.at(e)).is_none() {
        e += 1;
    }
    for tail in ["负责", "牵头"] {
        if e >= s + tail.chars().count() && t.ends_with(s, e, tail) {
            e -= tail.chars().count();
        }
    }
    let bare = lexicon::UNIT_NOUNS
        .iter()
        .chain(GROUP_WORDS.iter())
        .any(|w| t.starts_with(s, e, w));
    // (It starts at its level, `市商务局`: a head alone shares the name
    // before it, `各县(市、区)党委和人民政府`, `高新区党工委和管委会`.)
    let own_level = "省市县区州旗乡镇".contains(t.at(s));
    e >= s + 3 && !bare && own_level && unit_like(t, s, e)
}

// ---------------------------------------------------------------------------
// Labels, names and prose.

/// A group's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// A scope: the label's chars.
    Scope(usize, usize),
    /// A role label such as `牵头单位:`.
    Role(Role),
}

/// Finds a label `X:` at the start of a piece; returns it and where the
/// rest of the piece starts. An empty label's colon is skipped; an invalid
/// label (prose, too long, a time like `10:30`) leaves the piece whole.
fn detect_label(t: &Text, s: usize, e: usize) -> (Option<Label>, usize) {
    let Some(colon) = (s..e).find(|&i| t.at(i) == ':' && t.is_top(i)) else {
        return (None, s);
    };
    if colon > s && t.at(colon - 1).is_ascii_digit() && t.at(colon + 1).is_ascii_digit() {
        return (None, s);
    }
    let (ls, le) = t.trim(s, colon);
    if ls >= le {
        return (None, colon + 1);
    }
    if let Some(role) = role_word(&t.compact(ls, le)) {
        return (Some(Label::Role(role)), colon + 1);
    }
    let valid = le - ls <= MAX_LABEL
        && !t.has(ls, le, is_sentence_end)
        && !t.has(ls, le, is_line_break)
        && find_cut(t, ls, le).is_none();
    if valid {
        (Some(Label::Scope(ls, le)), colon + 1)
    } else {
        (None, s)
    }
}

/// Marks a table prints after a unit's name (folded): `区财政局*`, `市A局※`.
const NAME_MARKS: &str = "*※★☆▲△";

/// A name's chars with its trailing words removed, and the role they state.
#[derive(Debug, Clone, Copy)]
struct Core {
    s: usize,
    e: usize,
    role: Option<Role>,
}

/// Strips the trailing words of rule 2 and role words from `s..e`.
fn unit_core(t: &Text, s: usize, e: usize) -> Core {
    let (mut s, mut e) = t.trim(s, e);
    let mut role = None;
    loop {
        let before = (s, e);
        if e > s + 1 && matches!(t.at(e - 1), ':' | '。') {
            e -= 1;
        } else if e > s + 1 && NAME_MARKS.contains(t.at(e - 1)) {
            // (A mark after a name, `区财政局*`, is a footnote's or a
            // legend's, not the name's.)
            e -= 1;
        } else if let Some((open, r)) = bracket_role(t, s, e) {
            if let Some(r) = r {
                role.get_or_insert(r);
            }
            e = open;
        } else if let Some((len, r)) = SUFFIXES.iter().find_map(|&(w, r)| {
            let len = w.chars().count();
            (e - s > len && t.ends_with(s, e, w)).then_some((len, r))
        }) {
            e -= len;
            if let Some(r) = r {
                role.get_or_insert(r);
            }
        }
        (s, e) = t.trim(s, e);
        if (s, e) == before {
            break;
        }
    }
    // (`由A、B牵头`: the role word after the last name covers the first.)
    let role_follows = || {
        let rest: String = t.fold[e..].iter().collect();
        SUFFIXES.iter().any(|&(w, _)| rest.contains(w))
    };
    // (Or a name alone after it, `由X` opening a clause of work: `由X对…`.)
    if e > s + 1 && t.at(s) == '由' && (role.is_some() || role_follows() || unit_like(t, s + 1, e))
    {
        (s, e) = t.trim(s + 1, e);
    }
    // (`、等区政府有关部门`: a `等` stranded at the start of the last piece.)
    if e > s + 1 && t.at(s) == '等' && group_after_deng(t, s).is_some() {
        (s, e) = t.trim(s + 1, e);
    }
    // (A unit named by its part in the work, then by its name, `包片单位县
    // 幼儿园`: the name.)
    if let Some(name) = name_after_part(t, s, e) {
        s = name;
    }
    Core { s, e, role }
}

/// Whether `s..e` starts with a group word or a region (`各`, `有关`,
/// `县`, `街道`): a name of its own starts so.
fn starts_with_group_or_region(t: &Text, s: usize, e: usize) -> bool {
    GROUP_WORDS
        .iter()
        .chain(REGIONS.iter())
        .any(|w| t.starts_with(s, e, w))
}

/// Chars of a word naming a unit's part before its name (`包片单位`).
const PART_WORD_CHARS: usize = 4;

/// Where the name starts after a word naming the unit's part (`包片单位`,
/// `责任单位` run into the name): a word of four chars ending in `单位`,
/// no group word or region at its start (`各成员单位`, `市直单位` head
/// names of their own), then a unit's name of three chars at least. The
/// word is dropped, as a role word after a name is (rule 2).
fn name_after_part(t: &Text, s: usize, e: usize) -> Option<usize> {
    if starts_with_group_or_region(t, s, e) {
        return None;
    }
    // (Of four chars: `国家事业单位登记管理局` is one name.)
    Some(s + PART_WORD_CHARS)
        .filter(|&n| t.starts_with(n - 2, e, "单位"))
        .filter(|&n| e >= n + 3 && unit_like(t, n, e) && (n..e).all(|k| t.is_top(k)))
}

/// A trailing bracketed role word, `法规处(牵头)`, or role phrase,
/// `市大数据局(按职责分工负责)`: its opener and the role it states, if any.
fn bracket_role(t: &Text, s: usize, e: usize) -> Option<(usize, Option<Role>)> {
    if e <= s || t.at(e - 1) != ')' {
        return None;
    }
    let open = match_open_back(t, s, e - 1)?;
    if open <= s || e - open > 10 {
        return None;
    }
    let word = t.compact(open + 1, e - 1);
    if let Some(role) = role_word(&word) {
        return Some((open, Some(role)));
    }
    SUFFIXES
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, r)| (open, r))
}

/// Whether `s..e` ends like a unit's name: a head noun, possibly followed
/// by bracket groups (`各县(市、区)人民政府(管委会)`); or a group word and a
/// region (`各设区市`, `相关街道`); or `各有关…`.
fn unit_like(t: &Text, s: usize, e: usize) -> bool {
    let (s, mut e) = t.trim(s, e);
    let mut groups = 0;
    while e > s && NAME_CLOSERS.contains(&t.at(e - 1)) {
        groups += 1;
        match match_open_back(t, s, e - 1) {
            Some(open) if open > s && groups <= 4 => e = t.trim(s, open).1,
            _ => return false,
        }
    }
    if e < s + 2 {
        return false;
    }
    if let Some(w) = NOT_HEADS.iter().find(|w| t.ends_with(s, e, w)) {
        // An office abbreviated after its region (`市留交办`: 留学人员交流
        // 办公室) is a name; a unit and a verb (`省政府交办`) is not.
        let head = e - w.chars().count();
        let abbreviated = "省市区县州".contains(t.at(s))
            && (2..=4).contains(&(head - s))
            && !unit_like(t, s, head);
        if !abbreviated {
            return false;
        }
    }
    MULTI_HEADS.iter().any(|w| t.ends_with(s, e, w))
        || SINGLE_HEADS.contains(&t.at(e - 1))
        // A district, county or town by name (`越秀区`, `从化市`, `凤阳县`,
        // `城关镇`).
        || ((3..=5).contains(&(e - s)) && "区县市旗镇乡".contains(t.at(e - 1)))
        || GROUP_WORDS.iter().any(|g| {
            let n = g.chars().count();
            // (Past `各` a region of two chars at least: `所在地` is a place.)
            e >= s + n + if n == 1 { 1 } else { 2 }
                && t.starts_with(s, e, g)
                && REGIONS.iter().any(|w| t.ends_with(s + n, e, w))
        })
        || (e > s + 3 && t.starts_with(s, e, "各有关"))
}

/// Whether `s..e` starts with a numbering label such as `(1)` or `1.`.
fn starts_with_number(t: &Text, s: usize, e: usize) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if t.at(s) == '(' && s + 1 < e && numeral(t.at(s + 1)) {
        return true;
    }
    let digits = (s..e).take_while(|&i| t.at(i).is_ascii_digit()).count();
    digits > 0 && matches!(t.at(s + digits), '.' | ')')
}

/// Where prose starts in `s..e`: the first prose word (outside brackets)
/// that follows a unit-like head of at most [`MAX_HEAD`] chars.
fn find_cut(t: &Text, s: usize, e: usize) -> Option<usize> {
    let limit = e.min(s + MAX_HEAD + 1);
    let mut depth = 0usize;
    for i in s..limit {
        let c = t.at(i);
        if depth == 0 && i > s {
            if is_sentence_end(t.at(i - 1)) {
                return None;
            }
            let prose = PROSE_WORDS.iter().any(|w| t.starts_with(i, e, w))
                && !NOT_PROSE.iter().any(|w| t.starts_with(i, e, w));
            if prose {
                let core = unit_core(t, s, i);
                if unit_like(t, core.s, core.e) {
                    return Some(i);
                }
            }
        }
        if opener(c).is_some() {
            depth += 1;
        } else if closer(c).is_some() {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// What a piece is.
enum Class {
    /// A unit's name.
    Unit(Core),
    /// A unit's name, then prose from the given char.
    UnitThenNote(Core, usize),
    /// Prose only.
    Note,
}

/// Classifies the piece `s..e` (rule 5 of the module documentation).
fn classify(t: &Text, s: usize, e: usize) -> Class {
    let core = unit_core(t, s, e);
    // A final full stop may close a name (`法规处。`) but still marks prose.
    let has_end = t.has(s, e, is_sentence_end);
    let inner_end = t.has(core.s, core.e, is_sentence_end);
    let has_title = t.has(core.s, core.e, |c| c == '《');
    let long = core.e - core.s > LONG_PIECE;
    let like = unit_like(t, core.s, core.e);
    if !(has_end || has_title || long || !like) {
        return Class::Unit(core);
    }
    let cut = find_cut(t, s, e);
    // A cut at or after the name's end only meets its trailing words
    // (`法规处负责。`).
    if like && !inner_end && cut.is_none_or(|c| c >= core.e) {
        return Class::Unit(core);
    }
    if !(has_end || has_title || long || cut.is_some()) {
        return Class::Unit(core);
    }
    let Some(c) = cut else {
        return Class::Note;
    };
    // `X负责。列第一位者…`: when only trailing words stand between the head and
    // the first full stop, the clause ends there and the note starts after it.
    if let Some(stop) = (c..e).find(|&i| is_sentence_end(t.at(i))) {
        let whole = unit_core(t, s, stop + 1);
        if whole.e <= c {
            let (ns, ne) = t.trim(stop + 1, e);
            return if ns < ne {
                Class::UnitThenNote(whole, ns)
            } else {
                Class::Unit(whole)
            };
        }
    }
    Class::UnitThenNote(unit_core(t, s, c), c)
}

// ---------------------------------------------------------------------------
// Groups, scopes and the result.

/// A unit before roles and scopes are resolved.
#[derive(Debug, Clone, Copy)]
struct RawUnit {
    s: usize,
    e: usize,
    role: Option<Role>,
}

/// Units between group separators, with the group's label.
#[derive(Debug)]
struct Group {
    label: Option<Label>,
    /// The index of the piece that holds the label.
    label_piece: usize,
    units: Vec<RawUnit>,
    /// Units with no role since the last unit with one (rule 3).
    pending: Vec<usize>,
    continued: bool,
}

impl Group {
    fn push(&mut self, core: Core) {
        let idx = self.units.len();
        self.units.push(RawUnit {
            s: core.s,
            e: core.e,
            role: core.role,
        });
        match core.role {
            Some(role) => {
                for &i in &self.pending {
                    if let Some(u) = self.units.get_mut(i) {
                        u.role = Some(role);
                    }
                }
                self.pending.clear();
            }
            None => self.pending.push(idx),
        }
    }
}

struct Parsed {
    groups: Vec<Group>,
    note_start: Option<usize>,
}

/// Reads the pieces into groups of units, up to the first prose.
fn parse_pieces(t: &Text, pieces: &[Span], demoted: &[bool]) -> Parsed {
    let mut groups: Vec<Group> = Vec::new();
    let mut note_start = None;
    for (idx, p) in pieces.iter().enumerate() {
        let (label, rest) = if demoted.get(idx).copied().unwrap_or(false) {
            (None, p.s)
        } else {
            detect_label(t, p.s, p.e)
        };
        let starts = p.group_start || label.is_some() || groups.is_empty();
        if starts {
            groups.push(Group {
                label,
                label_piece: idx,
                units: Vec::new(),
                pending: Vec::new(),
                continued: p.group_start && p.new_line && p.continued,
            });
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        let (rs, re) = t.trim(rest, p.e);
        if rs >= re {
            continue;
        }
        match classify(t, rs, re) {
            Class::Unit(core) => group.push(core),
            Class::UnitThenNote(core, cut) => {
                group.push(core);
                note_start = Some(cut);
                break;
            }
            Class::Note => {
                if label.is_some() && group.units.is_empty() {
                    // The label heads nothing but prose: it goes with it.
                    group.label = None;
                    note_start = Some(p.s);
                } else {
                    note_start = Some(rs);
                }
                break;
            }
        }
    }
    Parsed { groups, note_start }
}

/// For each group, the index of the scope-labelled group whose scope its
/// units take (rule 4 of the module documentation).
fn resolve_scopes(groups: &[Group]) -> Vec<Option<usize>> {
    let n = groups.len();
    let scope_of = |k: usize| match groups.get(k).and_then(|g| g.label) {
        Some(Label::Scope(..)) => Some(k),
        _ => None,
    };
    let mut next_labelled = vec![None; n];
    let mut next = None;
    for i in (0..n).rev() {
        if let Some(slot) = next_labelled.get_mut(i) {
            *slot = next;
        }
        if groups.get(i).is_some_and(|g| g.label.is_some()) {
            next = Some(i);
        }
    }
    let mut out: Vec<Option<usize>> = Vec::with_capacity(n);
    let mut last_labelled: Option<usize> = None;
    for (i, g) in groups.iter().enumerate() {
        let scope = if g.label.is_some() {
            scope_of(i)
        } else if let Some(j) =
            last_labelled.filter(|&j| groups.get(j).is_some_and(|h| h.units.is_empty()))
        {
            scope_of(j)
        } else if let Some(k) = next_labelled.get(i).copied().flatten() {
            scope_of(k)
        } else if g.continued && i > 0 {
            out.get(i - 1).copied().flatten()
        } else {
            None
        };
        out.push(scope);
        if g.label.is_some() {
            last_labelled = Some(i);
        }
    }
    out
}

/// The pieces holding scope labels that no unit takes.
fn unused_scope_labels(groups: &[Group], resolved: &[Option<usize>]) -> Vec<usize> {
    let mut used = vec![false; groups.len()];
    for (g, origin) in groups.iter().zip(resolved) {
        if let (false, Some(k)) = (g.units.is_empty(), origin) {
            if let Some(u) = used.get_mut(*k) {
                *u = true;
            }
        }
    }
    groups
        .iter()
        .zip(&used)
        .filter(|(g, used)| matches!(g.label, Some(Label::Scope(..))) && !**used)
        .map(|(g, _)| g.label_piece)
        .collect()
}

fn build(
    t: &Text,
    parsed: &Parsed,
    resolved: &[Option<usize>],
    default_role: Option<Role>,
) -> UnitList {
    let mut units = Vec::new();
    let mut label_role: Option<Role> = None;
    for (g, origin) in parsed.groups.iter().zip(resolved) {
        match g.label {
            Some(Label::Role(r)) => label_role = Some(r),
            Some(Label::Scope(..)) => label_role = None,
            None => {}
        }
        let scope = origin
            .and_then(|k| parsed.groups.get(k))
            .and_then(|h| match h.label {
                Some(Label::Scope(s, e)) => Some(t.cut(s, e)),
                _ => None,
            });
        for u in &g.units {
            // (A name wrapped over lines is one name: the breaks go.)
            let mut name = t.cut(u.s, u.e);
            if name.contains(is_line_break) {
                name = name.split(is_line_break).map(str::trim).collect();
            }
            units.push(Unit {
                name,
                role: u.role.or(label_role).or(default_role),
                scope: scope.clone(),
            });
        }
    }
    let note = parsed
        .note_start
        .map(|s| t.cut(s, t.len()).trim().to_owned())
        .filter(|n| !n.is_empty());
    UnitList { units, note }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::comparable;

    fn names(list: &UnitList) -> Vec<&str> {
        list.units.iter().map(|u| u.name.as_str()).collect()
    }

    fn scopes(list: &UnitList) -> Vec<Option<&str>> {
        list.units.iter().map(|u| u.scope.as_deref()).collect()
    }

    fn roles(list: &UnitList) -> Vec<Option<Role>> {
        list.units.iter().map(|u| u.role).collect()
    }

    /// The names `parse_units` reads from `text`.
    fn names_in(text: &str) -> Vec<String> {
        parse_units(text, None)
            .units
            .into_iter()
            .map(|u| u.name)
            .collect()
    }

    #[test]
    fn marks_after_names_are_not_theirs() {
        assert_eq!(
            names_in("区政府办公室*、区财政局"),
            ["区政府办公室", "区财政局"]
        );
        assert_eq!(names_in("区财政局＊、区科技局※"), ["区财政局", "区科技局"]);
    }

    #[test]
    fn a_group_after_deng_with_a_qualifier() {
        assert_eq!(
            names_in("区财政局等区政府有关部门,谯城经开区管委会"),
            ["区财政局", "区政府有关部门", "谯城经开区管委会"]
        );
        // A `等` stranded at a piece's start.
        assert_eq!(
            names_in("区发改委、区经信局、等区政府有关部门"),
            ["区发改委", "区经信局", "区政府有关部门"]
        );
        // `等和` is a join, not a qualifier; nor are a count, a join word
        // or a unit noun.
        assert_eq!(
            names_in("财政部等和各省级人民政府"),
            ["财政部", "各省级人民政府"]
        );
        assert_eq!(
            names_in("区发改局等三个相关部门"),
            ["区发改局等三个相关部门"]
        );
        assert_eq!(
            names_in("区住建局等部门及各街道"),
            ["区住建局等部门", "各街道"]
        );
    }

    #[test]
    fn a_lead_listed_among_the_responsible_is_one_unit_where_it_stands() {
        let responsible = parse_units("区农业局、区发改局、区交通局", Some(Role::Responsible));
        let lead = parse_units("区发改局", Some(Role::Lead));
        let units = one_per_name(vec![responsible.units, lead.units]);
        let got: Vec<(&str, Option<Role>)> =
            units.iter().map(|u| (u.name.as_str(), u.role)).collect();
        assert_eq!(
            got,
            [
                ("区农业局", Some(Role::Responsible)),
                ("区发改局", Some(Role::Lead)),
                ("区交通局", Some(Role::Responsible)),
            ]
        );
        // Within one list, or under two stated roles, a name stays twice.
        let twice = parse_units("甲局、乙局、甲局", Some(Role::Responsible));
        assert_eq!(one_per_name(vec![twice.units]).len(), 3);
        let lead = parse_units("甲局", Some(Role::Lead));
        let support = parse_units("甲局", Some(Role::Support));
        assert_eq!(one_per_name(vec![lead.units, support.units]).len(), 2);
    }

    /// Every non-blank char of `raw` (folded) that is not a separator, a
    /// bracket or an allowed dropped word is found in the output.
    fn assert_no_text_lost(raw: &str, list: &UnitList) {
        let mut out = String::new();
        for u in &list.units {
            out.push_str(&u.name);
        }
        let mut seen_scopes: Vec<&str> = Vec::new();
        for u in &list.units {
            if let Some(s) = u.scope.as_deref() {
                if seen_scopes.last() != Some(&s) {
                    seen_scopes.push(s);
                    out.push_str(s);
                }
            }
        }
        if let Some(n) = &list.note {
            out.push_str(n);
        }
        let mut have: std::collections::HashMap<char, isize> = Default::default();
        for c in crate::normalize::fold(&out).chars() {
            *have.entry(c).or_default() += 1;
        }
        let dropped = "、,;:。等负责按职分工牵头配合协同参与助指导由单位部门责任会及和与联合";
        for c in crate::normalize::fold(raw).chars() {
            if c.is_whitespace()
                || opener(c).is_some()
                || closer(c).is_some()
                || dropped.contains(c)
            {
                continue;
            }
            let n = have.entry(c).or_default();
            *n -= 1;
            assert!(*n >= 0, "char {c:?} of {raw:?} lost in {list:?}");
        }
    }

    const M50: &str =
        "双随机执法检查:信用监管处,案管系统数据推送:执法稽查局,省局机关各有关执法处(室、局)";
    const M37: &str = "与集中行使划转行政审批职权的部门联动:行政审批处,省局机关各有关执法处(室、局)\n综合行政执法市场监管部门与行业主管部门联动:执法稽查局,\n省局机关各有关执法处(室、局)";
    const M21: &str = "省局机关各有关处(室、局)按照《江西省市场监管局全面推行“三项制度”工作任务分解表》(赣市监局法字〔2019〕6号附件)确定的分工开展自查评估及改进完善工作。";
    const M21_NOTE: &str = "按照《江西省市场监管局全面推行“三项制度”工作任务分解表》(赣市监局法字〔2019〕6号附件)确定的分工开展自查评估及改进完善工作。";

    #[test]
    fn a_word_naming_the_units_part_before_its_name_is_no_part_of_it() {
        assert_eq!(names(&parse_units("包片单位县幼儿园", None)), ["县幼儿园"]);
        assert_eq!(
            names(&parse_units("由包片单位联通公司", None)),
            ["联通公司"]
        );
        // Group and region words head names of their own.
        assert_eq!(
            names(&parse_units("各成员单位办公室", None)),
            ["各成员单位办公室"]
        );
        assert_eq!(names(&parse_units("市直单位党委", None)), ["市直单位党委"]);
        // A longer word ending in 单位 is the name's own.
        assert_eq!(
            names(&parse_units("国家事业单位登记管理局", None)),
            ["国家事业单位登记管理局"]
        );
    }

    #[test]
    fn a_name_wrapped_over_two_lines_is_one_name() {
        for (raw, want) in [
            ("农产品流通工作\n专班", vec!["农产品流通工作专班"]),
            (
                "“十五五”规划编制\n领导小组办公室",
                vec!["“十五五”规划编制领导小组办公室"],
            ),
            ("财务会计部\n投资发展部", vec!["财务会计部", "投资发展部"]),
            ("法规处\n人事处、办公室", vec!["法规处", "人事处", "办公室"]),
            ("甲事项:\n法规处", vec!["法规处"]),
            // A place, a person, or a line that starts with a region stays apart.
            ("城关街道\n县民政局", vec!["城关街道", "县民政局"]),
            ("国有东山林场\n县林业局", vec!["国有东山林场", "县林业局"]),
        ] {
            let l = parse_units(raw, None);
            assert_eq!(names(&l), want, "{raw}");
            assert_no_text_lost(raw, &l);
        }
    }

    #[test]
    fn seed_list_of_three() {
        let l = parse_units(
            "省局直属机关党委、省局机关各处(室、局),省市场监管质量安全检查中心",
            Some(Role::Responsible),
        );
        assert_eq!(
            names(&l),
            [
                "省局直属机关党委",
                "省局机关各处(室、局)",
                "省市场监管质量安全检查中心"
            ]
        );
        assert_eq!(scopes(&l), [None, None, None]);
        assert_eq!(roles(&l), [Some(Role::Responsible); 3]);
        assert_eq!(l.note, None);
    }

    #[test]
    fn seed_list_of_seven() {
        let l = parse_units(
            "质量监督处、食品生产处、食品经营处、特殊食品处、食品抽检处、特种设备局、计量处",
            None,
        );
        assert_eq!(
            names(&l),
            [
                "质量监督处",
                "食品生产处",
                "食品经营处",
                "特殊食品处",
                "食品抽检处",
                "特种设备局",
                "计量处"
            ]
        );
        assert_eq!(roles(&l), [None; 7]);
    }

    #[test]
    fn seed_list_of_two_and_more() {
        let l = parse_units("法规处,省局机关各有关执法处(室、局)", None);
        assert_eq!(names(&l), ["法规处", "省局机关各有关执法处(室、局)"]);
        let l = parse_units(
            "省局食品各处(室)、产品质量监督处、特种设备局,省局机关其他有关处(室、局),省市场监管质量安全检查中心",
            None,
        );
        assert_eq!(l.units.len(), 5);
        assert_eq!(names(&l)[0], "省局食品各处(室)");
        let l = parse_units("省局机关各处(室、局),各有关直属单位", None);
        assert_eq!(names(&l), ["省局机关各处(室、局)", "各有关直属单位"]);
    }

    #[test]
    fn a_group_word_and_a_region_is_a_unit() {
        for ok in [
            "市政局、相关街道",
            "各街道",
            "有关县区",
            "所在乡镇",
            "各设区市",
        ] {
            assert!(looks_like_units(ok), "{ok}");
        }
        for not in ["相关", "相关工作", "所在地"] {
            assert!(!looks_like_units(not), "{not}");
        }
    }

    #[test]
    fn brackets_are_never_split() {
        let l = parse_units("省局機關各處(室、局)", None);
        assert_eq!(names(&l), ["省局機關各處(室、局)"]);
        let l = parse_units("各县(市、区)人民政府(管委会)、市交通委（市道运局）", None);
        assert_eq!(
            names(&l),
            ["各县(市、区)人民政府(管委会)", "市交通委（市道运局）"]
        );
        // Angle brackets as some sites print them.
        assert!(looks_like_units("市水务局,各县区政府〈管委会〉"));
        let l = parse_units(
            "各县(市(区)、镇)政府,《法规、规章》办公室,“一、二”专班",
            None,
        );
        assert_eq!(
            names(&l),
            [
                "各县(市(区)、镇)政府",
                "《法规、规章》办公室",
                "“一、二”专班"
            ]
        );
        let l = parse_units("〔甲、乙〕局;［丙,丁］处;「戊、己」室;〈庚、辛〉科", None);
        assert_eq!(l.units.len(), 4);
    }

    #[test]
    fn traditional_and_full_width_keep_their_chars() {
        let l = parse_units(
            "省局直屬機關黨委、省局機關各處（室、局）；省市場監管質量安全檢查中心",
            None,
        );
        assert_eq!(
            names(&l),
            [
                "省局直屬機關黨委",
                "省局機關各處（室、局）",
                "省市場監管質量安全檢查中心"
            ]
        );
        let l = parse_units("法规处，省局机关各有关执法处（室、局）\r\n人事处", None);
        assert_eq!(
            names(&l),
            ["法规处", "省局机关各有关执法处（室、局）", "人事处"]
        );
    }

    #[test]
    fn measure_50_scopes() {
        let gold = [
            ("信用监管处", Some("双随机执法检查")),
            ("执法稽查局", Some("案管系统数据推送")),
            ("省局机关各有关执法处(室、局)", None),
        ];
        let l = parse_units(M50, Some(Role::Responsible));
        let got: Vec<_> = l
            .units
            .iter()
            .map(|u| (u.name.as_str(), u.scope.as_deref()))
            .collect();
        assert_eq!(got, gold);
        assert_eq!(roles(&l), [Some(Role::Responsible); 3]);
        assert_eq!(l.note, None);
        assert_no_text_lost(M50, &l);
    }

    #[test]
    fn measure_50_traditional_and_full_width() {
        let hant =
            "雙隨機執法檢查:信用監管處,案管系統數據推送:執法稽查局,省局機關各有關執法處(室、局)";
        let l = parse_units(hant, None);
        assert_eq!(
            names(&l),
            ["信用監管處", "執法稽查局", "省局機關各有關執法處(室、局)"]
        );
        assert_eq!(
            scopes(&l),
            [Some("雙隨機執法檢查"), Some("案管系統數據推送"), None]
        );
        let wide = "双随机执法检查：信用监管处，案管系统数据推送：执法稽查局，省局机关各有关执法处（室、局）";
        let l = parse_units(wide, None);
        assert_eq!(
            names(&l),
            ["信用监管处", "执法稽查局", "省局机关各有关执法处（室、局）"]
        );
        assert_eq!(
            scopes(&l),
            [Some("双随机执法检查"), Some("案管系统数据推送"), None]
        );
    }

    #[test]
    fn measure_37_scopes() {
        let a = "与集中行使划转行政审批职权的部门联动";
        let b = "综合行政执法市场监管部门与行业主管部门联动";
        let l = parse_units(M37, None);
        let got: Vec<_> = l
            .units
            .iter()
            .map(|u| (u.name.as_str(), u.scope.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("行政审批处", Some(a)),
                ("省局机关各有关执法处(室、局)", Some(b)),
                ("执法稽查局", Some(b)),
                ("省局机关各有关执法处(室、局)", Some(b)),
            ]
        );
        assert_eq!(l.note, None);
        assert_no_text_lost(M37, &l);
        // Windows line ends and full-width punctuation change nothing.
        let crlf = M37
            .replace('\n', "\r\n")
            .replace(',', "，")
            .replace(':', "：");
        let l2 = parse_units(&crlf, None);
        assert_eq!(scopes(&l2), scopes(&l));
        assert_eq!(l2.units.len(), 4);
    }

    #[test]
    fn measure_37_traditional() {
        let hant = "與集中行使劃轉行政審批職權的部門聯動:行政審批處,省局機關各有關執法處(室、局)\n綜合行政執法市場監管部門與行業主管部門聯動:執法稽查局,\n省局機關各有關執法處(室、局)";
        let l = parse_units(hant, None);
        let b = "綜合行政執法市場監管部門與行業主管部門聯動";
        assert_eq!(
            scopes(&l),
            [
                Some("與集中行使劃轉行政審批職權的部門聯動"),
                Some(b),
                Some(b),
                Some(b)
            ]
        );
        assert_eq!(names(&l)[2], "執法稽查局");
    }

    #[test]
    fn scope_spreading_rules() {
        // An unwrapped new line takes no scope from the line before.
        let l = parse_units("甲事项:法规处\n人事处", None);
        assert_eq!(scopes(&l), [Some("甲事项"), None]);
        // A label on its own line heads the lines after it.
        let l = parse_units("甲事项:\n法规处\n人事处,办公室\n乙事项:计量处", None);
        assert_eq!(
            scopes(&l),
            [
                Some("甲事项"),
                Some("甲事项"),
                Some("甲事项"),
                Some("乙事项")
            ]
        );
        // A list wrapped after 、 stays in its group.
        let l = parse_units("甲事项:法规处、\n人事处", None);
        assert_eq!(scopes(&l), [Some("甲事项"), Some("甲事项")]);
        // A label inside a 、 list starts a new group.
        let l = parse_units("法规处、甲事项:人事处", None);
        assert_eq!(scopes(&l), [Some("甲事项"), Some("甲事项")]);
        // A role label ends the reach of scopes.
        let l = parse_units("法规处,配合单位:人事处,甲事项:计量处", None);
        assert_eq!(scopes(&l), [None, None, Some("甲事项")]);
        // A label with no units of its own still scopes what precedes it.
        let l = parse_units("法规处,甲事项:", None);
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(scopes(&l), [Some("甲事项")]);
        // A dangling label is read as a plain piece, not lost.
        let l = parse_units("甲事项:", None);
        assert_eq!(names(&l), ["甲事项"]);
        assert_eq!(scopes(&l), [None]);
        let l = parse_units("甲事项:\n乙事项:计量处", None);
        assert_eq!(names(&l), ["甲事项", "计量处"]);
        assert_eq!(scopes(&l), [Some("乙事项"), Some("乙事项")]);
        // A time is not a label.
        let l = parse_units("10:30法规处", None);
        assert_eq!(names(&l), ["10:30法规处"]);
    }

    #[test]
    fn measure_21_note() {
        let l = parse_units(M21, Some(Role::Responsible));
        assert_eq!(names(&l), ["省局机关各有关处(室、局)"]);
        assert_eq!(l.note.as_deref(), Some(M21_NOTE));
        assert_eq!(scopes(&l), [None]);
        assert_no_text_lost(M21, &l);
    }

    #[test]
    fn measure_21_traditional() {
        let hant = "省局機關各有關處(室、局)按照《江西省市場監管局全面推行“三項制度”工作任務分解表》(贛市監局法字〔2019〕6號附件)確定的分工開展自查評估及改進完善工作。";
        let l = parse_units(hant, None);
        assert_eq!(names(&l), ["省局機關各有關處(室、局)"]);
        assert_eq!(
            l.note.as_deref(),
            Some("按照《江西省市場監管局全面推行“三項制度”工作任務分解表》(贛市監局法字〔2019〕6號附件)確定的分工開展自查評估及改進完善工作。")
        );
    }

    #[test]
    fn other_prose() {
        // Prose after a list: the last head is a unit, the rest the note.
        let l = parse_units("法规处、人事处按照分工,开展自查。", None);
        assert_eq!(names(&l), ["法规处", "人事处"]);
        assert_eq!(l.note.as_deref(), Some("按照分工,开展自查。"));
        // Prose with no unit-like head goes wholly to the note.
        let l = parse_units("法规处,具体分工另行通知。", None);
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(l.note.as_deref(), Some("具体分工另行通知。"));
        let l = parse_units(
            "(1)深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。",
            None,
        );
        assert!(l.units.is_empty());
        assert_eq!(
            l.note.as_deref(),
            Some("(1)深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。")
        );
        // A short head with a prose word, no sentence end.
        let l = parse_units("法规处根据需要", None);
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(l.note.as_deref(), Some("根据需要"));
        // Unit names that contain prose words are not cut.
        let l = parse_units("省应急管理厅要加强协调。", None);
        assert_eq!(names(&l), ["省应急管理厅"]);
        assert_eq!(l.note.as_deref(), Some("要加强协调。"));
        let l = parse_units("市委组织部、省应急管理厅", None);
        assert_eq!(names(&l), ["市委组织部", "省应急管理厅"]);
        // A role before the prose is kept.
        let l = parse_units("法规处牵头制定实施细则。", None);
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(roles(&l), [Some(Role::Lead)]);
        assert_eq!(l.note.as_deref(), Some("制定实施细则。"));
        // A label that heads only prose goes with it to the note.
        let l = parse_units("法规处;有关要求:按规定程序办理。", None);
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(l.note.as_deref(), Some("有关要求:按规定程序办理。"));
        // A clause `X负责。` ends the units; the note starts after it.
        let l = parse_units(
            "人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同",
            None,
        );
        assert_eq!(names(&l), ["人力资源社会保障部", "财政部"]);
        assert_eq!(l.note.as_deref(), Some("列第一位者为牵头单位，下同"));
        let l = parse_units("法规处牵头负责。", Some(Role::Responsible));
        assert_eq!(names(&l), ["法规处"]);
        assert_eq!(roles(&l), [Some(Role::Lead)]);
        assert_eq!(l.note, None);
        // A final full stop is punctuation, not prose.
        let l = parse_units("法规处、人事处。", None);
        assert_eq!(names(&l), ["法规处", "人事处"]);
        assert_eq!(l.note, None);
        for raw in [
            "法规处、人事处按照分工,开展自查。",
            "法规处;有关要求:按规定程序办理。",
            "省应急管理厅要加强协调。",
            "人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同",
        ] {
            assert_no_text_lost(raw, &parse_units(raw, None));
        }
    }

    #[test]
    fn roles_from_labels() {
        let l = parse_units(
            "牵头单位:法规处;配合单位:人事处、办公室",
            Some(Role::Responsible),
        );
        assert_eq!(names(&l), ["法规处", "人事处", "办公室"]);
        assert_eq!(
            roles(&l),
            [Some(Role::Lead), Some(Role::Support), Some(Role::Support)]
        );
        assert_eq!(scopes(&l), [None, None, None]);
        let l = parse_units("牵头：法规处，人事处\n配合：办公室", None);
        assert_eq!(
            roles(&l),
            [Some(Role::Lead), Some(Role::Lead), Some(Role::Support)]
        );
        let l = parse_units("指导:法规处;责任单位:人事处;责任部门:计量处", None);
        assert_eq!(
            roles(&l),
            [
                Some(Role::Guide),
                Some(Role::Responsible),
                Some(Role::Responsible)
            ]
        );
        let l = parse_units("牽頭單位：法規處；協同：人事處", None);
        assert_eq!(names(&l), ["法規處", "人事處"]);
        assert_eq!(roles(&l), [Some(Role::Lead), Some(Role::Support)]);
        // A scope label ends a role label's reach.
        let l = parse_units("牵头单位:法规处,甲事项:人事处", Some(Role::Responsible));
        assert_eq!(roles(&l), [Some(Role::Lead), Some(Role::Responsible)]);
    }

    #[test]
    fn roles_from_suffixes() {
        let l = parse_units("法规处牵头,人事处配合", Some(Role::Responsible));
        assert_eq!(names(&l), ["法规处", "人事处"]);
        assert_eq!(roles(&l), [Some(Role::Lead), Some(Role::Support)]);
        let l = parse_units("法规处、人事处牵头，办公室、计量处协同", None);
        assert_eq!(
            roles(&l),
            [
                Some(Role::Lead),
                Some(Role::Lead),
                Some(Role::Support),
                Some(Role::Support)
            ]
        );
        let l = parse_units("由法规处牵头负责,计量处参与,人事处指导", None);
        assert_eq!(names(&l), ["法规处", "计量处", "人事处"]);
        assert_eq!(
            roles(&l),
            [Some(Role::Lead), Some(Role::Support), Some(Role::Guide)]
        );
        let l = parse_units("法规处(牵头)、人事处（配合）", None);
        assert_eq!(names(&l), ["法规处", "人事处"]);
        assert_eq!(roles(&l), [Some(Role::Lead), Some(Role::Support)]);
        // A default role is given where none is stated.
        let l = parse_units("法规处牵头,人事处", Some(Role::Responsible));
        assert_eq!(roles(&l), [Some(Role::Lead), Some(Role::Responsible)]);
        // Brackets that are not roles stay in the name.
        let l = parse_units("市交通委(牵头单位)、省局机关各处(室、局)", None);
        assert_eq!(names(&l), ["市交通委", "省局机关各处(室、局)"]);
        assert_eq!(roles(&l), [Some(Role::Lead), None]);
    }

    #[test]
    fn trailing_words_are_dropped() {
        let l = parse_units("法规处等", None);
        assert_eq!(names(&l), ["法规处"]);
        let l = parse_units("人事处负责、各有关部门按职责分工负责、计量处等负责", None);
        assert_eq!(names(&l), ["人事处", "各有关部门", "计量处"]);
        assert_eq!(roles(&l), [None; 3]);
        let l = parse_units("各市、县（市、区）人民政府负责", None);
        assert_eq!(names(&l), ["各市、县（市、区）人民政府"]);
        let l = parse_units(
            "质量安全监管司，各省、自治区、直辖市及计划单列市农业农村（农牧）厅（局、委）",
            None,
        );
        assert_eq!(
            names(&l),
            [
                "质量安全监管司",
                "各省、自治区、直辖市及计划单列市农业农村（农牧）厅（局、委）"
            ]
        );
        let l = parse_units("各区、县级市", None);
        assert_eq!(names(&l), ["各区", "县级市"]);
        let l = parse_units("各区、市直有关部门、市财政局", None);
        assert_eq!(names(&l), ["各区", "市直有关部门", "市财政局"]);
        let l = parse_units("市政务服务中心、市大数据局（按职责分工负责）", None);
        assert_eq!(names(&l), ["市政务服务中心", "市大数据局"]);
        // A lone word is kept rather than emptied.
        let l = parse_units("等", None);
        assert_eq!(names(&l), ["等"]);
    }

    #[test]
    fn unbalanced_brackets() {
        let l = parse_units("省局机关各处(室、局,法规处", None);
        assert_eq!(names(&l), ["省局机关各处(室、局,法规处"]);
        let l = parse_units("法规处)、人事处", None);
        assert_eq!(names(&l), ["法规处)", "人事处"]);
        let l = parse_units("法规处]、(人事处》", None);
        assert_eq!(names(&l), ["法规处]", "(人事处》"]);
        for raw in [
            "(((((",
            ")))))",
            "《〈“‘「",
            "(、)、(",
            "”、“、”",
            ":(:)::",
            "((、))、))",
        ] {
            let l = parse_units(raw, None);
            assert_no_text_lost(raw, &l);
            let _ = looks_like_units(raw);
        }
    }

    #[test]
    fn empty_input() {
        for raw in ["", "   ", "\n\r\n", "、,;，；\n", "  、  "] {
            assert_eq!(
                parse_units(raw, Some(Role::Lead)),
                UnitList::default(),
                "{raw:?}"
            );
            assert!(!looks_like_units(raw));
        }
    }

    #[test]
    fn long_inputs_are_fast() {
        let start = std::time::Instant::now();
        let list = "法规处、".repeat(2500);
        let l = parse_units(&list, None);
        assert_eq!(l.units.len(), 2500);
        assert!(looks_like_units(&"法规处、".repeat(100)));
        let prose = "按照要求开展工作".repeat(1250);
        let l = parse_units(&prose, None);
        assert!(l.units.is_empty());
        assert_eq!(l.note.as_deref().map(|n| n.chars().count()), Some(10_000));
        let open = "(".repeat(5000) + &"]".repeat(5000);
        let l = parse_units(&open, None);
        assert!(l.units.is_empty());
        assert_eq!(l.note.as_deref().map(|n| n.chars().count()), Some(10_000));
        let labels = "甲:\n".repeat(3000);
        let l = parse_units(&labels, None);
        assert_eq!(l.units.len(), 3000);
        let mixed = "法规处牵头(室、局)等负责:".repeat(700);
        let _ = parse_units(&mixed, Some(Role::Responsible));
        let _ = looks_like_units(&mixed);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30), // a hang guard, not a speed target
            "took {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn no_text_lost_on_varied_inputs() {
        let inputs = [
            M21,
            M37,
            M50,
            "省局直属机关党委、省局机关各处(室、局),省市场监管质量安全检查中心",
            "法规处、人事处；办公室\n计量处，\n科技和财务处",
            "甲事项:\n法规处\n人事处,办公室\n乙事项:计量处",
            "省局机关各有关处(室、局)按照《办法》规定,做好有关工作。法规处",
            "各设区市、县(市、区)人民政府,省直有关单位",
        ];
        for raw in inputs {
            assert_no_text_lost(raw, &parse_units(raw, None));
        }
    }

    #[test]
    fn no_panic_on_generated_inputs() {
        let alphabet: Vec<char> =
            "处局各有关(（)）〔〕《》“”、,，;；:：\n 。等牵头配合负责按照要法规甲"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..400 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = (seed % alphabet.len() as u64) as usize;
                s.push(alphabet.get(i).copied().unwrap_or('处'));
            }
            let l = parse_units(&s, Some(Role::Responsible));
            assert_no_text_lost(&s, &l);
            for u in &l.units {
                assert!(!u.name.trim().is_empty(), "{s:?} gave {l:?}");
            }
            let _ = looks_like_units(&s);
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
    }

    #[test]
    fn looks_like_unit_lists() {
        for text in [
            "法规处",
            "省局直属机关党委、省局机关各处(室、局),省市场监管质量安全检查中心",
            "质量监督处、食品生产处、食品经营处、特殊食品处、食品抽检处、特种设备局、计量处",
            "法规处,省局机关各有关执法处(室、局)",
            "省局機關各處(室、局)",
            "法規處，省局機關各有關執法處（室、局）",
            M50,
            M37,
            "综合行政执法市场监管部门与行业主管部门联动:执法稽查局,",
            "牵头单位:法规处;配合单位:人事处",
            "法规处牵头,人事处配合",
            "各县(市、区)人民政府(管委会)、市交通委（市道运局）",
            "各设区市、各有关直属单位",
            "国家发展改革委、人民银行、海关总署、财政部",
            "市留交办、越秀区",
            "从化市、凤阳县",
            "各县区人民政府 (管委会)、各大中专院校、驻市高校",
            "省推进长三角一体化发展领导小组办公室",
            "市数字政府推进办、区委深改办",
            "市优化办",
            "省委全面深化改革委员会办公室",
            "省推进工业互联网创新发展专项工作组",
        ] {
            assert!(looks_like_units(text), "{text}");
        }
    }

    #[test]
    fn does_not_look_like_unit_lists() {
        for text in [
            "",
            "  ",
            M21,
            "2024年6月",
            "长期坚持",
            "每年12月",
            "每年第一季度",
            "2024年12月前完成,并长期坚持",
            "与主题教育时间同步并长期坚持",
            "(1)深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。",
            "(11)依法将行政执法责任分解到所属执法机构,落实到执法岗位;并动态调整。",
            "(1)深入开展学习",
            "1.抓实政治能力建设",
            "一、全面提升行政执法人员能力素质",
            "构建行政执法监督格局",
            "成立省市场监管局提升行政执法质量领导小组",
            "法规处按照分工",
            "省政府交办",
            "市区",
            "北部山区人才支持",
            "省局机关各有关处(室、局)按照分工开展",
            "面向社会",
            "法规处、2024年6月",
            "一个非常非常长的名字一个非常非常长的名字一个非常非常长的名字处",
            "深化审批改革推进一网通办",
            "实现政务服务全程网办",
            "推动高频事项掌上办",
            "提升群众办事就近办",
            "优化流程一次办",
            "深化改革推进帮办",
        ] {
            assert!(!looks_like_units(text), "{text}");
        }
    }

    #[test]
    fn seed_cells_are_classified() {
        // Every cell of the flattened seed table: unit cells (the fourth
        // column, and measure 37's continuation lines) look like units,
        // all other cells do not — except measure 21's prose cell.
        let seed = include_str!("../../../../fixtures/seed/seed-hans.txt");
        let mut unit_cells = 0;
        for line in seed.lines().filter(|l| l.contains(" | ")) {
            for cell in line.split('|').map(str::trim).filter(|c| !c.is_empty()) {
                let heading = comparable(cell).chars().nth(1).is_some_and(|c| c == '、');
                let header = [
                    "方案分解的工作任务与责任",
                    "省局贯彻落实具体举措",
                    "完成时限",
                    "责任单位",
                ]
                .contains(&cell);
                let expect = !cell.contains('。')
                    && !cell.contains('月')
                    && !cell.contains("坚持")
                    && !cell.contains("季度")
                    && !cell.starts_with(|c: char| c.is_ascii_digit() || c == '(')
                    && !heading
                    && !header;
                assert_eq!(looks_like_units(cell), expect, "{cell}");
                unit_cells += usize::from(expect);
            }
        }
        assert!(unit_cells > 40, "{unit_cells}");
    }

    #[test]
    fn and_between_two_named_units_splits_them() {
        for (raw, want) in [
            ("市财政局和市商务局", &["市财政局", "市商务局"][..]),
            (
                "市委督查室与市政府督查室负责",
                &["市委督查室", "市政府督查室"][..],
            ),
            ("市数据局联合市网信办", &["市数据局", "市网信办"][..]),
            // A head alone shares the name before it; a unit noun or group
            // word after 和 is part of one name.
            (
                "各县(市、区)党委和人民政府",
                &["各县(市、区)党委和人民政府"][..],
            ),
            ("高新区党工委和管委会", &["高新区党工委和管委会"][..]),
            ("有关部门和单位", &["有关部门和单位"][..]),
        ] {
            let l = parse_units(raw, Some(Role::Responsible));
            assert_eq!(names(&l), want, "{raw}");
            assert_no_text_lost(raw, &l);
        }
    }

    #[test]
    fn huitong_splits_units() {
        let raw = "国家发展改革委、财政部会同有关部门负责";
        let l = parse_units(raw, Some(Role::Responsible));
        assert_eq!(names(&l), ["国家发展改革委", "财政部", "有关部门"]);
        assert_eq!(roles(&l), [Some(Role::Responsible); 3]);
        assert_eq!(l.note, None);
        assert_no_text_lost(raw, &l);
    }

    #[test]
    fn ji_splits_units_but_not_jiqi() {
        let l = parse_units("省发展改革委及省财政厅负责", None);
        assert_eq!(names(&l), ["省发展改革委", "省财政厅"]);
        // 及其 / 及时 are not join words; prose stays prose.
        let l = parse_units("省财政厅及其下属单位", None);
        assert_eq!(names(&l), ["省财政厅及其下属单位"]);
        let l = parse_units("自查评估及改进完善", None);
        assert!(!names(&l).contains(&"改进完善"), "{l:?}");
    }

    #[test]
    fn deng_youguan_gives_the_group_its_own_unit() {
        let raw = "财政部、人力资源社会保障部、民政部等有关部门和单位按职责分工负责";
        let l = parse_units(raw, None);
        assert_eq!(
            names(&l),
            ["财政部", "人力资源社会保障部", "民政部", "有关部门和单位"]
        );
        assert_eq!(l.note, None);
        assert_no_text_lost(raw, &l);
        let l = parse_units("人力资源社会保障部等相关单位负责", None);
        assert_eq!(names(&l), ["人力资源社会保障部", "相关单位"]);
        let l = parse_units("市统计局等各相关部门按职责分工负责", None);
        assert_eq!(names(&l), ["市统计局", "各相关部门"]);
        // A name that itself starts with 各有关 stays whole.
        let l = parse_units("各有关部门和单位，各省级人民政府按职责分工负责", None);
        assert_eq!(names(&l), ["各有关部门和单位", "各省级人民政府"]);
    }

    #[test]
    fn how_a_unit_takes_its_part_is_no_name() {
        let raw = "合肥海关牵头，省贸促会、省商务厅按职责分工配合";
        let l = parse_units(raw, None);
        assert_eq!(names(&l), ["合肥海关", "省贸促会", "省商务厅"]);
        let roles: Vec<Option<Role>> = l.units.iter().map(|u| u.role).collect();
        assert_eq!(
            roles,
            [Some(Role::Lead), Some(Role::Support), Some(Role::Support)]
        );
        assert_no_text_lost(raw, &l);
    }
}
