//! The deadline grammar: 2024年6月, 每年第一季度, 长期坚持, 6月底前 …
//!
//! Turns one deadline text into a [`DeadlineTerm`]. Knows nothing of tables
//! or inheritance.

use chrono::NaiveDate;

use crate::model::{Precision, Recurrence};

/// What a deadline text means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeadlineTerm {
    /// The last day of the named period.
    pub due: Option<NaiveDate>,
    /// The granularity of `due`.
    pub precision: Option<Precision>,
    /// Whether the work goes on indefinitely.
    pub ongoing: bool,
    /// A repeating deadline.
    pub recurrence: Option<Recurrence>,
    /// An event the deadline follows.
    pub event: Option<String>,
}

/// Parses a deadline text. `notice_year` is the year a month without a year
/// belongs to (the year of the notice's date). Returns `None` when the text
/// is not understood.
pub fn parse_deadline(raw: &str, notice_year: Option<i32>) -> Option<DeadlineTerm> {
    let _ = (raw, notice_year);
    None
}

/// Whether `text` looks like a deadline (used to align flattened table rows).
pub fn looks_like_deadline(text: &str) -> bool {
    parse_deadline(text, None).is_some()
}
