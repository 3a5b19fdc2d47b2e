//! Raw bytes into the `Response` decoder: no panic, and what decodes re-encodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::response::Response;

imap_fuzz::raw_target!(Response);
