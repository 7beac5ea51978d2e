#include "RichTextDelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDesktopServices>
#include <QMouseEvent>
#include <QPainter>
#include <QTableView>
#include <QTextDocument>
#include <QUrl>

namespace attackmap::desktop {

namespace {

constexpr int padding = 4;

} // namespace

RichTextDelegate::RichTextDelegate(int htmlRole, QObject* parent)
    : QStyledItemDelegate(parent), m_htmlRole(htmlRole) {}

void RichTextDelegate::layout(QTextDocument& document, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QString html = index.data(m_htmlRole).toString();
    if (html.isEmpty()) {
        html = index.data().toString().toHtmlEscaped().replace(QLatin1Char('\n'),
                                                               QLatin1String("<br>"));
    }
    QColor link = option.palette.color(QPalette::Link);
    document.setDefaultStyleSheet(QStringLiteral("a { color: %1; }").arg(link.name()));
    document.setDefaultFont(option.font);
    document.setDocumentMargin(0);
    document.setHtml(html);
    int width = option.rect.width() > 0 ? option.rect.width() : 320;
    // Size hints are asked before the cell has a rectangle: wrap to the
    // column the view gives it.
    if (auto* table = qobject_cast<const QTableView*>(option.widget)) {
        width = table->columnWidth(index.column());
    }
    document.setTextWidth(std::max(40, width - 2 * padding));
}

void RichTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter);

    QTextDocument document;
    layout(document, option, index);
    QAbstractTextDocumentLayout::PaintContext context;
    bool selected = option.state & QStyle::State_Selected;
    context.palette = option.palette;
    context.palette.setColor(
        QPalette::Text,
        option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->save();
    painter->translate(option.rect.topLeft() + QPoint(padding, padding));
    painter->setClipRect(QRect(QPoint(0, 0), option.rect.size() - QSize(padding, padding)));
    document.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize RichTextDelegate::sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QTextDocument document;
    layout(document, option, index);
    return {static_cast<int>(document.idealWidth()) + 2 * padding,
            static_cast<int>(document.size().height()) + 2 * padding};
}

bool RichTextDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                   const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (event->type() != QEvent::MouseButtonRelease) {
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    }
    auto* mouse = static_cast<QMouseEvent*>(event);
    QTextDocument document;
    layout(document, option, index);
    QPointF at = mouse->position() - option.rect.topLeft() - QPointF(padding, padding);
    QString anchor = document.documentLayout()->anchorAt(at);
    if (anchor.startsWith(QLatin1String("http://")) ||
        anchor.startsWith(QLatin1String("https://"))) {
        QDesktopServices::openUrl(QUrl(anchor));
        return true;
    }
    if (!anchor.isEmpty()) {
        emit linkActivated(anchor);
        return true;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace attackmap::desktop
