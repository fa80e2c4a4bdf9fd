//! Phone numbers (icp-rules.md §4.4): mainland mobiles (`1[3-9]` + 9 digits) and landlines
//! (area code `0XX`/`0XXX` + 7–8 digits, optional extension).

use super::to_half_width;

/// Why a text is not a mainland mobile number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MobileError {
    #[error("a mobile number has 11 digits, this one has {digits}")]
    Length { digits: usize },
    #[error("a mobile number starts with 13–19")]
    Prefix,
    #[error("only digits, spaces, dashes and a leading +86 are allowed")]
    Characters,
}

/// Normalises a mobile number: full-width digits, spaces and dashes removed, a `+86` /
/// `0086` / `86` country prefix dropped.
///
/// # Errors
/// [`MobileError`] saying which part is wrong.
///
/// ```
/// use icp_filing::ident::parse_mobile;
/// assert_eq!(parse_mobile("+86 138-0013-8000").unwrap(), "13800138000");
/// assert!(parse_mobile("12800138000").is_err());
/// ```
pub fn parse_mobile(raw: &str) -> Result<String, MobileError> {
    let mut digits = String::with_capacity(16);
    for (i, c) in raw.trim().chars().map(to_half_width).enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' => {}
            '+' if i == 0 => {}
            _ => return Err(MobileError::Characters),
        }
    }
    let national = digits
        .strip_prefix("0086")
        .or_else(|| {
            (digits.len() == 13)
                .then(|| digits.strip_prefix("86"))
                .flatten()
        })
        .unwrap_or(&digits);
    if national.len() != 11 {
        return Err(MobileError::Length {
            digits: national.len(),
        });
    }
    let second = national.as_bytes()[1];
    if !national.starts_with('1') || !(b'3'..=b'9').contains(&second) {
        return Err(MobileError::Prefix);
    }
    Ok(national.to_owned())
}

/// Why a text is not a landline number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LandlineError {
    #[error("a landline starts with a 3- or 4-digit area code beginning with 0")]
    AreaCode,
    #[error("the local number has 7 or 8 digits")]
    Subscriber,
    #[error("only digits, spaces, dashes, brackets and an extension are allowed")]
    Characters,
}

/// Normalises a landline to `0AA-NNNNNNNN` or `0AAA-NNNNNNN`, with `-EXT` when an extension
/// (`转123`, `ext 123`, `#123` or a third dash group) follows. Area codes 010 and 02X have
/// three digits; all others four.
///
/// # Errors
/// [`LandlineError`] saying which part is wrong.
///
/// ```
/// use icp_filing::ident::parse_landline;
/// assert_eq!(parse_landline("(010) 6552 9988").unwrap(), "010-65529988");
/// assert_eq!(parse_landline("0755-86013388转8001").unwrap(), "0755-86013388-8001");
/// ```
pub fn parse_landline(raw: &str) -> Result<String, LandlineError> {
    let text: String = raw.trim().chars().map(to_half_width).collect();
    let lower = text.to_ascii_lowercase();
    let (main, ext) = split_extension(&lower);
    let mut digits = String::new();
    let mut groups: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in main.chars() {
        match c {
            '0'..='9' => {
                digits.push(c);
                current.push(c);
            }
            ' ' | '(' | ')' => {}
            '-' => groups.push(std::mem::take(&mut current)),
            _ => return Err(LandlineError::Characters),
        }
    }
    groups.push(current);
    let mut ext = ext.map(str::to_owned);
    // "010-12345678-123": a third dash group is an extension.
    let groups: Vec<String> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    if ext.is_none() && groups.len() == 3 {
        ext = Some(groups[2].clone());
        digits.truncate(digits.len() - groups[2].len());
    }
    if !digits.starts_with('0') {
        return Err(LandlineError::AreaCode);
    }
    let area_len = if digits.starts_with("010") || digits.starts_with("02") {
        3
    } else {
        4
    };
    if digits.len() <= area_len {
        return Err(LandlineError::Subscriber);
    }
    let (area, local) = digits.split_at(area_len);
    if !(7..=8).contains(&local.len()) || local.starts_with('0') {
        return Err(LandlineError::Subscriber);
    }
    let mut out = format!("{area}-{local}");
    if let Some(ext) = ext {
        let ext = ext.trim();
        if ext.is_empty() || ext.len() > 6 || !ext.chars().all(|c| c.is_ascii_digit()) {
            return Err(LandlineError::Characters);
        }
        out.push('-');
        out.push_str(ext);
    }
    Ok(out)
}

fn split_extension(text: &str) -> (&str, Option<&str>) {
    for marker in ["转", "ext.", "ext", "#", "x"] {
        if let Some(i) = text.find(marker) {
            return (&text[..i], Some(text[i + marker.len()..].trim()));
        }
    }
    (text, None)
}

/// Either kind of phone: a valid mobile or a valid landline, normalised.
pub fn parse_phone(raw: &str) -> Option<String> {
    parse_mobile(raw).ok().or_else(|| parse_landline(raw).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        for (raw, want) in [
            ("13800138000", "13800138000"),
            ("138 0013 8000", "13800138000"),
            ("+8613800138000", "13800138000"),
            ("0086-138-0013-8000", "13800138000"),
            ("１９９００１３８０００", "19900138000"),
        ] {
            assert_eq!(parse_mobile(raw).as_deref(), Ok(want), "{raw}");
        }
        assert_eq!(
            parse_mobile("1380013800"),
            Err(MobileError::Length { digits: 10 })
        );
        assert_eq!(parse_mobile("12800138000"), Err(MobileError::Prefix));
        assert_eq!(parse_mobile("1380013800a"), Err(MobileError::Characters));
    }

    #[test]
    fn landlines() {
        for (raw, want) in [
            ("010-65529988", "010-65529988"),
            ("01065529988", "010-65529988"),
            ("021 5888 6666", "021-58886666"),
            ("0571-8765432", "0571-8765432"),
            ("0755-86013388-8001", "0755-86013388-8001"),
            ("0755 86013388 ext 12", "0755-86013388-12"),
        ] {
            assert_eq!(parse_landline(raw).as_deref(), Ok(want), "{raw}");
        }
        assert_eq!(parse_landline("65529988"), Err(LandlineError::AreaCode));
        assert_eq!(parse_landline("010-123"), Err(LandlineError::Subscriber));
        assert_eq!(
            parse_landline("010-02345678"),
            Err(LandlineError::Subscriber)
        );
    }
}
