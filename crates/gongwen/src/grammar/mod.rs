//! Small grammars for the pieces of a notice: numbering labels, numerals,
//! deadlines and unit lists, and the one lexicon of the genre's field words.
//!
//! Each grammar parses one string into one typed value. None of them knows
//! about documents, tables or positions: the interpreter calls them and keeps
//! track of where the string came from.

pub mod deadline;
pub mod label;
pub mod lexicon;
pub mod numeral;
pub mod units;
