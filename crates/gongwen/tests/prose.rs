//! Prose notices: deadlines inside responsibility notes, label lines after
//! an item, a note standing alone after sub-items, and the notice-wide rule
//! 无牵头单位的，责任单位即为牵头单位. Every expected value here is written by hand.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use gongwen::model::{DiagnosticCode, Measure, Notice, Precision, Role};

fn all_measures(n: &Notice) -> Vec<&Measure> {
    n.measures_with_path().into_iter().map(|(_, m)| m).collect()
}

fn units(m: &Measure) -> Vec<(&str, Option<Role>)> {
    m.units.iter().map(|u| (u.name.as_str(), u.role)).collect()
}

fn codes(n: &Notice) -> Vec<DiagnosticCode> {
    n.diagnostics.iter().map(|d| d.code).collect()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn deadline_inside_the_note() {
    let text = "\
关于做好2024年重点工作的通知
各区人民政府，市直各单位：
现将有关事项通知如下。
一、重点任务
（一）推进项目建设，2025年3月前启动二期工程。（市发展改革委负责，6月底前完成）
（二）加强资金保障。（责任单位：市财政局；完成时限：2024年12月底前）
（三）优化营商环境。（市政务服务局牵头，市市场监管局配合）
某某市人民政府
2024年2月1日
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.meta.date, date(2024, 2, 1));
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 3);

    // The date in the item's own text is not its deadline.
    assert_eq!(ms[0].text, "推进项目建设，2025年3月前启动二期工程。");
    assert_eq!(units(ms[0]), [("市发展改革委", Some(Role::Responsible))]);
    let d = ms[0].deadline.as_ref().unwrap();
    assert_eq!(d.raw, "6月底前完成");
    assert_eq!(
        d.due,
        date(2024, 6, 30),
        "a bare month takes the notice's year"
    );
    assert_eq!(d.precision, Some(Precision::Month));
    assert!(!d.ongoing);

    assert_eq!(ms[1].text, "加强资金保障。");
    assert_eq!(units(ms[1]), [("市财政局", Some(Role::Responsible))]);
    let d = ms[1].deadline.as_ref().unwrap();
    assert_eq!(d.raw, "2024年12月底前");
    assert_eq!(d.due, date(2024, 12, 31));

    assert_eq!(
        units(ms[2]),
        [
            ("市政务服务局", Some(Role::Lead)),
            ("市市场监管局", Some(Role::Support))
        ]
    );
    assert_eq!(ms[2].deadline, None);
}

#[test]
fn label_lines_after_an_item() {
    let text = "\
关于印发重点任务清单的通知
各区人民政府：
现将重点任务清单印发给你们。
一、深化改革
1.推进“一件事一次办”改革，2023年已完成的事项继续巩固。
牵头单位：市政务服务局
责任单位：市公安局、市人社局
配合单位:各区人民政府
完成时限：2024年6月底前
牵头负责领导：张三
2.完善公共资源交易平台。
责任单位：市财政局
完成时限:9月底前
二、保障措施
某某市人民政府办公室
2024年3月5日
";
    let n = gongwen::parse_str(text);
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
    assert_eq!(n.outline.len(), 2);
    assert_eq!(n.outline[0].title, "深化改革");
    assert_eq!(n.outline[1].title, "保障措施");
    let ms = &n.outline[0].measures;
    assert_eq!(ms.len(), 2);

    assert_eq!(ms[0].label.as_deref(), Some("1."));
    assert_eq!(ms[0].ordinal, Some(1));
    assert_eq!(
        ms[0].text,
        "推进“一件事一次办”改革，2023年已完成的事项继续巩固。"
    );
    assert_eq!(
        units(&ms[0]),
        [
            ("市政务服务局", Some(Role::Lead)),
            ("市公安局", Some(Role::Responsible)),
            ("市人社局", Some(Role::Responsible)),
            ("各区人民政府", Some(Role::Support)),
        ]
    );
    let d = ms[0].deadline.as_ref().unwrap();
    assert_eq!(d.raw, "2024年6月底前");
    assert_eq!(d.due, date(2024, 6, 30));
    // The leader is a person, no unit, and not a note.
    assert_eq!(ms[0].leader.as_deref(), Some("张三"));
    assert_eq!(ms[0].note, None);

    assert_eq!(ms[1].text, "完善公共资源交易平台。");
    assert_eq!(units(&ms[1]), [("市财政局", Some(Role::Responsible))]);
    let d = ms[1].deadline.as_ref().unwrap();
    assert_eq!(d.raw, "9月底前");
    assert_eq!(d.due, date(2024, 9, 30));
    assert_eq!(ms[1].note, None);
}

