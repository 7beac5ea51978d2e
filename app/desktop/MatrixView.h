#pragma once

#include "MatrixModel.h"

#include <QSet>
#include <QWidget>

class QScrollArea;

namespace attackmap::desktop {

class Session;

/// Paints the matrix: the same drawing serves the screen and the PNG and SVG
/// exports, so what is exported is what was seen.
class MatrixCanvas : public QWidget {
    Q_OBJECT

public:
    explicit MatrixCanvas(QWidget* parent = nullptr);

    void setModel(MatrixModel model);
    const MatrixModel& model() const { return m_model; }
    void setAllExpanded(bool expanded);

    /// Draws the whole matrix with its legend at the painter's origin.
    void render(QPainter& painter, const QPalette& palette) const;
    QSize sizeHint() const override { return contentSize(); }

signals:
    void techniqueActivated(const QString& attackId);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    struct Hit {
        QRect rect;
        QString attackId;
        bool toggle = false; // the expander of a technique with sub-techniques
    };

    QSize contentSize() const;
    QString legendNote() const;
    void relayout();

    MatrixModel m_model;
    QSet<QString> m_expanded; // "tactic/technique": expanded per column
    std::vector<Hit> m_hits;
    QSize m_size;
};

/// The matrix tab: toolbar (expand, collapse, export), canvas and legend.
class MatrixView : public QWidget {
    Q_OBJECT

public:
    MatrixView(Session& session, QWidget* parent = nullptr);

    MatrixCanvas& canvas() { return *m_canvas; }
    void rebuild();
    bool exportPng(const QString& path) const;
    bool exportSvg(const QString& path) const;

signals:
    void techniqueActivated(const QString& attackId);

private:
    void exportDialog();

    Session& m_session;
    MatrixCanvas* m_canvas = nullptr;
};

} // namespace attackmap::desktop
