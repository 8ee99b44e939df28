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

mod reader;

pub use reader::{Fault, Reader, Unreadable, Wire};

/// The build a file belongs to: 8 hex digits of a hash of `src/` (build.rs). The page and its
/// files are built together; a stale copy of a file (a cache, a half-finished upload) is refused
/// by name rather than read with another layout.
const STAMP: &str = env!("WIRE_STAMP");

/// Reads a file written by `write` with the same `magic`; `what` names the kind of file in the
/// error ("an edition file").
pub fn read<T: Wire>(bytes: &[u8], magic: &[u8; 4], what: &'static str) -> Result<T, Unreadable> {
    let body = bytes.strip_prefix(magic.as_slice()).ok_or(Unreadable::Foreign { what, magic: *magic })?;
    let body = body.strip_prefix(STAMP.as_bytes()).ok_or(Unreadable::OtherBuild)?;
    read_body(body)
}

/// Reads data build.rs compiled in: `magic`, then the value in postcard (no stamp; build.rs
/// writes it as `[magic, postcard::to_allocvec(value)]`).
pub fn read_compiled<T: Wire>(bytes: &[u8], magic: &[u8; 4], what: &'static str) -> Result<T, Unreadable> {
    let body = bytes.strip_prefix(magic.as_slice()).ok_or(Unreadable::Foreign { what, magic: *magic })?;
    read_body(body)
}

/// The value after the magic (and stamp): all of the rest, nothing after it.
fn read_body<T: Wire>(body: &[u8]) -> Result<T, Unreadable> {
    let mut r = Reader::new(body);
    let value = T::read(&mut r);
    r.finish(value)
}

/// `value` as a file `read` takes: `magic`, the stamp, the value.
#[cfg(not(target_arch = "wasm32"))]
pub fn write<T: serde::Serialize>(value: &T, magic: &[u8; 4]) -> Result<Vec<u8>, String> {
    let head = [magic.as_slice(), STAMP.as_bytes()].concat();
    postcard::to_extend(value, head).map_err(|e| format!("postcard: {e}"))
}

#[cfg(test)]
mod tests {
    //! `Wire` reads what serde and postcard write, type by type; and a damaged value is refused
    //! with its fault, never read as something else and never a panic.
    use super::{read_body, Unreadable, Wire};
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Serialize, Wire)]
    enum Choice {
        Unit,
        New(i64),
        Struct { x: f64, y: Option<Box<Choice>> },
    }

    #[derive(Debug, PartialEq, Serialize, Wire)]
    struct Sample {
        a: u8,
        b: u16,
        c: u32,
        d: u64,
        e: usize,
        f: i16,
        g: i32,
        h: i64,
        i: f32,
        j: f64,
        k: bool,
        l: String,
        m: Option<String>,
        n: Vec<i32>,
        o: BTreeMap<String, String>,
        p: (u8, String),
        q: [f64; 2],
        r: Vec<Choice>,
        s: crate::charts::frame::Colour,
    }

    fn sample(big: bool) -> Sample {
        let n = |small: i64, large: i64| if big { large } else { small };
        Sample {
            a: n(0, 255) as u8,
            b: n(127, 65535) as u16,
            c: n(128, u32::MAX as i64) as u32,
            d: if big { u64::MAX } else { 300 },
            e: n(1, 1 << 40) as usize,
            f: n(-1, i16::MIN as i64) as i16,
            g: n(-64, i32::MAX as i64) as i32,
            h: n(63, i64::MIN),
            i: -1.5,
            j: if big { f64::MAX } else { -0.0 },
            k: big,
            l: if big { "Хэйхэ 黑河 — “x”".into() } else { String::new() },
            m: big.then(|| "m".into()),
            n: if big { vec![i32::MIN, 0, i32::MAX] } else { vec![] },
            o: if big { [("b".into(), "2".into()), ("a".into(), "1".into())].into() } else { BTreeMap::new() },
            p: (7, "p".into()),
            q: [1e-300, -2.0],
            r: vec![
                Choice::Unit,
                Choice::New(n(-2, i64::MAX)),
                Choice::Struct { x: 0.5, y: Some(Box::new(Choice::Unit)) },
            ],
            s: if big { crate::charts::frame::Colour::Russia } else { crate::charts::frame::Colour::China },
        }
    }

    fn read<T: Wire>(bytes: &[u8]) -> Result<T, Unreadable> {
        read_body(bytes)
    }

    #[test]
    fn reads_what_postcard_writes() {
        for big in [false, true] {
            let bytes = postcard::to_allocvec(&sample(big)).unwrap();
            assert_eq!(read::<Sample>(&bytes), Ok(sample(big)), "big: {big}");
        }
    }

    #[test]
    fn a_value_cut_short_anywhere_is_refused_as_cut_short() {
        let bytes = postcard::to_allocvec(&sample(true)).unwrap();
        for len in 0..bytes.len() {
            assert_eq!(read::<Sample>(&bytes[..len]), Err(Unreadable::CutShort), "cut at {len}");
        }
    }

    #[test]
    fn a_damaged_value_is_refused_with_its_fault() {
        fn damaged<T>(what: &'static str) -> Result<T, Unreadable> {
            Err(Unreadable::Damaged(what))
        }
        assert_eq!(read::<Choice>(&[3]), damaged("a malformed choice"), "no fourth variant");
        assert_eq!(read::<bool>(&[2]), damaged("a malformed choice"));
        assert_eq!(read::<Option<u8>>(&[2, 0]), damaged("a malformed choice"));
        assert_eq!(read::<String>(&[2, 0xc3, 0x28]), damaged("text that is not UTF-8"));
        assert_eq!(read::<u16>(&[0xff, 0xff, 0x04]), damaged("a malformed number"), "17 bits");
        assert_eq!(read::<u32>(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), damaged("a malformed number"), "6 bytes");
        assert_eq!(read::<u8>(&[1, 0]), damaged("bytes after its end"));
        // A length longer than the file is refused before anything is reserved for it.
        assert_eq!(read::<Vec<u64>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]), Err(Unreadable::CutShort));
        // A name its type does not accept (`#[serde(try_from = "String")]`).
        let bytes = postcard::to_allocvec("no such colour").unwrap();
        assert_eq!(read::<crate::charts::frame::Colour>(&bytes), damaged("a value the page does not accept"));
        // The first fault is the one reported, whatever is read after it.
        assert_eq!(read::<(bool, String)>(&[2, 5]), damaged("a malformed choice"));
    }
}
