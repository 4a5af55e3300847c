#pragma once

#include <QMetaType>
#include <QString>

namespace Parlor {

/// What the user typed, read as a slash command (`/nick NAME`, `/me TEXT`, `/reply SEQ TEXT`,
/// `/share PATH`, `/clear`, `/quit`, `/help`) or as text to send. Every front end reads its input here; the result is codes, and
/// each front end words them.
struct SlashCommand
{
    Q_GADGET

public:
    enum class Command {
        None,  ///< not a command (or an unknown one, see error): send text
        Nick,  ///< argument: the nickname asked for
        Me,    ///< argument: the action (sent as "/me TEXT")
        Clear, ///< empty the view
        Quit,  ///< end the program (or, in a script, the input)
        Help,  ///< list the commands
        Reply, ///< argument: the text; replyTo: the seq of the message it answers
        Share, ///< argument: the path of the file to share (Script syntax only: the desktop
               ///< shares by dropping, pasting or "Attach a file…")
    };
    Q_ENUM(Command)

    enum class Error {
        None,
        UnknownCommand,  ///< a line starting with one `/` names no command; see name
        MissingArgument, ///< `/nick` without a name, `/me` without text, `/reply` without a
                         ///< seq (a positive number) and a text, `/share` without a path
    };
    Q_ENUM(Error)

    /// Where the input comes from, which decides how much of it is read as commands.
    enum class Syntax {
        /// Someone typing (the desktop compose box): a line starting with `/` is a command,
        /// whatever the case (`/NICK`); its word ends at the first space and anything after it is
        /// the argument, trimmed; an unknown word is an error; `//text` sends `/text`.
        Interactive,
        /// Lines of a script or a pipe (parlor-cli), where a `/` is usually text: only
        /// `/nick NAME`, `/reply SEQ TEXT` and `/share PATH` (lower case, a space after them) and a line that
        /// is `/quit` (spaces around it allowed) are commands; every other line, `//` and `/me`
        /// included, is sent as it is.
        Script,
    };
    Q_ENUM(Syntax)

    Command command = Command::None;
    Error error = Error::None;
    QString argument; ///< what follows the command word, trimmed (Nick: the name, Me: the text)
    QString name;     ///< the command word, lower case ("/nick"); for UnknownCommand, what to show
    QString text;     ///< when this is not a command: the text to send
    qint64 replyTo = 0; ///< Reply: the seq of the message answered

    /// Whether the input is a command, known or not (false: send text).
    bool isCommand() const { return command != Command::None || error != Error::None; }

    /// Reads \a input (one message or line, as typed) under \a syntax.
    static SlashCommand parse(const QString &input, Syntax syntax = Syntax::Interactive);
};

} // namespace Parlor
