//! Criterion benchmark: parse time against input size. The seed notice's
//! task table is repeated 1, 10, 100, 400 and 1000 times (0.025, 0.25, 2.5,
//! 10 and 25 MB) under the seed's own front matter and header, and each text is
//! parsed with [`gongwen::parse_str`]; criterion reports the throughput
//! (MiB/s), which stays flat when parse time grows linearly with the input.
//! (Expect a step down once the parsed notice outgrows the CPU caches,
//! somewhere between 100 and 1000 copies, and flat throughput again after.)
//!
//! Each copy of the table body keeps its labels (`一、` … `七、`, `1.` … `28.`,
//! `(1)` … `(59)`): a full renumbering cannot be written, as labels have at
//! most three digits or four Chinese numerals, so copies 100 and up could not
//! be numbered on. Every copy is read as the seed is (59 measures under 7
//! sections each); the only difference from one long notice is one
//! `numbering_repeat` diagnostic where each copy starts again at `一、`.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The seed's text with its table body (from the first section row on)
/// repeated `copies` times.
pub fn repeated_seed(copies: usize) -> String {
    let seed = include_str!("../../../fixtures/seed/seed-hans.txt");
    let start = seed.find("\n一、").map_or(0, |i| i + 1);
    let (front, body) = seed.split_at(start);
    let mut body = body.to_owned();
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let mut text = String::with_capacity(front.len() + body.len() * copies);
    text.push_str(front);
    for _ in 0..copies {
        text.push_str(&body);
    }
    text
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    // `cargo test --all-targets` runs each benchmark once, unoptimized:
    // the small sizes are enough there.
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if benching {
        &[1, 10, 100, 400, 1000]
    } else {
        &[1, 10]
    };
    for &copies in sizes {
        let text = repeated_seed(copies);
        // The copies are read as the seed is.
        let n = gongwen::parse_str(&text);
        assert_eq!(n.measure_count(), 59 * copies, "{copies} copies");
        assert_eq!(n.outline.len(), 7 * copies);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("seed_text", copies), &text, |b, text| {
            b.iter(|| gongwen::parse_str(text))
        });
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
