//! Phone numbers (docs/sources.md §4.4): mainland mobiles (`1[3-9]` + 9 digits) and landlines
//! (area code `0XX`/`0XXX` + 7–8 digits, optional extension).

use std::borrow::Cow;

use super::{is_dash, is_invisible, to_half_width, Trimmed};

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
    normalized_mobile(raw).map(Cow::into_owned)
}

/// [`parse_mobile`], borrowing `raw` when it is already normalised.
pub(crate) fn normalized_mobile(raw: &str) -> Result<Cow<'_, str>, MobileError> {
    if is_normal_mobile(raw) {
        return Ok(Cow::Borrowed(raw));
    }
    let trimmed = raw.trimmed();
    // Only non-ASCII text can hold full-width characters.
    // After a + (`+86 …`, `(+86) …`), only China's country code: +1 415 555 0100 is not the
    // mobile 14155550100.
    let (digits, count, plus) = if trimmed.is_ascii() {
        mobile_digits(trimmed.bytes().map(char::from))?
    } else {
        mobile_digits(trimmed.chars().map(to_half_width))?
    };
    let kept = &digits[..count.min(digits.len())];
    let prefix = if kept.starts_with(b"0086") && !plus {
        4
    } else if (count == 13 || plus) && kept.starts_with(b"86") {
        2
    } else if plus {
        return Err(MobileError::Characters);
    } else {
        0
    };
    let national = count - prefix;
    if national != 11 {
        return Err(MobileError::Length { digits: national });
    }
    let national = &kept[prefix..];
    if national[0] != b'1' || !(b'3'..=b'9').contains(&national[1]) {
        return Err(MobileError::Prefix);
    }
    if national == raw.as_bytes() {
        return Ok(Cow::Borrowed(raw));
    }
    Ok(Cow::Owned(
        national.iter().map(|&b| char::from(b)).collect(),
    ))
}

