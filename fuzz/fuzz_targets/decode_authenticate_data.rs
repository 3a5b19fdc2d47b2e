//! Raw bytes into the `AuthenticateData` decoder: no panic, and what decodes re-encodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::auth::AuthenticateData;

imap_fuzz::raw_target!(AuthenticateData);
