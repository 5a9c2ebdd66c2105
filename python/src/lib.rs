//! `gongwen._gongwen`: the compiled core of the `gongwen` Python package.
//!
//! This layer is thin on purpose: it converts between Python and the Rust
//! library, releases the GIL around all parsing, and turns Rust errors and
//! panics into Python exceptions. Everything analysts touch (the typed model,
//! `Notice`, pandas) lives in the pure-Python package around it.
//!
//! Exceptions are defined in Python (`gongwen/_errors.py`, because
//! `ParseError` subclasses both `GongwenError` and `ValueError`); this module
//! imports them when it raises one.

use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use gongwen::model::Format;
use gongwen::{Notice, ParseOptions};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Why a parse produced no notice: a library error, or a caught panic.
enum Failure {
    /// An error of the library.
    Gongwen(gongwen::Error),
    /// A panic inside the library (a bug), with its message.
    Internal {
        /// The input, if it has a name.
        path: Option<PathBuf>,
        /// The panic's message.
        message: String,
    },
}

/// Runs `f`, turning a panic into [`Failure::Internal`].
fn guarded(
    path: Option<&Path>,
    f: impl FnOnce() -> gongwen::Result<Notice>,
) -> Result<Notice, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(Failure::Gongwen),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Failure::Internal {
                path: path.map(Path::to_owned),
                message,
            })
        }
    }
}

/// Reads and parses the file at `path`, panics caught.
fn parse_file(path: &Path, options: &ParseOptions) -> Result<Notice, Failure> {
    guarded(Some(path), || {
        let bytes = std::fs::read(path).map_err(|source| gongwen::Error::Io {
            path: path.to_owned(),
            source,
        })?;
        gongwen::parse_bytes_with(&bytes, path, options)
    })
}

/// The options for a `format` argument (`None` detects the format).
fn options(format: Option<&str>) -> PyResult<ParseOptions> {
    let format = match format {
        None => None,
        Some(name) => Some(Format::from_extension(name).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown format {name:?}; expected one of text, docx, xlsx, xls, ods, html"
            ))
        })?),
    };
    Ok(ParseOptions {
        format,
        ..Default::default()
    })
}

