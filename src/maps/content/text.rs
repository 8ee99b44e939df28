//! A map state in words: its text description, its data table and its sources.

use super::*;

pub(in crate::maps) fn view_name<'a>(m: &MapModel, w: &'a MapDescribeWords) -> &'a str {
    use crate::maps::Kind::*;
    match m.camera.kind {
        Conic if m.camera.lon < 100.0 => &w.view_north_west,
        Conic if m.camera.zoom > 3.0 => &w.view_far_east,
        Conic => &w.view_east_of_baikal,
        Polar if m.camera.zoom > 3.0 => &w.view_bering,
        Polar => &w.view_arctic,
    }
}

/// A province's or region's name for text: English says the full name ("Primorsky Krai"),
/// where the map label may be shorter.
pub(in crate::maps) fn full_name(r: &crate::maps::Region, lang: Lang) -> &str {
    match lang {
        Lang::En => &r.name,
        _ => r.name_in(lang),
    }
}

pub(in crate::maps) fn visible<K>(s: &[crate::maps::Shown<K>]) -> impl Iterator<Item = &crate::maps::Shown<K>> {
    s.iter().filter(|s| s.alpha > 0.5)
}

/// The map state in the dataset's language: the view, then what is drawn on it, each a sentence
/// of `[describe.map]` in the edition's words.
pub(in crate::maps) fn describe(m: &MapModel, data: &Dataset) -> String {
    let (lang, d) = (data.lang, &data.words().describe);
    let w = &d.map;
    let mut out = vec![say(&w.view, &[("view", view_name(m, w))])];
    if m.border > 0.5 {
        let len = data.border_figure(BORDER).and_then(|b| b.value.map(|v| format::value_in(lang, v, &b.unit)));
        out.push(match len {
            Some(l) => say(&w.border_length, &[("length", &l)]),
            None => w.border.clone(),
        });
    }
    describe_regions(m, data, &mut out);
    let g = gazetteer();
    let places: Vec<String> = visible(&m.places)
        .filter_map(|s| {
            let name = g.place(&s.id)?.name_in(lang);
            Some(match data.border_figure(&s.id).and_then(|b| figure_line(lang, b)) {
                Some(f) => say(&d.paren, &[("text", name), ("note", &f)]),
                None => name.to_string(),
            })
        })
        .collect();
    if !places.is_empty() {
        out.push(say(&w.places, &[("places", &places.join(&d.names))]));
    }
    let routes: Vec<String> = visible(&m.routes).map(|s| route_label(lang, data, &s.id).join(&d.comma)).collect();
    if !routes.is_empty() {
        out.push(say(&w.routes, &[("routes", &routes.join(&d.list))]));
    }
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            let date = data.period(&ev.date);
            out.push(say(&w.event, &[("place", place.name_in(lang)), ("event", &ev.title), ("date", &date)]));
        }
    }
    if let Some((inset, _)) = m.inset.filter(|(_, a)| *a > 0.5) {
        let i = inset_data(lang, inset, data);
        let bars: Vec<String> =
            i.bars.iter().map(|b| say(&d.item, &[("label", &b.label), ("value", &b.value_text)])).collect();
        out.push(say(&w.inset, &[("title", &i.title), ("bars", &bars.join(&d.list))]));
        if let Some((_, r)) = i.reference {
            out.push(say(&w.inset_line, &[("reference", &r)]));
        }
    }
    d.sentences(&out)
}

