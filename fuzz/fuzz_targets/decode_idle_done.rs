//! Raw bytes into the `IdleDone` decoder: no panic, and what decodes re-encodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::auth::IdleDone;

imap_fuzz::raw_target!(IdleDone);
