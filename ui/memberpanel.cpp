#include "memberpanel.h"

#include "memberdelegate.h"

#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace Parlor {

MemberPanel::MemberPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(4);
    m_title = new QLabel(this);
    m_title->setContentsMargins(10, 0, 8, 0);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_view = new QListView(this);
    m_view->setItemDelegate(new MemberDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    setMinimumWidth(160);
    retranslateUi();
}

void MemberPanel::retranslateUi()
{
    m_view->setAccessibleName(tr("People in this room"));
    if (m_model)
        m_title->setText(tr("In this room (%1)").arg(m_model->rowCount()));
}

void MemberPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MemberPanel::setModel(QAbstractItemModel *members)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = members;
    m_view->setModel(members);
    connect(members, &QAbstractItemModel::rowsInserted, this, &MemberPanel::updateTitle);
    connect(members, &QAbstractItemModel::rowsRemoved, this, &MemberPanel::updateTitle);
    connect(members, &QAbstractItemModel::modelReset, this, &MemberPanel::updateTitle);
    updateTitle();
}

void MemberPanel::updateTitle()
{
    const int n = m_model ? m_model->rowCount() : 0;
    m_title->setText(tr("In this room (%1)").arg(n));
    emit countChanged(n);
}

} // namespace Parlor
