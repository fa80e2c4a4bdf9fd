//! E-mail addresses (icp-rules.md §4.4): a practical check of `local@domain`, not the
//! full RFC 5322 grammar (quoted local parts are not accepted by filing systems either).

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
    let text: String = raw.trim().chars().map(to_half_width).collect();
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EmailError::At);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '!' | '#'
                        | '$'
                        | '%'
                        | '&'
                        | '\''
                        | '*'
                        | '+'
                        | '-'
                        | '/'
                        | '='
                        | '?'
                        | '^'
                        | '_'
                        | '`'
                        | '{'
                        | '|'
                        | '}'
                        | '~'
                        | '.'
                )
        });
    if !local_ok {
        return Err(EmailError::Local);
    }
    let domain = domain.to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| {
            (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
                || tld.starts_with("xn--")
        });
    if !domain_ok {
        return Err(EmailError::Domain);
    }
    Ok(format!("{local}@{domain}"))
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
