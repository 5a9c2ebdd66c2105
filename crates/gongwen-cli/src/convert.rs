//! `gongwen convert`: many notices in, one table (JSON lines or CSV) or a
//! folder of notice JSON files out.
//!
//! Inputs are walked (hidden files and office lock files skipped), sorted
//! by path and parsed in parallel on a rayon pool, a chunk at a time, so
//! memory stays flat in the number of files and the output order never
//! depends on the number of jobs. A file that fails is written to
//! `errors.jsonl` beside the output and the batch goes on. Outputs are
//! written to a temporary file and renamed, so an interrupted run leaves no
//! half-written file behind.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use gongwen::rows::{measure_rows, COLUMNS};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::args::{ConvertFormat, InputFormat};

/// Extensions of the files a directory walk picks up.
const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "tsv", "docx", "docm", "xlsx", "xlsm", "xls", "ods", "html", "htm",
];

/// How many files one parallel chunk holds per job.
const CHUNK_PER_JOB: usize = 32;

/// What `convert` was asked to do.
pub struct Convert {
    /// Files and directories to read.
    pub inputs: Vec<PathBuf>,
    /// The output file (jsonl, csv) or directory (json-dir).
    pub output: PathBuf,
    /// The output format.
    pub format: ConvertFormat,
    /// Parallel jobs (0: one per core).
    pub jobs: usize,
    /// With json-dir: keep notices already converted.
    pub skip_existing: bool,
    /// No progress bar.
    pub quiet: bool,
    /// Force the input format.
    pub from: Option<InputFormat>,
}

/// How the run ended.
pub struct Summary {
    /// Files that failed.
    pub failed: usize,
}

/// One line of `errors.jsonl`.
#[derive(Serialize)]
struct ErrorRecord {
    path: String,
    kind: String,
    message: String,
    position: Option<String>,
}

/// What parsing one file gave.
enum Outcome {
    /// Rows (jsonl/csv) or nothing (json-dir, written by the worker).
    Ok { rows: Vec<String>, measures: usize },
    /// Skipped because its JSON exists (json-dir with `--skip-existing`).
    Skipped,
    /// The file failed.
    Failed(ErrorRecord),
}

/// Runs `convert`; an `Err` is a usage problem (exit status 2).
pub fn run(c: &Convert) -> Result<Summary, String> {
    let started = Instant::now();
    let files = collect_inputs(&c.inputs)?;
    let errors_path = c
        .output
        .parent()
        .map(|p| p.join("errors.jsonl"))
        .unwrap_or_else(|| PathBuf::from("errors.jsonl"));
    if c.format == ConvertFormat::JsonDir {
        fs::create_dir_all(&c.output)
            .map_err(|e| format!("{}: cannot create: {e}", c.output.display()))?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(c.jobs)
        .build()
        .map_err(|e| format!("cannot start {} jobs: {e}", c.jobs))?;
    let progress = progress_bar(files.len() as u64, c.quiet);

    let mut table = match c.format {
        ConvertFormat::JsonDir => None,
        _ => Some(AtomicFile::create(&c.output)?),
    };
    let mut errors = AtomicFile::create(&errors_path)?;
    if let (Some(t), ConvertFormat::Csv) = (table.as_mut(), c.format) {
        let mut header = csv::Writer::from_writer(Vec::new());
        let mut cols = vec!["file"];
        cols.extend(COLUMNS);
        header.write_record(&cols).map_err(|e| e.to_string())?;
        let bytes = header.into_inner().map_err(|e| e.to_string())?;
        t.write(&bytes)?;
    }

    let (mut failed, mut measures, mut skipped) = (0usize, 0usize, 0usize);
    let chunk = CHUNK_PER_JOB * pool.current_num_threads().max(1);
    for batch in files.chunks(chunk) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .par_iter()
                .map(|path| {
                    let o = convert_one(path, c);
                    progress.inc(1);
                    o
                })
                .collect()
        });
        for outcome in outcomes {
            match outcome {
                Outcome::Ok { rows, measures: m } => {
                    measures += m;
                    if let Some(t) = table.as_mut() {
                        for row in rows {
                            t.write(row.as_bytes())?;
                        }
                    }
                }
                Outcome::Skipped => skipped += 1,
                Outcome::Failed(record) => {
                    failed += 1;
                    let mut line = serde_json::to_vec(&record).map_err(|e| e.to_string())?;
                    line.push(b'\n');
                    errors.write(&line)?;
                }
            }
        }
    }
    progress.finish_and_clear();
    if let Some(t) = table {
        t.commit()?;
    }
    errors.commit()?;
    let secs = started.elapsed().as_secs_f64();
    let rate = if secs > 0.0 {
        files.len() as f64 / secs
    } else {
        0.0
    };
    eprintln!(
        "gongwen: {} files: {} ok, {failed} failed{}; {measures} measures; {secs:.2} s; {rate:.1} files/s",
        files.len(),
        files.len() - failed - skipped,
        if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        },
    );
    Ok(Summary { failed })
}

