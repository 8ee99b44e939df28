//! The explainer's languages. English is the story's structure; Russian and Chinese lay their
//! words over it (see `story::overlay`). The lowest layer: anything may name a language.

/// Written as its code (`"en"`, `"ru"`, `"zh"`) in the edition files the page fetches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, crate::wire::Wire)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Zh];

    /// The short code used in URLs (`lang=ru`) and folders (`ru/`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>` and `hreflang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Zh => "中文",
        }
    }

    /// The language's short name for the language row: "EN", "RU", "中文".
    pub fn short_name(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Ru => "RU",
            Lang::Zh => "中文",
        }
    }

    /// The short name with the language's own name, for screen readers ("RU Русский"): the
    /// visible text stays part of the accessible name.
    pub fn accessible_name(self) -> String {
        if self.short_name() == self.own_name() {
            self.own_name().to_string()
        } else {
            format!("{} {}", self.short_name(), self.own_name())
        }
    }

    /// Where the language's story page is, relative to the site root.
    pub fn page(self) -> &'static str {
        match self {
            Lang::En => "index.html",
            Lang::Ru => "ru/index.html",
            Lang::Zh => "zh/index.html",
        }
    }

    /// A code or tag as URLs and `<html lang>` write it (`ru`, `zh`, `zh-Hans`, `zh-CN`, `EN`).
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(Lang::parse(l.tag()), Some(l));
        }
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }
}
