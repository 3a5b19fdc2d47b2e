//! Raw bytes into the `Command` decoder: no panic, and what decodes re-encodes to an equal value.
#![no_main]

use imap_fuzz::imap_types::command::Command;

imap_fuzz::raw_target!(Command);
