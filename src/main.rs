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
        /// The folder an earlier `build --pdf` wrote [default: ROOT/public]:
        /// its PDFs, where newer than their pages, give the printed pages.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The day to judge dates against, instead of today: pages whose
        /// next review is before it are overdue, and the accessibility
        /// statement is due a review a year after its last.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = signpost::check::Today::parse)]
        today: Option<signpost::check::Today>,
    },
    /// Print the JSON Schema of site.yaml or of a page's front-matter, for
    /// an editor to check them as you type.
    Schema {
        /// Which file: site-yaml or front-matter.
        #[arg(value_enum)]
        file: SchemaFile,
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
    /// Start a new pack in DIR: site.yaml, starter pages for every
    /// audience, a README and, if asked, a CI workflow.
    Init(InitArgs),
}

/// What `signpost init` takes. At a terminal it asks for each fact not
/// given here; otherwise, or with --no-input, it uses defaults.
#[derive(Args)]
struct InitArgs {
    /// The folder to start the pack in; made if missing.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The pack's name [default: Our mentoring programme].
    #[arg(long)]
    title: Option<String>,
    /// Your council or trust [default: Our council].
    #[arg(long)]
    organisation: Option<String>,
    /// The team readers can contact [default: Mentoring team].
    #[arg(long)]
    contact_name: Option<String>,
    /// The team's email address.
    #[arg(long)]
    email: Option<String>,
    /// The team's phone number.
    #[arg(long)]
    phone: Option<String>,
    /// The audiences, with commas: professional, carer, easy-read
    /// [default: all three].
    #[arg(long)]
    audiences: Option<String>,
    /// Also write a CI workflow that checks, builds and publishes the pack.
    #[arg(long, value_enum)]
    ci: Option<signpost::init::Ci>,
    /// Never ask: use the flags, and defaults for the rest.
    #[arg(long)]
    no_input: bool,
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

/// The files `signpost schema` describes.
#[derive(Clone, Copy, ValueEnum)]
enum SchemaFile {
    /// site.yaml.
    SiteYaml,
    /// The front-matter at the top of a page.
    FrontMatter,
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
        Command::Schema { file } => {
            let schema = match file {
                SchemaFile::SiteYaml => signpost::schema::Schema::SiteYaml,
                SchemaFile::FrontMatter => signpost::schema::Schema::FrontMatter,
            };
            println!("{}", schema.to_json());
            ExitCode::SUCCESS
        }
        Command::Check {
            site,
            external,
            format,
            deny_warnings,
            out,
            today,
        } => check(site, external, format, deny_warnings, out, today),
        Command::Init(args) => init(args),
    }
}

fn init(args: InitArgs) -> ExitCode {
    use std::io::IsTerminal;
    let flags = signpost::init::Flags {
        title: args.title,
        organisation: args.organisation,
        contact_name: args.contact_name,
        email: args.email,
        phone: args.phone,
        audiences: args.audiences,
        ci: args.ci,
    };
    let stdin = std::io::stdin();
    let ask = !args.no_input && stdin.is_terminal();
    let (mut input, mut output) = (stdin.lock(), std::io::stderr());
    let prompt = ask.then_some((
        &mut input as &mut dyn std::io::BufRead,
        &mut output as &mut dyn std::io::Write,
    ));
    match signpost::init::init(&args.dir, &flags, prompt) {
        Ok(files) => {
            let dir = args.dir.display();
            let cd = if args.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("  cd {dir}\n")
            };
            eprintln!(
                "Started a pack in {dir} ({} files).\n\nNext steps:\n{cd}  signpost serve          see it in your browser as you edit\n  signpost check          find mistakes before you publish\n  signpost build --pdf    build the site, with printable PDFs\n\nChange the facts in site.yaml first; README.md says how to publish.",
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
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
            let search = match (report.search_made, report.search_unchanged) {
                (0, 0) => String::new(),
                (made, unchanged) => {
                    let indexes = if made == 1 { "index" } else { "indexes" };
                    format!(", made {made} search {indexes} ({unchanged} unchanged)")
                }
            };
            eprintln!(
                "Built {} pages ({} files{pdfs}{search}) into {} in {} ms",
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

fn check(
    site: SiteArgs,
    external: bool,
    format: Format,
    deny_warnings: bool,
    out: Option<PathBuf>,
    today: Option<signpost::check::Today>,
) -> ExitCode {
    use signpost::check::formats;
    // Code-hosting sites name files from the repository's top: a relative
    // --root is where the site is in it.
    let shown_root = if site.root.is_relative() {
        site.root.clone()
    } else {
        PathBuf::new()
    };
    let out = out.unwrap_or_else(|| site.root.join("public"));
    let check_options = signpost::check::CheckOptions {
        external,
        printed: Some(signpost::check::PrintedIn {
            root: site.root.clone(),
            out: out.clone(),
        }),
        today,
    };
    let options = signpost::BuildOptions {
        out,
        root: site.root,
        drafts: site.drafts,
        pdf: site.pdf,
        ..Default::default()
    };
    let report = match signpost::check(&options, &check_options) {
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
