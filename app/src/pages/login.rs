//! `/inloggen`: choose how to log in; `/login/callback`: where the identity provider sends the
//! browser back. The work itself is in `crate::auth`.

use crate::auth::{finish_login, login_providers, start_login, use_auth, Callback, Who};
use crate::i18n::{say, tr, use_language, Explanation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::api::LoginProvider;

#[component]
pub fn LoginPage() -> impl IntoView {
    let language = use_language();
    let providers = RwSignal::new(None::<Vec<LoginProvider>>);
    let problem = RwSignal::new(None::<Explanation>);
    let busy = RwSignal::new(false);
    spawn_local(async move {
        match login_providers().await {
            Ok(found) => providers.set(Some(found)),
            Err(error) => problem.set(Some(error.0)),
        }
    });
    let log_in = move |provider: LoginProvider| {
        busy.set(true);
        spawn_local(async move {
            if let Err(error) = start_login(provider).await {
                problem.set(Some(error.0));
                busy.set(false);
            }
        });
    };
    view! {
        <h1>{tr("Inloggen", "Log in")}</h1>
        <p>{tr("Log in om uw gegevens bij de gemeente te zien en te versturen.", "Log in to see your details at the municipality and to send them.")}</p>
        <p id="login-problem" class="error" role="alert">{say(problem)}</p>
        <Show when=move || providers.get().is_none() && problem.get().is_none()>
            <p role="status">{tr("Even geduld…", "One moment…")}</p>
        </Show>
        <ul class="login-choices">
            <For
                each=move || providers.get().unwrap_or_default()
                key=|provider| provider.issuer.clone()
                children=move |provider| {
                    let label = provider.label.clone();
                    view! {
                        <li>
                            <button type="button" disabled=move || busy.get() on:click=move |_| log_in(provider.clone())>
                                {move || label.in_language(language.get()).to_owned()}
                            </button>
                        </li>
                    }
                }
            />
        </ul>
    }
}

#[component]
pub fn LoginCallbackPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map().get_untracked();
    let callback = Callback {
        code: query.get("code"),
        state: query.get("state"),
        issuer: query.get("iss"),
        error: query.get("error"),
    };
    let problem = RwSignal::new(None::<Explanation>);
    let navigate = use_navigate();
    spawn_local(async move {
        match finish_login(callback).await {
            // Either way the callback (with its one-time code) is replaced in the history.
            Ok(who) if crate::app_choice::the_other_app_is_needed_for(who.app_needed()) => {
                crate::app_choice::start_the_other_app_at("/");
            }
            Ok(who) => {
                auth.who.set(who);
                navigate("/", NavigateOptions { replace: true, ..Default::default() });
            }
            Err(error) => {
                if auth.who.get_untracked() == Who::Checking {
                    auth.who.set(Who::LoggedOut);
                }
                problem.set(Some(error.0));
            }
        }
    });
    view! {
        <h1>{tr("Inloggen", "Log in")}</h1>
        <Show
            when=move || problem.get().is_some()
            fallback=|| view! { <p role="status">{tr("U wordt ingelogd…", "Logging you in…")}</p> }
        >
            <p id="login-problem" class="error" role="alert">{say(problem)}</p>
            <p><a href="/inloggen">{tr("Opnieuw inloggen", "Log in again")}</a></p>
        </Show>
    }
}
