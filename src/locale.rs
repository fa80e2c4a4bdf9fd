//! The languages the widget speaks. A leaf module: the rule data, the messages and the
//! report all name a locale without depending on one another.

use serde::{Deserialize, Serialize};

/// A language the catalogues are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Reads a BCP 47 tag by its language: `zh…` (zh-CN, zh-Hans, zh_CN) is Chinese, `en…`
    /// (en, en-US) English; `None` for any other language.
    pub fn parse(tag: &str) -> Option<Self> {
        let tag = tag.trim().as_bytes();
        let language = match tag {
            // Two letters, then nothing or a separator (`-`, `_`, or `,` / `;` in an
            // Accept-Language header).
            [a, b] => [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            [a, b, next, ..] if !next.is_ascii_alphanumeric() => {
                [a.to_ascii_lowercase(), b.to_ascii_lowercase()]
            }
            _ => return None,
        };
        match &language {
            b"zh" => Some(Locale::ZhCn),
            b"en" => Some(Locale::En),
            _ => None,
        }
    }

    /// What to say about a tag [`Locale::parse`] refuses.
    pub fn unsupported(tag: &str) -> String {
        format!("locale {tag:?} is not supported: use \"zh-CN\" or \"en\"")
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The language to mark on a part of the page showing `text` (a filer's answer, a
    /// reviewer's note) when it isn't this locale's: `zh-CN` for Chinese characters in the
    /// English UI, so that a screen reader reads them with a Chinese voice (WCAG 2.2, 3.1.2).
    pub fn part_lang(self, text: &str) -> Option<&'static str> {
        (self == Locale::En && text.chars().any(is_han)).then_some("zh-CN")
    }

    /// `text` cut where Chinese starts and ends, each part with whether it is Chinese, so
    /// that the English UI can mark the Chinese a message quotes (a site's name, a
    /// reviewer's words). A Chinese part runs from a Chinese character or Chinese
    /// punctuation to the last one, over the letters and digits between them
    /// (「中关村大街27号」 is one part); it holds at least one Chinese character. In the
    /// Chinese UI, or without Chinese characters, `text` is one part that is not.
    pub fn chinese_parts(self, text: &str) -> Vec<(&str, bool)> {
        if self.part_lang(text).is_none() {
            return vec![(text, false)];
        }
        let chinese =
            |c: char| is_han(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}');
        let mut parts = Vec::new();
        let mut plain = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !chinese(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(at, next)) = chars.peek() {
                if chinese(next) {
                    end = at + next.len_utf8();
                } else if !next.is_ascii_alphanumeric() {
                    break;
                }
                chars.next();
            }
            if text[start..end].chars().any(is_han) {
                if plain < start {
                    parts.push((&text[plain..start], false));
                }
                parts.push((&text[start..end], true));
                plain = end;
            }
        }
        if plain < text.len() {
            parts.push((&text[plain..], false));
        }
        parts
    }

    /// The zh-CN or en text of a pair of fixed texts.
    pub(crate) fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }

    /// The zh-CN or en text of a pair (e.g. the `zh`/`en` fields of the rule data).
    pub fn choose<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

/// A Chinese character: CJK Unified Ideographs, Extension A, Compatibility Ideographs.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn chinese_parts_of_the_english_page_are_marked_and_nothing_else() {
        assert_eq!(Locale::En.part_lang("陈晓雯"), Some("zh-CN"));
        assert_eq!(Locale::En.part_lang("Room 201, 文三路90号"), Some("zh-CN"));
        // CJK Extension A and the compatibility ideographs are Chinese characters too.
        assert_eq!(Locale::En.part_lang("㐀"), Some("zh-CN"));
        assert_eq!(Locale::En.part_lang("\u{f900}"), Some("zh-CN"));
        assert_eq!(Locale::En.part_lang("330106199105200027"), None);
        assert_eq!(Locale::En.part_lang("（ ）"), None);
        assert_eq!(Locale::En.part_lang(""), None);
        assert_eq!(Locale::ZhCn.part_lang("陈晓雯"), None);
    }

    #[test]
    fn the_chinese_a_message_quotes_is_a_part_of_its_own() {
        let parts = |text| Locale::En.chinese_parts(text);
        assert_eq!(
            parts("Sent back: change it (“网站名称与网站内容不符，请修改”)"),
            [
                ("Sent back: change it (“", false),
                ("网站名称与网站内容不符，请修改", true),
                ("”)", false)
            ]
        );
        // Letters and digits between Chinese characters belong to them; not after them.
        assert_eq!(
            parts("Address “中关村大街27号” or 文三路 90"),
            [
                ("Address “", false),
                ("中关村大街27号", true),
                ("” or ", false),
                ("文三路", true),
                (" 90", false)
            ]
        );
        // Chinese punctuation alone is not Chinese text.
        assert_eq!(parts("a（b）c 张伟"), [("a（b）c ", false), ("张伟", true)]);
        assert_eq!(parts("陈晓雯"), [("陈晓雯", true)]);
        assert_eq!(parts("No Chinese here"), [("No Chinese here", false)]);
        assert_eq!(parts(""), [("", false)]);
        assert_eq!(
            Locale::ZhCn.chinese_parts("网站名称“张伟”"),
            [("网站名称“张伟”", false)]
        );
    }
}

/// Cutting any text loses nothing and marks only Chinese.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod parts {
    use proptest::prelude::*;

    use super::{is_han, Locale};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn put_back_together_the_parts_are_the_text(text in "[a-z0-9 “”()（），。张伟27\u{3000}\u{ff10}\u{20000}é]{0,16}|\\PC{0,12}") {
            let parts = Locale::En.chinese_parts(&text);
            prop_assert_eq!(parts.iter().map(|(p, _)| *p).collect::<String>(), text.clone());
            for (part, chinese) in &parts {
                prop_assert_eq!(*chinese, part.chars().any(is_han) && !part.starts_with(|c: char| c.is_ascii_alphanumeric()));
            }
            // Parts alternate: two Chinese parts side by side would have been one.
            prop_assert!(parts.windows(2).all(|w| w[0].1 != w[1].1));
        }
    }
}
