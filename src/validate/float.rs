//! Decimal text to the nearest double, ties to even: the reader's numbers (scan.rs).
//!
//! Why not core's `str::parse::<f64>`: it is exact and fast, but its Eisel-Lemire tables of
//! powers of five are 19 KB of the wasm module that gzip cannot shrink (10.7 KB gzipped),
//! and a request body holds a handful of numbers, nearly all short. So: Clinger's fast
//! path (a significand below 2^53 and a power of ten below 10^23 are both exact doubles,
//! so one multiplication or division rounds once), and otherwise exact big-integer
//! arithmetic, which is slow but small. Digits past the 800th only decide the rounding
//! (a double needs at most 767 significant digits), so they are kept as one sticky digit:
//! hostile numbers cost a bounded amount each. The tests hold it to core's reading.

use crate::prelude::*;

/// Significant digits kept before the rest become one sticky digit (more than the 767 a
/// double's exact decimal value can have).
const KEPT_DIGITS: usize = 800;

/// Whether `x` is a finite whole number (`x.fract() == 0.0`, which needs std): every
/// double of magnitude 2^52 or more is whole, and below that one converts to `i64` exactly
/// when it is.
pub(crate) fn is_whole(x: f64) -> bool {
    x.is_finite() && (x.abs() >= TWO_TO_52 || x as i64 as f64 == x)
}

/// 2^52: the doubles from here up have no fraction bits.
const TWO_TO_52: f64 = 4_503_599_627_370_496.0;

/// The nearest double to `0.d₁d₂… × 10^exp10`, given the number's text as JSON writes it
/// (`-?int(.frac)?([eE][+-]?exp)?`, already checked); `None` when it is past `f64::MAX`.
pub(crate) fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let body = &bytes[usize::from(negative)..];
    let (mantissa, exponent) = match body.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&body[..i], exponent(&body[i + 1..])),
        None => (body, 0),
    };
    // The digits without the point; the point moves the exponent.
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, &mantissa[..0]),
    };
    let digits: Vec<u8> = int.iter().chain(frac).copied().skip_while(|&b| b == b'0').collect();
    let mut exp10 = exponent.saturating_sub(frac.len() as i64);
    let magnitude = if digits.is_empty() {
        0.0
    } else {
        let mut kept = digits;
        if kept.len() > KEPT_DIGITS {
            let sticky = kept[KEPT_DIGITS..].iter().any(|&b| b != b'0');
            exp10 = exp10.saturating_add((kept.len() - KEPT_DIGITS) as i64);
            kept.truncate(KEPT_DIGITS);
            if sticky {
                kept.push(b'1');
                exp10 = exp10.saturating_sub(1);
            }
        }
        nearest(&kept, exp10)?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// An exponent's digits (with their sign) as a number, saturating far past any double.
fn exponent(text: &[u8]) -> i64 {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits.iter().fold(0i64, |e, &d| (e * 10 + i64::from(d - b'0')).min(1 << 40));
    if negative {
        -value
    } else {
        value
    }
}

/// The nearest double to the integer `digits` (no leading zero) times `10^exp10`.
fn nearest(digits: &[u8], exp10: i64) -> Option<f64> {
    // Clinger's fast path.
    if digits.len() <= 15 && exp10.abs() <= 22 {
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d - b'0')) as f64;
        let p = POW10[exp10.unsigned_abs() as usize];
        return Some(if exp10 >= 0 { w * p } else { w / p });
    }
    // Beyond these the value is past f64::MAX, or below half the smallest subnormal.
    let magnitude = digits.len() as i64 + exp10; // value < 10^magnitude
    if magnitude > 310 {
        return None;
    }
    if magnitude < -330 {
        return Some(0.0);
    }
    let d = Big::from_digits(digits);
    if exp10 >= 0 {
        let n = d.mul_pow10(exp10 as u32);
        round(&n, 0, false)
    } else {
        // value = d / 10^-exp10 = q × 2^-s, q = ⌊d·2^s / 10^-exp10⌋ of 57 or 58 bits (so the
        // rounding bit is among them), the remainder a sticky bit.
        let f = Big::one().mul_pow10(exp10.unsigned_abs() as u32);
        let s = 57 + i64::from(f.bits()) - i64::from(d.bits());
        let (num, den) = if s >= 0 { (d.shl(s as u32), f) } else { (d, f.shl((-s) as u32)) };
        let (q, exact) = num.div_small_quotient(&den, 58);
        round(&Big::from_u64(q), -s, !exact)
    }
}

/// `n × 2^shift` (plus a little more when `sticky`) rounded to the nearest double, ties to even.
fn round(n: &Big, shift: i64, sticky: bool) -> Option<f64> {
    let bits = n.bits() as i64;
    if bits == 0 {
        return Some(0.0);
    }
    // The binary exponent of the leading bit, and how many low bits of `n` the double drops.
    let top = bits - 1 + shift;
    let mut drop = bits - 53;
    if top < -1022 {
        drop += -1022 - top; // a subnormal keeps fewer bits
    }
    let (mut mantissa, half, below) = if drop <= 0 {
        (n.low_u64() << (-drop) as u32, false, false)
    } else {
        let drop = drop as u32;
        (n.bits_from(drop), n.bit(drop - 1), sticky || n.any_below(drop - 1))
    };
    // (With 53 bits or fewer, `n` is exact: the callers give a sticky only with more.)
    if half && (below || mantissa & 1 == 1) {
        mantissa += 1;
    }
    // The double's exponent (a subnormal's is -1022); a carry out of 53 bits moves it up.
    let mut exp = top.max(-1022);
    if mantissa >= 1 << 53 {
        mantissa >>= 1;
        exp += 1;
    }
    if mantissa < 1 << 52 {
        // A subnormal (or zero): its bits are the mantissa itself; a carry into bit 52
        // makes it the smallest normal, which the same bits also say.
        return Some(f64::from_bits(mantissa));
    }
    if exp > 1023 {
        return None;
    }
    Some(f64::from_bits((((exp + 1023) as u64) << 52) | (mantissa & ((1 << 52) - 1))))
}

