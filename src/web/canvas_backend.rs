//! A plotters `DrawingBackend` over a `CanvasRenderingContext2d`, made for many small draw
//! calls per frame. It maps each call as plotters-canvas 0.3.1 does (same coordinates, same
//! anchors, same colours), with three differences that cut the wasm→JS crossings:
//!
//! - the context's state (fill and stroke style, line width, font, text align and baseline)
//!   is kept here and a setter is called only when the value changes (plotters-canvas sets
//!   font, fill, align and baseline on every text, stroke style and width on every line);
//! - colours are written as `#rrggbb` / `rgba(r,g,b,a)` without `core::fmt`;
//! - the strings the context is given (fonts, colours, text align and baseline, the texts
//!   themselves) are made once and kept as JS strings (`Strings`): every frame of a tween
//!   repeats them, and each new one was a `TextDecoder` call and two short-lived JS objects,
//!   about half of what the page allocated in JS while scrolling (a garbage-collector pause at
//!   4× is a long task of its own).
//!
//! (A path as one SVG path string handed to `Path2D` was tried instead of one `lineTo` per
//! point: constructing the `Path2D` cost more than the crossings it saved.)
//!
//! The backend assumes it is the only writer of the context's state while it lives (a new
//! backend per paint: resizing the canvas resets the state, and the first use of each
//! setting always sets it).

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = "CanvasRenderingContext2D")]
    type FontContext;

    // The context's string setters and text calls, taking a string already in JS (one kept
    // in `Strings`: no decoding, no formatting when it comes back).
    #[wasm_bindgen(method, setter = font, js_class = "CanvasRenderingContext2D")]
    fn set_font_value(this: &FontContext, font: &JsValue);
    #[wasm_bindgen(method, setter = fillStyle, js_class = "CanvasRenderingContext2D")]
    fn set_fill_value(this: &FontContext, style: &JsValue);
    #[wasm_bindgen(method, setter = strokeStyle, js_class = "CanvasRenderingContext2D")]
    fn set_stroke_value(this: &FontContext, style: &JsValue);
    #[wasm_bindgen(method, setter = textAlign, js_class = "CanvasRenderingContext2D")]
    fn set_align_value(this: &FontContext, align: &JsValue);
    #[wasm_bindgen(method, setter = textBaseline, js_class = "CanvasRenderingContext2D")]
    fn set_baseline_value(this: &FontContext, baseline: &JsValue);
    #[wasm_bindgen(method, setter = lineJoin, js_class = "CanvasRenderingContext2D")]
    fn set_join_value(this: &FontContext, join: &JsValue);
    #[wasm_bindgen(method, catch, js_name = fillText, js_class = "CanvasRenderingContext2D")]
    fn fill_text_value(this: &FontContext, text: &JsValue, x: f64, y: f64) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = strokeText, js_class = "CanvasRenderingContext2D")]
    fn stroke_text_value(this: &FontContext, text: &JsValue, x: f64, y: f64) -> Result<(), JsValue>;
}

/// What a kept string other than a text is: a font (size bits, style, family), a colour
/// (`color_key`), or a text align, baseline or line join (`Keyword`).
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Font(u64, u8, String),
    Color(u64),
    Keyword(&'static str),
}

/// The JS strings handed to the context, kept across paints: the texts drawn by themselves (found
/// by the `&str` a frame draws, with nothing allocated), the rest by `Key`.
#[derive(Default)]
struct Strings {
    keyed: HashMap<Key, JsValue>,
    texts: HashMap<String, JsValue>,
}

/// How many strings a table keeps. Bounded: a tween's colours fade through many alphas, so a
/// table is emptied when full and refills with what comes back.
const KEPT: usize = 1024;

/// The JS string under `key` in `table`, made by `make` the first time (`own`: the key kept).
fn kept<'t, K, Q>(
    table: &'t mut HashMap<K, JsValue>,
    key: &Q,
    own: impl FnOnce(&Q) -> K,
    make: impl FnOnce() -> String,
) -> &'t JsValue
where
    K: Borrow<Q> + Hash + Eq,
    Q: Hash + Eq + ?Sized,
{
    if !table.contains_key(key) {
        if table.len() >= KEPT {
            table.clear();
        }
        table.insert(own(key), JsValue::from_str(&make()));
    }
    &table[key]
}

thread_local! {
    static STRINGS: std::cell::RefCell<Strings> = std::cell::RefCell::new(Strings::default());
}

/// Runs `f` with the kept JS string of `key` (made by `make` the first time).
fn with_string<R>(key: Key, make: impl FnOnce() -> String, f: impl FnOnce(&JsValue) -> R) -> R {
    STRINGS.with_borrow_mut(|s| f(kept(&mut s.keyed, &key, Key::clone, make)))
}

