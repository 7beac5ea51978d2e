#include "GapView.h"

#include "Session.h"

#include "attackmap/Error.h"
#include "attackmap/HtmlReport.h"
#include "attackmap/NavigatorLayer.h"
#include "attackmap/Profile.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace attackmap::desktop {

namespace {

QString fromUtf8(const std::string& text) {
    return QString::fromStdString(text);
}

QStandardItem* numberItem(int value) {
    auto* item = new QStandardItem;
    item->setData(value, Qt::DisplayRole); // sorts as a number
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// "aws amazon_guardduty, nist_800_53 SI-04 and 12 more": each capability once.
QString closerText(const TechniqueCoverage& technique) {
    if (technique.closers.empty()) {
        return QObject::tr("open: nothing loaded maps to it");
    }
    QStringList names;
    for (const auto& closer : technique.closers) {
        QString name = fromUtf8(closer.framework + " " + closer.capabilityId);
        if (!names.contains(name)) {
            names << name;
        }
    }
    const int shown = 5;
    if (names.size() <= shown) {
        return names.join(QStringLiteral(", "));
    }
    return QObject::tr("%1 and %2 more")
        .arg(names.mid(0, shown).join(QStringLiteral(", ")))
        .arg(names.size() - shown);
}

bool writeFile(const QString& path, const std::string& content, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(content.data(), static_cast<qint64>(content.size())) !=
            static_cast<qint64>(content.size())) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

GapView::GapView(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);

    auto* bar = new QHBoxLayout;
    m_profileBox = new QComboBox(this);
    m_profileBox->setMinimumContentsLength(24);
    m_groups = new QLineEdit(this);
    m_groups->setPlaceholderText(tr("Rank against groups, e.g. G0016, G0007"));
    m_groups->setClearButtonEnabled(true);
    auto* import = new QPushButton(tr("&Import profile…"), this);
    auto* report = new QPushButton(tr("Export &report…"), this);
    auto* layer = new QPushButton(tr("Export &layer…"), this);
    auto* profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profileBox);
    bar->addWidget(profileLabel);
    bar->addWidget(m_profileBox);
    bar->addWidget(m_groups, 1);
    bar->addWidget(import);
    bar->addWidget(report);
    bar->addWidget(layer);
    layout->addLayout(bar);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_chart = new QChartView(splitter);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(330); // room for fourteen tactic names
    auto* tables = new QSplitter(Qt::Horizontal, splitter);
    m_gapTable = new QTableView(tables);
    m_recommendationTable = new QTableView(tables);
    for (QTableView* table : {m_gapTable, m_recommendationTable}) {
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSortingEnabled(true);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setWordWrap(true);
    }
    m_gapTable->setModel(&m_gaps);
    m_recommendationTable->setModel(&m_recommendations);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    connect(m_profileBox, &QComboBox::currentTextChanged, this, [this] { analyse(); });
    connect(m_groups, &QLineEdit::editingFinished, this, [this] { analyse(); });
    connect(import, &QPushButton::clicked, this, &GapView::chooseImport);
    connect(report, &QPushButton::clicked, this, &GapView::exportReport);
    connect(layer, &QPushButton::clicked, this, &GapView::exportLayer);
    connect(m_gapTable, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit techniqueActivated(m_gaps.item(index.row(), 1)->text());
    });
    connect(&m_session, &Session::databaseChanged, this, [this] { reloadProfiles(); });
    connect(&m_session, &Session::releaseChanged, this, [this] { analyse(); });
    connect(&m_session, &Session::filterChanged, this, [this] { analyse(); });
    reloadProfiles();
}

bool GapView::importProfileFile(const QString& path, QString* error) {
    try {
        ProfileImportOptions options;
        if (m_session.release()) {
            options.release = m_session.release()->spec();
        }
        auto imported = importProfile(m_session.db(), path.toStdString(), options);
        reloadProfiles();
        setProfile(fromUtf8(imported.profile.name));
        if (error) {
            QStringList warnings;
            for (const auto& warning : imported.warnings) {
                warnings << fromUtf8(warning);
            }
            *error = warnings.join(QLatin1Char('\n'));
        }
        return true;
    } catch (const std::exception& e) {
        if (error) {
            *error = QString::fromUtf8(e.what());
        }
        return false;
    }
}

void GapView::setProfile(const QString& name) {
    int index = m_profileBox->findText(name);
    if (index >= 0) {
        m_profileBox->setCurrentIndex(index);
        analyse();
    }
}

void GapView::reloadProfiles() {
    QString current = m_profileBox->currentText();
    QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    if (m_session.isOpen()) {
        for (const auto& profile : listProfiles(m_session.db())) {
            m_profileBox->addItem(fromUtf8(profile.name));
        }
    }
    int index = m_profileBox->findText(current);
    m_profileBox->setCurrentIndex(index >= 0 ? index : 0);
    analyse();
}

void GapView::analyse() {
    m_result.reset();
    QString name = m_profileBox->currentText();
    if (!m_session.isOpen() || !m_session.release() || name.isEmpty()) {
        showResult();
        return;
    }
    CoverageOptions options;
    for (std::int64_t id : m_session.checkedFrameworks()) {
        options.frameworkReleaseIds.push_back(id);
    }
    if (options.frameworkReleaseIds.empty()) {
        options.frameworkReleaseIds.push_back(-1); // nothing checked: nothing read
    }
    for (const QString& group : m_groups->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        options.groups.push_back(group.trimmed().toUpper().toStdString());
    }
    try {
        Profile profile = loadProfile(m_session.db(), name.toStdString());
        m_result = analyseCoverage(m_session.db(), *m_session.release(), profile, options);
    } catch (const std::exception& e) {
        m_summary->setText(QString::fromUtf8(e.what()));
    }
    showResult();
}

