#include "codec.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Parlor {

namespace {

// JSON numbers are doubles: integers are exact only up to 2^53.
constexpr double maxSafeInteger = 9007199254740991.0;

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject memberJson(const Member &m)
{
    return {{QLatin1String("nick"), m.nick}, {QLatin1String("mode"), Codec::memberModeName(m.mode)}};
}

QString kindName(RoomEvent::Kind kind)
{
    switch (kind) {
    case RoomEvent::Kind::Message:
        return QStringLiteral("message");
    case RoomEvent::Kind::Join:
        return QStringLiteral("join");
    case RoomEvent::Kind::Leave:
        return QStringLiteral("leave");
    case RoomEvent::Kind::Nick:
        return QStringLiteral("nick");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<qint64> toInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > maxSafeInteger)
        return std::nullopt;
    return qint64(d);
}

ErrorReply badField(const QString &text, const QString &id = {})
{
    return ErrorReply{ErrorCode::BadField, text, id, {}};
}

ErrorReply withId(ErrorReply e, const QString &id)
{
    e.id = id;
    return e;
}

// Reads an optional non-negative integer field (reply_to); on failure stores an error.
bool readOptionalCount(const QJsonObject &o, QLatin1String key, std::optional<qint64> *out,
                       std::optional<ErrorReply> *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const auto n = toInteger(v);
    if (!n || *n < 0) {
        *error = badField(
                QStringLiteral("the field \"%1\" must be a non-negative integer").arg(key));
        return false;
    }
    *out = *n;
    return true;
}

// Reads a required non-negative integer field; on failure stores an error.
bool readCount(const QJsonObject &o, QLatin1String key, qint64 *out,
               std::optional<ErrorReply> *error)
{
    const auto n = toInteger(o.value(key));
    if (!n || *n < 0) {
        *error = badField(o.value(key).isUndefined()
                                  ? QStringLiteral("the field \"%1\" is missing").arg(key)
                                  : QStringLiteral("the field \"%1\" must be a non-negative "
                                                   "integer")
                                            .arg(key));
        return false;
    }
    *out = *n;
    return true;
}

// Reads a required string field; on failure stores an error.
bool readString(const QJsonObject &o, QLatin1String key, QString *out,
                std::optional<ErrorReply> *error)
{
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        *error = badField(v.isUndefined()
                                  ? QStringLiteral("the field \"%1\" is missing").arg(key)
                                  : QStringLiteral("the field \"%1\" must be a string").arg(key));
        return false;
    }
    *out = v.toString();
    return true;
}

bool readOptionalString(const QJsonObject &o, QLatin1String key, int maxLength, QString *out,
                        std::optional<ErrorReply> *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        *error = badField(QStringLiteral("the field \"%1\" must be a string").arg(key));
        return false;
    }
    if (v.toString().size() > maxLength) {
        *error = badField(QStringLiteral("the field \"%1\" is longer than %2 characters")
                                  .arg(key)
                                  .arg(maxLength));
        return false;
    }
    *out = v.toString();
    return true;
}

Codec::ClientDecode decodeHello(const QJsonObject &o, const ProtocolLimits &limits)
{
    Hello m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("nick"), &m.nick, &error))
        return *error;
    if (const auto problem = nickProblem(m.nick, limits.maxNickLength))
        return ErrorReply{ErrorCode::NickInvalid, *problem, {}};
    if (!readString(o, QLatin1String("client"), &m.client, &error))
        return *error;
    if (const auto problem = idProblem(m.client, limits.maxIdLength))
        return badField(QStringLiteral("client: ") + *problem);
    const QJsonValue since = o.value(QLatin1String("since"));
    if (!since.isUndefined() && !since.isNull()) {
        const auto n = toInteger(since);
        if (!n || *n < 0)
            return badField(QStringLiteral("the field \"since\" must be a non-negative integer"));
        m.since = *n;
    }
    if (!readOptionalString(o, QLatin1String("incarnation"), limits.maxIdLength, &m.incarnation,
                            &error)
        || !readOptionalString(o, QLatin1String("password"), limits.maxPasswordLength, &m.password,
                               &error)) {
        return *error;
    }
    const QJsonValue features = o.value(QLatin1String("features"));
    if (!features.isUndefined() && !features.isNull()) {
        // Bounded, as everything a peer sends: a few short names.
        const QString wrong = QStringLiteral("the field \"features\" must be an array of at most "
                                             "%1 strings of at most %2 characters")
                                      .arg(MaxHelloFeatures)
                                      .arg(limits.maxIdLength);
        if (!features.isArray() || features.toArray().size() > MaxHelloFeatures)
            return badField(wrong);
        for (const QJsonValue &v : features.toArray()) {
            if (!v.isString() || v.toString().size() > limits.maxIdLength)
                return badField(wrong);
            m.features.append(v.toString());
        }
    }
    return ClientMessage{m};
}

