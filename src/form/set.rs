//! [`SmallSet`]: the form's sets of sections, services and field paths, kept as a sorted
//! `Vec`. They hold a few dozen entries at most, and each element type of a `BTreeSet` costs
//! several kilobytes of wasm, where a sorted `Vec` costs a few hundred bytes.

use std::borrow::Borrow;

/// A set kept as a sorted, duplicate-free `Vec`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallSet<T>(Vec<T>);

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Ord> SmallSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|item| item.borrow().cmp(value))
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(value).is_ok()
    }

    /// Adds `value`; `false` when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.find(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Removes `value`; `false` when it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.find(value) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// Moves every entry of `other` into this set.
    pub fn append(&mut self, other: &mut Self) {
        self.extend(std::mem::take(&mut other.0));
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T: Ord> Extend<T> for SmallSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<T: Ord> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = Self::new();
        set.extend(items);
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SmallSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a SmallSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::SmallSet;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_like_a_btree_set() {
        let ops: &[(bool, &str)] = &[
            (true, "b"),
            (true, "a"),
            (true, "b"),
            (false, "c"),
            (true, "c"),
            (false, "a"),
            (true, "d"),
            (false, "a"),
        ];
        let mut small: SmallSet<String> = SmallSet::new();
        let mut btree: BTreeSet<String> = BTreeSet::new();
        for (add, value) in ops {
            if *add {
                assert_eq!(
                    small.insert(value.to_string()),
                    btree.insert(value.to_string())
                );
            } else {
                assert_eq!(small.remove(*value), btree.remove(*value));
            }
            assert_eq!(
                small.iter().collect::<Vec<_>>(),
                btree.iter().collect::<Vec<_>>()
            );
            assert_eq!(small.contains("a"), btree.contains("a"));
        }
        let mut other: SmallSet<String> = ["z".to_string(), "b".to_string()].into();
        small.append(&mut other);
        assert!(other.is_empty());
        assert_eq!(
            small.iter().map(String::as_str).collect::<Vec<_>>(),
            ["b", "c", "d", "z"]
        );
        small.retain(|v| v != "c");
        assert_eq!(small.len(), 3);
        assert!(!small.contains("c"));
    }
}
