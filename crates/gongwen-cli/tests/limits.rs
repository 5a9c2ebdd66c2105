//! Time and memory bounds of the `gongwen` command on every hostile input
//! (`fixtures/hostile/`, plus 120,000 lines of table header words, the 10 MiB single line and the notice of
//! 100,000 measures, written at test time): each run ends with the expected
//! outcome (a one-line error of the right kind, or a result with the right
//! number of measures) within [`TIME_LIMIT`] and with its address space
//! limited to 512 MiB (`ulimit -v` in `sh -c`, so an allocation past the
//! limit aborts the run and fails the test).
//!
//! The time limit is meant for an optimized build: it holds when the test
//! runs the release binary, either built by `cargo test --release` or named
//! by `GONGWEN_BIN` (`scripts/test.sh` builds the release binary and runs
//! this test on it with `GONGWEN_BIN=target/release/gongwen`). The debug
//! binary that a plain `cargo test` builds is five to ten times slower, so it
//! is allowed [`DEBUG_SLOWDOWN`] times the time; the memory limit is the same
//! for both. Inputs run one at a time, so that they do not compete for the
//! CPU with each other.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use gongwen_tests::generated;

/// Wall-clock time one input may take in the release build.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// How much slower a debug build may be.
const DEBUG_SLOWDOWN: u32 = 15;

/// Address space limit of a run, in KiB (512 MiB).
const MEMORY_LIMIT_KIB: u64 = 512 * 1024;

/// What a run must end with.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// Exit status 1 and one stderr line holding this text.
    Fails(&'static str),
    /// Success with this many measure rows in the CSV output.
    Measures(usize),
}

/// The `gongwen` binary under test (see `cli.rs`).
fn gongwen_bin() -> PathBuf {
    std::env::var_os("GONGWEN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_gongwen")))
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel)
}

/// Runs `gongwen parse --format csv <path>` with the address space limited
/// to `limit_kib`, returning its output and wall-clock time.
fn run_limited(path: &Path, limit_kib: u64) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {limit_kib} && exec \"$0\" parse --format csv \"$1\""
        ))
        .arg(gongwen_bin())
        .arg(path)
        .output()
        .unwrap();
    (out, start.elapsed())
}

/// [`TIME_LIMIT`], or more for the debug binary `cargo test` built.
fn time_limit() -> Duration {
    let debug_binary = cfg!(debug_assertions) && std::env::var_os("GONGWEN_BIN").is_none();
    if debug_binary {
        TIME_LIMIT * DEBUG_SLOWDOWN
    } else {
        TIME_LIMIT
    }
}

/// Checks one run; returns a line describing it, or an error.
fn check(path: &Path, want: Outcome) -> Result<String, String> {
    let (out, took) = run_limited(path, MEMORY_LIMIT_KIB);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let err = String::from_utf8_lossy(&out.stderr);
    let rows = out.stdout.iter().filter(|b| **b == b'\n').count();
    match want {
        Outcome::Fails(text) => {
            if out.status.code() != Some(1) || err.lines().count() != 1 || !err.contains(text) {
                return Err(format!(
                    "{name}: want a one-line error with {text:?}, got {:?}: {err}",
                    out.status
                ));
            }
        }
        Outcome::Measures(n) => {
            if !out.status.success() || rows != n + 1 {
                return Err(format!(
                    "{name}: want {n} measures, got {:?} and {} rows: {err}",
                    out.status,
                    rows.saturating_sub(1)
                ));
            }
        }
    }
    if took > time_limit() {
        return Err(format!(
            "{name}: took {took:?}, over the limit of {:?}",
            time_limit()
        ));
    }
    Ok(format!("{name}: {took:?}"))
}

/// Every hostile input ends with its expected outcome within the time and
/// memory limits.
#[test]
fn hostile_inputs_finish_within_two_seconds_and_512_mib() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let long_line = dir.join("long-line.txt");
    std::fs::write(&long_line, generated::long_line()).unwrap();
    let many = dir.join("many-measures.txt");
    std::fs::write(&many, generated::many_measures()).unwrap();
    let header_lines = dir.join("header-lines.txt");
    std::fs::write(&header_lines, generated::header_lines()).unwrap();
    let spaced_headers = dir.join("spaced-header-lines.txt");
    std::fs::write(&spaced_headers, generated::spaced_header_lines()).unwrap();
    let run_in = dir.join("run-in-labels.txt");
    std::fs::write(&run_in, generated::run_in_labels()).unwrap();

    use Outcome::{Fails, Measures};
    let mut cases: Vec<(PathBuf, Outcome)> = [
        (
            "hostile/truncated.docx",
            Fails("cannot read the archive directory"),
        ),
        (
            "hostile/truncated.xlsx",
            Fails("cannot read the archive directory"),
        ),
        ("hostile/not-a-docx.docx", Fails("no word/document.xml")),
        (
            "hostile/missing-document.docx",
            Fails("no word/document.xml"),
        ),
        ("hostile/zip-bomb.docx", Fails("exceeds the limit")),
        ("hostile/entity-expansion.docx", Measures(59)),
        ("hostile/encrypted.docx", Fails("encrypted")),
        ("hostile/encrypted.xlsx", Fails("encrypted")),
        ("hostile/huge-dimension.xlsx", Measures(0)),
        ("hostile/whole-sheet-merge.xlsx", Measures(0)),
        ("hostile/overlapping-merges.xlsx", Measures(0)),
        ("hostile/nested-tables.docx", Fails("nesting depth")),
        (
            "hostile/nul-bytes.txt",
            Fails("binary data (a NUL byte) at offset 318"),
        ),
        ("hostile/invalid-utf8.txt", Measures(4)),
        ("seed/renderings/seed.doc", Fails("is not supported")),
    ]
    .into_iter()
    .map(|(rel, want)| (fixture(rel), want))
    .collect();
    cases.push((long_line, Measures(0)));
    cases.push((many, Measures(generated::MANY_MEASURES)));
    cases.push((header_lines, Measures(0)));
    cases.push((spaced_headers, Measures(0)));
    cases.push((run_in, Measures(1)));

    // Every committed hostile file is listed.
    let listed: Vec<String> = cases
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for entry in std::fs::read_dir(fixture("hostile")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".md") || listed.contains(&name),
            "{name} has no case here"
        );
    }

    let mut failures = Vec::new();
    for (path, want) in &cases {
        match check(path, *want) {
            Ok(line) => eprintln!("{line}"),
            Err(e) => failures.push(e),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The memory limit bites: with 64 MiB of address space the seed parses
/// but the 100,000-measure notice cannot, so a run needing more than 512 MiB
/// would fail the test above.
#[test]
fn the_memory_limit_is_enforced() {
    let (out, _) = run_limited(&fixture("seed/seed.docx"), 64 * 1024);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("limits-bite-{}.txt", std::process::id()));
    std::fs::write(&path, generated::many_measures()).unwrap();
    let (out, _) = run_limited(&path, 64 * 1024);
    std::fs::remove_file(&path).unwrap();
    assert!(
        !out.status.success(),
        "parsed 7 MB into 100,000 measures within 64 MiB of address space"
    );
}
