//! Identifier parsing: the certificate numbers a filing carries, with fallible
//! constructors that say *which part* failed.
//!
//! Each parser takes the text as the filer typed it, normalises it with
//! [`normalize_identifier`] and checks it. The parsers never panic.

mod domain;
mod email;
mod permits;
mod phone;
mod resident_id;
mod uscc;

use std::borrow::Cow;

pub use domain::{fold_domain_text, punycode_decode, Domain, DomainError};
pub(crate) use email::{has_non_ascii_local, normalized_email};
pub use email::{parse_email, EmailError};
pub use permits::{permit_format_ok, ForeignPermanentId, ForeignPermanentIdError};
pub(crate) use phone::{normalized_landline, normalized_mobile};
pub use phone::{
    parse_landline, parse_mobile, parse_other_phone, parse_phone, LandlineError, MobileError,
    OtherPhone,
};
pub use resident_id::{ResidentId, ResidentIdError, PROVINCE_PREFIXES};
pub use uscc::{category_fits, Uscc, UsccError};

/// Normalises an identifier the way filers type it: trims, drops spaces, dashes and
/// characters that show as nothing ([`is_invisible`]), turns full-width letters and digits into half-width ones and upper-cases letters
/// (so a lowercase `x` check character becomes `X`).
///
/// ```
/// use icp_filing::ident::normalize_identifier;
/// assert_eq!(normalize_identifier(" １１０１０５-1949 1001 001x "), "11010519491001001X");
/// assert_eq!(normalize_identifier("\u{200b}110105194910010011"), "110105194910010011");
/// ```
pub fn normalize_identifier(raw: &str) -> String {
    normalized_identifier(raw).into_owned()
}

/// [`normalize_identifier`], borrowing `raw` when it is already normalised.
pub(crate) fn normalized_identifier(raw: &str) -> Cow<'_, str> {
    let unchanged = raw
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'-' && !b.is_ascii_lowercase());
    if unchanged {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    out.extend(raw.chars().filter_map(|c| {
        let c = to_half_width(c);
        if c.is_whitespace() || is_dash(c) || is_invisible(c) {
            None
        } else {
            Some(c.to_ascii_uppercase())
        }
    }));
    Cow::Owned(out)
}

/// [`str::trim`], also dropping characters that show as nothing ([`is_invisible`]) at the
/// ends, and answering at once when the text starts and ends with a character that is
/// plainly not white space: a visible ASCII character or a CJK ideograph (U+4000..U+9FFF,
/// lead byte E4..E9), as almost every field value does. The rules trim the same values at
/// several layers, and the general search (a Unicode table look-up per end) is a measurable
/// part of `validate` in the browser.
#[inline(never)]
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let plain_start = match bytes.first() {
        Some(&b) => b.is_ascii_graphic() || (0xE4..=0xE9).contains(&b),
        None => return text,
    };
    // A lead byte E4..E9 three bytes from the end starts the last character.
    let plain_end = bytes.last().is_some_and(u8::is_ascii_graphic)
        || bytes
            .len()
            .checked_sub(3)
            .is_some_and(|i| (0xE4..=0xE9).contains(&bytes[i]));
    if plain_start && plain_end {
        text
    } else {
        text.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
    }
}

/// A format character that shows as nothing: zero-width space, (non-)joiner, word joiner and
/// the byte-order mark, which text copied from a web page or a document can carry.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// [`trim`] as a method, for the rules' many `value.trimmed()`.
pub(crate) trait Trimmed {
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    fn trimmed(&self) -> &str {
        trim(self)
    }
}

/// Appends `c` lower-cased (as [`char::to_lowercase`]). ASCII and the CJK blocks
/// (U+2E80..U+9FFF, which have no case) skip the Unicode case tables, the slow part of folding
/// a Chinese name.
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_caseless_cjk(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The CJK blocks U+2E80..U+9FFF, which have no case.
pub(crate) fn is_caseless_cjk(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c)
}

