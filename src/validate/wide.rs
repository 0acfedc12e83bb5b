//! Sixteen bytes at a time, where the module has WebAssembly SIMD (`.cargo/config.toml`):
//! the shared steps of the scanner's string runs (scan.rs) and the S5 screen
//! (rules/checks.rs). Safe code throughout: LLVM makes one `v128.load` of the sixteen
//! bytes that [`load`] names one by one.

use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_shr, u8x16_splat, u8x16_swizzle, v128, v128_and};

/// Where a screen stops, from `at`: the first byte whose bit `hits` sets in its chunk, or
/// the first byte past the last whole sixteen, where a search byte by byte takes over
/// (and, at a hit, stops at once).
pub(crate) fn run(bytes: &[u8], mut at: usize, hits: impl Fn(v128) -> u16) -> usize {
    while let Some(chunk) = bytes.get(at..at + 16).and_then(|c| <&[u8; 16]>::try_from(c).ok()) {
        let found = hits(load(chunk));
        if found != 0 {
            return at + found.trailing_zeros() as usize;
        }
        at += 16;
    }
    at
}

/// Sixteen bytes as one vector.
pub(crate) fn load(b: &[u8; 16]) -> v128 {
    u8x16(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
}

/// A bit per byte of `x` (lowest first) that is outside the set whose nibble tables are
/// `low` and `high` (rules/checks.rs `ByteSet`): in it when `low[b & 15] & high[b >> 4]`
/// is not zero.
pub(crate) fn lookup(x: v128, low: v128, high: v128) -> u16 {
    let columns = u8x16_swizzle(low, v128_and(x, u8x16_splat(0x0f)));
    let rows = u8x16_swizzle(high, u8x16_shr(x, 4));
    u8x16_bitmask(u8x16_eq(v128_and(columns, rows), u8x16_splat(0)))
}