Codec::ClientDecode decodeMembersRequest(const QJsonObject &o, const ProtocolLimits &limits)
{
    MembersRequest m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("after"), &m.after, &error))
        return *error;
    if (m.after.isEmpty() || m.after.size() > limits.maxIdLength)
        return badField(QStringLiteral("the field \"after\" must be a cursor the room gave "
                                       "(membersNext or next)"));
    return ClientMessage{m};
}

Codec::ClientDecode decodeSay(const QJsonObject &o, const ProtocolLimits &limits)
{
    Say m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("id"), &m.id, &error))
        return *error;
    if (const auto problem = idProblem(m.id, limits.maxIdLength))
        return badField(QStringLiteral("id: ") + *problem);
    if (!readString(o, QLatin1String("text"), &m.text, &error)) {
        error->id = m.id;
        return *error;
    }
    if (const auto problem = textProblem(m.text, limits.maxTextLength))
        return badField(*problem, m.id);
    const QJsonValue replyTo = o.value(QLatin1String("reply_to"));
    if (!replyTo.isUndefined() && !replyTo.isNull()) {
        const auto n = toInteger(replyTo);
        if (!n || *n < 0)
            return badField(QStringLiteral("the field \"reply_to\" must be a non-negative integer"),
                            m.id);
        m.replyTo = *n;
    }
    return ClientMessage{m};
}

Codec::ClientDecode decodeNick(const QJsonObject &o, const ProtocolLimits &limits)
{
    NickChange m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("nick"), &m.nick, &error))
        return *error;
    if (const auto problem = nickProblem(m.nick, limits.maxNickLength))
        return ErrorReply{ErrorCode::NickInvalid, *problem, {}};
    return ClientMessage{m};
}

Codec::ClientDecode decodeTyping(const QJsonObject &o)
{
    const QJsonValue v = o.value(QLatin1String("active"));
    if (!v.isBool())
        return badField(QStringLiteral("the field \"active\" must be true or false"));
    return ClientMessage{Typing{v.toBool()}};
}

Codec::ClientDecode decodeFileOffer(const QJsonObject &o, const ProtocolLimits &limits)
{
    FileOffer m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("id"), &m.id, &error))
        return *error;
    if (const auto problem = idProblem(m.id, limits.maxIdLength))
        return badField(QStringLiteral("id: ") + *problem);
    if (!readString(o, QLatin1String("name"), &m.name, &error))
        return withId(*error, m.id);
    if (const auto problem = fileNameProblem(m.name))
        return ErrorReply{ErrorCode::BadFileName, *problem, m.id, {}};
    const auto size = toInteger(o.value(QLatin1String("size")));
    if (!size || *size < 1)
        return badField(QStringLiteral("the field \"size\" must be a positive integer"), m.id);
    m.size = *size;
    const QJsonValue mime = o.value(QLatin1String("mime"));
    if (!mime.isUndefined() && !mime.isNull()) {
        if (!mime.isString())
            return badField(QStringLiteral("the field \"mime\" must be a string"), m.id);
        m.mime = mime.toString();
        if (const auto problem = mimeProblem(m.mime))
            return badField(*problem, m.id);
    }
    if (!readOptionalCount(o, QLatin1String("reply_to"), &m.replyTo, &error))
        return withId(*error, m.id);
    return ClientMessage{m};
}

