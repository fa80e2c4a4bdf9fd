//! E-mail addresses (docs/sources.md §4.4): a practical check of `local@domain`, not the
//! full RFC 5322 grammar (quoted local parts are not accepted by filing systems either). A
//! local part in Chinese or another script (RFC 6531: 李晓梅@例子.中国) is an address; whether
//! a provider's mail reaches it is for the rules to warn about.

use std::borrow::Cow;

use super::{to_half_width, Trimmed};

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("an e-mail address has exactly one @")]
    At,
    #[error("the part before @ is empty, too long or has a character that is not allowed")]
    Local,
    #[error("the part after @ is not a domain name")]
    Domain,
}

/// Normalises (trim, full-width `＠` and letters to ASCII, domain lower-cased) and checks an
/// e-mail address.
///
/// # Errors
/// [`EmailError`] naming the part that is wrong.
///
/// ```
/// use icp_filing::ident::parse_email;
/// assert_eq!(parse_email(" Zhang.San@Example.COM ").unwrap(), "Zhang.San@example.com");
/// assert!(parse_email("zhangsan@localhost").is_err());
/// ```
pub fn parse_email(raw: &str) -> Result<String, EmailError> {
    normalized_email(raw).map(Cow::into_owned)
}

/// [`parse_email`], borrowing `raw` when it is already normalised.
pub(crate) fn normalized_email(raw: &str) -> Result<Cow<'_, str>, EmailError> {
    let trimmed = raw.trimmed();
    // Only non-ASCII text can hold full-width characters.
    let text: Cow<'_, str> = if trimmed.is_ascii() {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(trimmed.chars().map(to_half_width).collect())
    };
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EmailError::At);
    };
    if !local_ok(local) {
        return Err(EmailError::Local);
    }
    // An internationalised domain (RFC 6531: 例子.中国) is read as any filed domain is, and
    // kept in the form the filer reads (a browser's e-mail field hands it over as punycode).
    let punycode = domain
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"xn--"));
    if !domain.is_ascii() || punycode {
        return match super::Domain::parse(domain) {
            Ok(domain) => Ok(Cow::Owned(format!("{local}@{}", domain.as_str()))),
            Err(_) => Err(EmailError::Domain),
        };
    }
    if !domain_ok(domain.as_bytes()) {
        return Err(EmailError::Domain);
    }
    if trimmed.len() == raw.len()
        && matches!(text, Cow::Borrowed(_))
        && !domain.bytes().any(|b| b.is_ascii_uppercase())
    {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(local.len() + 1 + domain.len());
    out.push_str(local);
    out.push('@');
    out.extend(domain.chars().map(|c| c.to_ascii_lowercase()));
    Ok(Cow::Owned(out))
}

/// 1–64 bytes from the RFC 5322 atom set and dots, no leading, trailing or double dot; a
/// non-ASCII local part (RFC 6531) holds letters, digits and those.
fn local_ok(local: &str) -> bool {
    if local.is_ascii() {
        return ascii_local_ok(local.as_bytes());
    }
    let ascii: String = local
        .chars()
        .map(|c| if c.is_alphanumeric() { 'a' } else { c })
        .collect();
    ascii.is_ascii() && local.len() <= 64 && ascii_local_ok(ascii.as_bytes())
}

/// Whether an e-mail address's local part (before `@`) has characters outside ASCII.
pub(crate) fn has_non_ascii_local(email: &str) -> bool {
    email
        .split('@')
        .next()
        .is_some_and(|local| !local.is_ascii())
}

fn ascii_local_ok(local: &[u8]) -> bool {
    let allowed = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
                    | b'.'
            )
    };
    let mut previous = b'.';
    for &b in local {
        if !allowed(b) || (b == b'.' && previous == b'.') {
            return false;
        }
        previous = b;
    }
    (1..=64).contains(&local.len()) && previous != b'.'
}

/// At most 253 characters, two or more LDH labels of 1–63 characters, and a top-level label
/// of two or more letters or an `xn--` one. Letters are checked without regard to case.
fn domain_ok(domain: &[u8]) -> bool {
    if domain.len() > 253 {
        return false;
    }
    let mut labels = 0;
    let mut last = &domain[..0];
    for label in domain.split(|&b| b == b'.') {
        let ok = (1..=63).contains(&label.len())
            && label[0] != b'-'
            && label[label.len() - 1] != b'-'
            && label
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2
        && ((last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic))
            || last
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(parse_email("a@b.cn").as_deref(), Ok("a@b.cn"));
        assert_eq!(
            parse_email("ｚｈａｎｇ＠ｑｑ．ｃｏｍ").as_deref(),
            Ok("zhang@qq.com")
        );
        assert_eq!(
            parse_email("first.last+tag@mail.example.com.cn").as_deref(),
            Ok("first.last+tag@mail.example.com.cn")
        );
        assert_eq!(parse_email("a@@b.cn"), Err(EmailError::At));
        assert_eq!(parse_email("no-at-sign"), Err(EmailError::At));
        assert_eq!(parse_email(".a@b.cn"), Err(EmailError::Local));
        assert_eq!(parse_email("张三@b.cn").as_deref(), Ok("张三@b.cn"));
        assert_eq!(
            parse_email("李晓梅@例子.中国").as_deref(),
            Ok("李晓梅@例子.中国")
        );
        assert_eq!(parse_email("张 三@b.cn"), Err(EmailError::Local));
        assert_eq!(parse_email("张三。@b.cn"), Err(EmailError::Local));
        assert_eq!(parse_email("张三，李四@b.cn"), Err(EmailError::Local));
        assert_eq!(
            parse_email(&format!("{}@b.cn", "张".repeat(22))),
            Err(EmailError::Local)
        );
        assert!(has_non_ascii_local("张三@b.cn"));
        assert!(!has_non_ascii_local("zhangsan@例子.中国"));
        assert_eq!(parse_email("a@b"), Err(EmailError::Domain));
        assert_eq!(parse_email("a@-b.cn"), Err(EmailError::Domain));
        assert_eq!(parse_email("a@b.c1"), Err(EmailError::Domain));
        // Internationalised domains, and the full stop a Chinese input method types.
        assert_eq!(
            parse_email("linxiao@例子.中国").as_deref(),
            Ok("linxiao@例子.中国")
        );
        assert_eq!(parse_email("zhang@qq。com").as_deref(), Ok("zhang@qq.com"));
        assert_eq!(
            parse_email("linxiao@XN--fsqu00a.xn--fiqs8s").as_deref(),
            Ok("linxiao@例子.中国")
        );
        assert_eq!(parse_email("a@例子"), Err(EmailError::Domain));
        assert_eq!(parse_email("a@例 子.中国"), Err(EmailError::Domain));
    }
}
