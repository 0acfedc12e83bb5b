//! The TypeScript types of the request body, generated from the tables: the build step
//! behind `src/wasm/body.d.ts`, which the `.d.ts` of the package includes. A test holds the
//! committed file to what the tables say now (`UPDATE_TYPES=1 cargo test --lib` rewrites
//! it), and CI diffs the whole `.d.ts` against its reference copy.

use super::{shapes, table, Field, Kind, Presence, Shape};
use crate::report::Revision;

/// The interfaces of every shape of every revision: `page`'s under the SDK's model names,
/// `current`'s with the prefix `Current`.
pub(crate) fn body_types() -> String {
    let mut out = String::from("// Generated from the rule tables (src/rules/); do not edit.\n");
    for revision in Revision::ALL {
        for shape in shapes(table(revision)) {
            interface(&mut out, revision, shape);
        }
    }
    out
}

/// The TypeScript name of a shape in a revision.
fn name(revision: Revision, shape: &Shape) -> String {
    match revision {
        Revision::Page => shape.name.to_owned(),
        Revision::Current => format!("Current{}", shape.name),
    }
}

fn interface(out: &mut String, revision: Revision, shape: &Shape) {
    out.push_str(&format!(
        "\n/** `{}` (revision \"{}\"; rule {}). */\nexport interface {} {{\n",
        shape.name,
        revision.as_str(),
        shape.rule,
        name(revision, shape)
    ));
    for f in shape.fields {
        member(out, revision, f);
    }
    out.push_str("}\n");
}

fn member(out: &mut String, revision: Revision, f: &Field) {
    let doc = match f.presence {
        Presence::Deprecated => format!("  /** @deprecated {}: has no effect today; not sent. */\n", f.rule),
        Presence::RequiredUnless(other) => format!("  /** {}: required unless `{other}` is given. */\n", f.rule),
        Presence::Expected => format!("  /** {}: expected (a warning when missing). */\n", f.rule),
        _ => String::new(),
    };
    out.push_str(&doc);
    let ty = match &f.kind {
        Kind::Bool => "boolean".to_owned(),
        Kind::Integer(_) | Kind::Number(..) => "number".to_owned(),
        Kind::Str(..) => "string".to_owned(),
        Kind::Enum(allowed) => allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(" | "),
        Kind::Object(shape) => name(revision, shape),
        Kind::Array(of) => format!("{}[]", name(revision, of.item)),
    };
    if f.presence == Presence::Required {
        out.push_str(&format!("  {}: {ty};\n", f.key));
    } else {
        out.push_str(&format!("  {}?: {ty} | null;\n", f.key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed `body.d.ts` is what the tables generate (rewrite it with
    /// `UPDATE_TYPES=1 cargo test --lib`).
    #[test]
    fn body_types_are_generated_from_the_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wasm/body.d.ts");
        let generated = body_types();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(path, &generated).expect("write body.d.ts");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(committed, generated, "src/wasm/body.d.ts is stale: run UPDATE_TYPES=1 cargo test --lib");
        assert!(generated.contains("export interface CurrentExecuteResourceInstance {\n  resource_id: string;\n"));
        assert!(
            generated.contains("  /** @deprecated I3: has no effect today; not sent. */\n  agent_sn?: string | null;")
        );
        assert!(generated
            .contains("export interface ExecuteResourceInstance {\n  resource_id: string;\n  agent_sn: string;"));
    }
}
