//! The rules as data: one declarative table per revision (page.rs, current.rs), read by
//! one walk (validate/walk.rs) that holds no rule of its own. The same tables give the
//! JSON Schema (schema.rs), the revision's numbers (limits.rs), the TypeScript types of
//! the body (typescript.rs), the known keys of B4 and the body text `build_request` posts
//! (write.rs).
//!
//! A [`Field`] says everything about one member of an object: its wire key, its rule id,
//! whether it must be there ([`Presence`]), its JSON type and bounds ([`Kind`], numbers
//! from limits.rs), and its extra checks (plain functions in checks.rs, each with its
//! severity). Rules over several items of one array (S3, S8, E2, E5, I10) or over every
//! host of a body (I6, I9) are the short second list, [`Cross`], on the array.

use crate::prelude::*;

pub(crate) mod checks;
pub(crate) mod current;
mod page;
#[cfg(test)]
mod typescript;
pub(crate) mod write;

use crate::code::Code;
use crate::report::{Revision, Severity};
use crate::validate::node::Node;
use checks::Finding;

/// The table of a revision: the shape of a whole body.
pub(crate) fn table(revision: Revision) -> &'static Shape {
    match revision {
        Revision::Page => &page::BODY,
        Revision::Current => &current::BODY,
    }
}

/// The shape of a host in a revision (what `build_batches` judges at `/hosts/k`).
pub(crate) fn host(revision: Revision) -> &'static ArrayOf {
    match revision {
        Revision::Page => &page::TARGET_INSTANCES,
        Revision::Current => &current::TARGET_INSTANCES,
    }
}

/// An object: its fields in the order they are judged and posted (the page's order; in
/// `current`, the SDK's order once the deprecated fields are left out).
pub(crate) struct Shape {
    /// The SDK's model name (the schema's `$defs` key, the TypeScript interface).
    pub(crate) name: &'static str,
    /// The rule that the value is an object at all (B1, S1, E3, I1, ...).
    pub(crate) rule: &'static str,
    pub(crate) fields: &'static [Field],
}

impl Shape {
    /// The field with this wire key.
    #[inline]
    pub(crate) fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether `key` is a documented member (B4 reports the rest).
    pub(crate) fn knows(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }
}

/// One member of an object.
pub(crate) struct Field {
    /// The wire key.
    pub(crate) key: &'static str,
    /// The rule of rules.md / revisions.md that judges its presence and type.
    pub(crate) rule: &'static str,
    pub(crate) presence: Presence,
    pub(crate) kind: Kind,
    /// Checks run on a value of the right type, in order, after its bounds.
    pub(crate) checks: &'static [Check],
}

/// Whether a member must be there. A member that is `null` is missing (rules.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Missing is a `required` error.
    Required,
    /// Missing is a `required` warning (P1 on the page: Mandatory in the table, absent
    /// from the example).
    Expected,
    /// May be missing.
    Optional,
    /// May be missing; when present it is judged by its kind, reported as `deprecated`
    /// (a warning), and never posted: the service ignores it (revisions.md).
    Deprecated,
    /// Required, but may be missing or empty when this sibling is present (S4 under
    /// `current`: a `param_value` may be left out when `param_refer` gives it).
    RequiredUnless(&'static str),
}

