//! Byte offsets (the core) to code-point offsets (Python), in one forward pass.
//!
//! Counting `text[..b].chars()` per offset would be quadratic in the number of
//! mentions; instead the offsets are sorted once and resolved in a single walk.

/// Converts every byte offset in `offsets` (each on a char boundary of `text`,
/// or `text.len()`) to a code-point offset, in place.
pub(crate) fn to_code_points(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut chars = text.char_indices().map(|(b, _)| b).enumerate().peekable();
    let mut count = 0;
    for i in order {
        let target = offsets[i];
        while let Some(&(n, b)) = chars.peek() {
            if b >= target {
                break;
            }
            count = n + 1;
            chars.next();
        }
        offsets[i] = count;
    }
}

/// Converts code-point offsets (Python's) to byte offsets of `text`, in place.
/// Returns the position in `offsets` of the first offset past the end of the
/// text, if any.
pub(crate) fn to_byte_offsets(text: &str, offsets: &mut [usize]) -> Result<(), usize> {
    let n_chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if let Some(bad) = offsets.iter().position(|&o| o > n_chars) {
        return Err(bad);
    }
    if text.is_ascii() {
        return Ok(());
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut bytes = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let (mut at_char, mut at_byte) = (0, bytes.next().unwrap_or(0));
    for i in order {
        while at_char < offsets[i] {
            at_byte = bytes.next().unwrap_or(text.len());
            at_char += 1;
        }
        offsets[i] = at_byte;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{to_byte_offsets, to_code_points};

    #[test]
    fn code_points_back_to_bytes() {
        for text in ["abc", "", "Zürich UN", "😀 Libya", "مصراتة Misrata"] {
            let n = text.chars().count();
            let mut offsets: Vec<usize> = (0..=n).rev().collect();
            to_byte_offsets(text, &mut offsets).expect("in range");
            let mut back = offsets.clone();
            to_code_points(text, &mut back);
            assert_eq!(back, (0..=n).rev().collect::<Vec<_>>(), "{text:?}");
            assert!(offsets.iter().all(|&b| text.is_char_boundary(b)));
        }
        assert_eq!(to_byte_offsets("é", &mut [0, 2]), Err(1));
    }

    #[test]
    fn converts_non_ascii() {
        // (text, byte offsets, expected code-point offsets)
        let rows: &[(&str, &[usize], &[usize])] = &[
            ("abc", &[0, 1, 3], &[0, 1, 3]),
            ("", &[0], &[0]),
            ("Zürich UN", &[7, 0, 10, 8], &[6, 0, 9, 7]),
            ("😀 Libya", &[5, 10, 4], &[2, 7, 1]),
            ("مصراتة Misrata", &[13, 20, 0], &[7, 14, 0]),
        ];
        for (text, bytes, want) in rows {
            let mut got = bytes.to_vec();
            to_code_points(text, &mut got);
            assert_eq!(&got, want, "{text:?}");
            for (b, c) in bytes.iter().zip(want.iter()) {
                assert_eq!(text[..*b].chars().count(), *c);
            }
        }
    }
}
