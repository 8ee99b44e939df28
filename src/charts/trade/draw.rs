//! The trade chart drawn: layout from measured labels, then named passes (event marks, lines
//! with end labels, year labels, the side panel) over one `Layout`.

use super::*;

/// Where a trade chart draws: the plot, its scales, and the labels and panel beside it,
/// measured in the edition's words before the plot takes the rest.
struct Layout<'a> {
    data: &'a Dataset,
    theme: &'a Theme,
    size: Size,
    plot: Plot,
    x: Linear,
    y: Linear,
    ends: Vec<EndLabel>,
    panel: Option<PanelFit>,
}

/// The label at the end of a series' line: its last value and its name, each fitted to the
/// label column, and where it sits after neighbours are spread apart.
struct EndLabel {
    /// Index into `TradeModel::series`.
    i: usize,
    values: Vec<String>,
    names: Vec<String>,
    /// The middle of the first line.
    first: f64,
}

impl EndLabel {
    fn count(&self) -> usize {
        self.values.len() + self.names.len()
    }
    fn width(&self, theme: &Theme) -> f64 {
        widest(&self.values, theme.font, true).max(widest(&self.names, theme.font - 1.0, false))
    }
    /// Top and bottom of the label's lines.
    fn band(&self, theme: &Theme) -> (f64, f64) {
        let lh = theme.font + 1.0;
        (self.first - lh / 2.0, self.first + (self.count() as f64 - 0.5) * lh)
    }
}

/// The side panel's columns, measured: a column widens when its value or period needs it.
struct PanelFit {
    bar_w: f64,
    /// The room the panel takes at the right, its gap to the plot included.
    width: f64,
    values: [Vec<String>; 2],
    captions: [Vec<String>; 2],
}

impl TradeModel {
    pub fn scene(&self, data: &Dataset, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let l = self.layout(data, size, theme);
        let tick = |v| format::usd_bn_tick(data.lang, v);
        y_axis(&mut scene, &l.plot, &l.y, 5, tick, theme);
        x_axis_years(&mut scene, &l.plot, &l.x, theme);
        let mut taken = self.event_marks(&mut scene, &l);
        taken.extend(self.lines(&mut scene, &l));
        taken.extend(self.side_panel(&mut scene, &l));
        self.year_labels(&mut scene, &l, &taken);
        scene
    }

    /// Measures the end labels and the side panel in the edition's words, then gives the plot
    /// what is left: the right margin is what the labels need, not a guess per width. On a
    /// narrow chart the end labels may share the panel's column when they sit above it.
    fn layout<'a>(&self, data: &'a Dataset, size: Size, theme: &'a Theme) -> Layout<'a> {
        let narrow = size.width < 480.0;
        let tick = |v| format::usd_bn_tick(data.lang, v);
        let left = y_axis_room((0.0, self.y_max), 5, tick, theme).max(40.0);
        let (top, bottom) = (36.0, (size.height - 30.0).max(46.0));
        let y = Linear::new((0.0, self.y_max), (bottom, top));
        let panel = self.panel_fit(data, theme, narrow);
        let ends = self.end_labels(data, theme, narrow, &y, (top, bottom), panel.is_some());
        let label_w = ends.iter().map(|e| e.width(theme) + 12.0).fold(0.0, f64::max);
        let panel_w = panel.as_ref().map_or(0.0, |p| p.width);
        let mut right = label_w + panel_w;
        if let Some(p) = panel.as_ref().filter(|_| size.width - left - right < 0.5 * (size.width - left)) {
            // Too little plot left: the end labels may stand over the panel if they are clear
            // of it from top to bottom (the panel's heading sits in the margin above the plot).
            let panel_top = self.panel_top(p, theme, &y);
            if ends.iter().all(|e| e.band(theme).1 + 4.0 < panel_top) {
                right = label_w.max(panel_w);
            }
        }
        let plot = Plot { left, top, right: (size.width - right).max(left + 10.0), bottom };
        let x = Linear::new((self.x0, self.x1), (plot.left, plot.right));
        Layout { data, theme, size, plot, x, y, ends, panel }
    }

    /// A series' points in data units (year, value), cut at the chart's time bounds.
    fn points(&self, data: &Dataset, series: Series) -> Vec<(f64, f64)> {
        let years = annual_years(data)
            .filter(|(yr, _)| (*yr as f64) >= self.x0.floor() - 1.0 && (*yr as f64) <= self.x1.ceil());
        clip_polyline(years.map(|(yr, r)| (yr as f64, series.of(r))).collect(), self.x0, self.x1)
    }

