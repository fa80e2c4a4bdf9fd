//! The filing as typed data: the JSON contract between the widget, the provider's endpoint
//! and the `icp-precheck` CLI (camelCase, `schemaVersion` 1).
//!
//! Every text field is kept exactly as the filer typed it until [`crate::rules::normalize`]
//! runs; absent fields deserialize to empty values so a half-filled draft is still a
//! `Filing` and validation can say what is missing.

use serde::{Deserialize, Serialize};

/// Version of the filing contract this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Why a text is not a filing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilingParseError {
    /// The JSON is valid but its top level is not an object.
    #[error("a filing is a JSON object ({{\"subject\": …}}), not an array or a single value")]
    NotAnObject,
    /// Malformed JSON or a field of the wrong type; `line` and `column` are 1-based, `path`
    /// names the field as the contract does (`websites[0].domains`; empty for malformed JSON
    /// or the top level) and `message` says what did not fit in the contract's terms.
    #[error("{}: {message}", place(.path, *.line, *.column))]
    Json {
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    /// `schemaVersion` is given and is not the one this version reads.
    #[error("schemaVersion {0} is not supported: a filing of this version has schemaVersion 1")]
    SchemaVersion(u32),
}

/// Parses a filing from JSON text, refusing anything whose top level is not an object.
///
/// # Errors
/// [`FilingParseError`] naming the line and column, or the wrong top-level shape.
///
/// ```
/// use icp_filing::model::{parse_filing, FilingParseError};
/// assert!(parse_filing(r#"{"province": "440000"}"#).is_ok());
/// assert_eq!(parse_filing("[]"), Err(FilingParseError::NotAnObject));
/// assert!(parse_filing(r#"{"province": "440000"} {}"#).is_err());
/// // An object written as an array is not read by position.
/// let error = parse_filing(r#"{"subject": ["individual", "张伟"]}"#).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "subject (line 1, column 13): invalid type: array, expected an object"
/// );
/// ```
pub fn parse_filing(text: &str) -> Result<Filing, FilingParseError> {
    let to_error = |path: String, e: serde_json::Error| FilingParseError::Json {
        line: e.line(),
        column: e.column(),
        path,
        message: contract_wording(&e.to_string()),
    };
    if !text.trim_start().starts_with('{') {
        // Report malformed JSON as such; only well-formed non-objects are `NotAnObject`.
        serde_json::from_str::<serde::de::IgnoredAny>(text)
            .map_err(|e| to_error(String::new(), e))?;
        return Err(FilingParseError::NotAnObject);
    }
    let filing = match read_with_path(text) {
        Ok(filing) => filing,
        // A member written as `null` is a member left out, as in the widget's reader of JS
        // objects: read again without them (only when the first reading failed).
        Err((path, e)) if text.contains("null") => {
            let mut value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| to_error(String::new(), e))?;
            drop_null_members(&mut value);
            Filing::deserialize(value).map_err(|_| to_error(path, e))?
        }
        Err((path, e)) => return Err(to_error(path, e)),
    };
    #[cfg(not(target_arch = "wasm32"))]
    if let Some((path, e)) = shape::array_for_object(text, &filing) {
        return Err(to_error(path, e));
    }
    filing.of_this_version()
}

/// An array given where the contract has an object: serde reads it by position (`"subject":
/// ["individual", "张伟"]`), where the widget, reading JS objects, refuses it. The CLI and
/// the receiver refuse it too, so every reader of a filing answers the same.
#[cfg(not(target_arch = "wasm32"))]
mod shape {
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::Filing;

    /// A step into a JSON value: an object's member or an array's item.
    enum Step {
        Member(String),
        Item(usize),
    }

    /// The path of the first array in `text` where `filing`, read from it, has an object,
    /// and serde's error at that place (with its line and column).
    pub(super) fn array_for_object(
        text: &str,
        filing: &Filing,
    ) -> Option<(String, serde_json::Error)> {
        let given: Value = serde_json::from_str(text).ok()?;
        let read = serde_json::to_value(filing).ok()?;
        let mut steps = first_array_for_object(&given, &read)?;
        steps.reverse();
        let mut reader = serde_json::Deserializer::from_str(text);
        let error = Locate(&steps).deserialize(&mut reader).err()?;
        let mut path = String::new();
        for step in &steps {
            match step {
                Step::Member(name) if path.is_empty() => path.push_str(name),
                Step::Member(name) => path.push_str(&format!(".{name}")),
                Step::Item(i) => path.push_str(&format!("[{i}]")),
            }
        }
        Some((path, error))
    }

