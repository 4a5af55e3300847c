#include "slashcommand.h"

namespace Parlor {

namespace {

SlashCommand textToSend(const QString &text)
{
    SlashCommand result;
    result.text = text;
    return result;
}

SlashCommand command(SlashCommand::Command which, const QString &name, const QString &argument = {})
{
    SlashCommand result;
    result.command = which;
    result.name = name;
    result.argument = argument;
    return result;
}

SlashCommand needsArgument(SlashCommand::Command which, const QString &name, const QString &argument)
{
    SlashCommand result = command(which, name, argument);
    if (argument.isEmpty())
        result.error = SlashCommand::Error::MissingArgument;
    return result;
}

// "/reply SEQ TEXT": the seq a positive number, then the text.
SlashCommand reply(const QString &name, const QString &argument)
{
    SlashCommand result = command(SlashCommand::Command::Reply, name);
    const QString seq = argument.section(u' ', 0, 0);
    bool ok = false;
    result.replyTo = seq.toLongLong(&ok);
    result.argument = argument.section(u' ', 1).trimmed();
    if (!ok || result.replyTo <= 0 || result.argument.isEmpty()) {
        result.replyTo = 0;
        result.error = SlashCommand::Error::MissingArgument;
    }
    return result;
}

SlashCommand parseScript(const QString &line)
{
    // parlor-cli sends what it reads; only these exact forms were ever commands there, so a
    // file of lines that happen to start with "/" goes out unchanged.
    if (line.startsWith(QLatin1String("/nick ")))
        return needsArgument(SlashCommand::Command::Nick, QStringLiteral("/nick"),
                             line.mid(6).trimmed());
    if (line.trimmed() == QLatin1String("/quit"))
        return command(SlashCommand::Command::Quit, QStringLiteral("/quit"));
    if (line.startsWith(QLatin1String("/reply ")))
        return reply(QStringLiteral("/reply"), line.mid(7).trimmed());
    if (line.startsWith(QLatin1String("/share ")))
        return needsArgument(SlashCommand::Command::Share, QStringLiteral("/share"),
                             line.mid(7).trimmed());
    return textToSend(line);
}

SlashCommand parseInteractive(const QString &text)
{
    // "//text" is the escape for a message that starts with "/".
    if (text.startsWith(QLatin1String("//")))
        return textToSend(text.mid(1));
    if (!text.startsWith(u'/'))
        return textToSend(text);
    // Only a space ends the word: "/nick\tname" is an unknown command, as it always was.
    const QString name = text.section(u' ', 0, 0).toLower();
    const QString argument = text.section(u' ', 1).trimmed();
    if (name == QLatin1String("/nick"))
        return needsArgument(SlashCommand::Command::Nick, name, argument);
    if (name == QLatin1String("/me"))
        return needsArgument(SlashCommand::Command::Me, name, argument);
    if (name == QLatin1String("/clear"))
        return command(SlashCommand::Command::Clear, name, argument);
    if (name == QLatin1String("/quit"))
        return command(SlashCommand::Command::Quit, name, argument);
    if (name == QLatin1String("/help"))
        return command(SlashCommand::Command::Help, name, argument);
    if (name == QLatin1String("/reply"))
        return reply(name, argument);
    SlashCommand unknown;
    unknown.error = SlashCommand::Error::UnknownCommand;
    unknown.name = name;
    return unknown;
}

} // namespace

SlashCommand SlashCommand::parse(const QString &input, Syntax syntax)
{
    return syntax == Syntax::Script ? parseScript(input) : parseInteractive(input);
}

} // namespace Parlor
