//! Structure-aware: a valid `Command` from the generator encodes and decodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::command::Command;

imap_fuzz::roundtrip_target!(Command, imap_fuzz::imap_suite::generator::command);