    /// The steps (innermost first) to where `given` has an array and `read` an object.
    fn first_array_for_object(given: &Value, read: &Value) -> Option<Vec<Step>> {
        match (given, read) {
            (Value::Array(_), Value::Object(_)) => Some(Vec::new()),
            (Value::Array(given), Value::Array(read)) => {
                given.iter().zip(read).enumerate().find_map(|(i, (g, r))| {
                    let mut steps = first_array_for_object(g, r)?;
                    steps.push(Step::Item(i));
                    Some(steps)
                })
            }
            (Value::Object(given), Value::Object(read)) => given.iter().find_map(|(k, g)| {
                let mut steps = first_array_for_object(g, read.get(k)?)?;
                steps.push(Step::Member(k.clone()));
                Some(steps)
            }),
            _ => None,
        }
    }

    /// Reads JSON along the steps and fails at the array they lead to.
    struct Locate<'a>(&'a [Step]);

    impl<'de> DeserializeSeed<'de> for Locate<'_> {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Locate<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let target = match self.0.split_first() {
                None => return Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
                Some((Step::Item(i), rest)) => Some((*i, rest)),
                Some(_) => None,
            };
            let mut n = 0;
            loop {
                let more = match target {
                    Some((i, rest)) if i == n => seq.next_element_seed(Locate(rest))?.is_some(),
                    _ => seq.next_element::<IgnoredAny>()?.is_some(),
                };
                if !more {
                    return Ok(());
                }
                n += 1;
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                match self.0.split_first() {
                    Some((Step::Member(name), rest)) if *name == key => {
                        map.next_value_seed(Locate(rest))?
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }

        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }

        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }

        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }

        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }

        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }

        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }
}

/// A filing read from JSON text, or the path of the field that did not fit and why.
fn read_with_path(text: &str) -> Result<Filing, (String, serde_json::Error)> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut reader = serde_json::Deserializer::from_str(text);
        let filing = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
            let path = e.path().to_string();
            // `.` is the library's name for the top level.
            let path = if path == "." { String::new() } else { path };
            (path, e.into_inner())
        })?;
        // Nothing but white space after the object (`{…} garbage` and `{…}{…}` are no filing).
        reader.end().map_err(|e| (String::new(), e))?;
        Ok(filing)
    }
    #[cfg(target_arch = "wasm32")]
    {
        serde_json::from_str(text).map_err(|e| (String::new(), e))
    }
}

/// `websites[0].domains (line 1, column 16)`, or the position alone without a path.
fn place(path: &str, line: usize, column: usize) -> String {
    if path.is_empty() {
        format!("line {line}, column {column}")
    } else {
        format!("{path} (line {line}, column {column})")
    }
}

/// A serde message in the contract's terms, for the people who write JSON or JS: objects
/// and arrays instead of Rust's structs, maps and sequences, no Rust type names, and
/// without serde_json's trailing position (the caller gives it once).
///
/// ```
/// use icp_filing::model::contract_wording;
/// assert_eq!(
///     contract_wording("invalid type: string \"x\", expected struct Person at line 1 column 9"),
///     "invalid type: string \"x\", expected an object"
/// );
/// ```
pub fn contract_wording(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(at) if message[at + 9..].contains(" column ") => &message[..at],
        _ => message,
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("expected ") {
        let (before, after) = rest.split_at(at + "expected ".len());
        out.push_str(before);
        let word_end = |s: &str| {
            s.find(|c: char| !c.is_alphanumeric() && c != '_')
                .unwrap_or(s.len())
        };
        rest = if let Some(name) = after.strip_prefix("struct ") {
            out.push_str("an object");
            &name[word_end(name)..]
        } else if let Some(tail) = after.strip_prefix("a sequence") {
            out.push_str("an array");
            tail
        } else if let Some(tail) = after.strip_prefix("a map") {
            out.push_str("an object");
            tail
        } else if ["u8", "u16", "u32", "u64", "i32", "i64"]
            .iter()
            .any(|t| after.starts_with(t) && word_end(after) == t.len())
        {
            out.push_str("a whole number");
            &after[word_end(after)..]
        } else {
            after
        };
    }
    out.push_str(rest);
    out.replace("invalid type: map", "invalid type: object")
        .replace("invalid type: sequence", "invalid type: array")
}

