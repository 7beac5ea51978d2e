#include "Session.h"

#include "Logging.h"

#include "attackmap/Error.h"

#include <QElapsedTimer>

namespace attackmap::desktop {

Session::Session(QObject* parent) : QObject(parent) {}

Session::~Session() = default;

void Session::open(const QString& path) {
    auto db = std::make_unique<Database>(path.toStdString());
    m_db = std::move(db);
    m_path = path;
    m_release.reset();
    m_checked.clear();
    reload();
    emit databaseChanged();
}

Database& Session::db() {
    if (!m_db) {
        throw NotFound("no database is open");
    }
    return *m_db;
}

void Session::reload() {
    m_releases = listReleases(*m_db);
    auto frameworks = listFrameworkReleases(*m_db);

    // Framework releases that are new since the last read start checked.
    QSet<std::int64_t> known;
    for (const auto& framework : m_frameworks) {
        known.insert(framework.id);
    }
    QSet<std::int64_t> checked;
    for (const auto& framework : frameworks) {
        if (m_checked.contains(framework.id) || !known.contains(framework.id)) {
            checked.insert(framework.id);
        }
    }
    m_frameworks = std::move(frameworks);
    m_checked = checked;

    std::optional<std::int64_t> keep;
    if (m_release) {
        for (const auto& release : m_releases) {
            if (release.id == m_release->id) {
                keep = release.id;
            }
        }
    }
    m_release.reset();
    if (keep) {
        for (const auto& release : m_releases) {
            if (release.id == *keep) {
                m_release = release;
            }
        }
    } else if (!m_releases.empty()) {
        m_release = resolveRelease(*m_db, "");
    }
    loadRelease();
}

void Session::setRelease(std::int64_t releaseId) {
    for (const auto& release : m_releases) {
        if (release.id == releaseId && (!m_release || m_release->id != releaseId)) {
            m_release = release;
            loadRelease();
            emit releaseChanged();
            return;
        }
    }
}

void Session::loadRelease() {
    m_tactics.clear();
    m_techniques.clear();
    if (m_release) {
        m_tactics = listTactics(*m_db, m_release->id);
        m_techniques = listTechniques(*m_db, m_release->id);
    }
    rebuildCoverage();
}

void Session::setFrameworkChecked(std::int64_t id, bool checked) {
    QSet<std::int64_t> ids = m_checked;
    if (checked) {
        ids.insert(id);
    } else {
        ids.remove(id);
    }
    setCheckedFrameworks(ids);
}

void Session::setCheckedFrameworks(const QSet<std::int64_t>& ids) {
    if (ids == m_checked) {
        return;
    }
    m_checked = ids;
    rebuildCoverage();
    emit filterChanged();
}

std::optional<MappingFilter> Session::mappingFilter() const {
    if (m_checked.isEmpty()) {
        return std::nullopt;
    }
    MappingFilter filter;
    for (const auto& framework : m_frameworks) {
        if (m_checked.contains(framework.id)) {
            filter.frameworkReleaseIds.push_back(framework.id);
        }
    }
    if (m_release) {
        filter.domain = m_release->domain;
    }
    return filter;
}

std::vector<Mapping> Session::mappingsFor(const QString& techniqueId) {
    auto filter = mappingFilter();
    if (!filter || !m_db) {
        return {};
    }
    return mappingsForTechnique(*m_db, techniqueId.toStdString(), *filter);
}

void Session::rebuildCoverage() {
    m_coverage = {};
    auto filter = mappingFilter();
    if (!m_db || !m_release || !filter) {
        return;
    }
    QElapsedTimer timer;
    timer.start();
    std::vector<QString> ids;
    ids.reserve(m_techniques.size());
    for (const auto& technique : m_techniques) {
        ids.push_back(QString::fromStdString(technique.attackId));
    }
    m_coverage = CoverageIndex::build(*m_db, ids, *filter);
    qCDebug(lcUi) << "coverage of" << ids.size() << "techniques in" << timer.elapsed() << "ms";
}

} // namespace attackmap::desktop
