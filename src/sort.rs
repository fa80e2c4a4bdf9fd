//! A stable insertion sort for the short or nearly sorted lists the crate sorts (a filing's
//! issues at one field, the holiday files, the TLD lists read once). The standard library's
//! stable sort is faster on long random input but costs a few kilobytes of wasm for every
//! element type; this costs a few hundred bytes.

/// Sorts `items` by `key`, keeping equal items in their order.
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    by(items, |a, b| key(a) > key(b));
}

/// Sorts `items` so that no item follows one it is `after`, keeping the others in order.
pub fn by<T>(items: &mut [T], after: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && after(&items[j - 1], &items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 5, 40, 300] {
            let mut items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 13, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|(k, _)| *k);
            super::by_key(&mut items, |(k, _)| *k);
            assert_eq!(items, expected, "len {len}");
        }
    }
}
