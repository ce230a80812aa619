//! Connectors to the municipality's systems: what a client or caseworker does in the app becomes a
//! *zaak* (case), its *rol* (the client as party) and *statussen* (status changes) in the
//! municipality's case system, through the ZGW Zaken API of VNG Realisatie (Open Zaak is its
//! reference implementation).
//!
//! Dutch words kept as names: *zaak* (a case in the municipality's case system), *rol* (a party's
//! role in a zaak, here the applicant, identified by BSN), *status* (a step the zaak reached),
//! *zaaktype*/*roltype*/*statustype* (their kinds, in the municipality's Catalogi API),
//! *aanvraag* (the application for benefit that opens the zaak).
//!
//! - `config.rs`: the deployment's municipality: base URL, organisation, types (`MUNICIPAL_API`), and
//!   the secret (`MUNICIPAL_API_SECRET`, a worker secret, never in the repository);
//! - `zgw_token.rs`: the HS256 JWT the ZGW APIs ask on every call;
//! - `zaken.rs`: the request bodies of the Zaken API (pure); `zaken_client.rs`: one call, with its JWT;
//! - `milestones.rs`: which outbox rows a push enqueues (an aanvraag submitted, a klantfoto completed);
//! - `outbox.rs`: the outbox table: enqueue, pick what is due, record the outcome, backoff;
//! - `delivery.rs`: sends due rows, one client's rows in order, with retries and parking;
//! - `flow_back.rs`: the zaak's number, and what the municipality changes (status, closed), back to
//!   the devices as operations of the aanvraag;
//! - `klantcontacten.rs`: the request bodies of the Klantinteracties API (pure);
//!   `klantcontact_delivery.rs`: a held appointment as one klantcontact, linked to partij and zaak;
//! - `notifications.rs`: `POST /api/v1/municipal/notifications`, the Notificaties API's callback:
//!   a zaak that changed is asked about at once, as polling would;
//! - `view.rs`: `GET /api/v1/municipal-outbox` and `POST /api/v1/municipal-outbox/{id}/retry` for the
//!   team's consulents.

pub mod config;
pub mod delivery;
pub mod flow_back;
pub mod klantcontact_delivery;
pub mod klantcontacten;
pub mod milestones;
pub mod notifications;
pub mod outbox;
pub mod view;
pub mod zaken;
pub mod zaken_client;
pub mod zgw_token;
