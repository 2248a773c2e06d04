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
    let bytes = text.as_bytes();
    let (mut at, mut count) = (0usize, 0usize);
    for i in order {
        let target = offsets[i].min(bytes.len());
        // Code points are the bytes that start a char (not 0b10xx_xxxx): a
        // count the compiler vectorises, where decoding each char was a tenth
        // of a gazetteer search on text with a few curly quotes.
        count += bytes[at..target]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        at = target;
        offsets[i] = count;
    }
}

/// Converts every code-point offset in `offsets` to a byte offset of `text`,
/// in place, in one forward pass. An offset past the end of `text` gives
/// `Err(its index in offsets)`, leaving `offsets` partly converted.
pub(crate) fn to_bytes(text: &str, offsets: &mut [usize]) -> Result<(), usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut bytes = text.char_indices().map(|(b, _)| b);
    // `next` is the byte offset of code point `at`, None at the end of the text.
    let (mut at, mut next) = (0usize, bytes.next());
    for i in order {
        while at < offsets[i] {
            if next.is_none() {
                return Err(i);
            }
            next = bytes.next();
            at += 1;
        }
        offsets[i] = next.unwrap_or(text.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{to_bytes, to_code_points};

    #[test]
    fn converts_code_points_to_bytes() {
        // (text, code-point offsets, expected byte offsets)
        let rows: &[(&str, &[usize], &[usize])] = &[
            ("abc", &[0, 1, 3], &[0, 1, 3]),
            ("", &[0], &[0]),
            ("Zürich UN", &[6, 0, 9, 7, 2], &[7, 0, 10, 8, 3]),
            ("😀 Libya", &[2, 7, 1, 1], &[5, 10, 4, 4]),
            ("مصراتة Misrata", &[7, 14, 0], &[13, 20, 0]),
        ];
        for (text, chars, want) in rows {
            let mut got = chars.to_vec();
            assert_eq!(to_bytes(text, &mut got), Ok(()));
            assert_eq!(&got, want, "{text:?}");
            let mut back = got.clone();
            to_code_points(text, &mut back);
            assert_eq!(&back, chars);
        }
        assert_eq!(to_bytes("é", &mut [0, 2, 1]), Err(1));
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
