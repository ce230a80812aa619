//! The public keys of an issuer (its JWK set) and the one kind of key the worker accepts:
//! ECDSA on P-256 for ES256. Pure: the fetching is in `discovery.rs`.

use base64ct::{Base64UrlUnpadded, Encoding};
use p256::ecdsa::VerifyingKey;
use p256::{EncodedPoint, FieldBytes};
use serde::Deserialize;

/// A JWK set as published at the issuer's `jwks_uri`. Keys of other kinds are kept but never used.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Jwk>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Jwk {
    pub kty: String,
    pub kid: Option<String>,
    pub crv: Option<String>,
    pub x: Option<String>,
    pub y: Option<String>,
    pub alg: Option<String>,
    #[serde(rename = "use")]
    pub usage: Option<String>,
}

impl Jwks {
    /// The P-256 signing key with this `kid`, or `None` when there is no usable key by that id.
    pub fn es256_key(&self, kid: &str) -> Option<VerifyingKey> {
        self.keys.iter().filter(|key| key.kid.as_deref() == Some(kid)).find_map(Jwk::es256_key)
    }
}

impl Jwk {
    fn es256_key(&self) -> Option<VerifyingKey> {
        let fits = self.kty == "EC"
            && self.crv.as_deref() == Some("P-256")
            && self.alg.as_deref().is_none_or(|alg| alg == "ES256")
            && self.usage.as_deref().is_none_or(|usage| usage == "sig");
        if !fits {
            return None;
        }
        let x = coordinate(self.x.as_deref()?)?;
        let y = coordinate(self.y.as_deref()?)?;
        let point = EncodedPoint::from_affine_coordinates(&x, &y, false);
        VerifyingKey::from_encoded_point(&point).ok()
    }
}

fn coordinate(text: &str) -> Option<FieldBytes> {
    let bytes = Base64UrlUnpadded::decode_vec(text).ok()?;
    (bytes.len() == 32).then(|| *FieldBytes::from_slice(&bytes))
}
