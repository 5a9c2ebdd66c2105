//! The `gongwen` command: parses Chinese government notices into notice JSON,
//! JSON lines or CSV, and prints the notice JSON schema.
//!
//! Exit status: 0 on success (also when the reader of stdout goes away
//! early, as in `gongwen parse x | head`), 1 when the input cannot be parsed
//! or the output cannot be written (one line `gongwen: <reason>` on stderr),
//! 2 on usage errors.

mod args;
mod convert;
mod output;

use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, OutputFormat};
use output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Convert {
        inputs,
        output,
        format,
        jobs,
        skip_existing,
        quiet,
        from,
    } = cli.command
    {
        let job = convert::Convert {
            inputs,
            output,
            format,
            jobs,
            skip_existing,
            quiet,
            from,
        };
        return match convert::run(&job) {
            Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
            Ok(_) => ExitCode::FAILURE,
            Err(message) => {
                eprintln!("gongwen: {message}");
                ExitCode::from(2)
            }
        };
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gongwen: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; the error is the one-line reason for failing.
fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Parse {
            file,
            format,
            output,
            from,
            hidden_sheets,
        } => {
            if format == OutputFormat::Docx && output.is_none() && io::stdout().is_terminal() {
                return Err(
                    "refusing to write a binary DOCX file to the terminal; use -o FILE".to_owned(),
                );
            }
            let bytes = read_input(&file).map_err(|e| e.to_string())?;
            let options = gongwen::ParseOptions {
                format: from.map(Into::into),
                hidden_sheets,
                ..Default::default()
            };
            let notice =
                gongwen::parse_bytes_with(&bytes, &file, &options).map_err(|e| e.to_string())?;
            Output::open(output.as_deref())?.write(|w| output::write_notice(w, &notice, format))
        }
        Command::Schema { output } => Output::open(output.as_deref())?
            .write(|w| output::write_json(w, &gongwen::json_schema())),
        Command::Convert { .. } => Err("convert is run by main".to_owned()),
    }
}

/// Reads the input file, or standard input for `-`.
fn read_input(path: &Path) -> gongwen::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|source| gongwen::Error::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(bytes)
}
