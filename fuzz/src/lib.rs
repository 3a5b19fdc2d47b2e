//! The checks the fuzz targets share, as macros over a message type (each target is one line).
//!
//! * [`raw_target!`]: decode arbitrary bytes (strict and lenient); never panic; a failure's
//!   offset lies within the input; a decoded value re-encodes to bytes that decode to an equal
//!   value with nothing left, and `into_static()` keeps it equal.
//! * [`roundtrip_target!`]: a valid value from the one generator (`imap_suite::generator`)
//!   encodes to bytes that decode to an equal value with nothing left, and every proper prefix
//!   of those bytes is incomplete (or a literal announcement).

pub use arbitrary;
pub use imap_codec;
pub use imap_suite;
pub use imap_types;
pub use libfuzzer_sys;

/// A raw-bytes target for the decoder of `$ty`.
#[macro_export]
macro_rules! raw_target {
    ($ty:ident) => {
        $crate::libfuzzer_sys::fuzz_target!(|data: &[u8]| {
            use $crate::imap_codec::{Decode, DecodeError, DecodeOptions, Encode};
            use $crate::imap_types::IntoStatic;

            for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
                match $ty::decode_with(data, &options) {
                    Ok((rest, value)) => {
                        assert!(rest.len() < data.len(), "a value consumed no byte");
                        let encoded = value.encode_to_vec();
                        let (left, again) = $ty::decode(&encoded).unwrap_or_else(|e| {
                            panic!(
                                "re-encoding {:?} of {:?} does not decode: {e:?}",
                                String::from_utf8_lossy(&encoded),
                                String::from_utf8_lossy(data),
                            )
                        });
                        assert!(left.is_empty(), "re-encoding leaves {left:?}");
                        assert_eq!(again, value);
                        assert_eq!(value.clone().into_static(), value);
                    }
                    Err(DecodeError::Failed { offset, expected }) => {
                        assert!(
                            offset < data.len(),
                            "offset {offset} ({expected}) outside {} bytes",
                            data.len()
                        );
                    }
                    Err(DecodeError::Incomplete | DecodeError::LiteralAnnouncement(_)) => {}
                }
            }
        });
    };
}

/// A structure-aware target: generator value, encode, decode.
#[macro_export]
macro_rules! roundtrip_target {
    ($ty:ident, $generate:path) => {
        $crate::libfuzzer_sys::fuzz_target!(|data: &[u8]| {
            use $crate::imap_codec::{Decode, DecodeError, Encode};

            let mut u = $crate::arbitrary::Unstructured::new(data);
            let Ok(value) = $generate(&mut u) else {
                return;
            };
            let encoded = value.encode_to_vec();
            let (rest, decoded) = $ty::decode(&encoded).unwrap_or_else(|e| {
                panic!(
                    "{value:?} encoded as {:?} does not decode: {e:?}",
                    String::from_utf8_lossy(&encoded)
                )
            });
            assert!(rest.is_empty(), "bytes left: {rest:?}");
            assert_eq!(decoded, value);
            assert_eq!(decoded.encode_to_vec(), encoded);
            for end in 0..encoded.len() {
                match $ty::decode(&encoded[..end]) {
                    Err(DecodeError::Incomplete | DecodeError::LiteralAnnouncement(_)) => {}
                    other => panic!(
                        "prefix {:?} decoded to {other:?}",
                        String::from_utf8_lossy(&encoded[..end])
                    ),
                }
            }
        });
    };
}
