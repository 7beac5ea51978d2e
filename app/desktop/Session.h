#pragma once

#include "CoverageIndex.h"

#include "attackmap/Attack.h"
#include "attackmap/Database.h"
#include "attackmap/Mappings.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace attackmap::desktop {

/// What every view follows: the open database, the chosen ATT&CK release and
/// the framework releases the user has checked. Views read through it and
/// redraw on its signals.
class Session : public QObject {
    Q_OBJECT

public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    /// Opens (creating when missing) and picks the newest enterprise release.
    /// Throws DatabaseError when the file cannot be used.
    void open(const QString& path);
    bool isOpen() const { return m_db != nullptr; }
    Database& db();
    QString databasePath() const { return m_path; }

    /// Re-reads releases and framework releases after an import.
    void reload();

    const std::vector<Release>& releases() const { return m_releases; }
    const std::optional<Release>& release() const { return m_release; }
    void setRelease(std::int64_t releaseId);

    const std::vector<TechniqueSummary>& techniques() const { return m_techniques; }
    const std::vector<Tactic>& tactics() const { return m_tactics; }

    const std::vector<FrameworkRelease>& frameworkReleases() const { return m_frameworks; }
    bool isFrameworkChecked(std::int64_t id) const { return m_checked.contains(id); }
    void setFrameworkChecked(std::int64_t id, bool checked);
    void setCheckedFrameworks(const QSet<std::int64_t>& ids);
    QSet<std::int64_t> checkedFrameworks() const { return m_checked; }

    /// The filter that mapping queries use; nullopt when nothing is checked
    /// (an empty MappingFilter would mean "everything").
    std::optional<MappingFilter> mappingFilter() const;
    /// Mappings of one technique under the filter.
    std::vector<Mapping> mappingsFor(const QString& techniqueId);

    const CoverageIndex& coverage() const { return m_coverage; }

signals:
    void databaseChanged();
    void releaseChanged();
    void filterChanged();

private:
    void loadRelease();
    void rebuildCoverage();

    QString m_path;
    std::unique_ptr<Database> m_db;
    std::vector<Release> m_releases;
    std::optional<Release> m_release;
    std::vector<Tactic> m_tactics;
    std::vector<TechniqueSummary> m_techniques;
    std::vector<FrameworkRelease> m_frameworks;
    QSet<std::int64_t> m_checked;
    CoverageIndex m_coverage;
};

} // namespace attackmap::desktop
