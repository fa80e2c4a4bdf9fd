//! Unified social credit code (统一社会信用代码, GB 32100-2015), docs/sources.md §4.2.
//!
//! 18 characters from a 31-symbol alphabet (no I, O, S, V, Z): registration authority (1),
//! organisation category (1), region code (6 digits), organisation code (9), check character (1).

use std::borrow::Cow;

use super::normalized_identifier;

/// The GB 32100 alphabet; a character's index is its value.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights for positions 1–17: 3^(i−1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a text is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    /// Not 18 characters after normalisation.
    #[error("a unified social credit code has 18 characters, this one has {len}")]
    Length { len: usize },
    /// A character outside the GB 32100 alphabet, or a non-digit in the region code (positions 3–8).
    #[error("character {position} ({character}) is not allowed there")]
    Format { position: usize, character: char },
    /// The 18th character does not match the mod-31 check. Some real pre-2016 codes fail it,
    /// so callers usually treat this as a warning the filer can confirm.
    #[error("the check character does not match the other 17")]
    Checksum,
}

/// A unified social credit code with a valid alphabet, layout and check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uscc {
    normalized: String,
}

impl Uscc {
    /// Parses a credit code as typed (spaces, dashes, full-width and lowercase accepted).
    ///
    /// # Errors
    /// Length, then the first misplaced character, then the check character.
    ///
    /// ```
    /// use icp_filing::ident::{Uscc, UsccError};
    /// assert!(Uscc::parse("91350100M000100Y43").is_ok());
    /// assert_eq!(Uscc::parse("91350100M000100Y44"), Err(UsccError::Checksum));
    /// ```
    pub fn parse(raw: &str) -> Result<Self, UsccError> {
        let normalized = Self::layout(raw)?;
        if !check_char_matches(&normalized) {
            return Err(UsccError::Checksum);
        }
        Ok(Self {
            normalized: normalized.into_owned(),
        })
    }

    /// [`Uscc::check_layout`], then whether the check character matches.
    pub(crate) fn check(raw: &str) -> Result<bool, UsccError> {
        Self::layout(raw).map(|code| check_char_matches(&code))
    }

    /// Checks length, alphabet and the digit-only region code without the check character,
    /// returning the normalised text. Used when a failed check character is only a warning.
    ///
    /// # Errors
    /// [`UsccError::Length`] or [`UsccError::Format`].
    pub fn check_layout(raw: &str) -> Result<String, UsccError> {
        Self::layout(raw).map(Cow::into_owned)
    }

    fn layout(raw: &str) -> Result<Cow<'_, str>, UsccError> {
        let normalized = normalized_identifier(raw);
        let len = if normalized.is_ascii() {
            normalized.len()
        } else {
            normalized.chars().count()
        };
        if len != 18 {
            return Err(UsccError::Length { len });
        }
        for (i, c) in normalized.chars().enumerate() {
            let in_alphabet = c.is_ascii() && VALUES[c as usize] != NOT_IN_ALPHABET;
            let ok = if (2..8).contains(&i) {
                c.is_ascii_digit()
            } else {
                in_alphabet
            };
            if !ok {
                return Err(UsccError::Format {
                    position: i + 1,
                    character: c,
                });
            }
        }
        Ok(normalized)
    }

    /// The normalised 18 characters.
    pub fn as_str(&self) -> &str {
        &self.normalized
    }

    /// Registration authority and organisation category (positions 1–2), e.g. `"91"` for a company.
    pub fn category(&self) -> &str {
        &self.normalized[..2]
    }
}

/// Whether the 18th character of a code with a valid layout is its check character.
fn check_char_matches(code: &str) -> bool {
    let bytes = code.as_bytes();
    check_char(&bytes[..17]) == bytes[17]
}

/// The check character for 17 characters of the alphabet.
fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| value_of(*b) * w)
        .sum();
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

fn value_of(b: u8) -> u32 {
    match VALUES.get(usize::from(b)) {
        Some(&v) if v != NOT_IN_ALPHABET => u32::from(v),
        _ => 0,
    }
}

/// Each ASCII character's value in [`ALPHABET`]; [`NOT_IN_ALPHABET`] for the others.
const VALUES: [u8; 128] = {
    let mut values = [NOT_IN_ALPHABET; 128];
    let mut i = 0;
    while i < ALPHABET.len() {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};
const NOT_IN_ALPHABET: u8 = u8::MAX;

/// The organisation-category prefixes of a code (positions 1–2) and the subject kinds they
/// fit — docs/sources.md §4.2 (GB 32100 categories; the mapping itself is marked M there).
pub fn category_fits(category: &str, kind: crate::model::SubjectKind) -> Option<bool> {
    use crate::model::SubjectKind as K;
    // Hospitals, notaries, arbitration commissions and forensic institutes are often public
    // institutions (12) and hospitals also private non-enterprise units (52) or companies (91).
    let expected: &[K] = match category {
        "91" => &[K::Enterprise, K::Medical],
        "92" | "93" => &[K::Enterprise],
        "11" => &[K::Government],
        "12" => &[
            K::Institution,
            K::Medical,
            K::Notary,
            K::Arbitration,
            K::JudicialExpertise,
        ],
        "31" => &[K::LawFirm],
        "51" => &[K::SocialGroup],
        "52" => &[K::PrivateNonEnterprise, K::Medical],
        "53" => &[K::Foundation],
        _ => return None,
    };
    Some(expected.contains(&kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_private_hospitals_fit_their_codes() {
        use crate::model::SubjectKind as K;
        for category in ["12", "52", "91"] {
            assert_eq!(
                category_fits(category, K::Medical),
                Some(true),
                "{category}"
            );
        }
        assert_eq!(category_fits("12", K::Notary), Some(true));
        assert_eq!(category_fits("51", K::Medical), Some(false));
        assert_eq!(category_fits("92", K::Medical), Some(false));
    }

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for expected in WEIGHTS {
            assert_eq!(expected, w);
            w = w * 3 % 31;
        }
    }
}
