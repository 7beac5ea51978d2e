#pragma once

#include <QStyledItemDelegate>

namespace attackmap::desktop {

/// Paints a mapping's score as a rounded chip coloured by category and value
/// (see Theme::scoreColor); unscored rows show their mapping kind in plain
/// text.
class ScoreChipDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

/// Paints a coverage level (from a role) as a small badge with a count.
class CoverageBadgeDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    CoverageBadgeDelegate(int levelRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_levelRole;
};

} // namespace attackmap::desktop
