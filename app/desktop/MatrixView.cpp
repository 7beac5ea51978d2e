#include "MatrixView.h"

#include "Logging.h"
#include "Session.h"
#include "Theme.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>

namespace attackmap::desktop {

namespace {

constexpr int columnWidth = 158;
constexpr int gap = 4;
constexpr int headerHeight = 46;
constexpr int cellHeight = 52;
constexpr int subHeight = 46;
constexpr int subIndent = 12;
constexpr int legendHeight = 30;
constexpr int margin = 8;

const std::array levels = {CoverageLevel::Significant, CoverageLevel::Partial,
                           CoverageLevel::Minimal, CoverageLevel::Mapped, CoverageLevel::None};

QString key(const QString& tactic, const QString& technique) {
    return tactic + QLatin1Char('/') + technique;
}

} // namespace

MatrixCanvas::MatrixCanvas(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

QString MatrixCanvas::legendNote() const {
    return tr("T1552 · 77: mappings that count as coverage · 3/8: sub-techniques covered");
}

void MatrixCanvas::setModel(MatrixModel model) {
    m_model = std::move(model);
    relayout();
}

void MatrixCanvas::setAllExpanded(bool expanded) {
    m_expanded.clear();
    if (expanded) {
        for (const auto& column : m_model.columns()) {
            for (const auto& cell : column.cells) {
                if (!cell.subtechniques.empty()) {
                    m_expanded.insert(key(column.tacticId, cell.attackId));
                }
            }
        }
    }
    relayout();
}

void MatrixCanvas::relayout() {
    m_hits.clear();
    int tallest = 0;
    int x = margin;
    for (const auto& column : m_model.columns()) {
        int y = margin + legendHeight + headerHeight + gap;
        for (const auto& cell : column.cells) {
            QRect rect(x, y, columnWidth, cellHeight);
            m_hits.push_back({rect, cell.attackId, false});
            if (!cell.subtechniques.empty()) {
                m_hits.push_back(
                    {QRect(rect.right() - 44, rect.top(), 44, 20), cell.attackId, true});
            }
            y += cellHeight + gap;
            if (m_expanded.contains(key(column.tacticId, cell.attackId))) {
                for (const auto& sub : cell.subtechniques) {
                    m_hits.push_back({QRect(x + subIndent, y, columnWidth - subIndent, subHeight),
                                      sub.attackId, false});
                    y += subHeight + gap;
                }
            }
        }
        tallest = std::max(tallest, y);
        x += columnWidth + gap;
    }
    // The legend may be wider than a matrix of few tactics.
    int legend = margin;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (CoverageLevel level : levels) {
        QString text =
            QStringLiteral("%1 (%2)").arg(toDisplayString(level)).arg(m_model.countAt(level));
        legend += 22 + QFontMetrics(small).horizontalAdvance(text) + 18;
    }
    legend += QFontMetrics(small).horizontalAdvance(legendNote()) + margin;
    m_size = QSize(std::max(x + margin, legend), tallest + margin);
    setMinimumSize(m_size);
    resize(m_size);
    update();
}

QSize MatrixCanvas::contentSize() const {
    return m_size;
}

void MatrixCanvas::render(QPainter& painter, const QPalette& palette) const {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont base = font();
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.85);
    QFont bold = base;
    bold.setBold(true);

    // Legend across the top, with how many cells sit at each level.
    int x = margin;
    painter.setFont(small);
    for (CoverageLevel level : levels) {
        QColor fill = Theme::coverageColor(level, palette);
        QRect swatch(x, margin + 6, 16, 16);
        painter.setPen(palette.color(QPalette::Mid));
        painter.setBrush(fill);
        painter.drawRoundedRect(swatch, 3, 3);
        QString text =
            QStringLiteral("%1 (%2)").arg(toDisplayString(level)).arg(m_model.countAt(level));
        painter.setPen(palette.color(QPalette::Text));
        int width = QFontMetrics(small).horizontalAdvance(text);
        painter.drawText(QRect(x + 22, margin + 4, width + 4, 20), Qt::AlignVCenter, text);
        x += 22 + width + 18;
    }
    painter.setPen(palette.color(QPalette::PlaceholderText));
    painter.drawText(QRect(x, margin + 4, 600, 20), Qt::AlignVCenter, legendNote());

    x = margin;
    for (const auto& column : m_model.columns()) {
        QRect header(x, margin + legendHeight, columnWidth, headerHeight);
        painter.setPen(Qt::NoPen);
        painter.setBrush(palette.color(QPalette::Button));
        painter.drawRoundedRect(header, 4, 4);
        painter.setPen(palette.color(QPalette::ButtonText));
        painter.setFont(bold);
        painter.drawText(
            header.adjusted(6, 4, -6, -18), Qt::AlignLeft | Qt::AlignTop,
            QFontMetrics(bold).elidedText(column.name, Qt::ElideRight, columnWidth - 12));
        painter.setFont(small);
        painter.drawText(header.adjusted(6, 0, -6, -5), Qt::AlignLeft | Qt::AlignBottom,
                         tr("%1 · %n technique(s)", nullptr, static_cast<int>(column.cells.size()))
                             .arg(column.tacticId));

        int y = header.bottom() + 1 + gap;
        auto drawCell = [&](const MatrixModel::Cell& cell, QRect rect, bool expander) {
            QColor fill = Theme::coverageColor(cell.level, palette);
            painter.setPen(QPen(palette.color(QPalette::Mid), 0.8));
            painter.setBrush(fill);
            painter.drawRoundedRect(rect, 3, 3);
            QColor text = cell.level == CoverageLevel::None ? palette.color(QPalette::Text)
                                                            : Theme::textOn(fill);
            painter.setPen(text);
            QRect inner = rect.adjusted(5, 3, -5, -3);
            painter.setFont(small);
            QFontMetrics metrics(small);
            QString label = cell.attackId;
            if (cell.mappings > 0) {
                label += QStringLiteral("  ·  %1").arg(cell.mappings);
            }
            painter.drawText(inner, Qt::AlignLeft | Qt::AlignTop, label);
            if (expander) {
                bool open = m_expanded.contains(key(column.tacticId, cell.attackId));
                painter.drawText(inner, Qt::AlignRight | Qt::AlignTop,
                                 QStringLiteral("%1/%2 %3")
                                     .arg(cell.subCovered)
                                     .arg(cell.subtechniques.size())
                                     .arg(open ? QChar(0x25BE) : QChar(0x25B8)));
            }
            // The name gets two lines; longer names end in an ellipsis.
            QRect nameRect = inner.adjusted(0, metrics.height() + 1, 0, 0);
            // The name gets two lines: whole words on the first, the rest
            // elided on the second.
            QFontMetrics nameMetrics(base);
            const QStringList words = cell.name.split(QLatin1Char(' '));
            QString first;
            qsizetype used = 0;
            while (used < words.size()) {
                QString next =
                    first.isEmpty() ? words[used] : first + QLatin1Char(' ') + words[used];
                if (nameMetrics.horizontalAdvance(next) > nameRect.width()) {
                    break;
                }
                first = next;
                ++used;
            }
            QString second = words.mid(used).join(QLatin1Char(' '));
            if (first.isEmpty()) {
                first = nameMetrics.elidedText(second, Qt::ElideRight, nameRect.width());
                second.clear();
            }
            second = nameMetrics.elidedText(second, Qt::ElideRight, nameRect.width());
            painter.setFont(base);
            painter.drawText(nameRect, Qt::AlignLeft | Qt::AlignTop, first);
            painter.drawText(nameRect.adjusted(0, nameMetrics.lineSpacing(), 0, 0),
                             Qt::AlignLeft | Qt::AlignTop, second);
        };
        for (const auto& cell : column.cells) {
            drawCell(cell, QRect(x, y, columnWidth, cellHeight), !cell.subtechniques.empty());
            y += cellHeight + gap;
            if (m_expanded.contains(key(column.tacticId, cell.attackId))) {
                for (const auto& sub : cell.subtechniques) {
                    drawCell(sub, QRect(x + subIndent, y, columnWidth - subIndent, subHeight),
                             false);
                    y += subHeight + gap;
                }
            }
        }
        x += columnWidth + gap;
    }
}

void MatrixCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, palette());
}

