//! `data/words.json`: word lists for names (docs/sources.md §2.1, §5.1, §5.6, §10 #8–#10).
//!
//! Matching folds both sides the same way: full-width ASCII to half-width, lower-case (so
//! `P2P` matches `p2p` and `Ｐ２Ｐ`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ident::{is_caseless_cjk, push_lowercase, to_half_width, Trimmed};
use crate::severity::Severity;

slug_enum! {
    /// Confidence in the fact sheet's sense: H = primary/provider source, not contradicted;
    /// M = single source or sources disagree in detail; L = blog, old page or inference.
    #[derive(Default)]
    pub enum Confidence {
        H = "H",
        #[default]
        M = "M",
        L = "L",
    }
}

slug_enum! {
    /// How a list's words are found in a text.
    #[derive(Default)]
    pub enum MatchKind {
        /// Anywhere in the text.
        #[default]
        Contains = "contains",
        /// The whole (trimmed) text equals the word.
        Exact = "exact",
        /// The text starts with the word.
        Prefix = "prefix",
        /// The word (a place-name ending such as 市) follows a 2–4 character name at the
        /// start of the text, e.g. 杭州市…, 黑龙江省….
        PlaceSuffix = "placeSuffix",
    }
}

fn warning() -> Severity {
    Severity::Warning
}

fn is_contains(m: &MatchKind) -> bool {
    *m == MatchKind::Contains
}

/// One word list with its provenance and how to use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WordList {
    pub words: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub confidence: Confidence,
    /// Severity of an issue raised for a match (default warning).
    #[serde(default = "warning")]
    pub severity: Severity,
    #[serde(default, rename = "match", skip_serializing_if = "is_contains")]
    pub match_kind: MatchKind,
    /// `words` folded (half-width, lower case), filled by [`WordList::fold_words`] on load.
    #[serde(skip)]
    pub(super) folded: Vec<String>,
}

impl WordList {
    /// Stores every word folded (half-width, lower case), so matching folds only the text.
    pub(super) fn fold_words(&mut self) {
        self.folded = self.words.iter().map(|w| fold(w)).collect();
    }

    /// `(word, folded word)` pairs; folds on the fly if the list was built by hand.
    fn pairs(&self) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, str>)> {
        let ready = self.folded.len() == self.words.len();
        self.words.iter().enumerate().map(move |(i, w)| {
            let folded = if ready {
                std::borrow::Cow::Borrowed(self.folded[i].as_str())
            } else {
                std::borrow::Cow::Owned(fold(w))
            };
            (w.as_str(), folded)
        })
    }

    /// The words of this list found in `text`, in list order. For `placeSuffix` and
    /// `prefix` lists at most one word is returned.
    pub fn find_in(&self, text: &str) -> Vec<&str> {
        self.find_in_folded(&fold(text.trimmed()))
    }

    /// [`WordList::find_in`] for a text that is already trimmed and folded (see [`fold`]),
    /// so one text can be searched with many lists while folding it once.
    pub fn find_in_folded(&self, text: &str) -> Vec<&str> {
        match self.match_kind {
            MatchKind::Contains => self
                .pairs()
                .filter(|(_, f)| has_word(text, f))
                .map(|(w, _)| w)
                .collect(),
            MatchKind::Exact => self
                .pairs()
                .filter(|(_, f)| text == f.as_ref())
                .map(|(w, _)| w)
                .collect(),
            MatchKind::Prefix => self
                .pairs()
                .find(|(_, f)| text.starts_with(f.as_ref()))
                .map(|(w, _)| w)
                .into_iter()
                .collect(),
            MatchKind::PlaceSuffix => {
                let chars: Vec<char> = text.chars().collect();
                (2..=4)
                    .filter(|&i| i < chars.len() && !ends_common_word(&chars[i - 1..=i]))
                    .find_map(|i| {
                        self.pairs()
                            .find(|(_, f)| f.chars().eq(std::iter::once(chars[i])))
                            .map(|(w, _)| w)
                    })
                    .into_iter()
                    .collect()
            }
        }
    }
}

