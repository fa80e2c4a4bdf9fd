//! The shared rules: `validate(&Filing, &RuleContext) -> Report`.
//!
//! One module per form section, run in form order so the report's first issue is the first
//! field on the page. Rules only record `{path, code, severity, params}`; the text comes
//! from [`crate::messages`]. Nothing here reads the clock or the network: "today" is part
//! of the [`RuleContext`].

mod certificate;
mod subject;

use chrono::NaiveDate;

use crate::messages::Locale;
use crate::model::Filing;
use crate::report::{Collector, Report};

pub use certificate::{allowed_certificates, check_certificate_number};

/// What the rules need besides the filing itself.
#[derive(Debug, Clone)]
pub struct RuleContext {
    /// Today's date in China Standard Time, used for birth dates and validity.
    pub today: NaiveDate,
    /// Language of the report's messages.
    pub locale: Locale,
}

impl RuleContext {
    /// A context for `today` with zh-CN messages.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            locale: Locale::ZhCn,
        }
    }

    /// The same context with messages in `locale`.
    pub fn with_locale(mut self, locale: Locale) -> Self {
        self.locale = locale;
        self
    }
}

/// Validates a filing. The filing is normalised first (see [`normalize`]), so params show
/// the values that would be submitted.
///
/// ```
/// use chrono::NaiveDate;
/// use icp_filing::model::{CertificateType, Filing, SubjectKind};
/// use icp_filing::rules::{validate, RuleContext};
///
/// let mut filing = Filing::default();
/// filing.subject.kind = Some(SubjectKind::Individual);
/// filing.subject.name = "张三".into();
/// filing.subject.certificate.kind = Some(CertificateType::ResidentId);
/// filing.subject.certificate.number = "11010519491231002x".into();
/// let report = validate(&filing, &RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()));
/// assert!(report.ok, "{:?}", report.issues);
/// ```
pub fn validate(filing: &Filing, ctx: &RuleContext) -> Report {
    let filing = normalize(filing);
    let mut out = Collector::default();
    subject::check(&filing, ctx, &mut out);
    out.finish(&filing.acknowledged_warnings, ctx.locale)
}

/// The filing as it should be submitted: identifiers without spaces, dashes or full-width
/// characters and with an upper-case `X`; names trimmed.
pub fn normalize(filing: &Filing) -> Filing {
    let mut f = filing.clone();
    let s = &mut f.subject;
    s.name = s.name.trim().to_owned();
    s.certificate.number = certificate::normalize_number(s.certificate.kind, &s.certificate.number);
    f
}