    /// The end labels, fitted to the label column (a value too wide for it takes two lines) and
    /// spread apart by the tallest one; with a side panel, kept below the panel's heading.
    fn end_labels(
        &self,
        data: &Dataset,
        theme: &Theme,
        narrow: bool,
        y: &Linear,
        (top, bottom): (f64, f64),
        panel: bool,
    ) -> Vec<EndLabel> {
        let col = if narrow { 68.0 } else { 118.0 };
        let lh = theme.font + 1.0;
        let mut ends: Vec<EndLabel> = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            if s.alpha <= 0.01 {
                continue;
            }
            let Some(&(_, value)) = self.points(data, s.series).last() else { continue };
            let values = fit(&format::usd_bn_in(data.lang, value), theme.font, col + 12.0, 2, true);
            let names = wrap(s.series.name(data.words(), narrow), theme.font - 1.0, col);
            ends.push(EndLabel { i, values, names, first: y.map(value) });
        }
        let most = ends.iter().map(EndLabel::count).max().unwrap_or(2);
        let gap = lh * most as f64 + 6.0;
        let min = if panel { top - 2.0 + most as f64 * lh / 2.0 } else { top };
        for (i, py) in spread(ends.iter().map(|e| (e.i, e.first)).collect(), gap, min, bottom) {
            if let Some(e) = ends.iter_mut().find(|e| e.i == i) {
                // The value above the point, the name beside it (as one name line always was).
                e.first = py - (e.count() as f64 - 1.0) * lh / 2.0 - 6.0;
            }
        }
        ends
    }

    /// The side panel's labels fitted to its columns; the columns widen to the widest.
    fn panel_fit(&self, data: &Dataset, theme: &Theme, narrow: bool) -> Option<PanelFit> {
        let p = self.panel.as_ref().filter(|_| self.panel_alpha > 0.01)?;
        let bar_w: f64 = if narrow { 44.0 } else { 63.0 };
        let usd = |v| format::usd_bn_in(data.lang, v);
        let values = [fit(&usd(p.before), theme.font - 1.0, bar_w + 4.0, 2, false), {
            fit(&usd(p.now), theme.font - 1.0, bar_w + 4.0, 2, true)
        }];
        let captions = [&p.label_before, &p.label_now].map(|c| fit(c, theme.font - 2.0, bar_w, 2, false));
        let need = widest(&values[0], theme.font - 1.0, false)
            .max(widest(&values[1], theme.font - 1.0, true))
            .max(captions.iter().map(|c| widest(c, theme.font - 2.0, false)).fold(0.0, f64::max));
        // Neighbouring columns' labels keep 6 px apart.
        let bar_w = bar_w.max(need - 2.0);
        Some(PanelFit { bar_w, width: (2.0 * bar_w + 24.0) * self.panel_alpha, values, captions })
    }

    /// The top of what the panel draws inside the plot's height: its change figure.
    fn panel_top(&self, fit: &PanelFit, theme: &Theme, y: &Linear) -> f64 {
        self.panel.as_ref().map_or(f64::INFINITY, |p| self.change_y(p, fit, theme, y) - (theme.font + 3.0))
    }

    /// The baseline of the panel's change figure: above both bars' value labels.
    fn change_y(&self, p: &PartialPanel, fit: &PanelFit, theme: &Theme, y: &Linear) -> f64 {
        let lh = theme.font;
        let tops = [(p.before, &fit.values[0]), (p.now, &fit.values[1])]
            .map(|(v, lines)| y.map(v) - 4.0 - lines.len() as f64 * lh);
        (y.map(p.before) - 26.0).min(tops[0].min(tops[1]) - 4.0)
    }

    /// Event rules behind the data, each label stacked at the first row where it meets no
    /// other. Returns the labels' boxes, so value labels can keep clear of them.
    fn event_marks(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { theme, plot, x, .. } = *l;
        let size_t = theme.font - 1.5;
        let lh = size_t + 2.0;
        let mut boxes: Vec<Rect> = Vec::new();
        for e in &self.events {
            if e.when < self.x0 - 0.01 || e.when > self.x1 + 0.01 || e.alpha <= 0.01 {
                continue;
            }
            let px = x.map(e.when);
            let c = theme.accent.alpha(e.alpha);
            scene.push(Shape::Line {
                points: vec![(px, plot.top + 4.0), (px, plot.bottom)],
                color: c,
                width: 1.0,
                dashed: true,
            });
            // Beside the rule on the side with room; wrapped narrower when neither has 120 px.
            let (right_room, left_room) = (plot.right - px - 4.0, px - plot.left - 4.0);
            let mut lines = wrap(&e.label, size_t, 120.0);
            let mut width = widest(&lines, size_t, false);
            if width > right_room && width > left_room {
                lines = wrap(&e.label, size_t, right_room.max(left_room));
                width = widest(&lines, size_t, false);
            }
            let (h, x_text) = if right_room >= width || right_room >= left_room {
                (HAnchor::Left, px + 4.0)
            } else {
                (HAnchor::Right, px - 4.0)
            };
            let height = lines.len() as f64 * lh;
            let at = |row: usize| plot.top + 8.0 + row as f64 * lh;
            let rect = |row: usize| Rect::of_text((x_text, at(row)), width, height, h, VAnchor::Top);
            let row = (0..8).find(|&r| !boxes.iter().any(|b| b.overlaps(&rect(r).grown(2.0)))).unwrap_or(0);
            boxes.push(rect(row));
            for (i, line) in lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (x_text, at(row) + i as f64 * lh),
                    text: line.clone(),
                    size: size_t,
                    color: c,
                    h,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        boxes
    }

    /// The series' lines, each ending in a dot and its end label. Returns the labels' boxes.
    fn lines(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { data, theme, x, y, .. } = *l;
        for s in self.series.iter().filter(|s| s.alpha > 0.01) {
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let pts: Vec<(f64, f64)> =
                self.points(data, s.series).into_iter().map(|(yr, v)| (x.map(yr), y.map(v))).collect();
            if let Some(&last) = pts.last() {
                scene.push(Shape::Circle { center: last, radius: 3.5, fill: c, stroke: None });
            }
            scene.push(Shape::line(pts, c, if s.series == Series::Total { 2.5 } else { 2.25 }));
        }
        let lh = theme.font + 1.0;
        let mut boxes = Vec::new();
        for e in &l.ends {
            let s = &self.series[e.i];
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let px = x.map(self.x1.min(self.points(data, s.series).last().map_or(self.x1, |p| p.0))) + 8.0;
            let lines = e.values.iter().map(|t| (t, true)).chain(e.names.iter().map(|t| (t, false)));
            for (k, (text, bold)) in lines.enumerate() {
                scene.push(Shape::Text {
                    at: (px, e.first + k as f64 * lh),
                    text: text.clone(),
                    size: if bold { theme.font } else { theme.font - 1.0 },
                    color: c,
                    h: HAnchor::Left,
                    v: VAnchor::Middle,
                    bold,
                });
            }
            let (b0, b1) = e.band(theme);
            boxes.push(Rect { x0: px, y0: b0, x1: px + e.width(theme), y1: b1 });
        }
        boxes
    }

    /// Values written at the marked years: above the point, or below, or beside it, whichever
    /// first keeps clear of every line, label and edge.
    fn year_labels(&self, scene: &mut Scene, lay: &Layout, taken: &[Rect]) {
        let Layout { data, theme, size, plot, x, y, .. } = *lay;
        let lines: Vec<Vec<(f64, f64)>> = self
            .series
            .iter()
            .filter(|s| s.alpha > 0.01)
            .map(|s| self.points(data, s.series).into_iter().map(|(yr, v)| (x.map(yr), y.map(v))).collect())
            .collect();
        let mut taken = taken.to_vec();
        let fs = theme.font - 1.0;
        for l in &self.labels {
            if (l.year as f64) < self.x0 - 0.01 || (l.year as f64) > self.x1 + 0.01 || l.alpha <= 0.01 {
                continue;
            }
            let Some(row) = data.trade_year(l.year) else { continue };
            for s in self.series.iter().filter(|s| s.alpha > 0.01) {
                let p = (x.map(l.year as f64), y.map(s.series.of(row)));
                let c = s.series.colour().rgba(theme).alpha(l.alpha * s.alpha);
                scene.push(Shape::Circle {
                    center: p,
                    radius: 4.0,
                    fill: theme.background.alpha(l.alpha),
                    stroke: Some(c),
                });
                let text = format::usd_bn_in(data.lang, s.series.of(row));
                // One line, or two where one does not fit between its neighbours.
                let two = fit(&text, fs, 0.6 * widest(std::slice::from_ref(&text), fs, true), 2, true);
                let mut choices = Vec::new();
                for lines in [vec![text.clone()], two] {
                    let (w, h) = (widest(&lines, fs, true), lines.len() as f64 * fs);
                    for k in 0..3 {
                        let (d, side) = (9.0 + k as f64 * (fs + 2.0), 7.0);
                        for (at, ha, va) in [
                            ((p.0, p.1 - d), HAnchor::Center, VAnchor::Bottom),
                            ((p.0, p.1 + d), HAnchor::Center, VAnchor::Top),
                            ((p.0 - side, p.1 - d + 2.0), HAnchor::Right, VAnchor::Bottom),
                            ((p.0 + side, p.1 - d + 2.0), HAnchor::Left, VAnchor::Bottom),
                            ((p.0 - side, p.1 + d - 2.0), HAnchor::Right, VAnchor::Top),
                            ((p.0 + side, p.1 + d - 2.0), HAnchor::Left, VAnchor::Top),
                        ] {
                            choices.push((lines.clone(), Rect::of_text(at, w, h, ha, va), ha));
                        }
                    }
                }
                let clear = |r: &Rect| {
                    let pad = r.grown(2.0);
                    r.x0 >= plot.left + 2.0
                        && r.x1 <= size.width - 2.0
                        && r.y0 >= 0.0
                        && r.y1 <= plot.bottom
                        && !lines.iter().any(|line| pad.crossed_by_line(line))
                        && !taken.iter().any(|b| b.overlaps(&pad))
                };
                let (chosen, r, ha) = choices.iter().find(|c| clear(&c.1)).unwrap_or(&choices[0]).clone();
                taken.push(r);
                let x = match ha {
                    HAnchor::Left => r.x0,
                    HAnchor::Center => (r.x0 + r.x1) / 2.0,
                    HAnchor::Right => r.x1,
                };
                for (j, line) in chosen.iter().enumerate() {
                    let at = (x, r.y0 + (j as f64 + 0.5) * fs);
                    Shape::Text { at, text: line.clone(), size: fs, color: c, h: ha, v: VAnchor::Middle, bold: true }
                        .push_with_halo(scene, theme.background);
                }
            }
        }
    }

    /// The partial-year comparison at the right: the same months a year apart, and the change.
    /// Returns the boxes of its labels.
    fn side_panel(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { data, theme, size, plot, y, .. } = *l;
        let (Some(p), Some(fit)) = (&self.panel, &l.panel) else { return Vec::new() };
        let mut boxes = Vec::new();
        let a = self.panel_alpha;
        let bar_w = fit.bar_w;
        // Anchored to the right edge: the plot takes what the panel leaves.
        let x0 = size.width - 4.0 - (2.0 * bar_w + 8.0);
        let w = data.words();
        let heading = if size.width < 480.0 { &w.year_on_year } else { &w.same_months };
        scene.push(Shape::Text {
            at: (size.width - 4.0, plot.top - 16.0),
            text: heading.clone(),
            size: theme.font - 2.0,
            color: theme.muted.alpha(a),
            h: HAnchor::Right,
            v: VAnchor::Middle,
            bold: false,
        });
        let bars = [(p.before, theme.muted), (p.now, theme.total)];
        for (k, (v, c)) in bars.into_iter().enumerate() {
            let bx = x0 + k as f64 * (bar_w + 8.0);
            let mid = bx + bar_w / 2.0;
            scene.push(Shape::Rect { x0: bx, y0: y.map(v), x1: bx + bar_w, y1: plot.bottom, fill: c.alpha(a * 0.85) });
            let values = &fit.values[k];
            let fs = theme.font - 1.0;
            for (j, line) in values.iter().enumerate() {
                let at = (mid, y.map(v) - 4.0 - (values.len() - 1 - j) as f64 * theme.font);
                scene.push(Shape::Text {
                    at,
                    text: line.clone(),
                    size: fs,
                    color: theme.ink.alpha(a),
                    h: HAnchor::Center,
                    v: VAnchor::Bottom,
                    bold: k == 1,
                });
            }
            let vw = widest(values, fs, k == 1);
            boxes.push(Rect {
                x0: mid - vw / 2.0,
                y0: y.map(v) - 4.0 - values.len() as f64 * theme.font,
                x1: mid + vw / 2.0,
                y1: y.map(v) - 4.0,
            });
            for (j, part) in fit.captions[k].iter().enumerate() {
                scene.push(Shape::Text {
                    at: (mid, plot.bottom + 7.0 + j as f64 * theme.font),
                    text: part.clone(),
                    size: theme.font - 2.0,
                    color: theme.muted.alpha(a),
                    h: HAnchor::Center,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        let change_y = self.change_y(p, fit, theme, &y);
        let change = format::change_in(data.lang, p.change);
        let cw = widest(std::slice::from_ref(&change), theme.font + 3.0, true);
        let cx = x0 + bar_w + 4.0;
        scene.push(Shape::Text {
            at: (cx, change_y),
            text: change,
            size: theme.font + 3.0,
            color: theme.china.alpha(a),
            h: HAnchor::Center,
            v: VAnchor::Bottom,
            bold: true,
        });
        boxes.push(Rect { x0: cx - cw / 2.0, y0: change_y - theme.font - 3.0, x1: cx + cw / 2.0, y1: change_y });
        boxes
    }
}
