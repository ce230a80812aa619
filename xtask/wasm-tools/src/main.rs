//! `wasm-tools`: the two wasm steps of the build that need a Rust library, as one program built
//! from this workspace (`cargo xtask` builds it with the profile `tools`). Before, the set-up
//! compiled `wasm-bindgen-cli` and `wasm-split-cli` with all their command-line dependencies
//! (about 10 minutes on two cores); these libraries alone take a fraction of that.
//!
//! ```text
//! wasm-tools split   <input.wasm> <output dir> <name>   the app's wasm, split at its screens
//! wasm-tools bindgen web    <input.wasm> <output dir> <name>   bindings for the browser
//! wasm-tools bindgen worker <input.wasm> <output dir> <name>   bindings for workerd (ES module)
//! ```

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: wasm-tools split <input.wasm> <output dir> <name>\n       \
                     wasm-tools bindgen (web|worker) <input.wasm> <output dir> <name>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        ["split", input, output, name] => split(Path::new(input), Path::new(output), name),
        ["bindgen", "web", input, output, name] => bindgen_for_the_browser(input, output, name),
        ["bindgen", "worker", input, output, name] => bindgen_for_the_worker(input, output, name),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wasm-tools: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Moves the code of each split point (`app/src/screens_on_demand.rs`) into wasm files of its own
/// and writes `__wasm_split.js`, which fetches them; the rest goes to `<output>/<name>.wasm`, for
/// wasm-bindgen (whose script, `./<name>.js`, the split files import their memory from).
fn split(input: &Path, output: &Path, name: &str) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main_out_path = output.join(format!("{name}.wasm"));
    let main_module = format!("./{name}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = output;
    options.main_out_path = &main_out_path;
    options.main_module = &main_module;
    options.target.web();
    wasm_split_cli_support::transform(options)
        .map(|_| ())
        .map_err(|e| format!("splitting {}: {e:?}", input.display()))
}

/// wasm-bindgen `--target web --keep-lld-exports` (the split files call the main module's
/// functions by their linker names).
fn bindgen_for_the_browser(input: &str, output: &str, name: &str) -> Result<(), String> {
    let mut bindgen = bindgen_as_the_cli_runs_it(input, name);
    bindgen.keep_lld_exports(true);
    bindgen.web(true).map_err(|e| e.to_string())?;
    bindgen.generate(output).map_err(|e| format!("wasm-bindgen on {input}: {e:?}"))
}

/// wasm-bindgen as workers-rs's `worker-build` runs it: an ES module that imports the wasm as a
/// source, a function that resets the instance after a trap, and an abort handler.
fn bindgen_for_the_worker(input: &str, output: &str, name: &str) -> Result<(), String> {
    let mut bindgen = bindgen_as_the_cli_runs_it(input, name);
    bindgen.reset_state_function(true).force_enable_abort_handler(true);
    bindgen.module(true).map_err(|e| e.to_string())?;
    bindgen.generate(output).map_err(|e| format!("wasm-bindgen on {input}: {e:?}"))
}

/// The library's settings where the `wasm-bindgen` command line differs from them: the CLI writes a
/// default path to the wasm into the script. No TypeScript declarations: nothing reads them.
fn bindgen_as_the_cli_runs_it(input: &str, name: &str) -> wasm_bindgen_cli_support::Bindgen {
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen.input_path(input).out_name(name).typescript(false).omit_default_module_path(false);
    bindgen
}
