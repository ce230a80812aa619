//! The layers of `shared` keep their direction (see the header of `shared/src/lib.rs`): the law
//! engine names nothing of the sync core, the client journey or the catalogue; the sync core nothing
//! of the journey or the catalogue; the journey nothing of the catalogue above it; and the base
//! modules at the top of `shared/src/` no layer at all. Checked by a test on every `cargo test`, with
//! the reading of imports of `cargo xtask shape` (paths in code only, test blocks left out: a test
//! may bring any layers together).
//!
//! The old paths that `shared/src/lib.rs` re-exports for the other crates (`crate::appointment`,
//! `crate::record`, …) are no way round: a module of `shared` names the layer.

use crate::shape::{code_without_tests, imports_between, paths_named_in, Module};
use std::collections::BTreeSet;

/// Where a module of `shared` sits, lowest first: it may name modules of its own place and below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// The small modules at the top of `shared/src/` (`text`, `formats`, `bsn`, …).
    Base,
    Law,
    Sync,
    Journey,
    /// `catalogue.rs`, above the layers: brings sync and journey together.
    Catalogue,
}

/// The place of a module by its path (`journey::appointment`); `None` for the crate root (`lib.rs`),
/// which declares the layers and re-exports the old paths.
fn place_of(module: &str) -> Option<Place> {
    match module.split("::").next()? {
        "" => None,
        "law" => Some(Place::Law),
        "sync" => Some(Place::Sync),
        "journey" => Some(Place::Journey),
        "catalogue" => Some(Place::Catalogue),
        _ => Some(Place::Base),
    }
}

/// Every path of `modules` (those of `shared/src`) against the direction of the layers, in words;
/// empty when there is none.
fn paths_against_the_layers(modules: &[Module]) -> Vec<String> {
    let edges = imports_between(modules);
    // `embedded_data` is a module of `lib.rs` itself (what build.rs makes), not a file.
    let top_level: BTreeSet<&str> = modules
        .iter()
        .map(|module| module.path.as_str())
        .filter(|path| !path.contains("::"))
        .chain(["embedded_data"])
        .collect();
    let mut problems = Vec::new();
    for module in modules {
        let Some(place) = place_of(&module.path) else { continue };
        let file = module.file.display();
        for target in &edges[&module.path] {
            let target_place = place_of(target).unwrap_or(Place::Base);
            if target_place > place {
                problems.push(format!(
                    "{file}: a module of {place:?} names `{target}`, of {target_place:?}, which sits above it"
                ));
            }
        }
        for path in paths_named_in(&code_without_tests(&module.text)) {
            let old_path = path.first().is_some_and(|head| head == "crate")
                && path.get(1).is_some_and(|first| !top_level.contains(first.as_str()));
            if old_path {
                problems.push(format!(
                    "{file}: `{}` is an old path that lib.rs keeps for the other crates; name the layer \
                     (`crate::law::…`, `crate::sync::…`, `crate::journey::…`), or put a new module in one",
                    path.join("::")
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layers_of_shared_depend_one_way() {
        let modules = crate::shape::modules_under(&crate::shell::project_root().join("shared/src")).unwrap();
        for layer in ["law::", "sync::", "journey::"] {
            let in_layer = modules.iter().filter(|module| module.path.starts_with(layer)).count();
            assert!(in_layer >= 5, "shared/src/{layer} holds {in_layer} modules: is this the right folder?");
        }
        let problems = paths_against_the_layers(&modules);
        assert!(problems.is_empty(), "the layers of shared depend one way only:\n{}", problems.join("\n"));
    }

    #[test]
    fn a_path_up_is_found_and_a_path_down_is_not() {
        // (the module, its text, how many paths go against the layers)
        let cases = [
            ("law::policy", "use crate::law::calendar::Date;\nuse crate::text::Explanation;", 0),
            ("law::policy", "use crate::{law::{calendar, policy}, text};", 0),
            ("law::policy", "use crate::journey::appointment::Appointment;", 1),
            ("law::policy", "use crate::{law::calendar, sync::record::Owner};", 1),
            ("law::policy", "fn f() { crate::sync::record::Owner::Team; }", 1),
            ("law::policy", "use super::super::journey::appointment;", 1),
            ("law::policy", "use crate::appointment::LocalDateTime; // an old path", 1),
            ("sync::merge", "use crate::law::calendar::Date;", 0),
            ("sync::merge", "//! Not `crate::journey::appointment`: a comment.", 0),
            ("sync::merge", "#[cfg(test)]\nmod tests {\n    use crate::catalogue::Table;\n}", 0),
            ("sync::merge", "const W: &[&str] = crate::journey::appointment::Kind::WORDS;", 1),
            ("journey::steps", "use crate::catalogue::check_field_value;", 1),
            ("bsn", "use crate::law::calendar::Date;", 1),
            ("bsn", "use crate::embedded_data::POLICIES_AS_JSON;", 0),
            ("catalogue", "use crate::journey::appointment::Kind;", 0),
        ];
        let layers = ["law", "sync", "journey", "catalogue"];
        let others = ["text", "bsn", "law::calendar", "sync::record", "journey::appointment"];
        for (path, text, expected) in cases {
            let mut modules = vec![Module::from_text(path, text)];
            let known = layers.into_iter().chain(others).filter(|known| *known != path);
            modules.extend(known.map(|known| Module::from_text(known, "")));
            assert_eq!(paths_against_the_layers(&modules).len(), expected, "{path}: {text}");
        }
    }
}
