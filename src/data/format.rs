//! Numbers as the page writes them: $240bn, $179m, 43.25%, 70 Mt, 38 bcm.

use super::split_unit;

/// Trims a fixed-point rendering: 240.0 -> "240", 43.25 -> "43.25", 2.30 -> "2.3".
pub fn num(v: f64, max_decimals: usize) -> String {
    let s = format!("{:.*}", max_decimals, v);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    // Thousands separators for big whole numbers (4,300 km).
    if let Some(int) = s.strip_prefix('-').or(Some(&s)).filter(|i| !i.contains('.') && i.len() >= 4) {
        let mut out = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        return if v < 0.0 { format!("-{out}") } else { out };
    }
    s
}

pub fn usd_bn(v: f64) -> String {
    let d = if v.abs() >= 100.0 { 0 } else { 1 };
    format!("${}bn", num(v, d))
}

pub fn pct(v: f64) -> String {
    format!("{}%", num(v, 2))
}

/// Signed change: "+26%", "−7.5%" (with a true minus sign).
pub fn change(v: f64) -> String {
    let body = num(v.abs(), 1);
    if v < 0.0 {
        format!("−{body}%")
    } else {
        format!("+{body}%")
    }
}

/// A fact's value with its unit and qualifier: "more than 30%", "$52.1bn", "70 Mt over 12 years".
pub fn value(v: f64, unit: &str) -> String {
    let (base, qualifier) = split_unit(unit);
    let body = match base {
        "USD bn" => format!("${}bn", num(v, 2)),
        "USD m" => format!("${}m", num(v, 1)),
        "CNY bn" => format!("¥{}bn", num(v, 1)),
        "%" | "% of trade" | "% average" => format!("{}%", num(v, 2)),
        "% y/y" => change(v),
        "bcm/year" => format!("{} bcm a year", num(v, 1)),
        "Mt/year" => format!("{} Mt a year", num(v, 1)),
        "of 10 brands" => format!("{} of the top 10 brands", num(v, 0)),
        "times" => format!("{}×", num(v, 1)),
        other => format!("{} {}", num(v, 2), other),
    };
    match qualifier {
        Some(q @ ("more than" | "nearly" | "about" | "less than" | "approximately")) => format!("{q} {body}"),
        _ => body,
    }
}

#[cfg(test)]
mod tests {
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
}
