#include "ScoreChipDelegate.h"

#include "CoverageIndex.h"
#include "MappingTableModel.h"
#include "Theme.h"

#include <QApplication>
#include <QPainter>

namespace attackmap::desktop {

namespace {

void drawChip(QPainter* painter, const QRect& cell, const QString& text, const QColor& fill,
              const QFont& font, bool top = false) {
    QFontMetrics metrics(font);
    int height = metrics.height() + 4;
    // A narrow column elides the words rather than clipping the chip.
    QString shown = metrics.elidedText(text, Qt::ElideRight, std::max(0, cell.width() - 22));
    int width = metrics.horizontalAdvance(shown) + 14;
    int y = top ? cell.top() + 3 : cell.top() + (cell.height() - height) / 2;
    QRect chip(cell.left() + 4, y, std::min(width, cell.width() - 8), height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, height / 2.0, height / 2.0);
    painter->setPen(Theme::textOn(fill));
    painter->setFont(font);
    painter->drawText(chip, Qt::AlignCenter, shown);
    painter->restore();
}

} // namespace

void ScoreChipDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QString value = index.data(MappingTableModel::ScoreValueRole).toString();
    QString kind = index.data(MappingTableModel::KindRole).toString();
    if (kind != QLatin1String("scored") || value.isEmpty()) {
        QStyleOptionViewItem plain = option;
        initStyleOption(&plain, index);
        plain.text = kind;
        plain.font.setItalic(true);
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &plain, painter);
        return;
    }
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter);
    QString category = index.data(MappingTableModel::ScoreCategoryRole).toString();
    drawChip(painter, option.rect, index.data().toString(), Theme::scoreColor(category, value),
             option.font, true);
}

QSize ScoreChipDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QFontMetrics metrics(option.font);
    return {metrics.horizontalAdvance(index.data().toString()) + 26, metrics.height() + 10};
}

CoverageBadgeDelegate::CoverageBadgeDelegate(int levelRole, QObject* parent)
    : QStyledItemDelegate(parent), m_levelRole(levelRole) {}

void CoverageBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &background, painter);
    auto level = static_cast<CoverageLevel>(index.data(m_levelRole).toInt());
    if (level == CoverageLevel::None) {
        return;
    }
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    drawChip(painter, option.rect, index.data().toString(),
             Theme::coverageColor(level, option.palette), font);
}

QSize CoverageBadgeDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex&) const {
    QFontMetrics metrics(option.font);
    return {metrics.horizontalAdvance(QStringLiteral("999")) + 24, metrics.height() + 6};
}

} // namespace attackmap::desktop
