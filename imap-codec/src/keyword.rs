//! Keyword dispatch: a keyword read from the input is folded to lower case and packed into one
//! number, so that a `match` over constants made by [`key`] picks the keyword with a few integer
//! comparisons instead of comparing it with every candidate in turn.
//!
//! Folding sets the bit 0x20 of every byte: it turns an upper-case letter into its lower-case
//! form and leaves every byte of a keyword (lower-case letters, digits, `.`, `-`, `=`, `+`)
//! unchanged. A byte folds to a keyword byte only if it is that byte in either case, or a
//! control character (0x0b to 0x1d), which no token or atom holds. Bytes past the word are 0,
//! which no folded byte is, so words of different lengths never pack alike.

use crate::decode::{Error, ONES, PResult, Parser, bytes_below, load_short, load8};

/// The longest word that packs.
const MAX: usize = 16;

/// Whether `b` ends the token of a keyword: a byte below `+` (space, `(`, `)`, `"`, `*`, CR,
/// LF and every control character), `[` or `]`.
///
/// The bytes of keywords (letters, digits, `.`, `-`, `=`, `+`) never do, and a token that holds
/// another byte packs to no keyword: such a byte folds to a keyword byte only if it is a
/// control character (see above), and those end the token.
#[inline(always)]
pub(crate) fn ends_keyword(b: u8) -> bool {
    b < b'+' || b == b'[' || b == b']'
}

/// [`ends_keyword`] for the eight bytes of the little-endian word `w`: the high bit of the
/// first byte that ends a keyword token, 0 if none does (bits above the lowest may be wrong).
#[inline(always)]
pub(crate) fn keyword_ends(w: u64) -> u64 {
    bytes_below(w, b'+')
        | bytes_below(w ^ (ONES * u64::from(b'[')), 1)
        | bytes_below(w ^ (ONES * u64::from(b']')), 1)
}

impl<'a> Parser<'a> {
    /// A keyword token (see [`Parser::keyword_token`]) and its packing ([`pack`]).
    ///
    /// The common case, a token that ends within the first sixteen bytes of the input, is
    /// scanned and packed from the same one or two words, with no branch on its length. Near
    /// the end of the input (a command name at the end of a message, say) the words hold the
    /// last bytes with zeros after them ([`load_short`]): a zero ends a token, and a token that
    /// ends there ends with the input, so it is incomplete.
    #[inline(always)]
    pub(crate) fn packed_keyword_token(&mut self) -> PResult<(&'a [u8], u128)> {
        let rest = &self.input[self.pos..];
        let (first, second) = match rest.first_chunk::<16>() {
            Some(words) => (load8(&words[..8]), load8(&words[8..])),
            None => load_short(rest),
        };
        let (lo, hi, n) = match keyword_ends(first) {
            0 => match keyword_ends(second) {
                0 => return self.packed_long_keyword_token(),
                ends => {
                    let n = (ends.trailing_zeros() / 8) as usize;
                    (first | FOLD, (second | FOLD) & low_bytes(n), 8 + n)
                }
            },
            ends => {
                let n = (ends.trailing_zeros() / 8) as usize;
                ((first | FOLD) & low_bytes(n), 0, n)
            }
        };
        if n >= rest.len() {
            return Err(Error::Incomplete);
        }
        self.pos += n;
        Ok((&rest[..n], u128::from(hi) << 64 | u128::from(lo)))
    }

    /// [`Parser::packed_keyword_token`] for a token of sixteen bytes or more (near the end of
    /// the input, the zeros after the last bytes end every token before that).
    #[inline(never)]
    fn packed_long_keyword_token(&mut self) -> PResult<(&'a [u8], u128)> {
        let token = self.keyword_token()?;
        Ok((token, pack(token)))
    }
}

/// The bit 0x20 in every byte: or-ed in, it folds letters to lower case (see above).
const FOLD: u64 = ONES * 0x20;

/// The low `n` bytes of a word set (`n` below 8).
#[inline(always)]
fn low_bytes(n: usize) -> u64 {
    (1 << (8 * n)) - 1
}

/// `word` (bytes of a token or an atom, no control characters) folded to lower case and
/// packed, or 0 (no keyword's packing) when it is longer than 16 bytes.
#[inline]
pub(crate) fn pack(word: &[u8]) -> u128 {
    let n = word.len();
    if n > MAX {
        return 0;
    }
    let (lo, hi) = load_short(word);
    // The fold of the word's bytes only: the places past it stay 0.
    let fold = (u128::from(FOLD) << 64 | u128::from(FOLD)) & low_bytes_128(n);
    (u128::from(hi) << 64 | u128::from(lo)) | fold
}

/// The low `n` bytes of a 128-bit number set (`n` at most 16).
#[inline(always)]
fn low_bytes_128(n: usize) -> u128 {
    u128::MAX.checked_shr(8 * (16 - n) as u32).unwrap_or(0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::DecodeOptions;

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
        // Every length, against the byte-by-byte packing of `key`.
        let word = b"abcdefghijklmnop";
        for n in 1..=16 {
            assert_eq!(pack(&word[..n].to_ascii_uppercase()), key(&word[..n]));
            assert_ne!(
                pack(&word[..n]),
                key(b"abcdefghijklmnop"[1..].split_at(n.min(15)).0)
            );
        }
    }

    /// The packed token is the token `keyword_token` reads, packed by `pack`, whatever its
    /// length, the byte that ends it, and how much input follows.
    #[test]
    fn packed_keyword_token_is_the_token_packed() {
        let name = b"Rfc822.Header.Fields-x+y=z";
        for len in 0..=name.len() {
            for end in [b' ', b')', b'[', b']', b'\r', 0] {
                for tail in 0..12 {
                    let mut input = name[..len].to_vec();
                    input.push(end);
                    input.extend(core::iter::repeat_n(b'A', tail));
                    let mut a = Parser::new(&input, &DecodeOptions::default());
                    let mut b = Parser::new(&input, &DecodeOptions::default());
                    let token = a.keyword_token().map(|t| (t, pack(t)));
                    assert_eq!(b.packed_keyword_token(), token, "{input:?}");
                    assert_eq!(a.pos, b.pos);
                }
            }
            let input = &name[..len];
            let mut p = Parser::new(input, &DecodeOptions::default());
            assert_eq!(
                p.packed_keyword_token(),
                Err(crate::decode::Error::Incomplete)
            );
        }
    }

    /// The word-at-a-time test finds the first byte that ends a keyword token, and no byte of
    /// a keyword ends one.
    #[test]
    fn keyword_ends_finds_the_first_end_in_a_word() {
        for b in 0..=255u8 {
            let keyword_byte = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'=' | b'+');
            assert!(!(keyword_byte && ends_keyword(b)), "{b:#x}");
        }
        crate::decode::tests::assert_word_test_finds_the_first(keyword_ends, ends_keyword, b'K');
    }
}
