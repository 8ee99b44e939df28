//! One small stable sort for the short lists the charts and maps order (labels, candidate
//! positions, text runs: tens of items, often already in order).
//!
//! `slice::sort_by` is monomorphised with its whole driftsort machinery, about 3 KB of wasm, for
//! every element type and comparison; nine call sites made 70 functions, 34 KB of the binary.
//! An insertion sort is a few dozen bytes per use and linear on input already in order.

/// Sorts `items` by `key`, stably: equal keys keep their order. Keys that do not compare (NaN)
/// are treated as equal.
pub fn by_key<T, K: PartialOrd>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j]) < key(&items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_like_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 5, 40, 200] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            by_key(&mut ours, |p| p.0);
            let mut std = items;
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn descending_and_float_keys() {
        let mut v = vec![0.5, -1.0, 3.0, 0.5, 2.0];
        by_key(&mut v, |x| -x);
        assert_eq!(v, [3.0, 2.0, 0.5, 0.5, -1.0]);
    }
}