/// A keyword (align, baseline, join) as its kept JS string.
fn with_keyword<R>(word: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    with_string(Key::Keyword(word), || word.to_owned(), f)
}

/// A colour (`color_key`) as its kept CSS string.
fn with_color<R>(key: u64, f: impl FnOnce(&JsValue) -> R) -> R {
    with_string(Key::Color(key), || css_color(key), f)
}

/// A text drawn, as its kept JS string.
fn with_text<R>(text: &str, f: impl FnOnce(&JsValue) -> R) -> R {
    STRINGS.with_borrow_mut(|s| f(kept(&mut s.texts, text, str::to_owned, || text.to_owned())))
}

#[derive(Debug)]
pub struct CanvasError(&'static str);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "canvas error: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

/// A colour as one comparable key: r, g, b and alpha in 1/10000 (finer than the 8-bit alpha
/// a canvas keeps).
fn color_key(c: BackendColor) -> u64 {
    let a = (c.alpha.clamp(0.0, 1.0) * 10_000.0).round() as u64;
    (u64::from(c.rgb.0) << 40) | (u64::from(c.rgb.1) << 32) | (u64::from(c.rgb.2) << 24) | a
}

fn push_u32(s: &mut String, mut v: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

/// The CSS colour of a key: `#rrggbb` when opaque, else `rgba(r,g,b,0.xxxx)`.
fn css_color(key: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(24);
    let (r, g, b) = ((key >> 40) as u8, (key >> 32) as u8, (key >> 24) as u8);
    let a = (key & 0xff_ffff) as u32;
    if a >= 10_000 {
        s.push('#');
        for v in [r, g, b] {
            s.push(HEX[usize::from(v >> 4)] as char);
            s.push(HEX[usize::from(v & 15)] as char);
        }
    } else {
        s.push_str("rgba(");
        for v in [r, g, b] {
            push_u32(&mut s, u32::from(v));
            s.push(',');
        }
        s.push_str("0.");
        let mut digits = [b'0'; 4];
        let mut x = a;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (x % 10) as u8;
            x /= 10;
        }
        let keep = digits.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
        for &d in &digits[..keep] {
            s.push(d as char);
        }
        s.push(')');
    }
    s
}

fn font_style_code(s: FontStyle) -> u8 {
    match s {
        FontStyle::Normal => 0,
        FontStyle::Italic => 1,
        FontStyle::Oblique => 2,
        FontStyle::Bold => 3,
    }
}

pub struct CanvasBackend {
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    /// The last value set on the context; `None` until this backend set it.
    fill: Option<u64>,
    stroke: Option<u64>,
    line_width: Option<u32>,
    font: Option<(u64, u8)>,
    font_family: String,
    align: Option<u8>,
    baseline: Option<u8>,
}

impl CanvasBackend {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(CanvasBackend {
            context,
            size: (canvas.width(), canvas.height()),
            fill: None,
            stroke: None,
            line_width: None,
            font: None,
            font_family: String::new(),
            align: None,
            baseline: None,
        })
    }

    /// The context as the setters taking kept strings see it.
    fn js(&self) -> &FontContext {
        self.context.unchecked_ref()
    }

    fn set_fill(&mut self, c: BackendColor) {
        let key = color_key(c);
        if self.fill != Some(key) {
            with_color(key, |v| self.js().set_fill_value(v));
            self.fill = Some(key);
        }
    }

    fn set_line_style(&mut self, style: &impl BackendStyle) {
        let key = color_key(style.color());
        if self.stroke != Some(key) {
            with_color(key, |v| self.js().set_stroke_value(v));
            self.stroke = Some(key);
        }
        let w = style.stroke_width();
        if self.line_width != Some(w) {
            self.context.set_line_width(f64::from(w));
            self.line_width = Some(w);
        }
    }

    fn set_font<S: BackendTextStyle>(&mut self, style: &S) {
        let key = (style.size().to_bits(), font_style_code(style.style()));
        let family = style.family();
        if self.font == Some(key) && self.font_family == family.as_str() {
            return;
        }
        let css = || {
            let size = crate::data::format::num(style.size(), 3);
            format!("{} {size}px {}", style.style().as_str(), family.as_str())
        };
        with_string(Key::Font(key.0, key.1, family.as_str().to_owned()), css, |v| self.js().set_font_value(v));
        self.font = Some(key);
        self.font_family.clear();
        self.font_family.push_str(family.as_str());
    }

    /// Baseline, alignment and font of a text.
    fn set_text<S: BackendTextStyle>(&mut self, style: &S) {
        let anchor = style.anchor();
        let (code, baseline) = match anchor.v_pos {
            VPos::Top => (0, "top"),
            VPos::Center => (1, "middle"),
            VPos::Bottom => (2, "bottom"),
        };
        if self.baseline != Some(code) {
            with_keyword(baseline, |v| self.js().set_baseline_value(v));
            self.baseline = Some(code);
        }
        let (code, align) = match anchor.h_pos {
            HPos::Left => (0, "start"),
            HPos::Right => (1, "end"),
            HPos::Center => (2, "center"),
        };
        if self.align != Some(code) {
            with_keyword(align, |v| self.js().set_align_value(v));
            self.align = Some(code);
        }
        self.set_font(style);
    }

    /// One path: beginPath, moveTo, lineTo… (closed when asked). A point equal to the one
    /// before it is left out (at whole backend pixels a base map's outline repeats points
    /// often, and a zero-length segment paints nothing); false, and nothing traced, when no
    /// two points differ (such a path paints nothing either).
    fn trace(&self, path: impl IntoIterator<Item = BackendCoord>, close: bool) -> bool {
        let mut path = path.into_iter();
        let Some(first) = path.next() else { return false };
        let mut last = first;
        let mut started = false;
        for p in path {
            if p == last {
                continue;
            }
            if !started {
                self.context.begin_path();
                self.context.move_to(f64::from(first.0), f64::from(first.1));
                started = true;
            }
            self.context.line_to(f64::from(p.0), f64::from(p.1));
            last = p;
        }
        if started && close {
            self.context.close_path();
        }
        started
    }
}

