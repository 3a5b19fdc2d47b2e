//! A `no_std` consumer of imap-codec (see Cargo.toml).
#![no_std]

use imap_codec::{Decode, imap_types::command::Command};

/// Decodes a command and tells whether it was complete; keeps the codec linked in.
#[unsafe(no_mangle)]
pub extern "C" fn imap_nostd_check(ptr: usize) -> bool {
    Command::decode(&b"A1 NOOP\r\n"[..ptr.min(9)]).is_ok()
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// An allocator that never gives memory: this crate is only built, never run.
struct NoAlloc;

// SAFETY: returning null is the documented way to report allocation failure.
unsafe impl core::alloc::GlobalAlloc for NoAlloc {
    unsafe fn alloc(&self, _: core::alloc::Layout) -> *mut u8 {
        core::ptr::null_mut()
    }
    unsafe fn dealloc(&self, _: *mut u8, _: core::alloc::Layout) {}
}

#[global_allocator]
static ALLOCATOR: NoAlloc = NoAlloc;
