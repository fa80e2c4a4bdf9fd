//! zh-CN and en message catalogues, keyed by issue code and filled from the params.
//!
//! Rule code never holds message text: it records `{path, code, params}` and this module
//! turns that into words. Field labels are keyed by the path with indices removed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{CertificateType, SubjectKind};

/// A language the catalogues are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Reads a BCP 47 tag; anything starting with `en` is English, everything else zh-CN.
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Locale::En
        } else {
            Locale::ZhCn
        }
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

/// `(code, severity, zh-CN template, en template, source section)`: the one table of codes.
/// `{name}` in a template is replaced by the param of that name.
pub const CATALOGUE: &[(&str, &str, &str, &str, &str)] = &[
    ("required", "error",
     "请{verb}{field}",
     "{verb} {field}",
     "form"),
    ("text.too_long", "error",
     "{field}不能超过{max}个字",
     "{field} must be {max} characters or fewer",
     "form"),
    ("person_name.format", "error",
     "姓名只能包含文字、空格和间隔号“·”",
     "A name can only contain letters, spaces and the middle dot “·”",
     "§4.6"),
    ("certificate.type_not_allowed", "error",
     "{kindName}不能使用{typeName}备案，请改选本类主体可用的证件",
     "A {kindName} subject can't file with a {typeName}; choose a certificate allowed for it",
     "§3"),
    ("certificate.format", "error",
     "{typeName}号码格式不正确，请按证件上的号码填写",
     "The {typeName} number is not in the right format; copy it from the certificate",
     "§4.3"),
    ("id.length", "error",
     "居民身份证号码应为18位，当前为{length}位",
     "A resident ID number has 18 characters; this one has {length}",
     "§4.1"),
    ("id.format", "error",
     "居民身份证号码第{position}位有误：前17位只能是数字，最后一位是数字或X",
     "Character {position} of the resident ID number is wrong: the first 17 are digits, the last a digit or X",
     "§4.1"),
    ("id.birth_date", "error",
     "居民身份证号码中的出生日期{date}无效，请核对第7至14位",
     "The birth date in the resident ID number ({date}) is not valid; check characters 7 to 14",
     "§4.1"),
    ("id.checksum", "error",
     "居民身份证号码校验位不正确，请对照证件逐位核对",
     "The resident ID number's check character doesn't match; compare each character with the card",
     "§4.1"),
    ("id.region_unknown", "warning",
     "居民身份证号码前两位“{prefix}”不是已知的省级行政区划代码，请核对",
     "The first two digits (“{prefix}”) are not a known province code; check the number",
     "§4.1"),
    ("uscc.length", "error",
     "统一社会信用代码应为18位，当前为{length}位",
     "A unified social credit code has 18 characters; this one has {length}",
     "§4.2"),
    ("uscc.format", "error",
     "统一社会信用代码第{position}位“{character}”不正确：第3至8位是数字，其余位不使用I、O、S、V、Z",
     "Character {position} (“{character}”) of the credit code is wrong: characters 3 to 8 are digits, and I, O, S, V, Z are never used",
     "§4.2"),
    ("uscc.checksum", "warning",
     "统一社会信用代码校验位不符。少数2016年前发放的真实代码也是如此：请对照营业执照逐位核对",
     "The credit code's check character doesn't match. A few real codes issued before 2016 do this: compare it with the licence character by character",
     "§4.2"),
    ("uscc.category_mismatch", "warning",
     "以“{category}”开头的统一社会信用代码通常不属于{kindName}，请核对主体性质",
     "A credit code starting with “{category}” usually doesn't belong to a {kindName}; check the subject type",
     "§4.2"),
];

/// Texts of the widget's own interface: `(key, zh-CN, en)`.
const UI_TEXT: &[(&str, &str, &str)] = &[
    ("section.subject", "主办者信息", "Subject"),
    ("kind.legend", "主办单位性质", "Subject type"),
    ("name.label.individual", "姓名", "Full name"),
    ("name.label.unit", "主办单位名称", "Subject name"),
    ("name.hint.individual", "与身份证件上的姓名一致", "As printed on your ID document"),
    ("name.hint.unit", "与营业执照上的名称完全一致", "Exactly as printed on the business licence"),
    ("certificate.type.label", "证件类型", "Certificate type"),
    ("certificate.type.choose", "请选择", "Choose"),
    ("certificate.number.label", "证件号码", "Certificate number"),
    ("certificate.number.hint", "可以带空格或短横线，提交时会自动去除", "Spaces and dashes are fine; they are removed when you submit"),
    ("prefix.error", "错误：", "Error: "),
    ("prefix.warning", "提示：", "Warning: "),
    ("summary.title", "这里有问题需要处理", "There is a problem"),
    ("summary.server", "服务端校验未通过，请按以下提示修改", "The server's check did not pass; change what is listed below"),
    ("acknowledge", "我已核对，信息无误", "I have checked this and it is correct"),
    ("submit", "提交备案", "Submit filing"),
    ("submitting", "正在提交…", "Submitting…"),
    ("receipt.title", "备案信息已提交", "Filing submitted"),
    ("receipt.id", "受理编号", "Reference"),
    ("receipt.time", "提交时间", "Received at"),
    ("receipt.timezone", "（北京时间）", " (Beijing time)"),
    ("receipt.next", "接入商初审通常需要1至2个工作日，请留意短信和邮件通知。", "The provider's preliminary review usually takes 1 to 2 working days; watch for SMS and e-mail."),
    ("failed", "提交失败：", "Could not submit: "),
    ("failed.kept", "您填写的内容已保留，可以重试。", "Everything you entered is kept; you can try again."),
    ("retry", "重试", "Try again"),
    ("new", "开始新的备案", "Start a new filing"),
    ("network", "网络连接失败", "the network request failed"),
];