Codec::ClientDecode decodeFileChunk(const QJsonObject &o, const ProtocolLimits &limits)
{
    FileChunk m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("id"), &m.id, &error))
        return *error;
    if (const auto problem = idProblem(m.id, limits.maxIdLength))
        return badField(QStringLiteral("id: ") + *problem);
    if (!readCount(o, QLatin1String("offset"), &m.offset, &error))
        return withId(*error, m.id);
    QString data;
    if (!readString(o, QLatin1String("data"), &data, &error))
        return withId(*error, m.id);
    // Bad bytes are the chunk's fault, not the message's: the client offers the file again.
    const auto bytes = Codec::fromBase64(data);
    if (!bytes)
        return ErrorReply{ErrorCode::BadChunk, QStringLiteral("the data is not base64"), m.id, {}};
    if (bytes->isEmpty())
        return ErrorReply{ErrorCode::BadChunk, QStringLiteral("the data is empty"), m.id, {}};
    m.data = *bytes;
    return ClientMessage{m};
}

Codec::ClientDecode decodeFileGet(const QJsonObject &o)
{
    FileGet m;
    std::optional<ErrorReply> error;
    if (!readString(o, QLatin1String("key"), &m.key, &error))
        return *error;
    // The key comes back in the error; a key is 33 characters, so more is never needed and a
    // huge one cannot amplify traffic.
    const QString echoed = m.key.left(64);
    auto fail = [&echoed](ErrorReply e) {
        e.file = echoed;
        return e;
    };
    if (!readCount(o, QLatin1String("offset"), &m.offset, &error))
        return fail(*error);
    const QJsonValue length = o.value(QLatin1String("length"));
    if (!length.isUndefined() && !length.isNull()) {
        const auto n = toInteger(length);
        if (!n || *n < 1 || *n > MaxFileChunkBytes)
            return fail(badField(QStringLiteral("the field \"length\" must be an integer from 1 "
                                                "to the room's fileChunkBytes")));
        m.length = int(*n);
    }
    return ClientMessage{m};
}

std::optional<MemberMode> modeFromName(const QJsonValue &v)
{
    if (v.isUndefined() || v == QLatin1String("rich"))
        return MemberMode::Rich;
    if (v == QLatin1String("plain"))
        return MemberMode::Plain;
    return std::nullopt;
}

// Server-side decoding: required fields must be there with the right type.
struct ServerReader
{
    const QJsonObject &o;
    QString failure;

    QString string(const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() && failure.isEmpty())
            failure = QStringLiteral("the field \"%1\" must be a string").arg(QLatin1String(key));
        return v.toString();
    }
    qint64 integer(const char *key)
    {
        const auto n = toInteger(o.value(QLatin1String(key)));
        if (!n && failure.isEmpty())
            failure = QStringLiteral("the field \"%1\" must be an integer").arg(QLatin1String(key));
        return n.value_or(0);
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isBool() && failure.isEmpty())
            failure = QStringLiteral("the field \"%1\" must be true or false")
                              .arg(QLatin1String(key));
        return v.toBool();
    }
};

QJsonObject replyJson(const ReplyQuote &r)
{
    QJsonObject o{{QLatin1String("seq"), double(r.seq)}};
    if (r.known()) {
        o.insert(QLatin1String("nick"), r.nick);
        o.insert(QLatin1String("text"), r.text);
    }
    return o;
}

QJsonObject fileJson(const FileInfo &f)
{
    return {{QLatin1String("key"), f.key},
            {QLatin1String("name"), f.name},
            {QLatin1String("size"), double(f.size)},
            {QLatin1String("mime"), f.mime}};
}

// Like a reply, a file object a client cannot make sense of is left out: the text (the name)
// still says what was shared.
std::optional<FileInfo> fileFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    const auto size = toInteger(o.value(QLatin1String("size")));
    if (!size || *size < 0 || !o.value(QLatin1String("key")).isString()
        || !o.value(QLatin1String("name")).isString()
        || !o.value(QLatin1String("mime")).isString()) {
        return std::nullopt;
    }
    return FileInfo{o.value(QLatin1String("key")).toString(),
                    o.value(QLatin1String("name")).toString(), *size,
                    o.value(QLatin1String("mime")).toString()};
}

// A reply a client cannot make sense of is left out rather than the message dropped: the text
// still matters without its quote.
std::optional<ReplyQuote> replyFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    const auto seq = toInteger(o.value(QLatin1String("seq")));
    if (!seq || *seq < 0)
        return std::nullopt;
    ReplyQuote r;
    r.seq = *seq;
    if (o.value(QLatin1String("nick")).isString() && o.value(QLatin1String("text")).isString()) {
        r.nick = o.value(QLatin1String("nick")).toString();
        r.text = o.value(QLatin1String("text")).toString();
    }
    return r;
}

