//! Screens fetched the first time they are opened, so that a phone's first load holds only the shell
//! and the start page (the boot script fetches the files of a screen opened by its address at once).
//!
//! Each screen here is a split point: the build (`xtask`, `wasm_split_cli_support`) moves the code
//! only its group of screens uses into a wasm file of the group's own, and code two groups share into
//! a file both fetch. The service worker keeps every such file, so after the first visit they open
//! offline too.
//! Should a file not arrive (first visit, no network), the screen says so and offers to try again;
//! the app itself keeps running.

use crate::i18n::tr;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::LazyRoute;
use send_wrapper::SendWrapper;
use std::marker::PhantomData;

/// A screen whose code arrives when it is first opened.
pub trait Screen: Send + Sync + 'static {
    /// Fetches the screen's code (once) and makes its view.
    fn load() -> impl std::future::Future<Output = Result<AnyView, ScreenNotLoaded>>;
}

/// The screen's code did not arrive.
pub struct ScreenNotLoaded;

impl From<SplitLoaderError> for ScreenNotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        ScreenNotLoaded
    }
}

/// The router's view for a [`Screen`]: `view=Lazy::<OnDemand<Klantfoto>>::new()`.
pub struct OnDemand<S>(PhantomData<S>);

impl<S: Screen> LazyRoute for OnDemand<S> {
    fn data() -> Self {
        OnDemand(PhantomData)
    }

    async fn view(_: Self) -> AnyView {
        match S::load().await {
            Ok(view) => view,
            Err(ScreenNotLoaded) => view! { <ScreenDidNotArrive/> }.into_any(),
        }
    }
}

/// A part of a screen whose code arrives on demand (a function marked as a split point like the
/// screens in [`screen_on_demand!`]): nothing shows until it has; if it cannot arrive, a short note.
pub fn part_on_demand(
    load: impl std::future::Future<Output = Result<AnyView, ScreenNotLoaded>> + 'static,
) -> impl IntoView {
    Suspend::new(SendWrapper::new(async move {
        load.await.unwrap_or_else(|ScreenNotLoaded| {
            view! {
                <p class="notice">
                    {tr(
                        "Een deel van deze pagina kan nu niet openen. Probeer het opnieuw als u weer internet heeft.",
                        "Part of this page cannot open now. Try again when you are online.",
                    )}
                </p>
            }
            .into_any()
        })
    }))
}

/// Shown when a screen's code could not be fetched: a reload tries again.
#[component]
fn ScreenDidNotArrive() -> impl IntoView {
    view! {
        <h1>{tr("Deze pagina kan nu niet openen", "This page cannot open now")}</h1>
        <p role="alert">
            {tr(
                "Deze pagina is nog niet op uw apparaat. Er is nu geen verbinding om hem op te halen. Probeer het opnieuw als u weer internet heeft.",
                "This page is not on your device yet. There is no connection to fetch it now. Try again when you are online.",
            )}
        </p>
        <button type="button" class="button" on:click=|_| { let _ = window().location().reload(); }>
            {tr("Opnieuw proberen", "Try again")}
        </button>
    }
}

/// Declares a [`Screen`] named `$screen` that shows the component `$page`, split off with the other
/// screens of the group `$split` (one file for the group, so fewer and larger files to fetch).
/// (A macro, because each split point must be its own plain function for the build to find it.)
macro_rules! screen_on_demand {
    ($screen:ident, $split:ident, $page:path) => {
        pub struct $screen;

        impl $crate::screens_on_demand::Screen for $screen {
            async fn load() -> Result<leptos::prelude::AnyView, $crate::screens_on_demand::ScreenNotLoaded> {
                #[leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
                fn view_of_the_screen(
                ) -> Result<leptos::prelude::AnyView, $crate::screens_on_demand::ScreenNotLoaded> {
                    use leptos::prelude::IntoAny;
                    use $page as Page;
                    Ok(leptos::view! { <Page/> }.into_any())
                }
                view_of_the_screen().await
            }
        }
    };
}
pub(crate) use screen_on_demand;
