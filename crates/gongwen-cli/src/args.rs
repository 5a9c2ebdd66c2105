//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Parse Chinese government notices (公文) into a structured model of
/// headings, measures, deadlines and responsible units.
#[derive(Debug, Parser)]
#[command(name = "gongwen", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a notice and print it as notice JSON, JSON lines or CSV.
    Parse {
        /// The notice file; `-` reads standard input.
        #[arg(value_name = "FILE|-")]
        file: PathBuf,
        /// The output format.
        #[arg(short, long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of notice JSON v1.
    Schema {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

/// Output formats of `gongwen parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The whole notice as pretty-printed notice JSON v1.
    Json,
    /// One JSON object per measure and line (the columns of `csv`).
    Jsonl,
    /// One row per measure, with a header line.
    Csv,
}
