//! The `signpost` command line: parses arguments and calls the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use signpost::diagnostic::Diagnostic;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// mimalloc rather than the system allocator: a build makes and drops
/// millions of small strings and template values on every thread, and
/// glibc's malloc and free were a fifth of its instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site [default: ROOT/public]. A build replaces
        /// everything in it, so it must be new, empty or made by signpost.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build into an --out folder that holds files signpost did not
        /// make, deleting them.
        #[arg(long)]
        force: bool,
        /// Write links that work when the site is opened from disk.
        #[arg(long)]
        offline: bool,
        /// The Chromium, Chrome or Edge to print PDFs with [default: one
        /// named by SIGNPOST_BROWSER or CHROME, else one found on the PATH]
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
    },
    /// Check links, reading level and audience coverage, writing nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Also check links to other websites (http and https).
        #[arg(long)]
        external: bool,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with status 1 when there are warnings, not only errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Serve the site on this machine, rebuilding and reloading on every save.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Anything but 127.0.0.1 lets other
        /// machines see the site.
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        /// The Chromium, Chrome or Edge to print PDFs with (with --pdf).
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
    },
}

/// What every command that reads a site takes.
#[derive(Args)]
struct SiteArgs {
    /// The site's folder, with site.yaml in it.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Make printable PDFs too (as `pdf: true` in site.yaml).
    #[arg(long)]
    pdf: bool,
}

/// How `signpost check` prints its report.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Readable text, for a terminal.
    Text,
    /// JSON, for CI and other tools.
    Json,
    /// GitHub Actions workflow commands: each problem shows on the pull
    /// request at its line.
    Github,
    /// A GitLab Code Quality report (JSON), for a job's
    /// `artifacts:reports:codequality`.
    Gitlab,
}

fn main() -> ExitCode {
    // A fault in signpost's own code is said in words, never as a Rust
    // backtrace. `serve` catches faults in a rebuild and goes on serving,
    // so the words do not say that signpost stopped.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: a fault in signpost itself, not in your site ({info}).\n   = hint: please report it to the signpost team with the site that caused it"
        );
    }));
    match Cli::parse().command {
        Command::Build {
            site,
            out,
            force,
            offline,
            browser,
        } => build(
            site,
            BuildFlags {
                out,
                force,
                offline,
                browser,
            },
        ),
        Command::Serve {
            site,
            port,
            interface,
            browser,
        } => serve(site, port, interface, browser),
        Command::Check {
            site,
            external,
            format,
            deny_warnings,
        } => check(site, external, format, deny_warnings),
    }
}

/// What `signpost build` takes besides the site.
struct BuildFlags {
    out: Option<PathBuf>,
    force: bool,
    offline: bool,
    browser: Option<PathBuf>,
}

fn build(site: SiteArgs, flags: BuildFlags) -> ExitCode {
    let out = flags.out.unwrap_or_else(|| site.root.join("public"));
    let options = signpost::BuildOptions {
        root: site.root,
        out: out.clone(),
        drafts: site.drafts,
        offline: flags.offline,
        pdf: site.pdf,
        browser: flags.browser,
        force: flags.force,
    };
    let started = Instant::now();
    match signpost::build(&options) {
        Ok(report) => {
            print_all(&report.warnings);
            let pdfs = match (report.pdfs_printed, report.pdfs_unchanged) {
                (0, 0) => String::new(),
                (printed, unchanged) => format!(", printed {printed} PDFs ({unchanged} unchanged)"),
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

fn check(site: SiteArgs, external: bool, format: Format, deny_warnings: bool) -> ExitCode {
    use signpost::check::formats;
    // Code-hosting sites name files from the repository's top: a relative
    // --root is where the site is in it.
    let shown_root = if site.root.is_relative() {
        site.root.clone()
    } else {
        PathBuf::new()
    };
    let options = signpost::BuildOptions {
        out: site.root.join("public"),
        root: site.root,
        drafts: site.drafts,
        pdf: site.pdf,
        ..Default::default()
    };
    let report = match signpost::check(&options, &signpost::check::CheckOptions { external }) {
        Ok(report) => report,
        Err(problems) => signpost::check::Report {
            diagnostics: problems,
            ..Default::default()
        },
    };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        Format::Text => print!("{}", report.to_text()),
        Format::Github => {
            print!("{}", formats::github(&report.diagnostics, &shown_root));
            eprint!("{}", report.counts_text());
        }
        Format::Gitlab => {
            println!("{}", formats::gitlab(&report.diagnostics, &shown_root));
            // The report goes to a file; the job's log shows it as text.
            eprint!("{}", report.to_text());
        }
    }
    let errors = report.diagnostics.iter().any(Diagnostic::is_error);
    let warnings = report.diagnostics.iter().any(|d| !d.is_error());
    if errors || (deny_warnings && warnings) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(site: SiteArgs, port: u16, interface: String, browser: Option<PathBuf>) -> ExitCode {
    let options = signpost::serve::ServeOptions {
        build: signpost::BuildOptions {
            out: site.root.join("public"),
            root: site.root,
            drafts: site.drafts,
            pdf: site.pdf,
            offline: false,
            browser,
            force: false,
        },
        interface,
        port,
    };
    match signpost::serve::serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            print_all(&problems);
            eprintln!("Cannot serve the site until these are fixed");
            ExitCode::FAILURE
        }
    }
}

fn print_all(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}
