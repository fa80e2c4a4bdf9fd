//! 18-character resident ID number (居民身份证号码, GB 11643-1999), docs/sources.md §4.1.
//!
//! Structure: 6-digit address code (GB/T 2260) + birth date `YYYYMMDD` + 3-digit sequence +
//! check character (ISO 7064 MOD 11-2, `0`–`9` or `X`). The same structure is used by the
//! HK/Macau/Taiwan residents' residence permit (prefixes 810000/820000/830000, §4.3).

use chrono::{Datelike, NaiveDate};

use super::normalized_identifier;

/// First two digits of every GB/T 2260 province-level code, plus 71 (Taiwan) and
/// 81/82/83 (HK, Macau, Taiwan residence permits) — docs/sources.md §4.1 [S21a, S21c].
pub const PROVINCE_PREFIXES: [&str; 35] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82", "83",
];

/// [`PROVINCE_PREFIXES`] as a table indexed by the two digits' value.
const KNOWN_PREFIX: [bool; 100] = {
    let mut known = [false; 100];
    let mut i = 0;
    while i < PROVINCE_PREFIXES.len() {
        let p = PROVINCE_PREFIXES[i].as_bytes();
        known[(p[0] - b'0') as usize * 10 + (p[1] - b'0') as usize] = true;
        i += 1;
    }
    known
};

/// MOD 11-2 weights for positions 1–17: 2^(18−i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each remainder of the weighted sum mod 11.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// Why a text is not a resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResidentIdError {
    /// Not 18 characters after normalisation (and not a first-generation number).
    #[error("a resident ID number has 18 characters, this one has {len}")]
    Length { len: usize },
    /// 15 digits: the number of a first-generation card, which stopped being valid on
    /// 2013-01-01 (docs/sources.md §12); the holder files with the 18-digit number.
    #[error("a 15-digit first-generation ID number is no longer valid; use the 18-digit number")]
    FirstGeneration,
    /// A character other than a digit (positions 1–17) or a digit/`X` (position 18).
    #[error("character {position} is not allowed")]
    Format { position: usize },
    /// Positions 7–14 are not a real calendar date from 1900 on.
    #[error("{text} is not a valid birth date")]
    BirthDate { text: String },
    /// The 18th character does not match the ISO 7064 MOD 11-2 check.
    #[error("the check character does not match the other 17")]
    Checksum,
}

/// A resident ID number whose format, birth date and check character are valid.
#[derive(Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// The normalised 18 ASCII characters.
    normalized: [u8; 18],
    birth_date: NaiveDate,
}

impl std::fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResidentId")
            .field("normalized", &self.as_str())
            .field("birth_date", &self.birth_date)
            .finish()
    }
}

impl ResidentId {
    /// Parses a resident ID number as typed (spaces, dashes, full-width digits and a
    /// lowercase `x` are accepted).
    ///
    /// # Errors
    /// [`ResidentIdError::FirstGeneration`] for 15 digits; otherwise the first failing part,
    /// in the order length, characters, birth date, check character.
    ///
    /// ```
    /// use icp_filing::ident::{ResidentId, ResidentIdError};
    /// let id = ResidentId::parse("11010519491231002x").unwrap();
    /// assert_eq!(id.as_str(), "11010519491231002X");
    /// assert_eq!(ResidentId::parse("110105194912310021"), Err(ResidentIdError::Checksum));
    /// assert_eq!(ResidentId::parse("110105491231002"), Err(ResidentIdError::FirstGeneration));
    /// ```
    pub fn parse(raw: &str) -> Result<Self, ResidentIdError> {
        let normalized = normalized_identifier(raw);
        if normalized.len() == 15 && normalized.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ResidentIdError::FirstGeneration);
        }
        let (normalized, birth_date) = parse_gb11643(&normalized)?;
        Ok(Self {
            normalized,
            birth_date,
        })
    }

    /// The normalised 18 characters.
    pub fn as_str(&self) -> &str {
        // Digits and `X` only (checked by `parse`), so always valid UTF-8.
        std::str::from_utf8(&self.normalized).unwrap_or_default()
    }

    /// The holder's birth date (positions 7–14).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The 6-digit address code the number was issued under.
    pub fn region_code(&self) -> &str {
        self.as_str().get(..6).unwrap_or_default()
    }

    /// Whether the first two digits name a province-level region (or a residence-permit
    /// prefix). Abolished county codes are common on valid cards, so only the province
    /// part is checked here.
    pub fn has_known_province(&self) -> bool {
        let b = &self.normalized;
        KNOWN_PREFIX[usize::from(b[0] - b'0') * 10 + usize::from(b[1] - b'0')]
    }

    /// Whether this is an HK/Macau/Taiwan residents' residence permit number (§4.3).
    pub fn is_residence_permit(&self) -> bool {
        matches!(&self.normalized[..6], b"810000" | b"820000" | b"830000")
    }

    /// Full years of age on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        today.years_since(self.birth_date).unwrap_or(0)
    }
}

/// Checks a normalised number built like a resident ID (GB 11643): 17 digits, then a digit
/// or `X`; a real birth date from 1900 on at positions 7–14; a matching ISO 7064 MOD 11-2
/// check character. The 2023 foreign permanent resident ID card has the same structure
/// (docs/sources.md §12). Returns the 18 ASCII characters and the birth date.
///
/// Never slices `text` by bytes before knowing it is 18 ASCII characters.
///
/// # Errors
/// The first failing part, in the order length, characters, birth date, check character.
pub(super) fn parse_gb11643(text: &str) -> Result<([u8; 18], NaiveDate), ResidentIdError> {
    let len = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if len != 18 {
        return Err(ResidentIdError::Length { len });
    }
    let bad = |(i, c): (usize, char)| !(c.is_ascii_digit() || (i == 17 && c == 'X'));
    if let Some(i) = text.chars().enumerate().position(bad) {
        return Err(ResidentIdError::Format { position: i + 1 });
    }
    // 18 characters, all ASCII: exactly 18 bytes.
    let Ok(bytes) = <[u8; 18]>::try_from(text.as_bytes()) else {
        return Err(ResidentIdError::Length { len });
    };
    let birth_date = parse_birth_date(&bytes[6..14]).ok_or_else(|| {
        let d = |range: std::ops::Range<usize>| String::from_utf8_lossy(&bytes[range]).into_owned();
        ResidentIdError::BirthDate {
            text: format!("{}-{}-{}", d(6..10), d(10..12), d(12..14)),
        }
    })?;
    if check_char(&bytes[..17]) != bytes[17] {
        return Err(ResidentIdError::Checksum);
    }
    Ok((bytes, birth_date))
}

/// `YYYYMMDD` from 8 ASCII digits.
fn parse_birth_date(digits: &[u8]) -> Option<NaiveDate> {
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(4..6), number(6..8)).filter(|d| d.year() >= 1900)
}

/// The MOD 11-2 check character for 17 ASCII digits.
fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_two_mod_eleven() {
        for (i, w) in WEIGHTS.iter().enumerate() {
            assert_eq!(*w, (1u32 << (17 - i)) % 11);
        }
    }
}
