//! What `cut` (src/bin/site.rs) changes in a bound wasm and its glue: short names for what the
//! wasm imports (`shorten`), and no dependency's JS classes that no page uses (`drop_classes`).
//!
//! Short names for the functions the page's wasm imports from its JS glue. wasm-bindgen names
//! each `__wbg_<method>_<16 hex digits>`, and each name is written twice, in the wasm's import
//! section and as a key of the glue's import object; the hex digits do not compress. Renamed
//! `a`, `b`, … `aa`, … in both, the story's first part and its glue are 5 KB brotli smaller.
//! What the names stand for does not change: the wasm finds its imports by these strings only.

use std::collections::HashMap;

/// Renames every function that `wasm` imports from `module` to a short name, in the wasm and
/// as a key of `glue`'s import object (`name: function…`, as wasm-bindgen writes it). Refuses,
/// changing nothing, a wasm it cannot read or a glue where a name is not exactly one key.
pub fn shorten(wasm: &[u8], glue: &str, module: &str) -> Result<(Vec<u8>, String), String> {
    let (start, end, imports) = import_section(wasm)?;
    let mut names = HashMap::new();
    let mut section = Vec::new();
    leb(&mut section, imports.len() as u64);
    for imp in &imports {
        let name = if imp.module == module {
            let short = short_name(names.len());
            if names.insert(imp.name.clone(), short.clone()).is_some() {
                return Err(format!("{module} is imported twice as {}", imp.name));
            }
            short
        } else {
            imp.name.clone()
        };
        for text in [&imp.module, &name] {
            leb(&mut section, text.len() as u64);
            section.extend_from_slice(text.as_bytes());
        }
        section.extend_from_slice(&imp.desc);
    }
    let mut out = wasm[..start].to_vec();
    out.push(IMPORT_SECTION);
    leb(&mut out, section.len() as u64);
    out.extend_from_slice(&section);
    out.extend_from_slice(&wasm[end..]);

    let mut glue = glue.to_string();
    for (old, new) in &names {
        let key = format!("{old}:");
        if glue.matches(old.as_str()).count() != 1 || glue.matches(&key).count() != 1 {
            return Err(format!("the glue does not name the import {old} exactly once, as a key"));
        }
        glue = glue.replacen(&key, &format!("{new}:"), 1);
    }
    Ok((out, glue))
}

const IMPORT_SECTION: u8 = 2;
const EXPORT_SECTION: u8 = 7;

/// Removes the JS classes `classes` that a dependency exports through wasm-bindgen and the page
/// never uses, from the wasm's exports (their methods' exports and `__wbg_<class>_free`; wasm-opt
/// then drops the code only they reached) and from the glue (the class and its finalization
/// registry). Leptos's `server_fn` brings three, wasm-streams' `IntoUnderlying*`: 4 KB of wasm
/// and 1.5 KB of glue that no page calls. Refuses, changing nothing, a class the glue does not
/// write as wasm-bindgen does, or one the wasm exports nothing of.
pub fn drop_classes(wasm: &[u8], glue: &str, classes: &[&str]) -> Result<(Vec<u8>, String), String> {
    let (start, end, body) = section(wasm, EXPORT_SECTION)?.ok_or("the wasm exports nothing")?;
    let mut r = Reader { bytes: wasm, at: body };
    let mut kept = Vec::new();
    let mut dropped = vec![0; classes.len()];
    let count = r.leb()?;
    for _ in 0..count {
        let from = r.at;
        let name = r.name()?;
        r.byte()?;
        r.leb()?;
        let of = classes.iter().position(|c| {
            let c = c.to_lowercase();
            name.starts_with(&format!("{c}_")) || name == format!("__wbg_{c}_free")
        });
        match of {
            Some(i) => dropped[i] += 1,
            None => kept.push(&wasm[from..r.at]),
        }
    }
    if r.at != end {
        return Err("the export section's size does not match its exports".into());
    }
    let mut glue = glue.to_string();
    for (c, n) in classes.iter().zip(dropped) {
        if n == 0 {
            return Err(format!("the wasm exports nothing of class {c}"));
        }
        let class = format!("export class {c} {{\n");
        let dispose = format!("if (Symbol.dispose) {c}.prototype[Symbol.dispose] = {c}.prototype.free;\n");
        let registry = format!("const {c}Finalization = (typeof FinalizationRegistry === 'undefined')\n");
        for (from, to) in [(class.as_str(), dispose.as_str()), (registry.as_str(), ");\n")] {
            let at = match glue.matches(from).count() {
                1 => glue.find(from).unwrap_or_default(),
                _ => return Err(format!("the glue does not write {} once", from.trim_end())),
            };
            let len = glue[at..].find(to).ok_or(format!("the glue's {c} does not end as wasm-bindgen ends it"))?;
            glue.replace_range(at..at + len + to.len(), "");
        }
    }
    let mut section = Vec::new();
    leb(&mut section, kept.len() as u64);
    kept.iter().for_each(|e| section.extend_from_slice(e));
    let mut out = wasm[..start].to_vec();
    out.push(EXPORT_SECTION);
    leb(&mut out, section.len() as u64);
    out.extend_from_slice(&section);
    out.extend_from_slice(&wasm[end..]);
    Ok((out, glue))
}

