//! Any bytes as a return file: the reader must answer (a source or a message), never panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soket::outline::Outline;
use std::sync::OnceLock;

static OUTLINE: OnceLock<Outline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let o = OUTLINE.get_or_init(Outline::embedded);
    let _ = soket::read::read_bytes(data.to_vec(), o);
});
