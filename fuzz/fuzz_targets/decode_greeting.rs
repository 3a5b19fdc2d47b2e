//! Raw bytes into the `Greeting` decoder: no panic, and what decodes re-encodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::response::Greeting;

imap_fuzz::raw_target!(Greeting);
