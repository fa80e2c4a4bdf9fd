//! `data/catalogues.json`: the option lists of the form as slugs with zh/en names and MIIT
//! ids (docs/sources.md §2.1, §5.4–§5.6, §6).

use serde::{Deserialize, Serialize};

use super::words::Confidence;
use crate::locale::Locale;

fn pick<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZhEn {
    pub zh: String,
    pub en: String,
}

impl ZhEn {
    /// The text in `locale`.
    pub fn text(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

/// 网站服务内容 (§5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceContent {
    pub slug: String,
    pub zh: String,
    pub en: String,
    /// The MIIT-style bitmask value (a power of two).
    pub miit_bit: u64,
}

impl ServiceContent {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

/// 网站语言 (§5.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Language {
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub miit_id: u32,
}

impl Language {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

/// 前置审批 category (§5.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreApprovalCategory {
    pub slug: String,
    pub zh: String,
    pub en: String,
    /// Id in WeChat's `queryIcpNrlxTypes` (S17c).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechat_id: Option<u32>,
    /// MIIT-style bitmask value (S18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub miit_bit: Option<u64>,
    /// The approving body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<ZhEn>,
    /// The document it issues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<ZhEn>,
    /// Abolished nationally, though some bureaus still ask (education, medical, 电子公告).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub abolished_nationally: bool,
    pub source: String,
}

impl PreApprovalCategory {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

slug_enum! {
    /// What kind of service a platform build is filed as (§1.3 number suffixes).
    pub enum AppServiceKind {
        App = "app",
        MiniProgram = "miniProgram",
        QuickApp = "quickApp",
    }
}

slug_enum! {
    /// What the `packageName` field holds.
    pub enum PackageNameFormat {
        /// Reverse-DNS package / bundle name, e.g. `com.example.app`.
        ReverseDns = "reverseDns",
        /// An iOS Bundle ID: reverse-DNS segments of A–Z, a–z, 0–9, `-` and `.` (Apple's
        /// rule), so `com.example.my-app` and `com.1password.ios` are valid.
        BundleId = "bundleId",
        /// A platform-assigned id (mini-program AppID).
        AppId = "appId",
    }
}

/// The `AppPlatform` fields a platform entry can ask for.
pub const APP_PLATFORM_FIELDS: [&str; 4] = ["packageName", "signatureMd5", "publicKey", "certSha1"];

/// An APP platform (§2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppPlatformInfo {
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub service: AppServiceKind,
    /// Suffix of the service's filing number (`A`, `X`, `K`).
    pub filing_suffix: String,
    pub package_name_format: PackageNameFormat,
    /// Fields (of [`APP_PLATFORM_FIELDS`]) that must be given: error when missing.
    pub required: Vec<String>,
    /// Fields providers ask for: warning when missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommended: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl AppPlatformInfo {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

/// A document a non-local individual may show (§6 `individualNonLocal.permits`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Permit {
    pub id: String,
    pub zh: String,
    pub en: String,
}

impl Permit {
    /// The name in `locale`.
    pub fn name(&self, locale: Locale) -> &str {
        pick(locale, &self.zh, &self.en)
    }
}

/// A list of slugs with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourcedSlugs {
    pub values: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The whole of `data/catalogues.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueFile {
    pub version: String,
    pub service_content: Vec<ServiceContent>,
    pub service_content_source: String,
    /// Service contents an individual may choose (provinces may narrow it).
    pub personal_allowed_service_content: SourcedSlugs,
    pub languages: Vec<Language>,
    pub languages_source: String,
    pub pre_approval_categories: Vec<PreApprovalCategory>,
    pub app_platforms: Vec<AppPlatformInfo>,
    pub non_local_permits: Vec<Permit>,
}
