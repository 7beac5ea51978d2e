#pragma once

#include "DescriptionFormatter.h"
#include "MappingTableModel.h"

#include "attackmap/Attack.h"

#include <QObject>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QScrollArea;
class QVBoxLayout;
class QTableView;
class QTreeWidget;

namespace attackmap::desktop {

class Session;

/// What the technique page shows, read from the store: testable without a
/// window.
class TechniquePageModel : public QObject {
    Q_OBJECT

public:
    explicit TechniquePageModel(Session& session, QObject* parent = nullptr);

    /// Loads a technique of the session's release; false when it is unknown.
    bool load(const QString& attackId);
    /// Re-reads the mappings after the framework filter changed.
    void reloadMappings();
    void clear();

    const std::optional<Technique>& technique() const { return m_technique; }
    const std::vector<RelatedObject>& related() const { return m_related; }
    const DescriptionFormatter::Result& description() const { return m_description; }
    MappingTableModel& mappings() { return m_mappings; }
    const MappingTableModel& mappings() const { return m_mappings; }
    /// Framework releases with rows, in the order mappings arrive.
    std::vector<std::int64_t> frameworkReleaseIds() const;

signals:
    void changed();

private:
    Session& m_session;
    std::optional<Technique> m_technique;
    std::vector<RelatedObject> m_related;
    DescriptionFormatter::Result m_description;
    MappingTableModel m_mappings;
};

/// The technique tab: header, banner, description, who uses it, mitigations,
/// then one mapping table per framework release.
class TechniquePage : public QWidget {
    Q_OBJECT

public:
    TechniquePage(Session& session, QWidget* parent = nullptr);

    TechniquePageModel& model() { return m_model; }
    QString currentTechnique() const;

signals:
    void techniqueRequested(const QString& attackId);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void rebuildTables();
    void fitTables();
    void openLink(const QString& link);
    QLabel* addLabel(const QString& html, const QString& objectName = {});
    QString coverageSummary() const;

    Session& m_session;
    TechniquePageModel m_model;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_layout = nullptr;
    QWidget* m_tablesBox = nullptr;
    QVBoxLayout* m_tablesLayout = nullptr;
    std::vector<QTableView*> m_tables;
};

} // namespace attackmap::desktop
