#include "closeinfo.h"

#include "connectionevent.h"
#include "core/textutil.h"
#include "protocol/closecodes.h"
#include "proxysetting.h"

#include <QMetaEnum>

namespace Parlor {

QJsonObject CloseInfo::toJson() const
{
    QJsonObject fields{{EventField::reason, reasonName(reason)},
                       {EventField::code, code},
                       {EventField::codeName, codeName},
                       {EventField::closeReason, closeReason},
                       {EventField::clean, clean},
                       {EventField::reconnect, reconnectScheduled}};
    if (!errorString.isEmpty())
        fields.insert(EventField::error, errorString);
    if (httpStatus)
        fields.insert(EventField::httpStatus, httpStatus);
    if (!proxy.isEmpty())
        fields.insert(EventField::proxy, proxy);
    return fields;
}

CloseInfo CloseInfo::fromJson(const QJsonObject &fields)
{
    CloseInfo info;
    info.reason = reasonFromName(fields.value(EventField::reason).toString());
    info.code = fields.value(EventField::code).toInt();
    info.codeName = fields.value(EventField::codeName).toString();
    info.closeReason = fields.value(EventField::closeReason).toString();
    info.clean = fields.value(EventField::clean).toBool();
    info.errorString = fields.value(EventField::error).toString();
    info.httpStatus = fields.value(EventField::httpStatus).toInt();
    info.reconnectScheduled = fields.value(EventField::reconnect).toBool();
    info.proxy = fields.value(EventField::proxy).toString();
    return info;
}

QString CloseInfo::text() const
{
    QString text = QStringLiteral("%1 %2").arg(code).arg(codeName);
    if (!closeReason.isEmpty())
        text += QLatin1Char(' ') + tr("“%1”").arg(closeReason);
    // A refused upgrade or a timeout has its own explanation; the 1006 meaning would mislead.
    const bool ownExplanation = reason == Reason::HandshakeRefused
                                || reason == Reason::HandshakeTimeout
                                || reason == Reason::PingTimeout || reason == Reason::TlsError
                                || reason == Reason::ProxyError;
    if (!ownExplanation)
        text += QStringLiteral(" — ") + meaning();
    switch (reason) {
    case Reason::HandshakeTimeout:
        text += QLatin1Char(' ') + tr("(the server did not complete the handshake in time)");
        break;
    case Reason::PingTimeout:
        text += QLatin1Char(' ') + tr("(no answer to pings: the connection is dead)");
        break;
    case Reason::HandshakeRefused:
        text += QLatin1Char(' ')
                + tr("(the server refused the upgrade with HTTP %1)").arg(httpStatus);
        break;
    case Reason::TlsError:
        text += QLatin1Char(' ')
                + tr("(untrusted certificate \"%1\", SHA-256 %2)")
                          .arg(certificateSubject, certificateFingerprint);
        break;
    case Reason::NetworkError:
        if (!errorString.isEmpty())
            text += QStringLiteral(" (%1)").arg(errorString);
        if (!proxy.isEmpty())
            text += QLatin1Char(' ') + ProxySetting::routeText(proxy);
        break;
    case Reason::ProxyError:
        text += QLatin1Char(' ')
                + tr("(the %1 failed: %2)").arg(ProxySetting::proxyText(proxy), errorString);
        break;
    case Reason::None:
    case Reason::User:
    case Reason::Peer:
        break;
    }
    return text;
}

QString CloseInfo::summary() const
{
    QStringList parts{reasonText(reason)};
    if (httpStatus)
        parts.append(tr("HTTP %1").arg(httpStatus));
    else if (code)
        parts.append(tr("code %1").arg(code));
    if (!closeReason.isEmpty())
        parts.append(tr("“%1”").arg(oneLine(closeReason)));
    return parts.join(QStringLiteral(" · "));
}

QString CloseInfo::meaning() const
{
    return QCoreApplication::translate("CloseCodes", CloseCodes::meaning(code));
}

QString CloseInfo::reasonText(Reason reason)
{
    switch (reason) {
    case Reason::None:
        return tr("not connected");
    case Reason::User:
        return tr("closed by you");
    case Reason::Peer:
        return tr("closed by the server");
    case Reason::NetworkError:
        return tr("connection lost or failed");
    case Reason::HandshakeTimeout:
        return tr("handshake timed out");
    case Reason::HandshakeRefused:
        return tr("upgrade refused");
    case Reason::PingTimeout:
        return tr("no answer to pings");
    case Reason::TlsError:
        return tr("certificate not trusted");
    case Reason::ProxyError:
        return tr("proxy failed");
    }
    return {};
}

QString CloseInfo::reasonName(Reason reason)
{
    return QString::fromLatin1(QMetaEnum::fromType<Reason>().valueToKey(int(reason)));
}

CloseInfo::Reason CloseInfo::reasonFromName(const QString &name)
{
    bool ok = false;
    const int value = QMetaEnum::fromType<Reason>().keyToValue(name.toLatin1().constData(), &ok);
    return ok ? Reason(value) : Reason::None;
}

} // namespace Parlor
