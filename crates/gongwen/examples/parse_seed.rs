//! Parses the bundled seed notice N times (first argument, default 1): the
//! workload `scripts/count_instructions.sh` counts instructions of.

fn main() {
    let text = include_str!("../../../fixtures/seed/seed-hans.txt");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let mut measures = 0;
    for _ in 0..n {
        measures += gongwen::parse_str(text).measure_count();
    }
    println!("{measures}");
}
