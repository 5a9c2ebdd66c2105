//! Readers: turn input bytes into a [`Document`](crate::document::Document).
//!
//! One module per format; each produces the same block model and knows
//! nothing of notices.

pub mod decode;
pub mod text;
