#include "closecodedialog.h"

#include "protocol/closecodes.h"
#include "protocol/protocol.h"
#include "theme.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Parlor {

CloseCodeDialog::CloseCodeDialog(QWidget *parent)
    : QDialog(parent)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->hide();
    m_code = new QSpinBox(this);
    // 999 and 5000 are in range so that typing past a bound shows why it is refused.
    m_code->setRange(0, 9999);
    m_code->setValue(1000);
    m_meaning = new QLabel(this);
    m_meaning->setWordWrap(true);
    m_meaning->setMinimumWidth(360);
    m_reason = new QLineEdit(this);
    m_reasonSize = new QLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Code:"), m_code);
    form->addRow(QString(), m_meaning);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(QString(), m_reasonSize);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_code, &QSpinBox::valueChanged, this, &CloseCodeDialog::update);
    connect(m_reason, &QLineEdit::textChanged, this, &CloseCodeDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

void CloseCodeDialog::setIntro(const QString &text)
{
    m_intro->setText(text);
    m_intro->setVisible(!text.isEmpty());
}

void CloseCodeDialog::setAcceptText(const QString &text)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(text);
}

void CloseCodeDialog::setCode(int code)
{
    m_code->setValue(code);
}

int CloseCodeDialog::code() const
{
    return m_code->value();
}

void CloseCodeDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

QString CloseCodeDialog::reason() const
{
    return m_reason->text();
}

bool CloseCodeDialog::isAcceptable() const
{
    return CloseCodes::isSendable(code()) && utf8Size(reason()) <= CloseCodes::MaxReasonBytes;
}

void CloseCodeDialog::update()
{
    const int value = code();
    QString meaning;
    if (!CloseCodes::isSendable(value)) {
        meaning = tr("%1 may not be sent on the wire.").arg(value);
    } else {
        meaning = QStringLiteral("%1 — %2").arg(CloseCodes::name(value),
                                                QCoreApplication::translate("CloseCodes",
                                                                            CloseCodes::meaning(
                                                                                    value)));
        // Qt 6.4 reads 1012-2999 as invalid and reports a protocol error instead (QT64-NOTES).
        if (value >= 1012 && value <= 2999)
            meaning += QLatin1Char('\n')
                       + tr("Qt 6.4 clients, Parlor among them, report this code as 1002.");
    }
    m_meaning->setText(meaning);

    const qsizetype bytes = utf8Size(reason());
    const bool reasonFits = bytes <= CloseCodes::MaxReasonBytes;
    m_reasonSize->setText(reasonFits
                                  ? tr("%1 of %2 bytes").arg(bytes).arg(CloseCodes::MaxReasonBytes)
                                  : tr("%1 bytes: a close frame carries at most %2")
                                            .arg(bytes)
                                            .arg(CloseCodes::MaxReasonBytes));
    QPalette pal = m_reasonSize->palette();
    pal.setColor(QPalette::WindowText, reasonFits ? palette().color(QPalette::PlaceholderText)
                                                  : Theme::failed(palette()));
    m_reasonSize->setPalette(pal);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isAcceptable());
}

} // namespace Parlor
