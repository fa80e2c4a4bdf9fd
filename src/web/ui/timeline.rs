//! The review timeline: the estimate for the filing type and province on a date axis with
//! days off shaded (side panel and check page), and after submission the receipt with the
//! progress preview.

use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use yew::prelude::*;

use super::fields::ConfirmButton;
use super::sections::capitalized;
use crate::aftercare::{Approval, ServiceNumber, UpkeepItem};
use crate::calendar::HolidayCalendar;
use crate::correction::{reason_message, RejectionReason};
use crate::form::Receipt;
use crate::messages::{path_label, path_label_for, ui, Locale};
use crate::model::{ChangeScope, Filing, FilingType, SubjectKind};
use crate::timeline::estimate::AssumptionCode;
use crate::timeline::text::stage_name;
use crate::timeline::{
    estimate, progress, Estimate, EstimateInput, ProgressInput, Stage, StageEvent, StageState,
};
use crate::web::bridge::Setup;

fn estimate_for(setup: &Setup, input: &EstimateInput) -> Option<Estimate> {
    estimate(input, setup.policy(), setup.calendar()).ok()
}

fn md(date: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::En => date.format_iso_short(),
        _ => format!("{}月{}日", date.month(), date.day()),
    }
}

/// `12月1日 – 12月3日`, or one date when both ends are the same day. Each date is kept on
/// one line (`icpf-date`), however narrow the column.
fn span(from: NaiveDate, to: NaiveDate, locale: Locale) -> Html {
    if from == to {
        date(from, locale)
    } else {
        html! { <>{ date(from, locale) }{ " – " }{ date(to, locale) }</> }
    }
}

/// `12月8日（最晚 12月9日）`: the likely end, and the latest when it is later, worded as the
/// estimate before submission words it. A narrow screen breaks a Chinese line before the
/// brackets, never inside them.
fn likely_latest(likely: NaiveDate, late: NaiveDate, locale: Locale) -> Html {
    html! {
        <>
            { date(likely, locale) }
            if late != likely {
                { locale.pick("", " ") }
                // Chinese breaks between any two characters; English between its words.
                <span class={(locale == Locale::ZhCn).then_some("icpf-nowrap")}>
                    { format!("{}{} ", locale.pick("（", "("), ui("timeline.latest", locale)) }{ date(late, locale) }{ locale.pick("）", ")") }
                </span>
            }
        </>
    }
}

/// What the filer is told at `stage`: a change's website is filed and open already, so
/// the bureau's review of it says nothing of opening the site.
fn next_step_key(stage: Stage, filing_type: Option<crate::model::FilingType>) -> String {
    let key = format!("receipt.next.{}", stage.as_str());
    if stage == Stage::BureauReview && filing_type == Some(crate::model::FilingType::Change) {
        return format!("{key}.change");
    }
    key
}

/// One date that never wraps inside itself (「12月14日」 on one line at 375 px).
fn date(day: NaiveDate, locale: Locale) -> Html {
    html! { <span class="icpf-date">{ md(day, locale) }</span> }
}

/// `2026-12-01` style text of a date.
trait ShortIso {
    fn format_iso_short(&self) -> String;
}

