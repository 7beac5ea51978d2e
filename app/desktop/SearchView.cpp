#include "SearchView.h"

#include "Logging.h"
#include "RichTextDelegate.h"
#include "Session.h"
#include "TableLayout.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace attackmap::desktop {

SearchView::SearchView(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(
        tr("Search techniques, capabilities and mapping comments (words match as prefixes)"));
    m_query->setClearButtonEnabled(true);
    m_status = new QLabel(this);
    m_table = new QTableView(this);
    m_table->setModel(&m_results);
    m_table->setWordWrap(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(SearchResultModel::SnippetColumn,
                                      new RichTextDelegate(SearchResultModel::HtmlRole, m_table));
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_query);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);

    // Searching on every key stroke is cheap with FTS5, but a short pause
    // keeps the table from flickering while a word is typed.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_query, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &SearchView::runSearch);
    connect(m_query, &QLineEdit::returnPressed, this, &SearchView::runSearch);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        QString technique = index.data(SearchResultModel::TechniqueIdRole).toString();
        QString kind = index.data(SearchResultModel::KindRole).toString();
        // Technique and mapping hits open the technique they name.
        if (kind != QLatin1String("capability") && !technique.isEmpty()) {
            emit techniqueActivated(technique);
        } else {
            emit capabilityActivated(kind, index.data(SearchResultModel::RefRole).toLongLong(),
                                     m_results.index(index.row(), 0).data().toString());
        }
    });
    connect(&m_session, &Session::databaseChanged, this, &SearchView::runSearch);
}

void SearchView::setQuery(const QString& text) {
    m_query->setText(text);
    runSearch();
}

void SearchView::focusQuery() {
    m_query->setFocus();
    m_query->selectAll();
}

void SearchView::runSearch() {
    m_debounce->stop();
    QString text = m_query->text().trimmed();
    if (text.isEmpty() || !m_session.isOpen()) {
        m_results.setHits({});
        m_status->setText(tr("Type words to search; press Enter on a result to open it."));
        return;
    }
    try {
        m_results.setHits(search(m_session.db(), text.toStdString(), 200));
        m_status->setText(tr("%n result(s)", nullptr, m_results.rowCount()));
    } catch (const std::exception& e) {
        // FTS5 rejects some inputs (a lone quote, say); tell, do not crash.
        m_results.setHits({});
        m_status->setText(tr("Cannot search for that: %1").arg(QString::fromUtf8(e.what())));
        qCWarning(lcUi) << "search failed:" << e.what();
    }
    fitTable();
}

void SearchView::fitTable() {
    shareColumnWidths(*m_table, {{SearchResultModel::TitleColumn, 26},
                                 {SearchResultModel::KindColumn, 8},
                                 {SearchResultModel::ScopeColumn, 16},
                                 {SearchResultModel::SnippetColumn, 50}});
}

void SearchView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The table gets its new width when the layout runs, after this event.
    QTimer::singleShot(0, this, &SearchView::fitTable);
}

void SearchView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    QTimer::singleShot(0, this, &SearchView::fitTable);
}

} // namespace attackmap::desktop
