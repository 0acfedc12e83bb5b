//! SHA-256 and HMAC-SHA256 as the signer needs them: sha2's block function (`compress256`,
//! the one part of RustCrypto the crate keeps: the x86 SHA instructions natively, the
//! rolled-up rounds in wasm) with the padding (FIPS 180-4 §5.1.1), the HMAC (RFC 2104)
//! and the hex written here. RustCrypto's `Digest` and `Mac` layers (block buffers,
//! generic arrays, the HMAC state) were most of what signing cost the wasm module.

use crate::prelude::*;

use sha2::compress256;
use sha2::digest::generic_array::GenericArray;

/// SHA-256's initial hash value (FIPS 180-4 §5.3.3).
const H0: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// The block size of SHA-256, in bytes.
const BLOCK: usize = 64;

/// Runs the block function over `bytes`, whose length is a multiple of [`BLOCK`].
fn compress(state: &mut [u32; 8], bytes: &[u8]) {
    for block in bytes.chunks_exact(BLOCK) {
        compress256(state, core::slice::from_ref(GenericArray::from_slice(block)));
    }
}

/// The SHA-256 digest of `parts`, one after the other.
pub(super) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut state = H0;
    let mut block = [0u8; BLOCK];
    let mut held = 0;
    let mut total = 0u64;
    for part in parts {
        total += part.len() as u64;
        let mut rest = *part;
        if held > 0 {
            let (head, tail) = rest.split_at(rest.len().min(BLOCK - held));
            block[held..held + head.len()].copy_from_slice(head);
            held += head.len();
            rest = tail;
            if held < BLOCK {
                continue;
            }
            compress(&mut state, &block);
        }
        let (whole, tail) = rest.split_at(rest.len() - rest.len() % BLOCK);
        compress(&mut state, whole);
        block[..tail.len()].copy_from_slice(tail);
        held = tail.len();
    }
    // A 1 bit, zeros, and the length in bits in the last 8 bytes of a block.
    block[held] = 0x80;
    block[held + 1..].fill(0);
    if held + 1 > BLOCK - 8 {
        compress(&mut state, &block);
        block = [0; BLOCK];
    }
    block[BLOCK - 8..].copy_from_slice(&(total * 8).to_be_bytes());
    compress(&mut state, &block);
    let mut digest = [0u8; 32];
    for (out, word) in digest.chunks_exact_mut(4).zip(state) {
        out.copy_from_slice(&word.to_be_bytes());
    }
    digest
}

/// HMAC-SHA256 of `data` under `key` (of any length: a longer one than a block is hashed).
pub(super) fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut padded = [0u8; BLOCK];
    if key.len() > BLOCK {
        padded[..32].copy_from_slice(&sha256(&[key]));
    } else {
        padded[..key.len()].copy_from_slice(key);
    }
    let xor = |x: u8| padded.map(|b| b ^ x);
    let inner = sha256(&[&xor(0x36), data]);
    sha256(&[&xor(0x5c), &inner])
}

/// `bytes` in lower-case hex.
pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn sha256_of_the_fips_examples() {
        let cases: [(&[u8], &str); 4] = [
            (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (&[b'a'; 1_000_000], "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ];
        for (message, digest) in cases {
            assert_eq!(hex(&sha256(&[message])), digest);
        }
    }

    #[test]
    fn hmac_sha256_of_rfc_4231() {
        let long_key = [0xaa; 131];
        let cases: [(&[u8], &[u8], &str); 5] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (&[0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, mac) in cases {
            assert_eq!(hmac_sha256(key, data), unhex(mac)[..]);
        }
        // A key of exactly one block is used as it is.
        assert_eq!(hex(&hmac_sha256(&[7; 64], b"x")).len(), 64);
    }

    proptest! {
        #[test]
        fn sha256_agrees_with_sha2_however_the_input_is_cut(
            data in prop::collection::vec(any::<u8>(), 0..300),
            cuts in prop::collection::vec(0usize..300, 0..4),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(data.len())).collect();
            cuts.sort_unstable();
            let mut parts = Vec::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([data.len()]) {
                parts.push(&data[from..cut]);
                from = cut;
            }
            prop_assert_eq!(sha256(&parts).to_vec(), Sha256::digest(&data).to_vec());
        }

        #[test]
        fn hex_is_two_lower_case_digits_a_byte(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(hex(&bytes), expected);
        }
    }
}