/// Removes every object member whose value is `null`, at any depth (`null` in an array stays).
fn drop_null_members(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(members) => {
            members.retain(|_, v| !v.is_null());
            members.values_mut().for_each(drop_null_members);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_null_members),
        _ => {}
    }
}

impl Filing {
    /// The filing, if it is of the schema version this code reads: read with another
    /// version's meaning, a field would be silently misunderstood. Every reader of a filing
    /// (the CLI, the receiver, the widget's `validate` and `setFiling`) refuses the same.
    ///
    /// # Errors
    /// [`FilingParseError::SchemaVersion`].
    pub fn of_this_version(self) -> Result<Self, FilingParseError> {
        if self.schema_version == SCHEMA_VERSION {
            Ok(self)
        } else {
            Err(FilingParseError::SchemaVersion(self.schema_version))
        }
    }
}

/// A complete or partial ICP filing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Filing {
    pub schema_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_type: Option<FilingType>,
    /// What a change filing changes (变更主体 / 变更网站 / both); only a change has it. It
    /// decides who answers the MIIT SMS (docs/sources.md §2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_scope: Option<ChangeScope>,
    /// Filing province as a 6-digit GB/T 2260 code, e.g. `"440000"`.
    pub province: String,
    /// The subject's existing filing number (主体备案号, e.g. `京ICP备16020626号`), for
    /// every filing type except `first`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_number: String,
    pub subject: Subject,
    pub websites: Vec<Website>,
    pub apps: Vec<App>,
    /// What the registrar says about the filing's domains, when the host knows it (e.g. from
    /// its own registrar data through the widget's `lookupDomain` option). Optional: the
    /// domain checks run only on the facts given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub domain_facts: Vec<DomainFacts>,
    /// Warnings the filer confirmed after checking, each as `"code@path"`.
    pub acknowledged_warnings: Vec<String>,
}

impl Default for Filing {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            filing_type: None,
            change_scope: None,
            province: String::new(),
            filing_number: String::new(),
            subject: Subject::default(),
            websites: Vec::new(),
            apps: Vec::new(),
            domain_facts: Vec::new(),
            acknowledged_warnings: Vec::new(),
        }
    }
}

slug_enum! {
    /// 备案类型 — docs/sources.md §2.
    pub enum FilingType {
        /// 首次备案: neither subject nor service has a number yet.
        First = "first",
        /// 新增网站 / 新增互联网信息服务: the subject is filed, a service is added.
        NewWebsite = "newWebsite",
        /// 新增接入: subject and service are filed at another provider; add this one.
        NewAccess = "newAccess",
        /// 变更备案: change filed data.
        Change = "change",
    }
}

impl ChangeScope {
    /// Whether a change declared as `self` covers what `actual` changes.
    pub fn covers(self, actual: ChangeScope) -> bool {
        self == Self::Both || self == actual
    }

    /// The scope of a change of both `self`'s and `other`'s data.
    pub fn with(self, other: ChangeScope) -> ChangeScope {
        if self.covers(other) {
            self
        } else {
            Self::Both
        }
    }
}

impl FilingType {
    /// A new access or a change: its websites and APPs are filed already, each holding its
    /// own number, and may long be live.
    pub fn concerns_filed_services(self) -> bool {
        matches!(self, Self::NewAccess | Self::Change)
    }
}

slug_enum! {
    /// 变更内容: what a change filing changes (docs/sources.md §2).
    pub enum ChangeScope {
        /// 变更主体: the subject's data; the subject principal answers the SMS.
        Subject = "subject",
        /// 变更网站 / 变更APP: a website's or APP's data; its responsible person answers.
        Services = "services",
        /// 变更备案: both; both answer.
        Both = "both",
    }
}