/// Whether `text` is a mobile in normal form: `1[3-9]` and 9 more digits, nothing else.
fn is_normal_mobile(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Whether `text` is a landline in normal form without extension: area code, `-`, local
/// number (see [`parse_landline`]).
fn is_normal_landline(text: &str) -> bool {
    let Some((area, local)) = text.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let area_len = if area.starts_with("010") || area.starts_with("02") {
        3
    } else {
        4
    };
    digits(area)
        && digits(local)
        && area.starts_with('0')
        && area.len() == area_len
        && (7..=8).contains(&local.len())
        && !local.starts_with('0')
}

/// The digits of a mobile number: up to 15 kept (a `0086` prefix and 11 digits), all counted.
fn mobile_digits(
    chars: impl Iterator<Item = char>,
) -> Result<([u8; 15], usize, bool), MobileError> {
    let mut digits = [0u8; 15];
    let mut count = 0usize;
    let mut plus = false;
    for c in chars {
        match c {
            '0'..='9' => {
                if let Some(slot) = digits.get_mut(count) {
                    *slot = c as u8;
                }
                count += 1;
            }
            // An input method's dash (`0571—88886666`) separates as `-` does.
            c if c == '(' || c == ')' || is_dash(c) => {}
            // A no-break space or an invisible character copied from a page separates too.
            c if c.is_whitespace() || is_invisible(c) => {}
            // One +, before any digit.
            '+' if count == 0 && !plus => plus = true,
            _ => return Err(MobileError::Characters),
        }
    }
    Ok((digits, count, plus))
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
/// (`转123`, `分机 123`, `ext 123`, `#123` or a dash group after the local number) follows. Area codes 010 and 02X have
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
    normalized_landline(raw).map(Cow::into_owned)
}

/// [`parse_landline`], borrowing `raw` when it is already normalised.
pub(crate) fn normalized_landline(raw: &str) -> Result<Cow<'_, str>, LandlineError> {
    if is_normal_landline(raw) {
        return Ok(Cow::Borrowed(raw));
    }
    let trimmed = raw.trimmed();
    // Half-width and ASCII lower case; most numbers need neither.
    let unchanged = if trimmed.is_ascii() {
        !trimmed.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        trimmed.chars().all(|c| {
            to_half_width(c) == c
                && !c.is_ascii_uppercase()
                && (c == ' ' || !c.is_whitespace())
                && (c == '-' || !is_dash(c))
                && !is_invisible(c)
        })
    };
    let lower: Cow<'_, str> = if unchanged {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|&c| !is_invisible(c))
                .map(|c| match to_half_width(c) {
                    c if c.is_whitespace() => ' ',
                    c if is_dash(c) => '-',
                    c => c.to_ascii_lowercase(),
                })
                .collect(),
        )
    };
    let (main, ext) = split_extension(&lower);
    // The country code (+86, 0086, 86-) stands for the trunk prefix 0: +86-10-66881234 is
    // 010-66881234.
    let (main, trunk) = match ["+86", "(+86)", "0086", "86-", "86 "]
        .iter()
        .find_map(|code| main.strip_prefix(code))
    {
        Some(rest) => {
            let rest = rest.trim_start_matches([' ', '-']);
            (rest, !rest.trim_start_matches('(').starts_with('0'))
        }
        None => (main, false),
    };
    let mut digits = String::with_capacity(main.len() + 1);
    if trunk {
        digits.push('0');
    }
    // Dash-separated groups with digits in them; the last one's digits.
    let mut groups = 0usize;
    let mut group_start = 0usize;
    let mut last = 0..0;
    let mut close_group = |digits: &str, group_start: &mut usize| {
        if digits.len() > *group_start {
            groups += 1;
            last = *group_start..digits.len();
        }
        *group_start = digits.len();
    };
    // Only ASCII is allowed here, so bytes are enough.
    for b in main.bytes() {
        match b {
            b'0'..=b'9' => digits.push(char::from(b)),
            b' ' | b'(' | b')' => {}
            b'-' => close_group(&digits, &mut group_start),
            _ => return Err(LandlineError::Characters),
        }
    }
    close_group(&digits, &mut group_start);
    // "010-12345678-123", "010 6552 9988-123", "0571-8502-2088-8001": a last dash group is
    // an extension when what comes before it is a whole number; "0571-8502-2088" groups the
    // local number.
    let area_len = |digits: &str| {
        if digits.starts_with("010") || digits.starts_with("02") {
            3
        } else {
            4
        }
    };
    let before_last = &digits[..last.start];
    let whole_before = (7..=8).contains(&before_last.len().saturating_sub(area_len(before_last)));
    let (digits, ext) = if ext.is_none() && groups >= 2 && whole_before {
        (before_last, Some(&digits[last]))
    } else {
        (digits.as_str(), ext)
    };
    if !digits.starts_with('0') {
        return Err(LandlineError::AreaCode);
    }
    let area_len = area_len(digits);
    if digits.len() <= area_len {
        return Err(LandlineError::Subscriber);
    }
    let (area, local) = digits.split_at(area_len);
    if !(7..=8).contains(&local.len()) || local.starts_with('0') {
        return Err(LandlineError::Subscriber);
    }
    let ext = ext.map(str::trim);
    if let Some(ext) = ext {
        if ext.is_empty() || ext.len() > 6 || !ext.chars().all(|c| c.is_ascii_digit()) {
            return Err(LandlineError::Characters);
        }
    }
    let same_as_raw = raw
        .strip_prefix(area)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_prefix(local))
        .is_some_and(|rest| match ext {
            Some(ext) => rest.strip_prefix('-') == Some(ext),
            None => rest.is_empty(),
        });
    if same_as_raw {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(digits.len() + 8);
    out.push_str(area);
    out.push('-');
    out.push_str(local);
    if let Some(ext) = ext {
        out.push('-');
        out.push_str(ext);
    }
    Ok(Cow::Owned(out))
}

