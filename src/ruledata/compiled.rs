//! Compiled rule data: a host's override, merged and validated outside the browser by
//! `icp-precheck rules compile override.json`, in the compact form the embedded data use.
//! The widget only decodes it ([`RuleData::from_compiled`]): it never merges or validates
//! JSON rules, and one compiled text reaches every reader of the rule data (rules, messages,
//! choice lists, materials, and the estimates through the review policy).
//!
//! The text is `icprules1:` followed by base64url (no padding) of:
//!
//! | bytes | |
//! |---|---|
//! | 8 | schema fingerprint (little endian), see `schema::fingerprint` |
//! | 8 | FNV-1a of the embedded data the override was merged over |
//! | … | override versions: a LEB128 count, then each as LEB128 length and UTF-8 |
//! | … | the five files in schema order, as `build.rs` writes the embedded ones |
//! | 8 | FNV-1a of everything before |

use super::embedded::{self, Reader, EMBEDDED_DIGEST, SCHEMA_FINGERPRINT};
use super::schema::fnv1a64;
use super::RuleData;

/// What every compiled text starts with; the digit is the layout version.
pub const COMPILED_PREFIX: &str = "icprules1:";

/// Why a compiled text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompiledError {
    #[error("not compiled rule data (it must start with \"{COMPILED_PREFIX}\"; make it with `icp-precheck rules compile override.json`)")]
    Prefix,
    #[error("compiled rule data are damaged (not base64url, cut short or altered); compile the override again")]
    Damaged,
    #[error("compiled rule data were made by another version of icp-filing, whose rule-data format differs; compile the override again with this version's icp-precheck")]
    Schema,
}

/// Decoded compiled rule data.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub data: RuleData,
    /// Whether the override was merged over this build's embedded data. When not, the data
    /// are what the host compiled (older or newer base rules); the widget uses them and says
    /// so, since recompiling picks up this build's data.
    pub same_base: bool,
}

