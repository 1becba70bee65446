#![no_main]
//! See `namedrop_fuzz::extract` (fuzz/src/lib.rs) for the input format and invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| namedrop_fuzz::extract(data));
