//! The `signpost` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand};
use signpost::diagnostic::Diagnostic;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Build programme guides and easy-read resources as a website for every
/// audience.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --out DIR).
    Build {
        /// The site's folder, with site.yaml in it.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Make printable PDFs too.
        #[arg(long)]
        pdf: bool,
        /// Build pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Write links that work when the site is opened from disk.
        #[arg(long)]
        offline: bool,
        /// The Chromium, Chrome or Edge to print PDFs with [default: one
        /// named by SIGNPOST_BROWSER or CHROME, else one found on the PATH]
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: signpost stopped because of a fault in signpost itself, not in your site ({info}).\n   = hint: please report it to the signpost team with the site that caused it"
        );
    }));
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            pdf,
            drafts,
            offline,
            browser,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = signpost::BuildOptions {
                root,
                out: out.clone(),
                drafts,
                offline,
                pdf,
                browser,
            };
            let started = Instant::now();
            match signpost::build(&options) {
                Ok(report) => {
                    print_all(&report.warnings);
                    let pdfs = match (report.pdfs_printed, report.pdfs_unchanged) {
                        (0, 0) => String::new(),
                        (printed, unchanged) => {
                            format!(", printed {printed} PDFs ({unchanged} unchanged)")
                        }
                    };
                    eprintln!(
                        "Built {} pages ({} files{pdfs}) into {} in {} ms",
                        report.pages,
                        report.files,
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    print_all(&problems);
                    let errors = problems.iter().filter(|p| p.is_error()).count();
                    eprintln!(
                        "Build failed with {errors} error{}; {} was not changed",
                        if errors == 1 { "" } else { "s" },
                        out.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn print_all(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}
