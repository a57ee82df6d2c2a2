//! Command-line arguments: the commands and flags of product.md, a contract with users' scripts.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// lape: build, check and preview the LAPE knowledge bank.
#[derive(Debug, Parser)]
#[command(name = "lape", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages and hints: fi or en (default: the locale, else the bank's language).
    #[arg(long, global = true, value_name = "fi|en")]
    pub lang: Option<String>,
}

/// How `check` prints problems.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Readable text with the offending line.
    Human,
    /// A JSON array of problems (file, line, column, severity, code, message, hint).
    Json,
    /// GitHub Actions annotation lines.
    Github,
}

/// What `lape export` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DataFormat {
    /// bank.json and bank.schema.json.
    Json,
    /// documents.csv and region-theme.csv.
    Csv,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content and build the site into the output folder.
    Build {
        /// Site root (the folder with book.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: build.output-dir of book.toml, else public/).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Base URL of the published site, e.g. https://example.fi/lape/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Skip the search indexes (the site's search then says the index is missing).
        #[arg(long)]
        no_search: bool,
    },
    /// Start a new document with valid front matter.
    New {
        /// memo, workshop, pilot, service, region, theme or page.
        kind: String,
        /// The title, in quotes.
        title: String,
        /// A region slug (repeat for several).
        #[arg(long = "region")]
        regions: Vec<String>,
        /// A theme slug (repeat for several).
        #[arg(long = "theme")]
        themes: Vec<String>,
        /// The document's date (2018-09-10 or 10.9.2018); default today.
        #[arg(long)]
        date: Option<String>,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn Word, PowerPoint, PDF or text files into drafts in content/.
    Import {
        /// Files to import: .docx, .pptx, .pdf, .txt or .md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// memo, workshop, pilot or service (default: guessed from the text).
        #[arg(long)]
        kind: Option<String>,
        /// A region slug (repeat for several); default: guessed from the text.
        #[arg(long = "region")]
        regions: Vec<String>,
        /// The document's date (2018-09-10 or 10.9.2018); default: the first date in the text.
        #[arg(long)]
        date: Option<String>,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the bank's open data (the files of /data/) without building the site.
    Export {
        /// json or csv (default: both).
        #[arg(long, value_enum)]
        format: Option<DataFormat>,
        /// Folder to write into.
        #[arg(long, default_value = "data")]
        output: PathBuf,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the JSON Schema of each kind's front matter, for editors' tools.
    Schema {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Folder for the schema files (default .lape/schema under the root).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build, serve on loopback, rebuild on save and reload open pages.
    Serve {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Show drafts in the preview.
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Search the bank's index (written by `lape build`).
    Search(SearchArgs),
    /// Report every problem in the content at once; writes nothing.
    Check {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Check drafts as if they were published.
        #[arg(long)]
        drafts: bool,
    },
}

/// The arguments of `lape search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "a phrase", OR between alternatives, -word or NOT word.
    #[arg(required_unless_present = "batch")]
    pub query: Option<String>,
    /// Site root.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this region (slug or name; repeat for several).
    #[arg(long = "region")]
    pub regions: Vec<String>,
    /// Only this theme (slug or name; repeat for several).
    #[arg(long = "theme")]
    pub themes: Vec<String>,
    /// Only this kind: memo, workshop, pilot, service, region, theme, page (repeat for several).
    #[arg(long = "kind")]
    pub kinds: Vec<String>,
    /// Only this year (repeat for several).
    #[arg(long = "year")]
    pub years: Vec<u16>,
    /// How many results.
    #[arg(short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Print results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Read one query per line from standard input and print one JSON object per line
    /// (query, total, hits, unknown words, or error), for scripts and tests.
    #[arg(long)]
    pub batch: bool,
}
