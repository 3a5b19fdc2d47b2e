//! Structure-aware: a valid `Greeting` from the generator encodes and decodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::response::Greeting;

imap_fuzz::roundtrip_target!(Greeting, imap_fuzz::imap_suite::generator::greeting);
