//! End-to-end tests of the `gongwen` command, run against the binary Cargo
//! builds for this package (`CARGO_BIN_EXE_gongwen`).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use gongwen::rows::COLUMNS;
use serde_json::Value;

/// The sample notice.
const SEED: &str = "../../fixtures/seed/seed-hans.txt";

/// The `gongwen` binary Cargo built for these tests (or `GONGWEN_BIN`, to
/// test another build such as an installed one).
fn gongwen_bin() -> PathBuf {
    std::env::var_os("GONGWEN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_gongwen")))
}

/// A `gongwen` command run from this package's folder.
fn gongwen() -> Command {
    let mut cmd = Command::new(gongwen_bin());
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// A scratch file path for this test run.
fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}-{name}", std::process::id()))
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> &str {
    std::str::from_utf8(&out.stderr).unwrap()
}

/// Asserts that `out` failed with status 1 and exactly one stderr line
/// `gongwen: <path>: …`, and printed nothing on stdout.
fn assert_fails_naming(out: &Output, path: &Path) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err:?}");
    assert!(err.ends_with('\n'), "{err:?}");
    let prefix = format!("gongwen: {}: ", path.display());
    assert!(
        err.starts_with(&prefix),
        "{err:?} does not start with {prefix:?}"
    );
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
}

#[test]
fn parse_prints_the_notice_as_json() {
    let out = gongwen().args(["parse", SEED]).assert().success();
    let out = out.get_output();
    assert!(out.stderr.is_empty(), "{}", stderr(out));
    assert!(
        stdout(out).starts_with("{\n  \"schema\": "),
        "not pretty JSON, schema first"
    );
    let printed: Value = serde_json::from_str(stdout(out)).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let mut expected = gongwen::parse_path(&seed).unwrap();
    expected.source.path = Some(SEED.into());
    assert_eq!(printed, serde_json::to_value(expected).unwrap());
}

#[test]
fn missing_file_fails_naming_it() {
    let path = Path::new("no/such/notice.txt");
    let out = gongwen().arg("parse").arg(path).assert().failure();
    assert_fails_naming(out.get_output(), path);
}

