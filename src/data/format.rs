//! Numbers as each edition writes them. English: $240bn, $179m, 43.25%, 4,300 km, 38 bcm a year.
//! Russian: 240 млрд долл., 43,25%, 4300 км (a narrow no-break space from five digits), 38 млрд
//! куб. м в год. Chinese: 2400亿美元, 43.25%, 380亿立方米 (万 and 亿, never thousands or billions).
//! The `_in` functions take the language; the short ones are English. Verified against ICU
//! (icu_decimal) in tests/format.rs.

use super::split_unit;
use crate::lang::Lang;

/// Narrow no-break space, Russian's thousands separator.
const NNBSP: char = '\u{202f}';

/// `v` with `decimals` digits after the point, as `format!("{:.*}", decimals, v)` writes it, in
/// integer arithmetic on the float's exact binary value: the page then carries no float
/// formatting (core's takes 9 KB of wasm). Exact, a half rounding to even as core's does, while
/// `|v|·10^decimals` is below 2^64, which every figure here is by far (the test below compares
/// the two); at most 6 decimals.
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let d = decimals.min(6) as u32;
    // |v| = m · 2^e exactly, so |v| · 10^d = m · 10^d · 2^e, an integer shifted.
    let bits = v.abs().to_bits();
    let (exp, frac) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
    let x = u128::from(m) * 10u128.pow(d);
    let n = match e {
        0.. => x.checked_shl(e as u32).unwrap_or(u128::MAX),
        -127..0 => {
            let s = e.unsigned_abs();
            let (q, r, half) = (x >> s, x & ((1 << s) - 1), 1 << (s - 1));
            q + u128::from(r > half || r == half && q & 1 == 1)
        }
        _ => 0, // below 2^-127 (x < 2^74): rounds to 0
    };
    let n = u64::try_from(n).unwrap_or(u64::MAX);
    let sign = if v.is_sign_negative() { "-" } else { "" };
    match 10u64.pow(d) {
        1 => format!("{sign}{n}"),
        scale => format!("{sign}{}.{:0w$}", n / scale, n % scale, w = d as usize),
    }
}

/// Trims a fixed-point rendering (240.0 → "240", 2.30 → "2.3") and writes it the language's
/// way: decimal point or comma, thousands grouped (English from four digits, Russian from
/// five, Chinese never).
pub fn num_in(lang: Lang, v: f64, max_decimals: usize) -> String {
    let s = fixed(v.abs(), max_decimals);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (sep, min_digits) = match lang {
        Lang::En => (Some(','), 4),
        Lang::Ru => (Some(NNBSP), 5),
        Lang::Zh => (None, usize::MAX),
    };
    let mut out = String::new();
    if v < 0.0 && (int != "0" || frac.is_some()) {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if let Some(sep) = sep.filter(|_| int.len() >= min_digits && i > 0 && (int.len() - i) % 3 == 0) {
            out.push(sep);
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(if lang == Lang::Ru { ',' } else { '.' });
        out.push_str(&f);
    }
    out
}

pub fn num(v: f64, max_decimals: usize) -> String {
    num_in(Lang::En, v, max_decimals)
}

/// A Chinese amount in 万 (10⁴) or 亿 (10⁸): `v` times `scale` units, e.g. (240, 1e9) → 2400亿.
fn zh_amount(v: f64, scale: f64) -> String {
    let units = v * scale;
    if units.abs() >= 1e12 {
        format!("{}万亿", num_in(Lang::Zh, units / 1e12, 2))
    } else if units.abs() >= 1e8 {
        format!("{}亿", num_in(Lang::Zh, units / 1e8, 2))
    } else if units.abs() >= 1e4 {
        format!("{}万", num_in(Lang::Zh, units / 1e4, 2))
    } else {
        num_in(Lang::Zh, units, 2)
    }
}

pub fn usd_bn_in(lang: Lang, v: f64) -> String {
    let d = if v.abs() >= 100.0 { 0 } else { 1 };
    match lang {
        Lang::En => format!("${}bn", num(v, d)),
        Lang::Ru => format!("{} млрд долл.", num_in(lang, v, d)),
        Lang::Zh => format!("{}美元", zh_amount((v * 10f64.powi(d as i32)).round() / 10f64.powi(d as i32), 1e9)),
    }
}

/// An axis tick of US$ billions, the unit said once elsewhere: "$140bn", "140 млрд", "1400亿".
pub fn usd_bn_tick(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => format!("${}bn", num(v, 0)),
        Lang::Ru => format!("{} млрд", num_in(lang, v, 0)),
        Lang::Zh => zh_amount(v, 1e9),
    }
}

