//! The embedded rule data and review policy, decoded from the compact form `build.rs` makes
//! of `data/*.json` (strings and LEB128 integers in schema order), so the library carries
//! neither the JSON text nor a JSON reader for it. The test suite checks that this gives the same data as
//! reading the JSON files with [`RuleData::from_json`](super::RuleData::from_json).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveTime;

use super::{
    AppPlatformInfo, AppServiceKind, AppliesTo, CatalogueFile, Condition, Confidence,
    ConstructionPlan, CountKind, CountThreshold, Item, Language, LegalRepRule, MatchKind, National,
    NonLocal, NonLocalRule, PackageNameFormat, PerKind, Permit, PreApprovalCategory, Province,
    ProvinceFile, ServiceContent, Sourced, SourcedSlugs, TldFile, TldGroup, TldWarning, WordFile,
    WordList, ZhEn,
};
use crate::severity::Severity;
use crate::timeline::{
    Figure, PartialDurations, PartialStageTable, ProvincePolicy, ReviewPolicy, SourcedValue,
    StageDurations, StageTable, WorkingHours,
};

static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ruledata.bin"));

include!(concat!(env!("OUT_DIR"), "/ruledata_decode.rs"));

/// The files, decoded from the embedded stream; `None` if it does not match the decoders (a
/// build bug).
pub(super) fn decode() -> Option<Files> {
    decode_stream(BLOB)
}

pub(super) type Files = (ProvinceFile, TldFile, WordFile, CatalogueFile, ReviewPolicy);

/// The files from a stream in the embedded form (the build's, or a compiled
/// override's); `None` unless the stream holds exactly them.
pub(super) fn decode_stream(bytes: &[u8]) -> Option<Files> {
    let mut reader = Reader {
        bytes,
        failed: false,
    };
    let files = decode_all(&mut reader);
    (!reader.failed && reader.bytes.is_empty()).then_some(files)
}

/// The embedded stream, for compiled overrides to name the data they were made from.
pub(super) fn embedded_stream() -> &'static [u8] {
    BLOB
}

/// Reads the stream front to back. A read past the end or of a malformed value returns a
/// default and marks the reader as failed, so decoding never stops half-way (which keeps the
/// generated decoders free of early-return paths).
pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) failed: bool,
}

impl<'a> Reader<'a> {
    fn fail<T>(&mut self, fallback: T) -> T {
        self.failed = true;
        self.bytes = &[];
        fallback
    }

    pub(super) fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => self.fail(0),
        }
    }

    /// Unsigned LEB128.
    pub(super) fn uint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
        }
        self.fail(0)
    }

    fn u8(&mut self) -> u8 {
        let n = self.uint();
        u8::try_from(n).unwrap_or_else(|_| self.fail(0))
    }

    fn u32(&mut self) -> u32 {
        let n = self.uint();
        u32::try_from(n).unwrap_or_else(|_| self.fail(0))
    }

    pub(super) fn len(&mut self) -> usize {
        let n = self.uint();
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len())
            .unwrap_or_else(|| self.fail(0))
    }

    fn bool(&mut self) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => self.fail(false),
        }
    }

    pub(super) fn str(&mut self) -> &'a str {
        let len = self.len();
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        std::str::from_utf8(text).unwrap_or_else(|_| self.fail(""))
    }

    pub(super) fn string(&mut self) -> String {
        self.str().to_owned()
    }

    fn shared(&mut self) -> Arc<str> {
        Arc::from(self.str())
    }

    fn time(&mut self) -> NaiveTime {
        let seconds = self.u32();
        NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0)
            .unwrap_or_else(|| self.fail(NaiveTime::MIN))
    }

    fn slug<T>(&mut self, from_slug: fn(&str) -> Option<T>, fallback: T) -> T {
        let text = self.str();
        from_slug(text).unwrap_or_else(|| self.fail(fallback))
    }

    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.bool().then(|| read(self))
    }

    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> T) -> Vec<T> {
        // Every item takes at least one byte: `len` is at most what is left.
        let len = self.len();
        (0..len).map(|_| read(self)).collect()
    }

    fn map<T>(&mut self, mut read: impl FnMut(&mut Self) -> T) -> BTreeMap<String, T> {
        let len = self.len();
        (0..len).map(|_| (self.string(), read(self))).collect()
    }
}

fn severity(slug: &str) -> Option<Severity> {
    match slug {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::RuleData;

    #[test]
    fn decoded_data_equal_the_json_files() {
        let read = RuleData::from_json(
            include_str!("../../data/provinces.json"),
            include_str!("../../data/tlds.json"),
            include_str!("../../data/words.json"),
            include_str!("../../data/catalogues.json"),
            include_str!("../../data/review-policy.json"),
        )
        .expect("the data files are valid");
        let decoded = RuleData::embedded();
        assert_eq!(decoded.province_file(), read.province_file());
        assert_eq!(decoded.tlds(), read.tlds());
        assert_eq!(decoded.words(), read.words());
        assert_eq!(decoded.catalogues(), read.catalogues());
        assert_eq!(decoded.review_policy(), read.review_policy());
        assert_eq!(decoded.tld_index, read.tld_index);
        assert_eq!(decoded.keyword_index, read.keyword_index);
        decoded.validate().expect("the embedded data are valid");
    }

    #[test]
    fn a_truncated_stream_does_not_decode() {
        for len in [0, 1, super::BLOB.len() / 2, super::BLOB.len() - 1] {
            let mut reader = super::Reader {
                bytes: &super::BLOB[..len],
                failed: false,
            };
            super::decode_all(&mut reader);
            assert!(reader.failed, "{len} bytes");
        }
    }
}
