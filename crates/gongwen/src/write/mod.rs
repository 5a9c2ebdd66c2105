//! Writers: a [`Notice`](crate::Notice) out to other formats than JSON.
//!
//! Only [`docx`] so far. JSON is serde's job (the model derives
//! `Serialize`); the flat one-row-per-measure view is in [`crate::rows`].

pub mod docx;
