//! A filing sent back for corrections (补正), and a change filing (变更) started from an
//! approved one.
//!
//! A reviewer's rejection names fields (`{path, code, comment}`, see
//! [`crate::rejections`] and docs/http-contract.md). In correction mode the filer changes
//! those fields, and any field the rules then find wrong; the rest of the filing stays as it
//! was sent until the filer unlocks it. A reason whose field is still unchanged is a warning
//! the filer confirms (the fix may lie outside the form, e.g. a domain's real-name check), so
//! nothing the reviewer said is passed over silently and nothing blocks a resubmission the
//! reviewer would accept.
//!
//! A change is compared with the approval it starts from ([`Approved::amend`]: a change that
//! changes nothing) and, where the receiver holds them, with the two latest approvals of its
//! number ([`amend_reverted`]: a change that sets back what the latest one changed). Both are
//! warnings the filer confirms.

use serde::{Deserialize, Serialize};

use crate::form::FieldPath;
use crate::messages::Locale;
use crate::model::{Filing, FilingType};
use crate::ruledata::RuleData;

use crate::rejections::reason_text;
pub use crate::rejections::RejectionReason;
use crate::report::{Issue, Report, Severity};

/// The code of the warning a reviewer's reason becomes while its field is unchanged.
pub const RETURNED: &str = "review.returned";
/// The code of the warning on a change filing that files nothing different from its approval.
pub const UNCHANGED: &str = "change.unchanged";
/// The code of the warning on a change that sets back what a later approved change changed.
pub const REVERTS: &str = "change.reverts_approved";

/// A filing the reviewer sent back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    /// The receiver's id of the filing: the correction goes to the same filing.
    pub id: String,
    /// What the reviewer named.
    pub reasons: Vec<RejectionReason>,
    /// The filing as it was rejected.
    pub rejected: Filing,
    /// The filer unlocked every field.
    #[serde(default)]
    pub unlocked: bool,
}

impl Correction {
    /// Whether the field at report path `path` stays as sent (read-only). A responsible
    /// person with a named field is open as a whole (`websites[0].responsible`), so a person
    /// kept equal to the principal can be made separate and changed.
    pub fn locks(&self, path: &str) -> bool {
        !self.unlocked
            && !self.reasons.iter().any(|r| {
                covers(&r.path, path) || (path.ends_with(".responsible") && covers(path, &r.path))
            })
    }

    /// Whether nothing at or inside `path` can be changed: [`Self::locks`] for `path`, and
    /// no reason names a part of it (`websites[0].domains` stays open for a reason at
    /// `websites[0].domains[1]`). The check page gives such a row no 修改 link.
    pub fn locks_all(&self, path: &str) -> bool {
        self.locks(path) && !self.reasons.iter().any(|r| covers(path, &r.path))
    }

    /// Whether the filing changed what `reason` names since it was rejected.
    pub fn addressed(&self, reason: &RejectionReason, now: &Filing) -> bool {
        changed(&reason.path, &self.rejected, now)
    }

    /// Where the filer is with `reason`: not yet changed, changed but still holding an
    /// error in `report` (a mobile number cut short), or changed.
    pub fn progress(
        &self,
        reason: &RejectionReason,
        now: &Filing,
        report: &Report,
    ) -> ReasonProgress {
        if !self.addressed(reason, now) {
            ReasonProgress::Open
        } else if report
            .issues
            .iter()
            .any(|i| i.severity == Severity::Error && covers(&reason.path, &i.path))
        {
            ReasonProgress::StillWrong
        } else {
            ReasonProgress::Changed
        }
    }

    /// The reasons still open, as warnings at their fields, in `locale`.
    pub fn open_issues(&self, now: &Filing, locale: Locale) -> Vec<Issue> {
        self.reasons
            .iter()
            .filter(|r| !self.addressed(r, now))
            .map(|r| Issue {
                path: r.path.clone(),
                code: RETURNED.to_owned(),
                severity: Severity::Warning,
                params: [
                    ("reason".to_owned(), r.code.clone()),
                    ("comment".to_owned(), r.comment.clone()),
                ]
                .into_iter()
                .collect(),
                // Confirming is for a reason the field does not answer (the reviewer meant
                // a document, or erred); the filer is told what an unchanged field risks.
                message: format!(
                    "{}{}",
                    reason_message(r, locale),
                    locale.pick(
                        "；未修改就重新提交，很可能再次被退回",
                        "; sent again unchanged, it is likely to come back again"
                    )
                ),
            })
            .collect()
    }