#[test]
fn binary_file_fails_naming_it() {
    let path = scratch("binary.bin");
    std::fs::write(&path, b"\x00\x01\x02binary\x00data\xff").unwrap();
    let out = gongwen().arg("parse").arg(&path).assert().failure();
    assert_fails_naming(out.get_output(), &path);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn csv_header_is_the_column_list() {
    let out = gongwen()
        .args(["parse", SEED, "--format", "csv"])
        .assert()
        .success();
    let text = stdout(out.get_output());
    assert_eq!(text.lines().next(), Some(COLUMNS.join(",").as_str()));
}

#[test]
fn jsonl_has_one_row_per_measure_with_all_columns() {
    let out = gongwen()
        .args(["parse", SEED, "--format", "jsonl"])
        .assert()
        .success();
    let text = stdout(out.get_output());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let notice = gongwen::parse_path(&seed).unwrap();
    assert_eq!(text.lines().count(), notice.measure_count());
    for (i, line) in text.lines().enumerate() {
        let row: Value = serde_json::from_str(line).unwrap();
        let row = row.as_object().unwrap();
        let mut keys: Vec<&str> = row.keys().map(String::as_str).collect();
        let mut columns = COLUMNS.to_vec();
        keys.sort_unstable();
        columns.sort_unstable();
        assert_eq!(keys, columns);
        assert_eq!(row["measure_index"], i);
        assert!(row["units"].is_array());
    }
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = gongwen()
        .args(["parse", SEED, "--format", "nosuch"])
        .assert()
        .code(2);
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn dash_reads_standard_input() {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let out = gongwen()
        .args(["parse", "-"])
        .write_stdin(bytes.clone())
        .assert()
        .success();
    let printed: Value = serde_json::from_str(stdout(out.get_output())).unwrap();
    let expected = gongwen::parse_bytes(&bytes, Path::new("-")).unwrap();
    assert_eq!(printed["source"]["path"], "-");
    assert_eq!(printed, serde_json::to_value(expected).unwrap());
}

#[test]
fn output_option_writes_the_file() {
    let path = scratch("out.csv");
    let out = gongwen()
        .args(["parse", SEED, "-f", "csv", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(&COLUMNS.join(",")));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn schema_prints_the_json_schema() {
    let out = gongwen().arg("schema").assert().success();
    let printed: Value = serde_json::from_str(stdout(out.get_output())).unwrap();
    assert_eq!(printed, gongwen::json_schema());
}

#[test]
fn closed_stdout_is_not_an_error() {
    // Enough output (the sample, four times over) to overflow a pipe buffer.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let path = scratch("big.txt");
    std::fs::write(&path, text.repeat(4)).unwrap();
    for format in ["json", "jsonl", "csv"] {
        let mut child = std::process::Command::new(gongwen_bin())
            .args(["parse", "--format", format])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{format}: {:?} {}",
            out.status,
            stderr(&out)
        );
        assert!(out.stderr.is_empty(), "{format}: {}", stderr(&out));
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn help_and_version_succeed() {
    let out = gongwen().arg("--help").assert().success();
    assert!(stdout(out.get_output()).contains("parse"));
    gongwen().arg("--version").assert().success();
    // No subcommand: usage on stderr, status 2.
    gongwen().assert().code(2);
}

/// Hostile and legacy files (see `fixtures/hostile/README.md`): exit status
/// 1 and one stderr line naming the file, or success for the files that
/// must give a bounded result.
#[test]
fn hostile_files_fail_in_one_line_naming_the_file() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let cases = [
        ("hostile/truncated.docx", false),
        ("hostile/truncated.xlsx", false),
        ("hostile/not-a-docx.docx", false),
        ("hostile/missing-document.docx", false),
        ("hostile/zip-bomb.docx", false),
        ("hostile/encrypted.docx", false),
        ("hostile/encrypted.xlsx", false),
        ("hostile/nul-bytes.txt", false),
        ("seed/renderings/seed.doc", false),
        ("hostile/invalid-utf8.txt", true),
        ("hostile/huge-dimension.xlsx", true),
        ("hostile/whole-sheet-merge.xlsx", true),
        ("hostile/overlapping-merges.xlsx", true),
    ];
    for (file, ok) in cases {
        let path = fixtures.join(file);
        let out = gongwen()
            .args(["parse", "--format", "csv"])
            .arg(&path)
            .output()
            .unwrap();
        let err = stderr(&out);
        if ok {
            assert!(out.status.success(), "{file}: {err}");
        } else {
            assert_fails_naming(&out, &path);
        }
    }
}

/// `--from` forces the input format: the seed's text read as HTML still
/// parses (as paragraphs), and `--from docx` on text is a typed error.
#[test]
fn from_forces_the_input_format() {
    let out = gongwen()
        .args(["parse", SEED, "--from", "docx"])
        .output()
        .unwrap();
    assert_fails_naming(&out, Path::new(SEED));
    let out = gongwen()
        .args(["parse", SEED, "--from", "text", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 59);
}

/// `--format docx` writes a Word file that parses back to the same rows.
#[test]
fn docx_output_parses_back() {
    let docx = scratch("out.docx");
    let out = gongwen()
        .args(["parse", SEED, "--format", "docx", "-o"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = |path: &Path| {
        let out = gongwen()
            .args(["parse", "--format", "csv"])
            .arg(path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        // Drop the position column: it differs between the formats.
        stdout(&out)
            .lines()
            .map(|l| {
                l.rsplit_once(',')
                    .map(|(a, _)| a.to_owned())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    let back = rows(&docx);
    let original = rows(Path::new(SEED));
    assert_eq!(back.len(), 60);
    // Inherited flags differ only where the text had empty cells the writer merged; compare texts.
    for (a, b) in back.iter().zip(&original) {
        let cut = |s: &str| s.split(',').take(12).collect::<Vec<_>>().join(",");
        assert_eq!(cut(a), cut(b));
    }
}