fn split_extension(text: &str) -> (&str, Option<&str>) {
    // Every marker starts with one of these bytes ('转' is E8 BD AC in UTF-8, '分' E5 88 86).
    if !text
        .bytes()
        .any(|b| matches!(b, 0xE8 | 0xE5 | b'e' | b'#' | b'x'))
    {
        return (text, None);
    }
    for marker in ["转分机", "转", "分机", "ext.", "ext", "#", "x"] {
        if let Some(i) = text.find(marker) {
            return (&text[..i], Some(text[i + marker.len()..].trimmed()));
        }
    }
    (text, None)
}

/// A number that is neither a mainland mobile nor a landline but is still a telephone number
/// someone can call: a number outside the mainland, or a national 400/800 service number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtherPhone {
    /// `+852 9123 4567`, `00852-91234567`: a country code other than 86 and 8–15 digits in
    /// all (ITU-T E.164), normalised to `+` and the digits.
    OutsideMainland(String),
    /// `400-810-8888`, `800 810 8888`: a 10-digit 400/800 number, normalised to
    /// `400-810-8888`.
    ServiceNumber(String),
}

/// Reads `raw` as an [`OtherPhone`]: digits with spaces, dashes and brackets, after `+` or
/// `00` for a number outside the mainland.
pub fn parse_other_phone(raw: &str) -> Option<OtherPhone> {
    let trimmed = raw.trimmed();
    let half: String = trimmed.chars().map(to_half_width).collect();
    let (international, rest) = match half.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match half.strip_prefix("00") {
            Some(rest) => (true, rest),
            None => (false, half.as_str()),
        },
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            c if c == '(' || c == ')' || is_dash(c) => {}
            c if c.is_whitespace() || is_invisible(c) => {}
            _ => return None,
        }
    }
    // +86 400 810 8888 is the mainland's service number with the country code.
    let national = match digits.strip_prefix("86") {
        Some(national) if international => national,
        _ if international => {
            let outside = (8..=15).contains(&digits.len()) && !digits.starts_with('0');
            return outside.then(|| OtherPhone::OutsideMainland(format!("+{digits}")));
        }
        // 852-9123 4567: a Hong Kong, Macao or Taiwan number with its country code but
        // without + or 00 (no mainland number starts with 8).
        _ if is_country_code_number(&digits) => {
            return Some(OtherPhone::OutsideMainland(format!("+{digits}")));
        }
        _ => digits.as_str(),
    };
    let service =
        national.len() == 10 && (national.starts_with("400") || national.starts_with("800"));
    service.then(|| {
        OtherPhone::ServiceNumber(format!(
            "{}-{}-{}",
            &national[..3],
            &national[3..6],
            &national[6..]
        ))
    })
}