/// A text of the widget's interface; unknown keys render as the key.
pub fn ui(key: &str, locale: Locale) -> &'static str {
    UI_TEXT
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, zh, en)| locale.pick(zh, en))
        .unwrap_or("")
}

/// Field labels by path pattern: `(pattern, zh-CN, en, is_choice)`.
const FIELD_LABELS: &[(&str, &str, &str, bool)] = &[
    ("filingType", "备案类型", "the filing type", true),
    ("province", "备案省份", "the filing province", true),
    ("subject.kind", "主办单位性质", "the subject type", true),
    ("subject.name", "主办单位名称", "the subject name", false),
    (
        "subject.certificate.type",
        "证件类型",
        "the certificate type",
        true,
    ),
    (
        "subject.certificate.number",
        "证件号码",
        "the certificate number",
        false,
    ),
];

/// The label of a field in `locale`, and whether it is chosen rather than typed.
pub fn field_label(pattern: &str, locale: Locale) -> (&'static str, bool) {
    FIELD_LABELS
        .iter()
        .find(|(p, ..)| *p == pattern)
        .map(|(_, zh, en, choice)| (locale.pick(zh, en), *choice))
        .unwrap_or((locale.pick("此项", "this field"), false))
}

/// Removes `[i]` indices from a path: `websites[1].name` → `websites.name`.
pub fn path_pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// The message for `code`, filled from `params`. Unknown codes render as the code itself.
pub fn render(code: &str, params: &BTreeMap<String, String>, locale: Locale) -> String {
    let Some((_, _, zh, en, _)) = CATALOGUE.iter().find(|(c, ..)| *c == code) else {
        return code.to_owned();
    };
    let template = locale.pick(zh, en);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        out.push_str(&param_text(&after[..end], params, locale));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A param's display text; some names are derived from others (labels, type names).
fn param_text(name: &str, params: &BTreeMap<String, String>, locale: Locale) -> String {
    let get = |key: &str| params.get(key).map(String::as_str).unwrap_or("");
    match name {
        "field" => field_label(get("field"), locale).0.to_owned(),
        "verb" => {
            let choice = field_label(get("field"), locale).1;
            match (locale, choice) {
                (Locale::ZhCn, true) => "选择",
                (Locale::ZhCn, false) => "填写",
                (Locale::En, true) => "Select",
                (Locale::En, false) => "Enter",
            }
            .to_owned()
        }
        "kindName" => SubjectKind::from_slug(get("kind"))
            .map_or(get("kind"), |k| subject_kind_name(k, locale))
            .to_owned(),
        "typeName" => CertificateType::from_slug(get("type"))
            .map_or(get("type"), |t| certificate_type_name(t, locale))
            .to_owned(),
        other => get(other).to_owned(),
    }
}

/// Display name of a subject kind.
pub fn subject_kind_name(kind: SubjectKind, locale: Locale) -> &'static str {
    use SubjectKind as K;
    let (zh, en) = match kind {
        K::Enterprise => ("企业", "enterprise"),
        K::Individual => ("个人", "individual"),
        K::Government => ("政府机关", "government body"),
        K::Institution => ("事业单位", "public institution"),
        K::Military => ("国防机构", "defence organisation"),
        K::SocialGroup => ("社会团体", "social group"),
        K::PrivateNonEnterprise => ("民办非企业单位", "private non-enterprise unit"),
        K::Foundation => ("基金会", "foundation"),
        K::LawFirm => ("律师执业机构", "law firm"),
        K::ForeignCultureCenter => ("外国在华文化中心", "foreign cultural centre"),
        K::MassOrganization => ("群众性团体组织", "mass organisation"),
        K::JudicialExpertise => ("司法鉴定机构", "forensic expertise institution"),
        K::Religious => ("宗教团体", "religious organisation"),
        K::OverseasOrganization => ("境外机构", "overseas organisation"),
        K::Medical => ("医疗机构", "medical institution"),
        K::Notary => ("公证机构", "notary office"),
        K::CollectiveEconomy => ("集体经济", "collective economic organisation"),
        K::Arbitration => ("仲裁机构", "arbitration body"),
    };
    locale.pick(zh, en)
}

