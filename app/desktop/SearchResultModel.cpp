#include "SearchResultModel.h"

#include "DescriptionFormatter.h"

#include <QRegularExpression>

namespace attackmap::desktop {

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractTableModel(parent) {}

void SearchResultModel::setHits(std::vector<SearchHit> hits) {
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_hits.size());
}

int SearchResultModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const SearchHit& hit = m_hits[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return QString::fromStdString(hit.title);
        case KindColumn:
            return QString::fromStdString(hit.kind);
        case ScopeColumn:
            return QString::fromStdString(hit.scope);
        case SnippetColumn:
            return QString::fromStdString(hit.snippet)
                .remove(QLatin1Char('['))
                .remove(QLatin1Char(']'));
        default:
            return {};
        }
    case HtmlRole:
        if (index.column() == SnippetColumn) {
            return DescriptionFormatter::highlightBrackets(QString::fromStdString(hit.snippet));
        }
        return {};
    case KindRole:
        return QString::fromStdString(hit.kind);
    case RefRole:
        return QVariant::fromValue<qint64>(hit.ref);
    case TechniqueIdRole: {
        // Technique hits are titled "T1552.005 Cloud Instance Metadata API",
        // mapping hits "amazon_guardduty technique_scores T1190".
        static const QRegularExpression id(QStringLiteral("\\b(T\\d{4}(\\.\\d{3})?)\\b"));
        auto match = id.match(QString::fromStdString(hit.title));
        return match.hasMatch() ? match.captured(1) : QString();
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignTop | Qt::AlignLeft);
    default:
        return {};
    }
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TitleColumn:
        return tr("Result");
    case KindColumn:
        return tr("Kind");
    case ScopeColumn:
        return tr("Release");
    case SnippetColumn:
        return tr("Matching text");
    default:
        return {};
    }
}

} // namespace attackmap::desktop
