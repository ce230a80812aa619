//! `cargo xtask`: set-up, build, run and test Naar Vermogen with one command each.
//!
//! The two commands a newcomer needs (see README.md):
//!   cargo xtask run    install what is missing, build, prepare the local D1, serve on 127.0.0.1
//!   cargo xtask test   install what is missing, run every test (native, wasm builds, end to end)
//!
//! Written in Rust with only the standard library, so that it compiles in seconds on a
//! fresh machine before anything else is installed.

mod app_build;
mod bench;
mod build;
mod compiled_once;
mod identity;
mod kept_results;
#[cfg(test)]
mod layers;
mod municipality;
mod screen_files;
mod setup;
mod shape;
mod shell;
mod test;
mod test_dates;
mod wasm_opt;
mod worker_build;
mod wrangler;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

  run [--port N]  set up, build (release), apply D1 migrations, load demo data, start the demo
                  identity provider and wrangler dev
  test [--date YYYY-MM-DD]
                  set up, lints, cargo test, wasm builds, end-to-end tests in headless Chromium
                  today, then the date-sensitive ones at the dates that matter
                  (xtask/src/test_dates.rs); with --date, the whole end-to-end suite at that date
  e2e [--date YYYY-MM-DD] [name…]
                  build, then only the end-to-end tests whose file names contain a name
                  (all of them without names), today or at that date
  setup           install the tool chain only (idempotent; says what it installs and skips)
  build           build the app and the worker (release) and print their sizes
  shape           the modules of each crate, their import circles and the functions of 80+ lines
  bench           the speed benchmarks: sync over loopback (target/bench-sync.json), criterion
  help            this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => wrangler::serve_product(parse_port(&args[1..])),
        Some("test") => date_option(&args[1..]).and_then(|(date, _)| test::run_all(date)),
        Some("e2e") => {
            date_option(&args[1..]).and_then(|(date, names)| test::run_end_to_end_only(date, &names))
        }
        Some("setup") => setup::install_everything().map(|_| ()),
        Some("build") => {
            setup::install_everything().and_then(|tools| build::build_all_and_report_sizes(&tools))
        }
        Some("bench") => bench::run_benchmarks(),
        Some("shape") => shape::print_the_shape(),
        Some("help") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`.\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--date YYYY-MM-DD` among `args`, and the other arguments.
fn date_option(args: &[String]) -> Result<(Option<test_dates::TestDate>, Vec<String>), String> {
    let Some(position) = args.iter().position(|a| a == "--date") else { return Ok((None, args.to_vec())) };
    let value = args.get(position + 1).ok_or("`--date` needs a date: `--date 2027-03-28`")?;
    let rest = args.iter().enumerate().filter(|(i, _)| *i != position && *i != position + 1);
    Ok((Some(test_dates::TestDate::parse(value)?), rest.map(|(_, a)| a.clone()).collect()))
}

fn parse_port(args: &[String]) -> Option<u16> {
    let position = args.iter().position(|a| a == "--port")?;
    args.get(position + 1)?.parse().ok()
}