impl RuleData {
    /// Decodes the text `icp-precheck rules compile` writes. The data were validated when
    /// they were compiled, so they are only indexed here.
    ///
    /// # Errors
    /// [`CompiledError`] when the text is not compiled rule data, is damaged, or comes from a
    /// build with another rule-data format.
    pub fn from_compiled(text: &str) -> Result<Compiled, CompiledError> {
        let body = text
            .trim()
            .strip_prefix(COMPILED_PREFIX)
            .ok_or(CompiledError::Prefix)?;
        let bytes = base64url_decode(body).ok_or(CompiledError::Damaged)?;
        let (content, sum) = bytes
            .len()
            .checked_sub(8)
            .map(|at| bytes.split_at(at))
            .ok_or(CompiledError::Damaged)?;
        if fnv1a64(content).to_le_bytes() != sum {
            return Err(CompiledError::Damaged);
        }
        let (header, rest) = content.split_at_checked(16).ok_or(CompiledError::Damaged)?;
        let word = |i: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&header[i..i + 8]);
            u64::from_le_bytes(b)
        };
        if word(0) != SCHEMA_FINGERPRINT {
            return Err(CompiledError::Schema);
        }
        let mut reader = Reader {
            bytes: rest,
            failed: false,
        };
        let count = reader.len();
        let overrides: Vec<String> = (0..count).map(|_| reader.string()).collect();
        if reader.failed {
            return Err(CompiledError::Damaged);
        }
        let (provinces, tlds, words, catalogues, policy) =
            embedded::decode_stream(reader.bytes).ok_or(CompiledError::Damaged)?;
        let data = Self::index(provinces, tlds, words, catalogues, policy, overrides)
            .map_err(|_| CompiledError::Damaged)?;
        Ok(Compiled {
            data,
            same_base: word(8) == EMBEDDED_DIGEST,
        })
    }

    /// This data in the compiled form [`RuleData::from_compiled`] reads.
    ///
    /// # Errors
    /// A message when the data do not fit the schema (a bug: merged data are typed).
    pub fn to_compiled(&self) -> Result<String, String> {
        use super::schema;
        let mut out = Vec::new();
        out.extend_from_slice(&SCHEMA_FINGERPRINT.to_le_bytes());
        out.extend_from_slice(&fnv1a64(embedded::embedded_stream()).to_le_bytes());
        schema::uint(&mut out, self.overrides.len() as u64);
        for version in &self.overrides {
            schema::bytes(&mut out, version);
        }
        out.extend_from_slice(&self.to_stream()?);
        let sum = fnv1a64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        Ok(format!("{COMPILED_PREFIX}{}", base64url_encode(&out)))
    }

    /// The five files in the embedded stream form.
    pub(super) fn to_stream(&self) -> Result<Vec<u8>, String> {
        use super::schema;
        let schema = schema::rule_schema();
        let files = [
            serde_json::to_value(&self.provinces),
            serde_json::to_value(&self.tlds),
            serde_json::to_value(&self.words),
            serde_json::to_value(&self.catalogues),
            serde_json::to_value(&self.review_policy),
        ];
        let mut out = Vec::new();
        for ((ty, value), name) in schema.iter().zip(files).zip([
            "provinces",
            "tlds",
            "words",
            "catalogues",
            "review-policy",
        ]) {
            let value = value.map_err(|e| format!("{name}: {e}"))?;
            schema::encode(&mut out, ty, &value, name)?;
        }
        Ok(out)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// base64url without padding; `None` on any other character or an impossible length.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A leftover of 6 bits can't come from whole bytes; leftover bits must be zero.
    (bits != 6 && acc == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..70 {
            let text = base64url_encode(&bytes[..len]);
            assert!(!text.contains('='));
            assert_eq!(base64url_decode(&text).as_deref(), Some(&bytes[..len]));
        }
        assert_eq!(base64url_decode("AB+C"), None);
        assert_eq!(base64url_decode("A"), None);
        assert_eq!(base64url_decode("AB"), None, "leftover bits set");
    }

    #[test]
    fn the_embedded_data_compile_to_the_build_stream() {
        let embedded = RuleData::embedded();
        assert_eq!(
            embedded.to_stream().unwrap(),
            embedded::embedded_stream(),
            "the typed data serialise to the files' shapes"
        );
        assert_eq!(
            super::super::schema::fingerprint(&super::super::schema::rule_schema()),
            SCHEMA_FINGERPRINT
        );
    }

    #[test]
    fn an_override_survives_compiling() {
        let host = RuleData::embedded()
            .with_override(
                r#"{"version": "acme-1", "tlds": {"fileable": {"add": [{"tlds": ["org"]}]}}}"#,
            )
            .unwrap();
        let text = host.to_compiled().unwrap();
        assert!(text.starts_with(COMPILED_PREFIX));
        let back = RuleData::from_compiled(&text).unwrap();
        assert!(back.same_base);
        assert_eq!(back.data.ruleset_version(), host.ruleset_version());
        assert!(back.data.tld_status("example.org").is_fileable());
        assert!(!RuleData::embedded().tld_status("example.org").is_fileable());
        assert_eq!(back.data.tlds(), host.tlds());
        assert_eq!(back.data.province_file(), host.province_file());
        assert_eq!(back.data.words(), host.words());
        assert_eq!(back.data.catalogues(), host.catalogues());
        assert_eq!(back.data.review_policy(), host.review_policy());
    }

    #[test]
    fn a_review_policy_override_survives_compiling() {
        let host = RuleData::embedded()
            .with_override(
                r#"{"version": "acme-2", "reviewPolicy": {"workingHours": {"start": "08:30", "end": "17:30"},
                    "stages": {"providerReview": {"max": {"days": 4, "note": "our SLA"}}}}}"#,
            )
            .unwrap();
        let back = RuleData::from_compiled(&host.to_compiled().unwrap())
            .unwrap()
            .data;
        let policy = back.review_policy();
        assert_eq!(policy, host.review_policy());
        assert_eq!(policy.stages.provider_review.max.days, 4);
        assert_eq!(
            &*policy.stages.provider_review.max.source,
            "provider override"
        );
        assert_eq!(
            policy.stages.provider_review.max.note.as_deref(),
            Some("our SLA")
        );
        assert_eq!(
            crate::dates::format_time(policy.working_hours.start),
            "08:30"
        );
        assert_ne!(policy, RuleData::embedded().review_policy());
        assert_eq!(
            back.review_policy().stages.bureau_review,
            RuleData::embedded().review_policy().stages.bureau_review,
            "figures the override leaves alone stay"
        );
    }

    #[test]
    fn no_cut_or_altered_text_panics_or_decodes() {
        let text = RuleData::embedded().to_compiled().unwrap();
        let step = text.len() / 150;
        for len in (0..text.len()).step_by(step) {
            assert!(RuleData::from_compiled(&text[..len]).is_err(), "{len}");
        }
        let mut seed = 7u64;
        for _ in 0..150 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let at = COMPILED_PREFIX.len()
                + (seed >> 33) as usize % (text.len() - COMPILED_PREFIX.len());
            let replacement = ALPHABET[(seed >> 20) as usize % 64] as char;
            let mut altered = text.clone();
            altered.replace_range(at..=at, &replacement.to_string());
            if altered != text {
                assert!(RuleData::from_compiled(&altered).is_err(), "{at}");
            }
        }
        for garbage in [
            "",
            "icprules1:",
            "icprules1:!!!!",
            "icprules1:AAAA",
            "\u{0}",
        ] {
            assert!(RuleData::from_compiled(garbage).is_err(), "{garbage:?}");
        }
    }

    #[test]
    fn damaged_or_foreign_texts_are_refused() {
        let text = RuleData::embedded().to_compiled().unwrap();
        assert_eq!(
            RuleData::from_compiled("{\"version\":\"a\"}").unwrap_err(),
            CompiledError::Prefix
        );
        // One character changed anywhere, or the text cut short.
        let mid = text.len() / 2;
        let flipped = format!(
            "{}{}{}",
            &text[..mid],
            if &text[mid..=mid] == "A" { "B" } else { "A" },
            &text[mid + 1..]
        );
        assert_eq!(
            RuleData::from_compiled(&flipped).unwrap_err(),
            CompiledError::Damaged
        );
        assert_eq!(
            RuleData::from_compiled(&text[..text.len() - 4]).unwrap_err(),
            CompiledError::Damaged
        );
        // Another schema: same layout, other fingerprint, valid checksum.
        let mut bytes = base64url_decode(&text[COMPILED_PREFIX.len()..]).unwrap();
        bytes[0] ^= 1;
        let n = bytes.len() - 8;
        let sum = fnv1a64(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
        let foreign = format!("{COMPILED_PREFIX}{}", base64url_encode(&bytes));
        assert_eq!(
            RuleData::from_compiled(&foreign).unwrap_err(),
            CompiledError::Schema
        );
    }
}
