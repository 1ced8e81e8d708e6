# Sourced by the other scripts: puts the project's tools on PATH.
# wasm-opt comes from npm's binaryen 123 (Debian's 108 breaks hydration).
export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