std::optional<RoomEvent> roomEventFromJson(const QJsonObject &o, const QString &type,
                                           QString *failure)
{
    ServerReader r{o, {}};
    RoomEvent e;
    e.seq = r.integer("seq");
    e.ts = r.integer("ts");
    if (type == QLatin1String("message")) {
        e.kind = RoomEvent::Kind::Message;
        e.id = r.string("id");
        e.from = r.string("from");
        e.text = r.string("text");
        e.reply = replyFromJson(o.value(QLatin1String("reply")));
        e.file = fileFromJson(o.value(QLatin1String("file")));
    } else if (type == QLatin1String("join")) {
        e.kind = RoomEvent::Kind::Join;
        e.nick = r.string("nick");
        const auto mode = modeFromName(o.value(QLatin1String("mode")));
        if (!mode && r.failure.isEmpty())
            r.failure = QStringLiteral("the field \"mode\" must be \"rich\" or \"plain\"");
        e.mode = mode.value_or(MemberMode::Rich);
    } else if (type == QLatin1String("leave")) {
        e.kind = RoomEvent::Kind::Leave;
        e.nick = r.string("nick");
        e.reason = o.value(QLatin1String("reason")).toString();
    } else if (type == QLatin1String("nick")) {
        e.kind = RoomEvent::Kind::Nick;
        e.from = r.string("from");
        e.to = r.string("to");
    } else {
        r.failure = QStringLiteral("unknown event type \"%1\"").arg(type);
    }
    if (!r.failure.isEmpty()) {
        *failure = r.failure;
        return std::nullopt;
    }
    return e;
}

} // namespace

QString Codec::memberModeName(MemberMode mode)
{
    return mode == MemberMode::Plain ? QStringLiteral("plain") : QStringLiteral("rich");
}

QByteArray Codec::encode(const Hello &m)
{
    QJsonObject o{{QLatin1String("type"), QLatin1String("hello")},
                  {QLatin1String("nick"), m.nick},
                  {QLatin1String("client"), m.client}};
    if (m.since)
        o.insert(QLatin1String("since"), double(*m.since));
    if (!m.incarnation.isEmpty())
        o.insert(QLatin1String("incarnation"), m.incarnation);
    if (!m.password.isEmpty())
        o.insert(QLatin1String("password"), m.password);
    if (!m.features.isEmpty())
        o.insert(QLatin1String("features"), QJsonArray::fromStringList(m.features));
    return toBytes(o);
}

QByteArray Codec::encode(const MembersRequest &m)
{
    return toBytes(
            {{QLatin1String("type"), QLatin1String("members")}, {QLatin1String("after"), m.after}});
}

QByteArray Codec::encode(const Say &m)
{
    QJsonObject o{{QLatin1String("type"), QLatin1String("say")},
                  {QLatin1String("id"), m.id},
                  {QLatin1String("text"), m.text}};
    if (m.replyTo)
        o.insert(QLatin1String("reply_to"), double(*m.replyTo));
    return toBytes(o);
}

QByteArray Codec::encode(const NickChange &m)
{
    return toBytes(
            {{QLatin1String("type"), QLatin1String("nick")}, {QLatin1String("nick"), m.nick}});
}

QByteArray Codec::encode(const Typing &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("typing")},
                    {QLatin1String("active"), m.active}});
}

QByteArray Codec::encode(const FileOffer &m)
{
    QJsonObject o{{QLatin1String("type"), QLatin1String("file-offer")},
                  {QLatin1String("id"), m.id},
                  {QLatin1String("name"), m.name},
                  {QLatin1String("size"), double(m.size)}};
    if (!m.mime.isEmpty())
        o.insert(QLatin1String("mime"), m.mime);
    if (m.replyTo)
        o.insert(QLatin1String("reply_to"), double(*m.replyTo));
    return toBytes(o);
}

QByteArray Codec::encode(const FileChunk &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("file-chunk")},
                    {QLatin1String("id"), m.id},
                    {QLatin1String("offset"), double(m.offset)},
                    {QLatin1String("data"), QString::fromLatin1(m.data.toBase64())}});
}

