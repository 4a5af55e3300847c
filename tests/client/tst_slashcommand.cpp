// SlashCommand: what each front end reads as a command, and what it sends as text. The two
// syntaxes differ on purpose (see SlashCommand::Syntax); the rows pin both, side by side.

#include "client/slashcommand.h"

#include <QTest>

using namespace Parlor;
using namespace Qt::StringLiterals;

using Command = SlashCommand::Command;
using Error = SlashCommand::Error;
using Syntax = SlashCommand::Syntax;

class tst_SlashCommand : public QObject
{
    Q_OBJECT

private slots:
    void interactive_data();
    void interactive();
    void script_data();
    void script();
    void reply_data();
    void reply();
};

namespace {

void addColumns()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Command>("command");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
}

void addText(const char *row, const QString &input, const QString &text)
{
    QTest::newRow(row) << input << Command::None << Error::None << QString() << QString() << text;
}

void addCommand(const char *row, const QString &input, Command command, const QString &name,
                const QString &argument = {}, Error error = Error::None)
{
    QTest::newRow(row) << input << command << error << argument << name << QString();
}

void check(Syntax syntax)
{
    QFETCH(QString, input);
    QFETCH(Command, command);
    QFETCH(Error, error);
    QFETCH(QString, argument);
    QFETCH(QString, name);
    QFETCH(QString, text);

    const SlashCommand parsed = SlashCommand::parse(input, syntax);
    QCOMPARE(parsed.command, command);
    QCOMPARE(parsed.error, error);
    QCOMPARE(parsed.argument, argument);
    QCOMPARE(parsed.name, name);
    QCOMPARE(parsed.text, text);
    QCOMPARE(parsed.isCommand(), command != Command::None || error != Error::None);
}

} // namespace

void tst_SlashCommand::interactive_data()
{
    addColumns();
    addText("plain text is sent as it is", u"hello room"_s, u"hello room"_s);
    addText("a slash later in the text is text", u"either/or"_s, u"either/or"_s);
    addText("a leading space makes it text", u" /nick mina"_s, u" /nick mina"_s);
    addText("double slash sends one slash", u"//shrug"_s, u"/shrug"_s);
    addText("double slash keeps the rest as typed", u"//nick  x "_s, u"/nick  x "_s);
    addText("triple slash sends two", u"///"_s, u"//"_s);

    addCommand("nick with a name", u"/nick mina"_s, Command::Nick, u"/nick"_s, u"mina"_s);
    addCommand("nick: the name is trimmed", u"/nick   mina  "_s, Command::Nick, u"/nick"_s,
               u"mina"_s);
    addCommand("nick: a name with a space is kept whole", u"/nick mina kim"_s, Command::Nick,
               u"/nick"_s, u"mina kim"_s);
    addCommand("nick: the word is case-insensitive, the name is not", u"/NICK Mina"_s,
               Command::Nick, u"/nick"_s, u"Mina"_s);
    addCommand("nick without a name", u"/nick"_s, Command::Nick, u"/nick"_s, QString(),
               Error::MissingArgument);
    addCommand("nick with only spaces", u"/nick    "_s, Command::Nick, u"/nick"_s, QString(),
               Error::MissingArgument);
    addCommand("me with text", u"/me waves"_s, Command::Me, u"/me"_s, u"waves"_s);
    addCommand("me: the text is trimmed", u"/me  waves at everyone "_s, Command::Me, u"/me"_s,
               u"waves at everyone"_s);
    addCommand("me: a new line is kept", u"/me waves\nand smiles"_s, Command::Me, u"/me"_s,
               u"waves\nand smiles"_s);
    addCommand("me without text", u"/me"_s, Command::Me, u"/me"_s, QString(),
               Error::MissingArgument);
    addCommand("clear", u"/clear"_s, Command::Clear, u"/clear"_s);
    addCommand("clear ignores an argument", u"/clear all"_s, Command::Clear, u"/clear"_s, u"all"_s);
    addCommand("quit", u"/quit"_s, Command::Quit, u"/quit"_s);
    addCommand("quit in capitals", u"/Quit"_s, Command::Quit, u"/quit"_s);
    addCommand("quit with words after it", u"/quit now"_s, Command::Quit, u"/quit"_s, u"now"_s);
    addCommand("help", u"/help"_s, Command::Help, u"/help"_s);
    // The desktop shares by dropping or attaching: /share is no command there.
    addCommand("share is not a desktop command", u"/share x"_s, Command::None, u"/share"_s,
               QString(), Error::UnknownCommand);

    addCommand("unknown command", u"/dance wildly"_s, Command::None, u"/dance"_s, QString(),
               Error::UnknownCommand);
    addCommand("unknown command is named in lower case", u"/DANCE"_s, Command::None, u"/dance"_s,
               QString(), Error::UnknownCommand);
    addCommand("a lone slash is an unknown command", u"/"_s, Command::None, u"/"_s, QString(),
               Error::UnknownCommand);
    addCommand("a command's word ends at a space, not a tab", u"/nick\tmina"_s, Command::None,
               u"/nick\tmina"_s, QString(), Error::UnknownCommand);
    addCommand("a command needs its exact word", u"/nickname mina"_s, Command::None, u"/nickname"_s,
               QString(), Error::UnknownCommand);
}

