//! Formats of the other personal certificates (docs/sources.md §4.3, confidence M: formats
//! from validator code, not from MIIT). A number that fails them is most likely mistyped.
//!
//! The 2023 foreign permanent resident ID card is the exception: its structure is the
//! National Immigration Administration's (§12, H), with a birth date and the resident ID's
//! MOD 11-2 check character, so [`ForeignPermanentId`] checks both.
//!
//! Numbers are arbitrary user text: every check here works on characters or on bytes it
//! has already found to be ASCII, never on byte offsets into unchecked text.

use chrono::NaiveDate;

use super::normalized_identifier;
use super::resident_id::{parse_gb11643, ResidentIdError};
use crate::model::CertificateType;

/// Whether `number` (already normalised: no spaces, upper case) has the shape of `kind`.
/// Returns `None` for types without a known format.
///
/// For a foreign permanent resident ID this is the shape only; [`ForeignPermanentId::parse`]
/// also checks the 2023 format's birth date and check character.
///
/// ```
/// use icp_filing::ident::permit_format_ok;
/// use icp_filing::model::CertificateType;
/// assert_eq!(permit_format_ok(CertificateType::HkMacaoPermit, "H12345678"), Some(true));
/// assert_eq!(permit_format_ok(CertificateType::HkMacaoPermit, "12345678"), Some(false));
/// assert_eq!(permit_format_ok(CertificateType::HkMacaoPermit, "中12345678"), Some(false));
/// ```
pub fn permit_format_ok(kind: CertificateType, number: &str) -> Option<bool> {
    let ok = match kind {
        // H/M + 8 digits (current) or + 10 digits (older).
        CertificateType::HkMacaoPermit => number
            .strip_prefix(['H', 'M'])
            .is_some_and(|rest| (rest.len() == 8 || rest.len() == 10) && all_digits(rest)),
        // 8 digits (current) or 10 characters (older: digits, or a letter + 9 digits).
        CertificateType::TaiwanPermit => {
            let mut chars = number.chars();
            let first = chars.next();
            (number.len() == 8 && all_digits(number))
                || (number.len() == 10
                    && first.is_some_and(|c| c.is_ascii_alphanumeric())
                    && all_digits(chars.as_str()))
        }
        CertificateType::ForeignPermanentResidentId => foreign_permanent_format(number).is_some(),
        // ICAO 9303: up to 9 characters in the MRZ; some countries' numbers are longer.
        CertificateType::Passport => {
            (5..=17).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        _ => return None,
    };
    Some(ok)
}

/// Non-empty and ASCII digits only.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The two formats of the foreign permanent resident ID card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ForeignPermanentFormat {
    /// 2023: `9`, province (2), nationality (3), birth date (8), sequence (2), sex (1),
    /// MOD 11-2 check character (digit or `X`).
    Y2023,
    /// 2017: 3 letters (nationality) + 12 digits; valid until the card expires.
    Y2017,
}

/// Which format `number` (normalised) has the shape of, if any.
fn foreign_permanent_format(number: &str) -> Option<ForeignPermanentFormat> {
    let b = number.as_bytes();
    let digit_or_x = |b: &u8| b.is_ascii_digit() || *b == b'X';
    if b.len() == 18 && b[0] == b'9' && all_digits_bytes(&b[..17]) && digit_or_x(&b[17]) {
        Some(ForeignPermanentFormat::Y2023)
    } else if b.len() == 15
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && all_digits_bytes(&b[3..])
    {
        Some(ForeignPermanentFormat::Y2017)
    } else {
        None
    }
}

fn all_digits_bytes(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

/// Why a text is not a foreign permanent resident ID number (外国人永久居留身份证).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForeignPermanentIdError {
    /// Neither 18 characters starting with 9 (2023 format) nor 3 letters and 12 digits
    /// (2017 format).
    #[error("not a foreign permanent resident ID number in the 2023 or the 2017 format")]
    Format,
    /// 2023 format: characters 7–14 are not a real calendar date from 1900 on.
    #[error("{text} is not a valid birth date")]
    BirthDate { text: String },
    /// 2023 format: the 18th character does not match the ISO 7064 MOD 11-2 check.
    #[error("the check character does not match the other 17")]
    Checksum,
}