#[test]
fn a_note_standing_alone_after_sub_items() {
    let text = "\
关于加强食品安全工作的通知
各县（市、区）人民政府：
现就有关事项通知如下。
1.加强监管。
（1）开展食品安全专项检查。
（2）严厉打击违法行为，2024年5月起集中整治。
（3）完善追溯体系。
（市场监管局负责，年底前完成）
2.强化保障。（市财政局负责）
某某市人民政府
2024年4月1日
";
    let n = gongwen::parse_str(text);
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
    assert_eq!(n.outline.len(), 1, "{:#?}", n.outline);
    let h = &n.outline[0];
    assert_eq!(h.label, "1.");
    assert_eq!(h.title, "加强监管");
    assert!(h.children.is_empty(), "the sub-items are measures");
    assert_eq!(h.measures.len(), 3);
    let texts: Vec<_> = h.measures.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "开展食品安全专项检查。",
            "严厉打击违法行为，2024年5月起集中整治。",
            "完善追溯体系。"
        ]
    );
    for (k, m) in h.measures.iter().enumerate() {
        assert_eq!(m.label.as_deref(), Some(["（1）", "（2）", "（3）"][k]));
        assert_eq!(m.ordinal, Some(k as u32 + 1));
        assert_eq!(units(m), [("市场监管局", Some(Role::Responsible))]);
        let d = m.deadline.as_ref().unwrap();
        assert_eq!(d.raw, "年底前完成");
        assert_eq!(d.due, date(2024, 12, 31));
    }
    // The next item with its own note is a measure of its own.
    assert_eq!(n.measures.len(), 1);
    assert_eq!(n.measures[0].label.as_deref(), Some("2."));
    assert_eq!(
        units(&n.measures[0]),
        [("市财政局", Some(Role::Responsible))]
    );
}

#[test]
fn responsible_units_lead_where_no_unit_does() {
    let text = "\
关于印发2024年工作要点的通知
各区人民政府，市直各单位：
现将工作要点印发给你们。无牵头单位的，责任单位即为牵头单位。
一、主要任务
（一）推进数字政府建设。（市大数据局、市财政局负责）
（二）深化“放管服”改革。（牵头单位：市政务服务局；配合单位：市司法局）
（三）加强督查考核。（责任单位：市委督查室；配合单位：各区人民政府）
（四）优化审批流程。
责任单位：市行政审批局
完成时限：年底前
某某市人民政府
2024年1月8日
";
    let n = gongwen::parse_str(text);
    assert!(codes(&n).is_empty(), "{:?}", n.diagnostics);
    assert_eq!(
        n.meta.body,
        ["现将工作要点印发给你们。无牵头单位的，责任单位即为牵头单位。"]
    );
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 4);
    assert_eq!(
        units(ms[0]),
        [
            ("市大数据局", Some(Role::Lead)),
            ("市财政局", Some(Role::Lead))
        ]
    );
    assert_eq!(
        units(ms[1]),
        [
            ("市政务服务局", Some(Role::Lead)),
            ("市司法局", Some(Role::Support))
        ]
    );
    assert_eq!(
        units(ms[2]),
        [
            ("市委督查室", Some(Role::Lead)),
            ("各区人民政府", Some(Role::Support))
        ]
    );
    assert_eq!(units(ms[3]), [("市行政审批局", Some(Role::Lead))]);
    assert_eq!(ms[3].deadline.as_ref().unwrap().due, date(2024, 12, 31));
}

#[test]
fn the_lead_rule_holds_from_where_it_is_stated() {
    let text = "\
关于做好安全生产工作的通知
各镇人民政府：
现将有关事项通知如下。
1.开展隐患排查。（应急管理局、住建局负责）
说明：未明确牵头单位的，责任单位即为牵头单位。
2.加强宣传教育。（宣传部、教育局负责）
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 2);
    assert_eq!(
        units(ms[0]),
        [
            ("应急管理局", Some(Role::Responsible)),
            ("住建局", Some(Role::Responsible))
        ]
    );
    assert_eq!(
        units(ms[1]),
        [("宣传部", Some(Role::Lead)), ("教育局", Some(Role::Lead))]
    );
    // The 说明 paragraph stands under no heading: it is kept in the body.
    assert_eq!(codes(&n), []);
    assert!(
        n.meta.body.iter().any(|p| p.starts_with("说明：")),
        "{:?}",
        n.meta.body
    );
}

