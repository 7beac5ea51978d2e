#pragma once

#include "SearchResultModel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace attackmap::desktop {

class Session;

/// The search tab: full-text search over techniques, capabilities and
/// mapping comments, as the user types.
class SearchView : public QWidget {
    Q_OBJECT

public:
    SearchView(Session& session, QWidget* parent = nullptr);

    void setQuery(const QString& text);
    void focusQuery();
    SearchResultModel& results() { return m_results; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

signals:
    void techniqueActivated(const QString& attackId);
    void capabilityActivated(const QString& kind, qint64 ref, const QString& title);

private:
    void fitTable();
    void runSearch();

    Session& m_session;
    SearchResultModel m_results;
    QLineEdit* m_query = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_table = nullptr;
    QTimer* m_debounce = nullptr;
};

} // namespace attackmap::desktop