QByteArray Codec::encode(const FileGet &m)
{
    QJsonObject o{{QLatin1String("type"), QLatin1String("file-get")},
                  {QLatin1String("key"), m.key},
                  {QLatin1String("offset"), double(m.offset)}};
    if (m.length > 0)
        o.insert(QLatin1String("length"), m.length);
    return toBytes(o);
}

QByteArray Codec::encode(const ClientMessage &m)
{
    return std::visit([](const auto &v) { return encode(v); }, m);
}

QByteArray Codec::encode(const FileReady &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("file-ready")},
                    {QLatin1String("id"), m.id},
                    {QLatin1String("received"), double(m.received)}});
}

QByteArray Codec::encode(const FileProgress &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("file-progress")},
                    {QLatin1String("id"), m.id},
                    {QLatin1String("received"), double(m.received)}});
}

QByteArray Codec::encode(const FileData &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("file-data")},
                    {QLatin1String("key"), m.key},
                    {QLatin1String("offset"), double(m.offset)},
                    {QLatin1String("data"), QString::fromLatin1(m.data.toBase64())}});
}

QByteArray Codec::encode(const MemberPage &m)
{
    QJsonArray members;
    for (const Member &member : m.members)
        members.append(memberJson(member));
    QJsonObject o{{QLatin1String("type"), QLatin1String("members")},
                  {QLatin1String("members"), members}};
    if (!m.next.isEmpty())
        o.insert(QLatin1String("next"), m.next);
    return toBytes(o);
}

QByteArray Codec::encodeMemberPage(const QList<QByteArray> &members, const QString &next)
{
    // Byte-identical to encode(MemberPage): keys in order (members, next, type).
    QByteArray out("{\"members\":[");
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i > 0)
            out += ',';
        out += members.at(i);
    }
    out += ']';
    if (!next.isEmpty()) {
        out += ",\"next\":";
        // The cursor is the room's own (digits and a letter), but quoted as JSON all the same.
        const QByteArray quoted = QJsonDocument(QJsonArray{next}).toJson(QJsonDocument::Compact);
        out += quoted.mid(1, quoted.size() - 2);
    }
    out += ",\"type\":\"members\"}";
    return out;
}

QByteArray Codec::encode(const EventBatch &m)
{
    QJsonArray events;
    for (const RoomEvent &e : m.events)
        events.append(toJson(e));
    return toBytes(
            {{QLatin1String("type"), QLatin1String("events")}, {QLatin1String("events"), events}});
}

QByteArray Codec::encodeEventBatch(const QList<QByteArray> &events)
{
    // Byte-identical to encode(EventBatch): keys in order (events, type).
    qsizetype bytes = 32;
    for (const QByteArray &e : events)
        bytes += e.size() + 1;
    QByteArray out;
    out.reserve(bytes);
    out += "{\"events\":[";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            out += ',';
        out += events.at(i);
    }
    out += "],\"type\":\"events\"}";
    return out;
}

QByteArray Codec::encode(const PresenceDigest &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("presence")},
                    {QLatin1String("through"), double(m.through)},
                    {QLatin1String("joined"), double(m.joined)},
                    {QLatin1String("left"), double(m.left)},
                    {QLatin1String("memberCount"), double(m.memberCount)},
                    {QLatin1String("membersFrom"), m.membersFrom}});
}

QByteArray Codec::encode(const ServerMessage &m)
{
    return std::visit([](const auto &v) { return encode(v); }, m);
}

std::optional<QByteArray> Codec::fromBase64(const QString &text)
{
    // Padding is required (RFC 4648 as the protocol says), which Qt's decoder does not insist on.
    if (text.size() % 4 != 0)
        return std::nullopt;
    for (const QChar c : text) {
        if (c.unicode() > 0x7E)
            return std::nullopt;
    }
    auto result = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                 QByteArray::Base64Encoding
                                                         | QByteArray::AbortOnBase64DecodingErrors);
    if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    return std::move(result.decoded);
}

