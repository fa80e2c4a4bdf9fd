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
        let han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
        (self == Locale::En && text.chars().any(han)).then_some("zh-CN")
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
}
