//! Why a reviewer sends a filing back (驳回 / 退回补正): the reasons a status event carries
//! (`{path, code, comment}`, docs/http-contract.md) and the catalogue of common reason codes
//! (docs/codes.md; mostly from the providers' rejection FAQs, docs/sources.md §8). Each entry
//! names its source, which the tests find in docs/sources.md.
//!
//! A code the catalogue does not know is still shown, by its code and the reviewer's comment:
//! receivers may use their own codes.

use serde::{Deserialize, Serialize};

use crate::messages::Locale;

/// One thing a reviewer named: the field (a report path such as `websites[0].name`, or a
/// part such as `websites[0]`), a reason code and the reviewer's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectionReason {
    pub path: String,
    pub code: String,
    #[serde(default)]
    pub comment: String,
}

/// A catalogue entry: code, Chinese and English text, and the source it comes from.
pub struct Reason {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Key of the source in docs/sources.md.
    pub source: &'static str,
}

const fn r(code: &'static str, zh: &'static str, en: &'static str, source: &'static str) -> Reason {
    Reason {
        code,
        zh,
        en,
        source,
    }
}

/// The common reasons, in the order of the providers' rejection FAQs.
pub const REASONS: &[Reason] = &[
    r("domain.holderMismatch", "域名持有者与主办者不一致，请在注册商处将域名过户到主办者名下，或更换域名", "The domain's holder is not the subject: transfer the domain to the subject at the registrar, or use another domain", "S2"),
    r("domain.notVerified", "域名未完成实名认证或认证信息尚未同步到工信部，请完成实名认证并等待约3个工作日后再提交", "The domain's real-name verification is missing or has not reached the MIIT yet: complete it and wait about 3 working days before submitting", "S12-reject"),
    r("domain.tldNotApproved", "域名后缀或注册商未获工信部批准，不能备案，请更换域名", "The domain's suffix or registrar is not approved by MIIT and cannot be filed: use another domain", "S12-reject"),
    r("domain.expiring", "域名已过期或有效期不足，请续费后再提交", "The domain has expired or expires too soon: renew it first", "S12-reject"),
    r("subject.crossProvince", "主办者证件地址不在所选备案省份，不能跨省备案，请改选证件地址所在省份；个人可按当地管局规则提供居住证", "The subject's certificate address is outside the chosen province, and filings cannot cross provinces: choose the certificate's province; individuals may give a local residence permit where the bureau allows it", "S2"),
    r("website.nameNotCompliant", "网站名称不符合要求（过短、纯字母数字、使用域名或含不允许的字词），请按提示修改", "The website name does not meet the rules (too short, only letters or digits, a domain, or words not allowed): change it", "S2"),
    r("website.contentMismatch", "网站名称或内容与主办者性质不符，请修改名称或服务内容", "The website's name or content does not fit the subject: change the name or the service content", "S2"),
    r("website.reachableBeforeApproval", "备案期间网站可以访问，请暂停解析或关闭网站后再提交", "The website can be reached during the review: stop its DNS or take it offline, then submit again", "S2"),
    r("website.footerMissing", "已备案网站无法访问或底部未正确放置备案号及链接，请修正后再提交", "A filed website cannot be reached or its footer lacks the correct number and link: fix it first", "S2"),
    r("preApproval.missing", "网站内容需要前置审批，请上传有效的审批文件或修改网站内容", "The content needs a pre-approval: upload a valid approval or change the content", "S2"),
    r("certificate.unclear", "证件照片不清晰、不完整或不是彩色原件，请重新上传", "The certificate image is unclear, incomplete or not a colour original: upload it again", "S12-reject"),
    r("certificate.expired", "证件已过期或剩余有效期不足3个月，请换用有效证件", "The certificate has expired or is valid for less than 3 more months: use a valid one", "S12-reject"),
    r("phone.unreachable", "核验电话无法接通或无人接听，请确认号码并保持畅通", "The verification call could not reach this number: check it and keep the phone on", "S2"),
    r("phone.notLocal", "所在省份要求使用本地手机号码，请更换为本地号码", "The province asks for a local mobile number: use a local one", "S12-reject"),
    r("phone.alreadyUsed", "手机号码已被其他主体备案使用，或与其他负责人的号码重复，请更换号码", "The mobile number is already used by another filing subject or repeats another person's number: use a different one", "S12-reject"),
    r("person.notLegalRepresentative", "主体负责人不是法定代表人，请更换为法定代表人或上传授权书", "The principal is not the legal representative: name the legal representative or upload an authorisation", "S12-reject"),
    r("subject.registryMismatch", "主办者信息与登记信息不一致（名称、证件号码、地址或法定代表人），请按证件修改", "The subject's details differ from the registry (name, number, address or legal representative): copy them from the certificate", "S13"),
    r("subject.address", "通信地址不完整，请写到门牌号；确无门牌号的，请在备注中说明已是最详细地址", "The mailing address is incomplete: give it down to the house number, or, if there is none, say in the remark that it is the most detailed address", "S4"),
    r("filingType.wrong", "备案类型不正确（常因主办者名称或证件号码填错，或主体已有备案记录），请核对主体信息和备案类型", "The filing type is wrong (often a mistyped subject name or certificate number, or the subject is already filed): check the subject and the filing type", "S12-reject"),
    r("verification.faceFailed", "人脸核验未通过，请在光线充足、白色背景下重新核验", "The face verification failed: redo it in good light against a white background", "S12-reject"),
    r("sms.notCompleted", "未在24小时内完成工信部短信核验或核验信息有误，请重新提交后按12381短信提示完成核验", "The MIIT SMS check was not completed within 24 hours or its details were wrong: submit again and follow the SMS from 12381", "S5"),
    r("other", "其他原因，请查看审核意见", "Another reason: see the reviewer's comment", "S2"),
];