/// The provinces and regions drawn as shapes, by country, with their figures; which are
/// emphasised; and the faint outlines of the rest.
pub(in crate::maps) fn describe_regions(m: &MapModel, data: &Dataset, out: &mut Vec<String>) {
    let (g, lang, d) = (gazetteer(), data.lang, &data.words().describe);
    let w = &d.map;
    let regions: Vec<&crate::maps::Shown> = visible(&m.regions).collect();
    if !regions.is_empty() {
        let mut sides = Vec::new();
        for (china, side) in [(true, &w.regions_china), (false, &w.regions_russia)] {
            let names: Vec<String> = regions
                .iter()
                .filter_map(|s| g.province(&s.id).filter(|r| r.china() == china))
                .map(|r| match region_figure(lang, data, &r.id) {
                    Some((f, src)) => say(&d.paren, &[("text", full_name(r, lang)), ("note", &[f, src].join(&d.list))]),
                    None => full_name(r, lang).to_string(),
                })
                .collect();
            if !names.is_empty() {
                sides.push(say(side, &[("names", &names.join(&d.names))]));
            }
        }
        out.push(say(&w.regions, &[("sides", &sides.join(&d.list))]));
        let emph: Vec<&str> = regions
            .iter()
            .filter(|s| s.emphasis > 0.5)
            .filter_map(|s| g.province(&s.id))
            .map(|r| full_name(r, lang))
            .collect();
        if !emph.is_empty() {
            out.push(say(&w.emphasised, &[("names", &d.and_list(&emph))]));
        }
        let without = regions.iter().filter(|s| region_figure(lang, data, &s.id).is_none()).count();
        if without > 0 && without < regions.len() {
            out.push(w.no_figure.clone());
        }
    }
    if m.outlines > 0.5 {
        out.push(if m.regions.is_empty() { w.outlines.clone() } else { w.outlines_others.clone() });
    }
}

/// The table rows of the routes shown: a pipeline's capacity, status and first flow, a sea
/// route's traced length.
pub(in crate::maps) fn route_rows(t: &mut Table, m: &MapModel, data: &Dataset) {
    let (g, lang) = (gazetteer(), data.lang);
    let (en, words) = (lang == Lang::En, Words::of(lang));
    let w = &words.map;
    for s in visible(&m.routes) {
        if let Some(p) = data.pipeline_on_map(&s.id) {
            let cap = p.capacity.map(|c| format::value_in(lang, c, &p.unit)).unwrap_or_default();
            let name = if en { p.name.clone() } else { route_name(lang, &s.id) };
            let fig = format!("{name}: {cap}, {}", status_word(lang, p.status));
            let first = match p.first_flow.strip_suffix(" (planned)") {
                Some(y) if !en => format!("{} ({})", period_in(lang, y), w.planned),
                _ => p.first_flow.clone(),
            };
            t.row(vec![
                name,
                fig,
                period_in(lang, &first),
                data.source_names(&p.source),
                words.status(p.figures_status).into(),
            ]);
        } else if let Some(r) = g.route(&s.id) {
            if r.kind == RouteKind::ShippingRoute {
                let fig = w.traced_length.replace("{km}", &km(lang, r.length_km()));
                t.row(vec![
                    r.name_in(lang).to_string(),
                    fig,
                    String::new(),
                    w.traced_source.clone(),
                    w.computed.clone(),
                ]);
            }
        }
    }
}