/// The whole of `data/words.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WordFile {
    pub version: String,
    /// Names of non-national units may not start with these.
    pub national_prefixes: WordList,
    /// Not in personal website names.
    pub personal_forbidden: WordList,
    /// Reported by aggregators only (warnings).
    pub personal_forbidden_extended: WordList,
    /// Not in any website name.
    pub sensitive: WordList,
    /// Place-name endings (personal names shouldn't start with a place name).
    pub place_prefixes: WordList,
    /// Marketing, price and placeholder words (not in APP names).
    pub app_name_forbidden: WordList,
    /// Generic category names an APP may not be called by alone.
    pub app_name_generic: WordList,
    /// Keywords suggesting a pre-approval, keyed by pre-approval category slug.
    pub pre_approval_keywords: BTreeMap<String, WordList>,
}

impl WordFile {
    /// Every list with its name (`preApprovalKeywords.<slug>` for keyword lists).
    /// Folds the words of every list (see [`WordList::fold_words`]).
    pub(super) fn fold_all(&mut self) {
        for list in [
            &mut self.national_prefixes,
            &mut self.personal_forbidden,
            &mut self.personal_forbidden_extended,
            &mut self.sensitive,
            &mut self.place_prefixes,
            &mut self.app_name_forbidden,
            &mut self.app_name_generic,
        ] {
            list.fold_words();
        }
        for list in self.pre_approval_keywords.values_mut() {
            list.fold_words();
        }
    }

    pub fn lists(&self) -> Vec<(String, &WordList)> {
        let mut out: Vec<(String, &WordList)> = vec![
            ("nationalPrefixes".into(), &self.national_prefixes),
            ("personalForbidden".into(), &self.personal_forbidden),
            (
                "personalForbiddenExtended".into(),
                &self.personal_forbidden_extended,
            ),
            ("sensitive".into(), &self.sensitive),
            ("placePrefixes".into(), &self.place_prefixes),
            ("appNameForbidden".into(), &self.app_name_forbidden),
            ("appNameGeneric".into(), &self.app_name_generic),
        ];
        for (slug, list) in &self.pre_approval_keywords {
            out.push((format!("preApprovalKeywords.{slug}"), list));
        }
        out
    }
}

/// Whether `text` contains `word`. For the short names and list words the rules compare, a
/// byte comparison at each position is several times faster than `str::contains`, which first
/// prepares a two-way search for each word. Comparing bytes is exact for UTF-8: no character's
/// encoding appears in the middle of another's.
pub(crate) fn has_word(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    match word.first() {
        None => true,
        Some(first) => text
            .windows(word.len())
            .any(|at| at[0] == *first && at == word),
    }
}

/// Whether every `word` in `text` comes right after another Chinese character (other than
/// 的 and 之, which end the word before), so it may be the end of one word and the start of
/// the next (秋色情怀 is 秋色 + 情怀, 防腐反腐蚀 holds 反腐蚀). Both folded (see [`fold`]).
pub(super) fn always_after_han(text: &str, word: &str) -> bool {
    !word.is_empty()
        && has_word(text, word)
        && text.match_indices(word).all(|(at, _)| {
            text[..at].chars().next_back().is_some_and(|c| {
                is_caseless_cjk(c)
                    && !('\u{3000}'..='\u{303F}').contains(&c)
                    && !matches!(c, '的' | '之')
            })
        })
}

/// Whether `word` ends `text` but for what a name may carry after it: a bracketed note,
/// digits, Latin letters and punctuation (张三的技术博客（个人）, 张三的博客-1), not another
/// Chinese character (张三的博客吧: 博客 inside the name). Both folded (see [`fold`]).
pub(super) fn ends_text(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.match_indices(word).any(|(at, _)| {
            let mut depth = 0u32;
            text[at + word.len()..].chars().all(|c| match c {
                '(' | '（' | '[' | '【' => {
                    depth += 1;
                    true
                }
                ')' | '）' | ']' | '】' => {
                    depth = depth.saturating_sub(1);
                    true
                }
                _ => depth > 0 || !is_caseless_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c),
            })
        })
}

