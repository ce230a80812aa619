//! Logging in with OpenID Connect (authorization code + PKCE S256), the session, and logging out.
//!
//! - Login: `start_login` makes a random `state` and PKCE verifier, keeps them in IndexedDB and
//!   sends the browser to the provider; `finish_login` (on `/login/callback`) checks `state` and
//!   `iss`, exchanges the code at the token endpoint (with the API as `resource`) and asks the
//!   worker who this is (`GET /api/v1/me`: the worker verifies the token, so the role shown is
//!   the role the API will apply).
//! - The session (tokens, expiry, subject, role) lives in its own IndexedDB database, never in
//!   localStorage. It ends when the access token has expired and cannot be refreshed, and at the
//!   latest [`SESSION_MAXIMUM_MS`] after login; the user then sees "Uw sessie is verlopen".
//! - Logout (`log_out`) first removes everything this app keeps on the device
//!   ([`delete_everything_on_this_device`]: a shared tablet must not keep the last user's data),
//!   then ends the token's access at the worker (`POST /api/v1/logout`: it is refused from then on,
//!   as is every token of the same login session), then ends the session at the provider, which
//!   sends the browser back without asking again.

use crate::app_choice::{the_other_app_is_needed_for, AppNeeded};
use crate::session_api::{end_access_at_worker, get_auth_config, get_me, MeFailure};
use base64ct::{Base64UrlUnpadded, Encoding};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use shared::api::LoginProvider;
use shared::role::Role;
use shared::text::{Explanation, Language};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const SESSION_DATABASE: &str = "naar-vermogen-session";
const SESSION_STORE: &str = "session";
const CURRENT_KEY: &str = "current";
const PENDING_KEY: &str = "pending";
/// The databases this app makes, deleted at logout even where `indexedDB.databases()` is missing.
/// `naar-vermogen` is the device store (`device_store.rs`), `naar-vermogen-keys` holds the key
/// that seals personal data on the device (`device_crypto.rs`).
const KNOWN_DATABASES: [&str; 3] = ["naar-vermogen", "naar-vermogen-keys", SESSION_DATABASE];
pub const CALLBACK_PATH: &str = "/login/callback";
/// A session never lasts longer than this after login, whatever the tokens say.
pub const SESSION_MAXIMUM_MS: f64 = 12.0 * 60.0 * 60.0 * 1000.0;
/// Refresh the access token this long before it expires.
const REFRESH_MARGIN_MS: f64 = 60.0 * 1000.0;

/// Who is using the app, as far as the app knows.
#[derive(Clone, Debug, PartialEq)]
pub enum Who {
    /// Still reading the session from the device.
    Checking,
    LoggedOut,
    /// There was a session, and it has ended by time.
    Expired,
    LoggedIn {
        subject: String,
        role: Role,
    },
}

impl Who {
    /// Staff roles use the staff app; clients, and people not logged in, the client's app.
    pub fn app_needed(&self) -> Option<AppNeeded> {
        match self {
            Who::LoggedIn { role: Role::Client, .. } | Who::LoggedOut => Some(AppNeeded::Client),
            Who::LoggedIn { .. } => Some(AppNeeded::Staff),
            // Still checking, or a session that ended by time: stay, so the person can log in again
            // here without losing what this app shows.
            Who::Checking | Who::Expired => None,
        }
    }
}

