//! The words of the timeline: one catalogue of zh-CN and en templates for assumptions, progress
//! flags, event errors, stage names and figure names.
//!
//! A template's `{name}` is replaced by the notice's param `name`. The params `stage` and
//! `current` hold a stage code, `figure` a figure name (`min` / `typical` / `max`) and `status`
//! an event status: those are themselves looked up here (`stage.<code>`, `figure.<name>`,
//! `status.<code>`) so they read naturally in each language.

use std::collections::BTreeMap;

use crate::messages::Locale;

/// `(key, zh-CN, en)`: every text of the timeline.
pub const CATALOGUE: &[(&str, &str, &str)] = &[
    // Stage, figure and status names.
    ("stage.providerReview", "接入商初审", "provider's preliminary review"),
    ("stage.submission", "提交管局", "submission to the provincial bureau"),
    ("stage.smsVerification", "工信部短信核验", "MIIT SMS verification"),
    ("stage.bureauReview", "管局审核", "provincial bureau (管局) review"),
    ("stage.resultSync", "结果同步", "result sync to the provider"),
    ("figure.min", "最短", "minimum"),
    ("figure.typical", "通常", "typical"),
    ("figure.max", "最长", "maximum"),
    ("status.started", "开始", "started"),
    ("status.passed", "通过", "passed"),
    ("status.rejected", "驳回", "rejected"),
    ("principal.either", "主体负责人（个人备案即您本人）", "the subject principal (for a personal filing, you)"),
    ("principal.individual", "主体负责人（即您本人）", "the subject principal (you)"),
    ("principal.unit", "主体负责人", "the subject principal"),
    // Assumptions of an estimate.
    ("startsOnSubmissionDay",
     "提交时间 {submittedAt} 在接入商工作时间内，从当天（{start}）开始计算。",
     "Submitted at {submittedAt}, within the provider's working hours: counting starts that day ({start})."),
    ("startsNextWorkingDayAfterHours",
     "提交时间 {submittedAt} 已过接入商下班时间（{end}），从下一个工作日 {start} 开始计算。",
     "Submitted at {submittedAt}, after the provider's working day ends ({end}): counting starts on the next working day, {start}."),
    ("startsNextWorkingDayDayOff",
     "提交时间 {submittedAt} 为休息日，从下一个工作日 {start} 开始计算。",
     "Submitted at {submittedAt}, on a day off: counting starts on the next working day, {start}."),
    ("countingRule",
     "n 个工作日的环节在开始当天之后的第 n 个工作日结束（开始当天不计入）。",
     "A stage of n working days ends on the n-th working day after the day it starts (that day does not count)."),
    ("smsPersonsPrincipalAndWebsite",
     "工信部核验短信发给{principal}和网站或APP负责人，须在 {hours} 小时内完成核验。",
     "The MIIT verification SMS goes to {principal} and the website's or APP's responsible person, who must answer within {hours} hours."),
    ("smsPersonsWebsiteOnly",
     "新增接入只需网站或APP负责人完成工信部短信核验（{hours} 小时内）。",
     "For a new access filing only the website's or APP's responsible person answers the MIIT SMS (within {hours} hours)."),
    ("smsPersonsChangeSubject",
     "变更主体信息由{principal}完成工信部短信核验（{hours} 小时内）。",
     "A change of the subject's data: {principal} answers the MIIT SMS (within {hours} hours)."),
    ("smsPersonsChangeServices",
     "变更网站或APP信息由其负责人完成工信部短信核验（{hours} 小时内）。",
     "A change of a website's or APP's data: its responsible person answers the MIIT SMS (within {hours} hours)."),
    ("smsPersonsChangeBoth",
     "同时变更主体和网站或APP信息，{principal}和网站或APP负责人都要完成工信部短信核验（{hours} 小时内）。",
     "A change of both the subject's and a website's or APP's data: {principal} and the responsible person both answer the MIIT SMS (within {hours} hours)."),
    ("smsPersonsDependOnChange",
     "变更备案的短信核验对象取决于变更内容：变更主体信息为主体负责人，变更网站或APP信息为其负责人，两者都变更则两人都要核验；须在 {hours} 小时内完成。",
     "For a change filing, who gets the SMS depends on what changes: the subject principal for the subject's data, the responsible person for a website's or APP's, both for both; answer within {hours} hours."),
    ("smsAnsweredSameDay",
     "预计日期假设收到短信当天完成核验；最晚日期按 {hours} 小时时限用满计算。",
     "The likely dates assume the SMS code is entered the day it arrives; the late dates use the full {hours}-hour window."),
    ("provinceFigure",
     "{province}：{stage}{figure}时长按 {days} 个工作日计算（来源：{source}）。",
     "{province}: the {figure} duration of the {stage} is {days} working days (source: {source})."),
    ("defaultFigures",
     "没有 {province} 的专门时长数据，使用全国默认值。",
     "No province-specific durations for {province}: national defaults are used."),
    ("bureauMaxAboveLegal",
     "{province}：管局审核最长按 {max} 个工作日估算，超过 {legal} 个工作日的法定上限；法定期限另行列出。",
     "{province}: the bureau review is estimated at up to {max} working days, more than the legal maximum of {legal}; the legal deadline is shown separately."),
    ("staleFigure",
     "{stage}的{figure}时长（{days} 个工作日）来自较旧的资料（{source}），可能已过时。",
     "The {figure} duration of the {stage} ({days} working days) comes from an old source ({source}) and may be out of date."),
    ("rework",
     "假设被驳回一次、{resubmitAfter} 个工作日后重新提交，增加一轮接入商初审。",
     "Assumes one rejection and a resubmission {resubmitAfter} working days later, adding another provider review cycle."),
    ("holidaysCrossed",
     "期间包含法定节假日：{names}。",
     "The period includes official holidays: {names}."),
    ("makeUpDaysCounted",
     "调休上班日按工作日计算：{dates}（管局是否在调休日审核未经证实）。",
     "Official make-up working days are counted as working days: {dates} (whether the bureau reviews on them is unverified)."),
    ("provisionalYears",
     "本组件内置的节假日数据不含 {years} 年的放假安排：只计入周末和法定节日当天（春节为除夕至初三），未计入放假安排另加的休息日和调休上班日，相关日期为暂定。",
     "The bundled holiday data has no schedule for {years}: only weekends and the statutory holidays themselves are counted (Spring Festival from its eve to the third day), not the extra days off and make-up working days a schedule adds, so these dates are provisional."),
    // Progress flags.
    ("notYetSubmitted",
     "尚未提交（提交时间 {submittedAt}）。",
     "Not submitted yet (submission time {submittedAt})."),
    ("smsWindowOpen",
     "请在 {deadline} 前完成工信部短信核验（剩余 {hoursLeft} 小时 {minutesLeft} 分钟）。",
     "Complete the MIIT SMS verification before {deadline} ({hoursLeft} h {minutesLeft} min left)."),
    ("smsWindowMissed",
     "短信核验已于 {deadline} 超时，订单退回接入商，需要重新提交。",
     "The SMS verification window closed at {deadline}: the order goes back to the provider and must be resubmitted."),
    ("bureauPastLegalDeadline",
     "管局审核已超过法定的 {legal} 个工作日（期限 {deadline}，已过 {elapsed} 个工作日）。",
     "The bureau review is past its legal maximum of {legal} working days (deadline {deadline}; {elapsed} working days elapsed)."),
    ("stageOverdue",
     "{stage}已超过预计最晚完成日期 {lateEnd}。",
     "The {stage} is past its late end date, {lateEnd}."),
    ("rejected",
     "{stage}于 {at} 驳回，请修改后重新提交。",
     "Rejected at the {stage} on {at}: fix the order and resubmit."),
    ("finished",
     "备案结果已于 {at} 同步到接入商。",
     "The result reached the provider on {at}."),
    // Problems with events.
    ("unknownStage",
     "第 {event} 个事件的环节“{value}”无法识别，已忽略。",
     "Event {event}: unknown stage \"{value}\"; ignored."),
    ("unknownStatus",
     "第 {event} 个事件的状态“{value}”无法识别（应为 started、passed 或 rejected），已忽略。",
     "Event {event}: unknown status \"{value}\" (expected started, passed or rejected); ignored."),
    ("duplicateEvent",
     "第 {event} 个事件与之前的事件重复（{stage}{status}），已忽略。",
     "Event {event} repeats an earlier event ({stage} {status}); ignored."),
    ("eventInFuture",
     "第 {event} 个事件的时间 {at} 晚于当前时间 {now}，已忽略。",
     "Event {event} is dated {at}, after the current time {now}; ignored."),
    ("eventBeforeSubmission",
     "第 {event} 个事件的时间 {at} 早于提交时间 {submittedAt}，已忽略。",
     "Event {event} is dated {at}, before the submission at {submittedAt}; ignored."),
    ("eventOutOfOrder",
     "第 {event} 个事件的时间 {at} 早于前一个事件（{previous}），顺序错误，已忽略。",
     "Event {event} is dated {at}, earlier than the event before it ({previous}); ignored."),
    ("stageWentBack",
     "第 {event} 个事件属于已经过去的环节（{stage}），当前环节为{current}，已忽略。",
     "Event {event} is for a stage already passed ({stage}) while the order is at the {current}; ignored."),
    ("stageAlreadyStarted",
     "第 {event} 个事件重复报告{stage}开始，已忽略。",
     "Event {event} reports the {stage} as started a second time; ignored."),
    ("eventAfterFinish",
     "第 {event} 个事件在结果同步之后，已忽略。",
     "Event {event} comes after the result was synced; ignored."),
    ("eventOutOfRange",
     "第 {event} 个事件的时间 {at} 超出支持的日期范围（1900–2200 年），已忽略。",
     "Event {event} is dated {at}, outside the supported range (1900–2200); ignored."),
];

