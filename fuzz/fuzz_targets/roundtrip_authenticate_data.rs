//! Structure-aware: a valid `AuthenticateData` from the generator encodes and decodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::auth::AuthenticateData;

imap_fuzz::roundtrip_target!(
    AuthenticateData,
    imap_fuzz::imap_suite::generator::authenticate_data
);