impl DrawingBackend for CanvasBackend {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.set_fill(color);
        self.context.fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // As plotters-canvas: a horizontal or vertical line moves half a pixel, so a 1 px line
        // covers one pixel row or column instead of blurring over two.
        let (mut a, mut b) = ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
        if a.0 == b.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if a.1 == b.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.set_line_style(style);
        self.context.begin_path();
        self.context.move_to(a.0, a.1);
        self.context.line_to(b.0, b.1);
        self.context.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (f64::from(bottom_right.0 - upper_left.0), f64::from(bottom_right.1 - upper_left.1));
        if fill {
            self.set_fill(style.color());
            self.context.fill_rect(x, y, w, h);
        } else {
            self.set_line_style(style);
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_line_style(style);
        if self.trace(path, false) {
            self.context.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_fill(style.color());
        if self.trace(path, true) {
            self.context.fill();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_line_style(style);
        }
        self.context.begin_path();
        self.context
            .arc(f64::from(center.0), f64::from(center.1), f64::from(radius), 0.0, std::f64::consts::TAU)
            .map_err(|_| DrawingErrorKind::DrawingError(CanvasError("arc")))?;
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // All state is set before a rotation's save(), so restore() leaves what is tracked.
        self.set_text(style);
        self.set_fill(color);

        let degree: f64 = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let failed = |_| DrawingErrorKind::DrawingError(CanvasError("text"));
        if degree == 0.0 {
            with_text(text, |v| self.js().fill_text_value(v, f64::from(pos.0), f64::from(pos.1))).map_err(failed)?;
        } else {
            self.context.save();
            let r = (|| {
                self.context.translate(f64::from(pos.0), f64::from(pos.1))?;
                self.context.rotate(degree.to_radians())?;
                with_text(text, |v| self.js().fill_text_value(v, 0.0, 0.0))
            })();
            self.context.restore();
            r.map_err(failed)?;
        }
        Ok(())
    }
}

impl crate::scene::draw::HaloText for CanvasBackend {
    /// The halo as one stroke around the glyphs, round-joined (no spikes at sharp corners):
    /// one call where the fallback makes eight. The stroke's style, width and join are set
    /// inside save/restore, so what this backend tracks stays true.
    fn stroke_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
        width: f64,
    ) -> Result<bool, DrawingErrorKind<CanvasError>> {
        if !matches!(style.transform(), FontTransform::None) {
            return Ok(false);
        }
        if style.color().alpha == 0.0 {
            return Ok(true);
        }
        self.set_text(style);
        self.context.save();
        with_color(color_key(style.color()), |v| self.js().set_stroke_value(v));
        self.context.set_line_width(width);
        with_keyword("round", |v| self.js().set_join_value(v));
        let stroked = with_text(text, |v| self.js().stroke_text_value(v, f64::from(pos.0), f64::from(pos.1)));
        self.context.restore();
        stroked.map_err(|_| DrawingErrorKind::DrawingError(CanvasError("halo")))?;
        Ok(true)
    }
}