/// Display name of a certificate type.
pub fn certificate_type_name(kind: CertificateType, locale: Locale) -> &'static str {
    use CertificateType as C;
    let (zh, en) = match kind {
        C::Uscc => ("统一社会信用代码", "unified social credit code"),
        C::ResidentId => ("居民身份证", "resident ID card"),
        C::Passport => ("护照", "passport"),
        C::HkMacaoPermit => (
            "港澳居民来往内地通行证",
            "Mainland Travel Permit for HK and Macao Residents",
        ),
        C::TaiwanPermit => (
            "台湾居民来往大陆通行证",
            "Mainland Travel Permit for Taiwan Residents",
        ),
        C::ForeignPermanentResidentId => {
            ("外国人永久居留身份证", "Foreign Permanent Resident ID Card")
        }
        C::HkMacaoTaiwanResidencePermit => (
            "港澳台居民居住证",
            "Residence Permit for HK, Macao and Taiwan Residents",
        ),
        C::BusinessLicense => (
            "营业执照（注册号）",
            "business licence (registration number)",
        ),
        C::OrganizationCode => ("组织机构代码证", "organisation code certificate"),
        C::ForeignEnterpriseRepOffice => (
            "外国企业常驻代表机构登记证",
            "foreign enterprise representative office certificate",
        ),
        C::InstitutionLegalPerson => (
            "事业单位法人证书",
            "public institution legal person certificate",
        ),
        C::MilitaryCode => ("部队代号", "military unit code"),
        C::MilitaryServiceLicense => (
            "军队单位对外有偿服务许可证",
            "military paid-service licence",
        ),
        C::SocialGroupRegistration => (
            "社会团体法人登记证书",
            "social group registration certificate",
        ),
        C::PrivateNonEnterpriseRegistration => (
            "民办非企业单位登记证书",
            "private non-enterprise unit registration certificate",
        ),
        C::SocialServiceRegistration => (
            "社会服务机构登记证书",
            "social service organisation registration certificate",
        ),
        C::PrivateSchoolLicense => ("民办学校办学许可证", "private school licence"),
        C::FoundationRegistration => ("基金会法人登记证书", "foundation registration certificate"),
        C::LawFirmLicense => ("律师事务所执业许可证", "law firm practice licence"),
        C::ForeignCultureCenterRegistration => (
            "外国在华文化中心登记证",
            "foreign cultural centre registration certificate",
        ),
        C::ForeignTourismOfficeRegistration => (
            "外国政府旅游部门常驻代表机构批准登记证",
            "foreign tourism office registration certificate",
        ),
        C::EmbassySchoolLicense => (
            "北京市外国驻华使馆人员子女学校办学许可证",
            "embassy staff children's school licence (Beijing)",
        ),
        C::JudicialExpertiseLicense => ("司法鉴定许可证", "forensic expertise licence"),
        C::ReligiousVenueRegistration => (
            "宗教活动场所登记证",
            "religious venue registration certificate",
        ),
        C::OverseasOrganizationCertificate => ("境外机构证件", "overseas organisation certificate"),
        C::MedicalInstitutionLicense => {
            ("医疗机构执业许可证", "medical institution practice licence")
        }
        C::NotaryLicense => ("公证机构执业证", "notary practice certificate"),
        C::CollectiveEconomyRegistration => (
            "农村集体经济组织登记证",
            "rural collective economic organisation certificate",
        ),
        C::ArbitrationRegistration => (
            "仲裁委员会登记证",
            "arbitration commission registration certificate",
        ),
    };
    locale.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_renders_without_leftover_placeholders_in_both_locales() {
        let mut params = BTreeMap::new();
        for key in [
            "field",
            "max",
            "kind",
            "type",
            "length",
            "position",
            "date",
            "prefix",
            "character",
            "category",
        ] {
            params.insert(key.to_owned(), "1".to_owned());
        }
        params.insert("kind".into(), "enterprise".into());
        params.insert("type".into(), "residentId".into());
        params.insert("field".into(), "subject.name".into());
        for (code, ..) in CATALOGUE {
            for locale in [Locale::ZhCn, Locale::En] {
                let text = render(code, &params, locale);
                assert!(!text.contains('{') && !text.contains('}'), "{code}: {text}");
                assert_ne!(text, *code);
            }
        }
    }

    #[test]
    fn every_ui_text_exists_in_both_locales() {
        for (key, zh, en) in UI_TEXT {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(ui(key, Locale::En), *en);
        }
        assert_eq!(ui("no.such.key", Locale::ZhCn), "");
    }

    #[test]
    fn path_pattern_strips_indices() {
        assert_eq!(path_pattern("websites[12].domains[0]"), "websites.domains");
        assert_eq!(path_pattern("subject.name"), "subject.name");
    }
}
