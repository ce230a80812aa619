//! The authorization the ZGW APIs ask on every call: a JWT signed with HS256 under the secret
//! the municipality gave our client id, with `iss` and `client_id` (that client id), `iat`, and
//! `user_id` and `user_representation` of the person whose action caused the call (for the zaak
//! system's audit trail). A fresh token per call; it is never logged.

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

/// The `Authorization` header value: `Bearer <jwt>`.
pub fn bearer(client_id: &str, secret: &str, user_id: &str, user_representation: &str, now_s: u64) -> String {
    let header = json!({ "alg": "HS256", "typ": "JWT" });
    let payload = json!({
        "iss": client_id,
        "client_id": client_id,
        "iat": now_s,
        "user_id": user_id,
        "user_representation": user_representation,
    });
    let signing_input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(header.to_string().as_bytes()),
        Base64UrlUnpadded::encode_string(payload.to_string().as_bytes())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(signing_input.as_bytes());
    let signature = Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes());
    format!("Bearer {signing_input}.{signature}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_carries_the_claims_and_an_hs256_signature_that_verifies() {
        let header = bearer(
            "naar-vermogen",
            "a-secret-of-32-characters-long!!",
            "consulent-sanne",
            "consulent-sanne (consulent)",
            1_790_000_000,
        );
        let token = header.strip_prefix("Bearer ").unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: serde_json::Value =
            serde_json::from_slice(&Base64UrlUnpadded::decode_vec(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["iss"], "naar-vermogen");
        assert_eq!(claims["client_id"], "naar-vermogen");
        assert_eq!(claims["user_id"], "consulent-sanne");
        assert_eq!(claims["iat"], 1_790_000_000);
        let mut mac = Hmac::<Sha256>::new_from_slice(b"a-secret-of-32-characters-long!!").unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        mac.verify_slice(&Base64UrlUnpadded::decode_vec(parts[2]).unwrap()).unwrap();
        let mut wrong = Hmac::<Sha256>::new_from_slice(b"another-secret-of-32-characters!").unwrap();
        wrong.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        assert!(wrong.verify_slice(&Base64UrlUnpadded::decode_vec(parts[2]).unwrap()).is_err());
    }

    #[test]
    fn a_known_vector_signs_the_same() {
        // jwt.io's HS256 example: the same header and signing input give the same signature.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"your-256-bit-secret").unwrap();
        mac.update(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ");
        assert_eq!(
            Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes()),
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        );
    }
}
