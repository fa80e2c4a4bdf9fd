//! Formats of the other personal certificates (icp-rules.md §4.3, confidence M: formats
//! from validator code, not from MIIT). A number that fails them is most likely mistyped.

use crate::model::CertificateType;

/// Whether `number` (already normalised: no spaces, upper case) has the shape of `kind`.
/// Returns `None` for types without a known format.
///
/// ```
/// use icp_filing::ident::permit_format_ok;
/// use icp_filing::model::CertificateType;
/// assert_eq!(permit_format_ok(CertificateType::HkMacaoPermit, "H12345678"), Some(true));
/// assert_eq!(permit_format_ok(CertificateType::HkMacaoPermit, "12345678"), Some(false));
/// ```
pub fn permit_format_ok(kind: CertificateType, number: &str) -> Option<bool> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match kind {
        // H/M + 8 digits (current) or + 10 digits (older).
        CertificateType::HkMacaoPermit => {
            let (first, rest) = number.split_at(number.len().min(1));
            matches!(first, "H" | "M") && (rest.len() == 8 || rest.len() == 10) && digits(rest)
        }
        // 8 digits (current) or 10 characters (older: digits, or a letter + 9 digits).
        CertificateType::TaiwanPermit => {
            (number.len() == 8 && digits(number))
                || (number.len() == 10
                    && number
                        .bytes()
                        .next()
                        .is_some_and(|b| b.is_ascii_alphanumeric())
                    && digits(&number[1..]))
        }
        // 2023 version: 18 digits starting with 9; older: 3 letters + 12 digits.
        CertificateType::ForeignPermanentResidentId => {
            (number.len() == 18 && number.starts_with('9') && digits(number))
                || (number.len() == 15
                    && number[..3].bytes().all(|b| b.is_ascii_uppercase())
                    && digits(&number[3..]))
        }
        // ICAO 9303: up to 9 characters in the MRZ; some countries' numbers are longer.
        CertificateType::Passport => {
            (5..=17).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        _ => return None,
    };
    Some(ok)
}
