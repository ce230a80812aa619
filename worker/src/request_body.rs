//! Reads a JSON request body safely: JSON content type only, at most
//! [`MAX_REQUEST_BODY_BYTES`] (or a limit the endpoint sets), counted while streaming
//! (a client can lie in `Content-Length` or leave it out).

use crate::failure::Failure;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use shared::api::{ApiError, MAX_REQUEST_BODY_BYTES};
use shared::text::Explanation;
use worker::Request;

pub async fn read_json<T: DeserializeOwned>(request: &mut Request) -> Result<T, Failure> {
    read_json_of_at_most(request, MAX_REQUEST_BODY_BYTES).await
}

pub async fn read_json_of_at_most<T: DeserializeOwned>(
    request: &mut Request,
    limit: usize,
) -> Result<T, Failure> {
    require_json_content_type(request)?;
    let bytes = read_at_most(request, limit).await?;
    serde_json::from_slice(&bytes).map_err(|error| {
        Failure::new(
            400,
            ApiError::new(
                "invalid_json",
                None,
                Explanation::new(
                    format!(
                        "De gegevens kloppen niet ({error}). Stuur een JSON-object zoals de API beschrijft."
                    ),
                    format!("The data is not valid ({error}). Send a JSON object as the API describes."),
                ),
            ),
        )
    })
}

fn require_json_content_type(request: &Request) -> Result<(), Failure> {
    let content_type = request.headers().get("Content-Type")?.unwrap_or_default();
    let media_type = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if media_type == "application/json" {
        return Ok(());
    }
    Err(Failure::new(
        415,
        ApiError::new(
            "unsupported_media_type",
            None,
            Explanation::new(
                "Stuur de gegevens als JSON (Content-Type: application/json).",
                "Send the data as JSON (Content-Type: application/json).",
            ),
        ),
    ))
}

async fn read_at_most(request: &mut Request, limit: usize) -> Result<Vec<u8>, Failure> {
    let declared_length = request.headers().get("Content-Length")?.and_then(|v| v.parse::<usize>().ok());
    if declared_length.is_some_and(|length| length > limit) {
        return Err(too_large(limit));
    }
    let mut body = Vec::new();
    let mut stream = request.stream()?;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn too_large(limit: usize) -> Failure {
    let kilobytes = limit / 1024;
    Failure::new(
        413,
        ApiError::new(
            "body_too_large",
            None,
            Explanation::new(
                format!("Er zijn te veel gegevens tegelijk gestuurd. Het maximum is {kilobytes} kB."),
                format!("Too much data was sent at once. The maximum is {kilobytes} kB."),
            ),
        ),
    )
}
