//! The unit-list grammar: `法规处、省局机关各处(室、局),省市场监管质量安全检查中心`.
//!
//! Splits one responsibility text into [`Unit`]s with roles and scopes, and
//! separates prose that names no unit into a note. Knows nothing of tables.

use crate::model::{Role, Unit};

/// A parsed unit list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitList {
    /// Units in printed order.
    pub units: Vec<Unit>,
    /// Prose that names no unit (e.g. `按照《…》确定的分工开展…`).
    pub note: Option<String>,
}

/// Parses a unit list. `default_role` is the role of units whose text states
/// none (the role the column header gives, e.g. 责任单位 → responsible).
pub fn parse_units(raw: &str, default_role: Option<Role>) -> UnitList {
    let _ = (raw, default_role);
    UnitList::default()
}

/// Whether `text` looks like a list of units rather than prose or a deadline
/// (used to align flattened table rows and to join continued unit cells).
pub fn looks_like_units(text: &str) -> bool {
    let _ = text;
    false
}
