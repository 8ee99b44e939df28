//! The scroll engine's decisions, kept free of the DOM so they can be tested:
//! which step is active for given step positions, where keys go, what a hash means,
//! and whether a change animates.
//!
//! The active step is derived from geometry on every check (the last step whose top
//! has crossed the reading line), never accumulated from enter/leave events. So a
//! resize, a browser zoom, a fling on a phone or a jump to an anchor cannot leave a
//! stale or skipped step: the next check simply reads the page as it is.

/// Index of the active step and the progress (0..1) through it, for step boxes given
/// as (top, height) relative to the viewport, and the reading line's offset from the
/// viewport top. Before the first step, the first is active at progress 0.
pub fn active_step(boxes: &[(f64, f64)], reading_line: f64) -> Option<(usize, f64)> {
    if boxes.is_empty() {
        return None;
    }
    let index = boxes.iter().rposition(|&(top, _)| top <= reading_line).unwrap_or(0);
    let (top, height) = boxes[index];
    let progress = if height > 0.0 { ((reading_line - top) / height).clamp(0.0, 1.0) } else { 1.0 };
    Some((index, progress))
}

/// `active_step`, reading only the boxes it needs: a walk from `hint` (the step active at the
/// last check), back while the step starts below the line, then forward while the next one
/// has reached it. An ordinary scroll reads two or three boxes instead of every step's; a jump
/// walks as far as it went. Steps are in reading order, their tops increasing down the page,
/// and for such boxes the answer is `active_step`'s (a test holds the two together).
pub fn active_step_near(
    count: usize,
    hint: usize,
    mut read: impl FnMut(usize) -> (f64, f64),
    reading_line: f64,
) -> Option<(usize, f64)> {
    if count == 0 {
        return None;
    }
    let mut i = hint.min(count - 1);
    let mut b = read(i);
    while b.0 > reading_line && i > 0 {
        i -= 1;
        b = read(i);
    }
    while i + 1 < count {
        let next = read(i + 1);
        if next.0 > reading_line {
            break;
        }
        (i, b) = (i + 1, next);
    }
    let (top, height) = b;
    let progress = if height > 0.0 { ((reading_line - top) / height).clamp(0.0, 1.0) } else { 1.0 };
    Some((i, progress))
}

/// The reading line: a fraction down the viewport, nearer the top on short (landscape
/// phone) screens so a step does not have to scroll far before it counts.
pub fn reading_line(viewport_height: f64) -> f64 {
    viewport_height * if viewport_height < 500.0 { 0.4 } else { 0.55 }
}

/// How far to scroll (CSS px, from where the page is) to bring a step to the reading line
/// for a jump (deep link, key): its top just past the line and then, as long as the line
/// stays inside the step, further until the chapter's sticky graphic has stuck.
/// `unstuck_by` is how far the graphic's column now sits below its sticky position.
pub fn jump_delta(step_top: f64, step_bottom: f64, line: f64, unstuck_by: f64) -> f64 {
    let to_line = step_top - line + 2.0;
    // Past this the line would leave the step (keep a margin for rounding).
    let room = (step_bottom - line - 24.0 - to_line).max(0.0);
    to_line + (unstuck_by - to_line).clamp(0.0, room)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Next,
    Previous,
    First,
    Last,
}

impl Key {
    pub fn from_name(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowDown" | "PageDown" | "ArrowRight" => Key::Next,
            "ArrowUp" | "PageUp" | "ArrowLeft" => Key::Previous,
            "Home" => Key::First,
            "End" => Key::Last,
            _ => return None,
        })
    }
}

/// A key in an embed. Only ←/→ step there: ↑/↓, PageUp/PageDown, Home, End and Space belong to
/// the host page's scrolling. Present mode owns the whole screen and takes them all (Space
/// steps, Shift+Space back, unless a button has focus, where Space presses it).
pub fn embed_key(key: &str, present: bool, shift: bool, on_button: bool) -> Option<Key> {
    match key {
        "ArrowRight" => Some(Key::Next),
        "ArrowLeft" => Some(Key::Previous),
        " " if present && !on_button => Some(if shift { Key::Previous } else { Key::Next }),
        _ if present => Key::from_name(key),
        _ => None,
    }
}

/// The step a key press moves to, from `current` among `count` steps.
pub fn key_target(current: usize, count: usize, key: Key) -> usize {
    if count == 0 {
        return 0;
    }
    match key {
        Key::Next => (current + 1).min(count - 1),
        Key::Previous => current.saturating_sub(1),
        Key::First => 0,
        Key::Last => count - 1,
    }
}

/// A URL fragment as a step id: without '#', percent-decoding not needed because ids
/// are restricted to [a-z0-9-]; anything else is not a step.
pub fn hash_step_id(hash: &str) -> Option<&str> {
    let id = hash.strip_prefix('#').unwrap_or(hash);
    super::is_id(id).then_some(id)
}

/// How long the graphic takes to move between two steps, in ms: no animation under
/// reduced motion or on a jump (deep link, Home/End), so nothing plays through the
/// steps in between.
pub fn transition_ms(reduced_motion: bool, jump: bool) -> f64 {
    if reduced_motion || jump {
        0.0
    } else {
        crate::scene::tween::DURATION_MS
    }
}

