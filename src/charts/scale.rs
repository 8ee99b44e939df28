//! Linear scales and "nice" ticks, shared by every chart form.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Linear { domain, range }
    }
    pub fn map(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            return r0;
        }
        r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
    pub fn invert(&self, px: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if r1 == r0 {
            return d0;
        }
        d0 + (px - r0) / (r1 - r0) * (d1 - d0)
    }
}

/// A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`.
pub fn nice_step(span: f64, count: usize) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm < 1.5 {
        1.0
    } else if norm < 3.0 {
        2.0
    } else if norm < 7.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Tick values from `lo` to `hi` inclusive at a nice step.
pub fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let step = nice_step(hi - lo, count);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Rounds a maximum up to the next nice tick so the top gridline is labelled.
pub fn nice_max(max: f64, count: usize) -> f64 {
    let step = nice_step(max, count);
    (max / step - 1e-9).ceil() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_inverts() {
        let s = Linear::new((0.0, 250.0), (400.0, 0.0));
        assert_eq!(s.map(0.0), 400.0);
        assert_eq!(s.map(250.0), 0.0);
        assert!((s.invert(s.map(123.0)) - 123.0).abs() < 1e-9);
    }

    #[test]
    fn ticks_are_nice() {
        assert_eq!(ticks(0.0, 250.0, 5), vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0]);
        assert_eq!(ticks(2014.0, 2024.0, 5), vec![2014.0, 2016.0, 2018.0, 2020.0, 2022.0, 2024.0]);
        assert_eq!(nice_max(244.8, 5), 250.0);
        assert_eq!(nice_max(40.0, 4), 40.0);
    }
}
