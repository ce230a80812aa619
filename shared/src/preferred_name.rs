//! A client's preferred name (roepnaam): the name the client wants to be called by.
//!
//! This is the one field of the walking skeleton. The same [`PreferredName::parse`]
//! runs in the browser before anything is stored on the device, and in the worker
//! before anything is stored in D1, so the two can never disagree.

use crate::text::Explanation;
use serde::{Deserialize, Serialize};

/// The longest preferred name we accept, in characters (not bytes).
pub const MAX_CHARS: usize = 50;

/// A preferred name that passed validation: trimmed, 1 to [`MAX_CHARS`] characters,
/// only letters, spaces, hyphens, apostrophes and full stops.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreferredName(String);

/// Why a preferred name was refused. Each reason says what is wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PreferredNameError {
    /// Nothing but white space was given.
    Empty,
    /// More than [`MAX_CHARS`] characters (after trimming).
    TooLong { length: usize },
    /// A character that does not belong in a name, such as `<` or a digit.
    /// `position` counts characters from 1, after trimming.
    ForbiddenCharacter { character: char, position: usize },
}

impl PreferredName {
    /// Checks `input` and returns the name to store, or the first thing that is wrong with it.
    pub fn parse(input: &str) -> Result<PreferredName, PreferredNameError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(PreferredNameError::Empty);
        }
        let length = name.chars().count();
        if length > MAX_CHARS {
            return Err(PreferredNameError::TooLong { length });
        }
        if let Some((index, character)) = name.chars().enumerate().find(|(_, c)| !is_allowed_in_name(*c)) {
            return Err(PreferredNameError::ForbiddenCharacter { character, position: index + 1 });
        }
        Ok(PreferredName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_allowed_in_name(c: char) -> bool {
    c.is_alphabetic() || is_combining_accent(c) || matches!(c, ' ' | '-' | '\'' | '’' | '.')
}

/// Accents typed as a separate combining character (for example `e` + U+0301).
fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

impl PreferredNameError {
    /// A stable, machine-readable code, the same in the app and the API.
    pub fn code(&self) -> &'static str {
        match self {
            PreferredNameError::Empty => "empty",
            PreferredNameError::TooLong { .. } => "too_long",
            PreferredNameError::ForbiddenCharacter { .. } => "forbidden_character",
        }
    }

    /// What is wrong and how to fix it, in plain words.
    pub fn explanation(&self) -> Explanation {
        match self {
            PreferredNameError::Empty => Explanation::new(
                "Vul de naam in waarmee u aangesproken wilt worden.",
                "Please fill in the name you want to be called by.",
            ),
            PreferredNameError::TooLong { length } => Explanation::new(
                format!("Deze naam is te lang: {length} tekens. Gebruik er niet meer dan {MAX_CHARS}."),
                format!("This name is too long: {length} characters. Use no more than {MAX_CHARS}."),
            ),
            PreferredNameError::ForbiddenCharacter { character, position } => {
                let shown = show_character(*character);
                Explanation::new(
                    format!(
                        "Het teken {shown} (teken {position}) mag niet in een naam staan. \
                         Gebruik alleen letters, spaties, een streepje (-), een apostrof (') of een punt."
                    ),
                    format!(
                        "The character {shown} (character {position}) is not allowed in a name. \
                         Use only letters, spaces, a hyphen (-), an apostrophe (') or a full stop."
                    ),
                )
            }
        }
    }
}

/// Shows a character so that a person can see it, also when it is invisible.
fn show_character(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("“{c}”")
    }
}

impl std::fmt::Display for PreferredNameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.explanation().en)
    }
}

impl std::error::Error for PreferredNameError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_dutch_names_and_trims_them() {
        for name in ["Jan", "Jan-Willem", "D'Angelo", "Zoë", "Ruşen", "A.J. de Vries", "Noël"] {
            let parsed = PreferredName::parse(&format!("  {name} \n")).expect(name);
            assert_eq!(parsed.as_str(), name);
        }
    }

    #[test]
    fn accepts_a_combining_accent() {
        assert!(PreferredName::parse("Zoe\u{0308}").is_ok());
    }

    #[test]
    fn refuses_empty_and_white_space_only() {
        assert_eq!(PreferredName::parse(""), Err(PreferredNameError::Empty));
        assert_eq!(PreferredName::parse(" \t\n"), Err(PreferredNameError::Empty));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let fifty_accented = "é".repeat(MAX_CHARS);
        assert!(PreferredName::parse(&fifty_accented).is_ok());
        let too_long = "é".repeat(MAX_CHARS + 1);
        assert_eq!(PreferredName::parse(&too_long), Err(PreferredNameError::TooLong { length: 51 }));
    }

    #[test]
    fn refuses_a_ten_kilobyte_string_and_says_how_long_it_was() {
        let error = PreferredName::parse(&"a".repeat(10 * 1024)).unwrap_err();
        assert_eq!(error, PreferredNameError::TooLong { length: 10240 });
        assert!(error.explanation().nl.contains("10240 tekens"));
    }

    #[test]
    fn refuses_script_tags_and_points_at_the_first_bad_character() {
        let error = PreferredName::parse("Jan<script>alert(1)</script>").unwrap_err();
        assert_eq!(error, PreferredNameError::ForbiddenCharacter { character: '<', position: 4 });
        assert_eq!(error.code(), "forbidden_character");
        assert!(error.explanation().nl.contains("“<”"));
    }

    #[test]
    fn shows_invisible_characters_by_their_code() {
        let error = PreferredName::parse("Jan\u{0}Piet").unwrap_err();
        assert!(error.explanation().en.contains("U+0000"), "{}", error.explanation().en);
    }

    #[test]
    fn refuses_digits() {
        assert!(matches!(
            PreferredName::parse("Jan2"),
            Err(PreferredNameError::ForbiddenCharacter { character: '2', position: 4 })
        ));
    }
}
