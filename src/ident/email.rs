//! E-mail addresses (icp-rules.md §4.4): a practical check of `local@domain`, not the
//! full RFC 5322 grammar (quoted local parts are not accepted by filing systems either).

use std::borrow::Cow;

use super::to_half_width;

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
    let trimmed = raw.trim();
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
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.as_bytes().windows(2).any(|w| w == b"..")
        && local.bytes().all(|b| {
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
        });
    if !local_ok {
        return Err(EmailError::Local);
    }
    // Checked as it will be stored, in lower case (letters are checked without regard to case).
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld = domain.rsplit('.').next().unwrap_or("");
    let domain_ok = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(label_ok)
        && ((tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
            || tld.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")));
    if !domain_ok {
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
        assert_eq!(parse_email("张三@b.cn"), Err(EmailError::Local));
        assert_eq!(parse_email("a@b"), Err(EmailError::Domain));
        assert_eq!(parse_email("a@-b.cn"), Err(EmailError::Domain));
        assert_eq!(parse_email("a@b.c1"), Err(EmailError::Domain));
    }
}
