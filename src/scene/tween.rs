//! Time-based tweening between two chart states, independent of the browser clock so
//! it can be tested natively. The page feeds it `performance.now()` on each frame.

/// Cubic ease-in-out: gentle start and end, as the eye expects of a moving chart.
pub fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

pub const DURATION_MS: f64 = 500.0;

/// A transition from one state to another that started at `start` (ms).
#[derive(Clone, Debug, PartialEq)]
pub struct Tween<S> {
    pub from: S,
    pub to: S,
    pub start: f64,
    pub duration: f64,
}

impl<S> Tween<S> {
    pub fn new(from: S, to: S, start: f64, duration: f64) -> Self {
        Tween { from, to, start, duration }
    }
    /// Eased progress at time `now`, 0..=1.
    pub fn at(&self, now: f64) -> f64 {
        if self.duration <= 0.0 {
            return 1.0;
        }
        ease((now - self.start) / self.duration)
    }
    pub fn done(&self, now: f64) -> bool {
        now - self.start >= self.duration
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eases_from_zero_to_one() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert!((ease(0.5) - 0.5).abs() < 1e-12);
        assert!(ease(0.25) < 0.25 && ease(0.75) > 0.75);
        assert_eq!(ease(-3.0), 0.0);
    }

    #[test]
    fn tween_runs_for_its_duration() {
        let tw = Tween::new(0.0, 1.0, 1000.0, 500.0);
        assert_eq!(tw.at(1000.0), 0.0);
        assert_eq!(tw.at(1500.0), 1.0);
        assert!(!tw.done(1499.0));
        assert!(tw.done(1500.0));
        assert_eq!(Tween::new(0, 1, 0.0, 0.0).at(0.0), 1.0);
    }
}
