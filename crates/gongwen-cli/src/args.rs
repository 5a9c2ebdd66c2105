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
        /// Read the input as this format instead of detecting it from its
        /// content.
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Option<InputFormat>,
        /// Read a workbook's hidden sheets too (they are skipped by default).
        #[arg(long)]
        hidden_sheets: bool,
    },
    /// Convert many notices (files and directories) into one JSON-lines or
    /// CSV table of measures, or a directory of notice JSON files. Failed
    /// files go to `errors.jsonl` beside the output; exit status 1 when any
    /// failed.
    Convert {
        /// Notice files and directories (walked for known extensions).
        #[arg(value_name = "PATH", required = true)]
        inputs: Vec<PathBuf>,
        /// The output file (jsonl, csv) or directory (json-dir).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// The output format.
        #[arg(short, long, value_enum, default_value_t = ConvertFormat::Jsonl)]
        format: ConvertFormat,
        /// Parallel jobs (default: one per core).
        #[arg(short, long, value_name = "N", default_value_t = 0)]
        jobs: usize,
        /// With json-dir: keep notices whose JSON file exists (resume a run).
        #[arg(long)]
        skip_existing: bool,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
        /// Read every input as this format instead of detecting it.
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Option<InputFormat>,
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
    /// A Word document holding the notice as one task table (binary: give
    /// `-o FILE` or redirect standard output).
    Docx,
}

/// Output formats of `gongwen convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertFormat {
    /// One JSON object per measure and line, with a `file` field first.
    Jsonl,
    /// One row per measure with a `file` column first, and a header line.
    Csv,
    /// One notice JSON file per input, under the output directory.
    JsonDir,
}

/// Input formats for `gongwen parse --from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain or pasted text (also tab-separated and Markdown tables).
    Text,
    /// A Word document (.docx).
    Docx,
    /// An Excel workbook (.xlsx).
    Xlsx,
    /// A legacy Excel workbook (.xls).
    Xls,
    /// An OpenDocument spreadsheet (.ods).
    Ods,
    /// A web page (.html).
    Html,
}

impl From<InputFormat> for gongwen::model::Format {
    fn from(f: InputFormat) -> Self {
        use gongwen::model::Format;
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Docx => Format::Docx,
            InputFormat::Xlsx => Format::Xlsx,
            InputFormat::Xls => Format::Xls,
            InputFormat::Ods => Format::Ods,
            InputFormat::Html => Format::Html,
        }
    }
}
