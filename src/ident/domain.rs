//! Domain names as filers type them (docs/sources.md §5.2): normalised to lower case without
//! scheme, path or trailing dot; ASCII labels follow LDH rules, Chinese (IDN) labels are
//! accepted in Unicode. Whether the TLD can be filed is a data question: see `ruledata`.

use super::{push_lowercase, to_half_width, Trimmed};

/// Why a text is not a domain name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("enter the domain without http:// or https://")]
    Scheme,
    #[error("enter only the domain, without a path, port, query or spaces")]
    Path,
    #[error("a domain needs at least two labels, like example.com")]
    TooFewLabels,
    #[error("label {label:?} is empty, too long or starts or ends with a hyphen")]
    Label { label: String },
    #[error("{character:?} is not allowed in a domain name")]
    Character { character: char },
    #[error("a domain name has at most 253 characters")]
    TooLong,
    #[error("an IP address is not a domain name")]
    IpAddress,
    #[error("a top-level domain is not all digits")]
    NumericTld,
}

/// A domain as people type it, folded: trimmed, the ideographic full stop `。` and full-width
/// characters mapped to ASCII, lower case.
pub fn fold_domain_text(raw: &str) -> String {
    let text = raw.trimmed();
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '。' | '．' | '｡' => '.',
            other => to_half_width(other),
        };
        push_lowercase(&mut out, c);
    }
    out
}

/// A syntactically valid domain name, lower-cased, IDN labels in Unicode (punycode `xn--`
/// labels are decoded).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Domain(String);

