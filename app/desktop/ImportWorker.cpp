#include "ImportWorker.h"

#include "Logging.h"

#include "attackmap/AttackImporter.h"
#include "attackmap/Database.h"
#include "attackmap/Error.h"
#include "attackmap/FileKind.h"
#include "attackmap/MappingImporter.h"

#include <QFileInfo>

namespace attackmap::desktop {

namespace {

ImportReport importFile(Database& db, const std::string& path, const ProgressFn& progress) {
    switch (detectFileKind(path)) {
    case FileKind::AttackBundle:
        return importAttackBundle(db, path, {{}, progress});
    case FileKind::MappingJson:
        return importMappingJson(db, path, {nullptr, progress});
    case FileKind::MappingCsv:
        return importMappingCsv(db, path, {nullptr, progress});
    case FileKind::Unknown:
        break;
    }
    throw InputError(path, "", "neither an ATT&CK STIX bundle nor a Mappings Explorer file");
}

} // namespace

ImportWorker::ImportWorker(QString databasePath, QStringList files, QObject* parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_files(std::move(files)) {
    qRegisterMetaType<ImportOutcome>();
}

void ImportWorker::run() {
    emit finished(runNow());
}

ImportOutcome ImportWorker::runNow() {
    ImportOutcome outcome;
    std::optional<Database> db;
    try {
        db.emplace(m_databasePath.toStdString());
    } catch (const std::exception& e) {
        outcome.errors << QString::fromUtf8(e.what());
        return outcome;
    }
    for (const QString& file : m_files) {
        if (m_cancel) {
            outcome.cancelled = true;
            break;
        }
        QString name = QFileInfo(file).fileName();
        ProgressFn progress = [this, name](std::string_view stage, std::size_t done,
                                           std::size_t total) {
            emit this->progress(name, QString::fromUtf8(stage.data(), stage.size()),
                                static_cast<qint64>(done), static_cast<qint64>(total));
            return !m_cancel.load();
        };
        try {
            qCInfo(lcImport) << "importing" << file;
            outcome.reports.push_back(importFile(*db, file.toStdString(), progress));
        } catch (const ImportCancelled&) {
            outcome.cancelled = true;
            qCInfo(lcImport) << "cancelled during" << file;
            break;
        } catch (const std::exception& e) {
            outcome.errors << QString::fromUtf8(e.what());
            qCWarning(lcImport) << "import failed:" << e.what();
        }
    }
    return outcome;
}

} // namespace attackmap::desktop
