#include "brokerrequest.h"

#include "protocol/codec.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Parlor {

namespace {

QString kindName(RoomEvent::Kind kind)
{
    switch (kind) {
    case RoomEvent::Kind::Message:
        return QStringLiteral("say");
    case RoomEvent::Kind::Join:
        return QStringLiteral("join");
    case RoomEvent::Kind::Leave:
        return QStringLiteral("leave");
    case RoomEvent::Kind::Nick:
        return QStringLiteral("nick");
    }
    return {};
}

bool isServerId(const QString &id)
{
    if (id.size() != 16)
        return false;
    for (QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace

QByteArray BrokerRequest::encode() const
{
    QJsonObject o;
    o.insert(QLatin1String("v"), 1);
    o.insert(QLatin1String("server"), server);
    o.insert(QLatin1String("n"), number);
    o.insert(QLatin1String("inc"), incarnation);
    if (kind == Kind::ServerLost) {
        o.insert(QLatin1String("kind"), QLatin1String("server-lost"));
        o.insert(QLatin1String("lost"), lostServer);
        o.insert(QLatin1String("reason"), lostReason);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    o.insert(QLatin1String("kind"), kindName(draft.kind));
    o.insert(QLatin1String("ts"), draft.ts);
    auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("id", draft.id);
    put("from", draft.from);
    put("text", draft.text);
    put("nick", draft.nick);
    put("to", draft.to);
    put("reason", draft.reason);
    put("client", draft.client);
    if (draft.kind == RoomEvent::Kind::Join)
        o.insert(QLatin1String("mode"), Codec::memberModeName(draft.mode));
    if (draft.reply) {
        // The quote the writing server took from its own view of the log: every server relays
        // the same one.
        QJsonObject reply{{QLatin1String("seq"), double(draft.reply->seq)}};
        if (draft.reply->known()) {
            reply.insert(QLatin1String("nick"), draft.reply->nick);
            reply.insert(QLatin1String("text"), draft.reply->text);
        }
        o.insert(QLatin1String("reply"), reply);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<BrokerRequest> BrokerRequest::decode(const QByteArray &body,
                                                   const ProtocolLimits &limits, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<BrokerRequest> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("v")).toInt() != 1)
        return fail(QStringLiteral("unknown version"));
    BrokerRequest r;
    r.server = o.value(QLatin1String("server")).toString();
    r.incarnation = o.value(QLatin1String("inc")).toString();
    const double number = o.value(QLatin1String("n")).toDouble(-1);
    if (!isServerId(r.server) || !isServerId(r.incarnation))
        return fail(QStringLiteral("bad server or incarnation"));
    if (number < 1 || number > 9007199254740991.0 || number != double(qint64(number)))
        return fail(QStringLiteral("bad request number"));
    r.number = qint64(number);
    auto str = [&o](const char *key) {
        return o.value(QLatin1String(key)).toString();
    };
    const QString kind = str("kind");
    if (kind == QLatin1String("server-lost")) {
        r.kind = Kind::ServerLost;
        r.lostServer = str("lost");
        if (!isServerId(r.lostServer))
            return fail(QStringLiteral("bad lost server"));
        // Absent in the first streams; only the two reasons the rules know are taken.
        r.lostReason = o.value(QLatin1String("reason")).toString(QStringLiteral("lost"));
        if (r.lostReason != QLatin1String("lost") && r.lostReason != QLatin1String("shutdown"))
            return fail(QStringLiteral("bad lost reason"));
        return r;
    }
    RoomEvent &d = r.draft;
    const double ts = o.value(QLatin1String("ts")).toDouble(-1);
    if (ts < 0 || ts > 9007199254740991.0)
        return fail(QStringLiteral("bad ts"));
    d.ts = qint64(ts);
    d.client = str("client");
    if (!d.client.isEmpty() && idProblem(d.client, limits.maxIdLength))
        return fail(QStringLiteral("bad client"));
    // Every name and text obeys the rules a peer's own would (a stream is written by servers,
    // but anyone with the broker's credentials can write to it).
    auto nickOk = [&limits](const QString &nick) {
        return !nickProblem(nick, limits.maxNickLength).has_value();
    };
    if (kind == QLatin1String("say")) {
        d.kind = RoomEvent::Kind::Message;
        d.from = str("from");
        d.text = str("text");
        d.id = str("id");
        if (!nickOk(d.from) || textProblem(d.text, limits.maxTextLength)
            || (!d.id.isEmpty() && idProblem(d.id, limits.maxIdLength)))
            return fail(QStringLiteral("bad say"));
        const QJsonValue reply = o.value(QLatin1String("reply"));
        if (!reply.isUndefined()) {
            const QJsonObject ro = reply.toObject();
            const double seq = ro.value(QLatin1String("seq")).toDouble(-1);
            ReplyQuote q;
            q.nick = ro.value(QLatin1String("nick")).toString();
            q.text = ro.value(QLatin1String("text")).toString();
            if (!reply.isObject() || seq < 1 || seq > 9007199254740991.0
                || seq != double(qint64(seq)) || (!q.nick.isEmpty() && !nickOk(q.nick))
                || q.text.size() > 4 * ReplyExcerptLength)
                return fail(QStringLiteral("bad reply"));
            q.seq = qint64(seq);
            d.reply = q;
        }
    } else if (kind == QLatin1String("join")) {
        d.kind = RoomEvent::Kind::Join;
        d.nick = str("nick");
        const QString mode = str("mode");
        if (!nickOk(d.nick) || (mode != QLatin1String("rich") && mode != QLatin1String("plain")))
            return fail(QStringLiteral("bad join"));
        d.mode = mode == QLatin1String("plain") ? MemberMode::Plain : MemberMode::Rich;
    } else if (kind == QLatin1String("leave")) {
        d.kind = RoomEvent::Kind::Leave;
        d.nick = str("nick");
        d.reason = str("reason");
        if (!nickOk(d.nick) || d.reason.isEmpty() || d.reason.size() > 64)
            return fail(QStringLiteral("bad leave"));
    } else if (kind == QLatin1String("nick")) {
        d.kind = RoomEvent::Kind::Nick;
        d.from = str("from");
        d.to = str("to");
        if (!nickOk(d.from) || !nickOk(d.to))
            return fail(QStringLiteral("bad nick"));
    } else {
        return fail(QStringLiteral("unknown kind"));
    }
    return r;
}

} // namespace Parlor
