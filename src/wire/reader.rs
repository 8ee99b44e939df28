//! How the page reads the files the native build writes with postcard (`super::write`): the
//! `Wire` trait, its derive and its impls for the types the files are made of. build.rs includes
//! this file as it is (as its own `wire` module), since it includes types that derive `Wire`.

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

/// A type the page reads from a file: the value as `serde::Serialize` and postcard wrote it.
/// Structs and enums derive it (`#[derive(Wire)]`, the `wire-derive` crate beside `src/`);
/// the impls below are postcard's layout of the types they are made of.
///
/// A read cannot fail on its own: at the first fault the reader remembers it and is emptied,
/// and every read after it gives an empty value (0, "", no elements, the last variant) at once;
/// `super::read` then reports the fault. Returning `Result` from each field's read cost more
/// than the reading itself: on an error after a field the code must drop every field read
/// before it, 1,800 calls for the edition's types, and that wasm was 45 KB larger (raw).
pub trait Wire: Sized {
    fn read(r: &mut Reader<'_>) -> Self;
}

pub use wire_derive::Wire;

/// What went wrong inside a file's data (`Reader::fault`); `Unreadable` says it (`From`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    CutShort,
    Number,
    Choice,
    Text,
    /// A value its type does not accept (`#[serde(try_from)]`).
    Value,
}

impl From<Fault> for Unreadable {
    fn from(f: Fault) -> Unreadable {
        Unreadable::Damaged(match f {
            Fault::CutShort => return Unreadable::CutShort,
            Fault::Number => "a malformed number",
            Fault::Choice => "a malformed choice",
            Fault::Text => "text that is not UTF-8",
            Fault::Value => "a value the page does not accept",
        })
    }
}

/// The bytes of a file not yet read, and the first fault met in them.
pub struct Reader<'a> {
    rest: &'a [u8],
    fault: Option<Fault>,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes, fault: None }
    }

    /// The value read, unless a fault was met on the way or bytes are left after it.
    pub fn finish<T>(self, value: T) -> Result<T, Unreadable> {
        match self.fault {
            Some(f) => Err(f.into()),
            None if !self.rest.is_empty() => Err(Unreadable::Damaged("bytes after its end")),
            None => Ok(value),
        }
    }

    /// Remembers the first fault and empties the reader, so that what follows reads as empty.
    #[cold]
    pub fn fail(&mut self, f: Fault) {
        self.fault.get_or_insert(f);
        self.rest = &[];
    }

    /// The next `n` bytes, or none (a fault) if fewer are left.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            self.fail(Fault::CutShort);
            return None;
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(head)
    }

    fn byte(&mut self) -> u8 {
        self.take(1).map_or(0, |b| b[0])
    }

    /// An unsigned LEB128 varint of at most `bits` bits (postcard's u16, u32, u64, lengths).
    #[inline(never)]
    fn varint(&mut self, bits: u32) -> u64 {
        let mut value = 0u64;
        let mut shift = 0;
        while let Some(&[b]) = self.take(1) {
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if bits < 64 && value >> bits != 0 {
                    break;
                }
                return value;
            }
            shift += 7;
            if shift >= bits.next_multiple_of(7) {
                break;
            }
        }
        self.fail(Fault::Number);
        0
    }

    /// An enum's variant index (the derive's `match`), below `n`: out of range it is a fault,
    /// and the last variant is read (as empty).
    pub fn variant(&mut self, n: u32) -> u32 {
        let i = self.varint(32) as u32;
        if i >= n {
            self.fail(Fault::Choice);
            return n - 1;
        }
        i
    }

    /// A length, checked against what is left: each element takes at least one byte, so a
    /// damaged length cannot make the page reserve more memory than the file is long.
    fn len(&mut self) -> usize {
        let n = self.varint(64);
        match usize::try_from(n) {
            Ok(n) if n <= self.rest.len() => n,
            _ => {
                self.fail(Fault::CutShort);
                0
            }
        }
    }
}

impl Wire for u8 {
    fn read(r: &mut Reader<'_>) -> Self {
        r.byte()
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn read(r: &mut Reader<'_>) -> Self {
                r.varint(<$t>::BITS) as $t
            }
        }
    )*};
}
unsigned!(u16, u32, u64);

impl Wire for usize {
    // serde writes a usize as a u64.
    fn read(r: &mut Reader<'_>) -> Self {
        let n = r.varint(64);
        usize::try_from(n).unwrap_or_else(|_| {
            r.fail(Fault::Number);
            0
        })
    }
}

macro_rules! signed {
    ($($t:ty: $u:ty),*) => {$(
        impl Wire for $t {
            // Zigzag: 0, -1, 1, -2, … as 0, 1, 2, 3, …
            fn read(r: &mut Reader<'_>) -> Self {
                let u = r.varint(<$u>::BITS) as $u;
                (u >> 1) as $t ^ -((u & 1) as $t)
            }
        }
    )*};
}
signed!(i16: u16, i32: u32, i64: u64);

macro_rules! float {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn read(r: &mut Reader<'_>) -> Self {
                r.take(size_of::<$t>()).and_then(|b| b.try_into().ok()).map_or(0.0, <$t>::from_le_bytes)
            }
        }
    )*};
}
float!(f32, f64);

impl Wire for bool {
    fn read(r: &mut Reader<'_>) -> Self {
        match r.byte() {
            0 => false,
            1 => true,
            _ => {
                r.fail(Fault::Choice);
                false
            }
        }
    }
}

impl Wire for String {
    #[inline(never)]
    fn read(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let bytes = r.take(n).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                r.fail(Fault::Text);
                String::new()
            }
        }
    }
}

impl<T: Wire> Wire for Option<T> {
    #[inline(never)]
    fn read(r: &mut Reader<'_>) -> Self {
        match r.byte() {
            0 => None,
            1 => Some(T::read(r)),
            _ => {
                r.fail(Fault::Choice);
                None
            }
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    #[inline(never)]
    fn read(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        (0..n).map(|_| T::read(r)).collect()
    }
}

impl<T: Wire> Wire for Box<T> {
    fn read(r: &mut Reader<'_>) -> Self {
        Box::new(T::read(r))
    }
}

impl<K: Wire + Ord, V: Wire> Wire for std::collections::BTreeMap<K, V> {
    fn read(r: &mut Reader<'_>) -> Self {
        // Inserted one by one: collecting would sort them, which they already are.
        let mut map = std::collections::BTreeMap::new();
        for _ in 0..r.len() {
            let (k, v) = <(K, V)>::read(r);
            map.insert(k, v);
        }
        map
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn read(r: &mut Reader<'_>) -> Self {
        (A::read(r), B::read(r))
    }
}

impl<T: Wire, const N: usize> Wire for [T; N] {
    fn read(r: &mut Reader<'_>) -> Self {
        std::array::from_fn(|_| T::read(r))
    }
}