/// A member's JSON type and bounds.
pub(crate) enum Kind {
    /// `true` or `false`.
    Bool,
    /// A JSON number with a whole value (`300.0` is 300), within the bounds when given.
    Integer(Option<(u64, u64)>),
    /// A finite JSON number within the bounds.
    Number(f64, f64),
    /// A string of `min` to `max` characters (no maximum when `None`).
    Str(usize, Option<usize>),
    /// A string, exactly one of these.
    Enum(&'static [&'static str]),
    /// An object of this shape.
    Object(&'static Shape),
    /// An array of objects.
    Array(&'static ArrayOf),
}

/// An array of objects of one shape.
pub(crate) struct ArrayOf {
    /// The rule that counts its items.
    pub(crate) count_rule: &'static str,
    /// Fewest items.
    pub(crate) min: usize,
    /// Most items.
    pub(crate) max: usize,
    pub(crate) item: &'static Shape,
    /// Rules over several items, or over every item of this shape in the body.
    pub(crate) cross: &'static [Cross],
}

/// A check on one value of the right type: a plain function of rules.md, with its severity.
pub(crate) struct Check {
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    pub(crate) test: Test,
    /// What a JSON Schema can say of it, if anything (only error checks are stated).
    pub(crate) schema: Option<SchemaHint>,
    /// What it asks, for the schema's description of what it leaves to `validate`.
    pub(crate) doc: &'static str,
}

/// The function of a [`Check`], by the type it reads.
pub(crate) enum Test {
    /// A string check.
    Str(fn(&str) -> Option<Finding>),
    /// A number check, given the value and the number as sent (for `actual`).
    Num(fn(f64, &Node<'_>) -> Option<Finding>),
}

/// A check a JSON Schema states exactly.
#[derive(Clone, Copy)]
pub(crate) enum SchemaHint {
    /// The value is this string (`const`).
    Const(&'static str),
    /// The value matches the ECMA-262 pattern of S5 and S6: characters this predicate
    /// allows, no two dots in a row. The predicate is the check's own (the wasm module
    /// holds it anyway), so the module keeps none of the pattern's writer.
    Pattern(fn(char) -> bool),
    /// Stated by another check's pattern on the same field.
    InPattern,
}

/// A rule over the items of one array, or over every item of its shape in a body.
pub(crate) enum Cross {
    /// The string member `key` is unique among the array's items (case-sensitive):
    /// `duplicate` (value, first) on every later copy (S3, I10).
    Unique { rule: &'static str, key: &'static str },
    /// The Integer members `key` that pass their range are exactly 1..n: `duplicate` or
    /// `sequence` (S8, E5).
    Sequence { rule: &'static str, key: &'static str, min: u64, max: u64 },
    /// Items of the array member `key`, summed over the items, at most `max`: `total_hosts`
    /// at the array (E2).
    Total { rule: &'static str, key: &'static str, max: usize },
    /// The string member `key` is unique across the whole body: `code` (value, first)
    /// with `severity` on every later copy (I6).
    BodyUnique { rule: &'static str, key: &'static str, code: Code, severity: Severity },
    /// The member `key` (its `default` when missing) is the same on every item of the body
    /// as on the first: `mixed` (field, value, first) on each that differs (I9).
    BodySame { rule: &'static str, key: &'static str, default: &'static str },
}

impl Cross {
    /// The member of each item it judges, if it judges one (E2 judges the array).
    #[inline]
    pub(crate) fn key(&self) -> Option<&'static str> {
        match self {
            Cross::Unique { key, .. }
            | Cross::Sequence { key, .. }
            | Cross::BodyUnique { key, .. }
            | Cross::BodySame { key, .. } => Some(key),
            Cross::Total { .. } => None,
        }
    }

    /// The rule id.
    pub(crate) fn rule(&self) -> &'static str {
        match self {
            Cross::Unique { rule, .. }
            | Cross::Sequence { rule, .. }
            | Cross::Total { rule, .. }
            | Cross::BodyUnique { rule, .. }
            | Cross::BodySame { rule, .. } => rule,
        }
    }
}

/// Every shape of a table once, depth first, parents before their children.
pub(crate) fn shapes(root: &'static Shape) -> Vec<&'static Shape> {
    fn visit(shape: &'static Shape, out: &mut Vec<&'static Shape>) {
        if out.iter().any(|o| core::ptr::eq(*o, shape)) {
            return;
        }
        out.push(shape);
        for f in shape.fields {
            match &f.kind {
                Kind::Object(s) => visit(s, out),
                Kind::Array(a) => visit(a.item, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    visit(root, &mut out);
    out
}

/// The field at a path of wire keys from the body (`["execute_param", "timeout"]`),
/// arrays stepped through to their items.
pub(crate) fn field_at(revision: Revision, path: &[&str]) -> Option<&'static Field> {
    let mut shape = table(revision);
    let (last, parents) = path.split_last()?;
    for key in parents {
        shape = match shape.field(key)?.kind {
            Kind::Object(s) => s,
            Kind::Array(a) => a.item,
            _ => return None,
        };
    }
    shape.field(last)
}

/// Every rule id the table of `revision` judges a body by, in table order, each once
/// (the input limits R-SYNTAX, R-SIZE and R-LIMIT hold in every revision and are not in it).
pub fn rule_ids(revision: Revision) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    let mut add = |id: &'static str| {
        if !ids.contains(&id) {
            ids.push(id);
        }
    };
    for shape in shapes(table(revision)) {
        add(shape.rule);
        for f in shape.fields {
            add(f.rule);
            f.checks.iter().for_each(|c| add(c.rule));
            if let Kind::Array(a) = &f.kind {
                add(a.count_rule);
                a.cross.iter().for_each(|c| add(c.rule()));
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's table names every rule id of rules.md's body tables; current's adds
    /// S9 and I7-I10 and drops S8 (revisions.md: "not judged").
    #[test]
    fn tables_name_their_rules() {
        let page = rule_ids(Revision::Page);
        for id in ["B1", "B2", "B3", "P1", "P7", "S1", "S8", "E1", "E2", "E7", "I1", "I6"] {
            assert!(page.contains(&id), "{id} in {page:?}");
        }
        let current = rule_ids(Revision::Current);
        for id in ["S9", "I7", "I8", "I9", "I10"] {
            assert!(current.contains(&id) && !page.contains(&id), "{id}");
        }
        assert!(!current.contains(&"S8"));
    }

    /// The walk keeps a bit per field of a shape (walk.rs, `Item::keyed`).
    #[test]
    fn no_shape_has_more_than_64_fields() {
        for revision in Revision::ALL {
            assert!(shapes(table(revision)).iter().all(|s| s.fields.len() <= 64));
        }
    }

    #[test]
    fn fields_are_found_by_path() {
        let f = field_at(Revision::Current, &["execute_param", "script_params", "param_value"]);
        assert!(matches!(f.map(|f| &f.kind), Some(Kind::Str(1, Some(4096)))));
        assert!(field_at(Revision::Page, &["execute_param", "nope"]).is_none());
        assert!(field_at(Revision::Page, &["execute_param", "timeout", "x"]).is_none());
        assert!(field_at(Revision::Page, &[]).is_none());
    }
}
