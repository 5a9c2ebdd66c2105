//! The `gongwen` command.

fn main() {
    println!("gongwen");
}
