//! What std's prelude gives, taken from `alloc`, for the bare wasm module, which has no
//! std (Cargo.toml's `bare-wasm`). Every file that names one of these starts with
//! `use crate::prelude::*;`; with std, the same names are std's own.

pub(crate) use alloc::borrow::ToOwned;
pub(crate) use alloc::string::{String, ToString};
pub(crate) use alloc::vec;
pub(crate) use alloc::vec::Vec;
