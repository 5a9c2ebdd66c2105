//! Criterion benchmark: parse the seed notice text.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn parse_seed(c: &mut Criterion) {
    let text = include_str!("../../../fixtures/seed/seed-hans.txt");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("seed_text", |b| b.iter(|| gongwen::parse_str(text)));
    for (name, bytes) in [
        (
            "seed_docx",
            &include_bytes!("../../../fixtures/seed/seed.docx")[..],
        ),
        (
            "seed_xlsx",
            &include_bytes!("../../../fixtures/seed/seed.xlsx")[..],
        ),
    ] {
        let path = std::path::Path::new(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| b.iter(|| gongwen::parse_bytes(bytes, path)));
    }
    group.finish();
    // The layers on their own, to see where parse time goes.
    let mut group = c.benchmark_group("layers");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read_text", |b| {
        b.iter(|| gongwen::read::text::read_text(text))
    });
    let units = "法规处、省局机关各处(室、局),省市场监管质量安全检查中心";
    group.bench_function("deadline_of_units_text", |b| {
        b.iter(|| gongwen::grammar::deadline::parse_deadline(units, Some(2024)))
    });
    group.bench_function("deadline", |b| {
        b.iter(|| {
            gongwen::grammar::deadline::parse_deadline("2024年12月前完成,并长期坚持", Some(2024))
        })
    });
    group.bench_function("parse_units", |b| {
        b.iter(|| gongwen::grammar::units::parse_units(units, None))
    });
    group.bench_function("looks_like_units", |b| {
        b.iter(|| gongwen::grammar::units::looks_like_units(units))
    });
    group.bench_function("detect_script", |b| {
        b.iter(|| gongwen::normalize::detect_script(text))
    });
    group.finish();
}

criterion_group!(benches, parse_seed);
criterion_main!(benches);