/// Params whose values are themselves catalogue keys under a prefix.
const LOCALIZED_PARAMS: &[(&str, &str)] = &[
    ("stage", "stage"),
    ("current", "stage"),
    ("figure", "figure"),
    ("status", "status"),
    ("principal", "principal"),
];

/// The template for `key` in `locale`, if the catalogue has it.
pub fn template(key: &str, locale: Locale) -> Option<&'static str> {
    CATALOGUE
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match locale {
            Locale::ZhCn => *zh,
            Locale::En => *en,
        })
}

/// A stage's name as it reads inside a sentence ("the provider's preliminary review").
pub fn stage_name(stage: super::Stage, locale: Locale) -> &'static str {
    let key = match stage {
        super::Stage::ProviderReview => "stage.providerReview",
        super::Stage::Submission => "stage.submission",
        super::Stage::SmsVerification => "stage.smsVerification",
        super::Stage::BureauReview => "stage.bureauReview",
        super::Stage::ResultSync => "stage.resultSync",
    };
    template(key, locale).unwrap_or(key)
}

/// Renders `code` with `params` in `locale`. An unknown code renders as the code followed by
/// its params, so nothing is ever silently dropped.
pub fn render(code: &str, params: &BTreeMap<String, String>, locale: Locale) -> String {
    let Some(template) = template(code, locale) else {
        let listed: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        return if listed.is_empty() {
            code.to_owned()
        } else {
            format!("{code} ({})", listed.join(", "))
        };
    };
    crate::template::fill(template, |name| {
        params
            .get(name)
            .map(|value| localized(name, value, locale).into())
    })
}

