//! The identifier of a client file: a random UUID (version 4) in lower case.
//!
//! It is made on the device (so a file can be started offline) and carries no
//! personal data, so it may appear in a URL.

use crate::text::Explanation;
use serde::Serialize;

/// A checked client identifier, such as `0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ClientId(String);

/// The client identifier is not a lower-case UUID version 4.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidClientId;

impl ClientId {
    pub fn parse(input: &str) -> Result<ClientId, InvalidClientId> {
        if looks_like_uuid_v4(input) {
            Ok(ClientId(input.to_owned()))
        } else {
            Err(InvalidClientId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub(crate) fn looks_like_uuid_v4(input: &str) -> bool {
    let bytes = input.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

impl InvalidClientId {
    pub fn code(&self) -> &'static str {
        "invalid_client_id"
    }

    pub fn explanation(&self) -> Explanation {
        Explanation::new(
            "Dit dossiernummer klopt niet. Het moet een UUID (versie 4) in kleine letters zijn.",
            "This file number is not valid. It must be a lower-case UUID (version 4).",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_lower_case_uuid_v4() {
        assert!(ClientId::parse("0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e").is_ok());
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "",
            "jan",
            "0B6C2D3E-4F5A-4B7C-8D9E-0F1A2B3C4D5E",
            "0b6c2d3e-4f5a-1b7c-8d9e-0f1a2b3c4d5e",
            "0b6c2d3e-4f5a-4b7c-7d9e-0f1a2b3c4d5e",
            "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5",
            "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e0",
            "../../etc/passwd-4f5a-4b7c-8d9e-0f1a",
        ] {
            assert_eq!(ClientId::parse(bad), Err(InvalidClientId), "{bad}");
        }
    }
}
