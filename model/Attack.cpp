#include "attackmap/Attack.h"

#include "attackmap/Database.h"
#include "attackmap/Error.h"

#include <algorithm>
#include <charconv>

namespace attackmap {

namespace {

ObjectRef readRef(const Statement& stmt, int first) {
    ObjectRef ref;
    ref.id = stmt.integer(first);
    ref.type = stmt.text(first + 1);
    ref.attackId = stmt.text(first + 2);
    ref.name = stmt.text(first + 3);
    ref.revoked = stmt.integer(first + 4) != 0;
    ref.deprecated = stmt.integer(first + 5) != 0;
    return ref;
}

constexpr std::string_view tacticColumns =
    "o.id, coalesce(o.attack_id, ''), t.shortname, o.name, o.description, t.matrix_order";

Tactic readTactic(const Statement& stmt) {
    return {stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4),
            static_cast<int>(stmt.integer(5))};
}

constexpr std::string_view refColumns =
    "o.id, o.type, coalesce(o.attack_id, ''), o.name, o.revoked, o.deprecated";

std::optional<ObjectRef> findRef(Database& db, std::optional<std::int64_t> id) {
    if (!id) {
        return std::nullopt;
    }
    auto stmt = db.prepare(std::string("SELECT ") + std::string(refColumns) +
                           " FROM attack_object o WHERE o.id = ?");
    stmt.bind(1, *id);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return readRef(stmt, 0);
}

/// Turns what a person types into an FTS5 query: each word a quoted prefix.
std::string toFtsQuery(std::string_view text) {
    std::string query;
    std::string word;
    auto flush = [&] {
        if (word.empty()) {
            return;
        }
        if (!query.empty()) {
            query += ' ';
        }
        query += '"' + word + "\"*";
        word.clear();
    };
    for (char c : text) {
        bool separator = c == ' ' || c == '\t' || c == '"' || c == '\n';
        if (separator) {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return query;
}

} // namespace

std::string Technique::status() const {
    if (revoked) {
        return revokedBy ? "revoked (replaced by " + revokedBy->attackId + ")" : "revoked";
    }
    return deprecated ? "deprecated" : "active";
}

int compareVersions(std::string_view a, std::string_view b) {
    auto next = [](std::string_view& text) {
        int value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        text.remove_prefix(static_cast<std::size_t>(end - text.data()));
        if (!text.empty() && text.front() == '.') {
            text.remove_prefix(1);
        }
        return error == std::errc{} ? value : 0;
    };
    while (!a.empty() || !b.empty()) {
        int left = next(a);
        int right = next(b);
        if (left != right) {
            return left < right ? -1 : 1;
        }
    }
    return 0;
}

std::vector<Release> listReleases(Database& db) {
    auto stmt = db.prepare("SELECT id, domain, version, name, stix_version, source_file "
                           "FROM attack_release");
    std::vector<Release> releases;
    while (stmt.step()) {
        releases.push_back({stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3),
                            stmt.text(4), stmt.text(5)});
    }
    std::sort(releases.begin(), releases.end(), [](const Release& a, const Release& b) {
        if (a.domain != b.domain) {
            return a.domain < b.domain;
        }
        return compareVersions(a.version, b.version) < 0;
    });
    return releases;
}

Release resolveRelease(Database& db, std::string_view spec) {
    auto releases = listReleases(db);
    if (releases.empty()) {
        throw NotFound("no ATT&CK release is loaded; import one with 'attackmap import FILE'");
    }
    auto at = spec.find('@');
    std::string_view domain = spec.substr(0, at);
    std::string_view version = at == std::string_view::npos ? "" : spec.substr(at + 1);
    if (domain.empty()) {
        domain = "enterprise";
    }

    // Releases are sorted by version within a domain: the last match is the newest.
    const Release* found = nullptr;
    for (const auto& release : releases) {
        if (release.domain == domain && (version.empty() || release.version == version)) {
            found = &release;
        }
    }
    if (!found && spec.empty()) {
        found = &releases.back();
    }
    if (!found) {
        std::string loaded;
        for (const auto& release : releases) {
            loaded += (loaded.empty() ? "" : ", ") + release.spec();
        }
        throw NotFound("no ATT&CK release '" + std::string(spec) + "'; loaded: " + loaded);
    }
    return *found;
}

std::vector<Tactic> listTactics(Database& db, std::int64_t releaseId) {
    auto stmt = db.prepare("SELECT " + std::string(tacticColumns) +
                           " FROM attack_object o JOIN tactic t ON t.object_id = o.id "
                           "WHERE o.release_id = ? ORDER BY t.matrix_order");
    stmt.bind(1, releaseId);
    std::vector<Tactic> tactics;
    while (stmt.step()) {
        tactics.push_back(readTactic(stmt));
    }
    return tactics;
}

std::vector<TechniqueSummary> listTechniques(Database& db, std::int64_t releaseId) {
    auto stmt = db.prepare(
        "SELECT o.id, o.attack_id, o.name, t.parent_id, o.revoked, o.deprecated, "
        "(SELECT group_concat(tactic_id) FROM technique_tactic WHERE technique_id = o.id) "
        "FROM attack_object o JOIN technique t ON t.object_id = o.id "
        "WHERE o.release_id = ? ORDER BY o.attack_id");
    stmt.bind(1, releaseId);
    std::vector<TechniqueSummary> techniques;
    while (stmt.step()) {
        TechniqueSummary summary;
        summary.id = stmt.integer(0);
        summary.attackId = stmt.text(1);
        summary.name = stmt.text(2);
        if (!stmt.isNull(3)) {
            summary.parentId = stmt.integer(3);
        }
        summary.revoked = stmt.integer(4) != 0;
        summary.deprecated = stmt.integer(5) != 0;
        std::string_view tactics = stmt.textView(6);
        while (!tactics.empty()) {
            auto comma = tactics.find(',');
            std::int64_t tacticId = 0;
            std::from_chars(tactics.data(), tactics.data() + tactics.size(), tacticId);
            summary.tacticIds.push_back(tacticId);
            tactics.remove_prefix(comma == std::string_view::npos ? tactics.size() : comma + 1);
        }
        techniques.push_back(std::move(summary));
    }
    return techniques;
}

std::optional<Technique> findTechnique(Database& db, std::int64_t releaseId,
                                       std::string_view attackId) {
    auto stmt = db.prepare(
        "SELECT o.id, o.stix_id, o.attack_id, o.name, o.description, t.detection, "
        "coalesce(o.url, ''), coalesce(o.object_version, ''), coalesce(o.modified, ''), "
        "t.is_subtechnique, o.revoked, o.deprecated, t.parent_id, t.revoked_by_id "
        "FROM attack_object o JOIN technique t ON t.object_id = o.id "
        "WHERE o.release_id = ? AND o.attack_id = ? COLLATE NOCASE "
        "ORDER BY o.revoked, o.deprecated LIMIT 1");
    stmt.bindAll(releaseId, attackId);
    if (!stmt.step()) {
        return std::nullopt;
    }
    Technique technique;
    technique.id = stmt.integer(0);
    technique.releaseId = releaseId;
    technique.stixId = stmt.text(1);
    technique.attackId = stmt.text(2);
    technique.name = stmt.text(3);
    technique.description = stmt.text(4);
    technique.detection = stmt.text(5);
    technique.url = stmt.text(6);
    technique.objectVersion = stmt.text(7);
    technique.modified = stmt.text(8);
    technique.isSubtechnique = stmt.integer(9) != 0;
    technique.revoked = stmt.integer(10) != 0;
    technique.deprecated = stmt.integer(11) != 0;
    std::optional<std::int64_t> parentId;
    std::optional<std::int64_t> revokedById;
    if (!stmt.isNull(12)) {
        parentId = stmt.integer(12);
    }
    if (!stmt.isNull(13)) {
        revokedById = stmt.integer(13);
    }
    technique.parent = findRef(db, parentId);
    technique.revokedBy = findRef(db, revokedById);

    auto children = db.prepare(std::string("SELECT ") + std::string(refColumns) +
                               " FROM technique t JOIN attack_object o ON o.id = t.object_id "
                               "WHERE t.parent_id = ? ORDER BY o.attack_id");
    children.bind(1, technique.id);
    while (children.step()) {
        technique.subtechniques.push_back(readRef(children, 0));
    }

    auto tactics = db.prepare("SELECT " + std::string(tacticColumns) +
                              " FROM technique_tactic tt JOIN tactic t ON t.object_id = "
                              "tt.tactic_id JOIN attack_object o ON o.id = t.object_id "
                              "WHERE tt.technique_id = ? ORDER BY t.matrix_order");
    tactics.bind(1, technique.id);
    while (tactics.step()) {
        technique.tactics.push_back(readTactic(tactics));
    }

    auto platforms = db.prepare(
        "SELECT platform FROM technique_platform WHERE technique_id = ? ORDER BY position");
    platforms.bind(1, technique.id);
    while (platforms.step()) {
        technique.platforms.push_back(platforms.text(0));
    }
    return technique;
}

std::optional<ObjectRef> findObject(Database& db, std::int64_t releaseId, std::string_view type,
                                    std::string_view attackId) {
    auto stmt = db.prepare(std::string("SELECT ") + std::string(refColumns) +
                           " FROM attack_object o WHERE o.release_id = ? AND o.type = ? AND "
                           "o.attack_id = ? COLLATE NOCASE ORDER BY o.revoked, o.deprecated "
                           "LIMIT 1");
    stmt.bindAll(releaseId, type, attackId);
    if (!stmt.step()) {
        return std::nullopt;
    }
    return readRef(stmt, 0);
}

std::vector<RelatedObject> relatedObjects(Database& db, std::int64_t techniqueId) {
    auto stmt = db.prepare(
        std::string("SELECT ") + std::string(refColumns) +
        ", r.type, r.description FROM relationship r JOIN attack_object o ON o.id = r.source_id "
        "WHERE r.target_id = ? AND r.type IN ('uses', 'mitigates', 'detects') "
        "ORDER BY r.type, o.type, o.attack_id, o.name");
    stmt.bind(1, techniqueId);
    std::vector<RelatedObject> related;
    while (stmt.step()) {
        related.push_back({readRef(stmt, 0), stmt.text(6), stmt.text(7)});
    }
    return related;
}

std::vector<SearchHit> search(Database& db, std::string_view text, int limit) {
    std::string query = toFtsQuery(text);
    if (query.empty()) {
        return {};
    }
    auto stmt = db.prepare(
        "SELECT kind, ref, scope, title, snippet(search_index, 4, '[', ']', '...', 12) "
        "FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?");
    stmt.bindAll(query, limit);
    std::vector<SearchHit> hits;
    while (stmt.step()) {
        hits.push_back({stmt.text(0), stmt.text(2), stmt.integer(1), stmt.text(3), stmt.text(4)});
    }
    return hits;
}

} // namespace attackmap