/// The exact powers of ten a double holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A non-negative integer of 32-bit limbs, least significant first, no zero limb on top.
#[derive(Clone, Debug, PartialEq)]
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
            b.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self = self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(mut self, mut e: u32) -> Big {
        while e > 0 {
            let step = e.min(9);
            self.mul_add(10u32.pow(step), 0);
            e -= step;
        }
        self
    }

    fn shl(&self, bits: u32) -> Big {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &limb in &self.0 {
            out.push(if bits == 0 { limb } else { (limb << bits) | carry });
            carry = if bits == 0 { 0 } else { limb >> (32 - bits) };
        }
        out.push(carry);
        let mut b = Big(out);
        b.trim();
        b
    }

    fn bits(&self) -> u32 {
        self.0.last().map_or(0, |top| 32 * (self.0.len() as u32 - 1) + (32 - top.leading_zeros()))
    }

    fn bit(&self, i: u32) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }

    /// Any bit set below bit `i`.
    fn any_below(&self, i: u32) -> bool {
        let (whole, rest) = ((i / 32) as usize, i % 32);
        self.0.iter().take(whole).any(|&l| l != 0)
            || (rest > 0 && self.0.get(whole).is_some_and(|&l| l & ((1 << rest) - 1) != 0))
    }

    /// The bits from bit `i` up, as a u64 (the caller asks for at most 54 of them).
    fn bits_from(&self, i: u32) -> u64 {
        (i..self.bits()).rev().fold(0u64, |v, b| (v << 1) | u64::from(self.bit(b)))
    }

    fn low_u64(&self) -> u64 {
        self.0.iter().take(2).rev().fold(0u64, |v, &l| (v << 32) | u64::from(l))
    }

    /// `self / d` when the quotient is below `2^bits` (at most 63), and whether it is exact:
    /// restoring division, one quotient bit at a time.
    fn div_small_quotient(&self, d: &Big, bits: u32) -> (u64, bool) {
        let mut rest = self.clone();
        let mut q = 0u64;
        for i in (0..bits).rev() {
            let shifted = d.shl(i);
            if rest.ge(&shifted) {
                rest.sub(&shifted);
                q |= 1 << i;
            }
        }
        (q, rest.0.is_empty())
    }

    fn ge(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// `self -= other` (`self >= other`).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
        self.trim();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_core(text: &str) {
        let core: f64 = text.parse().unwrap();
        let ours = parse(text);
        if core.is_infinite() {
            assert_eq!(ours, None, "{text}");
        } else {
            assert_eq!(ours.map(f64::to_bits), Some(core.to_bits()), "{text}: ours {ours:?}, core {core}");
        }
    }

    #[test]
    fn corners() {
        for text in [
            "0",
            "-0",
            "0.0",
            "1",
            "1.5",
            "99.9",
            "300.0",
            "1e22",
            "1e23",
            "9007199254740993",
            "123456789012345678",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-324",
            "5e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "1e-400",
            "0e99999",
            "1e-99999",
            "4.4501477170144023e-308",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "0.000000000000000000000000000000000000000000001",
            "1797693134862315708145274237317043567981e269",
            "1797693134862315708145274237317043567980e269",
            "179769313486231580793728971405301e276",
        ] {
            same_as_core(text);
        }
    }

    #[test]
    fn whole_as_std_reads_it() {
        let edges =
            [0.0, -0.0, 0.5, -0.5, 1.0, 300.0, 2f64.powi(52) - 0.5, 2f64.powi(52), 2f64.powi(53) + 2.0, 9.3e18, 1e300];
        for x in edges.into_iter().chain([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, f64::MAX]) {
            for x in [x, -x] {
                assert_eq!(is_whole(x), x.is_finite() && x.fract() == 0.0, "{x:e}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn whole_as_std_reads_any_double(bits: u64) {
            let x = f64::from_bits(bits);
            proptest::prop_assert_eq!(is_whole(x), x.is_finite() && x.fract() == 0.0);
        }

        #[test]
        fn any_double_written_any_way(x in proptest::num::f64::POSITIVE | proptest::num::f64::NEGATIVE | proptest::num::f64::SUBNORMAL, digits in 1usize..40) {
            for text in [format!("{x:e}"), format!("{x:.digits$e}"), format!("{x}"), format!("{:.1$}", x, digits.min(30))] {
                same_as_core(&text);
            }
        }

        #[test]
        fn any_digits_any_exponent(
            int in "[0-9]{1,30}", frac in "[0-9]{0,30}", exp in -360i32..330, sign in proptest::bool::ANY
        ) {
            let int = int.trim_start_matches('0');
            let int = if int.is_empty() { "0" } else { int };
            let text = format!("{}{int}{}{frac}e{exp}", if sign { "-" } else { "" }, if frac.is_empty() { "" } else { "." });
            let text = text.replace(".e", "e");
            same_as_core(&text);
        }

        #[test]
        fn long_digit_strings(digits in "[1-9][0-9]{700,900}", exp in -1200i32..-300) {
            same_as_core(&format!("{digits}e{exp}"));
            same_as_core(&format!("0.{digits}e{}", exp + 320));
        }
    }
}
