//! Structure-aware: a valid `Response` from the generator encodes and decodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::response::Response;

imap_fuzz::roundtrip_target!(Response, imap_fuzz::imap_suite::generator::response);
