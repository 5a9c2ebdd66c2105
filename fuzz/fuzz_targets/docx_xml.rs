//! Fuzz target `docx_xml`: see `gongwen_fuzz::targets::run` for the entry
//! point it drives. Any result is fine; a panic, hang or OOM is a finding.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongwen_fuzz::targets::run("docx_xml", data);
});