/// Parses one file and turns it into output rows, or writes its JSON.
fn convert_one(path: &Path, c: &Convert) -> Outcome {
    let target = (c.format == ConvertFormat::JsonDir).then(|| json_target(&c.output, path));
    if c.skip_existing && target.as_ref().is_some_and(|t| t.exists()) {
        return Outcome::Skipped;
    }
    let fail = |kind: &str, message: String, position: Option<String>| {
        Outcome::Failed(ErrorRecord {
            path: path.display().to_string(),
            kind: kind.to_owned(),
            message,
            position,
        })
    };
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail("io", format!("{}: cannot read: {e}", path.display()), None),
    };
    if bytes.is_empty() {
        return fail(
            "empty",
            format!("{}: the file is empty", path.display()),
            None,
        );
    }
    let options = gongwen::ParseOptions {
        format: c.from.map(Into::into),
        ..Default::default()
    };
    let notice = match gongwen::parse_bytes_with(&bytes, path, &options) {
        Ok(n) => n,
        Err(e) => return fail(e.kind(), e.to_string(), e.position()),
    };
    let measures = notice.measure_count();
    let file = path.display().to_string();
    let rows = match c.format {
        ConvertFormat::JsonDir => {
            let Some(target) = target else {
                return fail("internal", "no target path".to_owned(), None);
            };
            let written = serde_json::to_vec_pretty(&notice)
                .map_err(|e| e.to_string())
                .and_then(|json| write_atomically(&target, &json));
            if let Err(e) = written {
                return fail("io", e, None);
            }
            Vec::new()
        }
        ConvertFormat::Jsonl => measure_rows(&notice)
            .iter()
            .map(|row| {
                let mut value = serde_json::json!({ "file": file });
                if let (Some(obj), Ok(serde_json::Value::Object(cols))) =
                    (value.as_object_mut(), serde_json::to_value(row))
                {
                    obj.extend(cols);
                }
                format!("{value}\n")
            })
            .collect(),
        ConvertFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            for row in measure_rows(&notice) {
                let mut record = vec![file.clone()];
                record.extend(row.to_csv_record());
                if w.write_record(&record).is_err() {
                    return fail("internal", "cannot write a CSV row".to_owned(), None);
                }
            }
            match w.into_inner() {
                Ok(bytes) => vec![String::from_utf8_lossy(&bytes).into_owned()],
                Err(e) => return fail("internal", e.to_string(), None),
            }
        }
    };
    Outcome::Ok { rows, measures }
}

/// The JSON file of `input` in `dir`: its path made relative (leading `/`
/// and `..` dropped) with `.json` appended.
fn json_target(dir: &Path, input: &Path) -> PathBuf {
    let rel: PathBuf = input
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    let mut name = rel.into_os_string();
    name.push(".json");
    dir.join(name)
}

/// Files to convert: explicit files as given, directories walked for known
/// extensions; hidden files and lock files (`~$x.docx`, `.~lock.x#`)
/// skipped; sorted by path, duplicates removed.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
        if meta.is_dir() {
            walk(input, &mut files).map_err(|e| format!("{}: {e}", input.display()))?;
        } else {
            files.push(input.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if EXTENSIONS.contains(&ext.as_str()) {
                out.push(path);
            }
        }
    }
    Ok(())
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}  {elapsed_precise}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A file written under a temporary name and renamed into place by
/// [`AtomicFile::commit`]; dropped without commit, the temporary is removed.
struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    fn create(target: &Path) -> Result<Self, String> {
        let temp = temp_name(target);
        let file =
            File::create(&temp).map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
        Ok(AtomicFile {
            target: target.to_owned(),
            temp,
            writer: Some(BufWriter::new(file)),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        match self.writer.as_mut() {
            Some(w) => w
                .write_all(bytes)
                .map_err(|e| format!("{}: cannot write: {e}", self.target.display())),
            None => Ok(()),
        }
    }

    fn commit(mut self) -> Result<(), String> {
        let err = |e: io::Error| format!("{}: cannot write: {e}", self.target.display());
        if let Some(w) = self.writer.take() {
            let file = w.into_inner().map_err(|e| err(e.into_error()))?;
            file.sync_all().map_err(err)?;
        }
        fs::rename(&self.temp, &self.target).map_err(err)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

fn temp_name(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    target.with_file_name(name)
}

/// Writes `bytes` to `target` through a temporary file and a rename.
fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let mut f = AtomicFile::create(target)?;
    f.write(bytes)?;
    f.commit()
}
