#include "MappingTableModel.h"

#include "DescriptionFormatter.h"

#include <QColor>
#include <QStringList>

namespace attackmap::desktop {

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}
QString q(std::string_view text) {
    return QString::fromUtf8(text.data(), text.size());
}

QString scoreText(const Mapping& mapping) {
    if (mapping.kind != MappingKind::Scored) {
        return {};
    }
    QString value = q(toString(mapping.scoreValue));
    if (mapping.scoreCategory.empty()) {
        return value;
    }
    return q(mapping.scoreCategory) + QLatin1Char(' ') + value;
}

QString referencesHtml(const Mapping& mapping) {
    QStringList links;
    for (const auto& reference : mapping.references) {
        links << DescriptionFormatter::linkify(q(reference));
    }
    return links.join(QStringLiteral("<br>"));
}

} // namespace

MappingTableModel::MappingTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MappingTableModel::setMappings(std::vector<Mapping> mappings) {
    beginResetModel();
    m_mappings = std::move(mappings);
    endResetModel();
}

int MappingTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_mappings.size());
}

int MappingTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Mapping& mapping = mappingAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TechniqueColumn:
            if (!mapping.techniqueId) {
                return tr("(none)");
            }
            // The id alone means little outside the technique page.
            return mapping.techniqueName.empty()
                       ? q(*mapping.techniqueId)
                       : q(*mapping.techniqueId) + QLatin1Char('\n') + q(mapping.techniqueName);
        case CapabilityColumn:
            return mapping.capabilityId ? q(*mapping.capabilityId) : tr("(none)");
        case DescriptionColumn:
            return q(mapping.capabilityDescription);
        case TypeColumn:
            return role == Qt::ToolTipRole
                       ? tr("%1 (%2)").arg(q(mapping.mappingType), q(toString(mapping.kind)))
                       : q(mapping.mappingType);
        case ScoreColumn:
            if (role == Qt::ToolTipRole) {
                return tr("%1 (%2) %3")
                    .arg(q(mapping.mappingType), q(toString(mapping.kind)), scoreText(mapping));
            }
            return scoreText(mapping);
        case RelatedColumn:
            return q(mapping.relatedScore);
        case CommentsColumn:
            return q(mapping.comments);
        case ReferencesColumn: {
            QStringList references;
            for (const auto& reference : mapping.references) {
                references << q(reference);
            }
            return references.join(QLatin1Char('\n'));
        }
        case FlagsColumn: {
            QStringList flags;
            for (const auto& flag : mapping.flags) {
                flags << q(flag);
            }
            return flags.join(QStringLiteral("; "));
        }
        default:
            return {};
        }
    case HtmlRole:
        if (index.column() == ReferencesColumn) {
            return referencesHtml(mapping);
        }
        if (index.column() == CommentsColumn) {
            return DescriptionFormatter::linkify(q(mapping.comments));
        }
        return {};
    case Qt::TextAlignmentRole:
        // Rows grow with their comments; everything reads from the top.
        return QVariant::fromValue(Qt::AlignTop | Qt::AlignLeft);
    case Qt::ForegroundRole:
        if (index.column() == FlagsColumn && !mapping.flags.empty()) {
            return QColor(0xd0, 0x5a, 0x20);
        }
        return {};
    case FrameworkReleaseRole:
        return QVariant::fromValue<qint64>(mapping.frameworkReleaseId);
    case TechniqueIdRole:
        return mapping.techniqueId ? q(*mapping.techniqueId) : QString();
    case CapabilityIdRole:
        return mapping.capabilityId ? q(*mapping.capabilityId) : QString();
    case ScoreCategoryRole:
        return q(mapping.scoreCategory);
    case ScoreValueRole:
        return q(toString(mapping.scoreValue));
    case KindRole:
        return q(toString(mapping.kind));
    default:
        return {};
    }
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TechniqueColumn:
        return tr("Technique");
    case CapabilityColumn:
        return tr("Capability");
    case DescriptionColumn:
        return tr("Description");
    case TypeColumn:
        return tr("Mapping type");
    case ScoreColumn:
        return tr("Score");
    case RelatedColumn:
        return tr("Related to");
    case CommentsColumn:
        return tr("Comments");
    case ReferencesColumn:
        return tr("References");
    case FlagsColumn:
        return tr("Flags");
    default:
        return {};
    }
}

} // namespace attackmap::desktop