/// Matches from several lists: one entry per word, the stricter severity winning, and a
/// word dropped when a longer match of at least its severity contains it (购 inside 购物).
pub(super) fn combine<'a>(
    matches: impl IntoIterator<Item = (&'a str, Severity)>,
) -> Vec<(&'a str, Severity)> {
    let mut out: Vec<(&'a str, Severity)> = Vec::new();
    for (word, severity) in matches {
        match out.iter_mut().find(|(w, _)| *w == word) {
            Some(existing) => {
                if severity == Severity::Error {
                    existing.1 = Severity::Error;
                }
            }
            None => out.push((word, severity)),
        }
    }
    let at_least = |a: Severity, b: Severity| a == Severity::Error || b == Severity::Warning;
    let keep: Vec<bool> = out
        .iter()
        .map(|(word, severity)| {
            !out.iter().any(|(other, other_severity)| {
                other.len() > word.len()
                    && has_word(other, word)
                    && at_least(*other_severity, *severity)
            })
        })
        .collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(m, keep)| keep.then_some(m))
        .collect()
}

/// Everyday words that end in a place-name ending (城市, 小区, 家乡): a name holding one
/// does not start with a place name.
const COMMON_WORDS: [&str; 32] = [
    "城市", "都市", "超市", "夜市", "股市", "集市", "上市", "门市", "菜市", "市区", "社区", "园区",
    "景区", "小区", "专区", "地区", "分区", "城区", "郊区", "街区", "山区", "城镇", "乡镇", "故乡",
    "家乡", "城乡", "下乡", "乡村", "山村", "农村", "渔村", "反省",
];

fn ends_common_word(pair: &[char]) -> bool {
    COMMON_WORDS
        .iter()
        .any(|w| w.chars().eq(pair.iter().copied()))
}

/// Folds text for matching: half-width characters, lower case.
pub(super) fn fold(text: &str) -> String {
    // Most names and remarks are Chinese and lower-case ASCII, which fold to themselves.
    if folds_to_itself_text(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_lowercase(&mut out, to_half_width(c));
    }
    out
}

/// Whether [`fold`] leaves `text` as it is. Lower-case ASCII and U+4000–U+9FFF (UTF-8 lead byte
/// E4–E9, three bytes) are told by their bytes, without decoding characters; any other byte
/// sends the whole text to [`folds_to_itself`].
fn folds_to_itself_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            b'A'..=b'Z' => return false,
            0..=0x7f => 1,
            0xe4..=0xe9 => 3,
            _ => return text.chars().all(folds_to_itself),
        };
    }
    true
}

/// Whether [`fold`] leaves `c` as it is, answered without the case tables: lower-case ASCII
/// and the caseless CJK blocks that have no half-width form.
fn folds_to_itself(c: char) -> bool {
    let caseless = if c.is_ascii() {
        !c.is_ascii_uppercase()
    } else {
        is_caseless_cjk(c)
    };
    caseless && to_half_width(c) == c
}

/// Words that deny what follows them in a clause (「不涉及新闻」, 「无论坛」, "no news").
const NEGATIONS: [&str; 17] = [
    "不涉及",
    "未涉及",
    "不含",
    "不包含",
    "不包括",
    "不提供",
    "不从事",
    "不开展",
    "不发布",
    "不做",
    "不会",
    "没有",
    "无",
    "非",
    "not ",
    "no ",
    "without ",
];

