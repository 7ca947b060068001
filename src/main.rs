//! The `newsdesk` binary: parse the command line, then run a subcommand or open the window.

use std::process::ExitCode;

use clap::Parser;
use newsdesk::cli::{self, Action, Cli};

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Action::Exit(code) => ExitCode::from(code),
        #[cfg(feature = "gui")]
        Action::OpenWindow(file) => newsdesk::app::run(file),
        #[cfg(not(feature = "gui"))]
        Action::OpenWindow(file) => cli::window_unavailable(file.as_deref()),
    }
}