/// Section `id`'s bounds (from its id byte to its end) and where its body starts, if the wasm
/// has one.
fn section(wasm: &[u8], id: u8) -> Result<Option<(usize, usize, usize)>, String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module (version 1)".into());
    }
    let mut r = Reader { bytes: wasm, at: 8 };
    while r.at < wasm.len() {
        let start = r.at;
        let this = r.byte()?;
        let size = r.leb()? as usize;
        let end = r.at.checked_add(size).filter(|&e| e <= wasm.len()).ok_or("a section runs past the end")?;
        if this == id {
            return Ok(Some((start, end, r.at)));
        }
        r.at = end;
    }
    Ok(None)
}

/// `n`'s short name: a–z, A–Z, then two letters, and so on (never a JavaScript keyword or
/// `__proto__`, which an object literal's key could not be).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = Vec::new();
    loop {
        out.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    out.reverse();
    let name = String::from_utf8(out).unwrap_or_default();
    // Two-letter keywords: an object key may be one, but keep the glue plain to read.
    if matches!(name.as_str(), "do" | "if" | "in") {
        return format!("{name}_");
    }
    name
}

struct Import {
    module: String,
    name: String,
    /// The import's kind and type, as the wasm writes them.
    desc: Vec<u8>,
}

/// The import section's bounds (from its id byte to its end) and its imports.
fn import_section(wasm: &[u8]) -> Result<(usize, usize, Vec<Import>), String> {
    let (start, end, body) = section(wasm, IMPORT_SECTION)?.ok_or("the wasm imports nothing")?;
    let mut r = Reader { bytes: wasm, at: body };
    let mut imports = Vec::new();
    for _ in 0..r.leb()? {
        let module = r.name()?;
        let name = r.name()?;
        let from = r.at;
        match r.byte()? {
            // A function or a tag: a type index (a tag's after its attribute byte).
            0x00 => {
                r.leb()?;
            }
            0x04 => {
                r.byte()?;
                r.leb()?;
            }
            // A table: its element type, then limits.
            0x01 => {
                r.reftype()?;
                r.limits()?;
            }
            0x02 => r.limits()?,
            // A global: its value type and mutability.
            0x03 => {
                r.reftype()?;
                r.byte()?;
            }
            kind => return Err(format!("an import of unknown kind {kind:#x}")),
        }
        imports.push(Import { module, name, desc: wasm[from..r.at].to_vec() });
    }
    if r.at != end {
        return Err("the import section's size does not match its imports".into());
    }
    Ok((start, end, imports))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the wasm ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number runs too long".into())
    }

    fn name(&mut self) -> Result<String, String> {
        let len = self.leb()? as usize;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or("a name runs past the end")?;
        let name = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| "a name is not UTF-8")?;
        self.at = end;
        Ok(name.to_string())
    }

    /// A value or reference type: one byte, or a typed reference (0x63/0x64 and a heap type).
    fn reftype(&mut self) -> Result<(), String> {
        if matches!(self.byte()?, 0x63 | 0x64) {
            self.leb()?;
        }
        Ok(())
    }

    /// Limits: a flag (bit 0: a maximum follows; 0x04: 64-bit), the minimum, the maximum.
    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions from `m` and one from `other`, a memory and a table.
    fn module() -> Vec<u8> {
        let mut s = Vec::new();
        leb(&mut s, 5);
        for (m, n, desc) in [
            ("m", "__wbg_first_0123456789abcdef", vec![0x00, 0x00]),
            ("other", "keep", vec![0x00, 0x01]),
            ("m", "__wbg_second_fedcba9876543210", vec![0x00, 0x00]),
            ("m", "mem", vec![0x02, 0x01, 0x01, 0x02]),
            ("m", "table", vec![0x01, 0x70, 0x00, 0x01]),
        ] {
            for t in [m, n] {
                leb(&mut s, t.len() as u64);
                s.extend_from_slice(t.as_bytes());
            }
            s.extend_from_slice(&desc);
        }
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        // A type section before it, and a custom section after, which must come through.
        w.extend_from_slice(&[0x01, 0x04, 0x01, 0x60, 0x00, 0x00]);
        w.push(IMPORT_SECTION);
        leb(&mut w, s.len() as u64);
        w.extend_from_slice(&s);
        w.extend_from_slice(&[0x00, 0x03, 0x01, b'x', 0x07]);
        w
    }

    const GLUE: &str = "const import0 = { __proto__: null, __wbg_first_0123456789abcdef: function(a) {}, \
                        __wbg_second_fedcba9876543210: function() {}, mem: m, table: t };";

    #[test]
    fn renames_one_module_in_wasm_and_glue() {
        let (wasm, glue) = shorten(&module(), GLUE, "m").unwrap();
        let (_, _, imports) = import_section(&wasm).unwrap();
        let names: Vec<_> = imports.iter().map(|i| (i.module.as_str(), i.name.as_str())).collect();
        assert_eq!(names, [("m", "a"), ("other", "keep"), ("m", "b"), ("m", "c"), ("m", "d")]);
        assert_eq!(glue, "const import0 = { __proto__: null, a: function(a) {}, b: function() {}, c: m, d: t };");
        // Only the import section changed: the sections around it are as they were.
        assert_eq!(&wasm[..14], &module()[..14]);
        assert_eq!(&wasm[wasm.len() - 5..], &module()[module().len() - 5..]);
        assert_eq!(imports[3].desc, [0x02, 0x01, 0x01, 0x02]);
    }

    #[test]
    fn refuses_what_it_cannot_rename_safely() {
        // A name the glue also uses elsewhere, or does not have as a key.
        let twice = format!("{GLUE} wasm.__wbg_first_0123456789abcdef();");
        assert!(shorten(&module(), &twice, "m").unwrap_err().contains("__wbg_first_0123456789abcdef"));
        assert!(shorten(&module(), "const import0 = {};", "m").is_err());
        // A damaged module: every cut short is refused, never read past its end.
        let w = module();
        for cut in 0..w.len() - 5 {
            assert!(shorten(&w[..cut], GLUE, "m").is_err(), "cut at {cut}");
        }
    }

    /// A module exporting three functions of class `Widget` (and its free), and two others.
    fn exporting() -> Vec<u8> {
        let mut s = Vec::new();
        let names = ["widget_pull", "keep_me", "__wbg_widget_free", "widget_new", "memory"];
        leb(&mut s, names.len() as u64);
        for (i, n) in names.iter().enumerate() {
            leb(&mut s, n.len() as u64);
            s.extend_from_slice(n.as_bytes());
            s.extend_from_slice(&[if *n == "memory" { 0x02 } else { 0x00 }, i as u8]);
        }
        let mut w = module();
        w.push(EXPORT_SECTION);
        leb(&mut w, s.len() as u64);
        w.extend_from_slice(&s);
        w
    }

    const CLASS_GLUE: &str = "import x from \"./y.js\";\nexport class Widget {\n    free() {\n        wasm.__wbg_widget_free(this.p, 0);\n    }\n}\n\
        if (Symbol.dispose) Widget.prototype[Symbol.dispose] = Widget.prototype.free;\n\nexport function kept() {}\n\
        const WidgetFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n\
            : new FinalizationRegistry(ptr => wasm.__wbg_widget_free(ptr, 1));\nconst after = 1;\n";

    #[test]
    fn drops_a_class_from_wasm_and_glue() {
        let (wasm, glue) = drop_classes(&exporting(), CLASS_GLUE, &["Widget"]).unwrap();
        let (_, end, body) = section(&wasm, EXPORT_SECTION).unwrap().unwrap();
        let mut r = Reader { bytes: &wasm, at: body };
        let n = r.leb().unwrap();
        let mut names = Vec::new();
        for _ in 0..n {
            names.push(r.name().unwrap());
            let kind = r.byte().unwrap();
            let index = r.leb().unwrap();
            names.push(format!("{kind}:{index}"));
        }
        assert_eq!(r.at, end);
        assert_eq!(names, ["keep_me", "0:1", "memory", "2:4"]);
        assert_eq!(glue, "import x from \"./y.js\";\n\nexport function kept() {}\nconst after = 1;\n");
        // The sections before it come through unchanged.
        assert_eq!(&wasm[..module().len()], &module()[..]);
    }

    #[test]
    fn refuses_a_class_it_cannot_drop_whole() {
        // Not exported, not in the glue, or not ended as wasm-bindgen ends it.
        assert!(drop_classes(&exporting(), CLASS_GLUE, &["Gadget"]).unwrap_err().contains("Gadget"));
        assert!(drop_classes(&exporting(), "export function kept() {}", &["Widget"]).is_err());
        let unended = CLASS_GLUE.replace("if (Symbol.dispose)", "if (Symbol.iterator)");
        assert!(drop_classes(&exporting(), &unended, &["Widget"]).is_err());
        assert!(drop_classes(&module(), CLASS_GLUE, &["Widget"]).is_err());
        let w = exporting();
        for cut in module().len()..w.len() {
            assert!(drop_classes(&w[..cut], CLASS_GLUE, &["Widget"]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        let set: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        assert!(names.iter().all(|n| n.chars().next().is_some_and(|c| c.is_ascii_alphabetic())));
        assert!(!names.iter().any(|n| ["do", "if", "in", "__proto__"].contains(&n.as_str())));
    }
}
