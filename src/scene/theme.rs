//! Colours and type sizes for light and dark pages. The palette is Okabe–Ito, chosen
//! because it stays distinguishable under the common colour-vision deficiencies.

use super::Rgba;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub background: Rgba,
    pub ink: Rgba,
    pub muted: Rgba,
    pub grid: Rgba,
    /// China and flows out of China (China's exports to Russia).
    pub china: Rgba,
    /// Russia and flows out of Russia (China's imports from Russia).
    pub russia: Rgba,
    pub total: Rgba,
    pub accent: Rgba,
    /// One colour per category of the timeline and other nominal scales.
    pub categorical: [Rgba; 7],
    pub land: Rgba,
    pub land_other: Rgba,
    pub water: Rgba,
    pub font: f64,
}

impl Theme {
    pub fn light() -> Self {
        Theme {
            name: ThemeName::Light,
            background: Rgba::hex(0xfbfaf7),
            ink: Rgba::hex(0x1d1d1b),
            muted: Rgba::hex(0x66645e),
            grid: Rgba::hex(0xdedbd3),
            china: Rgba::hex(0xc74a00),
            russia: Rgba::hex(0x0068a8),
            total: Rgba::hex(0x1d1d1b),
            accent: Rgba::hex(0x8a5a00),
            categorical: [
                Rgba::hex(0x0068a8),
                Rgba::hex(0xc74a00),
                Rgba::hex(0x009e73),
                Rgba::hex(0xcc79a7),
                Rgba::hex(0x8a6d00),
                Rgba::hex(0x56b4e9),
                Rgba::hex(0x555555),
            ],
            land: Rgba::hex(0xeeebe3),
            land_other: Rgba::hex(0xf5f3ee),
            water: Rgba::hex(0xdfe9f0),
            font: 13.0,
        }
    }

    pub fn dark() -> Self {
        Theme {
            name: ThemeName::Dark,
            background: Rgba::hex(0x15171a),
            ink: Rgba::hex(0xeceae4),
            muted: Rgba::hex(0xa6a39b),
            grid: Rgba::hex(0x34373c),
            china: Rgba::hex(0xf0883e),
            russia: Rgba::hex(0x58b4f0),
            total: Rgba::hex(0xeceae4),
            accent: Rgba::hex(0xe6c35c),
            categorical: [
                Rgba::hex(0x58b4f0),
                Rgba::hex(0xf0883e),
                Rgba::hex(0x2fc79a),
                Rgba::hex(0xe08fc0),
                Rgba::hex(0xe6c35c),
                Rgba::hex(0x9fd8f7),
                Rgba::hex(0xb0b0b0),
            ],
            land: Rgba::hex(0x2a2d31),
            land_other: Rgba::hex(0x2b2d32),
            water: Rgba::hex(0x121c25),
            font: 13.0,
        }
    }

    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Light => Self::light(),
            ThemeName::Dark => Self::dark(),
        }
    }
}
