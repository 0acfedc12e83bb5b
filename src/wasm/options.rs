//! Options read from their JSON value member by member, by hand (issue #16): the core's
//! option types keep their serde derives for native users and the command line, but the
//! module never reaches them, so their visitors leave it, and so do serde's error texts,
//! which print the float they could not read with core's `f64` `Display`.
//!
//! What serde read, these read alike: an absent or `null` member is the default, a member
//! the type does not know is ignored (no type denies unknown fields). Where a member cannot
//! be read, the refusal names it and says what it must be, and never quotes the value (a
//! request option may be a secret). Unlike serde, an array is never read as the members
//! in order, nor an enum as a one-member object.

use crate::prelude::*;

use serde_json::{Map, Value};

use crate::messages::Locale;
use crate::report::{Options, Revision};
use crate::request::ScriptSource;
use crate::sign::Credentials;
use crate::RequestOptions;

/// Why options cannot be read: the `TypeError`'s message.
pub(super) type Refusal = &'static str;

/// `Options` (`locale`, `revision`) of `build_batches` and `read_hosts`.
pub(super) fn options(value: &Value) -> Result<Options, Refusal> {
    let members = object(value)?;
    Ok(Options { locale: locale(members)?, revision: revision(members)? })
}

/// `RequestOptions` of every call that builds a request (the clock's `date` aside).
pub(super) fn request_options(value: &Value) -> Result<RequestOptions, Refusal> {
    let members = object(value)?;
    Ok(RequestOptions {
        endpoint: string(members, "endpoint", "options: endpoint must be a string")?,
        token: string(members, "token", "options: token must be a string")?,
        credentials: credentials(members)?,
        date: string(members, "date", "options: date must be a string")?,
        locale: locale(members)?,
        revision: revision(members)?,
        project_id: string(members, "project_id", "options: project_id must be a string")?,
        script_source: one_of(
            members,
            "script_source",
            &[("custom", ScriptSource::Custom), ("public", ScriptSource::Public)],
            "options: script_source must be \"custom\" or \"public\"",
        )?,
    })
}

/// `options.locale`, or `"en"` when it is absent; what else it is does not matter.
pub(super) fn locale_or_default(value: &Value) -> Locale {
    object(value).ok().and_then(|members| locale(members).ok()).unwrap_or_default()
}

fn object(value: &Value) -> Result<&Map<String, Value>, Refusal> {
    value.as_object().ok_or("options must be an object")
}

fn locale(members: &Map<String, Value>) -> Result<Locale, Refusal> {
    let locales = [("en", Locale::En), ("zh-CN", Locale::ZhCn)];
    one_of(members, "locale", &locales, "options: locale must be \"en\" or \"zh-CN\"")
}

fn revision(members: &Map<String, Value>) -> Result<Revision, Refusal> {
    let revisions = Revision::ALL.map(|r| (r.as_str(), r));
    one_of(members, "revision", &revisions, "options: revision must be \"page\" or \"current\"")
}

/// `credentials`: `{ak, sk, project_id?, security_token?}`, `ak` and `sk` required.
fn credentials(members: &Map<String, Value>) -> Result<Option<Credentials>, Refusal> {
    let Some(value) = member(members, "credentials") else { return Ok(None) };
    let members = value.as_object().ok_or("options: credentials must be an object")?;
    let required = |name, refusal| string(members, name, refusal)?.ok_or(refusal);
    Ok(Some(Credentials {
        ak: required("ak", "options: credentials.ak must be a string")?,
        sk: required("sk", "options: credentials.sk must be a string")?,
        project_id: string(members, "project_id", "options: credentials.project_id must be a string")?,
        security_token: string(members, "security_token", "options: credentials.security_token must be a string")?,
    }))
}

/// A member, `null` counting as absent.
fn member<'v>(members: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    members.get(name).filter(|value| !value.is_null())
}

/// A string member: absent is `None`; any other type is `refusal`.
fn string(members: &Map<String, Value>, name: &str, refusal: Refusal) -> Result<Option<String>, Refusal> {
    match member(members, name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(refusal),
    }
}

/// A member that is one of `choices`' ids: absent is the default; anything else is `refusal`.
fn one_of<T: Copy + Default>(
    members: &Map<String, Value>,
    name: &str,
    choices: &[(&str, T)],
    refusal: Refusal,
) -> Result<T, Refusal> {
    let Some(value) = member(members, name) else { return Ok(T::default()) };
    let id = value.as_str().ok_or(refusal)?;
    choices.iter().find(|(choice, _)| *choice == id).map(|&(_, chosen)| chosen).ok_or(refusal)
}
