//! The seed data (server/seed) is compiled in with `include_dir!`, which does not tell cargo
//! about files added to those folders; this does, so a new form or agency file is picked up
//! by the next build without touching any Rust source.
fn main() {
    println!("cargo:rerun-if-changed=seed");
}