pub(in crate::maps) fn table(m: &MapModel, data: &Dataset) -> Table {
    let g = gazetteer();
    let lang = data.lang;
    let words = Words::of(lang);
    let w = &words.map;
    let en = lang == Lang::En;
    let mut t = Table::new(
        w.table_title.as_str(),
        &[&w.col_shown, &w.col_figure, &words.col_period, &words.col_source, &words.col_status],
    );
    let row = |t: &mut Table, shown: &str, fig: String, period: &str, source: &str, status: String| {
        t.row(vec![shown.to_string(), fig, period_in(lang, period), data.source_names(source), status]);
    };
    let figure_row = |t: &mut Table, name: &str, b: &BorderFigure| {
        let fig = match (en, b.value) {
            (true, Some(v)) => format!("{}: {}", b.metric, format::value(v, &b.unit)),
            (true, None) => b.metric.clone(),
            (false, _) => figure_text(lang, b).unwrap_or_else(|| b.metric.clone()),
        };
        row(t, name, fig, &b.period, &b.source, words.status(b.status).into());
    };
    if m.border > 0.5 {
        if let Some(b) = data.border_figure(BORDER) {
            figure_row(&mut t, &w.border, b);
        }
    }
    let mut seen = Vec::new();
    for s in visible(&m.regions) {
        let Some(r) = g.province(&s.id) else { continue };
        let country = if r.china() { &w.china } else { &w.russia };
        let name = if en { &r.name } else { r.name_in(lang) };
        let name = format!("{name} ({country})");
        match data.border_figure(&s.id) {
            Some(b) => figure_row(&mut t, &name, b),
            None => {
                t.row(vec![name, w.no_figure.clone(), String::new(), w.outline_source.clone(), w.outline_only.clone()])
            }
        }
    }
    for s in visible(&m.places) {
        if let (Some(p), Some(b)) = (g.place(&s.id), data.border_figure(&s.id)) {
            if !seen.contains(&b.place) {
                seen.push(b.place.clone());
                let name = if en { format!("{} ({})", b.place, p.name) } else { p.name_in(lang).to_string() };
                figure_row(&mut t, &name, b);
            }
        }
    }
    route_rows(&mut t, m, data);
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            row(
                &mut t,
                &w.event_near.replace("{place}", place.name_in(lang)),
                ev.title.clone(),
                &ev.date,
                &ev.source,
                words.status(ev.status).into(),
            );
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            let d = inset_data(lang, inset, data);
            for b in &d.bars {
                let source = if b.source.is_empty() { w.traced_source.clone() } else { data.source_names(&b.source) };
                t.row(vec![
                    format!("{}: {}", d.title, b.label),
                    b.value_text.clone(),
                    period_in(lang, &b.period),
                    source,
                    b.status.clone(),
                ]);
            }
            inset_table_rows(&mut t, lang, data, inset_facts(inset), &d.title, d.reference.map(|r| r.0));
        }
    }
    t
}

/// The table rows of an inset's figures besides its bars: each stack segment by its route,
/// and the reference line.
pub(in crate::maps) fn inset_table_rows(
    t: &mut Table,
    lang: Lang,
    data: &Dataset,
    def: &InsetFacts,
    title: &str,
    reference: Option<f64>,
) {
    let words = Words::of(lang);
    let mut row = |what: String, fact: &crate::data::Fact, value: String| {
        t.row(vec![
            what,
            value,
            period_in(lang, &fact.period),
            data.source_names(&fact.source),
            words.status(fact.status).into(),
        ]);
    };
    for p in &def.stack {
        if let Some(f) = data.fact(&p.fact) {
            let v = f.value.map(|v| format::value_in(lang, v, &f.unit)).unwrap_or_default();
            row(format!("{title}: {}", route_name(lang, &p.route)), f, v);
        }
    }
    if let (Some(v), Some(f)) = (reference, def.reference.as_deref().and_then(|id| data.fact(id))) {
        row(words.map.pos1_capacity_row.clone(), f, format::value_in(lang, v, &f.unit));
    }
}

pub(in crate::maps) fn sources(m: &MapModel, data: &Dataset) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        for id in s.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
        }
    };
    if m.border > 0.5 {
        if let Some(b) = data.border_figure(BORDER) {
            add(&b.source);
        }
    }
    for s in visible(&m.regions).chain(visible(&m.places)) {
        if let Some(b) = data.border_figure(&s.id) {
            add(&b.source);
        }
    }
    for s in visible(&m.routes) {
        if let Some(p) = data.pipeline_on_map(&s.id) {
            add(&p.source);
        }
    }
    for e in visible(&m.events) {
        if let Some((ev, _)) = event(data, &e.id) {
            add(&ev.source);
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            for b in inset_data(Lang::En, inset, data).bars {
                add(&b.source);
            }
            for f in inset_facts(inset).ids() {
                if let Some(f) = data.fact(f) {
                    add(&f.source);
                }
            }
        }
    }
    // Every map is drawn from the base map and the traced routes; distances come from them.
    add(&gazetteer().source);
    ids
}
