//! Builds the worker into `worker/build/` (`index.js`, `index_bg.wasm`, the files `wrangler.toml`
//! names), the way workers-rs's `worker-build` 0.8.7 does, with the tools the build already has:
//! cargo for wasm32, wasm-bindgen's ES-module target (`wasm-tools bindgen worker`), wasm-opt -O,
//! then worker-build's own entry module (`worker_shim.js`) bundled by esbuild. Compiling
//! worker-build itself took five minutes of a new machine's set-up for these few steps.

use crate::setup::Tools;
use crate::shell::{run, say};
use crate::wasm_opt::{self, Optimisation};
use std::path::Path;

const OUT_NAME: &str = "index";
/// worker-build's `shim.js`, with `$HANDLERS` where the handlers go.
const SHIM: &str = include_str!("worker_shim.js");
/// wasm-bindgen's functions that the shim calls itself; every other exported function is a handler.
const SYSTEM_FUNCTIONS: &[&str] = &["__wbg_reset_state", "__worker_init_state"];
/// The event handlers workerd calls with `(event, env, ctx)`.
const EVENT_HANDLERS: &[&str] = &["fetch", "queue", "scheduled", "email", "connect"];

pub fn build(tools: &Tools, commit: &str) -> Result<(), String> {
    say("Build: the worker (cargo, wasm-bindgen, wasm-opt, esbuild)");
    let mut cargo = tools.wasm_command("cargo");
    cargo
        .args(["build", "--release", "--lib", "--package", "naar-vermogen-worker"])
        .args(["--target", "wasm32-unknown-unknown"])
        .env("NAAR_VERMOGEN_COMMIT", commit)
        // As worker-build: wasm-bindgen's macros use js_sys's futures.
        .env("WASM_BINDGEN_USE_JS_SYS", "1");
    let compiled = crate::compiled_once::compile_once(
        tools,
        &mut cargo,
        &["worker", "shared"],
        &tools.cargo_target.join("wasm32-unknown-unknown/release/naar_vermogen_worker.wasm"),
    )?;
    let staging = tools.root.join("target/worker-build");
    crate::app_build::fresh_directory(&staging)?;
    run(tools.wasm_tools().args(["bindgen", "worker"]).arg(&compiled).arg(&staging).arg(OUT_NAME))?;
    wasm_opt::optimise_all(tools, vec![staging.join(format!("{OUT_NAME}_bg.wasm"))], Optimisation::Worker)?;
    let bindings = read(&staging.join(format!("{OUT_NAME}.js")))?;
    std::fs::write(staging.join("shim.js"), entry_module(&bindings)).map_err(|e| format!("shim.js: {e}"))?;
    run(tools.command("esbuild").current_dir(&staging).args([
        "--external:./index_bg.wasm",
        "--external:cloudflare:*",
        "--format=esm",
        "--bundle",
        "./shim.js",
        "--outfile=index.js",
        "--allow-overwrite",
        "--minify",
    ]))?;
    // wasm-bindgen's module target imports the wasm as a source (`import source`); wrangler's
    // bundler takes a plain import of a `.wasm` file.
    let bundled = read(&staging.join("index.js"))?.replace("import source ", "import ");
    let out = tools.root.join("worker/build");
    crate::app_build::fresh_directory(&out)?;
    std::fs::write(out.join("index.js"), bundled).map_err(|e| format!("worker/build/index.js: {e}"))?;
    let wasm = format!("{OUT_NAME}_bg.wasm");
    std::fs::copy(staging.join(&wasm), out.join(&wasm)).map_err(|e| format!("worker/build/{wasm}: {e}"))?;
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// worker-build's entry module: a `WorkerEntrypoint` whose methods call the wasm's exported
/// handlers, and every exported class behind the proxy that resets the instance after a trap.
fn entry_module(bindings: &str) -> String {
    let mut handlers = String::new();
    for function in exported_functions(bindings) {
        if EVENT_HANDLERS.contains(&function) {
            handlers.push_str(&format!(
                "Entrypoint.prototype.{function} = function {function} (arg) {{\n  \
                 return exports.{function}.call(this, arg, this.env, this.ctx);\n}}\n"
            ));
        } else {
            handlers.push_str(&format!("Entrypoint.prototype.{function} = exports.{function};\n"));
        }
    }
    let mut module = SHIM.replace("$HANDLERS", &handlers);
    for class in exported_classes(bindings) {
        module.push_str(&format!("export const {class} = new Proxy(exports.{class}, classProxyHooks);\n"));
    }
    module
}

/// The names of `export function f(`, `export async function f(` and `export { x as f }` in
/// wasm-bindgen's script, less its own.
fn exported_functions(bindings: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for declaration in export_declarations(bindings) {
        let name = if let Some(rest) = declaration
            .strip_prefix("export function")
            .or_else(|| declaration.strip_prefix("export async function"))
        {
            rest.split('(').next().map(str::trim)
        } else if let Some(rest) = declaration.strip_prefix("export {") {
            rest.split_once(" as ").and_then(|(_, alias)| alias.split('}').next()).map(str::trim)
        } else {
            None
        };
        if let Some(name) = name.filter(|name| !name.is_empty() && !SYSTEM_FUNCTIONS.contains(name)) {
            names.push(name);
        }
    }
    names
}

fn exported_classes(bindings: &str) -> Vec<&str> {
    export_declarations(bindings)
        .filter_map(|declaration| declaration.strip_prefix("export class "))
        .filter_map(|rest| rest.split('{').next().map(str::trim))
        .collect()
}

/// Each `export` declaration, from its keyword on, where `export` starts a statement.
fn export_declarations(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("export ").filter_map(move |(at, _)| {
        let starts_a_statement =
            text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || c == ';' || c == '}');
        starts_a_statement.then(|| &text[at..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BINDINGS: &str = "import source wasmModule from './index_bg.wasm';\n\
        export function __wbg_reset_state() {}\n\
        export function fetch(req, env, ctx) {}\n\
        export async function scheduled(event, env, ctx) {}\n\
        export { start as __worker_init_state };\n\
        export { helper_impl as helper };\n\
        export class MintedToken { free() {} }\n\
        const notExported = 'export function hidden(';\n";

    #[test]
    fn every_exported_handler_becomes_a_method_of_the_entrypoint() {
        assert_eq!(exported_functions(BINDINGS), ["fetch", "scheduled", "helper"]);
        let module = entry_module(BINDINGS);
        assert!(module.contains(
            "Entrypoint.prototype.fetch = function fetch (arg) {\n  return exports.fetch.call(this, arg, this.env, this.ctx);\n}"
        ));
        assert!(module.contains("Entrypoint.prototype.helper = exports.helper;"));
        assert!(!module.contains("$HANDLERS"));
        assert!(!module.contains("prototype.__wbg_reset_state"));
    }

    #[test]
    fn exported_classes_are_wrapped_so_that_a_trap_resets_them() {
        assert_eq!(exported_classes(BINDINGS), ["MintedToken"]);
        assert!(entry_module(BINDINGS)
            .ends_with("export const MintedToken = new Proxy(exports.MintedToken, classProxyHooks);\n"));
    }
}