/// A table cell of US$ billions under a column that names the unit (Chinese tables count in
/// 亿, hundreds of millions): "245.3", "245,3", "2453".
pub fn usd_bn_cell(lang: Lang, v: f64) -> String {
    match lang {
        Lang::Zh => num_in(lang, v * 10.0, 0),
        _ => num_in(lang, v, 1),
    }
}

pub fn usd_bn(v: f64) -> String {
    usd_bn_in(Lang::En, v)
}

pub fn pct_in(lang: Lang, v: f64) -> String {
    format!("{}%", num_in(lang, v, 2))
}

pub fn pct(v: f64) -> String {
    pct_in(Lang::En, v)
}

/// Signed change: "+26%", "−7.5%" (with a true minus sign).
pub fn change_in(lang: Lang, v: f64) -> String {
    let body = num_in(lang, v.abs(), 1);
    if v < 0.0 {
        format!("−{body}%")
    } else {
        format!("+{body}%")
    }
}

pub fn change(v: f64) -> String {
    change_in(Lang::En, v)
}

/// The unit after a number, for units the three editions name differently.
fn body(lang: Lang, v: f64, base: &str) -> String {
    let n = |d| num_in(lang, v, d);
    match (lang, base) {
        (_, "%" | "% of trade" | "% average") => pct_in(lang, v),
        (_, "% y/y") => change_in(lang, v),
        (_, "times") => format!("{}×", n(1)),
        (Lang::En, "USD bn") => format!("${}bn", n(2)),
        (Lang::En, "USD m") => format!("${}m", n(1)),
        (Lang::En, "CNY bn") => format!("¥{}bn", n(1)),
        (Lang::En, "bcm/year") => format!("{} bcm a year", n(1)),
        (Lang::En, "Mt/year") => format!("{} Mt a year", n(1)),
        (Lang::En, "of 10 brands") => format!("{} of the top 10 brands", n(0)),
        (Lang::Ru, "USD bn") => format!("{} млрд долл.", n(2)),
        (Lang::Ru, "USD m") => format!("{} млн долл.", n(1)),
        (Lang::Ru, "CNY bn") => format!("{} млрд юаней", n(1)),
        (Lang::Ru, "bcm") => format!("{} млрд куб. м", n(1)),
        (Lang::Ru, "bcm/year") => format!("{} млрд куб. м в год", n(1)),
        (Lang::Ru, "Mt") => format!("{} млн т", n(1)),
        (Lang::Ru, "Mt/year") => format!("{} млн т в год", n(1)),
        (Lang::Ru, "Mt over 12 years") => format!("{} млн т за 12 лет", n(1)),
        (Lang::Ru, "Mt over 10 years") => format!("{} млн т за 10 лет", n(1)),
        (Lang::Ru, "km") => format!("{} км", n(0)),
        (Lang::Ru, "of 10 brands") => format!("{} из 10 крупнейших марок", n(0)),
        (Lang::Ru, "countries") => format!("{} {}", n(0), plural_ru(v, "страна", "страны", "стран")),
        (Lang::Ru, "meetings") => format!("{} {}", n(0), plural_ru(v, "встреча", "встречи", "встреч")),
        (Lang::Zh, "USD bn") => format!("{}美元", zh_amount(v, 1e9)),
        (Lang::Zh, "USD m") => format!("{}美元", zh_amount(v, 1e6)),
        (Lang::Zh, "CNY bn") => format!("{}元", zh_amount(v, 1e9)),
        (Lang::Zh, "bcm") => format!("{}立方米", zh_amount(v, 1e9)),
        (Lang::Zh, "bcm/year") => format!("每年{}立方米", zh_amount(v, 1e9)),
        (Lang::Zh, "Mt") => format!("{}吨", zh_amount(v, 1e6)),
        (Lang::Zh, "Mt/year") => format!("每年{}吨", zh_amount(v, 1e6)),
        (Lang::Zh, "Mt over 12 years") => format!("12年共{}吨", zh_amount(v, 1e6)),
        (Lang::Zh, "Mt over 10 years") => format!("10年共{}吨", zh_amount(v, 1e6)),
        (Lang::Zh, "km") => format!("{}公里", n(0)),
        (Lang::Zh, "of 10 brands") => format!("十大品牌中的{}个", n(0)),
        (Lang::Zh, "countries") => format!("{}个国家", n(0)),
        (Lang::Zh, "meetings") => format!("{}次会晤", n(0)),
        (_, other) => format!("{} {}", n(2), other),
    }
}