QJsonObject Codec::toJson(const RoomEvent &m)
{
    QJsonObject o{{QLatin1String("type"), kindName(m.kind)},
                  {QLatin1String("seq"), double(m.seq)},
                  {QLatin1String("ts"), double(m.ts)}};
    switch (m.kind) {
    case RoomEvent::Kind::Message:
        o.insert(QLatin1String("id"), m.id);
        o.insert(QLatin1String("from"), m.from);
        o.insert(QLatin1String("text"), m.text);
        if (m.reply)
            o.insert(QLatin1String("reply"), replyJson(*m.reply));
        if (m.file)
            o.insert(QLatin1String("file"), fileJson(*m.file));
        break;
    case RoomEvent::Kind::Join:
        o.insert(QLatin1String("nick"), m.nick);
        o.insert(QLatin1String("mode"), memberModeName(m.mode));
        break;
    case RoomEvent::Kind::Leave:
        o.insert(QLatin1String("nick"), m.nick);
        o.insert(QLatin1String("reason"), m.reason);
        break;
    case RoomEvent::Kind::Nick:
        o.insert(QLatin1String("from"), m.from);
        o.insert(QLatin1String("to"), m.to);
        break;
    }
    return o;
}

QByteArray Codec::encode(const RoomEvent &m)
{
    return toBytes(toJson(m));
}

QByteArray Codec::encode(const Member &m)
{
    return toBytes(memberJson(m));
}

QByteArray Codec::encode(const Welcome &m, const QList<QByteArray> &members,
                         const QList<QByteArray> &history)
{
    // The welcome without them, then each array spliced in where it is empty. The writer puts
    // keys in order (gap, history, incarnation, limits, members, room, …): `"history":[]` is
    // the first array and nothing before `"members":[]` is free text (the incarnation is hex),
    // so the first occurrence of each is the field itself.
    Welcome bare = m;
    bare.members.clear();
    bare.history.clear();
    QByteArray out = encode(bare);
    auto splice = [&out](QByteArrayView field, const QList<QByteArray> &items) {
        const qsizetype at = out.indexOf(field);
        Q_ASSERT(at >= 0);
        qsizetype bytes = items.size();
        for (const QByteArray &item : items)
            bytes += item.size();
        QByteArray joined;
        joined.reserve(bytes);
        for (const QByteArray &item : items) {
            if (!joined.isEmpty())
                joined += ',';
            joined += item;
        }
        out.insert(at + field.size() - 1, joined);
    };
    splice("\"history\":[]", history);
    splice("\"members\":[]", members);
    return out;
}

QByteArray Codec::encode(const Welcome &m)
{
    QJsonArray members;
    for (const Member &member : m.members)
        members.append(memberJson(member));
    QJsonArray history;
    for (const RoomEvent &e : m.history)
        history.append(toJson(e));
    const QJsonObject limits{{QLatin1String("maxMessageBytes"), m.limits.maxMessageBytes},
                             {QLatin1String("maxTextLength"), m.limits.maxTextLength},
                             {QLatin1String("maxNickLength"), m.limits.maxNickLength},
                             {QLatin1String("messagesPerSecond"), m.limits.messagesPerSecond},
                             {QLatin1String("maxFileBytes"), double(m.limits.maxFileBytes)},
                             {QLatin1String("fileChunkBytes"), m.limits.fileChunkBytes}};
    QJsonObject o{{QLatin1String("type"), QLatin1String("welcome")},
                  {QLatin1String("room"), m.room},
                  {QLatin1String("incarnation"), m.incarnation},
                  {QLatin1String("you"), m.you},
                  {QLatin1String("members"), members},
                  {QLatin1String("history"), history},
                  {QLatin1String("seq"), double(m.seq)},
                  {QLatin1String("gap"), m.gap},
                  {QLatin1String("limits"), limits}};
    if (m.memberCount) {
        o.insert(QLatin1String("memberCount"), double(*m.memberCount));
        if (!m.membersNext.isEmpty())
            o.insert(QLatin1String("membersNext"), m.membersNext);
    }
    return toBytes(o);
}

QByteArray Codec::encode(const TypingEvent &m)
{
    return toBytes({{QLatin1String("type"), QLatin1String("typing")},
                    {QLatin1String("nick"), m.nick},
                    {QLatin1String("active"), m.active}});
}

