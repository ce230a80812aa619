//! `POST /api/v1/evaluate`: eligibility and route advice for one client situation, decided by
//! `shared::law::advice::evaluate`, the same code the app runs offline. Stores nothing.

use crate::failure::Failure;
use crate::request_body::read_json;
use shared::api::ApiError;
use shared::law::advice::evaluate;
use shared::law::parameters::LegalParameters;
use shared::law::policy::embedded_policies;
use shared::law::situation::ClientSituation;
use worker::{Request, Response};

pub async fn answer(request: &mut Request) -> Result<Response, Failure> {
    let situation: ClientSituation = read_json(request).await?;
    if let Some(problem) = situation.problems().into_iter().next() {
        return Err(Failure::new(
            422,
            ApiError::new("inconsistent_situation", Some(&problem.field), problem.message),
        ));
    }
    let evaluation = evaluate(&situation, LegalParameters::embedded(), embedded_policies());
    Ok(Response::from_json(&evaluation)?)
}
