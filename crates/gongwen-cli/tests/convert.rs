//! `gongwen convert` on a directory of 200 good notices in five formats,
//! a corrupt and an empty file, hidden and lock files.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MEASURES_PER_SEED: usize = 59;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn gongwen(args: &[&str], extra: &[&Path]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    cmd.args(args);
    for p in extra {
        cmd.arg(p);
    }
    cmd.output().unwrap()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("convert-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// 200 good files (text, GBK text, DOCX, XLSX, HTML: 40 each, in nested
/// folders), one corrupt DOCX, one empty file, and files to skip.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    let hans = fs::read_to_string(fixtures().join("seed/seed-hans.txt")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&hans);
    let docx = fs::read(fixtures().join("seed/seed.docx")).unwrap();
    let xlsx = fs::read(fixtures().join("seed/seed.xlsx")).unwrap();
    let html = fs::read(fixtures().join("seed/renderings/seed-xlsx.html")).unwrap();
    for i in 0..40 {
        let sub = dir.join(format!("batch{}", i % 4));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("n{i:03}.txt")), &hans).unwrap();
        fs::write(sub.join(format!("g{i:03}.txt")), &gbk).unwrap();
        fs::write(sub.join(format!("d{i:03}.docx")), &docx).unwrap();
        fs::write(sub.join(format!("x{i:03}.xlsx")), &xlsx).unwrap();
        fs::write(sub.join(format!("h{i:03}.html")), &html).unwrap();
    }
    let bad = fs::read(fixtures().join("hostile/truncated.docx")).unwrap();
    fs::write(dir.join("corrupt.docx"), bad).unwrap();
    fs::write(dir.join("empty.txt"), b"").unwrap();
    // Skipped: hidden files, office lock files, unknown extensions.
    fs::write(dir.join(".hidden.txt"), &hans).unwrap();
    fs::write(dir.join("~$d000.docx"), b"lock").unwrap();
    fs::write(dir.join("notes.pdf"), b"%PDF").unwrap();
    dir
}

#[test]
fn batch_isolates_failures_and_is_independent_of_jobs() {
    let root = scratch("batch");
    let dir = archive(&root);
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = root.join(format!("measures-{jobs}.jsonl"));
        let o = gongwen(&["convert", "--quiet", "--jobs", jobs, "-o"], &[&out, &dir]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("202 files: 200 ok, 2 failed"), "{err}");
        let text = fs::read_to_string(&out).unwrap();
        assert_eq!(text.lines().count(), 200 * MEASURES_PER_SEED);
        // Every good file contributes all its measures.
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert!(first["file"]
            .as_str()
            .unwrap()
            .ends_with("batch0/d000.docx"));
        assert_eq!(first["label"], "(1)");
        outputs.push(text);

        let errors = fs::read_to_string(root.join("errors.jsonl")).unwrap();
        let records: Vec<serde_json::Value> = errors
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let kinds: Vec<(&str, &str)> = records
            .iter()
            .map(|r| {
                let path = r["path"].as_str().unwrap();
                (
                    path.rsplit('/').next().unwrap(),
                    r["kind"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(kinds, [("corrupt.docx", "corrupt"), ("empty.txt", "empty")]);
    }
    assert!(
        outputs[0] == outputs[1],
        "output differs between --jobs 1 and 2"
    );
    // No temporary file is left behind.
    let leftovers: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn csv_has_a_file_column_then_the_measure_columns() {
    let root = scratch("csv");
    let out = root.join("m.csv");
    let seed = fixtures().join("seed/seed.docx");
    let o = gongwen(&["convert", "-q", "-f", "csv", "-o"], &[&out, &seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(&out).unwrap();
    let header = text.lines().next().unwrap();
    let mut want = vec!["file"];
    want.extend(gongwen::rows::COLUMNS);
    assert_eq!(header, want.join(","));
    assert_eq!(text.lines().count(), 1 + MEASURES_PER_SEED);
}

#[test]
fn json_dir_writes_one_notice_per_file_and_resumes() {
    let root = scratch("jsondir");
    let input = root.join("in");
    fs::create_dir_all(&input).unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::copy(fixtures().join("seed/seed-hans.txt"), input.join(name)).unwrap();
    }
    let out = root.join("notices");
    let o = gongwen(&["convert", "-q", "-f", "json-dir", "-o"], &[&out, &input]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut written = Vec::new();
    collect_json(&out, &mut written);
    assert_eq!(written.len(), 3);
    let notice: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&written[0]).unwrap()).unwrap();
    assert_eq!(notice["schema"], "gongwen/notice@1");

    fs::copy(fixtures().join("seed/seed-hans.txt"), input.join("d.txt")).unwrap();
    let o = gongwen(
        &["convert", "-q", "-f", "json-dir", "--skip-existing", "-o"],
        &[&out, &input],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 ok, 0 failed, 3 skipped"), "{err}");
    let mut written = Vec::new();
    collect_json(&out, &mut written);
    assert_eq!(written.len(), 4);
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            collect_json(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn missing_input_is_a_usage_error() {
    let root = scratch("usage");
    let out = root.join("m.jsonl");
    let o = gongwen(&["convert", "-o"], &[&out, Path::new("/no/such/dir")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}
