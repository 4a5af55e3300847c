#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QLabel;
class QListView;
QT_END_NAMESPACE

namespace Parlor {

/// The people in the room: a title that counts them, and the list.
class MemberPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MemberPanel(QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    /// Follows \a members (a session's MemberModel).
    void setModel(QAbstractItemModel *members);

signals:
    /// How many people are in the room now.
    void countChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateTitle();

    QLabel *m_title = nullptr;
    QListView *m_view = nullptr;
    QPointer<QAbstractItemModel> m_model;
};

} // namespace Parlor