    /// `report` with the open reasons added: a reason the filer has neither changed nor
    /// confirmed keeps the report from being ok.
    pub fn amend(&self, mut report: Report, now: &Filing, locale: Locale) -> Report {
        let open = self.open_issues(now, locale);
        if open
            .iter()
            .any(|i| !now.acknowledged_warnings.contains(&i.acknowledgement_key()))
        {
            report.ok = false;
        }
        report.issues.extend(open);
        report
    }
}

/// Where the filer is with one of the reviewer's reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonProgress {
    Open,
    StillWrong,
    Changed,
}

/// What the reviewer said about a field: the catalogue's text for the code, then the
/// reviewer's own words.
pub fn reason_message(reason: &RejectionReason, locale: Locale) -> String {
    let text = reason_text(&reason.code, locale).unwrap_or(&reason.code);
    let comment = reason.comment.trim();
    match (locale, comment.is_empty()) {
        (Locale::ZhCn, true) => format!("审核退回：{text}"),
        (Locale::ZhCn, false) => format!("审核退回：{text}（审核意见：{comment}）"),
        (Locale::En, true) => format!("Sent back by the reviewer: {text}"),
        (Locale::En, false) => format!("Sent back by the reviewer: {text} (“{comment}”)"),
    }
}

/// Whether a reason at `reason` names the field at `path`: the same path, or a part of it
/// (`websites[0]` names `websites[0].name`; `websites[0].domains` names
/// `websites[0].domains[1]`).
fn covers(reason: &str, path: &str) -> bool {
    path.strip_prefix(reason)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Whether the part of the filing at `path` differs between `before` and `after`: the field
/// itself, or for a part that is not a single field, the website, APP or subject it
/// belongs to.
fn changed(path: &str, before: &Filing, after: &Filing) -> bool {
    if let Some(field) = FieldPath::parse(path) {
        return field.get(before) != field.get(after);
    }
    let item = |prefix: &str| -> Option<usize> {
        let rest = path.strip_prefix(prefix)?;
        rest[..rest.find(']')?].parse().ok()
    };
    if let Some(i) = item("websites[") {
        before.websites.get(i) != after.websites.get(i)
    } else if let Some(i) = item("apps[") {
        before.apps.get(i) != after.apps.get(i)
    } else if path.starts_with("subject") {
        before.subject != after.subject
    } else {
        before != after
    }
}

/// The approved filing a change filing starts from, and its number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approved {
    /// The subject's filing number (主体备案号).
    pub filing_number: String,
    pub filing: Filing,
}

impl Approved {
    /// `report` with [`UNCHANGED`] at `changeScope` when `change` is a change filing whose
    /// filed data equals this approval's ([`crate::aftercare::changed_scope`] finds nothing).
    /// It is a warning, not an error: a change may concern what the form does not hold, such
    /// as a certificate's new photo (§2).
    pub fn amend(
        &self,
        mut report: Report,
        change: &Filing,
        locale: Locale,
        data: &RuleData,
    ) -> Report {
        if change.filing_type != Some(FilingType::Change)
            || crate::aftercare::changed_scope(&self.filing, change).is_some()
        {
            return report;
        }
        let params: std::collections::BTreeMap<String, String> =
            [("number".to_owned(), self.filing_number.clone())].into();
        let issue = Issue {
            path: "changeScope".to_owned(),
            code: UNCHANGED.to_owned(),
            severity: Severity::Warning,
            message: crate::messages::render(UNCHANGED, &params, locale, data),
            params,
        };
        insert_warning(&mut report, issue, change);
        report
    }
}

/// Adds the warning `issue` of `change` to `report` in form order; unconfirmed, it keeps the
/// report from being ok.
fn insert_warning(report: &mut Report, issue: Issue, change: &Filing) {
    if !change
        .acknowledged_warnings
        .contains(&issue.acknowledgement_key())
    {
        report.ok = false;
    }
    let key = crate::report::form_order_key(&issue.path);
    let at = report
        .issues
        .iter()
        .position(|i| crate::report::form_order_key(&i.path) > key)
        .unwrap_or(report.issues.len());
    report.issues.insert(at, issue);
}