impl ShortIso for NaiveDate {
    fn format_iso_short(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

#[derive(Properties, PartialEq)]
pub struct EstimateViewProps {
    pub filing_type: Option<FilingType>,
    #[prop_or_default]
    pub change_scope: Option<ChangeScope>,
    #[prop_or_default]
    pub subject_kind: Option<SubjectKind>,
    pub province: String,
    pub now: NaiveDateTime,
    pub locale: Locale,
    /// A prop, not the form's context: the estimate is redone only when its inputs change,
    /// not on every keystroke.
    pub setup: Rc<Setup>,
}

/// The estimate: completion range, the stages, and the date axis.
#[component(EstimateView)]
pub fn estimate_view(props: &EstimateViewProps) -> Html {
    let locale = props.locale;
    let setup = &props.setup;
    let (Some(ty), false) = (props.filing_type, props.province.is_empty()) else {
        return html! { <p class="icpf-hint">{ ui("timeline.needBasics", locale) }</p> };
    };
    let input = EstimateInput {
        change_scope: props.change_scope,
        subject_kind: props.subject_kind,
        ..EstimateInput::new(ty, &props.province, props.now)
    };
    let Some(est) = estimate_for(setup, &input) else {
        return html! { <p class="icpf-hint">{ ui("timeline.unavailable", locale) }</p> };
    };
    // A province figure above the legal maximum (Zhejiang's 30 working days) explains why the
    // bureau's latest end is after the legal deadline.
    let above_legal = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::BureauMaxAboveLegal)
        .map(|a| a.render(locale));
    // Who gets the MIIT SMS: a change filing's answer decides it.
    let sms = est.sms_assumption().map(|a| a.render(locale));
    html! {
        <div class="icpf-estimate">
            <p class="icpf-estimate-result">
                { ui("timeline.likely", locale) }
                <strong>{ date(est.likely_completion, locale) }</strong>
                { ui("timeline.late", locale) }
                <strong>{ date(est.late_completion, locale) }</strong>
            </p>
            if est.provenance.provisional {
                <p class="icpf-notice icpf-notice-warning">{ ui("timeline.provisional", locale) }</p>
            }
            <ol class="icpf-stages">
                { for est.stages.iter().enumerate().map(|(n, s)| html! {
                    <li class={format!("icpf-stage icpf-stage-{n}")}>
                        <span class="icpf-stage-name">{ capitalized(stage_name(s.stage, locale)) }</span>
                        <span class="icpf-stage-dates">
                            { span(s.start, s.likely_end, locale) }
                            if s.late_end != s.likely_end {
                                <span class="icpf-hint">{ format!(" ({} ", ui("timeline.latest", locale)) }{ date(s.late_end, locale) }{ ")" }</span>
                            }
                        </span>
                    </li>
                }) }
            </ol>
            { axis(&est, setup.calendar(), locale) }
            // Counted from the likely arrival at the bureau, and from the latest when that is
            // later (as the bureau stage's latest end is).
            <p class="icpf-hint">{
                ui(if est.bureau_legal_deadline.late == est.bureau_legal_deadline.likely { "timeline.legal" } else { "timeline.legal.range" }, locale)
                    .replace("{date}", &md(est.bureau_legal_deadline.likely, locale))
                    .replace("{late}", &md(est.bureau_legal_deadline.late, locale))
            }</p>
            if let Some(text) = above_legal {
                <p class="icpf-hint">{ text }</p>
            }
            if let Some(text) = sms {
                <p class="icpf-hint icpf-estimate-sms">{ text }</p>
            }
        </div>
    }
}

/// One cell per day from the start to the late completion: the stage it belongs to on the
/// likely path, the late margin, and days off shaded.
fn axis(est: &Estimate, calendar: &HolidayCalendar, locale: Locale) -> Html {
    let days: Vec<NaiveDate> = est
        .starts_on
        .iter_days()
        .take_while(|d| *d <= est.late_completion)
        .take(120)
        .collect();
    html! {
        <div class="icpf-axis-wrap">
            <ol class="icpf-axis" aria-hidden="true">
                { for days.iter().enumerate().map(|(i, day)| {
                    let stage = est.stages.iter().position(|s| s.start <= *day && *day <= s.likely_end);
                    let off = !calendar.is_working_day_value(*day).unwrap_or(true);
                    let labelled = *day == est.starts_on
                        || (day.day() == 1 && (*day - est.starts_on).num_days() > 6);
                    let class = classes!(
                        "icpf-day",
                        stage.map(|n| format!("icpf-day-s{n}")),
                        (stage.is_none() && *day > est.likely_completion).then_some("icpf-day-late"),
                        off.then_some("icpf-day-off"),
                        labelled.then_some("icpf-day-mark"),
                    );
                    html! { <li {class} title={day.format_iso_short()}>
                        // In the chart's last third a label ends at its day, so it stays
                        // inside the chart (and the page) at any width.
                        if labelled {
                            <span class={classes!("icpf-day-label", (i * 3 > days.len() * 2).then_some("icpf-day-label-end"))}>
                                { md(*day, locale) }
                            </span>
                        }
                    </li> }
                }) }
            </ol>
            <ul class="icpf-legend">
                <li><span class="icpf-swatch icpf-day-s0"></span>{ ui("timeline.legend.review", locale) }</li>
                <li><span class="icpf-swatch icpf-day-late"></span>{ ui("timeline.legend.late", locale) }</li>
                <li><span class="icpf-swatch icpf-day-off"></span>{ ui("timeline.legend.off", locale) }</li>
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelinePanelProps {
    pub filing_type: Option<FilingType>,
    #[prop_or_default]
    pub change_scope: Option<ChangeScope>,
    #[prop_or_default]
    pub subject_kind: Option<SubjectKind>,
    pub province: String,
    pub now: NaiveDateTime,
    pub locale: Locale,
    pub id: String,
    pub setup: Rc<Setup>,
}

/// The side panel: always on wide screens, behind a toggle on narrow ones.
#[component(TimelinePanel)]
pub fn timeline_panel(props: &TimelinePanelProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let body_id = format!("{}-body", props.id);
    html! {
        <aside class={classes!("icpf-aside", (*open).then_some("icpf-aside-open"))} id={props.id.clone()}
            aria-labelledby={format!("{}-title", props.id)}>
            <h2 class="icpf-aside-title" id={format!("{}-title", props.id)}>
                <button type="button" class="icpf-aside-toggle" aria-expanded={open.to_string()}
                    aria-controls={body_id.clone()} onclick={toggle}>
                    { ui("timeline.heading", props.locale) }
                </button>
                <span class="icpf-aside-title-text">{ ui("timeline.heading", props.locale) }</span>
            </h2>
            <div class="icpf-aside-body" id={body_id}>
                <EstimateView filing_type={props.filing_type} change_scope={props.change_scope} subject_kind={props.subject_kind}
                    province={props.province.clone()} now={props.now} locale={props.locale} setup={props.setup.clone()} />
            </div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct SubmittedProps {
    pub receipt: Receipt,
    /// Polled for review events (`{id}` replaced by the receipt's id).
    pub status_endpoint: Option<String>,
    pub setup: Rc<Setup>,
    pub filing: Rc<Filing>,
    pub locale: Locale,
    pub start_over: Callback<MouseEvent>,
    pub heading_id: String,
    /// Whether the heading takes focus when the page opens (after a submission, not when
    /// the widget is mounted on a submitted filing).
    pub take_focus: bool,
    /// The time the estimate shown before submitting was counted from.
    pub estimated_at: NaiveDateTime,
    /// Set by the handle's `refreshStatus()`: poll now.
    pub wake: Rc<std::cell::Cell<bool>>,
    /// 修改被退回的内容: reopen the filing with the reviewer's reasons.
    pub on_correct: Callback<Vec<RejectionReason>>,
    /// 变更备案: start a change filing from the approved filing, with its numbers.
    pub on_change: Callback<Approval>,
    /// The filing was approved: its numbers, the day and its upkeep calendar.
    pub on_approved: Callback<Rc<(Approval, Vec<UpkeepItem>)>>,
    /// The rules' today, for the upkeep calendar's overdue items.
    pub today: NaiveDate,
    /// The host's `fetchPage(url)`: with it, each website's live footer can be checked.
    pub fetch_page: Option<js_sys::Function>,
}

/// What the status endpoint says (docs/http-contract.md).
#[derive(Clone, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    #[serde(default)]
    events: Vec<StageEvent>,
    #[serde(default)]
    submitted_at: Option<String>,
    #[serde(default)]
    filing_number: Option<String>,
    #[serde(default)]
    service_numbers: Vec<ServiceNumber>,
    /// The endpoint answered 404: it holds no filing with this id.
    #[serde(skip)]
    not_found: bool,
}

/// 审核进度: the receipt and where the filing is expected to be.
#[component(Submitted)]
pub fn submitted(props: &SubmittedProps) -> Html {
    let locale = props.locale;
    let receipt = &props.receipt;
    {
        let (id, take_focus) = (props.heading_id.clone(), props.take_focus);
        use_effect_with((), move |_| {
            if take_focus {
                super::focus_soon(id);
            }
        });
    }
    let status = use_state(Status::default);
    {
        let status = status.clone();
        let wake = props.wake.clone();
        let url = props
            .status_endpoint
            .as_ref()
            .map(|u| u.replace("{id}", &receipt.id));
        use_effect_with(url, move |url| {
            let alive = Rc::new(std::cell::Cell::new(true));
            if let Some(url) = url.clone() {
                wasm_bindgen_futures::spawn_local(poll_status(url, status, wake, alive.clone()));
            }
            move || alive.set(false)
        });
    }
    let events = &status.events;
    // Approved: the result reached the provider and the number is known.
    let approved = status.filing_number.clone().filter(|_| {
        events
            .last()
            .is_some_and(|e| e.stage == "resultSync" && e.status == "passed")
    });
    // The approval and what it must keep true, from the day the result arrived.
    let approval = approved.as_ref().zip(events.last()).map(|(number, last)| {
        let approval = Approval::of(
            &props.filing,
            number.clone(),
            status.service_numbers.clone(),
            last.at.date(),
        );
        let upkeep = crate::aftercare::upkeep(&props.filing, &approval, props.today, locale)
            .unwrap_or_default();
        Rc::new((approval, upkeep))
    });
    {
        let on_approved = props.on_approved.clone();
        let approval = approval.clone();
        use_effect_with(approved.clone(), move |_| {
            if let Some(approval) = approval {
                on_approved.emit(approval);
            }
        });
    }
    // Sent back: the reasons of the latest event, while the filing awaits its correction.
    let returned = events
        .last()
        .filter(|e| e.status == "rejected")
        .map(|e| e.reasons.clone());
    // The review counts from the first submission (the receiver's `submittedAt`; a correction
    // keeps it), and no event the receiver reports is in the future, whatever this
    // browser's clock says.
    let submitted_at = status
        .submitted_at
        .as_deref()
        .and_then(|at| crate::dates::parse_cst_datetime(at).ok())
        .or_else(|| crate::dates::parse_cst_datetime(&receipt.received_at).ok());
    let latest = events.iter().map(|e| e.at).max();
    let preview = match submitted_at.and_then(|at| EstimateInput::for_filing(&props.filing, at)) {
        Some(estimate) => {
            let at = estimate.submitted_at;
            let input = ProgressInput {
                estimate,
                events: events.clone(),
                now: super::super::browser::now_in_china()
                    .max(at)
                    .max(latest.unwrap_or(at)),
            };
            progress(&input, props.setup.policy(), props.setup.calendar()).ok()
        }
        None => None,
    };
    // The preview counts from the receipt's time; when that moved the dates the filer saw
    // before submitting (a later day, after the day's cut-off), say so and show both.
    let earlier = match (
        &preview,
        EstimateInput::for_filing(&props.filing, props.estimated_at),
    ) {
        (Some(p), Some(input)) if events.len() <= 1 => {
            estimate_for(&props.setup, &input).filter(|e| {
                p.likely_completion != Some(e.likely_completion)
                    || p.late_completion != Some(e.late_completion)
            })
        }
        _ => None,
    };
    // The stage under way, for what the filer should do now, and the provider's words on
    // the latest event.
    let current = preview
        .as_ref()
        .and_then(|p| p.stages.iter().find(|s| s.state == StageState::Current))
        .map_or(Stage::ProviderReview, |s| s.stage);
    let note = events
        .last()
        .and_then(|e| e.note.clone())
        .filter(|n| !n.trim().is_empty());
    // After a correction the receipt is the resubmission's; the review counts from the first.
    let received = crate::dates::parse_cst_datetime(&receipt.received_at).ok();
    let first_submission = status.submitted_at.clone().filter(|first| {
        let first = crate::dates::parse_cst_datetime(first).ok();
        first.is_some() && first < received
    });
    html! {
        <div class="icpf-panel icpf-receipt">
            // Once approved, the page is the approval's.
            <h2 class="icpf-heading" id={props.heading_id.clone()} tabindex="-1">{ ui(match (approved.is_some(), props.filing.filing_type) {
                (true, _) => "approved.title",
                (false, Some(crate::model::FilingType::Change)) => "receipt.title.change",
                (false, _) => "receipt.title",
            }, locale) }</h2>
            <div role="status">
                <dl class="icpf-receipt-list">
                    <dt>{ ui("receipt.id", locale) }</dt>
                    <dd class="icpf-receipt-id">{ &receipt.id }</dd>
                    <dt>{ ui("receipt.time", locale) }</dt>
                    if let Some(first) = first_submission {
                        <dd><time datetime={first.clone()}>{ in_china(&first) }{ ui("receipt.timezone", locale) }</time></dd>
                        <dt>{ ui("receipt.resubmitted", locale) }</dt>
                    }
                    <dd><time datetime={receipt.received_at.clone()}>{ receipt.received_at_in_china() }{ ui("receipt.timezone", locale) }</time></dd>
                </dl>
            </div>
            <h3 class="icpf-subheading">{ ui("progress.heading", locale) }</h3>
            // No progress for a filing the endpoint does not know: its stages would read as
            // under way.
            if let Some(p) = preview.filter(|_| !status.not_found) {
                <ol class="icpf-progress">
                    { for p.stages.iter().map(|s| {
                        let state = match s.state {
                            StageState::Done => "done",
                            StageState::Current => "current",
                            StageState::Rejected => "rejected",
                            StageState::Pending => "pending",
                        };
                        html! {
                            <li class={format!("icpf-progress-stage icpf-progress-{state}")}
                                aria-current={(s.state == StageState::Current).then_some("step")}>
                                <span class="icpf-stage-name">{ capitalized(stage_name(s.stage, locale)) }</span>
                                { " " }
                                <span class="icpf-tag">{ ui(&format!("progress.{state}"), locale) }</span>
                                if let (Some(likely), Some(late)) = (s.likely_end, s.late_end) {
                                    <span class="icpf-hint">{ format!("{} ", ui("progress.expected", locale)) }{ likely_latest(likely, late, locale) }</span>
                                }
                                // The limits a filer prepares for, before the stage starts
                                // (once it does, the next step's text says them).
                                if let Some(key) = stage_limit_key(s.stage).filter(|_| s.state == StageState::Pending) {
                                    <span class="icpf-hint icpf-stage-limit">{ ui(key, locale) }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
                // Sent back, the filing waits for the filer: the dates assume a prompt correction.
                if let (Some(likely), Some(late)) = (p.likely_completion, p.late_completion) {
                    <p>{ ui(if returned.is_some() { "progress.completion.returned" } else { "progress.completion" }, locale) }<strong>{ likely_latest(likely, late, locale) }</strong></p>
                }
                if let Some(e) = earlier {
                    <p class="icpf-hint">{ ui("progress.moved", locale) }{ span(e.likely_completion, e.late_completion, locale) }{ ui("progress.moved.why", locale) }</p>
                }
            }
            if let Some(reasons) = returned {
                { returned_notice(reasons, props.filing.subject.kind == Some(SubjectKind::Individual), locale, props.on_correct.clone()) }
            } else if let Some(approval) = &approval {
                { approved_notice(&ApprovedView { approval, filing: &props.filing, fetch_page: props.fetch_page.as_ref(), id_prefix: &props.heading_id, rules: props.setup.rules() }, locale, props.on_change.clone()) }
            } else if status.not_found {
                <p class="icpf-notice icpf-notice-warning" role="note">{ ui("receipt.notFound", locale).replace("{id}", &receipt.id) }</p>
            } else {
                <p>{ super::followup::linked_text(ui(&next_step_key(current, props.filing.filing_type), locale)) }</p>
            }
            if let Some(note) = note {
                <p class="icpf-hint">{ ui("receipt.note", locale) }<span lang={locale.part_lang(&note)}>{ note }</span></p>
            }
            <ConfirmButton label={ui("new", locale)} class="icpf-button icpf-button-secondary"
                question={Some(ui("confirm.new", locale).to_owned())} {locale} onconfirm={props.start_over.clone()} />
        </div>
    }
}

/// The fixed limit of a stage, where it has one the filer must act on or wait for.
fn stage_limit_key(stage: Stage) -> Option<&'static str> {
    match stage {
        Stage::SmsVerification => Some("progress.limit.smsVerification"),
        Stage::BureauReview => Some("progress.limit.bureauReview"),
        _ => None,
    }
}

/// The filing came back: what the reviewer named, and the way into the correction.
fn returned_notice(
    reasons: Vec<RejectionReason>,
    individual: bool,
    locale: Locale,
    on_correct: Callback<Vec<RejectionReason>>,
) -> Html {
    let items: Html = reasons
        .iter()
        .map(|r| {
            html! {
                <li><strong>{ capitalized(&path_label_for(&r.path, individual, locale)) }</strong>{ locale.choose("：", ": ") }{ super::marked_text(&reason_message(r, locale), locale) }</li>
            }
        })
        .collect();
    let reasons_empty = reasons.is_empty();
    let onclick = Callback::from(move |_: MouseEvent| on_correct.emit(reasons.clone()));
    let named = !reasons_empty;
    html! {
        <div class="icpf-notice icpf-notice-warning" role="status">
            if named {
                <p><strong>{ ui("receipt.returned", locale) }</strong></p>
                <ul class="icpf-correction-list">{ items }</ul>
            } else {
                <p><strong>{ ui("receipt.returned.unnamed", locale) }</strong></p>
            }
            <button type="button" class="icpf-button" {onclick}>{ ui("correction.start", locale) }</button>
        </div>
    }
}

/// What the approval notice shows.
struct ApprovedView<'a> {
    /// The approval and its upkeep calendar (see [`crate::aftercare::upkeep`]).
    approval: &'a (Approval, Vec<UpkeepItem>),
    filing: &'a Filing,
    fetch_page: Option<&'a js_sys::Function>,
    /// Makes the footer checks' ids unique in the page.
    id_prefix: &'a str,
    /// The rule data in effect: whether the province's footers show the subject's number.
    rules: &'a crate::ruledata::RuleData,
}

/// A website or APP as the filer knows it: 「网站 1 · 张伟的读书笔记」 (its label alone
/// when it has no name).
fn named_service(filing: &crate::model::Filing, service: &str, locale: Locale) -> String {
    let label = path_label(service, locale);
    let name = crate::form::path::FieldPath::parse(&format!("{service}.name"))
        .and_then(|path| match path.get(filing) {
            Some(crate::form::path::Field::Text(name)) => Some(name.trim().to_owned()),
            _ => None,
        })
        .filter(|name| !name.is_empty());
    match name {
        Some(name) => format!("{label} · {name}"),
        None => label,
    }
}

/// The filing was approved: its numbers, the footer a website must carry (and, with the
/// host's `fetchPage`, a check of the live page), where an APP shows its number, the
/// public-security filing that follows, and the way to a change filing.
fn approved_notice(view: &ApprovedView, locale: Locale, on_change: Callback<Approval>) -> Html {
    let (approval, upkeep) = view.approval;
    let (number, services, filing) = (
        approval.filing_number.as_str(),
        &approval.service_numbers,
        view.filing,
    );
    let numbers: Html = services
        .iter()
        .map(|s| html! { <><dt>{ named_service(filing, &s.service, locale) }</dt><dd>{ &s.number }</dd></> })
        .collect();
    // Each website's footer links its own number, or the subject's where the province asks.
    let footers: Html = (0..filing.websites.len())
        .map(|i| {
            let service = format!("websites[{i}]");
            let shown = crate::aftercare::footer_number(filing, approval, i, view.rules);
            let site = &filing.websites[i];
            let url = match site.homepage.trim() {
                h if h.starts_with("http://") || h.starts_with("https://") => h.to_owned(),
                "" => format!("http://{}/", site.domains.first().map_or("", |d| d.trim())),
                h => format!("http://{h}"),
            };
            html! {
                <>
                { super::followup::copyable_code(&format!("{}-code-{i}", view.id_prefix),
                    &named_service(filing, &service, locale), &crate::aftercare::footer_snippet(shown), locale) }
                if let Some(fetch_page) = view.fetch_page {
                    <super::followup::FooterCheckForm number={shown.to_owned()} {url}
                        fetch_page={fetch_page.clone()} {locale} service_label={path_label(&service, locale)}
                        id={format!("{}-footer-{i}", view.id_prefix)} />
                }
                </>
            }
        })
        .collect();
    let change = approval.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_change.emit(change.clone()));
    // A new access or a change concerns a site that may long be live: no "before going live".
    let new_site = crate::aftercare::opens_new_sites(filing);
    html! {
        <section class="icpf-approved" aria-label={ui("approved.title", locale)}>
            <h3 class="icpf-subheading">{ ui("approved.numbers", locale) }</h3>
            <dl class="icpf-receipt-list">
                <dt>{ ui("filingNumber.label", locale) }</dt><dd>{ number }</dd>
                { numbers }
                <dt>{ ui("approved.on", locale) }</dt><dd>{ &approval.approved_on }</dd>
            </dl>
            if !filing.websites.is_empty() {
                <p>{ ui(if new_site { "approved.footer" } else { "approved.footer.live" }, locale) }</p>
                if let Some(province) = view.rules.province(&filing.province).filter(|_| {
                    crate::aftercare::footer_shows_subject_number(&filing.province, view.rules)
                }) {
                    <p>{ ui("approved.footerSubject", locale).replace("{province}", province.display_name(locale)) }</p>
                }
                { footers }
                <p>{ ui(if new_site { "approved.police" } else { "approved.police.live" }, locale) }
                    <a href="https://beian.mps.gov.cn/" target="_blank" rel="noopener noreferrer">{ "beian.mps.gov.cn" }</a>
                </p>
            }
            if !filing.apps.is_empty() {
                <p>{ ui("approved.app", locale) }</p>
            }
            { upkeep_list(upkeep, locale) }
            <button type="button" class="icpf-button icpf-button-secondary" {onclick}>{ ui("approved.change", locale) }</button>
        </section>
    }
}

/// What keeps the filing true: the dated items by date (the public-security filing is said
/// above with its link), then the changes that need a filing first.
fn upkeep_list(upkeep: &[UpkeepItem], locale: Locale) -> Html {
    let items: Html = upkeep
        .iter()
        .filter(|i| i.kind != "publicSecurity")
        .map(|i| {
            let text = match (&i.due, i.overdue) {
                (Some(due), false) => format!("{due} {}", i.text),
                (Some(due), true) => format!("{due} {}{}", i.text, ui("upkeep.overdue", locale)),
                (None, _) => i.text.clone(),
            };
            html! { <li>{ text }</li> }
        })
        .collect();
    html! {
        <section class="icpf-upkeep" aria-label={ui("upkeep.title", locale)}>
            <h4 class="icpf-subheading">{ ui("upkeep.title", locale) }</h4>
            <ul>{ items }</ul>
        </section>
    }
}

/// Polls the status endpoint while the receipt is shown: every 30 s, backing off to 5 min
/// after failures, and not at all while the tab is hidden.
async fn poll_status(
    url: String,
    status: UseStateHandle<Status>,
    wake: Rc<std::cell::Cell<bool>>,
    alive: Rc<std::cell::Cell<bool>>,
) {
    // Until the next request (the first goes out at once), and the pause after the last answer.
    let (mut wait, mut pause) = (0u32, 30_000u32);
    while alive.get() {
        // Sleep in short steps so `refreshStatus()` is answered at once.
        gloo_timers::future::TimeoutFuture::new(250).await;
        wait = wait.saturating_sub(250);
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if !wake.replace(false) && (wait > 0 || hidden) {
            continue;
        }
        let fetched = match super::super::browser::fetch_text_or_status(&url).await {
            Ok(text) => crate::web::js::parse::<Status>(&text).ok(),
            // Asked again later (a store that lags behind its intake answers in time).
            Err(Some(404)) => Some(Status {
                not_found: true,
                ..Status::default()
            }),
            Err(_) => None,
        };
        match fetched {
            Some(fetched) if alive.get() => {
                pause = if fetched.not_found {
                    (pause * 2).min(300_000)
                } else {
                    30_000
                };
                status.set(fetched);
            }
            _ => pause = (pause * 2).min(300_000),
        }
        wait = pause;
    }
}

/// A CST time as the receipt shows it (`2026-12-06 10:05`), or as given when it isn't one.
fn in_china(at: &str) -> String {
    crate::dates::parse_cst_datetime(at)
        .map_or_else(|_| at.to_owned(), crate::dates::format_minutes)
}