/// Whether the keyword at byte `at` of a folded text sits in a clause that a negation word
/// opens before it. Clauses end at 。.,;!? and new lines (folded forms of ，；！？); 、 and
/// ： don't end one, so 「不涉及以下内容：新闻、出版」 is one denied list.
pub(super) fn negated_at(folded: &str, at: usize) -> bool {
    let before = folded.get(..at).unwrap_or("");
    // After the delimiter, whatever its width (。 is three bytes).
    let clause_start = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, '。' | '.' | ',' | ';' | '!' | '?' | '\n'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    NEGATIONS.iter().any(|n| has_word(clause, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_shortcut_only_skips_characters_fold_keeps() {
        let mut skipped = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if folds_to_itself(c) {
                skipped += 1;
                let mut folded = String::new();
                push_lowercase(&mut folded, to_half_width(c));
                assert_eq!(folded, c.to_string(), "U+{:04X}", c as u32);
            }
        }
        // Lower-case ASCII and the CJK blocks, less the ideographic space.
        assert_eq!(skipped, (0x80 - 26) + (0x9FFF - 0x2E80 + 1) - 1);
        // The byte scan over whole texts answers as the characters do, alone and next to
        // the characters it reads by byte.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a{c}网"),
                format!("网{c}z"),
                format!("{c}A"),
            ] {
                assert_eq!(
                    folds_to_itself_text(&text),
                    text.chars().all(folds_to_itself),
                    "{text:?}"
                );
            }
        }
        assert_eq!(fold("Ｐ２Ｐ网贷\u{3000}平台"), "p2p网贷 平台");
        assert_eq!(fold("新闻网"), "新闻网");
    }

    #[test]
    fn negation_holds_to_the_end_of_its_clause() {
        let at = |text: &str, word: &str| {
            let folded = fold(text);
            let i = folded.find(word).unwrap();
            negated_at(&folded, i)
        };
        assert!(at("本站不涉及新闻、出版、教育等前置审批内容", "教育"));
        assert!(at("不涉及以下内容：新闻、出版", "出版"));
        assert!(at("No news or video content", "video"));
        assert!(!at("分享电影评论，不涉及新闻", "电影"));
        assert!(!at("本站不盈利，分享考试笔记", "考试"));
        assert!(!at("旅行照片和音乐", "音乐"));
        // A full stop ends the clause: no panic on its three bytes, and no negation carried over.
        assert!(!at("。新闻", "新闻"));
        assert!(!at("不涉及新闻。分享电影评论", "电影"));
        assert!(at("个人读书笔记。不涉及新闻", "新闻"));
    }

    fn list(words: &[&str], match_kind: MatchKind) -> WordList {
        let mut list = WordList {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            source: "test".into(),
            confidence: Confidence::L,
            severity: Severity::Warning,
            match_kind,
            folded: Vec::new(),
        };
        list.fold_words();
        list
    }

    #[test]
    fn match_kinds() {
        let contains = list(&["P2P", "网站"], MatchKind::Contains);
        assert_eq!(contains.find_in("某某ｐ２ｐ网站"), ["P2P", "网站"]);
        let exact = list(&["计算器"], MatchKind::Exact);
        assert_eq!(exact.find_in(" 计算器 "), ["计算器"]);
        assert!(exact.find_in("小明计算器").is_empty());
        let prefix = list(&["中国", "国家"], MatchKind::Prefix);
        assert_eq!(prefix.find_in("中国好声音"), ["中国"]);
        let place = list(
            &["省", "市", "区", "镇", "乡", "村"],
            MatchKind::PlaceSuffix,
        );
        assert_eq!(place.find_in("杭州市旅游笔记"), ["市"]);
        assert!(place.find_in("李明的城市漫步").is_empty());
        assert!(place.find_in("我的家乡记忆").is_empty());
        assert!(prefix.find_in("好声音中国").is_empty());
        let place = list(&["省", "市", "区"], MatchKind::PlaceSuffix);
        assert_eq!(place.find_in("杭州市美食"), ["市"]);
        assert_eq!(place.find_in("黑龙江省旅游"), ["省"]);
        assert!(place.find_in("社区生活").is_empty());
        assert!(place.find_in("市").is_empty());
    }

    #[test]
    fn a_word_ends_a_name_before_a_note_digits_or_letters_but_not_before_chinese() {
        for (name, ends) in [
            ("张三的技术博客", true),
            ("张三的技术博客(个人)", true),
            ("张三的博客【技术】", true),
            ("张三的博客-1", true),
            ("张三的技术博客abc", true),
            ("张三的博客吧", false),
            ("神经网络学习笔记", false),
            ("博客博客园", false),
            ("博客园的博客", true),
        ] {
            let word = if name.contains("网络") {
                "网络"
            } else {
                "博客"
            };
            assert_eq!(ends_text(&fold(name), word), ends, "{name}");
        }
    }

    #[test]
    fn combine_prefers_longer_and_stricter() {
        let got = combine([
            ("网站", Severity::Error),
            ("购", Severity::Warning),
            ("购物", Severity::Warning),
            ("网站", Severity::Warning),
        ]);
        assert_eq!(
            got,
            [("网站", Severity::Error), ("购物", Severity::Warning)]
        );
        // A shorter error word is kept even inside a longer warning word.
        let got = combine([("网络", Severity::Error), ("网络借贷", Severity::Warning)]);
        assert_eq!(got.len(), 2);
    }
}
