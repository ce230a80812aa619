//! Which wasm files each address of an app needs, so that the boot script fetches them beside the
//! app's own: a deep link (say an appointment's address in a reminder) then opens without waiting for
//! the app to start before the screen's code is asked for.
//!
//! Read from two places the build already has: the router in `app/src/app.rs` (an address, its
//! screen, the screen's split point) and the `__wasm_split.js` that `wasm-tools split` wrote (a split
//! point's files). Both are checked: a router line that cannot be read fails the build.

use std::collections::BTreeMap;

/// Address pattern (`/afspraken/:id`) → the wasm files its screen needs, in this app's directory.
pub type FilesPerAddress = BTreeMap<String, Vec<String>>;

/// The addresses of `app_rs` whose screens this build split off (per `split_loader`, the app's
/// `__wasm_split.js`), each with its files.
pub fn files_per_address(app_rs: &str, split_loader: &str) -> Result<FilesPerAddress, String> {
    let splits = files_per_split(split_loader)?;
    let screen_splits = screen_splits(app_rs)?;
    let mut addresses = FilesPerAddress::new();
    for (address, screen) in routes_to_screens(app_rs)? {
        let split = screen_splits.get(&screen).ok_or(format!(
            "app/src/app.rs: the screen `{screen}` (at {address}) is not declared by `screen_on_demand!`"
        ))?;
        if let Some(files) = splits.get(split) {
            addresses.insert(address, files.clone());
        }
    }
    Ok(addresses)
}

/// `<Route path=path!("/advies") view={Lazy::<OnDemand<screens::Advice>>::new()}/>` → ("/advies", "Advice").
fn routes_to_screens(app_rs: &str) -> Result<Vec<(String, String)>, String> {
    let mut routes = Vec::new();
    for route in app_rs.split("<Route ").skip(1) {
        let route = &route[..route.find("/>").ok_or("app/src/app.rs: a <Route is not closed with />")?];
        let address = between(route, "path!(\"", "\")")
            .ok_or(format!("app/src/app.rs: cannot read the path of <Route {route}/>"))?;
        if let Some(screen) = between(route, "OnDemand<screens::", ">") {
            routes.push((address.to_owned(), screen.to_owned()));
        }
    }
    if routes.is_empty() {
        return Err("app/src/app.rs: found no screen on demand in the router; has its form changed?".into());
    }
    Ok(routes)
}

/// `screen_on_demand!(Advice, advice, …)` → Advice → advice; `pub type Dossiers = OnlyForStaff;` → the
/// split of `OnlyForStaff`.
fn screen_splits(app_rs: &str) -> Result<BTreeMap<String, String>, String> {
    let mut splits = BTreeMap::new();
    for declaration in app_rs.split("screen_on_demand!(").skip(1) {
        let mut words = declaration.split(',').map(str::trim);
        match (words.next(), words.next()) {
            (Some(screen), Some(split)) if !screen.is_empty() && !split.is_empty() => {
                splits.insert(screen.to_owned(), split.to_owned());
            }
            _ => return Err(format!("app/src/app.rs: cannot read `screen_on_demand!({declaration}`")),
        }
    }
    for alias in app_rs.split("pub type ").skip(1) {
        let Some((name, target)) = alias.split_once(';').and_then(|(alias, _)| alias.split_once('=')) else {
            continue;
        };
        if let Some(split) = splits.get(target.trim()).cloned() {
            splits.insert(name.trim().to_owned(), split);
        }
    }
    Ok(splits)
}

/// From `__wasm_split.js`: each split point's own file and the shared chunks it waits for, e.g.
/// `export const __wasm_split_load_advice = wrapAsyncCb(makeLoad(() => { … fetch(new URL("./split_advice.wasm", …) … }, [__chunk_12, __chunk_13]));`.
fn files_per_split(split_loader: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut splits = BTreeMap::new();
    for export in split_loader.split("export const __wasm_split_load_").skip(1) {
        let unreadable =
            || format!("__wasm_split.js: cannot read the loader {}", &export[..export.len().min(80)]);
        let name = export.split(' ').next().filter(|name| !name.is_empty()).ok_or_else(unreadable)?;
        let own_file = between(export, "new URL(\"./", "\"").ok_or_else(unreadable)?;
        let chunks = between(export, ", [", "]").ok_or_else(unreadable)?;
        let mut files = vec![own_file.to_owned()];
        for chunk in chunks.split(',').map(str::trim).filter(|chunk| !chunk.is_empty()) {
            let number = chunk.strip_prefix("__chunk_").ok_or_else(unreadable)?;
            files.push(format!("chunk_{number}.wasm"));
        }
        splits.insert(name.to_owned(), files);
    }
    if splits.is_empty() {
        return Err("__wasm_split.js has no loaders: has wasm-split changed its output?".into());
    }
    Ok(splits)
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP_RS: &str = r#"
        <Route path=path!("/") view=HomePage/>
        <Route path=path!("/advies") view={Lazy::<OnDemand<screens::Advice>>::new()}/>
        <Route path=path!("/dossiers") view={Lazy::<OnDemand<screens::Dossiers>>::new()}/>
        <Route path=path!("/afspraken/:id") view={Lazy::<OnDemand<screens::Appointment>>::new()}/>
        screen_on_demand!(Advice, advice, crate::pages::advice::AdvicePage);
        screen_on_demand!(
            Appointment,
            appointment,
            crate::pages::appointments::AppointmentPage
        );
        screen_on_demand!(OnlyForStaff, only_for_staff, crate::app::OnlyInTheStaffApp);
        pub type Dossiers = OnlyForStaff;
    "#;

    const LOADER: &str = r#"
const __chunk_12 = makeLoad(() => {
    const src = fetch(new URL("./chunk_12.wasm", import.meta.url));
}, []);
export const __wasm_split_load_advice = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_advice.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_12, __chunk_13]));
export const __wasm_split_load_only_for_staff = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_only_for_staff.wasm", import.meta.url));
}
, []));
"#;

    #[test]
    fn each_address_gets_its_screens_files() {
        let addresses = files_per_address(APP_RS, LOADER).unwrap();
        assert_eq!(addresses["/advies"], ["split_advice.wasm", "chunk_12.wasm", "chunk_13.wasm"]);
        assert_eq!(addresses["/dossiers"], ["split_only_for_staff.wasm"], "through the type alias");
        assert!(!addresses.contains_key("/"), "the start page comes with the app");
        assert!(
            !addresses.contains_key("/afspraken/:id"),
            "a split this build does not have: nothing to fetch"
        );
    }

    #[test]
    fn what_cannot_be_read_is_an_error_not_a_silent_gap() {
        assert!(files_per_address(APP_RS, "nothing here").is_err());
        assert!(files_per_address(
            "<Route path=path!(\"/x\") view={Lazy::<OnDemand<screens::X>>::new()}/>",
            LOADER
        )
        .unwrap_err()
        .contains("`X`"));
        assert!(files_per_address("<Route view=Broken/>", LOADER).is_err());
        assert!(files_per_address("no routes", LOADER).is_err());
    }
}