/// An `std::io::Error`'s message without the ` (os error N)` suffix.
fn strerror(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Builds the exception `class_name` of `gongwen._errors`.
fn gongwen_error(
    py: Python<'_>,
    class_name: &str,
    message: String,
    kind: &str,
    path: Option<String>,
    position: Option<Py<PyAny>>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py.import("gongwen._errors")?.getattr(class_name)?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", kind)?;
        kwargs.set_item("path", path)?;
        kwargs.set_item("position", position)?;
        Ok(PyErr::from_value(class.call((message,), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

/// The Python exception for `failure`.
fn to_pyerr(py: Python<'_>, failure: Failure) -> PyErr {
    let error = match failure {
        Failure::Internal { path, message } => {
            let path = path.map(|p| p.display().to_string());
            let text = match &path {
                Some(p) => format!("{p}: internal error (a bug in gongwen): {message}"),
                None => format!("internal error (a bug in gongwen): {message}"),
            };
            return gongwen_error(py, "ParseError", text, "internal", path, None);
        }
        Failure::Gongwen(error) => error,
    };
    let message = error.to_string();
    let kind = error.kind();
    let path = error.path().display().to_string();
    match &error {
        gongwen::Error::Io { source, .. } => {
            let errno = source.raw_os_error();
            let err = if source.kind() == std::io::ErrorKind::NotFound {
                PyFileNotFoundError::new_err((errno.unwrap_or(2), strerror(source), path.clone()))
            } else {
                match errno {
                    Some(n) => PyOSError::new_err((n, strerror(source), path.clone())),
                    None => PyOSError::new_err(message),
                }
            };
            let value = err.value(py);
            // Best effort: the same attributes as the gongwen exceptions.
            let _ = value.setattr("kind", kind);
            let _ = value.setattr("path", path);
            let _ = value.setattr("position", py.None());
            err
        }
        gongwen::Error::Unsupported { .. } | gongwen::Error::Encrypted { .. } => gongwen_error(
            py,
            "UnsupportedFormatError",
            message,
            kind,
            Some(path),
            None,
        ),
        gongwen::Error::Binary { offset, .. } => {
            let position = offset.into_pyobject(py).ok().map(|o| o.into_any().unbind());
            gongwen_error(py, "ParseError", message, kind, Some(path), position)
        }
        gongwen::Error::Corrupt { part, .. } => {
            let position = part.into_pyobject(py).ok().map(|o| o.into_any().unbind());
            gongwen_error(py, "ParseError", message, kind, Some(path), position)
        }
        _ => gongwen_error(py, "ParseError", message, kind, Some(path), None),
    }
}

/// A parsed notice, held in Rust; `gongwen.Notice` wraps it.
#[pyclass(frozen, module = "gongwen._gongwen")]
struct NoticeHandle {
    /// The notice.
    notice: Notice,
}

#[pymethods]
impl NoticeHandle {
    /// The notice as compact notice JSON v1.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.notice))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The measure rows (the CLI's csv/jsonl columns) as a JSON array of objects.
    fn rows_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&gongwen::rows::measure_rows(&self.notice)))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The number of measures in the whole notice.
    fn measure_count(&self) -> usize {
        self.notice.measure_count()
    }
}

/// Wraps `notice` in a handle.
fn handle(py: Python<'_>, notice: Notice) -> PyResult<Py<NoticeHandle>> {
    Py::new(py, NoticeHandle { notice })
}

/// Reads and parses the file at `path`; `format` forces the input format.
#[pyfunction]
#[pyo3(signature = (path, format=None))]
fn parse_path(py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<Py<NoticeHandle>> {
    let options = options(format)?;
    let result = py.detach(|| parse_file(&path, &options));
    match result {
        Ok(notice) => handle(py, notice),
        Err(failure) => Err(to_pyerr(py, failure)),
    }
}

/// Parses `data`, named `name` in errors; `format` forces the input format.
#[pyfunction]
#[pyo3(signature = (data, name, format=None))]
fn parse_bytes(
    py: Python<'_>,
    data: &[u8],
    name: &str,
    format: Option<&str>,
) -> PyResult<Py<NoticeHandle>> {
    let options = options(format)?;
    let path = Path::new(name);
    let result = py.detach(|| {
        guarded(Some(path), || {
            gongwen::parse_bytes_with(data, path, &options)
        })
    });
    match result {
        Ok(notice) => handle(py, notice),
        Err(failure) => Err(to_pyerr(py, failure)),
    }
}

/// Parses a notice given as text.
#[pyfunction]
fn parse_text(py: Python<'_>, text: &str) -> PyResult<Py<NoticeHandle>> {
    let result = py.detach(|| guarded(None, || Ok(gongwen::parse_str(text))));
    match result {
        Ok(notice) => handle(py, notice),
        Err(failure) => Err(to_pyerr(py, failure)),
    }
}

/// Parses the files at `paths` on `threads` threads (default: the number of
/// CPUs), with the GIL released. Returns one item per path, in input order:
/// a `NoticeHandle`, or the exception instance `parse_path` would raise.
/// Signals (Ctrl-C) are checked while waiting; on one, the workers stop after
/// their current file and the exception (`KeyboardInterrupt`) is raised.
#[pyfunction]
#[pyo3(signature = (paths, threads=None))]
fn parse_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    threads: Option<usize>,
) -> PyResult<Vec<Py<PyAny>>> {
    let n = paths.len();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
        .clamp(1, n.max(1));
    let options = ParseOptions::default();
    let paths = &paths;
    let options = &options;
    let collected = py.detach(|| {
        let next = AtomicUsize::new(0);
        let cancel = AtomicBool::new(false);
        let (next, cancel) = (&next, &cancel);
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let tx = tx.clone();
                scope.spawn(move || {
                    while !cancel.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        if tx.send((i, parse_file(path, options))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut results: Vec<Option<Result<Notice, Failure>>> = (0..n).map(|_| None).collect();
            let mut received = 0;
            while received < n {
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok((i, result)) => {
                        results[i] = Some(result);
                        received += 1;
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
                if let Err(e) = Python::attach(|py| py.check_signals()) {
                    cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Ok(results)
        })
    })?;
    collected
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Some(Ok(notice)) => Ok(handle(py, notice)?.into_any()),
            Some(Err(failure)) => Ok(to_pyerr(py, failure).into_value(py).into_any()),
            // A worker died without sending (cannot happen: panics are caught).
            None => Ok(to_pyerr(
                py,
                Failure::Internal {
                    path: paths.get(i).cloned(),
                    message: "no result".to_owned(),
                },
            )
            .into_value(py)
            .into_any()),
        })
        .collect()
}

/// Builds a notice from notice JSON v1.
#[pyfunction]
fn from_json(py: Python<'_>, s: &str) -> PyResult<Py<NoticeHandle>> {
    match py.detach(|| serde_json::from_str::<Notice>(s)) {
        Ok(notice) => handle(py, notice),
        Err(e) => Err(gongwen_error(
            py,
            "ParseError",
            format!("not notice JSON v1: {e}"),
            "invalid_json",
            None,
            e.line()
                .into_pyobject(py)
                .ok()
                .map(|o| o.into_any().unbind()),
        )),
    }
}

/// Panics, for the tests: inside the guard of the parse functions when
/// `guarded` (giving `ParseError` of kind `internal`), else unguarded
/// (pyo3 raises `PanicException`, which the Python layer converts).
#[pyfunction]
fn _panic_for_test(py: Python<'_>, guarded_: bool) -> PyResult<()> {
    if guarded_ {
        let result = py.detach(|| guarded(None, || panic!("test panic")));
        result.map(|_| ()).map_err(|failure| to_pyerr(py, failure))
    } else {
        panic!("test panic (unguarded)")
    }
}

/// The compiled module.
#[pymodule]
fn _gongwen(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("COLUMNS", PyTuple::new(m.py(), gongwen::rows::COLUMNS)?)?;
    m.add_class::<NoticeHandle>()?;
    m.add_function(wrap_pyfunction!(parse_path, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
