#pragma once

#include <QStyledItemDelegate>

class QTextDocument;

namespace attackmap::desktop {

/// Renders a column's rich text (from htmlRole, or the display text escaped
/// when that role is empty), wrapped to the column width, and opens http(s)
/// links when they are clicked.
class RichTextDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    RichTextDelegate(int htmlRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

signals:
    void linkActivated(const QString& url);

private:
    void layout(QTextDocument& document, const QStyleOptionViewItem& option,
                const QModelIndex& index) const;

    int m_htmlRole;
};

} // namespace attackmap::desktop
