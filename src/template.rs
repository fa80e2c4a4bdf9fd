//! The one template filler: `{name}` in a message, material or timeline text is replaced by
//! what `value(name)` gives; a name it has no value for stays as written, braces included, so
//! nothing is silently dropped. An unclosed `{` is copied as text.

use std::borrow::Cow;

/// `template` with every `{name}` replaced by `value(name)`.
pub fn fill<'a>(template: &str, mut value: impl FnMut(&str) -> Option<Cow<'a, str>>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match value(name) {
            Some(text) => out.push_str(&text),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_and_unknown_ones_kept() {
        let value = |name: &str| match name {
            "a" => Some(Cow::Borrowed("甲")),
            "b" => Some(Cow::Owned(String::new())),
            _ => None,
        };
        assert_eq!(fill("{a}与{b}和{c}。", value), "甲与和{c}。");
        assert_eq!(fill("no names", value), "no names");
        assert_eq!(fill("open { only", value), "open { only");
        assert_eq!(fill("{a}{a} {", value), "甲甲 {");
        assert_eq!(fill("", value), "");
    }
}
