//! The closed vocabularies of the map content: which country a province belongs to, what kind
//! of place or route a gazetteer entry is, and a route's status (`data::RouteStatus`, which
//! pipelines.csv shares). Each is an enum
//! whose spellings are serde's (`rename_all`, and `alias` where two files spell it differently),
//! parsed once where its file is read: an unknown spelling is an error naming the file and
//! field, never a default that draws something else.

pub use crate::data::RouteStatus;
use serde::de::{value, DeserializeOwned, IntoDeserializer};
use serde::{Deserialize as De, Serialize};

/// Parses one spelling by the enum's serde names; the error lists the known spellings.
pub fn parse<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    let de: value::StrDeserializer<value::Error> = s.into_deserializer();
    T::deserialize(de).map_err(|e| e.to_string())
}

/// A side of the border: the gazetteer's and the base map's `country`, as ISO 3166 alpha-3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, De)]
pub enum Side {
    #[serde(rename = "CHN")]
    China,
    #[serde(rename = "RUS")]
    Russia,
}

impl Side {
    pub fn china(self) -> bool {
        self == Side::China
    }
    /// The ISO code the files write ("CHN", "RUS").
    pub fn code(self) -> &'static str {
        match self {
            Side::China => "CHN",
            Side::Russia => "RUS",
        }
    }
}

/// What a gazetteer place is; decides its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, De)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    City,
    BorderCrossing,
    Port,
    Strait,
    GasField,
    Terminal,
}

/// What a gazetteer route is; decides its colour and weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, De)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    GasPipeline,
    OilPipeline,
    ShippingRoute,
}

impl RouteKind {
    /// The spelling in gazetteer.json.
    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::GasPipeline => "gas_pipeline",
            RouteKind::OilPipeline => "oil_pipeline",
            RouteKind::ShippingRoute => "shipping_route",
        }
    }
}

/// The two ways from Rotterdam to Shanghai the Arctic chapter compares: a sea route's
/// `passage` in the gazetteer. The maps sum each passage's legs and colour Suez apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, De)]
#[serde(rename_all = "snake_case")]
pub enum Passage {
    /// By the Northern Sea Route (with the North Cape leg).
    Arctic,
    /// Via the Suez Canal.
    Suez,
}

/// Which border a base-map line is: base.json's `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, De)]
pub enum BorderKind {
    #[serde(rename = "cn-ru")]
    ChinaRussia,
    #[serde(rename = "other")]
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_a_status_and_unknown_ones_fail() {
        assert_eq!(parse::<RouteStatus>("under_construction"), Ok(RouteStatus::UnderConstruction));
        assert_eq!(parse::<RouteStatus>("under construction"), Ok(RouteStatus::UnderConstruction));
        let e = parse::<RouteStatus>("under constrution").unwrap_err();
        assert!(e.contains("under constrution") && e.contains("operating"), "{e}");
        assert!(parse::<PlaceKind>("border-crossing").is_err(), "only the snake_case spelling");
        assert_eq!(parse::<Side>("RUS"), Ok(Side::Russia));
    }

    #[test]
    fn as_str_is_the_serde_spelling() {
        for k in [RouteKind::GasPipeline, RouteKind::OilPipeline, RouteKind::ShippingRoute] {
            assert_eq!(parse::<RouteKind>(k.as_str()), Ok(k));
        }
        for s in [RouteStatus::Operating, RouteStatus::UnderConstruction, RouteStatus::Planned, RouteStatus::Reference]
        {
            assert_eq!(parse::<RouteStatus>(s.as_str()), Ok(s));
        }
        for s in [Side::China, Side::Russia] {
            assert_eq!(parse::<Side>(s.code()), Ok(s));
        }
    }
}
