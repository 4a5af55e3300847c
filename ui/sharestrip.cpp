#include "sharestrip.h"

#include "core/datasize.h"
#include "theme.h"

#include <QEvent>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeDatabase>
#include <QPushButton>

namespace Parlor {

ShareStrip::ShareStrip(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_share(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("shareStrip"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 0);
    layout->setSpacing(8);
    // The same bar as the reply strip: something about the next message.
    auto *bar = new QFrame(this);
    bar->setFixedWidth(3);
    bar->setAutoFillBackground(true);
    QPalette barPalette = bar->palette();
    barPalette.setColor(QPalette::Window, palette().color(QPalette::Highlight));
    bar->setPalette(barPalette);
    layout->addWidget(bar);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_label, 1);
    m_share->setObjectName(QStringLiteral("shareButton"));
    m_share->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelShare"));
    layout->addWidget(m_share);
    layout->addWidget(m_cancel);
    connect(m_share, &QPushButton::clicked, this, &ShareStrip::share);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        clear();
        emit cancelled();
    });
    setFocusPolicy(Qt::StrongFocus);
    hide();
    retranslateUi();
}

ShareStrip::Item ShareStrip::fileItem(const QString &path)
{
    const QFileInfo info(path);
    Item item;
    item.path = path;
    item.name = info.fileName();
    item.size = info.isFile() && info.isReadable() ? info.size() : -1;
    item.mime = QMimeDatabase().mimeTypeForFile(info).name();
    return item;
}

ShareStrip::Item ShareStrip::dataItem(const QString &name, const QByteArray &data,
                                      const QString &mime)
{
    Item item;
    item.name = name;
    item.data = data;
    item.mime = mime;
    item.size = data.size();
    return item;
}

void ShareStrip::offer(const QList<Item> &items, qint64 maxFileBytes, bool canShare)
{
    m_items = items;
    m_maxFileBytes = maxFileBytes;
    if (items.isEmpty()) {
        clear();
        return;
    }
    m_verdict = Verdict::Ready;
    if (!canShare || maxFileBytes <= 0) {
        m_verdict = Verdict::NoFiles;
    } else {
        for (const Item &item : items) {
            if (item.size <= 0) {
                m_verdict = Verdict::Unreadable;
                break;
            }
            if (item.size > maxFileBytes)
                m_verdict = Verdict::TooLarge;
        }
    }
    retranslateUi();
    show();
    // The question is asked here now: Enter answers it, Esc takes it back.
    if (m_verdict == Verdict::Ready)
        m_share->setFocus(Qt::OtherFocusReason);
    else
        m_cancel->setFocus(Qt::OtherFocusReason);
}

void ShareStrip::clear()
{
    m_items.clear();
    m_verdict = Verdict::None;
    hide();
}

void ShareStrip::share()
{
    if (m_verdict != Verdict::Ready)
        return;
    const QList<Item> items = m_items;
    clear();
    emit shareRequested(items);
}

QString ShareStrip::labelText() const
{
    return m_label->text();
}

void ShareStrip::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (mods == Qt::NoModifier
        && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        if (m_verdict == Verdict::Ready)
            share();
        else
            m_cancel->click();
        return;
    }
    if (mods == Qt::NoModifier && event->key() == Qt::Key_Escape) {
        m_cancel->click();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ShareStrip::retranslateUi()
{
    m_share->setText(tr("&Share"));
    m_cancel->setText(m_verdict == Verdict::Ready || m_verdict == Verdict::None ? tr("Cancel")
                                                                                : tr("OK"));
    m_cancel->setToolTip(tr("Do not share (Esc)"));
    m_share->setVisible(m_verdict == Verdict::Ready);
    QString what;
    qint64 total = 0;
    for (const Item &item : std::as_const(m_items))
        total += std::max<qint64>(0, item.size);
    if (m_items.size() == 1) {
        //: %1: a file's name, %2: its size ("2.1 MB").
        what = tr("%1 (%2)").arg(m_items.constFirst().name, dataSizeText(total));
    } else if (m_items.size() > 1) {
        //: %1: their size together ("2.1 MB").
        what = tr("%n files (%1)", nullptr, int(m_items.size())).arg(dataSizeText(total));
    }
    QString text;
    switch (m_verdict) {
    case Verdict::None:
        break;
    case Verdict::Ready:
        text = tr("Share %1 with the room?").arg(what);
        break;
    case Verdict::TooLarge:
        //: %1: the file, %2: the most the room takes ("100 MB").
        text = tr("%1 is too large for this room: it takes files up to %2.")
                       .arg(what, dataSizeText(m_maxFileBytes));
        break;
    case Verdict::NoFiles:
        text = tr("This room does not take files, so %1 cannot be shared here.").arg(what);
        break;
    case Verdict::Unreadable:
        text = tr("%1 cannot be read (or is empty), so it cannot be shared.").arg(what);
        break;
    }
    m_label->setText(text);
    m_label->setToolTip(text);
    setAccessibleName(text);
}

void ShareStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace Parlor
