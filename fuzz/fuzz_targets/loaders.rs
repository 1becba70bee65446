#![no_main]
//! See `namedrop_fuzz::loaders` (fuzz/src/lib.rs) for the input format and invariants.

libfuzzer_sys::fuzz_target!(|data: &[u8]| namedrop_fuzz::loaders(data));