/// Which step of a chapter its graphic shows when the active step is elsewhere:
/// the first step before the chapter is reached, the last one after it is left.
pub fn chapter_step(chapter: usize, active_chapter: usize, active_step: usize, steps_in_chapter: usize) -> usize {
    use std::cmp::Ordering::*;
    match chapter.cmp(&active_chapter) {
        Less => steps_in_chapter.saturating_sub(1),
        Equal => active_step.min(steps_in_chapter.saturating_sub(1)),
        Greater => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(tops: &[f64]) -> Vec<(f64, f64)> {
        tops.iter().map(|&t| (t, 400.0)).collect()
    }

    #[test]
    fn the_last_step_above_the_line_is_active() {
        let b = boxes(&[-900.0, -500.0, 100.0, 700.0]);
        assert_eq!(active_step(&b, 440.0), Some((2, 0.85)));
    }

    #[test]
    fn before_the_first_step_the_first_is_active() {
        assert_eq!(active_step(&boxes(&[600.0, 1200.0]), 440.0), Some((0, 0.0)));
        assert_eq!(active_step(&[], 440.0), None);
    }

    #[test]
    fn a_fling_past_several_steps_lands_on_the_right_one() {
        // Scrolled straight from the top to far below: no step in between matters.
        let b = boxes(&[-3000.0, -2500.0, -2000.0, -1500.0, 300.0]);
        assert_eq!(active_step(&b, 440.0).unwrap().0, 4);
    }

    #[test]
    fn after_a_resize_positions_decide_again() {
        // Same scroll position, text reflowed taller: an earlier step now holds the line.
        let before = boxes(&[-400.0, 200.0, 800.0]);
        let after = vec![(-400.0, 900.0), (500.0, 900.0), (1400.0, 900.0)];
        assert_eq!(active_step(&before, 440.0).unwrap().0, 1);
        assert_eq!(active_step(&after, 440.0).unwrap().0, 0);
    }

    #[test]
    fn the_walk_from_any_hint_agrees_with_reading_every_box() {
        // Tall and short steps, gaps between them, one of height 0.
        let tops = [-900.0, -300.0, -120.0, 200.0, 200.0, 520.0, 1400.0];
        let heights = [500.0, 150.0, 300.0, 0.0, 280.0, 700.0, 400.0];
        let b: Vec<(f64, f64)> = tops.iter().zip(heights).map(|(&t, h)| (t, h)).collect();
        for line in [-2000.0, -900.0, -400.0, 0.0, 199.9, 200.0, 440.0, 1399.0, 5000.0] {
            for hint in 0..b.len() + 2 {
                let mut reads = 0;
                let near = active_step_near(
                    b.len(),
                    hint,
                    |i| {
                        reads += 1;
                        b[i]
                    },
                    line,
                );
                assert_eq!(near, active_step(&b, line), "line {line}, hint {hint}");
                assert!(reads <= b.len() + 1, "line {line}, hint {hint}: {reads} reads");
            }
        }
        // Staying on the hinted step reads it and the next one only.
        let mut reads = 0;
        assert_eq!(
            active_step_near(
                b.len(),
                2,
                |i| {
                    reads += 1;
                    b[i]
                },
                0.0
            )
            .map(|a| a.0),
            Some(2)
        );
        assert_eq!(reads, 2);
        assert_eq!(active_step_near(0, 3, |_| unreachable!(), 0.0), None);
    }

    #[test]
    fn keys_move_and_stop_at_the_ends() {
        assert_eq!(key_target(0, 5, Key::Previous), 0);
        assert_eq!(key_target(4, 5, Key::Next), 4);
        assert_eq!(key_target(2, 5, Key::Next), 3);
        assert_eq!(key_target(2, 5, Key::Last), 4);
        assert_eq!(key_target(2, 5, Key::First), 0);
        assert_eq!(Key::from_name("PageDown"), Some(Key::Next));
        assert_eq!(Key::from_name("a"), None);
    }

    #[test]
    fn only_well_formed_hashes_name_steps() {
        assert_eq!(hash_step_id("#boom-record"), Some("boom-record"));
        assert_eq!(hash_step_id("#<img src=x>"), None);
        assert_eq!(hash_step_id("#"), None);
    }

    #[test]
    fn jumps_and_reduced_motion_do_not_animate() {
        assert_eq!(transition_ms(true, false), 0.0);
        assert_eq!(transition_ms(false, true), 0.0);
        assert!(transition_ms(false, false) >= 400.0);
    }

    #[test]
    fn jumps_bring_the_step_to_the_line_and_the_graphic_to_its_sticky_place() {
        // Step 1000..1800 below the top, line at 440: the top goes just past the line.
        assert_eq!(jump_delta(1000.0, 1800.0, 440.0, 0.0), 562.0);
        // The graphic's column is 700 px below its sticky place: scroll 700, the line is
        // still inside the step.
        assert_eq!(jump_delta(1000.0, 1800.0, 440.0, 700.0), 700.0);
        // A short step: scroll only as far as keeps the line inside it.
        assert_eq!(jump_delta(1000.0, 1200.0, 440.0, 2000.0), 1200.0 - 440.0 - 24.0);
        // Never less than bringing the top to the line.
        assert_eq!(jump_delta(1000.0, 1010.0, 440.0, 2000.0), 562.0);
    }

    #[test]
    fn other_chapters_rest_on_their_nearest_step() {
        assert_eq!(chapter_step(0, 2, 1, 4), 3);
        assert_eq!(chapter_step(3, 2, 1, 4), 0);
        assert_eq!(chapter_step(2, 2, 1, 4), 1);
    }
}