/// The catalogue entry of `code`.
pub fn reason(code: &str) -> Option<&'static Reason> {
    REASONS.iter().find(|r| r.code == code)
}

/// The text of `code` in `locale`.
pub fn reason_text(code: &str, locale: Locale) -> Option<&'static str> {
    reason(code).map(|r| locale.choose(r.zh, r.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_dotted_camel_case_with_texts_and_known_sources() {
        let sources = include_str!("../docs/sources.md");
        for (i, reason) in REASONS.iter().enumerate() {
            assert!(
                REASONS[..i].iter().all(|r| r.code != reason.code),
                "{} twice",
                reason.code
            );
            assert!(
                reason.code.split('.').all(|part| !part.is_empty()
                    && part.starts_with(|c: char| c.is_ascii_lowercase())
                    && part.chars().all(|c| c.is_ascii_alphanumeric())),
                "{}",
                reason.code
            );
            assert!(
                !reason.zh.is_empty() && !reason.en.is_empty(),
                "{}",
                reason.code
            );
            assert!(
                sources.contains(&format!("[{}]", reason.source)),
                "{}: source [{}] is not in docs/sources.md",
                reason.code,
                reason.source
            );
        }
        assert_eq!(
            reason_text("other", Locale::En),
            Some("Another reason: see the reviewer's comment")
        );
        assert_eq!(reason_text("no.such", Locale::ZhCn), None);
    }
}

#[cfg(test)]
mod doc_tests {
    use super::REASONS;

    #[test]
    fn docs_codes_lists_every_reason_with_its_texts() {
        let doc = include_str!("../docs/codes.md");
        let section = &doc[doc.find("## Rejection reasons").expect("section")..];
        for r in REASONS {
            let row = format!("| `{}` | {} | {} | [{}] |", r.code, r.zh, r.en, r.source);
            assert!(section.contains(&row), "docs/codes.md lacks {row}");
        }
    }
}
