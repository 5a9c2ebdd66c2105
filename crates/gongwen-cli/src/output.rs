//! Writing results: to standard output (locked, buffered) or to a file, in
//! the chosen format, with a closed pipe counted as success.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use gongwen::rows::{measure_rows, COLUMNS};
use gongwen::Notice;

use crate::args::OutputFormat;

/// Where output goes.
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, created (or truncated) by [`Output::open`].
    File(PathBuf, File),
}

impl Output {
    /// Standard output for `None`, else the created file.
    pub fn open(path: Option<&Path>) -> Result<Self, String> {
        match path {
            None => Ok(Output::Stdout),
            Some(p) => File::create(p)
                .map(|f| Output::File(p.to_owned(), f))
                .map_err(|e| format!("{}: cannot write: {e}", p.display())),
        }
    }

    /// Runs `write` on a buffered writer and flushes it. A broken pipe on
    /// standard output is success; other failures become a one-line reason.
    pub fn write(self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
        fn finish<W: Write>(
            mut w: BufWriter<W>,
            write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
        ) -> io::Result<()> {
            write(&mut w)?;
            w.flush()
        }
        match self {
            Output::Stdout => match finish(BufWriter::new(io::stdout().lock()), write) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("<stdout>: cannot write: {e}"))
                }
                _ => Ok(()),
            },
            Output::File(path, file) => finish(BufWriter::new(file), write)
                .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        }
    }
}

/// Writes `notice` in `format`.
pub fn write_notice(w: &mut dyn Write, notice: &Notice, format: OutputFormat) -> io::Result<()> {
    match format {
        OutputFormat::Json => write_json(w, notice),
        OutputFormat::Jsonl => {
            for row in measure_rows(notice) {
                serde_json::to_writer(&mut *w, &row)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        }
        OutputFormat::Csv => {
            let mut csv = csv::Writer::from_writer(w);
            csv.write_record(COLUMNS).map_err(csv_io)?;
            for row in measure_rows(notice) {
                csv.write_record(row.to_csv_record()).map_err(csv_io)?;
            }
            csv.flush()
        }
        OutputFormat::Docx => {
            let bytes = gongwen::write::docx::notice_to_docx(notice).map_err(io::Error::other)?;
            w.write_all(&bytes)
        }
    }
}

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(w: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n")
}

/// A CSV error as an I/O error of the same kind, so that BrokenPipe is
/// recognized.
fn csv_io(e: csv::Error) -> io::Error {
    match e.kind() {
        csv::ErrorKind::Io(io) => io::Error::new(io.kind(), e),
        _ => io::Error::other(e),
    }
}
