//! Criterion benchmark: parse the seed notice text.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn parse_seed(c: &mut Criterion) {
    let text = include_str!("../../../fixtures/seed/seed-hans.txt");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("seed_text", |b| b.iter(|| gongwen::parse_str(text)));
    group.finish();
}

criterion_group!(benches, parse_seed);
criterion_main!(benches);