/// `report` with [`REVERTS`] at each field `change` sets back to its value in `previous`
/// although the `latest` approval under `number` changed it ([`crate::aftercare::reverted`]):
/// the change was most likely started before that approval. A warning: a filer may mean to
/// set a field back.
pub fn amend_reverted(
    mut report: Report,
    number: &str,
    previous: &Filing,
    latest: &Filing,
    change: &Filing,
    locale: Locale,
    data: &RuleData,
) -> Report {
    for reverted in crate::aftercare::reverted(previous, latest, change) {
        let params: std::collections::BTreeMap<String, String> = [
            ("number".to_owned(), number.to_owned()),
            ("approved".to_owned(), reverted.before),
            ("value".to_owned(), reverted.after),
        ]
        .into();
        let issue = Issue {
            message: crate::messages::render(REVERTS, &params, locale, data),
            path: reverted.path,
            code: REVERTS.to_owned(),
            severity: Severity::Warning,
            params,
        };
        insert_warning(&mut report, issue, change);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_filing;

    fn fixture() -> Filing {
        parse_filing(include_str!(
            "../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap()
    }

    fn reason(path: &str, code: &str, comment: &str) -> RejectionReason {
        RejectionReason {
            path: path.into(),
            code: code.into(),
            comment: comment.into(),
        }
    }

    fn correction(reasons: Vec<RejectionReason>) -> Correction {
        Correction {
            id: "icpf_1".into(),
            reasons,
            rejected: fixture(),
            unlocked: false,
        }
    }

    #[test]
    fn only_the_named_fields_and_their_parts_are_open() {
        let c = correction(vec![
            reason("websites[0].name", "other", ""),
            reason("websites[1].domains", "other", ""),
        ]);
        assert!(!c.locks("websites[0].name"));
        assert!(c.locks("websites[0].remark"));
        assert!(
            c.locks("websites[0].name2"),
            "a longer name is another field"
        );
        assert!(!c.locks("websites[1].domains[0]"));
        assert!(!c.locks("websites[1].domains"));
        assert!(c.locks("websites[1].homepage"));
        assert!(c.locks("subject.name"));
        let person = correction(vec![reason("apps[0].responsible.mobile", "other", "")]);
        assert!(
            !person.locks("apps[0].responsible"),
            "the link to the principal can be undone"
        );
        assert!(!person.locks("apps[0].responsible.mobile"));
        assert!(person.locks("apps[0].responsible.email"));
        assert!(person.locks("apps[0]"));
        let open = Correction {
            unlocked: true,
            ..c.clone()
        };
        assert!(!open.locks("subject.name"));
        let domain = correction(vec![reason("websites[1].domains[1]", "other", "")]);
        assert!(domain.locks("websites[1].domains"));
        assert!(
            !domain.locks_all("websites[1].domains"),
            "one of its domains is open"
        );
        assert!(domain.locks_all("websites[1].name"));
        assert!(!open.locks_all("websites[1].name"));
    }

    #[test]
    fn an_unchanged_reason_is_a_warning_until_changed_or_confirmed() {
        let c = correction(vec![
            reason("websites[0].name", "other", "名称与内容不符"),
            reason("subject.principal.mobile", "other", ""),
        ]);
        let mut now = c.rejected.clone();
        let issues = c.open_issues(&now, Locale::ZhCn);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].path, "websites[0].name");
        assert_eq!(issues[0].severity, Severity::Warning);
        assert!(
            issues[0].message.contains("名称与内容不符"),
            "{}",
            issues[0].message
        );
        assert!(
            issues[0]
                .message
                .ends_with("未修改就重新提交，很可能再次被退回"),
            "{}",
            issues[0].message
        );
        let report = Report {
            ruleset_version: "t".into(),
            ok: true,
            issues: Vec::new(),
        };
        assert!(!c.amend(report.clone(), &now, Locale::ZhCn).ok);

        now.websites[0].name.push_str("笔记");
        let issues = c.open_issues(&now, Locale::ZhCn);
        assert_eq!(issues.len(), 1, "a changed field's reason is addressed");
        assert_eq!(issues[0].path, "subject.principal.mobile");
        now.acknowledged_warnings
            .push(issues[0].acknowledgement_key());
        assert!(c.amend(report, &now, Locale::ZhCn).ok);
    }

    #[test]
    fn a_changed_field_with_an_error_is_still_wrong() {
        let c = correction(vec![
            reason("subject.principal.mobile", "other", ""),
            reason("websites[1].domains", "other", ""),
        ]);
        let mut now = c.rejected.clone();
        let ctx =
            crate::rules::RuleContext::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let progress = |now: &Filing, at: usize| {
            let report = crate::rules::validate(now, &ctx);
            c.progress(&c.reasons[at], now, &report)
        };
        assert_eq!(progress(&now, 0), ReasonProgress::Open);
        now.subject.principal.mobile.truncate(5);
        assert_eq!(progress(&now, 0), ReasonProgress::StillWrong);
        now.subject.principal.mobile = "13800138000".into();
        assert_eq!(progress(&now, 0), ReasonProgress::Changed);
        now.websites[1].domains[0] = "example..com".into();
        assert_eq!(
            progress(&now, 1),
            ReasonProgress::StillWrong,
            "an error at a domain is an error in the list the reviewer named"
        );
    }

    #[test]
    fn a_reason_on_a_whole_website_is_addressed_by_any_change_in_it() {
        let c = correction(vec![reason("websites[1]", "other", "")]);
        let mut now = c.rejected.clone();
        assert!(!c.addressed(&c.reasons[0], &now));
        now.websites[0].remark.push('x');
        assert!(!c.addressed(&c.reasons[0], &now), "another website");
        now.websites[1].remark.push('x');
        assert!(c.addressed(&c.reasons[0], &now));
    }

    #[test]
    fn unknown_codes_and_odd_paths_never_panic() {
        let c = correction(vec![
            reason("websites[", "no.such.code", ""),
            reason("apps[x]", "other", ""),
            reason("", "other", ""),
            reason("websites[99].name", "other", "名称"),
        ]);
        let now = c.rejected.clone();
        let issues = c.open_issues(&now, Locale::En);
        assert_eq!(issues.len(), 4);
        assert!(issues[0].message.contains("no.such.code"));
        assert!(!c.locks("websites[99].name"));
    }

    #[test]
    fn a_change_that_changes_nothing_is_a_warning_to_confirm() {
        use crate::rules::{validate, RuleContext};
        let approved = Approved {
            filing_number: "粤ICP备2026012345号".into(),
            filing: fixture(),
        };
        let mut change = fixture();
        change.filing_type = Some(FilingType::Change);
        change.filing_number = approved.filing_number.clone();
        change.change_scope = Some(crate::model::ChangeScope::Services);
        let ctx = RuleContext::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
        let check = |change: &Filing| {
            approved.amend(validate(change, &ctx), change, Locale::ZhCn, ctx.data)
        };
        let report = check(&change);
        let unchanged: Vec<&Issue> = report
            .issues
            .iter()
            .filter(|i| i.code == UNCHANGED)
            .collect();
        assert_eq!(unchanged.len(), 1, "{:?}", report.issues);
        assert_eq!(unchanged[0].path, "changeScope");
        assert_eq!(unchanged[0].severity, Severity::Warning);
        assert!(unchanged[0].message.contains("粤ICP备2026012345号"));
        assert!(!report.ok);
        // In form order: before every subject and website issue.
        let at = report
            .issues
            .iter()
            .position(|i| i.code == UNCHANGED)
            .unwrap();
        assert!(report.issues[at + 1..]
            .iter()
            .all(|i| i.path.starts_with("subject") || i.path.starts_with("websites")));

        // Confirmed, it no longer holds the filing back.
        let mut confirmed = change.clone();
        confirmed.acknowledged_warnings = report
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .map(Issue::acknowledgement_key)
            .collect();
        let report = check(&confirmed);
        assert!(report.ok, "{:?}", report.issues);

        // A change that changes something, and a filing that is no change, get nothing.
        let mut renamed = change.clone();
        renamed.websites[0].name.push_str("官网");
        assert!(!check(&renamed).issues.iter().any(|i| i.code == UNCHANGED));
        let mut added = fixture();
        added.filing_type = Some(FilingType::NewWebsite);
        assert!(!check(&added).issues.iter().any(|i| i.code == UNCHANGED));
    }
}
