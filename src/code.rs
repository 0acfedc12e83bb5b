//! [`Code`]: every issue code any function of this crate can return, as one enum, so that
//! a code without a message (messages.rs matches on it exhaustively) does not compile.
//! Codes are part of the public API (rules.md): serialized as their snake_case names.

use crate::prelude::*;

use core::fmt;

use serde::{Deserialize, Serialize};

/// Defines [`Code`], its snake_case names and [`Code::ALL`] from one list.
macro_rules! codes {
    ($($variant:ident => $name:literal,)*) => {
        /// A stable issue code (rules.md, revisions.md, api.md). Match on this, never on a message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Code {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of rules.md.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The wire name (`"range"`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    Type => "type",
    Required => "required",
    UnknownField => "unknown_field",
    Range => "range",
    Boundary => "boundary",
    DecimalPlaces => "decimal_places",
    Length => "length",
    MustBeRoot => "must_be_root",
    Count => "count",
    Duplicate => "duplicate",
    Charset => "charset",
    ConsecutiveDots => "consecutive_dots",
    Sequence => "sequence",
    TotalHosts => "total_hosts",
    Enum => "enum",
    DuplicateHost => "duplicate_host",
    Syntax => "syntax",
    TooLarge => "too_large",
    Truncated => "truncated",
    Endpoint => "endpoint",
    Capped => "capped",
    Deprecated => "deprecated",
    Mixed => "mixed",
    Credentials => "credentials",
    Date => "date",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_names() {
        for &code in Code::ALL {
            assert_eq!(serde_json::to_value(code).ok(), Some(serde_json::Value::from(code.as_str())));
            assert_eq!(serde_json::from_value::<Code>(code.as_str().into()).ok(), Some(code));
        }
        assert_eq!(Code::UnknownField.to_string(), "unknown_field");
    }
}
