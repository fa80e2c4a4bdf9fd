//! The shared rules: `validate(&Filing, &RuleContext) -> Report`.
//!
//! One module per form section, run in form order so the report's first issue is the first
//! field on the page. Rules only record `{path, code, severity, params}`; the text comes
//! from [`crate::messages`]. Nothing here reads the clock or the network: "today" is part
//! of the [`RuleContext`].

mod certificate;
mod contacts;
mod filing;
mod lengths;
mod lists;
mod person;
mod province;
mod registrar;
mod required;
mod subject;
mod view;
mod website;

use chrono::NaiveDate;

use crate::messages::Locale;
use crate::model::Filing;
use crate::report::{Collector, Report};
use crate::ruledata::RuleData;
use view::FilingView;

pub use certificate::{allowed_certificates, check_certificate_number};
pub use required::{choices_of, required_fields};

/// What the rules need besides the filing itself.
#[derive(Debug, Clone)]
pub struct RuleContext<'a> {
    /// Today's date in China Standard Time, used for birth dates and validity.
    pub today: NaiveDate,
    /// Language of the report's messages.
    pub locale: Locale,
    /// Province rules, TLD and word lists, catalogues (embedded or overridden by the host).
    pub data: &'a RuleData,
}

impl RuleContext<'static> {
    /// A context for `today` with zh-CN messages and the embedded rule data.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            locale: Locale::ZhCn,
            data: RuleData::embedded(),
        }
    }
}

impl<'a> RuleContext<'a> {
    /// The same context with messages in `locale`.
    pub fn with_locale(mut self, locale: Locale) -> Self {
        self.locale = locale;
        self
    }

    /// The same context reading `data` (e.g. [`RuleData::with_override`]).
    pub fn with_data<'b>(self, data: &'b RuleData) -> RuleContext<'b> {
        RuleContext {
            today: self.today,
            locale: self.locale,
            data,
        }
    }
}

/// Validates a filing. The filing is normalised first (see [`normalize`]), so params show
/// the values that would be submitted.
///
/// ```
/// use chrono::NaiveDate;
/// use icp_filing::model::parse_filing;
/// use icp_filing::rules::{validate, RuleContext};
///
/// let json = include_str!("../../tests/fixtures/individual-beijing.json");
/// let mut filing = parse_filing(json).unwrap();
/// let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
/// assert!(validate(&filing, &ctx).ok);
///
/// filing.websites[0].domains = vec!["zhangwei.io".into()];
/// let report = validate(&filing, &ctx);
/// assert_eq!(report.issues[0].code, "domain.tld_not_fileable");
/// assert_eq!(report.issues[0].path, "websites[0].domains[0]");
/// ```
pub fn validate(filing: &Filing, ctx: &RuleContext) -> Report {
    let mut filing = FilingView::new(filing);
    filing.province_rules = ctx.data.province(filing.province);
    let mut out = Collector::default();
    lengths::check(&filing, &mut out);
    filing::check(&filing, &mut out);
    subject::check(&filing, ctx, &mut out);
    if filing.websites.is_empty() && filing.apps.is_empty() {
        // A change carries the whole filing as it will be: without services it would cancel
        // them, which is a cancellation (注销), not a change.
        let code = if filing.filing_type == Some(crate::model::FilingType::Change) {
            "change.no_services"
        } else {
            "filing.no_services"
        };
        out.error("websites", code);
    }
    website::check_websites(&filing, ctx, &mut out);
    registrar::check(&filing, ctx, &mut out);
    contacts::check(&filing, &mut out);
    province::check_ages(&filing, ctx, &mut out);
    out.finish(filing.acknowledged_warnings, ctx.locale, ctx.data)
}

/// The filing as it should be submitted: identifiers without spaces, dashes or full-width
/// characters and with an upper-case `X`; names trimmed.
pub fn normalize(filing: &Filing) -> Filing {
    FilingView::new(filing).to_filing()
}