slug_enum! {
    /// 主办单位性质 — the kinds of §3 (names are the stable key; MIIT ids differ per system).
    pub enum SubjectKind {
        /// 企业 (incl. 个体工商户)
        Enterprise = "enterprise",
        /// 个人
        Individual = "individual",
        /// 政府机关
        Government = "government",
        /// 事业单位
        Institution = "institution",
        /// 国防机构
        Military = "military",
        /// 社会团体
        SocialGroup = "socialGroup",
        /// 民办非企业单位
        PrivateNonEnterprise = "privateNonEnterprise",
        /// 基金会
        Foundation = "foundation",
        /// 律师执业机构
        LawFirm = "lawFirm",
        /// 外国在华文化中心
        ForeignCultureCenter = "foreignCultureCenter",
        /// 群众性团体组织
        MassOrganization = "massOrganization",
        /// 司法鉴定机构
        JudicialExpertise = "judicialExpertise",
        /// 宗教团体
        Religious = "religious",
        /// 境外机构
        OverseasOrganization = "overseasOrganization",
        /// 医疗机构
        Medical = "medical",
        /// 公证机构
        Notary = "notary",
        /// 集体经济
        CollectiveEconomy = "collectiveEconomy",
        /// 仲裁机构
        Arbitration = "arbitration",
    }
}

slug_enum! {
    /// 证件类型 — §3 (personal certificates §4.1–§4.3, organisation certificates §3 table).
    pub enum CertificateType {
        /// 统一社会信用代码 (营业执照 / 统一社会信用代码证书)
        Uscc = "uscc",
        /// 居民身份证
        ResidentId = "residentId",
        /// 护照
        Passport = "passport",
        /// 港澳居民来往内地通行证
        HkMacaoPermit = "hkMacaoPermit",
        /// 台湾居民来往大陆通行证
        TaiwanPermit = "taiwanPermit",
        /// 外国人永久居留身份证
        ForeignPermanentResidentId = "foreignPermanentResidentId",
        /// 港澳台居民居住证
        HkMacaoTaiwanResidencePermit = "hkMacaoTaiwanResidencePermit",
        /// 营业执照 with an old-style registration number (not 三证合一)
        BusinessLicense = "businessLicense",
        /// 组织机构代码证
        OrganizationCode = "organizationCode",
        /// 外国企业常驻代表机构登记证
        ForeignEnterpriseRepOffice = "foreignEnterpriseRepOffice",
        /// 事业单位法人证书
        InstitutionLegalPerson = "institutionLegalPerson",
        /// 部队代号
        MilitaryCode = "militaryCode",
        /// 军队单位对外有偿服务许可证
        MilitaryServiceLicense = "militaryServiceLicense",
        /// 社会团体法人登记证书
        SocialGroupRegistration = "socialGroupRegistration",
        /// 民办非企业单位登记证书
        PrivateNonEnterpriseRegistration = "privateNonEnterpriseRegistration",
        /// 社会服务机构登记证书
        SocialServiceRegistration = "socialServiceRegistration",
        /// 民办学校办学许可证
        PrivateSchoolLicense = "privateSchoolLicense",
        /// 基金会法人登记证书
        FoundationRegistration = "foundationRegistration",
        /// 律师事务所执业许可证
        LawFirmLicense = "lawFirmLicense",
        /// 外国在华文化中心登记证
        ForeignCultureCenterRegistration = "foreignCultureCenterRegistration",
        /// 外国政府旅游部门常驻代表机构批准登记证
        ForeignTourismOfficeRegistration = "foreignTourismOfficeRegistration",
        /// 北京市外国驻华使馆人员子女学校办学许可证
        EmbassySchoolLicense = "embassySchoolLicense",
        /// 司法鉴定许可证
        JudicialExpertiseLicense = "judicialExpertiseLicense",
        /// 宗教活动场所登记证
        ReligiousVenueRegistration = "religiousVenueRegistration",
        /// 境外机构证件
        OverseasOrganizationCertificate = "overseasOrganizationCertificate",
        /// 医疗机构执业许可证
        MedicalInstitutionLicense = "medicalInstitutionLicense",
        /// 公证机构执业证
        NotaryLicense = "notaryLicense",
        /// 农村集体经济组织登记证
        CollectiveEconomyRegistration = "collectiveEconomyRegistration",
        /// 仲裁委员会登记证
        ArbitrationRegistration = "arbitrationRegistration",
    }
}

