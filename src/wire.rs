//! The binary files the page fetches (the edition, `story::Edition`, and the base map,
//! `maps::Geo`): a four-byte magic naming what the file is and its layout, this build's stamp,
//! then the value in postcard (serde's data model as varints and length-prefixed bytes, fields in
//! declaration order, no names). The page decodes them without a JSON parser, and they are
//! smaller than JSON.
//!
//! Postcard is not self-describing, so its files need two things JSON did not: serde's
//! internally tagged and untagged enums, `flatten` and `skip_serializing_if` cannot be written
//! in it (`graphic::Spec` is read from the content in one shape and written here in another),
//! and a file from other code would read as nonsense rather than fail, hence the stamp.
//!
//! Data compiled into the wasm (the gazetteer, the insets' figures) uses the same layout without
//! the stamp (`read_compiled`): build.rs writes it from the same types in the same build, so it
//! cannot be stale; the magic still says which file it is.

use serde::de::DeserializeOwned;

/// The build a file belongs to: 8 hex digits of a hash of `src/` (build.rs). The page and its
/// files are built together; a stale copy of a file (a cache, a half-finished upload) is refused
/// by name rather than read with another layout.
const STAMP: &str = env!("WIRE_STAMP");

/// Why a file cannot be read as the kind of file it should be. `Display` says it in English
/// (native tools, tests); the page says each in the reader's language (`file_*` words in `[ui]`,
/// `web::load`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unreadable {
    /// Not a file of its kind (`what`: "an edition file"): it does not begin with `magic`.
    Foreign { what: &'static str, magic: [u8; 4] },
    /// Written by another build of the page: a stale copy in a cache, after a new deploy. The one
    /// reason a reader can act on (reload).
    OtherBuild,
    /// It ends inside its data.
    CutShort,
    /// Bytes in it the page cannot read, or bytes after its end: what, in words.
    Damaged(&'static str),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Foreign { what, magic } => {
                write!(f, "the file is not {what} (it does not begin with “{}”)", String::from_utf8_lossy(magic))
            }
            Unreadable::OtherBuild => {
                f.write_str("the file was written by another build of the page (reload to fetch the current one)")
            }
            Unreadable::CutShort => f.write_str("the file is cut short (it ends inside its data)"),
            Unreadable::Damaged(what) => write!(f, "the file is damaged ({what})"),
        }
    }
}

/// Reads a file written by `write` with the same `magic`; `what` names the kind of file in the
/// error ("an edition file").
pub fn read<T: DeserializeOwned>(bytes: &[u8], magic: &[u8; 4], what: &'static str) -> Result<T, Unreadable> {
    let body = bytes.strip_prefix(magic.as_slice()).ok_or(Unreadable::Foreign { what, magic: *magic })?;
    let body = body.strip_prefix(STAMP.as_bytes()).ok_or(Unreadable::OtherBuild)?;
    read_body(body)
}

/// Reads data build.rs compiled in: `magic`, then the value in postcard (no stamp; build.rs
/// writes it as `[magic, postcard::to_allocvec(value)]`).
pub fn read_compiled<T: DeserializeOwned>(bytes: &[u8], magic: &[u8; 4], what: &'static str) -> Result<T, Unreadable> {
    let body = bytes.strip_prefix(magic.as_slice()).ok_or(Unreadable::Foreign { what, magic: *magic })?;
    read_body(body)
}

/// The value after the magic (and stamp): all of the rest, nothing after it.
fn read_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Unreadable> {
    let (value, rest) = postcard::take_from_bytes(body).map_err(unreadable)?;
    if !rest.is_empty() {
        return Err(Unreadable::Damaged("bytes after its end"));
    }
    Ok(value)
}

/// `value` as a file `read` takes: `magic`, the stamp, the value.
#[cfg(not(target_arch = "wasm32"))]
pub fn write<T: serde::Serialize>(value: &T, magic: &[u8; 4]) -> Result<Vec<u8>, String> {
    let head = [magic.as_slice(), STAMP.as_bytes()].concat();
    postcard::to_extend(value, head).map_err(|e| format!("postcard: {e}"))
}

/// Why postcard could not read a file: it was cut short or its bytes are not what the page
/// expects (postcard's errors carry no position, and no serde message).
fn unreadable(e: postcard::Error) -> Unreadable {
    use postcard::Error as E;
    Unreadable::Damaged(match e {
        E::DeserializeUnexpectedEnd => return Unreadable::CutShort,
        E::DeserializeBadUtf8 | E::DeserializeBadChar => "text that is not UTF-8",
        E::DeserializeBadVarint => "a malformed number",
        E::DeserializeBadBool | E::DeserializeBadOption | E::DeserializeBadEnum => "a malformed choice",
        _ => "a value the page does not accept",
    })
}
