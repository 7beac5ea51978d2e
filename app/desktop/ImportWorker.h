#pragma once

#include "attackmap/ImportReport.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace attackmap::desktop {

/// What an import run did, file by file.
struct ImportOutcome {
    std::vector<ImportReport> reports;
    QStringList errors; // one line per failed file, naming it
    bool cancelled = false;
};

/// Imports files on a worker thread through its own Database connection
/// (SQLite connections must not be shared across threads). Each file is one
/// transaction; cancelling rolls back the file in progress and skips the rest.
class ImportWorker : public QObject {
    Q_OBJECT

public:
    ImportWorker(QString databasePath, QStringList files, QObject* parent = nullptr);

    /// Asks the import to stop at its next progress report; thread-safe.
    void cancel() { m_cancel = true; }

    /// Runs on the calling thread; also what the worker thread calls.
    ImportOutcome runNow();

signals:
    void progress(const QString& file, const QString& stage, qint64 done, qint64 total);
    void finished(const attackmap::desktop::ImportOutcome& outcome);

public slots:
    void run();

private:
    QString m_databasePath;
    QStringList m_files;
    std::atomic<bool> m_cancel{false};
};

} // namespace attackmap::desktop

Q_DECLARE_METATYPE(attackmap::desktop::ImportOutcome)