/// A deadline in a note that the grammar does not understand is kept as
/// printed and reported, as in tables.
#[test]
fn unknown_deadline_in_a_note_is_reported() {
    let n =
        gongwen::parse_str("一、总体要求\n（一）加强领导。（办公室负责，完成时限：视情况而定）\n");
    let ms: Vec<_> = n.measures_with_path().into_iter().map(|(_, m)| m).collect();
    assert_eq!(ms.len(), 1);
    let d = ms[0].deadline.as_ref().expect("a deadline");
    assert_eq!((d.raw.as_str(), d.due), ("视情况而定", None));
    assert!(n
        .diagnostics
        .iter()
        .any(|d| d.code == gongwen::model::DiagnosticCode::DeadlineNotUnderstood));
}

/// A note without brackets closing an item: its last sentences start with
/// role labels (and a deadline label), and are cut off the item's text.
#[test]
fn notes_without_brackets() {
    let text = "\
关于印发测试方案的通知
一、重点任务
1.推进改革。加快推进各项改革。责任单位：市发展改革委、市财政局
2.优化服务。提升服务水平。牵头单位：市政务服务局；配合单位：市数据局；完成时限：2024年6月底前
3.加强监管，落实责任；不断完善制度。
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].text, "推进改革。加快推进各项改革。");
    assert_eq!(
        units(ms[0]),
        [
            ("市发展改革委", Some(Role::Responsible)),
            ("市财政局", Some(Role::Responsible))
        ]
    );
    assert_eq!(ms[1].text, "优化服务。提升服务水平。");
    assert_eq!(
        units(ms[1]),
        [
            ("市政务服务局", Some(Role::Lead)),
            ("市数据局", Some(Role::Support))
        ]
    );
    assert_eq!(
        ms[1].deadline.as_ref().map(|d| d.raw.as_str()),
        Some("2024年6月底前")
    );
    // A sentence after a semicolon with no label is no note: item 3 is a heading.
    assert_eq!(n.outline[0].children.len(), 1);
    assert_eq!(n.outline[0].children[0].label, "3.");
}

/// A second `完成时限：` line after an item is kept in a diagnostic, not dropped.
#[test]
fn second_deadline_line_is_reported() {
    let text = "一、加强组织领导\n完成时限：2024年6月底前\n完成时限：2025年底\n";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 1);
    let deadline = ms[0].deadline.as_ref().unwrap();
    assert_eq!(deadline.raw, "2024年6月底前");
    let d = n
        .diagnostics
        .iter()
        .find(|d| d.code == DiagnosticCode::TextNotPlaced)
        .expect("a text_not_placed diagnostic");
    assert_eq!(d.text.as_deref(), Some("2025年底"));
}

/// Role labels: 牵头责任单位 and 主要责任单位 lead, 协同单位 supports, in notes
/// and label lines; numerals above 十 in both label forms.
#[test]
fn role_labels_and_large_numerals() {
    let text = "\
关于印发测试方案的通知
二十三、甲项工作
（二十四）乙项工作。内容乙。（牵头责任单位：市发展改革委；协同单位：市财政局）
（二十五）丙项工作。内容丙。（主要责任单位：市商务局；配合单位：市税务局）
（二十六）丁项工作。
牵头责任单位：市交通运输局
协同单位：市公安局
二十四、戊项工作
（二十七）己项工作。内容己。（市教育局牵头，市人社局协同）
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.outline.len(), 2);
    assert_eq!(
        (n.outline[1].label.as_str(), n.outline[1].ordinal),
        ("二十四、", 24)
    );
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 4);
    assert_eq!(ms[0].ordinal, Some(24));
    for (m, lead, support) in [
        (ms[0], "市发展改革委", "市财政局"),
        (ms[1], "市商务局", "市税务局"),
        (ms[2], "市交通运输局", "市公安局"),
        (ms[3], "市教育局", "市人社局"),
    ] {
        assert_eq!(
            units(m),
            [(lead, Some(Role::Lead)), (support, Some(Role::Support))]
        );
    }
}