/// Russian's three plural forms for a count: 1 страна, 2 страны, 5 стран (21 страна, 11 стран).
pub fn plural_ru<'a>(n: f64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if n.fract() != 0.0 {
        return few; // fractions take the genitive singular: 2,5 страны
    }
    let n = n.abs() as u64;
    match (n % 10, n % 100) {
        (1, 11) => many,
        (1, _) => one,
        (2..=4, 12..=14) => many,
        (2..=4, _) => few,
        _ => many,
    }
}

/// How many forms a count takes in a language: English two (1 event, 2 events), Russian
/// three (`plural_ru`), Chinese one (3个事件).
pub fn plural_forms(lang: Lang) -> usize {
    match lang {
        Lang::En => 2,
        Lang::Ru => 3,
        Lang::Zh => 1,
    }
}

/// A count in words from its plural forms (as `[describe]` lists them, each with `{n}`):
/// (21, ["{n} событие", "{n} события", "{n} событий"]) → "21 событие".
pub fn count_in(lang: Lang, n: f64, forms: &[String]) -> String {
    let form = |i: usize| forms.get(i).or(forms.last()).map(String::as_str).unwrap_or("{n}");
    let form = match lang {
        Lang::En if n == 1.0 => form(0),
        Lang::En => form(1),
        Lang::Ru => plural_ru(n, form(0), form(1), form(2)),
        Lang::Zh => form(0),
    };
    super::words::say(form, &[("n", &num_in(lang, n, 0))])
}

/// A fact's value with its unit and qualifier: "more than 30%", "$52.1bn", "70 Mt over 12 years".
pub fn value_in(lang: Lang, v: f64, unit: &str) -> String {
    let (base, qualifier) = split_unit(unit);
    let body = body(lang, v, base);
    let q = match (lang, qualifier) {
        (Lang::En, Some(q @ ("more than" | "nearly" | "about" | "less than" | "approximately"))) => q,
        (Lang::Ru, Some("more than")) => "более",
        (Lang::Ru, Some("nearly")) => "почти",
        (Lang::Ru, Some("about" | "approximately" | "around")) => "около",
        (Lang::Ru, Some("less than")) => "менее",
        (Lang::Zh, Some("more than")) => "超过",
        (Lang::Zh, Some("nearly")) => "近",
        (Lang::Zh, Some("about" | "approximately" | "around")) => "约",
        (Lang::Zh, Some("less than")) => "不到",
        _ => return body,
    };
    match lang {
        Lang::Zh => format!("{q}{body}"),
        _ => format!("{q} {body}"),
    }
}

