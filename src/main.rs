//! The `newsdesk` binary: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use newsdesk::cli::{self, Action, Cli};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Action::Exit(code) => ExitCode::from(code),
        #[cfg(feature = "gui")]
        Action::OpenWindow(file) => match newsdesk::app::run(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("newsdesk: error: {e}");
                ExitCode::from(cli::EXIT_ERROR)
            }
        },
        #[cfg(not(feature = "gui"))]
        Action::OpenWindow(file) => cli::window_unavailable(file.as_deref()),
    }
}