#[test]
fn label_lines_run_into_their_items_line() {
    // With nothing between the labels, after a space, and after the item's
    // last sentence on its own line: each label still gives its field, and
    // a unit's tail is never taken for a label word (`市科技局时间节点`).
    let text = "\
某某工作任务分工方案
一、加强组织领导
1.建立健全工作机制，明确职责分工。
牵头单位：市财政局、市教育局配合单位：市科技局时间节点：2025年6月底前
2.开展专项整治行动。
牵头单位：市商务局 配合单位：市财政局 完成时限：2025年底前
3.完善制度体系建设。 责任单位：市数据局 完成时限：长期坚持
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 3);
    assert_eq!(
        units(ms[0]),
        vec![
            ("市财政局", Some(Role::Lead)),
            ("市教育局", Some(Role::Lead)),
            ("市科技局", Some(Role::Support)),
        ]
    );
    assert_eq!(
        ms[0].deadline.as_ref().and_then(|d| d.due),
        date(2025, 6, 30)
    );
    assert_eq!(
        units(ms[1]),
        vec![
            ("市商务局", Some(Role::Lead)),
            ("市财政局", Some(Role::Support))
        ]
    );
    assert_eq!(ms[2].text, "完善制度体系建设。");
    assert_eq!(units(ms[2]), vec![("市数据局", Some(Role::Responsible))]);
    assert!(ms[2].deadline.as_ref().is_some_and(|d| d.ongoing));
    assert!(!codes(&n).contains(&DiagnosticCode::TextNotPlaced));
}

#[test]
fn a_plan_title_wrapped_over_two_lines_starts_the_plan() {
    // The cover's own instructions are no measures, and the title's lines
    // are no item's text.
    let text = "\
关于印发某市优化营商环境三年行动方案的通知
各区人民政府：
现将《某市优化营商环境三年行动方案》印发给你们，请认真贯彻执行。
一、请高度重视。
二、请按时报送。
某市优化营商环境
三年行动方案
一、优化审批。
（市政务服务局负责）
";
    let n = gongwen::parse_str(text);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!(ms[0].text, "优化审批。");
    assert_eq!(units(ms[0]), [("市政务服务局", Some(Role::Responsible))]);
    assert_eq!(
        n.meta.plan_title.as_deref(),
        Some("某市优化营商环境三年行动方案")
    );
}

#[test]
fn a_title_line_after_the_covers_date_starts_the_plan() {
    // The cover names no plan the title repeats; its signature and date
    // close it, and the title line after them starts the plan.
    let text = "\
关于做好重点工作的通知
各区人民政府：
现将有关事项通知如下。
一、请高度重视，抓好落实。
二、请按时报送进展情况。
某市人民政府办公室
2024年3月7日
（此件公开发布）
某市重点工作分工
1.推进审批改革。（市政务服务局负责）
2.优化营商环境。（市发展改革委负责）
";
    let n = gongwen::parse_str(text);
    assert!(n.outline.is_empty(), "{:?}", n.outline);
    let ms = all_measures(&n);
    assert_eq!(ms.len(), 2, "{ms:?}");
    assert_eq!(ms[0].text, "推进审批改革。");
    assert_eq!(n.meta.plan_title.as_deref(), Some("某市重点工作分工"));
    assert!(n.meta.body.iter().any(|p| p.contains("请高度重视")));
    // A date line under the title, before any cover text, starts nothing.
    let text = "\
某市重点工作分工
2024年3月7日
加强组织领导
1.推进审批改革。（市政务服务局负责）
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.meta.plan_title, None);
    // Nor does a date inside the plan, with no issuer before it.
    let text = "\
某区2024年防汛工作方案
一、总体要求
坚持人民至上，确保安全度汛。
二、时间安排
（一）准备阶段
2024年4月30日
完成防汛应急预案修订
（二）实施阶段
1.开展汛前检查。（责任单位：区水利局）
";
    let n = gongwen::parse_str(text);
    assert_eq!(n.meta.plan_title, None);
    assert_eq!(n.outline.len(), 2, "{:?}", n.outline);
}

#[test]
fn a_note_not_understood_is_reported_inside_a_run() {
    let text = "\
一、加强监管。
（一）甲。
做好工作。（按照有关规定认真组织落实）
（二）乙。
（市场监管局负责）
";
    let n = gongwen::parse_str(text);
    assert!(
        n.diagnostics
            .iter()
            .any(|d| d.message == "responsibility note not understood"),
        "{:?}",
        n.diagnostics
    );
}