/// Shared through Leptos context by [`provide_auth`].
#[derive(Clone, Copy)]
pub struct Auth {
    pub who: RwSignal<Who>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Reads the session at start, and checks it every minute (refreshing the access token
/// before it expires, or showing that the session has ended).
pub fn provide_auth() {
    let auth = Auth { who: RwSignal::new(Who::Checking) };
    provide_context(auth);
    let check = move || {
        spawn_local(async move {
            let now = match current_session().await {
                SessionCheck::Active(session) => {
                    Who::LoggedIn { subject: session.subject, role: session.role }
                }
                SessionCheck::Ended => Who::Expired,
                SessionCheck::None => match auth.who.get_untracked() {
                    Who::Expired => Who::Expired,
                    _ => Who::LoggedOut,
                },
            };
            if the_other_app_is_needed_for(now.app_needed()) {
                crate::app_choice::start_the_other_app_here();
            } else if auth.who.get_untracked() != now {
                auth.who.set(now);
            }
        })
    };
    check();
    let interval = set_interval_with_handle(check, std::time::Duration::from_secs(60)).ok();
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

/// The role as people in the municipality say it.
pub fn role_in(role: Role, language: Language) -> &'static str {
    let (nl, en) = match role {
        Role::Client => ("cliënt", "client"),
        Role::OutreachWorker => ("outreachmedewerker", "outreach worker"),
        Role::Trainer => ("trainer", "trainer"),
        Role::Consulent => ("consulent", "consultant"),
        Role::PolicyMaker => ("beleidsmaker", "policy maker"),
    };
    language.pick(nl, en)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Session {
    provider: LoginProvider,
    access_token: String,
    access_expires_at_ms: f64,
    refresh_token: Option<String>,
    id_token: Option<String>,
    logged_in_at_ms: f64,
    subject: String,
    role: Role,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct PendingLogin {
    provider: LoginProvider,
    state: String,
    verifier: String,
    redirect_uri: String,
}

/// A failed step of logging in, said for the user.
#[derive(Clone, Debug)]
pub struct LoginError(pub Explanation);

fn failed(nl: &str, en: &str) -> LoginError {
    LoginError(Explanation::new(nl, en))
}

fn store_failed() -> LoginError {
    failed(
        "Opslaan op dit apparaat lukte niet. Maak wat ruimte vrij en probeer het opnieuw.",
        "Saving on this device failed. Free up some space and try again.",
    )
}

/// The providers to offer on the login page (from the worker: no build-time configuration).
pub async fn login_providers() -> Result<Vec<LoginProvider>, LoginError> {
    get_auth_config().await.map(|config| config.providers).map_err(|_| {
        failed(
            "Inloggen kan nu niet: de app kan de gemeente niet bereiken. Probeer het later opnieuw.",
            "You cannot log in now: the app cannot reach the municipality. Try again later.",
        )
    })
}

/// Step 1: remember a new `state` and PKCE verifier, then go to the provider's login page.
pub async fn start_login(provider: LoginProvider) -> Result<(), LoginError> {
    let state = random_text();
    let verifier = random_text();
    let challenge = sha256_base64url(&verifier).await.map_err(|_| {
        failed("Deze browser kan niet veilig inloggen.", "This browser cannot log in safely.")
    })?;
    let redirect_uri = format!("{}{CALLBACK_PATH}", origin());
    let url = web_sys::Url::new(&provider.authorization_endpoint)
        .map_err(|_| failed("Het inlogadres klopt niet.", "The login address is not right."))?;
    let query = url.search_params();
    for (name, value) in [
        ("response_type", "code"),
        ("client_id", &provider.client_id),
        ("redirect_uri", &redirect_uri),
        ("scope", &provider.scope),
        ("state", &state),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
        ("resource", &provider.resource),
    ] {
        query.append(name, value);
    }
    let pending = PendingLogin { provider, state, verifier, redirect_uri };
    put(PENDING_KEY, &pending).await.map_err(|_| store_failed())?;
    window()
        .location()
        .set_href(&url.href())
        .map_err(|_| failed("Naar de inlogpagina gaan lukte niet.", "Going to the login page failed."))
}

/// What the provider sent back to `/login/callback`.
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub issuer: Option<String>,
    pub error: Option<String>,
}

/// Step 2: check the answer belongs to the login this device started, exchange the code for
/// tokens, learn the verified subject and role from the worker, and keep the session.
pub async fn finish_login(callback: Callback) -> Result<Who, LoginError> {
    let pending: Option<PendingLogin> = get(PENDING_KEY).await.map_err(|_| store_failed())?;
    // One use only, whatever happens next.
    let _ = delete(PENDING_KEY).await;
    let pending = pending.ok_or_else(|| {
        failed(
            "Deze inlogpoging is niet op dit apparaat begonnen. Log opnieuw in.",
            "This login was not started on this device. Please log in again.",
        )
    })?;
    if callback.error.is_some() {
        return Err(failed(
            "Inloggen is niet gelukt of afgebroken. Probeer het opnieuw.",
            "Logging in failed or was stopped. Please try again.",
        ));
    }
    if callback.state.as_deref() != Some(pending.state.as_str()) {
        return Err(failed(
            "Dit antwoord hoort niet bij uw inlogpoging. Log opnieuw in.",
            "This answer does not belong to your login. Please log in again.",
        ));
    }
    // RFC 9207: the answer must come from the provider the login was sent to.
    if callback.issuer.as_deref().is_some_and(|issuer| issuer != pending.provider.issuer) {
        return Err(failed(
            "Dit antwoord komt van een andere inlogdienst. Log opnieuw in.",
            "This answer comes from another login service. Please log in again.",
        ));
    }
    let code = callback.code.ok_or_else(|| {
        failed(
            "Het antwoord van de inlogdienst is onvolledig. Log opnieuw in.",
            "The answer of the login service is not complete. Please log in again.",
        )
    })?;
    let now = crate::clock::now_ms();
    let tokens = token_request(
        &pending.provider,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &pending.redirect_uri),
            ("client_id", &pending.provider.client_id),
            ("code_verifier", &pending.verifier),
            ("resource", &pending.provider.resource),
        ],
    )
    .await
    .map_err(|_| {
        failed(
            "De inlogdienst gaf geen toegang. Log opnieuw in.",
            "The login service did not give access. Please log in again.",
        )
    })?;
    let me = get_me(&tokens.access_token).await.map_err(|failure| match failure {
        MeFailure::Refused(error) => LoginError(error.message),
        MeFailure::Unreachable => failed(
            "De app kan de gemeente nu niet bereiken. Probeer het later opnieuw.",
            "The app cannot reach the municipality now. Try again later.",
        ),
    })?;
    let session = Session {
        provider: pending.provider,
        access_token: tokens.access_token,
        access_expires_at_ms: now + tokens.expires_in.unwrap_or(0.0) * 1000.0,
        refresh_token: tokens.refresh_token,
        id_token: tokens.id_token,
        logged_in_at_ms: now,
        subject: me.subject.clone(),
        role: me.role,
    };
    put(CURRENT_KEY, &session).await.map_err(|_| store_failed())?;
    Ok(Who::LoggedIn { subject: me.subject, role: me.role })
}

/// A valid access token for the API, refreshed if it is about to expire; `None` when nobody
/// is logged in or the session has ended.
pub async fn access_token() -> Option<String> {
    match current_session().await {
        SessionCheck::Active(session) => Some(session.access_token),
        _ => None,
    }
}

enum SessionCheck {
    Active(Box<Session>),
    /// There was a session; it ended by time (and is now removed).
    Ended,
    None,
}

async fn current_session() -> SessionCheck {
    let Ok(Some(session)) = get::<Session>(CURRENT_KEY).await else { return SessionCheck::None };
    let now = crate::clock::now_ms();
    if now - session.logged_in_at_ms > SESSION_MAXIMUM_MS {
        return end_session_by_time().await;
    }
    if session.access_expires_at_ms - now > REFRESH_MARGIN_MS {
        return SessionCheck::Active(Box::new(session));
    }
    if !online() {
        // Offline the app keeps working with what is on the device; the token is refreshed
        // when the connection is back (the maximum above still applies).
        return SessionCheck::Active(Box::new(session));
    }
    match refresh(&session).await {
        Ok(refreshed) => SessionCheck::Active(Box::new(refreshed)),
        Err(TokenFailure::Unreachable) => SessionCheck::Active(Box::new(session)),
        Err(TokenFailure::Refused) => end_session_by_time().await,
    }
}

async fn end_session_by_time() -> SessionCheck {
    let _ = delete(CURRENT_KEY).await;
    SessionCheck::Ended
}

fn online() -> bool {
    window().navigator().on_line()
}

async fn refresh(session: &Session) -> Result<Session, TokenFailure> {
    let mut session = session.clone();
    let refresh_token = session.refresh_token.clone().ok_or(TokenFailure::Refused)?;
    let now = crate::clock::now_ms();
    let tokens = token_request(
        &session.provider,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token),
            ("client_id", &session.provider.client_id),
            ("resource", &session.provider.resource),
        ],
    )
    .await?;
    session.access_token = tokens.access_token;
    session.access_expires_at_ms = now + tokens.expires_in.unwrap_or(0.0) * 1000.0;
    session.refresh_token = tokens.refresh_token.or(session.refresh_token);
    session.id_token = tokens.id_token.or(session.id_token);
    put(CURRENT_KEY, &session).await.map_err(|_| TokenFailure::Unreachable)?;
    Ok(session)
}

