//! Regression tests from fuzzing: every file under `tests/data/fuzz-regressions/<kind>/` is fed
//! to the decoder of `<kind>` (`command`, `response`, `greeting`, `authenticate_data`,
//! `idle_done`) with the checks of the raw-bytes fuzz targets: no panic, an error's offset lies
//! within the input, and a decoded value re-encodes to bytes that decode to an equal value.
//!
//! To add a case, copy the crashing input that `cargo fuzz` wrote to
//! `fuzz/artifacts/decode_<kind>/` into the directory of its kind under a name that says what it
//! is (see `fuzz/README.md`). The exact outcome of hostile inputs is asserted below.

use std::{fs, path::Path};

use imap_codec::{Decode, DecodeError, DecodeOptions, Encode, LiteralAnnouncement};
use imap_types::{
    IntoStatic,
    auth::{AuthenticateData, IdleDone},
    command::Command,
    core::{LiteralMode, Tag},
    response::{Greeting, Response},
};

/// The checks of the raw-bytes fuzz targets, for one decoder.
macro_rules! check {
    ($ty:ident, $name:expr, $data:expr) => {{
        let data: &[u8] = $data;
        for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            match $ty::decode_with(data, &options) {
                Ok((_, value)) => {
                    let encoded = value.encode_to_vec();
                    let (left, again) = $ty::decode(&encoded).unwrap_or_else(|e| {
                        panic!("{}: re-encoding does not decode: {e:?}", $name)
                    });
                    assert!(left.is_empty(), "{}: re-encoding leaves bytes", $name);
                    assert_eq!(again, value, "{}", $name);
                    assert_eq!(value.clone().into_static(), value, "{}", $name);
                }
                Err(DecodeError::Failed { offset, expected }) => assert!(
                    offset < data.len(),
                    "{}: offset {offset} ({expected}) outside {} bytes",
                    $name,
                    data.len()
                ),
                Err(DecodeError::Incomplete | DecodeError::LiteralAnnouncement(_)) => {}
            }
        }
    }};
}

/// Every file of `tests/data/fuzz-regressions/` passes the checks of its decoder.
#[test]
fn fuzz_regression_inputs_pass_the_fuzz_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut count = 0;
    for kind in fs::read_dir(&root).expect("tests/data/fuzz-regressions") {
        let kind = kind.expect("directory entry").path();
        let kind_name = kind
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        for file in fs::read_dir(&kind).expect("kind directory") {
            let path = file.expect("directory entry").path();
            let data = fs::read(&path).expect("regression input");
            let name = path.display().to_string();
            match kind_name.as_str() {
                "command" => check!(Command, name, &data),
                "response" => check!(Response, name, &data),
                "greeting" => check!(Greeting, name, &data),
                "authenticate_data" => check!(AuthenticateData, name, &data),
                "idle_done" => check!(IdleDone, name, &data),
                other => panic!("unknown kind directory {other:?} in {}", root.display()),
            }
            count += 1;
        }
    }
    assert!(
        count > 0,
        "no regression input found under {}",
        root.display()
    );
}

/// Hostile nesting is refused at the depth limit, without exhausting the stack.
#[test]
fn deeply_nested_search_keys_hit_the_depth_limit() {
    // Each `(` or `NOT` nests one level: the `(` one past the limit is refused at its own
    // offset, the `NOT` one past the limit at the offset of its operand.
    let depth = usize::from(DecodeOptions::DEFAULT_MAX_DEPTH);
    let cases = [
        (
            [b"A1 SEARCH ".as_slice(), &[b'('; 100_000], b"ALL\r\n"].concat(),
            10 + depth,
        ),
        (
            [
                b"A1 SEARCH ".as_slice(),
                &b"NOT ".repeat(100_000),
                b"ALL\r\n",
            ]
            .concat(),
            10 + 4 * (depth + 1),
        ),
    ];
    for (input, expected_offset) in cases {
        assert_eq!(
            Command::decode(&input),
            Err(DecodeError::Failed {
                offset: expected_offset,
                expected: "less nesting (depth limit reached)",
            })
        );
    }
}

/// Hostile nesting in a body structure is refused at the depth limit.
#[test]
fn deeply_nested_body_structures_hit_the_depth_limit() {
    let input = [b"* 1 FETCH (BODYSTRUCTURE ".as_slice(), &[b'('; 100_000]].concat();
    match Response::decode(&input) {
        Err(DecodeError::Failed { offset, expected }) => {
            assert_eq!(expected, "less nesting (depth limit reached)");
            assert!(offset < 26 + usize::from(DecodeOptions::DEFAULT_MAX_DEPTH));
        }
        other => panic!("deep nesting gave {other:?}"),
    }
}

/// A literal of 4 GiB - 1 bytes is announced without waiting for (or allocating) its data.
#[test]
fn huge_literal_is_announced_not_allocated() {
    assert_eq!(
        Command::decode(b"A1 LOGIN {4294967295}\r\n"),
        Err(DecodeError::LiteralAnnouncement(LiteralAnnouncement {
            tag: Tag::try_from("A1").unwrap(),
            length: u32::MAX,
            mode: LiteralMode::Sync,
            binary: false,
        }))
    );
    assert_eq!(
        Command::decode(b"A1 LOGIN {4294967296}\r\n"),
        Err(DecodeError::Failed {
            offset: 10,
            expected: "literal length below 2^32",
        })
    );
}