void tst_SlashCommand::interactive()
{
    check(Syntax::Interactive);
}

void tst_SlashCommand::script_data()
{
    addColumns();
    addText("plain text is sent as it is", u"the build is green"_s, u"the build is green"_s);
    addText("double slash is sent unchanged", u"//shrug"_s, u"//shrug"_s);
    addText("me is sent as text", u"/me waves"_s, u"/me waves"_s);
    addText("help is sent as text", u"/help"_s, u"/help"_s);
    addText("clear is sent as text", u"/clear"_s, u"/clear"_s);
    addText("an unknown command is sent as text", u"/dance"_s, u"/dance"_s);
    addText("nick without a space is text", u"/nick"_s, u"/nick"_s);
    addText("nick in capitals is text", u"/NICK mina"_s, u"/NICK mina"_s);
    addText("quit in capitals is text", u"/QUIT"_s, u"/QUIT"_s);
    addText("quit with words after it is text", u"/quit now"_s, u"/quit now"_s);

    addCommand("nick with a name", u"/nick bot"_s, Command::Nick, u"/nick"_s, u"bot"_s);
    addCommand("nick: the name is trimmed", u"/nick   bot  "_s, Command::Nick, u"/nick"_s, u"bot"_s);
    addCommand("nick with only a space", u"/nick "_s, Command::Nick, u"/nick"_s, QString(),
               Error::MissingArgument);
    addCommand("quit", u"/quit"_s, Command::Quit, u"/quit"_s);
    addCommand("quit with spaces around it", u"  /quit \r"_s, Command::Quit, u"/quit"_s);
    addCommand("share a path", u"/share ~/report 2.pdf "_s, Command::Share, u"/share"_s,
               u"~/report 2.pdf"_s);
    addCommand("share without a path", u"/share  "_s, Command::Share, u"/share"_s, QString(),
               Error::MissingArgument);
    addText("share without a space is text", u"/share"_s, u"/share"_s);
    addText("share in capitals is text", u"/SHARE x"_s, u"/SHARE x"_s);
}

void tst_SlashCommand::script()
{
    check(Syntax::Script);
}

void tst_SlashCommand::reply_data()
{
    QTest::addColumn<int>("syntax");
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("replyTo"); // 0: refused (MissingArgument)
    QTest::addColumn<QString>("argument");
    for (const Syntax syntax : {Syntax::Interactive, Syntax::Script}) {
        const char *name = syntax == Syntax::Interactive ? "interactive" : "script";
        const auto row = [&](const char *what, const QString &input, qint64 seq,
                             const QString &argument) {
            QTest::addRow("%s: %s", name, what) << int(syntax) << input << seq << argument;
        };
        row("seq and text", u"/reply 12 yes, see you"_s, 12, u"yes, see you"_s);
        row("text is trimmed", u"/reply 7   ok  "_s, 7, u"ok"_s);
        row("no text", u"/reply 12"_s, 0, QString());
        row("no seq", u"/reply yes"_s, 0, QString());
        row("seq 0", u"/reply 0 hi"_s, 0, u"hi"_s);
        row("negative seq", u"/reply -3 hi"_s, 0, u"hi"_s);
    }
}

void tst_SlashCommand::reply()
{
    QFETCH(int, syntax);
    QFETCH(QString, input);
    QFETCH(qint64, replyTo);
    QFETCH(QString, argument);
    const SlashCommand parsed = SlashCommand::parse(input, Syntax(syntax));
    QCOMPARE(parsed.command, Command::Reply);
    QCOMPARE(parsed.name, u"/reply"_s);
    QCOMPARE(parsed.replyTo, replyTo);
    QCOMPARE(parsed.error, replyTo > 0 ? Error::None : Error::MissingArgument);
    if (replyTo > 0)
        QCOMPARE(parsed.argument, argument);
}

QTEST_GUILESS_MAIN(tst_SlashCommand)

#include "tst_slashcommand.moc"
