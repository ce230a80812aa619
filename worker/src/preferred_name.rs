//! `GET` and `PUT /api/v1/clients/{client_id}/preferred-name`: the walking skeleton's
//! one field, validated by the same [`PreferredName::parse`] as in the app, stored in D1.

use crate::failure::Failure;
use crate::request_body::read_json;
use shared::api::{ApiError, PreferredNameChange, PreferredNameRecord};
use shared::client_id::ClientId;
use shared::preferred_name::PreferredName;
use shared::text::Explanation;
use worker::{Env, Request, Response};

const DATABASE: &str = "DB";

pub async fn read(env: &Env, client_id: &str) -> Result<Response, Failure> {
    let client_id = parse_client_id(client_id)?;
    let record: Option<PreferredNameRecord> = env
        .d1(DATABASE)?
        .prepare("SELECT client_id, preferred_name, updated_at FROM preferred_names WHERE client_id = ?1")
        .bind(&[client_id.as_str().into()])?
        .first(None)
        .await?;
    match record {
        Some(record) => Ok(Response::from_json(&record)?),
        None => Err(Failure::new(
            404,
            ApiError::new(
                "no_preferred_name",
                None,
                Explanation::new(
                    "Voor dit dossier is nog geen naam opgeslagen.",
                    "No name has been stored for this file yet.",
                ),
            ),
        )),
    }
}

/// Validates first, then writes one row in one statement: a refused request changes nothing.
pub async fn store(request: &mut Request, env: &Env, client_id: &str) -> Result<Response, Failure> {
    let client_id = parse_client_id(client_id)?;
    let change: PreferredNameChange = read_json(request).await?;
    let name = PreferredName::parse(&change.preferred_name).map_err(|error| {
        Failure::new(422, ApiError::new(error.code(), Some("preferred_name"), error.explanation()))
    })?;
    let record: Option<PreferredNameRecord> = env
        .d1(DATABASE)?
        .prepare(
            "INSERT INTO preferred_names (client_id, preferred_name, updated_at) \
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) \
             ON CONFLICT (client_id) DO UPDATE SET \
               preferred_name = excluded.preferred_name, updated_at = excluded.updated_at \
             RETURNING client_id, preferred_name, updated_at",
        )
        .bind(&[client_id.as_str().into(), name.as_str().into()])?
        .first(None)
        .await?;
    let record = record.ok_or_else(|| worker::Error::RustError("the upsert returned no row".into()))?;
    Ok(Response::from_json(&record)?)
}

fn parse_client_id(input: &str) -> Result<ClientId, Failure> {
    ClientId::parse(input).map_err(|error| {
        Failure::new(400, ApiError::new(error.code(), Some("client_id"), error.explanation()))
    })
}
