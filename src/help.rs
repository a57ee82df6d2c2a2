//! `--help` in the editor's language: the English doc comments of [`crate::cli`] are the
//! source, and for Finnish each command and argument gets its sentence from the catalogue.
//!
//! clap has no translations of its own, so its headings, the built-in help and version flags
//! and the defaults it prints are replaced here too; its error messages stay English.

use clap::{Arg, ArgAction, Command};
use lape_kb::messages::{Lang, Word};

/// The catalogue word for a command's description (`""` is the program itself).
fn about(command: &str) -> Option<Word> {
    Some(match command {
        "" => Word("help-lape"),
        "build" => Word("help-build"),
        "new" => Word("help-new"),
        "schema" => Word("help-schema"),
        "serve" => Word("help-serve"),
        "search" => Word("help-search"),
        "check" => Word("help-check"),
        "import" => Word("help-import"),
        "export" => Word("help-export"),
        "help" => Word("help-help"),
        _ => return None,
    })
}

/// The catalogue word for an argument of a command; default values are part of the sentence.
fn argument(command: &str, arg: &str) -> Option<Word> {
    Some(match (command, arg) {
        (_, "help") => Word("help-arg-help"),
        (_, "version") => Word("help-arg-version"),
        (_, "lang") => Word("help-arg-lang"),
        ("build", "root") => Word("help-build-root"),
        ("build", "output") => Word("help-build-output"),
        ("build", "base_url") => Word("help-build-base-url"),
        ("build", "drafts") => Word("help-build-drafts"),
        ("build", "quiet") => Word("help-build-quiet"),
        ("build", "no_search") => Word("help-build-no-search"),
        ("new", "kind") => Word("help-new-kind"),
        ("new", "title") => Word("help-new-title"),
        ("new", "regions") => Word("help-new-region"),
        ("new", "themes") => Word("help-new-theme"),
        ("new", "date") => Word("help-new-date"),
        ("schema", "out") => Word("help-schema-out"),
        ("serve", "bind") => Word("help-serve-bind"),
        ("serve", "port") => Word("help-serve-port"),
        ("serve", "drafts") => Word("help-serve-drafts"),
        ("serve", "open") => Word("help-serve-open"),
        ("search", "query") => Word("help-search-query"),
        ("search", "regions") => Word("help-search-region"),
        ("search", "themes") => Word("help-search-theme"),
        ("search", "kinds") => Word("help-search-kind"),
        ("search", "years") => Word("help-search-year"),
        ("search", "limit") => Word("help-search-limit"),
        ("search", "json") => Word("help-search-json"),
        ("search", "batch") => Word("help-search-batch"),
        ("check", "format") => Word("help-check-format"),
        ("import", "files") => Word("help-import-files"),
        ("export", "format") => Word("help-export-format"),
        ("export", "output") => Word("help-export-output"),
        ("import", "kind") => Word("help-import-kind"),
        ("import", "regions") => Word("help-import-region"),
        ("import", "date") => Word("help-import-date"),
        ("check", "drafts") => Word("help-check-drafts"),
        ("help", "subcommand") => Word("help-help-command"),
        (_, "root") => Word("help-root"),
        _ => return None,
    })
}

/// `command` with its help in `lang`. English goes through the catalogue too, so both
/// languages say the same things (defaults in the sentence, the same headings).
pub fn localised(mut command: Command, lang: Lang) -> Command {
    // Building adds the help subcommand and the help and version flags, so they can be
    // reworded like the rest.
    command.build();
    reword(command, "", lang)
}

fn reword(mut command: Command, name: &str, lang: Lang) -> Command {
    let say = |w: Word| w.render(lang);
    if let Some(w) = about(name) {
        command = command.about(say(w)).long_about(None);
    }
    command = command
        .help_template(say(Word("help-template")))
        .subcommand_help_heading(say(Word("help-commands")))
        .subcommand_value_name(say(Word("help-command-placeholder")));
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let word = argument(name, &id);
        command = command.mut_arg(id.as_str(), |a: Arg| {
            let heading = if a.is_positional() {
                Word("help-arguments")
            } else {
                Word("help-options")
            };
            let mut a = a
                .help_heading(say(heading))
                .hide_default_value(true)
                .hide_possible_values(true);
            if let Some(w) = word {
                a = a.help(say(w)).long_help(None);
            }
            if matches!(
                a.get_action(),
                ArgAction::Help | ArgAction::HelpLong | ArgAction::HelpShort
            ) {
                a = a.help(say(Word("help-arg-help")));
            }
            a
        });
    }
    let subs: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subs {
        command = command.mut_subcommand(sub.as_str(), |s| reword(s, &sub, lang));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument of a command tree, as (command, argument) names.
    fn everything(command: &Command, name: &str, out: &mut Vec<(String, Option<String>)>) {
        out.push((name.to_string(), None));
        for a in command.get_arguments() {
            out.push((name.to_string(), Some(a.get_id().to_string())));
        }
        for s in command.get_subcommands() {
            everything(s, s.get_name(), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_finnish_help() {
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut all = Vec::new();
        everything(&command, "", &mut all);
        assert!(all.len() > 40, "the walk found {} items", all.len());
        let missing: Vec<_> = all
            .iter()
            .filter(|(c, a)| match a {
                None => about(c).is_none(),
                Some(a) => argument(c, a).is_none(),
            })
            .collect();
        assert!(missing.is_empty(), "no Finnish help for {missing:?}");
    }

    #[test]
    fn help_speaks_the_language_asked_for() {
        let render = |lang, args: &[&str]| {
            let mut c = localised(crate::cli::Cli::command(), lang);
            let mut c = c.find_subcommand_mut(args[0]).cloned().unwrap_or_else(|| c.clone());
            c.render_help().to_string()
        };
        let fi = render(Lang::Fi, &["build"]);
        assert!(fi.contains("Käyttö:") && fi.contains("Valinnat:"), "{fi}");
        assert!(fi.contains("--output") && fi.contains("Tulostekansio"), "{fi}");
        assert!(!fi.contains("Print help") && !fi.contains("[default"), "{fi}");
        let en = render(Lang::En, &["build"]);
        assert!(en.contains("Usage:") && en.contains("Output folder"), "{en}");
        assert!(en.contains("Print help") && !en.contains("Näytä"), "{en}");
    }
}
