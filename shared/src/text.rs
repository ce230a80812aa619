//! Texts shown to people, in Dutch (B1, the default) and English.
//!
//! A decision made in `shared` carries its own explanation, so the app and the
//! worker show the same words for the same outcome.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The languages of the user interface. Dutch is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "nl")]
    Dutch,
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// One of two values by language: `language.pick("Ja", "Yes")`.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Language::Dutch => nl,
            Language::English => en,
        }
    }
}

/// One sentence in every language of the interface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    pub nl: String,
    pub en: String,
}

impl Explanation {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Explanation { nl: nl.into(), en: en.into() }
    }

    pub fn in_language(&self, language: Language) -> &str {
        language.pick(&self.nl, &self.en)
    }
}