QByteArray Codec::encode(const ErrorReply &m)
{
    QJsonObject o{{QLatin1String("type"), QLatin1String("error")},
                  {QLatin1String("code"), errorCodeName(m.code)},
                  {QLatin1String("text"), m.text}};
    if (!m.id.isEmpty())
        o.insert(QLatin1String("id"), m.id);
    if (!m.file.isEmpty())
        o.insert(QLatin1String("file"), m.file);
    return toBytes(o);
}

Codec::ClientDecode Codec::decodeClient(const QByteArray &utf8, const ProtocolLimits &limits)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return ErrorReply{ErrorCode::BadJson,
                          QStringLiteral("not valid JSON: %1 at offset %2")
                                  .arg(parseError.errorString())
                                  .arg(parseError.offset),
                          {}};
    }
    if (!doc.isObject())
        return ErrorReply{ErrorCode::BadMessage,
                          QStringLiteral("a message must be a JSON object"),
                          {}};
    const QJsonObject o = doc.object();
    const QJsonValue type = o.value(QLatin1String("type"));
    if (!type.isString()) {
        return ErrorReply{ErrorCode::BadMessage,
                          QStringLiteral("a message needs a string field \"type\""),
                          {}};
    }
    const QString t = type.toString();
    if (t == QLatin1String("hello"))
        return decodeHello(o, limits);
    if (t == QLatin1String("say"))
        return decodeSay(o, limits);
    if (t == QLatin1String("nick"))
        return decodeNick(o, limits);
    if (t == QLatin1String("typing"))
        return decodeTyping(o);
    if (t == QLatin1String("file-offer"))
        return decodeFileOffer(o, limits);
    if (t == QLatin1String("file-chunk"))
        return decodeFileChunk(o, limits);
    if (t == QLatin1String("file-get"))
        return decodeFileGet(o);
    if (t == QLatin1String("members"))
        return decodeMembersRequest(o, limits);
    // The type is echoed back shortened, so a huge bogus type cannot amplify traffic.
    return ErrorReply{ErrorCode::UnknownType,
                      QStringLiteral("unknown message type \"%1\"").arg(t.left(32)),
                      {}};
}

