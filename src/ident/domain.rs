//! Domain names as filers type them (icp-rules.md §5.2): normalised to lower case without
//! scheme, path or trailing dot; ASCII labels follow LDH rules, Chinese (IDN) labels are
//! accepted in Unicode. Whether the TLD can be filed is a data question: see `ruledata`.

use super::to_half_width;

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
}

/// A domain as people type it, folded: trimmed, the ideographic full stop `。` and full-width
/// characters mapped to ASCII, lower case.
pub fn fold_domain_text(raw: &str) -> String {
    let text = raw.trim();
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(
        text.chars()
            .map(|c| match c {
                '。' | '．' | '｡' => '.',
                other => to_half_width(other),
            })
            .flat_map(char::to_lowercase),
    );
    out
}

/// A syntactically valid domain name, lower-cased, Unicode labels kept as Unicode.
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
    /// assert_eq!(Domain::parse("https://example.com"), Err(DomainError::Scheme));
    /// ```
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let mut text = fold_domain_text(raw);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        for (raw, want) in [
            ("example.com", "example.com"),
            ("WWW.Example.com.cn", "www.example.com.cn"),
            ("ｅｘａｍｐｌｅ．ｃｎ", "example.cn"),
            ("xn--fiqs8s.xn--fiqs8s", "xn--fiqs8s.xn--fiqs8s"),
            ("中文网站.公司", "中文网站.公司"),
        ] {
            assert_eq!(
                Domain::parse(raw).map(|d| d.0),
                Ok(want.to_owned()),
                "{raw}"
            );
        }
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