/// The English name of the province whose Chinese name starts with `chinese` (浙江 →
/// Zhejiang).
#[inline(never)]
fn english_province_name(chinese: &str) -> Option<&'static str> {
    crate::ruledata::RuleData::embedded()
        .provinces()
        .iter()
        .find(|p| !chinese.is_empty() && p.name.starts_with(chinese))
        .map(|p| p.name_en.as_str())
}

fn localized(name: &str, value: &str, locale: Locale) -> String {
    // The review policy names a province in Chinese (浙江); English gives its English name.
    if name == "province" && locale == Locale::En {
        if let Some(english) = english_province_name(value) {
            return english.to_owned();
        }
    }
    LOCALIZED_PARAMS
        .iter()
        .find(|(param, _)| *param == name)
        .and_then(|(_, prefix)| template(&format!("{prefix}.{value}"), locale))
        .unwrap_or(value)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::estimate::AssumptionCode;
    use crate::timeline::progress::{FlagCode, IssueCode};
    use crate::timeline::{NoticeCode, Stage};

    fn placeholders(template: &str) -> Vec<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_code_has_both_texts_with_the_same_placeholders() {
        let codes: Vec<&str> = AssumptionCode::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(FlagCode::ALL.iter().map(|c| c.as_str()))
            .chain(IssueCode::ALL.iter().map(|c| c.as_str()))
            .collect();
        for code in codes {
            let zh =
                template(code, Locale::ZhCn).unwrap_or_else(|| panic!("{code} has no zh-CN text"));
            let en = template(code, Locale::En).unwrap_or_else(|| panic!("{code} has no en text"));
            let mut a = placeholders(zh);
            let mut b = placeholders(en);
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{code}: zh-CN and en use different params");
        }
    }

    #[test]
    fn catalogue_keys_are_unique() {
        let mut keys: Vec<&str> = CATALOGUE.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
    }

    #[test]
    fn stage_params_are_localized() {
        let mut params = BTreeMap::new();
        params.insert("stage".to_owned(), "bureauReview".to_owned());
        params.insert("lateEnd".to_owned(), "2026-11-06".to_owned());
        assert_eq!(
            render("stageOverdue", &params, Locale::ZhCn),
            "管局审核已超过预计最晚完成日期 2026-11-06。"
        );
        assert!(
            render("stageOverdue", &params, Locale::En).contains("provincial bureau (管局) review")
        );
        for stage in Stage::ALL {
            assert_ne!(
                stage_name(stage, Locale::En),
                stage_name(stage, Locale::ZhCn)
            );
        }
    }

    #[test]
    fn unknown_code_keeps_its_params() {
        let mut params = BTreeMap::new();
        params.insert("x".to_owned(), "1".to_owned());
        assert_eq!(render("nope", &params, Locale::En), "nope (x=1)");
    }
}