impl Domain {
    /// Parses a domain as typed: trims, maps full-width characters and the ideographic full
    /// stop `。` to ASCII, lower-cases, drops one trailing dot.
    ///
    /// # Errors
    /// [`DomainError`] naming what is wrong.
    ///
    /// ```
    /// use icp_filing::ident::{Domain, DomainError};
    /// assert_eq!(Domain::parse(" Example.COM. ").unwrap().as_str(), "example.com");
    /// assert_eq!(Domain::parse("例子。中国").unwrap().as_str(), "例子.中国");
    /// assert_eq!(Domain::parse("XN--fsqu00a.xn--fiqs8s").unwrap().as_str(), "例子.中国");
    /// // A home page address typed for its domain is that domain; with a path it is not.
    /// assert_eq!(Domain::parse("HTTPS://www.Example.com/").unwrap().as_str(), "www.example.com");
    /// assert_eq!(Domain::parse("https://example.com/blog"), Err(DomainError::Scheme));
    /// ```
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let mut text = fold_domain_text(raw);
        // As spaces in an identity number: a slip whose meaning is plain, read as meant. The
        // filing keeps the domain alone (the rules' normalised form).
        if let Some(rest) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        {
            let rest = rest.strip_suffix('/').unwrap_or(rest);
            if rest
                .bytes()
                .any(|b| matches!(b, b'/' | b'?' | b'#' | b':' | b'@'))
            {
                return Err(DomainError::Scheme);
            }
            text = rest.to_owned();
        }
        let bytes = text.as_bytes();
        if bytes.windows(3).any(|w| w == b"://")
            || text.starts_with("http:")
            || text.starts_with("https:")
        {
            return Err(DomainError::Scheme);
        }
        if bytes
            .iter()
            .any(|b| matches!(b, b'/' | b'?' | b'#' | b':' | b' ' | b'@'))
        {
            return Err(DomainError::Path);
        }
        if text.ends_with('.') {
            text.pop();
        }
        // A character has at least one byte, so only long texts need counting.
        if text.len() > 253 && text.chars().count() > 253 {
            return Err(DomainError::TooLong);
        }
        if !text.contains('.') {
            return Err(DomainError::TooFewLabels);
        }
        // IDN labels have one normal form, Unicode: 例子.中国 and xn--fsqu00a.xn--fiqs8s are
        // the same domain everywhere (comparison, duplicates, home page, TLD lookup).
        if text.as_bytes().windows(4).any(|w| w == b"xn--") {
            text = unicode_labels(&text)?;
        }
        let ascii = text.is_ascii();
        for label in text.split('.') {
            let bad = if ascii {
                label
                    .bytes()
                    .find(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
                    .map(char::from)
            } else {
                label.chars().find(|c| {
                    !(c.is_ascii_alphanumeric()
                        || *c == '-'
                        || (!c.is_ascii() && c.is_alphanumeric()))
                })
            };
            if let Some(c) = bad {
                return Err(DomainError::Character { character: c });
            }
            if label.is_empty()
                || (label.len() > 63 && label.chars().count() > 63)
                || label.starts_with('-')
                || label.ends_with('-')
            {
                return Err(DomainError::Label {
                    label: label.to_owned(),
                });
            }
        }
        // A top-level domain is never all digits (RFC 3696 §2): `47.95.1.2` is an address.
        let numeric = |label: &str| label.bytes().all(|b| b.is_ascii_digit());
        if text.rsplit('.').next().is_some_and(numeric) {
            return Err(if text.split('.').all(numeric) {
                DomainError::IpAddress
            } else {
                DomainError::NumericTld
            });
        }
        Ok(Self(text))
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The labels, left to right.
    pub fn labels(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.0.split('.')
    }

    /// Whether `host` is this domain or one of its sub-domains.
    pub fn covers(&self, host: &str) -> bool {
        host == self.0
            || host
                .strip_suffix(self.0.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    }
}

/// Decodes the part of a punycode label after `xn--` (RFC 3492). `None` if malformed.
///
/// ```
/// assert_eq!(icp_filing::ident::punycode_decode("fiqs8s").as_deref(), Some("中国"));
/// ```
pub fn punycode_decode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;

    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    }

    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() || extended.is_empty() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

/// `text` with each `xn--` label decoded to lower-case Unicode.
fn unicode_labels(text: &str) -> Result<String, DomainError> {
    let mut out = String::with_capacity(text.len());
    for (i, label) in text.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        match label.strip_prefix("xn--") {
            Some(encoded) => match punycode_decode(encoded) {
                // The decoded label must be in its one normal form already: not another
                // `xn--` label, and nothing the folding would change (full-width letters), so
                // that the stored form parses back to itself.
                Some(decoded) if !decoded.is_ascii() => {
                    let lower: String = decoded.chars().flat_map(char::to_lowercase).collect();
                    if lower.starts_with("xn--") || fold_domain_text(&lower) != lower {
                        return Err(DomainError::Label {
                            label: label.to_owned(),
                        });
                    }
                    out.push_str(&lower);
                }
                _ => {
                    return Err(DomainError::Label {
                        label: label.to_owned(),
                    })
                }
            },
            None => out.push_str(label),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punycode() {
        assert_eq!(punycode_decode("fiqs8s").as_deref(), Some("中国"));
        assert_eq!(punycode_decode("fiqz9s").as_deref(), Some("中國"));
        assert_eq!(punycode_decode("fsqu00a").as_deref(), Some("例子"));
        assert_eq!(punycode_decode("55qw42g").as_deref(), Some("公益"));
        assert_eq!(punycode_decode("zfr164b").as_deref(), Some("政务"));
        assert_eq!(punycode_decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(punycode_decode("!!"), None);
        assert_eq!(punycode_decode(""), None);
    }

    #[test]
    fn domains() {
        for (raw, want) in [
            ("example.com", "example.com"),
            ("WWW.Example.com.cn", "www.example.com.cn"),
            ("ｅｘａｍｐｌｅ．ｃｎ", "example.cn"),
            ("xn--fiqs8s.xn--fiqs8s", "中国.中国"),
            ("WWW.XN--FSQU00A.XN--FIQS8S.", "www.例子.中国"),
            ("中文网站.公司", "中文网站.公司"),
        ] {
            assert_eq!(
                Domain::parse(raw).map(|d| d.0),
                Ok(want.to_owned()),
                "{raw}"
            );
        }
        assert_eq!(
            Domain::parse("xn--xn--a-ecp.cn"),
            Err(DomainError::Label {
                label: "xn--xn--a-ecp".into()
            }),
            "a label that decodes to another xn-- label"
        );
        assert_eq!(
            Domain::parse("xn--ntsu0yhq9j.cn"),
            Err(DomainError::Label {
                label: "xn--ntsu0yhq9j".into()
            }),
            "a label that decodes to a full-width letter"
        );
        assert_eq!(
            Domain::parse("xn--!!.com"),
            Err(DomainError::Label {
                label: "xn--!!".into()
            })
        );
        assert_eq!(Domain::parse("example.com/path"), Err(DomainError::Path));
        assert_eq!(Domain::parse("example.com:8080"), Err(DomainError::Path));
        assert_eq!(Domain::parse("localhost"), Err(DomainError::TooFewLabels));
        assert_eq!(
            Domain::parse("-a.com"),
            Err(DomainError::Label { label: "-a".into() })
        );
        assert_eq!(
            Domain::parse("a..com"),
            Err(DomainError::Label { label: "".into() })
        );
        assert_eq!(
            Domain::parse("a_b.com"),
            Err(DomainError::Character { character: '_' })
        );
    }

    #[test]
    fn covers_subdomains_only_on_label_boundaries() {
        let d = Domain::parse("example.com").unwrap();
        assert!(d.covers("example.com"));
        assert!(d.covers("www.example.com"));
        assert!(!d.covers("badexample.com"));
    }
}
