//! Keyword dispatch: a keyword read from the input is folded to lower case and packed into one
//! number, so that a `match` over constants made by [`key`] picks the keyword with a few integer
//! comparisons instead of comparing it with every candidate in turn.
//!
//! Folding sets the bit 0x20 of every byte: it turns an upper-case letter into its lower-case
//! form and leaves every byte of a keyword (lower-case letters, digits, `.`, `-`, `=`, `+`)
//! unchanged. A byte folds to a keyword byte only if it is that byte in either case, or a
//! control character (0x0b to 0x1d), which no token or atom holds. Bytes past the word are 0,
//! which no folded byte is, so words of different lengths never pack alike.

/// The longest word that packs.
const MAX: usize = 16;

/// `word` (bytes of a token or an atom, no control characters) folded to lower case and
/// packed, or 0 (no keyword's packing) when it is longer than 16 bytes.
#[inline]
pub(crate) fn pack(word: &[u8]) -> u128 {
    if word.len() > MAX {
        return 0;
    }
    let mut buf = [0u8; MAX];
    buf[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(buf) | fold_mask(word.len())
}

/// The packing of the keyword `word` (lower-case letters, digits, `.`, `-`, `=`, `+`; at most
/// 16 bytes), for the patterns of a `match` over [`pack`].
pub(crate) const fn key(word: &[u8]) -> u128 {
    assert!(word.len() <= MAX && !word.is_empty());
    let mut packed = 0u128;
    let mut i = word.len();
    while i > 0 {
        i -= 1;
        assert!(word[i] & 0x20 != 0 && word[i] == word[i].to_ascii_lowercase());
        packed = (packed << 8) | word[i] as u128;
    }
    packed
}

/// The bit 0x20 in each of the first `len` bytes (`len` at most 16).
#[inline(always)]
const fn fold_mask(len: usize) -> u128 {
    const ALL: u128 = u128::from_le_bytes([0x20; MAX]);
    if len == 0 {
        0
    } else {
        ALL >> ((MAX - len) * 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_matches_keys_in_any_case_and_only_them() {
        assert_eq!(pack(b"BODY.PEEK"), key(b"body.peek"));
        assert_eq!(pack(b"Rfc822.Size"), key(b"rfc822.size"));
        assert_eq!(pack(b"header.fields"), key(b"header.fields"));
        assert_ne!(pack(b"BODY"), key(b"body.peek"));
        assert_ne!(pack(b"BODYX"), key(b"body"));
        assert_ne!(pack(b"BOD"), key(b"body"));
        assert_ne!(pack(b"RFC822[SIZE"), key(b"rfc822.size"));
        assert_eq!(pack(b"HEADER.FIELDS.NOT"), 0);
        assert_eq!(pack(b""), 0);
        assert_eq!(pack(b"1234567890ABCDEF"), key(b"1234567890abcdef"));
    }
}