Codec::ServerDecode Codec::decodeServer(const QByteArray &utf8)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return DecodeFailure{QStringLiteral("not valid JSON: %1").arg(parseError.errorString())};
    if (!doc.isObject())
        return DecodeFailure{QStringLiteral("not a JSON object")};
    const QJsonObject o = doc.object();
    const QString type = o.value(QLatin1String("type")).toString();
    ServerReader r{o, {}};

    if (type == QLatin1String("welcome")) {
        Welcome w;
        w.room = r.string("room");
        w.incarnation = r.string("incarnation");
        w.you = r.string("you");
        w.seq = r.integer("seq");
        w.gap = o.value(QLatin1String("gap")).toBool();
        for (const QJsonValue &v : o.value(QLatin1String("members")).toArray()) {
            const QJsonObject mo = v.toObject();
            const auto mode = modeFromName(mo.value(QLatin1String("mode")));
            if (!mo.value(QLatin1String("nick")).isString() || !mode)
                return DecodeFailure{QStringLiteral("a member is malformed")};
            w.members.append(Member{mo.value(QLatin1String("nick")).toString(), *mode});
        }
        for (const QJsonValue &v : o.value(QLatin1String("history")).toArray()) {
            const QJsonObject eo = v.toObject();
            QString failure;
            const auto e = roomEventFromJson(eo, eo.value(QLatin1String("type")).toString(),
                                             &failure);
            if (!e)
                return DecodeFailure{QStringLiteral("a history event is malformed: ") + failure};
            w.history.append(*e);
        }
        const QJsonObject limits = o.value(QLatin1String("limits")).toObject();
        w.limits.maxMessageBytes = limits.value(QLatin1String("maxMessageBytes")).toInt();
        w.limits.maxTextLength = limits.value(QLatin1String("maxTextLength")).toInt();
        w.limits.maxNickLength = limits.value(QLatin1String("maxNickLength")).toInt();
        w.limits.messagesPerSecond = limits.value(QLatin1String("messagesPerSecond")).toInt();
        // An older room leaves these out: it takes no files. A nonsense value means the same.
        w.limits.maxFileBytes = std::max<qint64>(
                toInteger(limits.value(QLatin1String("maxFileBytes"))).value_or(0), 0);
        w.limits.fileChunkBytes = std::max(limits.value(QLatin1String("fileChunkBytes")).toInt(), 0);
        if (w.limits.fileChunkBytes == 0)
            w.limits.maxFileBytes = 0;
        const QJsonValue count = o.value(QLatin1String("memberCount"));
        if (!count.isUndefined()) {
            w.memberCount = r.integer("memberCount");
            const QJsonValue next = o.value(QLatin1String("membersNext"));
            if (!next.isUndefined())
                w.membersNext = r.string("membersNext");
        }
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        return ServerMessage{w};
    }
    if (type == QLatin1String("typing")) {
        TypingEvent e{r.string("nick"), r.boolean("active")};
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        return ServerMessage{e};
    }
    if (type == QLatin1String("error")) {
        const auto code = errorCodeFromName(r.string("code"));
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        if (!code)
            return DecodeFailure{QStringLiteral("unknown error code")};
        return ServerMessage{ErrorReply{*code, o.value(QLatin1String("text")).toString(),
                                        o.value(QLatin1String("id")).toString(),
                                        o.value(QLatin1String("file")).toString()}};
    }
    if (type == QLatin1String("file-ready") || type == QLatin1String("file-progress")) {
        const QString id = r.string("id");
        const qint64 received = r.integer("received");
        if (r.failure.isEmpty() && received < 0)
            r.failure = QStringLiteral("the field \"received\" must not be negative");
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        if (type == QLatin1String("file-ready"))
            return ServerMessage{FileReady{id, received}};
        return ServerMessage{FileProgress{id, received}};
    }
    if (type == QLatin1String("members")) {
        MemberPage page;
        if (!o.value(QLatin1String("members")).isArray())
            return DecodeFailure{QStringLiteral("the field \"members\" must be an array")};
        for (const QJsonValue &v : o.value(QLatin1String("members")).toArray()) {
            const QJsonObject mo = v.toObject();
            const auto mode = modeFromName(mo.value(QLatin1String("mode")));
            if (!mo.value(QLatin1String("nick")).isString() || !mode)
                return DecodeFailure{QStringLiteral("a member is malformed")};
            page.members.append(Member{mo.value(QLatin1String("nick")).toString(), *mode});
        }
        if (!o.value(QLatin1String("next")).isUndefined())
            page.next = r.string("next");
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        return ServerMessage{page};
    }
    if (type == QLatin1String("events")) {
        EventBatch batch;
        if (!o.value(QLatin1String("events")).isArray())
            return DecodeFailure{QStringLiteral("the field \"events\" must be an array")};
        for (const QJsonValue &v : o.value(QLatin1String("events")).toArray()) {
            const QJsonObject eo = v.toObject();
            QString failure;
            const auto e = roomEventFromJson(eo, eo.value(QLatin1String("type")).toString(),
                                             &failure);
            if (!e)
                return DecodeFailure{QStringLiteral("an event is malformed: ") + failure};
            batch.events.append(*e);
        }
        return ServerMessage{batch};
    }
    if (type == QLatin1String("presence")) {
        PresenceDigest d;
        d.through = r.integer("through");
        d.joined = r.integer("joined");
        d.left = r.integer("left");
        d.memberCount = r.integer("memberCount");
        d.membersFrom = r.string("membersFrom");
        if (r.failure.isEmpty()
            && (d.through < 0 || d.joined < 0 || d.left < 0 || d.memberCount < 0))
            r.failure = QStringLiteral("the counts of a presence digest must not be negative");
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        return ServerMessage{d};
    }
    if (type == QLatin1String("file-data")) {
        FileData d;
        d.key = r.string("key");
        d.offset = r.integer("offset");
        const QString data = r.string("data");
        if (r.failure.isEmpty() && d.offset < 0)
            r.failure = QStringLiteral("the field \"offset\" must not be negative");
        if (!r.failure.isEmpty())
            return DecodeFailure{r.failure};
        const auto bytes = fromBase64(data);
        if (!bytes)
            return DecodeFailure{QStringLiteral("the field \"data\" is not base64")};
        d.data = *bytes;
        return ServerMessage{d};
    }
    QString failure;
    if (const auto e = roomEventFromJson(o, type, &failure))
        return ServerMessage{*e};
    return DecodeFailure{failure};
}

} // namespace Parlor