/// A foreign permanent resident ID number: the 2023 format with a valid birth date and check
/// character, or the 2017 format's shape (it has no published check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignPermanentId {
    normalized: String,
    /// `None` for the 2017 format, which carries no birth date.
    birth_date: Option<NaiveDate>,
}

impl ForeignPermanentId {
    /// Parses a foreign permanent resident ID number as typed (spaces, dashes, full-width
    /// characters and a lowercase `x` are accepted).
    ///
    /// # Errors
    /// [`ForeignPermanentIdError::Format`] when the number has neither format's shape; for
    /// the 2023 format, then the birth date, then the check character.
    ///
    /// ```
    /// use icp_filing::ident::{ForeignPermanentId, ForeignPermanentIdError};
    /// let id = ForeignPermanentId::parse("91123419900101123x").unwrap();
    /// assert_eq!(id.as_str(), "91123419900101123X");
    /// assert!(ForeignPermanentId::parse("USA123456789012").is_ok());
    /// assert_eq!(
    ///     ForeignPermanentId::parse("911234199001011234"),
    ///     Err(ForeignPermanentIdError::Checksum)
    /// );
    /// ```
    pub fn parse(raw: &str) -> Result<Self, ForeignPermanentIdError> {
        let normalized = normalized_identifier(raw);
        let birth_date = match foreign_permanent_format(&normalized) {
            None => return Err(ForeignPermanentIdError::Format),
            Some(ForeignPermanentFormat::Y2017) => None,
            Some(ForeignPermanentFormat::Y2023) => match parse_gb11643(&normalized) {
                Ok((_, date)) => Some(date),
                Err(ResidentIdError::BirthDate { text }) => {
                    return Err(ForeignPermanentIdError::BirthDate { text })
                }
                Err(ResidentIdError::Checksum) => return Err(ForeignPermanentIdError::Checksum),
                // The shape was checked above.
                Err(_) => return Err(ForeignPermanentIdError::Format),
            },
        };
        Ok(Self {
            normalized: normalized.into_owned(),
            birth_date,
        })
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.normalized
    }

    /// The holder's birth date (characters 7–14); `None` for the 2017 format.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that used to be sliced at a byte offset inside a multi-byte character.
    #[test]
    fn non_ascii_numbers_are_rejected_without_panicking() {
        let numbers = [
            "中12345678",
            "é1234567",
            "é12345678",
            "é123456789",
            "中1234567",
            "ÄÖ1234567890123",
            "中A123456789012",
            "9中123419900101123",
            "91123419900101123中",
            "\u{200D}12345678",
            "🙂12345678",
            "H\u{0301}12345678",
        ];
        for kind in CertificateType::ALL {
            for number in numbers {
                assert_ne!(
                    permit_format_ok(*kind, number),
                    Some(true),
                    "{kind:?} {number}"
                );
            }
        }
        for number in numbers {
            assert!(ForeignPermanentId::parse(number).is_err(), "{number}");
        }
    }

    #[test]
    fn foreign_permanent_id_formats() {
        let cases = [
            ("91123419900101123X", Ok(())),
            ("91123419900101123x", Ok(())),
            ("USA123456789012", Ok(())),
            ("911234199001011234", Err(ForeignPermanentIdError::Checksum)),
            (
                "911234199002301230",
                Err(ForeignPermanentIdError::BirthDate {
                    text: "1990-02-30".into(),
                }),
            ),
            ("811234199001011234", Err(ForeignPermanentIdError::Format)),
            ("9112341990010112X4", Err(ForeignPermanentIdError::Format)),
            ("US1234567890123", Err(ForeignPermanentIdError::Format)),
            ("", Err(ForeignPermanentIdError::Format)),
        ];
        for (number, want) in cases {
            assert_eq!(
                ForeignPermanentId::parse(number).map(|_| ()),
                want,
                "{number}"
            );
        }
    }
}