impl CertificateType {
    /// A certificate held by people from outside the mainland: passports, the Hong Kong,
    /// Macao and Taiwan permits and residence permits, foreign permanent residence IDs.
    pub fn is_non_mainland(self) -> bool {
        matches!(
            self,
            Self::Passport
                | Self::HkMacaoPermit
                | Self::TaiwanPermit
                | Self::ForeignPermanentResidentId
                | Self::HkMacaoTaiwanResidencePermit
        )
    }
}

/// A certificate as entered: type, number and validity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Certificate {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<CertificateType>,
    pub number: String,
    /// `"YYYY-MM-DD"` or `"longTerm"`; empty when not given.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub valid_until: String,
}

/// 主办者 — the filing subject (a unit or a person).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subject {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<SubjectKind>,
    pub name: String,
    pub certificate: Certificate,
    /// 证件住所: the address printed on the certificate.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub certificate_address: String,
    pub address: Address,
    /// 主体负责人; for individuals, the filer.
    pub principal: Person,
    /// For units: whether the principal is the legal representative (法定代表人). Several
    /// provinces require it or an authorisation letter (§6). `None`: not answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_is_legal_representative: Option<bool>,
    /// 法定代表人, asked for when the principal is not the legal representative: the
    /// authorisation letter is the legal representative's, and WeChat's filing API requires
    /// the name and certificate number then (§6, [S17f]).
    #[serde(skip_serializing_if = "LegalRepresentative::is_empty")]
    pub legal_representative: LegalRepresentative,
    /// 备注 for the subject.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub remark: String,
}

/// The unit's legal representative (法定代表人): name and certificate (its validity is not
/// asked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalRepresentative {
    pub name: String,
    pub certificate: Certificate,
}

impl LegalRepresentative {
    /// Nothing given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// 通信地址 as GB/T 2260 codes plus the detailed part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Address {
    pub province: String,
    pub city: String,
    pub district: String,
    pub detail: String,
}

/// A responsible person (主体负责人 or 网站/APP负责人).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Person {
    pub name: String,
    pub certificate: Certificate,
    pub mobile: String,
    pub email: String,
    pub emergency_phone: String,
    pub office_phone: String,
}

/// A pre-approval (前置审批) entry, §5.6.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PreApproval {
    pub category: String,
    pub number: String,
}

/// A website to file (§5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Website {
    pub name: String,
    /// Its own filing number (网站备案号 …号-1, APP …号-1A), asked in a new access or a change:
    /// the number it already holds. Empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_number: String,
    pub domains: Vec<String>,
    pub homepage: String,
    pub service_content: Vec<String>,
    pub languages: Vec<String>,
    pub pre_approvals: Vec<PreApproval>,
    pub responsible: Person,
    pub remark: String,
}

/// One platform build of an APP (§2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppPlatform {
    pub platform: String,
    pub package_name: String,
    pub signature_md5: String,
    pub public_key: String,
    pub cert_sha1: String,
}

/// An APP / mini-program / quick app to file (§2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct App {
    pub name: String,
    /// Its own filing number (网站备案号 …号-1, APP …号-1A), asked in a new access or a change:
    /// the number it already holds. Empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub filing_number: String,
    pub platforms: Vec<AppPlatform>,
    pub domains: Vec<String>,
    pub service_content: Vec<String>,
    pub languages: Vec<String>,
    pub pre_approvals: Vec<PreApproval>,
    pub responsible: Person,
    pub remark: String,
}

/// Registrar facts about one domain (MIIT's domain check, §5.2, §12): who holds it, when it
/// expires and whether its real-name verification is done. Every field is optional; an
/// empty one is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DomainFacts {
    /// The domain as filed (any case, Unicode or punycode).
    pub domain: String,
    /// The registrant (域名持有者) as the registrar has it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub holder_name: String,
    /// Registration expiry, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub expires_on: String,
    /// Whether real-name verification (实名认证) is complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub real_name_verified: Option<bool>,
    /// When real-name verification completed, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub real_name_verified_on: String,
}
