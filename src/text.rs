//! Text written by hand, not by `format!`: decimals, zero-padded fields, `%XX` bytes and
//! doubles as Rust's `Display` writes them. Nothing the wasm module keeps reaches
//! `core::fmt` (issue #16: its formatter, padding and float machinery were about 12 KB of
//! the module); the command line and the tests may still format as they like.

use crate::prelude::*;

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    push_padded(out, n, 1);
}

/// `n` in decimal.
pub(crate) fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// Appends `n` in decimal with at least `width` digits (zeros in front), as `{n:0width$}`.
#[inline(never)]
pub(crate) fn push_padded(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in digits.len() - at..width {
        out.push('0');
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Appends `b` as `%XX`, upper-case hex (`%{b:02X}`).
pub(crate) fn push_percent(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 15)]));
}

/// The pieces one after the other, in one allocation.
pub(crate) fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// Appends a double as Rust's `Display` writes it: its shortest round-trip digits (zmij's),
/// never an exponent (`1e-7` is `0.0000001`, `1e21` is `1000000000000000000000`), no `.0`
/// on a whole number; NaN and the infinities as `Display` names them.
pub(crate) fn push_f64(out: &mut String, x: f64) {
    if x.is_nan() {
        return out.push_str("NaN");
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        return out.push_str("inf");
    }
    let mut buffer = zmij::Buffer::new();
    let shortest = buffer.format(x.abs());
    let (mantissa, exp) = match shortest.split_once('e') {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (shortest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let frac = if frac.bytes().all(|b| b == b'0') { "" } else { frac };
    // The digits without their point, and where the point goes among them.
    let all = concat(&[int, frac]);
    let digits = all.trim_start_matches('0');
    if digits.is_empty() {
        return out.push('0');
    }
    let point = int.len() as i64 + i64::from(exp) - (all.len() - digits.len()) as i64;
    let len = digits.len() as i64;
    if point <= 0 {
        out.push_str("0.");
        (0..-point).for_each(|_| out.push('0'));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        (0..point - len).for_each(|_| out.push('0'));
    } else {
        // `point` is within the digits (ASCII), so the split is at a character boundary.
        let (whole, rest) = digits.split_at_checked(point as usize).unwrap_or((digits, ""));
        out.push_str(whole);
        out.push('.');
        out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn f64_text(x: f64) -> String {
        let mut out = String::new();
        push_f64(&mut out, x);
        out
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1_000, u64::MAX] {
            assert_eq!(decimal(n), format!("{n}"));
            for width in 0..4 {
                let mut out = String::new();
                push_padded(&mut out, n, width);
                assert_eq!(out, format!("{n:0width$}"));
            }
        }
        for b in 0..=255u8 {
            let mut out = String::new();
            push_percent(&mut out, b);
            assert_eq!(out, format!("%{b:02X}"));
        }
        assert_eq!(concat(&["a", "", "bc"]), "abc");
        for x in [0.0, -0.0, 1.0, -1.5, 0.1, 1e-7, 1e21, 1e300, 5e-324, f64::MAX, 123.456, f64::NAN, f64::INFINITY] {
            assert_eq!(f64_text(x), x.to_string(), "{x:e}");
        }
        assert_eq!(f64_text(f64::NEG_INFINITY), "-inf");
    }

    proptest! {
        /// Where two shortest forms read back as the same double, zmij and `Display` may
        /// pick different last digits (-1264951560528928.2 and .3): the same length, each
        /// reading back as `x`.
        #[test]
        fn doubles_are_written_out_shortest(bits in any::<u64>(), n in 0u64..10_000_000, k in 0i32..12) {
            for x in [f64::from_bits(bits), n as f64 / 10f64.powi(k)].into_iter().filter(|x| x.is_finite()) {
                let (ours, display) = (f64_text(x), x.to_string());
                prop_assert!(!ours.contains('e'), "{}", ours);
                prop_assert_eq!(ours.parse::<f64>().ok(), Some(x));
                prop_assert_eq!(ours.len(), display.len(), "{} against {}", ours, display);
            }
        }
    }
}
