//! Support for gongwen's fuzz targets: [`targets::run`] maps a target name
//! to the gongwen entry point it exercises.

pub mod targets;
