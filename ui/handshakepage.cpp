#include "handshakepage.h"

#include "client/eventlog.h"
#include "client/proxysetting.h"
#include "inspector/handshakeexplainer.h"
#include "inspector/statetimeline.h"

#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Parlor {

HandshakePage::HandshakePage(StateTimeline *timeline, QWidget *parent)
    : QWidget(parent)
    , m_timeline(timeline)
{
    auto *layout = new QVBoxLayout(this);
    m_handshake = new QTextBrowser(this);
    layout->addWidget(m_handshake, 1);

    // RFC 6455's accept computation, for checking a server by hand.
    auto *calculator = new QFormLayout;
    m_keyInput = new QLineEdit(this);
    m_keyInput->setPlaceholderText(QStringLiteral("dGhlIHNhbXBsZSBub25jZQ=="));
    m_acceptOutput = new QLabel(this);
    m_acceptOutput->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_keyInput, &QLineEdit::textChanged, this, [this](const QString &key) {
        m_acceptOutput->setText(
                key.trimmed().isEmpty()
                        ? tr("type a key to see the accept a server must answer")
                        : QString::fromLatin1(HandshakeExplainer::acceptKey(key.toLatin1())));
    });
    m_keyLabel = new QLabel(this);
    m_keyLabel->setBuddy(m_keyInput);
    m_acceptLabel = new QLabel(this);
    calculator->addRow(m_keyLabel, m_keyInput);
    calculator->addRow(m_acceptLabel, m_acceptOutput);
    auto *note = new QLabel(this);
    m_note = note;
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addLayout(calculator);
    layout->addWidget(note);

    connect(m_timeline, &QAbstractItemModel::rowsInserted, this, &HandshakePage::refresh);
    retranslateUi();
}

void HandshakePage::retranslateUi()
{
    m_handshake->setAccessibleName(tr("Handshake"));
    m_keyInput->setAccessibleName(tr("Sec-WebSocket-Key"));
    m_acceptOutput->setAccessibleName(tr("Sec-WebSocket-Accept"));
    if (m_keyInput->text().trimmed().isEmpty())
        m_acceptOutput->setText(tr("type a key to see the accept a server must answer"));
    m_keyLabel->setText(tr("Sec-WebSocket-&Key:"));
    m_acceptLabel->setText(tr("Sec-WebSocket-Accept:"));
    m_note->setText(tr("Accept = base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)), "
                       "RFC 6455 section 4.2.2."));
    refresh();
}

void HandshakePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void HandshakePage::setLog(EventLog *log)
{
    m_log = log;
    refresh();
}

void HandshakePage::refresh()
{
    if (!m_log || m_log->size() == 0) {
        m_handshake->setPlainText(tr("No handshake yet."));
        return;
    }
    // The newest request and response, from the log.
    QJsonObject request;
    QJsonObject response;
    for (int i = m_log->size() - 1; i >= 0 && request.isEmpty(); --i) {
        const ConnectionEvent &e = m_log->at(i);
        if (e.kind != ConnectionEvent::Kind::Handshake)
            continue;
        const QString phase = e.text(EventField::phase);
        if (phase == EventValue::response && response.isEmpty())
            response = e.fields;
        else if (phase == EventValue::request)
            request = e.fields;
    }
    QString html;
    auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
                .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    html += QStringLiteral("<h3>%1</h3><p>GET %2")
                    .arg(tr("Request").toHtmlEscaped(),
                         request.value(EventField::url).toString().toHtmlEscaped());
    // Which way the request went: straight, or through which proxy (never its password). Not a
    // row of the table: it is not a header.
    if (request.contains(EventField::proxy)) {
        html += QStringLiteral("<br><i>%1</i>")
                        .arg(tr("Route: %1")
                                     .arg(ProxySetting::routeText(
                                             request.value(EventField::proxy).toString()))
                                     .toHtmlEscaped());
    }
    html += QStringLiteral("</p><table>");
    const QJsonObject headers = request.value(EventField::headers).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        html += row(it.key(), it.value().toString());
    html += QStringLiteral("</table>");
    QStringList offered;
    for (const QJsonValue &v : request.value(EventField::offered).toArray())
        offered.append(v.toString());
    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Subprotocol").toHtmlEscaped());
    html += row(tr("Offered, in order"),
                offered.isEmpty() ? tr("none") : offered.join(QStringLiteral(", ")));
    const QString chosen = response.value(EventField::chosen).toString();
    html += row(tr("Chosen by the server"), response.isEmpty()
                                                    ? tr("(no answer yet)")
                                                    : (chosen.isEmpty() ? tr("none") : chosen));
    html += QStringLiteral("</table>");
    // Why the last attempt failed, in plain words.
    const int last = m_timeline->rowCount() - 1;
    if (last >= 0 && m_timeline->currentState() == ConnectionStateMachine::State::Closed) {
        const CloseInfo info = m_timeline->closeInfo(last);
        const QString why = HandshakeExplainer::explain(info, m_timeline->attempt(last));
        if (!why.isEmpty()) {
            html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                            .arg(tr("Why it failed").toHtmlEscaped(), why.toHtmlEscaped());
            if (!info.certificateFingerprint.isEmpty()) {
                html += QStringLiteral("<table>") + row(tr("Certificate"), info.certificateSubject)
                        + row(tr("SHA-256"), info.certificateFingerprint)
                        + QStringLiteral("</table>");
            }
        }
    }
    m_handshake->setHtml(html);
}

} // namespace Parlor