pub fn value(v: f64, unit: &str) -> String {
    value_in(Lang::En, v, unit)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_writes_what_core_writes() {
        let mut values: Vec<f64> = (-200_000..200_000).map(|k| k as f64 / 1000.0).collect();
        values.extend((0..2000).map(|k| k as f64 * 0.005 + 0.0025));
        values.extend([
            0.0,
            -0.0,
            0.125,
            0.375,
            2.5,
            3.5,
            -2.5,
            1e-9,
            -1e-9,
            245_000.0,
            1.005,
            0.285,
            43.25,
            1e9 + 0.5,
        ]);
        // A spread of magnitudes, deterministic (an LCG), as the data's figures range.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let m = (x >> 11) as f64 / (1u64 << 53) as f64;
            values.push((m - 0.5) * 10f64.powi((x % 9) as i32));
        }
        for v in values {
            for d in 0..=4 {
                assert_eq!(super::fixed(v, d), format!("{v:.d$}"), "{v:e} to {d} decimals");
            }
        }
        assert_eq!(super::fixed(f64::NAN, 1), "NaN");
        assert_eq!(super::fixed(f64::INFINITY, 1), "inf");
    }

    use super::*;
    #[test]
    fn formats_like_the_page() {
        assert_eq!(usd_bn(240.1), "$240bn");
        assert_eq!(usd_bn(52.1), "$52.1bn");
        assert_eq!(pct(43.25), "43.25%");
        assert_eq!(change(-7.5), "−7.5%");
        assert_eq!(change(26.0), "+26%");
        assert_eq!(value(70.0, "Mt over 12 years"), "70 Mt over 12 years");
        assert_eq!(value(30.0, "% (more than)"), "more than 30%");
        assert_eq!(value(179.0, "USD m"), "$179m");
        assert_eq!(value(4300.0, "km (around)"), "4,300 km");
        assert_eq!(value(38.0, "bcm/year"), "38 bcm a year");
    }

    #[test]
    fn russian_numbers() {
        assert_eq!(usd_bn_in(Lang::Ru, 240.1), "240 млрд долл.");
        assert_eq!(value_in(Lang::Ru, 52.1, "USD bn"), "52,1 млрд долл.");
        assert_eq!(pct_in(Lang::Ru, 43.25), "43,25%");
        assert_eq!(change_in(Lang::Ru, -7.5), "−7,5%");
        assert_eq!(value_in(Lang::Ru, 4300.0, "km (around)"), "около 4300 км");
        assert_eq!(value_in(Lang::Ru, 15250.0, "km"), "15\u{202f}250 км");
        assert_eq!(value_in(Lang::Ru, 38.0, "bcm/year"), "38 млрд куб. м в год");
        assert_eq!(value_in(Lang::Ru, 30.0, "% (more than)"), "более 30%");
        assert_eq!(value_in(Lang::Ru, 21.0, "countries"), "21 страна");
        assert_eq!(value_in(Lang::Ru, 3.0, "countries"), "3 страны");
        assert_eq!(value_in(Lang::Ru, 11.0, "countries"), "11 стран");
        assert_eq!(value_in(Lang::Ru, 25.0, "meetings"), "25 встреч");
        let forms = ["{n} событие", "{n} события", "{n} событий"].map(String::from);
        assert_eq!(count_in(Lang::Ru, 21.0, &forms), "21 событие");
        assert_eq!(count_in(Lang::Ru, 23.0, &forms), "23 события");
        assert_eq!(count_in(Lang::Ru, 112.0, &forms), "112 событий");
        let forms = ["{n} event", "{n} events"].map(String::from);
        assert_eq!(count_in(Lang::En, 1.0, &forms), "1 event");
        assert_eq!(count_in(Lang::En, 31.0, &forms), "31 events");
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(usd_bn_in(Lang::Zh, 240.1), "2400亿美元");
        assert_eq!(usd_bn_in(Lang::Zh, 52.1), "521亿美元");
        assert_eq!(value_in(Lang::Zh, 81.0, "USD bn"), "810亿美元");
        assert_eq!(value_in(Lang::Zh, 179.0, "USD m"), "1.79亿美元");
        assert_eq!(value_in(Lang::Zh, 38.0, "bcm/year"), "每年380亿立方米");
        assert_eq!(value_in(Lang::Zh, 217.7, "CNY bn"), "2177亿元");
        assert_eq!(value_in(Lang::Zh, 79.6, "Mt"), "7960万吨");
        assert_eq!(pct_in(Lang::Zh, 43.25), "43.25%");
        assert_eq!(value_in(Lang::Zh, 4300.0, "km (around)"), "约4300公里");
        assert_eq!(value_in(Lang::Zh, 1000.0, "USD bn"), "1万亿美元");
    }
}
