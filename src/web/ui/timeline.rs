//! The review timeline: the estimate for the filing type and province on a date axis with
//! days off shaded (side panel and check page), and after submission the receipt with the
//! progress preview.

use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use yew::prelude::*;

use super::sections::capitalized;
use crate::calendar::HolidayCalendar;
use crate::form::Receipt;
use crate::messages::{ui, Locale};
use crate::model::{Filing, FilingType};
use crate::timeline::text::stage_name;
use crate::timeline::{
    estimate, progress, Estimate, EstimateInput, ProgressInput, StageEvent, StageState,
};
use crate::web::bridge::Setup;

fn estimate_for(
    setup: &Setup,
    ty: FilingType,
    province: &str,
    at: NaiveDateTime,
) -> Option<Estimate> {
    estimate(
        &EstimateInput::new(ty, province, at),
        setup.policy(),
        setup.calendar(),
    )
    .ok()
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
    let Some(est) = estimate_for(setup, ty, &props.province, props.now) else {
        return html! { <p class="icpf-hint">{ ui("timeline.unavailable", locale) }</p> };
    };
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
            <p class="icpf-hint">{ ui("timeline.legal", locale).replace("{date}", &md(est.bureau_legal_deadline.likely, locale)) }</p>
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
                { for days.iter().map(|day| {
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
                        if labelled { <span class="icpf-day-label">{ md(*day, locale) }</span> }
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
                <EstimateView filing_type={props.filing_type} province={props.province.clone()}
                    now={props.now} locale={props.locale} setup={props.setup.clone()} />
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
    /// The time the estimate shown before submitting was counted from.
    pub estimated_at: NaiveDateTime,
}

/// 审核进度: the receipt and where the filing is expected to be.
#[component(Submitted)]
pub fn submitted(props: &SubmittedProps) -> Html {
    let locale = props.locale;
    let receipt = &props.receipt;
    {
        let id = props.heading_id.clone();
        use_effect_with((), move |_| super::focus_soon(id));
    }
    let events = use_state(Vec::<StageEvent>::new);
    {
        let events = events.clone();
        let url = props
            .status_endpoint
            .as_ref()
            .map(|u| u.replace("{id}", &receipt.id));
        use_effect_with(url, move |url| {
            let alive = Rc::new(std::cell::Cell::new(true));
            if let Some(url) = url.clone() {
                wasm_bindgen_futures::spawn_local(poll_status(url, events, alive.clone()));
            }
            move || alive.set(false)
        });
    }
    let submitted_at = crate::dates::parse_cst_datetime(&receipt.received_at).ok();
    let preview = match (props.filing.filing_type, submitted_at) {
        (Some(ty), Some(at)) => {
            let input = ProgressInput {
                estimate: EstimateInput::new(ty, &props.filing.province, at),
                events: (*events).clone(),
                now: super::super::browser::now_in_china().max(at),
            };
            progress(&input, props.setup.policy(), props.setup.calendar()).ok()
        }
        _ => None,
    };
    // The preview counts from the receipt's time; when that moved the dates the filer saw
    // before submitting (a later day, after the day's cut-off), say so and show both.
    let earlier = match (&preview, props.filing.filing_type) {
        (Some(p), Some(ty)) if events.is_empty() => {
            estimate_for(&props.setup, ty, &props.filing.province, props.estimated_at).filter(|e| {
                p.likely_completion != Some(e.likely_completion)
                    || p.late_completion != Some(e.late_completion)
            })
        }
        _ => None,
    };
    html! {
        <div class="icpf-panel icpf-receipt">
            <h2 class="icpf-heading" id={props.heading_id.clone()} tabindex="-1">{ ui("receipt.title", locale) }</h2>
            <div role="status">
                <dl class="icpf-receipt-list">
                    <dt>{ ui("receipt.id", locale) }</dt>
                    <dd class="icpf-receipt-id">{ &receipt.id }</dd>
                    <dt>{ ui("receipt.time", locale) }</dt>
                    <dd><time datetime={receipt.received_at.clone()}>{ receipt.received_at_in_china() }{ ui("receipt.timezone", locale) }</time></dd>
                </dl>
            </div>
            <h3 class="icpf-subheading">{ ui("progress.heading", locale) }</h3>
            if let Some(p) = preview {
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
                                <span class="icpf-tag">{ ui(&format!("progress.{state}"), locale) }</span>
                                if let (Some(likely), Some(late)) = (s.likely_end, s.late_end) {
                                    <span class="icpf-hint">{ format!("{} ", ui("progress.expected", locale)) }{ span(likely, late, locale) }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
                if let (Some(likely), Some(late)) = (p.likely_completion, p.late_completion) {
                    <p>{ ui("progress.completion", locale) }<strong>{ span(likely, late, locale) }</strong></p>
                }
                if let Some(e) = earlier {
                    <p class="icpf-hint">{ ui("progress.moved", locale) }{ span(e.likely_completion, e.late_completion, locale) }{ ui("progress.moved.why", locale) }</p>
                }
            }
            <p>{ ui("receipt.next", locale) }</p>
            <button type="button" class="icpf-button icpf-button-secondary" onclick={props.start_over.clone()}>
                { ui("new", locale) }
            </button>
        </div>
    }
}

/// Polls the status endpoint while the receipt is shown: every 30 s, backing off to 5 min
/// after failures, and not at all while the tab is hidden.
async fn poll_status(
    url: String,
    events: UseStateHandle<Vec<StageEvent>>,
    alive: Rc<std::cell::Cell<bool>>,
) {
    #[derive(serde::Deserialize)]
    struct Status {
        #[serde(default)]
        events: Vec<StageEvent>,
    }
    let mut wait = 30_000u32;
    while alive.get() {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            continue;
        }
        let fetched = super::super::browser::fetch_text(&url)
            .await
            .and_then(|text| crate::web::js::parse::<Status>(&text).ok());
        match fetched {
            Some(status) if alive.get() => {
                events.set(status.events);
                wait = 30_000;
            }
            _ => wait = (wait * 2).min(300_000),
        }
        gloo_timers::future::TimeoutFuture::new(wait).await;
    }
}