enum TokenFailure {
    /// No answer: try again later.
    Unreachable,
    /// The provider said no (expired or revoked grant): the session is over.
    Refused,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<f64>,
    refresh_token: Option<String>,
    id_token: Option<String>,
}

async fn token_request(provider: &LoginProvider, form: &[(&str, &str)]) -> Result<TokenAnswer, TokenFailure> {
    let body = web_sys::UrlSearchParams::new().map_err(|_| TokenFailure::Refused)?;
    for (name, value) in form {
        body.append(name, value);
    }
    let response = gloo::net::http::Request::post(&provider.token_endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(String::from(body.to_string()))
        .map_err(|_| TokenFailure::Refused)?
        .send()
        .await
        .map_err(|_| TokenFailure::Unreachable)?;
    match response.status() {
        200 => response.json().await.map_err(|_| TokenFailure::Refused),
        400..=499 => Err(TokenFailure::Refused),
        _ => Err(TokenFailure::Unreachable),
    }
}

/// Logout: delete this app's data from the device, end the token's access at the worker, then end
/// the session at the provider (which sends the browser back to the start page).
pub async fn log_out() {
    let session = get::<Session>(CURRENT_KEY).await.ok().flatten();
    delete_everything_on_this_device().await;
    crate::app_choice::forget_the_staff_app();
    if let Some(session) = &session {
        // Offline this cannot reach the worker: the device is cleared all the same, and the token,
        // gone from it, stays valid until it expires (at most 15 minutes). Going to the provider
        // below then shows the browser's offline page; reloading it when online ends the session there.
        end_access_at_worker(&session.access_token).await;
    }
    let home = format!("{}/", origin());
    let target = session
        .and_then(|session| {
            let endpoint = session.provider.end_session_endpoint.as_deref()?;
            let url = web_sys::Url::new(endpoint).ok()?;
            let query = url.search_params();
            query.append("client_id", &session.provider.client_id);
            query.append("post_logout_redirect_uri", &home);
            if let Some(id_token) = &session.id_token {
                query.append("id_token_hint", id_token);
            }
            Some(url.href())
        })
        .unwrap_or(home);
    let _ = window().location().set_href(&target);
}

/// Removes what this app keeps in IndexedDB on this device: every object store of every
/// database of this origin is emptied (that works even while another part of the app holds a
/// connection), and then each database is deleted (which finishes once those connections close).
pub async fn delete_everything_on_this_device() {
    // First the key: whatever is left sealed on the device can never be opened again.
    let _ = crate::device_crypto::forget_key().await;
    let mut names: Vec<String> = database_names().await;
    for known in KNOWN_DATABASES {
        if !names.iter().any(|name| name == known) {
            names.push(known.to_owned());
        }
    }
    for name in names {
        if let Ok(database) = Database::open(name.as_str()).await {
            let stores: Vec<String> = database.object_store_names().collect();
            for store in &stores {
                if let Ok(transaction) =
                    database.transaction(store.as_str()).with_mode(TransactionMode::Readwrite).build()
                {
                    if let Ok(request) = transaction.object_store(store).and_then(|s| s.clear()) {
                        let _ = request.await;
                    }
                    let _ = transaction.commit().await;
                }
            }
            database.close();
        }
        // Not awaited: it completes when every connection is closed (at the latest when the
        // page goes to the provider), and the stores are already empty.
        let _ = Database::delete_by_name(&name);
    }
}

/// The names from `indexedDB.databases()`, where the browser has it.
async fn database_names() -> Vec<String> {
    let list = async {
        let factory = js_sys::Reflect::get(&window(), &"indexedDB".into()).ok()?;
        let databases: js_sys::Function =
            js_sys::Reflect::get(&factory, &"databases".into()).ok()?.dyn_into().ok()?;
        let promise: js_sys::Promise = databases.call0(&factory).ok()?.dyn_into().ok()?;
        let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        Some(
            found
                .iter()
                .filter_map(|info| js_sys::Reflect::get(&info, &"name".into()).ok()?.as_string())
                .collect::<Vec<_>>(),
        )
    };
    list.await.unwrap_or_default()
}

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

fn origin() -> String {
    window().location().origin().expect("a page has an origin")
}

/// 32 random bytes as base64url: for `state` and the PKCE verifier (RFC 7636: 43 characters).
fn random_text() -> String {
    let mut bytes = [0u8; 32];
    window()
        .crypto()
        .expect("the browser has WebCrypto")
        .get_random_values_with_u8_array(&mut bytes)
        .expect("random bytes");
    Base64UrlUnpadded::encode_string(&bytes)
}

async fn sha256_base64url(text: &str) -> Result<String, wasm_bindgen::JsValue> {
    let subtle = window().crypto()?.subtle();
    let digest = JsFuture::from(subtle.digest_with_str_and_u8_array("SHA-256", text.as_bytes())?).await?;
    Ok(Base64UrlUnpadded::encode_string(&js_sys::Uint8Array::new(&digest).to_vec()))
}

async fn open() -> Result<Database, indexed_db_futures::error::OpenDbError> {
    Database::open(SESSION_DATABASE)
        .with_version(1u32)
        .with_on_upgrade_needed(|event, database| {
            if event.old_version() < 1.0 {
                database.create_object_store(SESSION_STORE).build()?;
            }
            Ok(())
        })
        .await
}

#[derive(Debug)]
struct SessionStoreError;

impl From<indexed_db_futures::error::Error> for SessionStoreError {
    fn from(_: indexed_db_futures::error::Error) -> Self {
        SessionStoreError
    }
}

impl From<indexed_db_futures::error::OpenDbError> for SessionStoreError {
    fn from(_: indexed_db_futures::error::OpenDbError) -> Self {
        SessionStoreError
    }
}

async fn get<T: for<'de> Deserialize<'de>>(key: &str) -> Result<Option<T>, SessionStoreError> {
    let database = open().await?;
    let transaction = database.transaction(SESSION_STORE).build()?;
    let value: Option<T> = transaction.object_store(SESSION_STORE)?.get(key).serde()?.await?;
    drop(transaction);
    database.close();
    Ok(value)
}

async fn put<T: Serialize>(key: &str, value: &T) -> Result<(), SessionStoreError> {
    let database = open().await?;
    let transaction = database.transaction(SESSION_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction.object_store(SESSION_STORE)?.put(value).with_key(key.to_owned()).serde()?.await?;
    transaction.commit().await?;
    database.close();
    Ok(())
}

async fn delete(key: &str) -> Result<(), SessionStoreError> {
    let database = open().await?;
    let transaction = database.transaction(SESSION_STORE).with_mode(TransactionMode::Readwrite).build()?;
    transaction.object_store(SESSION_STORE)?.delete(key).await?;
    transaction.commit().await?;
    database.close();
    Ok(())
}