/// Whether `digits` are a Hong Kong or Macao number (852, 853 and 8 digits) or a Taiwan one
/// (886 and 8–9 digits) written with the country code.
fn is_country_code_number(digits: &str) -> bool {
    match digits.get(..3) {
        Some("852" | "853") => digits.len() == 11,
        Some("886") => (11..=12).contains(&digits.len()),
        _ => false,
    }
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
            ("＋86 138 0013 8000", "13800138000"),
            ("(+86) 139 0571 0003", "13905710003"),
            ("(+86)13905710001", "13905710001"),
            ("（＋86）139 0571 0003", "13905710003"),
            // A no-break space or an invisible character copied from a web page.
            ("139\u{a0}1111\u{a0}2222", "13911112222"),
            ("\u{200b}139 1111 2222", "13911112222"),
            ("139\u{2060}11112222", "13911112222"),
            // Dashes a Chinese input method types.
            ("139—0571—0001", "13905710001"),
            ("139－0571－0001", "13905710001"),
        ] {
            assert_eq!(parse_mobile(raw).as_deref(), Ok(want), "{raw}");
        }
        assert_eq!(
            parse_mobile("1380013800"),
            Err(MobileError::Length { digits: 10 })
        );
        assert_eq!(parse_mobile("12800138000"), Err(MobileError::Prefix));
        assert_eq!(parse_mobile("1380013800a"), Err(MobileError::Characters));
        // Another country's number is not a mainland mobile, whatever its digits.
        for raw in [
            "+1 415 555 0100",
            "+1-415-555-0100",
            "+44 7911 123456",
            "(+1) 415 555 0100",
            "+86 +13800138000",
            "138+00138000",
        ] {
            assert_eq!(parse_mobile(raw), Err(MobileError::Characters), "{raw}");
        }
    }

    #[test]
    fn numbers_outside_the_mainland_and_service_numbers() {
        let outside = |n: &str| Some(OtherPhone::OutsideMainland(n.to_owned()));
        let service = |n: &str| Some(OtherPhone::ServiceNumber(n.to_owned()));
        for (raw, want) in [
            ("+852 9123 4567", outside("+85291234567")),
            ("00852-9123-4567", outside("+85291234567")),
            ("＋853 6612 3456", outside("+85366123456")),
            ("+1 (415) 555-0100", outside("+14155550100")),
            ("400-810-8888", service("400-810-8888")),
            ("800 810 8888", service("800-810-8888")),
            ("4008108888", service("400-810-8888")),
            ("+86 400 810 8888", service("400-810-8888")),
            ("852-9123 4567", outside("+85291234567")),
            ("886 912 345 678", outside("+886912345678")),
            ("+852\u{a0}9123\u{a0}4567", outside("+85291234567")),
            // Too short or too long for E.164, or China's own code.
            ("+852 1234", None),
            ("+1234567890123456", None),
            ("+86 138 0013 8000", None),
            // 400 numbers have 10 digits; others are no service numbers.
            ("400-810-888", None),
            ("500-810-8888", None),
            ("852-9123 456", None),
            ("400-810-8888转1", None),
            ("", None),
        ] {
            assert_eq!(parse_other_phone(raw), want, "{raw}");
        }
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
            // With the country code, as international forms write it.
            ("+86-10-66881234", "010-66881234"),
            ("86-10-66881234", "010-66881234"),
            ("0086-10-66881234", "010-66881234"),
            ("+86 (10) 6688 1234", "010-66881234"),
            ("+86 0755 8601 3388", "0755-86013388"),
            ("+86-755-86013388-8001", "0755-86013388-8001"),
            // A local number written in two groups is not an extension.
            ("0571-8502-2088", "0571-85022088"),
            ("+86-571-8502-2088", "0571-85022088"),
            ("010-6552-9988", "010-65529988"),
            // ... and then an extension, or one written 分机.
            ("0571-8502-2088-8001", "0571-85022088-8001"),
            ("0571-85022088 分机 8001", "0571-85022088-8001"),
            ("0571-85022088转分机8001", "0571-85022088-8001"),
            ("(+86) 0571-85022088", "0571-85022088"),
            // Spaces in the number, then a dash and the extension.
            ("010 6552 9988-123", "010-65529988-123"),
            ("0571 8502 2088-8001", "0571-85022088-8001"),
            ("010\u{a0}65529988", "010-65529988"),
            // Dashes a Chinese input method types: em, en, full-width, minus.
            ("0571—88886666", "0571-88886666"),
            ("0571–88886666–8001", "0571-88886666-8001"),
            ("０５７１－８８８８６６６６", "0571-88886666"),
            ("010−65529988", "010-65529988"),
            ("010-6552\u{200b}9988", "010-65529988"),
        ] {
            assert_eq!(parse_landline(raw).as_deref(), Ok(want), "{raw}");
        }
        assert_eq!(parse_landline("65529988"), Err(LandlineError::AreaCode));
        assert!(parse_landline("+852 2345 6789").is_err());
        assert_eq!(parse_landline("010-123"), Err(LandlineError::Subscriber));
        assert_eq!(
            parse_landline("010-02345678"),
            Err(LandlineError::Subscriber)
        );
    }
}
