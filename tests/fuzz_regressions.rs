//! Replays the fuzz regression corpus: every file under
//! `fixtures/fuzz-regressions/<target>/` goes through the entry point of
//! the fuzz target it was found with (`fuzz/src/targets.rs`, included here
//! so the test and the fuzzers cannot drift apart) and must end in a notice
//! or a typed error, without a panic and within a time bound. As under
//! libFuzzer, a panic counts even when gongwen catches it (the spreadsheet
//! reader turns calamine's panics into errors): a panic hook records it.
//! See `fuzz/README.md` for how the files were found.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};

use gongwen_tests::fixture;

#[path = "../fuzz/src/targets.rs"]
mod targets;

/// Wall-clock bound on one input (debug build, so generous).
const BOUND: Duration = Duration::from_secs(2);

/// Panics seen by the hook, caught or not.
static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Held by each test that runs inputs, so one test's expected panics are
/// not counted by another running at the same time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Counts every panic (then prints it as usual).
fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

/// Every regression file, with its target (the folder it is in).
fn regression_files() -> Vec<(String, PathBuf)> {
    let root = fixture("fuzz-regressions");
    let mut files = Vec::new();
    let dirs = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|d| d.expect("directory entry").path())
        .filter(|p| p.is_dir());
    for dir in dirs {
        let target = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 folder name")
            .to_owned();
        for entry in std::fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("directory entry").path();
            if path.is_file() {
                files.push((target.clone(), path));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_regression_corpus_is_not_empty_and_names_known_targets() {
    let files = regression_files();
    assert!(
        files.len() >= 5,
        "fixtures/fuzz-regressions/ holds {} files; the test would check next to nothing",
        files.len()
    );
    for (target, path) in &files {
        assert!(
            targets::TARGETS.contains(&target.as_str()),
            "{}: folder {target:?} is not a fuzz target ({:?})",
            path.display(),
            targets::TARGETS
        );
    }
}

#[test]
fn every_regression_input_ends_in_a_result_without_panic_in_bounded_time() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let files = regression_files();
    assert!(!files.is_empty(), "no regression files");
    count_panics();
    let mut failures = Vec::new();
    for (target, path) in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let panics = PANICS.load(Ordering::SeqCst);
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| targets::run(target, &data)));
        let took = start.elapsed();
        let name = path.display();
        if PANICS.load(Ordering::SeqCst) != panics {
            failures.push(format!("{name}: panicked (the panic may have been caught)"));
        }
        match outcome {
            Err(_) => failures.push(format!("{name}: panicked")),
            Ok(None) => failures.push(format!("{name}: unknown target {target}")),
            // A typed error must say what and where: its kind is stable.
            Ok(Some(Err(e))) => {
                assert!(!e.kind().is_empty(), "{name}: {e}");
            }
            Ok(Some(Ok(()))) => {}
        }
        if took > BOUND {
            failures.push(format!("{name}: took {took:?} (bound {BOUND:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The known calamine overflows found by `xlsx_sheet_xml`
/// (`fuzz/known-issues/xlsx_sheet_xml/`, see `fuzz/README.md`): in this
/// debug build calamine's cell-reference arithmetic panics on them, and the
/// spreadsheet reader's guard must turn that into a typed `corrupt` error —
/// never a crash, never a notice built from wrapped numbers.
#[test]
fn known_calamine_overflows_end_in_a_corrupt_error() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = fixture("../fuzz/known-issues/xlsx_sheet_xml");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = catch_unwind(AssertUnwindSafe(|| targets::run("xlsx_sheet_xml", &data)));
        match outcome {
            Ok(Some(Err(e))) => assert_eq!(e.kind(), "corrupt", "{}: {e}", path.display()),
            Ok(Some(Ok(()))) => {} // a release-like build without overflow checks wraps
            other => panic!("{}: {other:?}", path.display()),
        }
        seen += 1;
    }
    assert!(seen >= 2, "expected the known inputs in {}", dir.display());
}