void GapView::showResult() {
    m_gaps.clear();
    m_recommendations.clear();
    m_gaps.setHorizontalHeaderLabels({tr("#"), tr("Technique"), tr("Name"), tr("Weight"),
                                      tr("Groups"), tr("Campaigns"), tr("KEV"), tr("Closable by")});
    m_recommendations.setHorizontalHeaderLabels(
        {tr("#"), tr("Capability"), tr("Gaps closed"), tr("Added weight"), tr("Techniques")});
    if (!m_result) {
        if (m_profileBox->count() == 0) {
            m_summary->setText(tr("No coverage profile yet: import one (CSV "
                                  "framework,capability_id,status, JSON or a Navigator layer)."));
        }
        showChart();
        return;
    }
    const CoverageResult& result = *m_result;
    int total = 0;
    for (int count : result.levels) {
        total += count;
    }
    int covered = total - result.levels[0];
    m_summary->setText(
        tr("%1 of %2 techniques and sub-techniques covered (%3%) under %4 mapping releases; "
           "%5 gaps: %6 closable, %7 open.")
            .arg(covered)
            .arg(total)
            .arg(total ? 100.0 * covered / total : 0.0, 0, 'f', 1)
            .arg(result.frameworkReleases.size())
            .arg(result.levels[0])
            .arg(result.closableGaps)
            .arg(result.openGaps));

    int rank = 0;
    for (int index : result.rankedGaps) {
        const auto& technique = result.techniques[static_cast<std::size_t>(index)];
        m_gaps.appendRow({numberItem(++rank), new QStandardItem(fromUtf8(technique.attackId)),
                          new QStandardItem(fromUtf8(technique.name)), numberItem(technique.weight),
                          numberItem(technique.groups), numberItem(technique.campaigns),
                          numberItem(technique.kevMappings),
                          new QStandardItem(closerText(technique))});
    }
    rank = 0;
    for (const auto& recommendation : result.recommendations) {
        auto* capability = new QStandardItem(
            fromUtf8(recommendation.framework + " " + recommendation.capabilityId));
        capability->setToolTip(fromUtf8(recommendation.description));
        QStringList closes;
        for (const auto& id : recommendation.closes) {
            closes << fromUtf8(id);
        }
        m_recommendations.appendRow({numberItem(++rank), capability,
                                     numberItem(static_cast<int>(recommendation.closes.size())),
                                     numberItem(recommendation.addedWeight),
                                     new QStandardItem(closes.join(QStringLiteral(", ")))});
    }
    m_gapTable->resizeColumnsToContents();
    m_recommendationTable->resizeColumnsToContents();
    showChart();
}

void GapView::showChart() {
    auto* chart = new QChart;
    chart->setTitle(tr("Coverage per tactic"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    if (m_result) {
        auto* series = new QHorizontalStackedBarSeries;
        const char* labels[] = {"gap", "mapped", "minimal", "partial", "significant"};
        for (int level = 4; level >= 0; --level) {
            auto* set = new QBarSet(tr(labels[level]));
            set->setColor(QColor(
                QString::fromStdString(levelColor(static_cast<attackmap::CoverageLevel>(level)))));
            // Tactics from the bottom up, so that the first reads at the top.
            for (auto tactic = m_result->tactics.rbegin(); tactic != m_result->tactics.rend();
                 ++tactic) {
                *set << tactic->levels[static_cast<std::size_t>(level)];
            }
            series->append(set);
        }
        QStringList tactics;
        for (auto tactic = m_result->tactics.rbegin(); tactic != m_result->tactics.rend();
             ++tactic) {
            tactics << fromUtf8(tactic->name);
        }
        chart->addSeries(series);
        auto* categories = new QBarCategoryAxis;
        categories->append(tactics);
        QFont small = categories->labelsFont();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        categories->setLabelsFont(small);
        chart->addAxis(categories, Qt::AlignLeft);
        series->attachAxis(categories);
        auto* counts = new QValueAxis;
        counts->setLabelFormat(QStringLiteral("%d"));
        chart->addAxis(counts, Qt::AlignBottom);
        series->attachAxis(counts);
    }
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

void GapView::chooseImport() {
    QString path = QFileDialog::getOpenFileName(this, tr("Import a coverage profile"), QString(),
                                                tr("Profiles (*.csv *.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QString message;
    if (!importProfileFile(path, &message)) {
        QMessageBox::warning(this, tr("Profile not imported"), message);
    } else if (!message.isEmpty()) {
        QMessageBox::information(this, tr("Profile imported, with notes"), message);
    }
}

void GapView::exportReport() {
    if (!m_result) {
        return;
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export gap report"), QStringLiteral("gap-report.html"), tr("HTML (*.html)"));
    if (path.isEmpty()) {
        return;
    }
    HtmlReportOptions options;
    options.generatedAt = QDateTime::currentDateTimeUtc()
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                              .toStdString();
    QString error;
    if (!writeFile(path, htmlReport(*m_result, options), &error)) {
        QMessageBox::warning(this, tr("Report not written"), error);
    }
}

void GapView::exportLayer() {
    if (!m_result) {
        return;
    }
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export Navigator layer"),
                                     QStringLiteral("layer.json"), tr("Navigator layer (*.json)"));
    QString error;
    if (!path.isEmpty() && !writeFile(path, navigatorLayer(*m_result).dump(2) + "\n", &error)) {
        QMessageBox::warning(this, tr("Layer not written"), error);
    }
}

} // namespace attackmap::desktop