void MatrixCanvas::mouseMoveEvent(QMouseEvent* event) {
    for (const auto& hit : m_hits) {
        if (hit.rect.contains(event->position().toPoint())) {
            setCursor(Qt::PointingHandCursor);
            setToolTip(hit.toggle ? tr("Show or hide the sub-techniques of %1").arg(hit.attackId)
                                  : tr("Open %1").arg(hit.attackId));
            return;
        }
    }
    unsetCursor();
    setToolTip({});
}

void MatrixCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        return;
    }
    QPoint at = event->position().toPoint();
    // Expanders sit on top of their cells: look at them first.
    for (bool toggles : {true, false}) {
        for (const auto& hit : m_hits) {
            if (hit.toggle != toggles || !hit.rect.contains(at)) {
                continue;
            }
            if (hit.toggle) {
                int column = (hit.rect.left() - margin) / (columnWidth + gap);
                QString k =
                    key(m_model.columns()[static_cast<std::size_t>(column)].tacticId, hit.attackId);
                if (!m_expanded.remove(k)) {
                    m_expanded.insert(k);
                }
                relayout();
            } else {
                emit techniqueActivated(hit.attackId);
            }
            return;
        }
    }
}

MatrixView::MatrixView(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    auto* bar = new QHBoxLayout;
    auto* expand = new QPushButton(tr("Expand all"), this);
    auto* collapse = new QPushButton(tr("Collapse all"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the matrix as PNG or SVG"));
    bar->addWidget(expand);
    bar->addWidget(collapse);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    auto* scroll = new QScrollArea(this);
    m_canvas = new MatrixCanvas;
    scroll->setWidget(m_canvas);
    scroll->setBackgroundRole(QPalette::Base);
    layout->addWidget(scroll, 1);

    connect(expand, &QPushButton::clicked, m_canvas, [this] { m_canvas->setAllExpanded(true); });
    connect(collapse, &QPushButton::clicked, m_canvas, [this] { m_canvas->setAllExpanded(false); });
    connect(exportButton, &QPushButton::clicked, this, &MatrixView::exportDialog);
    connect(m_canvas, &MatrixCanvas::techniqueActivated, this, &MatrixView::techniqueActivated);
    connect(&m_session, &Session::filterChanged, this, &MatrixView::rebuild);
    connect(&m_session, &Session::releaseChanged, this, &MatrixView::rebuild);
    connect(&m_session, &Session::databaseChanged, this, &MatrixView::rebuild);
    rebuild();
}

void MatrixView::rebuild() {
    m_canvas->setModel(
        MatrixModel::build(m_session.tactics(), m_session.techniques(), m_session.coverage()));
}

bool MatrixView::exportPng(const QString& path) const {
    qreal scale = 2.0; // crisp when zoomed or printed
    QSize size = m_canvas->sizeHint();
    QImage image(size * scale, QImage::Format_ARGB32);
    image.setDevicePixelRatio(scale);
    image.fill(m_canvas->palette().color(QPalette::Base));
    QPainter painter(&image);
    m_canvas->render(painter, m_canvas->palette());
    painter.end();
    return image.save(path, "PNG");
}

bool MatrixView::exportSvg(const QString& path) const {
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(m_canvas->sizeHint());
    generator.setViewBox(QRect(QPoint(0, 0), m_canvas->sizeHint()));
    generator.setTitle(tr("ATT&CK coverage matrix"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        return false;
    }
    painter.fillRect(QRect(QPoint(0, 0), m_canvas->sizeHint()),
                     m_canvas->palette().color(QPalette::Base));
    m_canvas->render(painter, m_canvas->palette());
    return painter.end();
}

void MatrixView::exportDialog() {
    QString selected;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export matrix"), QStringLiteral("matrix.png"),
                                     tr("PNG image (*.png);;SVG image (*.svg)"), &selected);
    if (path.isEmpty()) {
        return;
    }
    bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ||
               (selected.startsWith(QLatin1String("SVG")) &&
                !path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive));
    bool saved = svg ? exportSvg(path) : exportPng(path);
    if (!saved) {
        QMessageBox::warning(this, tr("Export matrix"), tr("Could not write %1").arg(path));
    }
    qCInfo(lcUi) << "exported matrix to" << path;
}

} // namespace attackmap::desktop