/// Maps a full-width ASCII variant (U+FF01..U+FF5E) and the ideographic space to its
/// ASCII counterpart; any other character is returned unchanged.
pub fn to_half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Normalises a filing number as filers type it (`京icp备 １２３４５６７８ 号－1`): no white
/// space, half-width digits and letters, `ICP` in capitals and one kind of dash, so
/// `京ICP备12345678号-1`. The Chinese characters are left as they are.
pub(crate) fn normalized_filing_number(raw: &str) -> Cow<'_, str> {
    let unchanged = raw.chars().all(|c| {
        !c.is_whitespace()
            && !c.is_ascii_lowercase()
            && (c == '-' || !is_dash(c))
            && to_half_width(c) == c
    });
    if unchanged {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(
        raw.chars()
            .map(to_half_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if is_dash(c) {
                    '-'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect(),
    )
}

/// The subject's filing number within a website's or an APP's (`京ICP备12345678号-1` →
/// `京ICP备12345678号`): the number without a `-<n>` tail (and its A/X/K suffix) after 号.
/// Any other text is returned as it is.
///
/// ```
/// use icp_filing::ident::subject_filing_number;
/// assert_eq!(subject_filing_number("京ICP备12345678号-1"), "京ICP备12345678号");
/// assert_eq!(subject_filing_number("京ICP备12345678号-3A"), "京ICP备12345678号");
/// assert_eq!(subject_filing_number("京ICP备12345678号"), "京ICP备12345678号");
/// assert_eq!(subject_filing_number("京ICP备-1"), "京ICP备-1");
/// ```
pub fn subject_filing_number(number: &str) -> &str {
    let Some((subject, tail)) = number.rsplit_once("号-") else {
        return number;
    };
    let n = tail.strip_suffix(['A', 'X', 'K']).unwrap_or(tail);
    if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
        &number[..subject.len() + "号".len()]
    } else {
        number
    }
}

/// A dash of any kind a keyboard or an input method types (`-`, `—`, `–`, `－` once
/// half-width).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{30FC}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_agrees_with_str_trim() {
        let samples = [
            "",
            " ",
            "a",
            " a ",
            "\u{3000}名称\u{3000}",
            "名称",
            "名称 ",
            "\u{a0}x",
            "x\u{a0}",
            "x\u{2003}",
            "\u{2028}",
            "中\u{85}",
            "网站\u{3000}",
            "a\t",
            "\n中",
            "é",
            " é",
            "中é",
        ];
        for text in samples {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
        // Every one- and two-character text of ASCII, the spaces and a few CJK characters.
        let chars: Vec<char> = (0..0x80u32)
            .chain([
                0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
            ])
            .chain([0xE9, 0x3001, 0x4E00, 0x4E2D, 0x9FFF, 0xFF0C, 0x1F600])
            .filter_map(char::from_u32)
            .collect();
        for &a in &chars {
            for &b in &chars {
                let text: String = [a, b].iter().collect();
                assert_eq!(trim(&text), text.trim(), "{text:?}");
            }
        }
    }

    #[test]
    fn push_lowercase_agrees_with_the_case_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut fast = String::new();
            push_lowercase(&mut fast, c);
            assert_eq!(
                fast,
                c.to_lowercase().collect::<String>(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn normalisation_handles_full_width_spaces_dashes_and_case() {
        let cases = [
            ("11010519491231002x", "11010519491231002X"),
            ("  110105 19491231 002X\t", "11010519491231002X"),
            ("110105-19491231-002X", "11010519491231002X"),
            ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
            ("110105\u{3000}19491231—002X", "11010519491231002X"),
            ("91350100m000100y43", "91350100M000100Y43"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_identifier(raw), want, "input {raw:?}");
        }
    }
}

/// Each parser accepts its own output unchanged. Validation parses every field once and
/// checks the normalised text, which relies on this.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod idempotence {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn phones(raw in "[0-9０-９ +()\\-—]{0,8}(转|ext|x|#|-)?[0-9 ]{0,4}|(0086|\\+86|86)?1[0-9 \\-]{10,12}") {
            if let Ok(n) = parse_mobile(&raw) {
                prop_assert_eq!(parse_mobile(&n), Ok(n.clone()));
            }
            if let Ok(n) = parse_landline(&raw) {
                prop_assert_eq!(parse_landline(&n), Ok(n.clone()));
            }
            if let Some(n) = parse_phone(&raw) {
                prop_assert!(parse_phone(&n).is_some());
            }
        }

        #[test]
        fn emails(raw in " ?[a-zA-Z0-9.+_ｚ]{0,6}[@＠][a-zA-Z0-9\\-ｃ]{0,6}([.．][a-zA-Z0-9\\-]{0,4}){0,3} ?") {
            if let Ok(n) = parse_email(&raw) {
                prop_assert_eq!(parse_email(&n), Ok(n.clone()));
            }
        }

        #[test]
        fn domains(raw in " ?[a-zA-Z0-9\\-例子中国ÄßİǅΣⅫ]{0,8}([.。．][a-zA-Z0-9\\-例子中国ÄßİǅΣ]{0,6}){0,3}\\.? ?") {
            if let Ok(d) = Domain::parse(&raw) {
                prop_assert_eq!(Domain::parse(d.as_str()), Ok(d.clone()));
            }
        }

        #[test]
        fn identifiers(raw in "[0-9０-９a-zA-Zｘ \\-—\u{3000}]{0,20}") {
            let n = normalize_identifier(&raw);
            prop_assert_eq!(normalize_identifier(&n), n.clone());
            prop_assert_eq!(ResidentId::parse(&n), ResidentId::parse(&raw));
            prop_assert_eq!(Uscc::parse(&n), Uscc::parse(&raw));
            prop_assert_eq!(ForeignPermanentId::parse(&n), ForeignPermanentId::parse(&raw));
        }
    }
}
