//! The insets' figures: which facts each inset shows (assets/story/insets.toml) and their
//! bars or stacks in the edition's words.

use super::*;

pub(in crate::maps) const BCM_IN_YI: f64 = 10.0;
pub(in crate::maps) const MT_IN_WAN: f64 = 100.0;

pub(in crate::maps) use crate::maps::inset_facts::InsetFacts;

/// The insets' figures by inset (keyed by the id a step's view names it by, `inset =
/// "pos1-flows"`), parsed once; an unknown inset id is an error.
pub(in crate::maps) fn insets() -> &'static BTreeMap<Inset, InsetFacts> {
    static INSETS: OnceLock<BTreeMap<Inset, InsetFacts>> = OnceLock::new();
    INSETS.get_or_init(|| {
        let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/insets.bin"));
        crate::wire::read_compiled(bytes, crate::maps::inset_facts::MAGIC, "the compiled insets")
            .unwrap_or_else(|e| panic!("assets/story/insets.toml: {e}"))
    })
}

/// The figures of an inset (none for the insets drawn from nsr.csv or the routes).
pub(in crate::maps) fn inset_facts(inset: Inset) -> &'static InsetFacts {
    static NONE: InsetFacts =
        InsetFacts { bars: Vec::new(), reference: None, stack: Vec::new(), total: None, compare: None };
    insets().get(&inset).unwrap_or(&NONE)
}

/// Colours of a stacked bar's segments, in order (indices into the theme's categorical palette).
pub(in crate::maps) const STACK_COLOURS: [usize; 3] = [2, 5, 6];

/// One bar of an inset: label, segments (value, colour index into the theme's categorical
/// palette), the printed value, and the table row behind it.
pub(in crate::maps) struct Bar {
    pub label: String,
    pub segments: Vec<(f64, usize)>,
    pub value_text: String,
    pub source: String,
    pub status: String,
    pub period: String,
}

pub(in crate::maps) struct InsetData {
    pub title: String,
    pub bars: Vec<Bar>,
    /// A reference line: (value, label).
    pub reference: Option<(f64, String)>,
}

pub(in crate::maps) fn fact_bar(lang: Lang, data: &Dataset, id: &str, label: &str, colour: usize) -> Option<Bar> {
    let f = data.fact(id)?;
    let v = f.value?;
    Some(Bar {
        label: label.into(),
        segments: vec![(v, colour)],
        value_text: format::value_in(lang, v, &f.unit),
        source: f.source.clone(),
        status: Words::of(lang).status(f.status).into(),
        period: f.period.clone(),
    })
}

/// A period for a label: the edition's words, except English keeps the data's own writing.
pub(in crate::maps) fn period_in(lang: Lang, p: &str) -> String {
    match lang {
        Lang::En => p.to_string(),
        _ => Words::of(lang).period(p),
    }
}

/// An inset of one bar per fact, labelled with its period, and a reference line (`{value}` in
/// `reference_words`).
pub(in crate::maps) fn fact_bars_inset(
    lang: Lang,
    data: &Dataset,
    def: &InsetFacts,
    title: &str,
    reference_words: &str,
) -> InsetData {
    InsetData {
        title: title.to_string(),
        bars: def
            .bars
            .iter()
            .filter_map(|id| {
                let f = data.fact(id)?;
                let mut b = fact_bar(lang, data, id, &period_in(lang, &f.period), 2)?;
                b.value_text = count(lang, f.value?, 1, BCM_IN_YI);
                Some(b)
            })
            .collect(),
        reference: def
            .reference
            .as_deref()
            .and_then(|id| data.fact(id))
            .and_then(|f| f.value)
            .map(|v| (v, say(reference_words, &[("value", &count(lang, v, 0, BCM_IN_YI))]))),
    }
}

/// An inset of one stacked bar (a segment per fact, written as its published total) against a
/// second bar.
pub(in crate::maps) fn stack_inset(lang: Lang, data: &Dataset, def: &InsetFacts) -> InsetData {
    let w = &Words::of(lang).map;
    let v = |id: &str| data.fact(id).and_then(|f| f.value).unwrap_or(0.0);
    let total = def.total.as_deref().and_then(|id| data.fact(id));
    let segments = def.stack.iter().zip(STACK_COLOURS.iter().cycle()).map(|(p, &c)| (v(&p.fact), c)).collect();
    let mut bars = vec![Bar {
        label: w.gas_china.clone(),
        segments,
        value_text: format!("≈{}", count(lang, total.and_then(|f| f.value).unwrap_or(0.0), 0, BCM_IN_YI)),
        source: total.map(|f| f.source.clone()).unwrap_or_default(),
        status: total.map(|f| Words::of(lang).status(f.status).to_string()).unwrap_or_default(),
        period: w.future.clone(),
    }];
    if let Some(id) = &def.compare {
        if let Some(mut b) = fact_bar(lang, data, id, &w.gas_europe, 0) {
            b.value_text = count(lang, v(id), 0, BCM_IN_YI);
            bars.push(b);
        }
    }
    InsetData { title: w.gas_title.clone(), bars, reference: None }
}

pub(in crate::maps) fn inset_data(lang: Lang, inset: Inset, data: &Dataset) -> InsetData {
    let w = &Words::of(lang).map;
    match inset {
        Inset::Pos1Flows => fact_bars_inset(lang, data, inset_facts(inset), &w.pos1_title, &w.pos1_capacity),
        Inset::GasVsEurope => stack_inset(lang, data, inset_facts(inset)),
        Inset::NsrTransit => InsetData {
            title: w.nsr_title.clone(),
            bars: data
                .nsr
                .iter()
                .map(|n| Bar {
                    label: period_in(lang, &n.year.to_string()),
                    segments: vec![(n.transit_cargo_mt, 0)],
                    value_text: count(lang, n.transit_cargo_mt, 2, MT_IN_WAN),
                    source: n.source.clone(),
                    status: Words::of(lang).status(n.status).into(),
                    period: n.year.to_string(),
                })
                .collect(),
            reference: None,
        },
        Inset::Distances => {
            let (nsr, suez) = sea_route_distances();
            let bar = |label: &str, v: f64, c: usize| Bar {
                label: label.into(),
                segments: vec![(v, c)],
                value_text: km(lang, v),
                source: String::new(),
                status: w.computed.clone(),
                period: String::new(),
            };
            InsetData {
                title: w.distances_title.clone(),
                bars: vec![bar(&w.distances_nsr, nsr, 0), bar(&w.distances_suez, suez, 1)],
                reference: None,
            }
        }
    }
}
