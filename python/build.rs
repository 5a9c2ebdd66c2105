//! Links the extension like maturin does (on macOS: symbols resolved by the
//! interpreter at load time), so `cargo build --workspace` links it too.

fn main() {
    pyo3_build_config::add_extension_module_link_args();
}
