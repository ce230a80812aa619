//! The deny list in D1 (`token_revocations`, `worker/migrations/0007_token_revocations.sql`):
//! reading the revocations that could concern a verified token (one primary-key lookup per
//! authenticated request) and storing a logout's revocation. What they mean is decided in
//! `revocation.rs`.

use super::revocation::{Revocation, TokenIds};
use crate::failure::Failure;
use wasm_bindgen::JsValue;
use worker::Env;

const DATABASE: &str = "DB";

/// The stored revocations of this token's session or of the token itself.
pub async fn revocations_for(env: &Env, ids: &TokenIds) -> Result<Vec<Revocation>, Failure> {
    let text = |id: &Option<String>| id.as_deref().map_or(JsValue::NULL, JsValue::from);
    Ok(env
        .d1(DATABASE)?
        .prepare(
            "SELECT issuer, kind, token_id, expires_at FROM token_revocations \
             WHERE issuer = ?1 AND ((kind = 'sid' AND token_id = ?2) OR (kind = 'jti' AND token_id = ?3))",
        )
        .bind(&[ids.issuer.as_str().into(), text(&ids.session), text(&ids.token)])?
        .all()
        .await?
        .results()?)
}

/// Stores `revocation` at time `now` (seconds since 1970), in one batch with the deletion of every
/// revocation that has expired (the table's retention). Revoking again keeps the later expiry.
pub async fn store(env: &Env, revocation: &Revocation, now: i64) -> Result<(), Failure> {
    let db = env.d1(DATABASE)?;
    let expired = db
        .prepare("DELETE FROM token_revocations WHERE expires_at < ?1")
        .bind(&[JsValue::from(now as f64)])?;
    let revoke = db
        .prepare(
            "INSERT INTO token_revocations (issuer, kind, token_id, expires_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (issuer, kind, token_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)",
        )
        .bind(&[
            revocation.issuer.as_str().into(),
            revocation.kind.as_str().into(),
            revocation.token_id.as_str().into(),
            JsValue::from(revocation.expires_at as f64),
        ])?;
    db.batch(vec![expired, revoke]).await?;
    Ok(())
}
